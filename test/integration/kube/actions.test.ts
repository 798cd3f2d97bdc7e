import http from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {SIM_CONTEXT} from '../../../src/sim/index.js';
import {FORWARDS_KIND, KubeSource} from '../../../src/sources/kube/kubeSource.js';
import type {ResourceObject} from '../../../src/sources/types.js';
import {FAST, recorder, startTestSim, waitFor, type TestSim} from './harness.js';

// Every Kubernetes action of KubeSource against the sim over HTTPS, each checked by
// reading the cluster's state back, not by trusting the action's own message.

const KINDS = ['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'nodes', 'cronjobs', 'jobs', 'services', 'configmaps'];

let t: TestSim;
let source: KubeSource;

beforeAll(async () => {
	t = await startTestSim();
	source = new KubeSource(t.client(), SIM_CONTEXT, KINDS, FAST);
	// The demo's pods must be scheduled and running before pods are forwarded to or drained.
	await waitFor(
		'shop/frontend to be ready',
		() => readyPods('shop', 'app=frontend').length === 3,
		() => '',
		30_000,
	);
}, 60_000);
afterAll(async () => {
	source.close();
	await t.close();
});

type Obj = {
	metadata: {
		name: string;
		namespace?: string;
		resourceVersion?: string;
		deletionTimestamp?: string;
		annotations?: Record<string, string>;
		ownerReferences?: {kind: string; name: string}[];
	};
	spec?: Record<string, unknown> & {nodeName?: string; unschedulable?: boolean; replicas?: number};
	status?: {phase?: string; conditions?: {type: string; status: string}[]};
	data?: Record<string, string>;
};

const store = () => t.sim.server.store;
function list(resource: string, namespace?: string): Obj[] {
	const def = t.sim.server.resources().find((d) => d.resource === resource);
	if (!def) throw new Error(`no ${resource}`);
	return store().list(def, namespace);
}
function get(resource: string, namespace: string | undefined, name: string): Obj | undefined {
	return list(resource, namespace).find((o) => o.metadata.name === name);
}
function readyPods(namespace: string, selector: string): Obj[] {
	const [k, v] = selector.split('=');
	return list('pods', namespace).filter(
		(p) =>
			(p.metadata as {labels?: Record<string, string>}).labels?.[k ?? ''] === v &&
			!p.metadata.deletionTimestamp &&
			p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
	);
}

function fetchText(port: number, path = '/'): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = http.get({host: '127.0.0.1', port, path, agent: false}, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve(body));
		});
		req.setTimeout(5000, () => req.destroy(new Error('timed out')));
		req.on('error', reject);
	});
}

function localPort(message: string): number {
	const port = /127\.0\.0\.1:(\d+)/.exec(message)?.[1];
	if (!port) throw new Error(`no port in "${message}"`);
	return Number(port);
}

describe('scale and restart', () => {
	it('scales a deployment through its scale subresource', async () => {
		await expect(source.act({action: 'scale', kind: 'deployments', key: 'shop/worker', replicas: 4})).resolves.toBe(
			'scaled deployment shop/worker to 4',
		);
		expect(get('deployments', 'shop', 'worker')?.spec?.replicas).toBe(4);
		await waitFor('the worker pods to follow', () => list('pods', 'shop').filter((p) => p.metadata.name.startsWith('worker-')).length >= 4);
		await source.act({action: 'scale', kind: 'deployments', key: 'shop/worker', replicas: 2});
		expect(get('deployments', 'shop', 'worker')?.spec?.replicas).toBe(2);
	});

	it('scales a statefulset, and refuses what has no scale subresource or a bad count', async () => {
		await source.act({action: 'scale', kind: 'statefulsets', key: 'shop/postgres', replicas: 1});
		expect(get('statefulsets', 'shop', 'postgres')?.spec?.replicas).toBe(1);
		await expect(source.act({action: 'scale', kind: 'daemonsets', key: 'monitoring/node-exporter', replicas: 2})).rejects.toThrow(
			'the server could not find the requested resource',
		);
		await expect(source.act({action: 'scale', kind: 'deployments', key: 'shop/worker', replicas: -1})).rejects.toThrow(/whole number/);
	});

	it('restarts a deployment as kubectl rollout restart does', async () => {
		const before = Date.now();
		await expect(source.act({action: 'restart', kind: 'deployments', key: 'shop/api'})).resolves.toBe('restarted deployment shop/api');
		const template = get('deployments', 'shop', 'api')?.spec?.['template'] as {metadata?: {annotations?: Record<string, string>}};
		const at = template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
		expect(Date.parse(at ?? '')).toBeGreaterThanOrEqual(before - 1000);
		await expect(source.act({action: 'restart', kind: 'replicasets', key: 'shop/x'})).rejects.toThrow(/cannot be restarted/);
	});
});

describe('nodes', () => {
	it('cordons and uncordons, and says when there is nothing to do', async () => {
		await expect(source.act({action: 'cordon', kind: 'nodes', key: 'kview-worker-2'})).resolves.toBe('cordoned node kview-worker-2');
		expect(get('nodes', undefined, 'kview-worker-2')?.spec?.unschedulable).toBe(true);
		await expect(source.act({action: 'cordon', kind: 'nodes', key: 'kview-worker-2'})).resolves.toBe(
			'node kview-worker-2 already cordoned',
		);
		await expect(source.act({action: 'uncordon', kind: 'nodes', key: 'kview-worker-2'})).resolves.toBe('uncordoned node kview-worker-2');
		expect(get('nodes', undefined, 'kview-worker-2')?.spec?.unschedulable).toBeUndefined();
	});

	it('drains a node: cordoned, every pod but DaemonSet pods evicted', async () => {
		const onNode = () => list('pods').filter((p) => p.spec?.nodeName === 'kview-worker-1' && !p.metadata.deletionTimestamp);
		const daemon = (p: Obj) => p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet') ?? false;
		const movable = onNode().filter((p) => !daemon(p));
		expect(movable.length).toBeGreaterThan(0);
		const message = await source.act({action: 'drain', kind: 'nodes', key: 'kview-worker-1'});
		expect(message).toMatch(new RegExp(`^drained node kview-worker-1: evicted ${movable.length} pods?, left 1 DaemonSet pod$`));
		expect(get('nodes', undefined, 'kview-worker-1')?.spec?.unschedulable).toBe(true);
		await waitFor(
			'only DaemonSet pods to remain on kview-worker-1',
			() => onNode().every(daemon),
			() => onNode().map((p) => p.metadata.name),
		);
		await source.act({action: 'uncordon', kind: 'nodes', key: 'kview-worker-1'});
	});
});

describe('jobs, deletes and edits', () => {
	it('triggers a CronJob: a Job from its template, owned by it, marked manual', async () => {
		const message = await source.act({action: 'trigger', kind: 'cronjobs', key: 'shop/nightly-report'});
		const name = /job (\S+)$/.exec(message)?.[1] ?? '';
		expect(name).toMatch(/^nightly-report-manual-[a-z0-9]+$/);
		const job = get('jobs', 'shop', name);
		expect(job?.metadata.annotations?.['cronjob.kubernetes.io/instantiate']).toBe('manual');
		expect(job?.metadata.ownerReferences).toEqual([expect.objectContaining({kind: 'CronJob', name: 'nightly-report'})]);
	});

	it('deletes a pod gracefully (Terminating) or at once with no grace period', async () => {
		const [gentle, hard] = readyPods('shop', 'app=frontend');
		if (!gentle || !hard) throw new Error('frontend pods missing');
		await source.act({action: 'delete', kind: 'pods', key: `shop/${gentle.metadata.name}`});
		expect(get('pods', 'shop', gentle.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
		await expect(source.act({action: 'delete', kind: 'pods', key: `shop/${hard.metadata.name}`, gracePeriodSeconds: 0})).resolves.toBe(
			`killed pod shop/${hard.metadata.name} (no grace period)`,
		);
		expect(get('pods', 'shop', hard.metadata.name)).toBeUndefined();
	});

	it('replaces an object, and refuses a copy older than the stored one', async () => {
		const original = (await source.fetch('configmaps', 'shop/shop-config')) as Obj & ResourceObject;
		const edited = {...original, data: {...original.data, FEATURE: 'on'}};
		await expect(source.act({action: 'replace', kind: 'configmaps', key: 'shop/shop-config', object: edited})).resolves.toBe(
			'saved configmap shop/shop-config',
		);
		expect(get('configmaps', 'shop', 'shop-config')?.data?.['FEATURE']).toBe('on');
		const stale = {...original, data: {...original.data, FEATURE: 'off'}};
		await expect(source.act({action: 'replace', kind: 'configmaps', key: 'shop/shop-config', object: stale})).rejects.toThrow(
			/the object has been modified/,
		);
		expect(get('configmaps', 'shop', 'shop-config')?.data?.['FEATURE']).toBe('on');
	});
});

describe('port-forward', () => {
	it('forwards a local port to a pod, lists it in its feed, and stops', async () => {
		// The deletes above took two frontends away; their replacements take a moment.
		await waitFor(
			'a ready frontend',
			() => readyPods('shop', 'app=frontend').length > 0,
			() => '',
			30_000,
		);
		const pod = readyPods('shop', 'app=frontend')[0]?.metadata.name ?? '';
		const rec = recorder();
		const sub = source.watch(FORWARDS_KIND, {}, rec.sink);
		try {
			const message = await source.act({action: 'portForward', kind: 'pods', key: `shop/${pod}`, localPort: 0, remotePort: 80});
			expect(message).toMatch(new RegExp(`^forwarding 127\\.0\\.0\\.1:\\d+ -> pod shop/${pod}:80$`));
			const port = localPort(message);
			expect(await fetchText(port)).toContain(`hello from shop/${pod} on port 80`);
			// Two connections at once each get their own stream.
			const both = await Promise.all([fetchText(port, '/healthz'), fetchText(port, '/readyz')]);
			expect(both).toEqual(['ok\n', 'ok\n']);
			const key = `shop/${pod}:${port}`;
			await waitFor('the forward in its feed', () => rec.view.has(key));
			expect(rec.view.get(key)).toMatchObject({spec: {address: `127.0.0.1:${port}`, remotePort: 80, target: `pod/${pod}`}});
			await expect(source.act({action: 'stopForward', kind: FORWARDS_KIND, key})).resolves.toMatch(/^stopped port-forward/);
			await waitFor('the forward to leave its feed', () => !rec.view.has(key));
			await expect(fetchText(port)).rejects.toThrow(/ECONNREFUSED/);
		} finally {
			sub.stop();
		}
	});

	it('forwards to a service through a ready pod, mapping a named targetPort', async () => {
		const client = t.client();
		const labels = {app: 'named'};
		await client.request('POST', '/apis/apps/v1/namespaces/shop/deployments', {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'named'},
			spec: {
				replicas: 1,
				selector: {matchLabels: labels},
				template: {metadata: {labels}, spec: {containers: [{name: 'web', image: 'nginx', ports: [{name: 'http', containerPort: 8080}]}]}},
			},
		});
		await client.request('POST', '/api/v1/namespaces/shop/services', {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'api-named'},
			spec: {selector: labels, ports: [{name: 'web', port: 9000, targetPort: 'http'}]},
		});
		await waitFor(
			'the named pod to be ready',
			() => readyPods('shop', 'app=named').length === 1,
			() => '',
			30_000,
		);
		const message = await source.act({action: 'portForward', kind: 'services', key: 'shop/api-named', localPort: 0, remotePort: 9000});
		expect(message).toMatch(/-> service\/api-named pod shop\/named-\S+:8080$/);
		expect(await fetchText(localPort(message))).toMatch(/hello from shop\/named-\S+ on port 8080/);
		await expect(source.act({action: 'portForward', kind: 'services', key: 'shop/api-named', localPort: 0, remotePort: 1})).rejects.toThrow(
			'service api-named has no port 1',
		);
	});

	it('forwards to a deployment, says when the local port is taken, and shows a refused remote port', async () => {
		const message = await source.act({action: 'portForward', kind: 'deployments', key: 'shop/redis', localPort: 0, remotePort: 6379});
		const port = localPort(message);
		await expect(source.act({action: 'portForward', kind: 'pods', key: 'shop/x', localPort: port, remotePort: 1})).rejects.toThrow(
			`local port ${port} is in use; pick another`,
		);
		const pod = readyPods('shop', 'app=frontend')[0]?.metadata.name ?? '';
		const refused = await source.act({action: 'portForward', kind: 'pods', key: `shop/${pod}`, localPort: 0, remotePort: 9999});
		const rec = recorder();
		const sub = source.watch(FORWARDS_KIND, {}, rec.sink);
		try {
			await expect(fetchText(localPort(refused))).rejects.toThrow();
			const key = `shop/${pod}:${localPort(refused)}`;
			await waitFor('the error on the row', () => JSON.stringify(rec.view.get(key) ?? {}).includes('connection refused'));
		} finally {
			sub.stop();
		}
	});
});
