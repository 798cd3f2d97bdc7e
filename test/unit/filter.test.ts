import {describe, expect, it} from 'vitest';
import {isSubsequence, matchesFilter, narrows, parseFilter, type Filter, type Filterable} from '../../src/model/filter.js';

describe('parseFilter', () => {
	it.each<[string, string, Filter]>([
		['empty is none', '', {type: 'none'}],
		['blank is none', '   ', {type: 'none'}],
		['plain text, lower-cased', 'Web', {type: 'text', query: 'web', inverse: false}],
		['surrounding spaces trimmed', '  crash  ', {type: 'text', query: 'crash', inverse: false}],
		['inner spaces kept', 'a b', {type: 'text', query: 'a b', inverse: false}],
		['inverse', '!Web', {type: 'text', query: 'web', inverse: true}],
		['inverse with a space', '! web', {type: 'text', query: 'web', inverse: true}],
		['a lone ! is none', '!', {type: 'none'}],
		['! followed by spaces is none', '!   ', {type: 'none'}],
	])('%s: %j', (_name, input, want) => {
		expect(parseFilter(input)).toEqual(want);
	});

	it.each([
		['equality', '-l app=web', 'app=web', [{op: 'eq', key: 'app', value: 'web'}]],
		['no space after -l', '-lapp=web', 'app=web', [{op: 'eq', key: 'app', value: 'web'}]],
		[
			'several, spaces trimmed',
			'-l   app=web,tier!=db  ',
			'app=web,tier!=db',
			[
				{op: 'eq', key: 'app', value: 'web'},
				{op: 'neq', key: 'tier', value: 'db'},
			],
		],
		['label values keep their case', '-l app=Web', 'app=Web', [{op: 'eq', key: 'app', value: 'Web'}]],
	])('labels, %s', (_name, input, text, selector) => {
		expect(parseFilter(input)).toEqual({type: 'labels', selector, text});
	});

	it.each([
		['-l with nothing after it', '-l', /type a label selector after -l/],
		['-l with only spaces', '-l   ', /type a label selector/],
		['-l with a bad key', '-l -app=web', /invalid label key/],
		['-l with a bad value', '-l app=a/b', /invalid label value/],
	])('invalid: %s', (_name, input, message) => {
		const filter = parseFilter(input);
		expect(filter.type).toBe('invalid');
		if (filter.type === 'invalid') expect(filter.message).toMatch(message);
	});
});

describe('isSubsequence', () => {
	it.each<[string, string, boolean]>([
		['', '', true],
		['', 'anything', true],
		['a', '', false],
		['web', 'web', true],
		['web', 'frontend-web-1', true],
		['frntapi', 'frontend-api', true],
		['fa', 'frontend-api', true],
		['af', 'frontend-api', false],
		['abc', 'acb', false],
		['aa', 'a', false],
		['aa', 'banana', true],
		['aaaa', 'banana', false],
		['A', 'a', false],
		['ü', 'müller', true],
		['longer than target', 'short', false],
	])('%j in %j -> %s', (query, target, want) => {
		expect(isSubsequence(query, target)).toBe(want);
	});
});

describe('matchesFilter', () => {
	const row = (name: string, text: string, labels?: Record<string, string>): Filterable => ({name, text, labels});
	const crashing = row('shop/frontend-api-7d9', 'shop frontend-api-7d9 0/1 crashloopbackoff 12 (3m ago) 2d', {
		app: 'frontend',
		tier: 'web',
	});
	const db = row('shop/postgres-0', 'shop postgres-0 1/1 running 0 9d', {app: 'postgres'});
	const unlabelled = row('kube-system/coredns', 'kube-system coredns 1/1 running 0 30d', undefined);

	it.each<[string, string, Filterable, boolean]>([
		['no filter keeps everything', '', db, true],
		['substring of the row text', 'crash', crashing, true],
		['upper-case query finds lower-cased text', 'Crash', crashing, true],
		['substring miss', 'crash', db, false],
		['fuzzy on the name', 'frntapi', crashing, true],
		['fuzzy spanning namespace and name', 'shopfr', crashing, true],
		['fuzzy does not apply to the rest of the row', 'crshlp', crashing, false],
		['a status word anywhere in the row', 'running', db, true],
		['inverse drops matches', '!crash', crashing, false],
		['inverse keeps non-matches', '!crash', db, true],
		['inverse of a fuzzy name hit', '!frntapi', crashing, false],
		['labels: eq hit', '-l app=frontend', crashing, true],
		['labels: eq miss', '-l app=frontend', db, false],
		['labels: several requirements', '-l app=frontend,tier=web', crashing, true],
		['labels: text does not count', '-l app=shop', crashing, false],
		['labels: absent on an unlabelled row', '-l !app', unlabelled, true],
		['labels: exists on an unlabelled row', '-l app', unlabelled, false],
		['an invalid filter hides nothing', '-l -bad', db, true],
	])('%s (%j)', (_name, input, target, want) => {
		expect(matchesFilter(parseFilter(input), target)).toBe(want);
	});
});

describe('narrows', () => {
	it.each<[string, string, string, boolean]>([
		['from nothing, anything narrows', '', 'web', true],
		['from nothing to labels', '', '-l app=web', true],
		['typing one more letter', 'we', 'web', true],
		['the same query', 'web', 'web', true],
		['deleting a letter widens', 'web', 'we', false],
		['a different query', 'web', 'db', false],
		['a query that contains but does not extend the old one', 'eb', 'web', false],
		['an inverse filter never narrows', '!we', '!web', false],
		['switching to inverse', 'web', '!web', false],
		['switching from inverse', '!web', 'web', false],
		['labels are never narrowed', '-l app=web', '-l app=web,tier=db', false],
		['text to labels', 'web', '-l app=web', false],
		['text to nothing widens', 'web', '', false],
		['from an invalid filter', '-l', 'web', false],
	])('%s: %j -> %j', (_name, previous, next, want) => {
		expect(narrows(parseFilter(previous), parseFilter(next))).toBe(want);
	});

	it.each([
		['we', 'web'],
		['f', 'fra'],
		['sh', 'shop/po'],
	])('whenever %j narrows to %j, filtering the old matches equals filtering everything', (previous, next) => {
		const rows: Filterable[] = [
			{name: 'shop/web-1', text: 'shop web-1 running', labels: undefined},
			{name: 'shop/frontend-api', text: 'shop frontend-api crashloopbackoff', labels: undefined},
			{name: 'shop/postgres-0', text: 'shop postgres-0 running', labels: undefined},
			{name: 'ops/fluentd-ra', text: 'ops fluentd-ra running web', labels: undefined},
		];
		const p = parseFilter(previous);
		const n = parseFilter(next);
		expect(narrows(p, n)).toBe(true);
		const fresh = rows.filter((r) => matchesFilter(n, r));
		const incremental = rows.filter((r) => matchesFilter(p, r)).filter((r) => matchesFilter(n, r));
		expect(incremental).toEqual(fresh);
	});
});
