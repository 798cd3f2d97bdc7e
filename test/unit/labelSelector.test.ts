import {describe, expect, it} from 'vitest';
import {
	matchesLabels,
	parseLabelSelector,
	selectorFromLabels,
	type LabelSelector,
	type Requirement,
} from '../../src/model/labelSelector.js';

function parsed(text: string): LabelSelector {
	const result = parseLabelSelector(text);
	if ('error' in result) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
	return result.selector;
}

describe('parseLabelSelector', () => {
	it.each<[string, string, Requirement[]]>([
		['empty selects everything', '', []],
		['only spaces and commas', ' , ,', []],
		['equality', 'app=web', [{op: 'eq', key: 'app', value: 'web'}]],
		['double equals', 'app==web', [{op: 'eq', key: 'app', value: 'web'}]],
		['inequality', 'tier!=db', [{op: 'neq', key: 'tier', value: 'db'}]],
		['spaces around the operator', ' app = web ', [{op: 'eq', key: 'app', value: 'web'}]],
		['spaces around !=', 'tier != db', [{op: 'neq', key: 'tier', value: 'db'}]],
		['an empty value', 'app=', [{op: 'eq', key: 'app', value: ''}]],
		['prefixed key', 'app.kubernetes.io/name=shop', [{op: 'eq', key: 'app.kubernetes.io/name', value: 'shop'}]],
		['value with dots, dashes and underscores', 'v=1.2_3-rc', [{op: 'eq', key: 'v', value: '1.2_3-rc'}]],
		['set: in', 'env in (prod,staging)', [{op: 'in', key: 'env', values: ['prod', 'staging']}]],
		['set: notin', 'env notin (dev)', [{op: 'notin', key: 'env', values: ['dev']}]],
		['set with spaces inside', 'env in ( prod , staging )', [{op: 'in', key: 'env', values: ['prod', 'staging']}]],
		['set without a space before the parenthesis', 'env in(prod)', [{op: 'in', key: 'env', values: ['prod']}]],
		['exists', 'track', [{op: 'exists', key: 'track'}]],
		['absent', '!legacy', [{op: 'absent', key: 'legacy'}]],
		['absent with a space after !', '! legacy', [{op: 'absent', key: 'legacy'}]],
		[
			'everything at once; commas inside parentheses do not split',
			'app=web,tier!=db,env in (a,b),!legacy,track',
			[
				{op: 'eq', key: 'app', value: 'web'},
				{op: 'neq', key: 'tier', value: 'db'},
				{op: 'in', key: 'env', values: ['a', 'b']},
				{op: 'absent', key: 'legacy'},
				{op: 'exists', key: 'track'},
			],
		],
		[
			'spaces after commas',
			'app=web, tier=db',
			[
				{op: 'eq', key: 'app', value: 'web'},
				{op: 'eq', key: 'tier', value: 'db'},
			],
		],
	])('%s: %j', (_name, text, want) => {
		expect(parsed(text)).toEqual(want);
	});

	it.each([
		['key starting with a dash', '-app=web', /invalid label key "-app"/],
		['key ending with a dot', 'app.=web', /invalid label key/],
		['value with a space', 'app=we b', /./],
		['value with a slash', 'app=a/b', /invalid label value "a\/b"/],
		['value ending with a dash', 'app=web-', /invalid label value "web-"/],
		['a second = in the value', 'a=b=c', /invalid label value/],
		['no key before =', '=web', /cannot parse "=web"/],
		['bad set key', '-env in (a)', /invalid label key "-env"/],
		['bad set value', 'env in (a,b c)', /invalid label value in "env in \(a,b c\)"/],
		['unclosed set', 'env in (a,b', /cannot parse/],
		['! with nothing after it', '!', /cannot parse "!"/],
		['! on a bad key', '!-x', /cannot parse "!-x"/],
		['a bare word with a space', 'app web', /cannot parse "app web"/],
		['a double !', '!!x', /cannot parse/],
	])('%s is an error: %j', (_name, text, message) => {
		const result = parseLabelSelector(text);
		expect(result).toHaveProperty('error');
		if ('error' in result) expect(result.error).toMatch(message);
	});

	it('a key with two slashes is an error, as the API server says', () => {
		expect(parseLabelSelector('a/b/c=x')).toHaveProperty('error');
	});

	it('a value longer than 63 characters is an error, as the API server says', () => {
		expect(parseLabelSelector(`app=${'v'.repeat(64)}`)).toHaveProperty('error');
	});
});

describe('matchesLabels', () => {
	const web = {app: 'web', tier: 'frontend', env: 'prod', empty: ''};
	it.each<[string, string, Record<string, string> | undefined, boolean]>([
		['empty selector matches anything', '', web, true],
		['empty selector matches no labels', '', undefined, true],
		['eq hit', 'app=web', web, true],
		['eq miss', 'app=db', web, false],
		['eq on a missing key', 'team=a', web, false],
		['eq on an empty value', 'empty=', web, true],
		['eq empty does not match a missing key', 'team=', web, false],
		['neq hit', 'app!=db', web, true],
		['neq miss', 'app!=web', web, false],
		['neq on a missing key matches', 'team!=a', web, true],
		['in hit', 'env in (prod,staging)', web, true],
		['in miss', 'env in (dev,staging)', web, false],
		['in on a missing key', 'team in (a)', web, false],
		['notin hit', 'env notin (dev)', web, true],
		['notin miss', 'env notin (prod)', web, false],
		['notin on a missing key matches', 'team notin (a)', web, true],
		['exists hit', 'tier', web, true],
		['exists on an empty value', 'empty', web, true],
		['exists miss', 'team', web, false],
		['absent hit', '!team', web, true],
		['absent miss', '!tier', web, false],
		['every requirement must hold', 'app=web,env=dev', web, false],
		['all hold', 'app=web,env in (prod),!legacy,tier', web, true],
		['no labels at all: eq fails', 'app=web', undefined, false],
		['no labels at all: absent holds', '!app', undefined, true],
		['no labels at all: neq holds', 'app!=web', undefined, true],
		['an inherited property is not a label', 'toString', {}, false],
		['a prototype key does not satisfy absent negatively', '!constructor', {}, true],
	])('%s: %j', (_name, selector, labels, want) => {
		expect(matchesLabels(parsed(selector), labels)).toBe(want);
	});
});

describe('selectorFromLabels', () => {
	it.each<[string, Record<string, string>, string]>([
		['one label', {app: 'web'}, 'app=web'],
		['several labels keep their order', {app: 'web', tier: 'frontend'}, 'app=web,tier=frontend'],
		['prefixed keys', {'app.kubernetes.io/name': 'shop'}, 'app.kubernetes.io/name=shop'],
		['no labels', {}, ''],
	])('%s', (_name, labels, want) => {
		expect(selectorFromLabels(labels)).toBe(want);
	});

	it.each([
		['simple', {app: 'web', tier: 'frontend'}],
		['prefixed', {'app.kubernetes.io/name': 'shop', 'pod-template-hash': '5d7f9c'}],
	])('round-trips through the parser and matches its own labels: %s', (_name, labels) => {
		const selector = parsed(selectorFromLabels(labels));
		expect(matchesLabels(selector, labels)).toBe(true);
		expect(matchesLabels(selector, {...labels, extra: 'x'})).toBe(true);
		const [firstKey] = Object.keys(labels);
		expect(matchesLabels(selector, {...labels, [firstKey ?? '']: 'other'})).toBe(false);
	});
});
