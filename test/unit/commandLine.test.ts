import {describe, expect, it} from 'vitest';
import {commandWords, completeCommand, parseCommandLine, type CommandLineAction} from '../../src/model/commandLine.js';
import {viewCrumb} from '../../src/model/screens.js';

/** The `:` names as loadConfig builds them from views (kind and aliases -> kind). */
const ALIASES: ReadonlyMap<string, string> = new Map([
	['pods', 'pods'],
	['po', 'pods'],
	['pod', 'pods'],
	['deployments', 'deployments'],
	['deploy', 'deployments'],
	['deployment', 'deployments'],
	['dp', 'deployments'],
	['namespaces', 'namespaces'],
	['ns', 'namespaces'],
	['namespace', 'namespaces'],
	['nodes', 'nodes'],
	['no', 'nodes'],
	['node', 'nodes'],
]);

describe('parseCommandLine', () => {
	it.each<[string, string, CommandLineAction]>([
		['a view by kind', 'pods', {type: 'view', kind: 'pods'}],
		['a view by alias', 'po', {type: 'view', kind: 'pods'}],
		['another alias', 'dp', {type: 'view', kind: 'deployments'}],
		['surrounding spaces', '   deploy   ', {type: 'view', kind: 'deployments'}],
		['a view in a namespace', 'po shop', {type: 'view', kind: 'pods', namespace: 'shop'}],
		['several spaces between words', 'po    shop', {type: 'view', kind: 'pods', namespace: 'shop'}],
		['a view in "all" is passed on for the app to widen', 'deploy all', {type: 'view', kind: 'deployments', namespace: 'all'}],
		['ns alone opens the namespaces view', 'ns', {type: 'view', kind: 'namespaces'}],
		['namespace alone too', 'namespace', {type: 'view', kind: 'namespaces'}],
		['ns with a name switches namespace', 'ns shop', {type: 'namespace', namespace: 'shop'}],
		['namespace with a name', 'namespace payments', {type: 'namespace', namespace: 'payments'}],
		['ns all means every namespace', 'ns all', {type: 'namespace', namespace: undefined}],
		['ns -A means every namespace', 'ns -A', {type: 'namespace', namespace: undefined}],
		['q quits', 'q', {type: 'quit'}],
		['quit quits', 'quit', {type: 'quit'}],
		['q! quits', 'q!', {type: 'quit'}],
		['help', 'help', {type: 'help'}],
		['nodes (cluster-scoped) with a word still parses', 'no x', {type: 'view', kind: 'nodes', namespace: 'x'}],
	])('%s: %j', (_name, text, want) => {
		expect(parseCommandLine(text, ALIASES)).toEqual(want);
	});

	it('ns without a namespaces view falls back to the kind name', () => {
		expect(parseCommandLine('ns', new Map([['pods', 'pods']]))).toEqual({type: 'view', kind: 'namespaces'});
	});

	it.each<[string, string, RegExp]>([
		['empty', '', /^type a view name, e\.g\. :pods$/],
		['blank', '   ', /^type a view name/],
		['too many words', 'po shop extra', /^too many words in ":po shop extra"$/],
		['a typo gets the closest word', 'podz', /^no view called "podz" \(did you mean :pod\?\)$/],
		['a transposition', 'depoly', /^no view called "depoly" \(did you mean :deploy\?\)$/],
		['a typo of a built-in', 'hlp', /did you mean :help\?/],
		['case matters (suggests the lower-case word)', 'Pods', /^no view called "Pods" \(did you mean :pods\?\)$/],
		['nothing close: no suggestion', 'xyzzy', /^no view called "xyzzy"$/],
	])('%s is an error: %j', (_name, text, message) => {
		const action = parseCommandLine(text, ALIASES);
		expect(action.type).toBe('error');
		if (action.type === 'error') expect(action.message).toMatch(message);
	});

	it('user aliases work like view aliases', () => {
		const withUser = new Map([...ALIASES, ['pp', 'pods']]);
		expect(parseCommandLine('pp kube-system', withUser)).toEqual({type: 'view', kind: 'pods', namespace: 'kube-system'});
	});
});

describe('commandWords', () => {
	it('lists views, aliases and built-ins once each, sorted', () => {
		const words = commandWords(ALIASES);
		expect(words).toEqual([...words].sort());
		expect(new Set(words).size).toBe(words.length);
		for (const w of ['pods', 'po', 'dp', 'ns', 'namespace', 'q', 'q!', 'quit', 'help']) expect(words).toContain(w);
		expect(words.filter((w) => w === 'ns')).toHaveLength(1);
	});
});

describe('completeCommand', () => {
	const words = commandWords(ALIASES);
	it.each<[string, string, number | undefined, string[]]>([
		['nothing typed: the first words', '', undefined, words.slice(0, 5)],
		['nothing typed with a limit', '', 2, words.slice(0, 2)],
		['a prefix', 'po', undefined, ['po', 'pod', 'pods']],
		['prefixes come first, in order', 'dep', 3, ['deploy', 'deployment', 'deployments']],
		['a prefix beats a fuzzy hit', 'nod', 2, ['node', 'nodes']],
		['fuzzy when nothing starts with it', 'pds', undefined, ['pods']],
		['fuzzy on a transposition', 'depoly', undefined, ['deploy', 'deployment', 'deployments']],
		['only the first word counts', 'po shop', undefined, ['po', 'pod', 'pods']],
		['surrounding spaces', '  po ', undefined, ['po', 'pod', 'pods']],
		['nothing close', 'xyzzy', undefined, []],
		['q', 'q', 3, ['q', 'q!', 'quit']],
	])('%s: %j', (_name, input, limit, want) => {
		expect(completeCommand(input, words, limit)).toEqual(want);
	});

	it.each(['d', 'n', 'p', 'de', 'no'])('never more than the limit and no duplicates: %j', (input) => {
		const out = completeCommand(input, words, 4);
		expect(out.length).toBeLessThanOrEqual(4);
		expect(new Set(out).size).toBe(out.length);
		const prefixed = words.filter((w) => w.startsWith(input));
		expect(out.slice(0, Math.min(4, prefixed.length))).toEqual(prefixed.slice(0, 4));
	});

	it('works on a different word list with the same contents (no stale cache)', () => {
		expect(completeCommand('sv', ['svc', 'services'])).toEqual(['svc']);
		expect(completeCommand('sv', ['sva'])).toEqual(['sva']);
	});
});

describe('viewCrumb', () => {
	it.each<[string, boolean, string | undefined, string]>([
		['pods', true, 'shop', 'pods(shop)'],
		['pods', true, undefined, 'pods(all)'],
		['nodes', false, undefined, 'nodes'],
		['nodes', false, 'shop', 'nodes'],
	])('%s namespaced=%s in %s -> %s', (kind, namespaced, namespace, crumb) => {
		expect(viewCrumb(kind, namespaced, namespace)).toBe(crumb);
	});
});
