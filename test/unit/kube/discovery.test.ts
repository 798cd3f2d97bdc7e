import {describe, expect, it} from 'vitest';
import type {KubeClient} from '../../../src/sources/kube/client.js';
import {discover} from '../../../src/sources/kube/discovery.js';

// Discovery across versions: the preferred version's resources, plus those only an
// older version serves (CronJob in batch/v1beta1 on a 1.20 server).

function fakeClient(answers: Record<string, unknown>): {client: KubeClient; asked: string[]} {
	const asked: string[] = [];
	const client = {
		get: (path: string) => {
			asked.push(path);
			return path in answers ? Promise.resolve(answers[path]) : Promise.reject(new Error(`404 ${path}`));
		},
	} as unknown as KubeClient;
	return {client, asked};
}

const resource = (name: string, kind: string) => ({name, kind, namespaced: true, verbs: ['list', 'watch']});

describe('legacy discovery (servers before 1.26)', () => {
	it('takes each resource from the preferred version, and the rest from older versions', async () => {
		const {client} = fakeClient({
			'/api': {kind: 'APIVersions', versions: ['v1']},
			'/apis': {
				kind: 'APIGroupList',
				groups: [{name: 'batch', preferredVersion: {version: 'v1'}, versions: [{version: 'v1'}, {version: 'v1beta1'}]}],
			},
			'/api/v1': {resources: [resource('pods', 'Pod'), resource('pods/log', 'Pod')]},
			'/apis/batch/v1': {resources: [resource('jobs', 'Job')]},
			'/apis/batch/v1beta1': {resources: [resource('jobs', 'Job'), resource('cronjobs', 'CronJob')]},
		});
		const found = await discover(client);
		expect(found.map((r) => `${r.group}/${r.version}/${r.resource}`)).toEqual(['/v1/pods', 'batch/v1/jobs', 'batch/v1beta1/cronjobs']);
	});

	it('goes on without a group version that fails, as kubectl does', async () => {
		const {client} = fakeClient({
			'/api': {kind: 'APIVersions'},
			'/apis': {kind: 'APIGroupList', groups: [{name: 'metrics.k8s.io', versions: [{version: 'v1beta1'}]}]},
			'/api/v1': {resources: [resource('pods', 'Pod')]},
		});
		expect((await discover(client)).map((r) => r.resource)).toEqual(['pods']);
	});
});

describe('aggregated discovery', () => {
	it('also falls back to a later version for a resource the first does not serve', async () => {
		const version = (v: string, names: string[]) => ({
			version: v,
			resources: names.map((n) => ({resource: n, responseKind: {kind: n}, scope: 'Namespaced', verbs: ['list']})),
		});
		const {client} = fakeClient({
			'/api': {kind: 'APIGroupDiscoveryList', items: [{metadata: {name: ''}, versions: [version('v1', ['pods'])]}]},
			'/apis': {
				kind: 'APIGroupDiscoveryList',
				items: [{metadata: {name: 'batch'}, versions: [version('v1', ['jobs']), version('v1beta1', ['jobs', 'cronjobs'])]}],
			},
		});
		const found = await discover(client);
		expect(found.map((r) => `${r.group}/${r.version}/${r.resource}`)).toEqual(['/v1/pods', 'batch/v1/jobs', 'batch/v1beta1/cronjobs']);
	});
});
