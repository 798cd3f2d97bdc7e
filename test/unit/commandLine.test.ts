import {describe, expect, it} from 'vitest';
import {
	argumentKind,
	commandWords,
	completeArgument,
	completeCommand,
	parseCommandLine,
	type CommandLineAction,
} from '../../src/model/commandLine.js';
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
		['logs by label', 'logs app=web,tier!=db', {type: 'logs', selector: 'app=web,tier!=db'}],
		['xray of a kind by alias', 'xray deploy', {type: 'xray', kind: 'deployments'}],
		['xray in a namespace', 'xray no all', {type: 'xray', kind: 'nodes', namespace: 'all'}],
		[
			'xray of a kind it does not draw',
			'xray po',
			{
				type: 'error',
				// The test's aliases know short names for deployments, nodes and namespaces only.
				message: 'xray draws dp statefulsets daemonsets jobs cronjobs services ingresses no ns: e.g. :xray deploy',
			},
		],
		['logs by label in a namespace', 'logs app=web shop', {type: 'logs', selector: 'app=web', namespace: 'shop'}],
		[
			'logs without a selector',
			'logs',
			{type: 'error', message: 'say whose logs by label: :logs app=web (and a namespace after it, or all)'},
		],
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
		// An unknown word may still be a kind the cluster serves (a CRD); it carries the message to show if not.
		expect(['error', 'unknown']).toContain(action.type);
		if (action.type === 'error' || action.type === 'unknown') expect(action.message).toMatch(message);
	});

	it('an unknown word is offered to discovery, with its namespace', () => {
		expect(parseCommandLine('databases shop', ALIASES)).toEqual({
			type: 'unknown',
			word: 'databases',
			namespace: 'shop',
			message: 'no view called "databases"',
		});
		expect(parseCommandLine('db', ALIASES)).toMatchObject({type: 'unknown', word: 'db'});
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

describe('contexts on the : line', () => {
	/** The aliases with a contexts view, as loadConfig builds them when views/contexts.json exists. */
	const WITH_CONTEXTS: ReadonlyMap<string, string> = new Map([
		...ALIASES,
		['contexts', 'contexts'],
		['context', 'contexts'],
		['ctx', 'contexts'],
	]);

	it.each<[string, string, ReadonlyMap<string, string>, CommandLineAction]>([
		['ctx alone opens the contexts view', 'ctx', WITH_CONTEXTS, {type: 'view', kind: 'contexts'}],
		['context alone too', 'context', WITH_CONTEXTS, {type: 'view', kind: 'contexts'}],
		['ctx alone with surrounding spaces', '  ctx  ', WITH_CONTEXTS, {type: 'view', kind: 'contexts'}],
		['ctx alone without a contexts view falls back to the kind name', 'ctx', ALIASES, {type: 'view', kind: 'contexts'}],
		['the contexts view by its kind name', 'contexts', WITH_CONTEXTS, {type: 'view', kind: 'contexts'}],
		['ctx with a name switches context', 'ctx prod', ALIASES, {type: 'context', engine: 'kubernetes', context: 'prod'}],
		['context with a name switches context', 'context prod', ALIASES, {type: 'context', engine: 'kubernetes', context: 'prod'}],
		[
			'a view alias ctx does not shadow the built-in switch',
			'ctx prod',
			WITH_CONTEXTS,
			{type: 'context', engine: 'kubernetes', context: 'prod'},
		],
		[
			'a name with the punctuation of real contexts',
			'ctx arn:aws:eks:eu-west-1:1:cluster/prod',
			ALIASES,
			{type: 'context', engine: 'kubernetes', context: 'arn:aws:eks:eu-west-1:1:cluster/prod'},
		],
		['several spaces between words', 'ctx    dev', ALIASES, {type: 'context', engine: 'kubernetes', context: 'dev'}],
		['"all" is just a name for contexts', 'ctx all', ALIASES, {type: 'context', engine: 'kubernetes', context: 'all'}],
		['dctx alone opens the Docker engines view', 'dctx', ALIASES, {type: 'view', kind: 'dockercontexts'}],
		['dctx with a name switches the Docker engine', 'dctx colima', ALIASES, {type: 'context', engine: 'docker', context: 'colima'}],
	])('%s: %j', (_name, text, aliases, want) => {
		expect(parseCommandLine(text, aliases)).toEqual(want);
	});

	it('ctx with too many words is an error', () => {
		expect(parseCommandLine('ctx prod dev', ALIASES)).toEqual({type: 'error', message: 'too many words in ":ctx prod dev"'});
	});

	it('ctx and context are : words', () => {
		const words = commandWords(ALIASES);
		expect(words).toContain('ctx');
		expect(words).toContain('context');
	});
});

describe('argumentKind', () => {
	it.each<[string, ReturnType<typeof argumentKind>]>([
		['ns sh', 'namespace'],
		['namespace sh', 'namespace'],
		['ns ', 'namespace'],
		['  ns shop', 'namespace'],
		['ctx ', 'context'],
		['ctx pr', 'context'],
		['context pr', 'context'],
		['dctx co', 'dockerContext'],
		['pods x', undefined],
		['po ', undefined],
		['ns', undefined],
		['ctx', undefined],
		['', undefined],
		['ns a b', undefined],
		['ctx a ', undefined],
		['q x', undefined],
		['help x', undefined],
		['NS shop', undefined],
	])('%j -> %s', (text, want) => {
		expect(argumentKind(text)).toBe(want);
	});
});

describe('completeArgument', () => {
	const NAMESPACES = ['shop', 'payments', 'shipping'];

	it.each<[string, string, readonly string[], number | undefined, string[]]>([
		['prefix matches as whole lines, in the given order', 'ns sh', NAMESPACES, undefined, ['ns shop', 'ns shipping']],
		['the given order, not alphabetical', 'ns sh', ['shipping', 'payments', 'shop'], undefined, ['ns shipping', 'ns shop']],
		['the word typed is kept', 'namespace sh', NAMESPACES, undefined, ['namespace shop', 'namespace shipping']],
		['for contexts too', 'ctx de', ['prod', 'dev', 'demo'], undefined, ['ctx dev', 'ctx demo']],
		['nothing typed: all names, in order', 'ns ', NAMESPACES, undefined, ['ns shop', 'ns payments', 'ns shipping']],
		['nothing typed, with a limit', 'ctx ', ['a', 'b', 'c', 'd'], 2, ['ctx a', 'ctx b']],
		[
			'nothing typed: the default limit is five',
			'ns ',
			['a', 'b', 'c', 'd', 'e', 'f', 'g'],
			undefined,
			['ns a', 'ns b', 'ns c', 'ns d', 'ns e'],
		],
		['a limit cuts prefix matches', 'ns sh', NAMESPACES, 1, ['ns shop']],
		['fuzzy when nothing starts with it', 'ns pymnts', NAMESPACES, undefined, ['ns payments']],
		['prefix first, then fuzzy, even when the fuzzy one is given first', 'ns sho', ['xshop', 'shop'], undefined, ['ns shop', 'ns xshop']],
		['nothing close', 'ns zzzz', NAMESPACES, undefined, []],
		['no names', 'ns sh', [], undefined, []],
		['leading spaces are not kept', '  ns sh', NAMESPACES, undefined, ['ns shop', 'ns shipping']],
	])('%s: %j', (_name, text, names, limit, want) => {
		expect(completeArgument(text, names, limit)).toEqual(want);
	});

	it('an exact name comes first and once; fuzzy neighbours may follow', () => {
		const out = completeArgument('ns shop', NAMESPACES);
		expect(out[0]).toBe('ns shop');
		expect(out.filter((l) => l === 'ns shop')).toHaveLength(1);
	});

	it('a one-letter prefix: its matches first, in the given order, before any fuzzy hit', () => {
		expect(completeArgument('ctx d', ['prod', 'dev', 'demo']).slice(0, 2)).toEqual(['ctx dev', 'ctx demo']);
	});

	it('duplicate names are listed once', () => {
		expect(completeArgument('ns ', ['shop', 'shop', 'payments'])).toEqual(['ns shop', 'ns payments']);
	});

	it.each(['s', 'p', 'sh', 'i', ''])('never more than the limit, prefixes first: %j', (typed) => {
		const names = ['shop', 'payments', 'shipping', 'staging', 'sandbox', 'prod', 'ingress', 'istio-system'];
		const out = completeArgument(`ns ${typed}`, names, 3);
		expect(out.length).toBeLessThanOrEqual(3);
		expect(new Set(out).size).toBe(out.length);
		const prefixed = names.filter((n) => n.startsWith(typed)).map((n) => `ns ${n}`);
		expect(out.slice(0, Math.min(3, prefixed.length))).toEqual(prefixed.slice(0, 3));
	});
});
