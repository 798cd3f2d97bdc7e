import {describe, expect, it} from 'vitest';
import {describeKey, parseBinding, parseKey, tokensFromInk, type InkKey} from '../../src/keys/keySpec.js';
import {KeyMatcher, type Bindings, type MatchResult} from '../../src/keys/matcher.js';
import {NO_KEY} from '../helpers/inkKey.js';

describe('parseKey', () => {
	it.each<[string, string]>([
		['j', 'j'],
		['G', 'G'],
		['?', '?'],
		[':', ':'],
		['/', '/'],
		['=', '='],
		['+', '+'],
		['é', 'é'],
		['shift+g', 'G'],
		['SHIFT+g', 'G'],
		['shift+G', 'G'],
		['ctrl+d', 'ctrl+d'],
		['ctrl+D', 'ctrl+d'],
		['Ctrl+d', 'ctrl+d'],
		['ctrl++', 'ctrl++'],
		['ctrl+shift+d', 'ctrl+d'],
		['shift+ctrl+d', 'ctrl+d'],
		['alt+x', 'alt+x'],
		['meta+x', 'alt+x'],
		['alt+shift+g', 'alt+G'],
		['ctrl+alt+delete', 'ctrl+alt+delete'],
		['alt+ctrl+delete', 'ctrl+alt+delete'],
		['enter', 'enter'],
		['Enter', 'enter'],
		['return', 'enter'],
		['esc', 'esc'],
		['escape', 'esc'],
		['ESC', 'esc'],
		['pgup', 'pageup'],
		['pgdn', 'pagedown'],
		['PageDown', 'pagedown'],
		['del', 'delete'],
		['space', 'space'],
		[' ', 'space'],
		['tab', 'tab'],
		['shift+tab', 'shift+tab'],
		['shift+right', 'shift+right'],
		['ctrl+space', 'ctrl+space'],
		['up', 'up'],
		['home', 'home'],
		['backspace', 'backspace'],
	])('%j -> %j', (text, key) => {
		expect(parseKey(text)).toEqual({key});
	});

	it.each([
		['an unknown name', 'foo'],
		['a modifier with nothing after it', 'ctrl+'],
		['a modifier with an unknown name', 'ctrl+foo'],
		['an empty string', ''],
		['two characters', 'jj'],
		['a function key kview does not know', 'f1'],
		['an unknown modifier', 'hyper+x'],
	])('%s is an error naming the key', (_name, text) => {
		const result = parseKey(text);
		expect(result).toHaveProperty('error');
		if ('error' in result) {
			expect(result.error).toContain(`unknown key "${text}"`);
			expect(result.error).toContain('enter');
		}
	});
});

describe('parseBinding', () => {
	it.each<[string, string[]]>([
		['j', ['j']],
		['g g', ['g', 'g']],
		['  g    g  ', ['g', 'g']],
		['ctrl+w', ['ctrl+w']],
		['g shift+g', ['g', 'G']],
		['z z enter', ['z', 'z', 'enter']],
		[' ', ['space']],
	])('%j -> %j', (text, keys) => {
		expect(parseBinding(text)).toEqual({keys});
	});

	it.each([
		['g foo', 'unknown key "foo"'],
		['', 'unknown key ""'],
		['ctrl+ x', 'unknown key "ctrl+"'],
	])('%j is an error', (text, message) => {
		const result = parseBinding(text);
		expect(result).toHaveProperty('error');
		if ('error' in result) expect(result.error).toContain(message);
	});
});

describe('tokensFromInk', () => {
	it.each<[string, string, Partial<InkKey>, string[]]>([
		['a printable key', 'j', {}, ['j']],
		['a burst of two is split into two keys', 'jj', {}, ['j', 'j']],
		['a burst of mixed keys', 'jjkG', {}, ['j', 'j', 'k', 'G']],
		['a capital letter with shift', 'G', {shift: true}, ['G']],
		['space', ' ', {}, ['space']],
		['spaces inside a burst', 'a b', {}, ['a', 'space', 'b']],
		['an emoji is one key', '👍j', {}, ['👍', 'j']],
		['nothing', '', {}, []],
		['ctrl+letter', 'd', {ctrl: true}, ['ctrl+d']],
		['ctrl with an upper-case letter', 'D', {ctrl: true, shift: true}, ['ctrl+d']],
		['ctrl+space', ' ', {ctrl: true}, ['ctrl+space']],
		['alt+letter', 'x', {meta: true}, ['alt+x']],
		['alt+letter with escape also set by Ink', 'x', {meta: true, escape: true}, ['alt+x']],
		['a bare escape', '', {escape: true}, ['esc']],
		['up arrow', '', {upArrow: true}, ['up']],
		['down arrow', '', {downArrow: true}, ['down']],
		['left arrow', '', {leftArrow: true}, ['left']],
		['right arrow', '', {rightArrow: true}, ['right']],
		['shift+right', '', {rightArrow: true, shift: true}, ['shift+right']],
		['ctrl+alt+up', '', {upArrow: true, ctrl: true, meta: true}, ['ctrl+alt+up']],
		['page up', '', {pageUp: true}, ['pageup']],
		['page down', '', {pageDown: true}, ['pagedown']],
		['home', '', {home: true}, ['home']],
		['end', '', {end: true}, ['end']],
		['enter', '\r', {return: true}, ['enter']],
		['tab', '\t', {tab: true}, ['tab']],
		['shift+tab', '', {tab: true, shift: true}, ['shift+tab']],
		['backspace', '', {backspace: true}, ['backspace']],
		['delete', '', {delete: true}, ['delete']],
	])('%s', (_name, input, flags, tokens) => {
		expect(tokensFromInk(input, {...NO_KEY, ...flags})).toEqual(tokens);
	});

	it.each<[string, string, Partial<InkKey>]>([
		['shift+g', 'G', {shift: true}],
		['ctrl+d', 'd', {ctrl: true}],
		['esc', '', {escape: true}],
		['enter', '\r', {return: true}],
		['shift+tab', '', {tab: true, shift: true}],
		['alt+x', 'x', {meta: true}],
		['space', ' ', {}],
		['pgdn', '', {pageDown: true}],
	])('what Ink reports for %j is the token the keymap parses', (binding, input, flags) => {
		const parsed = parseKey(binding);
		expect(parsed).toHaveProperty('key');
		if ('key' in parsed) expect(tokensFromInk(input, {...NO_KEY, ...flags})).toEqual([parsed.key]);
	});
});

describe('describeKey', () => {
	it.each<[string, string]>([
		['j', 'j'],
		['G', 'G'],
		['space', '<space>'],
		['enter', '<enter>'],
		['pagedown', '<pagedown>'],
		['ctrl+d', 'ctrl+d'],
		['shift+tab', 'shift+tab'],
	])('%s -> %s', (token, text) => {
		expect(describeKey(token)).toBe(text);
	});
});

describe('KeyMatcher', () => {
	const bindings: Bindings = new Map([
		['nav.down', [['j'], ['down']]],
		['nav.up', [['k']]],
		['nav.top', [['g', 'g'], ['home']]],
		['nav.bottom', [['G']]],
		['table.sortNext', [['z', 'z', 'n']]],
		['table.sortPrev', [['z', 'z', 'p']]],
		['resource.describe', [['d']]],
		['prompt.cancel', [['esc']]],
	]);
	const all = () => true;
	const cmd = (command: string): MatchResult => ({type: 'command', command});
	const pending: MatchResult = {type: 'pending'};
	const none: MatchResult = {type: 'none'};

	it.each<[string, string[], MatchResult[]]>([
		['a single key', ['j'], [cmd('nav.down')]],
		['a named key', ['down'], [cmd('nav.down')]],
		['a second binding of the same command', ['home'], [cmd('nav.top')]],
		['an unbound key', ['x'], [none]],
		['a sequence: g is pending, g g completes', ['g', 'g'], [pending, cmd('nav.top')]],
		['a sequence then another key', ['g', 'g', 'j'], [pending, cmd('nav.top'), cmd('nav.down')]],
		['g g g starts over', ['g', 'g', 'g'], [pending, cmd('nav.top'), pending]],
		['a dead prefix falls back to the key on its own', ['g', 'j'], [pending, cmd('nav.down')]],
		['a dead prefix then an upper-case G', ['g', 'G'], [pending, cmd('nav.bottom')]],
		['a dead prefix then an unbound key', ['g', 'x'], [pending, none]],
		['a dead prefix is forgotten: g x g g', ['g', 'x', 'g', 'g'], [pending, none, pending, cmd('nav.top')]],
		['a dead prefix that restarts a sequence: g z z n', ['g', 'z', 'z', 'n'], [pending, pending, pending, cmd('table.sortNext')]],
		['three-key sequences sharing a prefix', ['z', 'z', 'p'], [pending, pending, cmd('table.sortPrev')]],
		['a three-key sequence broken at the end', ['z', 'z', 'k'], [pending, pending, cmd('nav.up')]],
	])('%s', (_name, keys, want) => {
		const matcher = new KeyMatcher(bindings);
		expect(keys.map((k) => matcher.feed(k, all))).toEqual(want);
	});

	it.each<[string, (command: string) => boolean, string[], MatchResult[]]>([
		['a command outside the mode does not match', (c) => c !== 'nav.down', ['j'], [none]],
		['a sequence outside the mode is not even pending', (c) => c !== 'nav.top', ['g', 'g'], [none, none]],
		['only prompt commands: table keys are ignored', (c) => c.startsWith('prompt.'), ['j', 'd', 'esc'], [none, none, cmd('prompt.cancel')]],
		['only nav commands: describe is ignored', (c) => c.startsWith('nav.'), ['d', 'j'], [none, cmd('nav.down')]],
	])('allowed filter: %s', (_name, allowed, keys, want) => {
		const matcher = new KeyMatcher(bindings);
		expect(keys.map((k) => matcher.feed(k, allowed))).toEqual(want);
	});

	it('reset forgets a half-typed sequence', () => {
		const matcher = new KeyMatcher(bindings);
		expect(matcher.feed('g', all)).toEqual(pending);
		matcher.reset();
		expect(matcher.feed('g', all)).toEqual(pending);
		expect(matcher.feed('g', all)).toEqual(cmd('nav.top'));
	});

	it('an exact binding wins over a longer sequence that starts with it', () => {
		const matcher = new KeyMatcher(
			new Map([
				['nav.top', [['g', 'g']]],
				['resource.describe', [['g']]],
			]),
		);
		expect(matcher.feed('g', all)).toEqual(cmd('resource.describe'));
		expect(matcher.feed('g', all)).toEqual(cmd('resource.describe'));
	});

	it('an empty binding list never matches', () => {
		const matcher = new KeyMatcher(new Map([['nav.down', []]]));
		expect(matcher.feed('j', all)).toEqual(none);
	});
});
