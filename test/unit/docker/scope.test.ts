import {describe, expect, it} from 'vitest';
import {scopeMatcher} from '../../../src/sources/scope.js';
import type {ResourceObject, Scope} from '../../../src/sources/types.js';

// A scope as a test on rows, for sources that filter themselves (memory, Docker).

const web: ResourceObject = {
	metadata: {name: 'shop-web-1', namespace: 'shop', labels: {app: 'web', tier: 'front'}},
	docker: {state: 'running', service: 'web', networks: ['shop_default', 'bridge'], exitCode: 0},
};
const db: ResourceObject = {
	metadata: {name: 'shop-db-1', namespace: 'shop', labels: {app: 'db'}},
	docker: {state: 'exited', service: 'db', networks: ['shop_default'], exitCode: 1},
};
const loose: ResourceObject = {metadata: {name: 'loose'}, docker: {state: 'running', networks: []}};
const ALL = [web, db, loose];

function matching(scope: Scope): string[] {
	const match = scopeMatcher(scope);
	if ('error' in match) throw new Error(match.error);
	return ALL.filter(match).map((o) => (o['metadata'] as {name: string}).name);
}

describe('scopeMatcher', () => {
	it.each<[string, Scope, string[]]>([
		['everything for an empty scope', {}, ['shop-web-1', 'shop-db-1', 'loose']],
		['a namespace', {namespace: 'shop'}, ['shop-web-1', 'shop-db-1']],
		['a namespace nothing is in', {namespace: 'blog'}, []],
		['an equality label selector', {labelSelector: 'app=web'}, ['shop-web-1']],
		['an inequality label selector', {labelSelector: 'app!=web'}, ['shop-db-1', 'loose']],
		['a set label selector', {labelSelector: 'app in (web,db)'}, ['shop-web-1', 'shop-db-1']],
		['an existence label selector', {labelSelector: 'tier'}, ['shop-web-1']],
		['an empty label selector', {labelSelector: ''}, ['shop-web-1', 'shop-db-1', 'loose']],
		['a field', {fieldSelector: {'docker.state': 'running'}}, ['shop-web-1', 'loose']],
		['two fields', {fieldSelector: {'docker.state': 'running', 'docker.service': 'web'}}, ['shop-web-1']],
		['a number field by its text', {fieldSelector: {'docker.exitCode': '1'}}, ['shop-db-1']],
		['a list field holding the value', {fieldSelector: {'docker.networks': 'shop_default'}}, ['shop-web-1', 'shop-db-1']],
		['a list field holding another value', {fieldSelector: {'docker.networks': 'bridge'}}, ['shop-web-1']],
		['a list field holding nothing', {fieldSelector: {'docker.networks': 'host'}}, []],
		['a missing field', {fieldSelector: {'docker.project': 'shop'}}, []],
		[
			'namespace, labels and fields together',
			{namespace: 'shop', labelSelector: 'app', fieldSelector: {'docker.state': 'exited'}},
			['shop-db-1'],
		],
	])('matches %s', (_, scope, names) => {
		expect(matching(scope)).toEqual(names);
	});

	it('does not match a list field by the whole list text', () => {
		expect(matching({fieldSelector: {'docker.networks': 'shop_default,bridge'}})).toEqual([]);
	});

	it.each(['app in (web', '=web', 'app=-web', 'bad key!=x'])('refuses the bad label selector %j', (labelSelector) => {
		const match = scopeMatcher({labelSelector});
		expect(typeof match).toBe('object');
		expect(match).toHaveProperty('error');
		expect((match as {error: string}).error).toMatch(/^bad label selector: /);
	});
});
