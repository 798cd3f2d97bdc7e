import {describe, expect, it} from 'vitest';
import {KeyMatcher, type Bindings, type MatchResult} from '../../src/keys/matcher.js';

const cmd = (command: string): MatchResult => ({type: 'command', command});
const pending: MatchResult = {type: 'pending'};
const none: MatchResult = {type: 'none'};
const all = () => true;
const only =
	(...commands: string[]) =>
	(command: string) =>
		commands.includes(command);

/** Resource commands sharing keys, as a keymap may bind them (`s` is shell on pods, scale on workloads). */
const bindings: Bindings = new Map([
	['nav.down', [['j']]],
	['nav.top', [['g', 'g']]],
	['resource.shell', [['s']]],
	['resource.scale', [['s']]],
	['resource.logs', [['l'], ['g', 'l']]],
	['resource.portForward', [['shift+f'], ['g', 'l']]],
	['resource.edit', [['e']]],
	['resource.describe', [['d'], ['e']]],
]);

/** Feeds the keys to a fresh matcher and returns what each did. */
function run(keys: string[], allowed: (command: string) => boolean, preferred?: (command: string) => boolean): MatchResult[] {
	const matcher = new KeyMatcher(bindings);
	return keys.map((k) => matcher.feed(k, allowed, preferred));
}

describe('KeyMatcher.feed with a preferred command', () => {
	it.each<[string, string[], (command: string) => boolean, ((command: string) => boolean) | undefined, MatchResult[]]>([
		['two commands on one key: without preferred the first bound wins', ['s'], all, undefined, [cmd('resource.shell')]],
		['preferred picks the second bound', ['s'], all, only('resource.scale'), [cmd('resource.scale')]],
		['preferred picks the first bound', ['s'], all, only('resource.shell'), [cmd('resource.shell')]],
		['preferring neither: the first bound wins', ['s'], all, only('resource.edit'), [cmd('resource.shell')]],
		['preferring both: the first bound wins', ['s'], all, only('resource.shell', 'resource.scale'), [cmd('resource.shell')]],
		['preferring nothing at all: the first bound wins', ['s'], all, () => false, [cmd('resource.shell')]],
		['a key with one command ignores preferred', ['j'], all, only('resource.scale'), [cmd('nav.down')]],
		['a second binding shared with another command: first bound wins', ['e'], all, undefined, [cmd('resource.edit')]],
		['a second binding shared with another command: preferred wins', ['e'], all, only('resource.describe'), [cmd('resource.describe')]],
		['an unbound key is still none', ['x'], all, only('resource.scale'), [none]],
	])('%s', (_name, keys, allowed, preferred, want) => {
		expect(run(keys, allowed, preferred)).toEqual(want);
	});

	it.each<[string, string[], (command: string) => boolean, (command: string) => boolean, MatchResult[]]>([
		[
			'a preferred command outside allowed is never chosen',
			['s'],
			(c) => c !== 'resource.scale',
			only('resource.scale'),
			[cmd('resource.shell')],
		],
		[
			'a preferred command outside allowed, the other allowed one after it',
			['s'],
			(c) => c !== 'resource.shell',
			only('resource.shell'),
			[cmd('resource.scale')],
		],
		[
			'both excluded: none, even when preferred',
			['s'],
			(c) => !c.startsWith('resource.s'),
			only('resource.scale', 'resource.shell'),
			[none],
		],
		[
			'only nav allowed: a preferred resource key does nothing',
			['s', 'j'],
			(c) => c.startsWith('nav.'),
			only('resource.scale'),
			[none, cmd('nav.down')],
		],
		['a preferred sequence outside allowed is not even pending', ['g', 'l'], only('nav.down'), only('resource.portForward'), [none, none]],
	])('allowed comes first: %s', (_name, keys, allowed, preferred, want) => {
		expect(run(keys, allowed, preferred)).toEqual(want);
	});

	it.each<[string, string[], ((command: string) => boolean) | undefined, MatchResult[]]>([
		['g g still completes with preferred given', ['g', 'g'], only('resource.scale'), [pending, cmd('nav.top')]],
		[
			'g g, then a shared key picks the preferred one',
			['g', 'g', 's'],
			only('resource.scale'),
			[pending, cmd('nav.top'), cmd('resource.scale')],
		],
		['a shared key, then g g', ['s', 'g', 'g'], only('resource.scale'), [cmd('resource.scale'), pending, cmd('nav.top')]],
		['a shared sequence without preferred: first bound', ['g', 'l'], undefined, [pending, cmd('resource.logs')]],
		['a shared sequence with preferred: preferred wins', ['g', 'l'], only('resource.portForward'), [pending, cmd('resource.portForward')]],
		['a dead prefix falls back to the key on its own, preferred', ['g', 's'], only('resource.scale'), [pending, cmd('resource.scale')]],
		['a dead prefix falls back to the key on its own, first bound', ['g', 's'], undefined, [pending, cmd('resource.shell')]],
		['the single-key binding of a command with a sequence too', ['l'], only('resource.portForward'), [cmd('resource.logs')]],
	])('sequences: %s', (_name, keys, preferred, want) => {
		expect(run(keys, all, preferred)).toEqual(want);
	});

	it('preferred is asked per feed: the same matcher follows the current row', () => {
		const matcher = new KeyMatcher(bindings);
		expect(matcher.feed('s', all, only('resource.scale'))).toEqual(cmd('resource.scale'));
		expect(matcher.feed('s', all, only('resource.shell'))).toEqual(cmd('resource.shell'));
		expect(matcher.feed('s', all)).toEqual(cmd('resource.shell'));
	});

	it('a pending sequence survives a change of preferred between its keys', () => {
		const matcher = new KeyMatcher(bindings);
		expect(matcher.feed('g', all, only('resource.logs'))).toEqual(pending);
		expect(matcher.feed('l', all, only('resource.portForward'))).toEqual(cmd('resource.portForward'));
	});

	it('an exact binding still beats a longer sequence starting with it, preferred or not', () => {
		const matcher = new KeyMatcher(
			new Map([
				['nav.top', [['g', 'g']]],
				['resource.describe', [['g']]],
				['resource.edit', [['g']]],
			]),
		);
		expect(matcher.feed('g', all, only('nav.top'))).toEqual(cmd('resource.describe'));
		expect(matcher.feed('g', all, only('resource.edit'))).toEqual(cmd('resource.edit'));
	});
});
