import {commandById} from '../keys/commands.js';
import {editableText, keptEditText, onlyStatusChanged, readEdit} from '../model/editText.js';
import {forwardPorts, parsePortPair} from '../model/ports.js';
import {pruneSummary} from '../model/prune.js';
import type {ViewDef} from '../model/view.js';
import type {ActionRequest, ResourceObject, Source} from '../sources/types.js';
import {editText} from './editor.js';
import type {FlashLevel} from './screenApi.js';

/** The row an action is for. */
export type ActionRow = {readonly key: string; readonly name: string; readonly object: ResourceObject};

/** What actions need from the shell: messages, questions, the terminal. */
export type ActionContext = {
	/** The source behind a view; undefined while its engine is not open. */
	readonly sourceOf: (view: ViewDef) => Source | undefined;
	readonly readonly: boolean;
	readonly flash: (level: FlashLevel, text: string) => void;
	/** Asks with buttons (the first is Cancel, where the dialog starts); calls back with the chosen index > 0. */
	readonly confirm: (message: string, buttons: readonly string[], onAccept: (index: number) => void) => void;
	/** Asks for a line of text, prefilled. */
	readonly ask: (label: string, initial: string, onSubmit: (text: string) => void) => void;
	/** Hands the terminal to a child process while `run` runs. */
	readonly suspend: (run: () => Promise<void>) => Promise<void>;
	/** Puts text on the user's clipboard. */
	readonly clipboard: (text: string) => void;
	readonly fetchObject: (kind: string, key: string) => Promise<ResourceObject | undefined>;
};

/** What the flash line says while an action that may take a while runs. */
const PROGRESS: Partial<Record<ActionRequest['action'], string>> = {
	start: 'starting',
	stop: 'stopping',
	restart: 'restarting',
	kill: 'killing',
	delete: 'deleting',
	drain: 'draining',
	prune: 'pruning',
};

type Runner = (command: string, view: ViewDef, row: ActionRow | undefined, rows?: readonly ActionRow[]) => void;

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** `deployments` -> `deployment`, for questions and messages. */
function singular(view: ViewDef): string {
	return view.title.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '');
}

/**
 * Builds the resource-action runner: refuses what the view does not offer and,
 * under --readonly, whatever changes the cluster; asks first where an action is
 * destructive; reports the outcome in the flash line. Edits refused by the server
 * are kept per object and reopened by the next edit.
 */
export function actionRunner(ctx: ActionContext): Runner {
	const keptEdits = new Map<string, string>();

	/** Runs the request on the view's source; `name` is what messages call the object, `verb` the action (its request name by default). */
	const perform = (view: ViewDef, request: ActionRequest, name: string, verb: string = request.action) => {
		const what = `${verb} ${name}`;
		const source = ctx.sourceOf(view);
		// Some take a while (a container gets ten seconds to stop): say at once that it is under way.
		const progress = PROGRESS[request.action];
		if (source?.act && progress) ctx.flash('info', `${progress} ${name}…`);
		if (!source?.act) return Promise.resolve(ctx.flash('warn', `${what} is not available on the ${source?.engine ?? view.engine} source`));
		return source.act(request).then(
			(message) => ctx.flash('info', message),
			(error: unknown) => ctx.flash('error', `${what}: ${reason(error)}`),
		);
	};

	const edit = async (view: ViewDef, row: ActionRow) => {
		const id = `${view.kind}/${row.key}`;
		let original: ResourceObject | undefined;
		try {
			original = await ctx.fetchObject(view.kind, row.key);
		} catch (error) {
			return ctx.flash('error', `edit ${row.name}: ${reason(error)}`);
		}
		const source = ctx.sourceOf(view);
		if (!original || !source) return ctx.flash('warn', `edit is not available on the ${view.engine} source`);
		const start = keptEdits.get(id) ?? editableText(original);
		let saved: string | undefined;
		let failure: string | undefined;
		await ctx.suspend(async () => {
			try {
				saved = await editText(start, `${singular(view)}-${row.name}.yaml`);
			} catch (error) {
				failure = reason(error);
			}
		});
		if (failure !== undefined || saved === undefined) return ctx.flash('error', `edit ${row.name}: ${failure ?? 'nothing saved'}`);
		const result = readEdit(saved, original);
		switch (result.type) {
			case 'empty':
				keptEdits.delete(id);
				return ctx.flash('info', `edit of ${row.name} cancelled`);
			case 'unchanged':
				keptEdits.delete(id);
				return ctx.flash('info', `${row.name} unchanged`);
			case 'invalid':
				keptEdits.set(id, saved);
				return ctx.flash('error', `edit ${row.name}: ${result.message}; press e to fix it`);
			case 'changed':
				if (!source.act) return ctx.flash('warn', `edit is not available on the ${source.engine} source`);
				try {
					ctx.flash('info', await source.act({action: 'replace', kind: view.kind, key: row.key, object: result.object}));
					keptEdits.delete(id);
				} catch (error) {
					let message = reason(error);
					// On a conflict, learn the latest version so the kept edit can be saved over it knowingly.
					const conflict = /has been modified|Conflict/i.test(message);
					const latest = conflict ? await ctx.fetchObject(view.kind, row.key).catch(() => undefined) : undefined;
					const latestRv = (latest?.['metadata'] as {resourceVersion?: string} | undefined)?.resourceVersion;
					// Only a controller's status write came between: nothing of anyone's is lost by saving over it.
					if (latest && latestRv !== undefined && onlyStatusChanged(original, latest)) {
						const rebased = {...result.object, metadata: {...(result.object['metadata'] as object), resourceVersion: latestRv}};
						try {
							ctx.flash('info', await source.act({action: 'replace', kind: view.kind, key: row.key, object: rebased}));
							keptEdits.delete(id);
							return;
						} catch (again) {
							message = reason(again);
						}
					}
					keptEdits.set(id, keptEditText(result.object, message, latestRv));
					ctx.flash(
						'error',
						`edit ${row.name} refused: ${conflict ? 'someone changed it meanwhile' : message}; your edit is kept, press e to continue`,
					);
				}
		}
	};

	const portForward = async (view: ViewDef, row: ActionRow) => {
		// Workload rows keep no ports; the whole object has the pod template's.
		const object =
			view.kind === 'pods' || view.kind === 'services'
				? row.object
				: ((await ctx.fetchObject(view.kind, row.key).catch(() => undefined)) ?? row.object);
		const [first] = forwardPorts(object);
		ctx.ask(`port-forward ${singular(view)} ${row.key} (local:remote) `, first ? `${first}:${first}` : '', (text) => {
			const pair = parsePortPair(text);
			if ('error' in pair) return ctx.flash('error', `port-forward: ${pair.error}`);
			void perform(
				view,
				{action: 'portForward', kind: view.kind, key: row.key, localPort: pair.local, remotePort: pair.remote},
				row.name,
				'port-forward',
			);
		});
	};

	/** Delete, or for Docker remove: a pod may go at once, a container with its anonymous volumes, an image by force. */
	const remove = (view: ViewDef, row: ActionRow, what: string) => {
		const target = {kind: view.kind, key: row.key};
		const request = (index: number): ActionRequest => {
			if (view.kind === 'pods' && index === 2) return {action: 'delete', ...target, gracePeriodSeconds: 0};
			if (view.engine === 'docker' && view.kind === 'containers' && index === 2) return {action: 'delete', ...target, removeVolumes: true};
			if (view.engine === 'docker' && view.kind === 'images' && index === 2) return {action: 'delete', ...target, force: true};
			return {action: 'delete', ...target};
		};
		if (view.engine !== 'docker') {
			// A pod may be deleted at once as well (kubectl delete --grace-period=0 --force).
			const buttons = view.kind === 'pods' ? ['Cancel', 'Delete', 'Delete now'] : ['Cancel', 'Delete'];
			return ctx.confirm(`Delete ${what}?`, buttons, (index) => void perform(view, request(index), row.name));
		}
		const state = (row.object['docker'] as {state?: string} | undefined)?.state;
		const running = view.kind === 'containers' && (state === 'running' || state === 'paused' || state === 'restarting');
		const buttons =
			view.kind === 'containers'
				? ['Cancel', 'Remove', 'Remove with volumes']
				: view.kind === 'images'
					? ['Cancel', 'Remove', 'Force']
					: ['Cancel', 'Remove'];
		ctx.confirm(`Remove ${what}${running ? ` (${state}: it is killed first)` : ''}?`, buttons, (index) => {
			void perform(view, request(index), row.name, 'remove');
		});
	};

	const prune = (view: ViewDef, rows: readonly ActionRow[]) => {
		const summary = pruneSummary(
			view.kind,
			rows.map((r) => r.object),
		);
		if (!summary) return ctx.flash('warn', `${view.title} cannot be pruned`);
		if (summary.count === 0) return ctx.flash('info', `nothing to prune: ${summary.text}`);
		ctx.confirm(`Prune ${summary.text}?`, ['Cancel', 'Prune'], () => {
			void perform(view, {action: 'prune', kind: view.kind, key: ''}, view.kind);
		});
	};

	return (command, view, row, rows = []) => {
		const def = commandById(command);
		const action = command.slice('resource.'.length);
		if (!view.actions.includes(command)) return ctx.flash('warn', `${view.title}: ${action} is not offered for this kind`);
		if (def?.mutating && ctx.readonly) return ctx.flash('error', `read-only mode: ${action} refused (started with --readonly)`);
		if (command === 'resource.prune') return prune(view, rows);
		if (!row) return;
		const docker = view.engine === 'docker';
		// Questions name the object fully (namespace/name): in an all-namespaces view the name alone may be ambiguous.
		// A Docker name is unique on its engine, and its key a 64-digit id.
		const what = `${singular(view)} ${docker ? row.name : row.key}`;
		const run = (request: ActionRequest) => void perform(view, request, row.name);
		const ask = (verb: string, request: ActionRequest) => ctx.confirm(`${verb} ${what}?`, ['Cancel', verb], () => run(request));
		const target = {kind: view.kind, key: row.key};
		const state = (row.object['docker'] as {state?: string} | undefined)?.state;
		switch (command) {
			case 'resource.copy':
				ctx.clipboard(row.name);
				return ctx.flash('info', `copied ${row.name}`);
			case 'resource.edit':
				return void edit(view, row);
			case 'resource.delete':
				return remove(view, row, what);
			case 'resource.kill':
				return ask('Kill', {action: 'kill', ...target});
			case 'resource.scale': {
				const replicas = (row.object['spec'] as {replicas?: number} | undefined)?.replicas ?? 1;
				return ctx.ask(`scale ${what} to `, String(replicas), (text) => {
					const n = Number(text.trim());
					if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n))
						return ctx.flash('error', `scale: "${text}" is not a number of replicas`);
					run({action: 'scale', ...target, replicas: n});
				});
			}
			case 'resource.restart':
				return ask('Restart', {action: 'restart', ...target});
			case 'resource.cordon':
				return ask('Cordon', {action: 'cordon', ...target});
			case 'resource.uncordon':
				return ask('Uncordon', {action: 'uncordon', ...target});
			case 'resource.drain':
				return ask('Drain', {action: 'drain', ...target});
			case 'resource.trigger':
				return ask('Trigger', {action: 'trigger', ...target});
			case 'resource.portForward':
				return void portForward(view, row);
			case 'resource.stopForward':
				return void perform(view, {action: 'stopForward', ...target}, row.name, 'stop');
			case 'resource.startStop':
				// Stopping takes the container's work away, so it asks; starting does not.
				return state === 'running' || state === 'paused' || state === 'restarting'
					? ask('Stop', {action: 'stop', ...target})
					: run({action: 'start', ...target});
			case 'resource.pause':
				if (state === 'paused') return run({action: 'unpause', ...target});
				if (state === 'running') return run({action: 'pause', ...target});
				return ctx.flash('warn', `${row.name} is ${state ?? 'not running'}: only a running container can be paused`);
			case 'resource.rename':
				return ctx.ask(`rename ${what} to `, row.name, (text) => {
					const name = text.trim();
					if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name))
						return ctx.flash('error', `rename: "${text}" is not a container name (letters, digits, _ . -)`);
					if (name !== row.name) run({action: 'rename', ...target, name});
				});
			default:
				return ctx.flash('warn', `${action} is not available on the ${ctx.sourceOf(view)?.engine ?? view.engine} source yet`);
		}
	};
}
