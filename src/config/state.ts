import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/** What kview remembers between runs: the contexts and namespaces used last, most recent first. */
export type KviewState = {
	readonly recentContexts: readonly string[];
	/** Context name -> its namespaces, most recent first ("" would be all namespaces and is not kept). */
	readonly recentNamespaces: Readonly<Record<string, readonly string[]>>;
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
	return {
		recentContexts: strings(o['recentContexts']),
		recentNamespaces: Object.fromEntries(Object.entries(namespaces).map(([ctx, list]) => [ctx, strings(list)])),
	};
}

function front(list: readonly string[], item: string): string[] {
	return [item, ...list.filter((x) => x !== item)].slice(0, KEEP);
}

/** The state after using a context. */
export function rememberContext(state: KviewState, context: string): KviewState {
	return {...state, recentContexts: front(state.recentContexts, context)};
}

/** The state after using a namespace of a context. */
export function rememberNamespace(state: KviewState, context: string, namespace: string): KviewState {
	return {...state, recentNamespaces: {...state.recentNamespaces, [context]: front(state.recentNamespaces[context] ?? [], namespace)}};
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
