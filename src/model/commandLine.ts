import {XRAY_KINDS} from './xray.js';
import {parseLabelSelector} from './labelSelector.js';
import Fuse from 'fuse.js';

/** What a `:` line asks for. */
export type CommandLineAction =
	| {readonly type: 'view'; readonly kind: string; readonly namespace?: string}
	| {readonly type: 'namespace'; readonly namespace: string | undefined}
	/** Switch the Kubernetes context (`:ctx NAME`) or the Docker engine (`:dctx NAME`). */
	| {readonly type: 'context'; readonly engine: 'kubernetes' | 'docker'; readonly context: string}
	/** Tail every pod (or Docker container) a label selector picks, now and as they come: stern's query. */
	| {readonly type: 'logs'; readonly selector: string; readonly namespace?: string}
	/** The xray tree of a kind (any of its names), in a namespace or all. */
	| {readonly type: 'xray'; readonly kind: string; readonly namespace?: string}
	| {readonly type: 'quit'}
	| {readonly type: 'help'}
	| {readonly type: 'error'; readonly message: string}
	/** A word no view answers to: perhaps a kind the cluster serves without a views file (a CRD). */
	| {readonly type: 'unknown'; readonly word: string; readonly namespace?: string; readonly message: string};

/** Built-in `:` words beside the views. */
const BUILTINS: Readonly<Record<string, string>> = {
	q: 'quit',
	quit: 'quit',
	'q!': 'quit',
	help: 'help',
	ns: 'namespace',
	namespace: 'namespace',
	ctx: 'context',
	context: 'context',
	dctx: 'dockerContext',
	logs: 'logs',
	xray: 'xray',
};

/** Every word the `:` line completes: view kinds, their aliases and the built-ins. */
export function commandWords(aliases: ReadonlyMap<string, string>): string[] {
	return [...new Set([...aliases.keys(), ...Object.keys(BUILTINS)])].sort();
}

/**
 * Interprets a `:` line: `pods`, `po shop` (a view in a namespace), `ns shop`,
 * `ns all`, `q`. Unknown words get a message naming the closest match.
 */
export function parseCommandLine(text: string, aliases: ReadonlyMap<string, string>): CommandLineAction {
	const [word = '', arg, ...rest] = text.trim().split(/\s+/);
	if (word === '') return {type: 'error', message: 'type a view name, e.g. :pods'};
	const builtin = BUILTINS[word];
	if (builtin === 'logs') {
		if (arg === undefined) return {type: 'error', message: 'say whose logs by label: :logs app=web (and a namespace after it, or all)'};
		const parsed = parseLabelSelector(arg);
		if ('error' in parsed) return {type: 'error', message: `:logs ${arg}: ${parsed.error}`};
		if (rest.length > 1) return {type: 'error', message: `too many words in ":${text.trim()}"`};
		return rest[0] === undefined ? {type: 'logs', selector: arg} : {type: 'logs', selector: arg, namespace: rest[0]};
	}
	if (rest.length > 1 || (rest.length > 0 && builtin !== 'xray')) return {type: 'error', message: `too many words in ":${text.trim()}"`};
	if (builtin === 'xray') {
		const kind = arg === undefined ? undefined : aliases.get(arg);
		if (!kind || !(kind in XRAY_KINDS)) {
			// Each kind by its shortest name, so the list fits a narrow flash line.
			const shortest = (k: string) =>
				[...aliases].filter(([, to]) => to === k).reduce((best, [name]) => (name.length < best.length ? name : best), k);
			return {type: 'error', message: `xray draws ${Object.keys(XRAY_KINDS).map(shortest).join(' ')}: e.g. :xray deploy`};
		}
		return rest[0] === undefined ? {type: 'xray', kind} : {type: 'xray', kind, namespace: rest[0]};
	}
	if (builtin === 'quit') return {type: 'quit'};
	if (builtin === 'help') return {type: 'help'};
	if (builtin === 'namespace') {
		if (arg === undefined) return {type: 'view', kind: aliases.get('namespaces') ?? 'namespaces'};
		return {type: 'namespace', namespace: arg === 'all' || arg === '-A' ? undefined : arg};
	}
	if (builtin === 'context') {
		if (arg === undefined) return {type: 'view', kind: aliases.get('contexts') ?? 'contexts'};
		return {type: 'context', engine: 'kubernetes', context: arg};
	}
	if (builtin === 'dockerContext') {
		if (arg === undefined) return {type: 'view', kind: aliases.get('dockercontexts') ?? 'dockercontexts'};
		return {type: 'context', engine: 'docker', context: arg};
	}
	const kind = aliases.get(word);
	if (!kind) {
		const [closest] = completeCommand(word, commandWords(aliases), 1);
		const message = `no view called "${word}"${closest ? ` (did you mean :${closest}?)` : ''}`;
		return arg === undefined ? {type: 'unknown', word, message} : {type: 'unknown', word, namespace: arg, message};
	}
	return arg === undefined ? {type: 'view', kind} : {type: 'view', kind, namespace: arg};
}

const fuseCache = new WeakMap<readonly string[], Fuse<string>>();

/** The `:` words whose argument names a namespace, a context or a Docker engine, for completing it. */
export function argumentKind(text: string): 'namespace' | 'context' | 'dockerContext' | undefined {
	const [word, ...rest] = text.trimStart().split(/\s+/);
	if (rest.length !== 1) return undefined;
	const builtin = BUILTINS[word ?? ''];
	return builtin === 'namespace' || builtin === 'context' || builtin === 'dockerContext' ? builtin : undefined;
}

/**
 * Completions for the argument of `:ns` or `:ctx` (whole lines, so the prompt can
 * show the rest as ghost text): names starting with what is typed, in the order
 * given (most recent first), then fuzzy hits.
 */
export function completeArgument(text: string, names: readonly string[], limit = 5): string[] {
	const [word = '', typed = ''] = text.trimStart().split(/\s+/);
	const prefixed = names.filter((n) => n.startsWith(typed));
	const fuzzy = typed === '' ? [] : new Fuse([...names], {threshold: 0.4, ignoreLocation: true}).search(typed).map((r) => r.item);
	return [...new Set([...prefixed, ...fuzzy])].slice(0, limit).map((n) => `${word} ${n}`);
}

/** Fuzzy completions for the first word of a `:` line, best first; exact prefixes beat fuzzy hits. */
export function completeCommand(input: string, words: readonly string[], limit = 5): string[] {
	const query = input.trim().split(/\s+/)[0] ?? '';
	if (query === '') return words.slice(0, limit);
	let fuse = fuseCache.get(words);
	if (!fuse) {
		fuse = new Fuse([...words], {threshold: 0.4, ignoreLocation: true});
		fuseCache.set(words, fuse);
	}
	const prefixed = words.filter((w) => w.startsWith(query));
	const fuzzy = fuse.search(query).map((r) => r.item);
	return [...new Set([...prefixed, ...fuzzy])].slice(0, limit);
}
