// `kview dump VIEW`: one view's table, printed once, for scripts and terminals too plain for the UI.
// Nothing here may import Ink or React: a dump must start as fast as `kubectl get`.
import type {Config} from './config/index.js';
import {UsageError} from './errors.js';
import {sanitizeCell} from './model/sanitize.js';
import {expanders} from './model/containers.js';
import {discoveredView} from './model/discoveredView.js';
import {TableModel, type SortState} from './model/table.js';
import {formatJsonRows, formatTextTable} from './model/textTable.js';
import {engineOf, type EngineName, type ViewDef} from './model/view.js';
import type {Scope, Source} from './sources/types.js';
import {Store, type FeedHandle} from './store/index.js';

/** How `kview dump` prints: kubectl's table, its `-o wide`, or a JSON array of row objects. */
export type DumpFormat = 'table' | 'wide' | 'json';

/** The `-o` values `kview dump` takes. */
export const DUMP_FORMATS: Readonly<Record<string, DumpFormat>> = {wide: 'wide', json: 'json'};

/** A source ready to be read, as cli.ts opens it for the UI. */
export type DumpSource = {
	readonly source: Source;
	/** The namespace when neither -n nor -A says: the context's; undefined is all. */
	readonly defaultNamespace: string | undefined;
	readonly close: () => Promise<void> | void;
};

/** What `kview dump` was asked for, as cli.ts parsed it. */
export type DumpRequest = {
	/** The view as typed: a kind or any alias. */
	readonly view: string;
	/** `-o`; undefined is the plain table. */
	readonly output: string | undefined;
	/** `-n`; ignored with `-A` and for cluster-scoped views. */
	readonly namespace: string | undefined;
	/** `-A` */
	readonly allNamespaces: boolean;
	readonly config: Config;
	/** Opens the engine's source for the given kinds (the kubeconfig's context, the Docker engine, the demo, a fixture). */
	readonly open: (engine: EngineName, kubeKinds: string[], allKinds: string[]) => Promise<DumpSource>;
	/** Writes to stdout; resolves once written (the process exits right after). */
	readonly stdout: (text: string) => Promise<void> | void;
	/** Writes to stderr, likewise. */
	readonly stderr: (text: string) => Promise<void> | void;
};

/** How long a dump waits for a list before giving up; real use takes the defaults. */
export type DumpTiming = {
	/** While the source is retrying (connection refused, a TLS failure, 5xx), give up this long after the start. */
	readonly retryMs: number;
	/**
	 * With no answer at all (a request that neither succeeds nor fails), give up this long after the
	 * start. Long, because a big cluster's paged list legitimately takes a while and this cannot tell
	 * the two apart; a blackholed server fails here, or sooner when the TCP connect times out.
	 */
	readonly giveUpMs: number;
};

/** About 10 s from a refused connection to the exit: the source's backoff has then tried at 0, 1, 3 and 7 s. */
export const DEFAULT_DUMP_TIMING: DumpTiming = {retryMs: 8_000, giveUpMs: 60_000};

/** A dump that could not get its list (unreachable, forbidden, not served): one line, exit code 1. */
export class DumpError extends Error {
	override readonly name = 'DumpError';
}

/** Resolves `-o`; unknown formats are a usage error. */
export function dumpFormat(output: string | undefined): DumpFormat {
	if (output === undefined) return 'table';
	const format = DUMP_FORMATS[output];
	if (!format) throw new UsageError(`unknown output format "${output}" (kview dump takes -o wide or -o json)`);
	return format;
}

/** The view a name means: a kind or an alias, as `--view` and the `:` prompt resolve it. */
export function dumpView(config: Config, name: string): ViewDef {
	const view = config.views.get(config.aliases.get(name) ?? name);
	if (!view) throw new UsageError(`no view called "${name}" (views: ${[...config.views.keys()].sort().join(', ')})`);
	return view;
}

/**
 * Waits for the feed's first full list. The source retries forever for the UI; a dump
 * gives up at once when the source says it failed (401, 403, a kind not served), and
 * after `timing.retryMs` while it is still reconnecting.
 */
export function firstList(handle: FeedHandle, label: string, timing: DumpTiming, clock: () => number = Date.now): Promise<void> {
	const started = clock();
	return new Promise((resolve, reject) => {
		let timer: NodeJS.Timeout | undefined;
		let unsubscribe: () => void = () => undefined;
		const finish = (error?: DumpError) => {
			clearTimeout(timer);
			unsubscribe();
			if (error) reject(error);
			else resolve();
		};
		const check = () => {
			const {feed} = handle;
			if (feed.synced) return finish();
			const {state} = feed;
			const elapsed = clock() - started;
			if (state.phase === 'failed') return finish(new DumpError(sanitizeCell(state.reason)));
			if (state.phase === 'reconnecting' && elapsed >= timing.retryMs)
				return finish(new DumpError(`${sanitizeCell(state.reason)} (gave up after ${Math.round(elapsed / 1000)} s)`));
			if (elapsed >= timing.giveUpMs) return finish(new DumpError(`no answer from ${label} in ${Math.round(elapsed / 1000)} s`));
			// Re-armed on every check: a timer may fire a millisecond before the clock agrees the
			// deadline has passed, and a dump left with no timer would wait forever.
			const next = elapsed < timing.retryMs ? timing.retryMs : timing.giveUpMs;
			clearTimeout(timer);
			timer = setTimeout(check, Math.max(1, next - elapsed));
		};
		unsubscribe = handle.subscribe(check);
		check();
	});
}

/** The view's default sort as a column index of the active columns (NAME if the sort column is not showing), as the UI sorts. */
function defaultSort(model: TableModel, view: ViewDef): SortState {
	const index = model.columnIndex(view.sort.column);
	return index >= 0
		? {column: index, descending: view.sort.descending}
		: {column: Math.max(0, model.columnIndex('NAME')), descending: false};
}

/** What a dump prints: stdout and stderr texts. */
export type DumpOutput = {readonly stdout: string; readonly stderr: string};

/**
 * Lists one view of a source once and renders it: the same feed, store, TableModel,
 * columns, computed cells and sort as the UI's table, laid out as `kubectl get` prints.
 * `namespace` undefined means all namespaces (and cluster-scoped views take no namespace).
 * JSON rows carry every column, wide ones included: width does not matter there.
 */
export async function dumpTable(
	source: Source,
	view: ViewDef,
	namespace: string | undefined,
	format: DumpFormat,
	timing: DumpTiming = DEFAULT_DUMP_TIMING,
	clock: () => number = Date.now,
): Promise<DumpOutput> {
	// A view of another kind's parts (containers) lists that kind and expands it, as the table does.
	const expander = view.rowsFrom ? expanders[view.rowsFrom] : undefined;
	const kind = expander?.kind ?? view.kind;
	if (!source.kinds().includes(kind)) throw new UsageError(`${source.label} does not serve the view "${view.kind}"`);
	const scope: Scope = view.namespaced && namespace !== undefined ? {namespace} : {};
	// No UI to keep smooth: notify at once.
	const store = new Store(0);
	const handle = store.open(source, kind, scope);
	try {
		await firstList(handle, source.label, timing, clock);
	} finally {
		// The list is all a dump needs: stop the watch that follows it.
		handle.close();
		store.closeAll();
	}
	const allNamespaces = view.namespaced && scope.namespace === undefined;
	const model = new TableModel(view, {wide: format !== 'table', allNamespaces}, clock);
	const objects = expander ? expander.expand(handle.feed.objects) : handle.feed.objects;
	const {rows} = model.build(objects, handle.feed.version, defaultSort(model, view), {type: 'none'});
	const headers = model.columns.map((c) => c.header);
	const cells = rows.map((row) => row.cells);
	if (format === 'json') return {stdout: formatJsonRows(headers, cells), stderr: ''};
	if (rows.length === 0) {
		// kubectl's words, to the letter: scripts match them.
		const message =
			scope.namespace === undefined ? 'No resources found' : `No resources found in ${sanitizeCell(scope.namespace)} namespace.`;
		return {stdout: '', stderr: `${message}\n`};
	}
	return {stdout: formatTextTable(headers, cells), stderr: ''};
}

/** `kview dump VIEW [-n NS | -A] [-o wide|json]`: prints the table once; resolves to the exit code. */
export async function runDump(request: DumpRequest, timing: DumpTiming = DEFAULT_DUMP_TIMING): Promise<number> {
	const format = dumpFormat(request.output);
	const {config} = request;
	const known = config.views.get(config.aliases.get(request.view) ?? request.view);
	const opened = await request.open(
		known ? engineOf(known) : 'kubernetes',
		[...config.views.values()].filter((v) => v.engine === 'kubernetes').map((v) => v.kind),
		[...config.views.keys()],
	);
	try {
		// A kind without a views file (a CRD) is dumped with the server's own Table columns, as in the UI.
		const discovered = known || !opened.source.discoverKind ? undefined : await opened.source.discoverKind(request.view);
		const view = known ?? (discovered ? discoveredView(discovered) : dumpView(config, request.view));
		const namespace = request.allNamespaces ? undefined : (request.namespace ?? opened.defaultNamespace);
		const out = await dumpTable(opened.source, view, namespace, format, timing);
		await request.stdout(out.stdout);
		await request.stderr(out.stderr);
		return 0;
	} finally {
		await opened.close();
	}
}
