import {commandById} from '../keys/commands.js';
import {editableText, keptEditText, onlyStatusChanged, readEdit} from '../model/editText.js';
import {forwardPorts, parsePortPair} from '../model/ports.js';
import type {ViewDef} from '../model/view.js';
import type {ActionRequest, ResourceObject, Source} from '../sources/types.js';
import {editText} from './editor.js';
import type {FlashLevel} from './screenApi.js';

/** The row an action is for. */
export type ActionRow = {readonly key: string; readonly name: string; readonly object: ResourceObject};

/** What actions need from the shell: messages, questions, the terminal. */
export type ActionContext = {
	readonly source: Source;
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

type Runner = (command: string, view: ViewDef, row: ActionRow) => void;

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

	const perform = (request: ActionRequest, what: string) => {
		if (!ctx.source.act) return Promise.resolve(ctx.flash('warn', `${what} is not available on the ${ctx.source.engine} source`));
		return ctx.source.act(request).then(
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
		if (!original) return ctx.flash('warn', `edit is not available on the ${ctx.source.engine} source`);
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
				if (!ctx.source.act) return ctx.flash('warn', `edit is not available on the ${ctx.source.engine} source`);
				try {
					ctx.flash('info', await ctx.source.act({action: 'replace', kind: view.kind, key: row.key, object: result.object}));
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
							ctx.flash('info', await ctx.source.act({action: 'replace', kind: view.kind, key: row.key, object: rebased}));
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
				{action: 'portForward', kind: view.kind, key: row.key, localPort: pair.local, remotePort: pair.remote},
				`port-forward ${row.name}`,
			);
		});
	};

	return (command, view, row) => {
		const def = commandById(command);
		const action = command.slice('resource.'.length);
		if (!view.actions.includes(command)) return ctx.flash('warn', `${view.title}: ${action} is not offered for this kind`);
		if (def?.mutating && ctx.readonly) return ctx.flash('error', `read-only mode: ${action} refused (started with --readonly)`);
		// Questions name the object fully (namespace/name): in an all-namespaces view the name alone may be ambiguous.
		const what = `${singular(view)} ${row.key}`;
		const ask = (verb: string, request: ActionRequest) =>
			ctx.confirm(`${verb} ${what}?`, ['Cancel', verb], () => void perform(request, `${action} ${row.name}`));
		const target = {kind: view.kind, key: row.key};
		switch (command) {
			case 'resource.copy':
				ctx.clipboard(row.name);
				return ctx.flash('info', `copied ${row.name}`);
			case 'resource.edit':
				return void edit(view, row);
			case 'resource.delete': {
				// A pod may be deleted at once as well (kubectl delete --grace-period=0 --force).
				const buttons = view.kind === 'pods' ? ['Cancel', 'Delete', 'Delete now'] : ['Cancel', 'Delete'];
				return ctx.confirm(`Delete ${what}?`, buttons, (index) => {
					void perform({action: 'delete', ...target, ...(index === 2 ? {gracePeriodSeconds: 0} : {})}, `delete ${row.name}`);
				});
			}
			case 'resource.kill':
				return ask('Kill', {action: 'delete', ...target, gracePeriodSeconds: 0});
			case 'resource.scale': {
				const replicas = (row.object['spec'] as {replicas?: number} | undefined)?.replicas ?? 1;
				return ctx.ask(`scale ${what} to `, String(replicas), (text) => {
					const n = Number(text.trim());
					if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n))
						return ctx.flash('error', `scale: "${text}" is not a number of replicas`);
					void perform({action: 'scale', ...target, replicas: n}, `scale ${row.name}`);
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
				return void perform({action: 'stopForward', ...target}, `stop ${row.name}`);
			default:
				return ctx.flash('warn', `${action} is not available on the ${ctx.source.engine} source yet`);
		}
	};
}
