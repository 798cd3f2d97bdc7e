import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	EMPTY_STATE,
	lastNamespaceOf,
	loadState,
	rememberContext,
	rememberNamespace,
	saveState,
	stateFile,
	type KviewState,
} from '../../src/config/state.js';

const made: string[] = [];

/** A fresh, empty dir, removed after the test. */
function tempDir(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-state-'));
	made.push(dir);
	return dir;
}

/** A dir holding a state.json with exactly this text. */
function withStateText(text: string): string {
	const dir = tempDir();
	writeFileSync(stateFile(dir), text);
	return dir;
}

const withState = (data: unknown) => withStateText(JSON.stringify(data));

/** `n` distinct names: `c0`, `c1`... */
const names = (n: number, prefix = 'c') => Array.from({length: n}, (_, i) => `${prefix}${i}`);

afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

describe('stateFile', () => {
	it('is state.json in the config dir', () => {
		expect(stateFile('/home/u/.config/kview')).toBe(path.join('/home/u/.config/kview', 'state.json'));
	});
});

describe('loadState', () => {
	it('a dir that does not exist is an empty state', () => {
		expect(loadState(path.join(tempDir(), 'missing', 'kview'))).toEqual(EMPTY_STATE);
	});

	it('a dir without state.json is an empty state', () => {
		expect(loadState(tempDir())).toEqual(EMPTY_STATE);
	});

	it.each<[string, string]>([
		['truncated JSON', '{"recentContexts": ["prod"'],
		['not JSON at all', 'recentContexts: [prod]\n'],
		['an empty file', ''],
		['null', 'null'],
		['a number', '42'],
		['a string', '"prod"'],
		['an array', '["prod", "dev"]'],
		['an empty object', '{}'],
	])('damaged or foreign content is an empty state: %s', (_name, text) => {
		expect(loadState(withStateText(text))).toEqual(EMPTY_STATE);
	});

	it('reads a well-formed file as written', () => {
		const state: KviewState = {recentContexts: ['prod', 'dev'], recentNamespaces: {prod: ['shop', 'payments'], dev: ['default']}};
		expect(loadState(withState(state))).toEqual(state);
	});

	it.each<[string, unknown, readonly string[]]>([
		['a string instead of a list', 'prod', []],
		['an object instead of a list', {prod: true}, []],
		['a number instead of a list', 3, []],
		['non-strings are dropped', ['prod', 1, null, true, {}, ['x'], 'dev'], ['prod', 'dev']],
		['empty strings are dropped', ['', 'prod', '', 'dev'], ['prod', 'dev']],
		['more than ten are cut to the first ten', names(12), names(10)],
		['empty strings are dropped before cutting to ten', ['', '', ...names(10)], names(10)],
	])('recentContexts with wrong types: %s', (_name, recentContexts, want) => {
		expect(loadState(withState({recentContexts, recentNamespaces: {}})).recentContexts).toEqual(want);
	});

	it.each<[string, unknown, Record<string, readonly string[]>]>([
		['missing', undefined, {}],
		['null', null, {}],
		['a string', 'shop', {}],
		['a number', 7, {}],
		['a context with a non-list is an empty list', {prod: 'shop'}, {prod: []}],
		[
			'non-strings and empty strings are dropped per context',
			{prod: ['shop', 2, '', 'payments'], dev: [null]},
			{prod: ['shop', 'payments'], dev: []},
		],
		['more than ten per context are cut to ten', {prod: names(15, 'ns'), dev: ['a']}, {prod: names(10, 'ns'), dev: ['a']}],
	])('recentNamespaces with wrong types: %s', (_name, recentNamespaces, want) => {
		expect(loadState(withState({recentContexts: ['prod'], recentNamespaces})).recentNamespaces).toEqual(want);
	});

	it('recentNamespaces that is a list (not a map) is empty', () => {
		expect(loadState(withState({recentContexts: [], recentNamespaces: ['shop']})).recentNamespaces).toEqual({});
	});

	it('one wrong field does not lose the other', () => {
		expect(loadState(withState({recentContexts: 'oops', recentNamespaces: {prod: ['shop']}}))).toEqual({
			recentContexts: [],
			recentNamespaces: {prod: ['shop']},
		});
		expect(loadState(withState({recentContexts: ['prod'], recentNamespaces: 'oops'}))).toEqual({
			recentContexts: ['prod'],
			recentNamespaces: {},
		});
	});
});

describe('rememberContext', () => {
	it.each<[string, readonly string[], string, readonly string[]]>([
		['into an empty list', [], 'prod', ['prod']],
		['a new one goes to the front', ['dev', 'test'], 'prod', ['prod', 'dev', 'test']],
		['a known one moves to the front, once', ['dev', 'prod', 'test'], 'prod', ['prod', 'dev', 'test']],
		['the last one moves to the front', ['dev', 'test', 'prod'], 'prod', ['prod', 'dev', 'test']],
		['the front one stays where it is', ['prod', 'dev'], 'prod', ['prod', 'dev']],
		['an eleventh drops the oldest', names(10), 'new', ['new', ...names(9)]],
		['a known one in a full list keeps all ten', names(10), 'c9', ['c9', ...names(9)]],
	])('%s', (_name, before, context, want) => {
		const state: KviewState = {recentContexts: before, recentNamespaces: {prod: ['shop']}};
		const after = rememberContext(state, context);
		expect(after.recentContexts).toEqual(want);
		expect(after.recentNamespaces).toEqual({prod: ['shop']});
	});

	it('does not change the state it was given', () => {
		const state: KviewState = {recentContexts: ['dev', 'prod'], recentNamespaces: {}};
		rememberContext(state, 'prod');
		expect(state.recentContexts).toEqual(['dev', 'prod']);
	});

	it('many uses never keep more than ten or a duplicate', () => {
		let state = EMPTY_STATE;
		for (const c of [...names(14), 'c3', 'c13', 'c3']) state = rememberContext(state, c);
		expect(state.recentContexts).toEqual(['c3', 'c13', 'c12', 'c11', 'c10', 'c9', 'c8', 'c7', 'c6', 'c5']);
	});
});

describe('rememberNamespace', () => {
	it.each<[string, readonly string[] | undefined, string, readonly string[]]>([
		['the first for a context', undefined, 'shop', ['shop']],
		['a new one goes to the front', ['payments'], 'shop', ['shop', 'payments']],
		['a known one moves to the front, once', ['a', 'shop', 'b'], 'shop', ['shop', 'a', 'b']],
		['an eleventh drops the oldest', names(10, 'ns'), 'shop', ['shop', ...names(9, 'ns')]],
	])('%s', (_name, before, namespace, want) => {
		const state: KviewState = {recentContexts: ['prod'], recentNamespaces: before ? {prod: before} : {}};
		const after = rememberNamespace(state, 'prod', namespace);
		expect(after.recentNamespaces['prod']).toEqual(want);
		expect(after.recentContexts).toEqual(['prod']);
	});

	it('is per context: other contexts keep their lists', () => {
		const state: KviewState = {recentContexts: [], recentNamespaces: {prod: ['shop', 'payments'], dev: ['payments']}};
		const after = rememberNamespace(state, 'dev', 'shop');
		expect(after.recentNamespaces).toEqual({prod: ['shop', 'payments'], dev: ['shop', 'payments']});
	});

	it('does not change the state it was given', () => {
		const state: KviewState = {recentContexts: [], recentNamespaces: {prod: ['a', 'b']}};
		rememberNamespace(state, 'prod', 'b');
		rememberNamespace(state, 'dev', 'c');
		expect(state).toEqual({recentContexts: [], recentNamespaces: {prod: ['a', 'b']}});
	});
});

describe('saveState', () => {
	const state: KviewState = {
		recentContexts: ['prod', 'dev'],
		recentNamespaces: {prod: ['shop', 'payments'], dev: ['default'], 'arn:aws:eks:eu-west-1:1:cluster/x': ['kube-system']},
	};

	it('writes state.json that loadState reads back identically', () => {
		const dir = tempDir();
		expect(saveState(dir, state)).toBeUndefined();
		expect(JSON.parse(readFileSync(stateFile(dir), 'utf8'))).toEqual(state);
		expect(loadState(dir)).toEqual(state);
	});

	it('round-trips a state built by remember*', () => {
		const dir = tempDir();
		let built = EMPTY_STATE;
		for (const c of names(12)) built = rememberNamespace(rememberContext(built, c), c, `ns-${c}`);
		built = rememberNamespace(built, 'c11', 'other');
		expect(saveState(dir, built)).toBeUndefined();
		expect(loadState(dir)).toEqual(built);
	});

	it('round-trips the empty state', () => {
		const dir = tempDir();
		expect(saveState(dir, EMPTY_STATE)).toBeUndefined();
		expect(loadState(dir)).toEqual(EMPTY_STATE);
	});

	it('creates the dir, parents included', () => {
		const dir = path.join(tempDir(), 'a', 'b', 'kview');
		expect(saveState(dir, state)).toBeUndefined();
		expect(loadState(dir)).toEqual(state);
	});

	it('replaces an earlier state', () => {
		const dir = tempDir();
		saveState(dir, state);
		const later = rememberContext(state, 'test');
		expect(saveState(dir, later)).toBeUndefined();
		expect(loadState(dir)).toEqual(later);
	});

	it('leaves only state.json behind (no temp file)', () => {
		const dir = tempDir();
		saveState(dir, state);
		saveState(dir, rememberContext(state, 'x'));
		expect(readdirSync(dir)).toEqual(['state.json']);
	});

	it('a dir under a regular file: a one-line message naming the dir, nothing thrown', () => {
		const file = path.join(tempDir(), 'not-a-dir');
		writeFileSync(file, 'x');
		const dir = path.join(file, 'kview');
		const message = saveState(dir, state);
		expect(message).toBeTypeOf('string');
		expect(message).toContain(dir);
		expect(message).not.toContain('\n');
		expect(readFileSync(file, 'utf8')).toBe('x');
	});

	it('the dir itself being a regular file: a message', () => {
		const file = path.join(tempDir(), 'kview');
		writeFileSync(file, 'x');
		const message = saveState(file, state);
		expect(message).toContain(file);
		expect(message).not.toContain('\n');
	});

	it('a failed rename leaves no temp file behind', () => {
		const dir = tempDir();
		mkdirSync(stateFile(dir));
		expect(saveState(dir, state)).toContain(dir);
		expect(readdirSync(dir)).toEqual(['state.json']);
	});
});

describe('where a context was left', () => {
	it('remembers the last namespace, all namespaces included, and falls back for a context never used', () => {
		let state = rememberNamespace(EMPTY_STATE, 'prod', 'shop');
		expect(lastNamespaceOf(state, 'prod', 'default')).toBe('shop');
		state = rememberNamespace(state, 'prod', undefined);
		expect(lastNamespaceOf(state, 'prod', 'default')).toBeUndefined();
		// All namespaces is where it was left, not a recent namespace.
		expect(state.recentNamespaces['prod']).toEqual(['shop']);
		expect(lastNamespaceOf(state, 'dev', 'default')).toBe('default');
	});

	it('survives a save and a load', () => {
		const dir = tempDir();
		const state = rememberNamespace(rememberNamespace(EMPTY_STATE, 'prod', 'shop'), 'dev', undefined);
		expect(saveState(dir, state)).toBeUndefined();
		const loaded = loadState(dir);
		expect(lastNamespaceOf(loaded, 'prod', 'x')).toBe('shop');
		expect(lastNamespaceOf(loaded, 'dev', 'x')).toBeUndefined();
	});
});
