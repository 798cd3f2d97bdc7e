import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/** What kview remembers between runs: the contexts and namespaces used last, most recent first. */
export type KviewState = {
	readonly recentContexts: readonly string[];
	/** Context name -> its namespaces, most recent first (all namespaces is not one of them). */
	readonly recentNamespaces: Readonly<Record<string, readonly string[]>>;
	/** Context name -> the namespace last used there, "" for all namespaces: where the context reopens. */
	readonly lastNamespace?: Readonly<Record<string, string>>;
};

/** How many of each are kept. */
const KEEP = 10;

export const EMPTY_STATE: KviewState = {recentContexts: [], recentNamespaces: {}};

/** `<config dir>/state.json`: written by kview, not meant for editing (config.yaml is). */
export function stateFile(dir: string): string {
	return path.join(dir, 'state.json');
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '').slice(0, KEEP) : [];
}

/** Reads the state; a missing or damaged file is an empty state (it is only a convenience). */
export function loadState(dir: string): KviewState {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(stateFile(dir), 'utf8'));
	} catch {
		return EMPTY_STATE;
	}
	if (!data || typeof data !== 'object') return EMPTY_STATE;
	const o = data as Record<string, unknown>;
	const raw = o['recentNamespaces'];
	const namespaces = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
	const rawLast = o['lastNamespace'];
	const last =
		rawLast && typeof rawLast === 'object' && !Array.isArray(rawLast)
			? Object.fromEntries(
					Object.entries(rawLast as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
				)
			: {};
	return {
		recentContexts: strings(o['recentContexts']),
		recentNamespaces: Object.fromEntries(Object.entries(namespaces).map(([ctx, list]) => [ctx, strings(list)])),
		...(Object.keys(last).length > 0 ? {lastNamespace: last} : {}),
	};
}

function front(list: readonly string[], item: string): string[] {
	return [item, ...list.filter((x) => x !== item)].slice(0, KEEP);
}

/** The state after using a context. */
export function rememberContext(state: KviewState, context: string): KviewState {
	return {...state, recentContexts: front(state.recentContexts, context)};
}

/** The state after using a namespace of a context (undefined: all namespaces, remembered as where it was left but not as a recent one). */
export function rememberNamespace(state: KviewState, context: string, namespace: string | undefined): KviewState {
	const lastNamespace = {...state.lastNamespace, [context]: namespace ?? ''};
	if (namespace === undefined || namespace === '') return {...state, lastNamespace};
	return {
		...state,
		lastNamespace,
		recentNamespaces: {...state.recentNamespaces, [context]: front(state.recentNamespaces[context] ?? [], namespace)},
	};
}

/** Where a context was left: a namespace, undefined for all namespaces, or `fallback` when it was never used. */
export function lastNamespaceOf(state: KviewState, context: string, fallback: string | undefined): string | undefined {
	const last = state.lastNamespace?.[context];
	if (last === undefined) return fallback;
	return last === '' ? undefined : last;
}

/** Writes the state (atomically, so two kviews never leave half a file); resolves to an error message or undefined. */
export function saveState(dir: string, state: KviewState): string | undefined {
	const file = stateFile(dir);
	const temp = `${file}.${process.pid}.tmp`;
	try {
		mkdirSync(dir, {recursive: true});
		writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
		renameSync(temp, file);
		return undefined;
	} catch (error) {
		try {
			rmSync(temp, {force: true});
		} catch {
			// The directory itself is what failed; there is no temp file to leave behind.
		}
		return `cannot remember recent contexts in ${dir}: ${error instanceof Error ? error.message : String(error)}`;
	}
}
