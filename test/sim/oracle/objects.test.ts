import {describe, expect, it} from 'vitest';
import {both, real, usePair, waitUntil, without, type Endpoint} from './harness.js';

// Writes: what a create stores after API defaulting, what a graceful DELETE answers, and
// how merge and strategic-merge patches land, compared between the sim and a real server.

const podSpec = {containers: [{name: 'web', image: 'nginx:1.25', ports: [{containerPort: 80}]}]};
const template = (app: string) => ({metadata: {labels: {app}}, spec: podSpec});

/** Each manifest, its list path (NS is the namespace), and the spec paths left out, each with why. */
const MANIFESTS: readonly {kind: string; path: string; body: Record<string, unknown>; ignore: readonly string[]}[] = [
	{
		kind: 'Deployment',
		path: '/apis/apps/v1/namespaces/NS/deployments',
		body: {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'web'},
			spec: {selector: {matchLabels: {app: 'web'}}, template: template('web')},
		},
		ignore: [],
	},
	{
		kind: 'Pod',
		path: '/api/v1/namespaces/NS/pods',
		body: {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'pod'}, spec: podSpec},
		ignore: [
			// The scheduler picks a node, by each cluster's own names.
			'nodeName',
			// ServiceAccount admission mounts a token with a random name: a secret volume in v1.20, a projected one now.
			'volumes',
			'containers[].volumeMounts',
		],
	},
	{
		kind: 'Service',
		path: '/api/v1/namespaces/NS/services',
		body: {apiVersion: 'v1', kind: 'Service', metadata: {name: 'svc'}, spec: {selector: {app: 'web'}, ports: [{port: 80}]}},
		ignore: [
			// Allocated at random from each server's range.
			'clusterIP',
			'clusterIPs',
			// Defaulted since v1.20's dual-stack rework became GA (v1.23); v1.20 leaves them unset.
			'ipFamilies',
			'ipFamilyPolicy',
			// internalTrafficPolicy came in v1.21.
			'internalTrafficPolicy',
		],
	},
	{
		kind: 'Job',
		path: '/apis/batch/v1/namespaces/NS/jobs',
		body: {
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: {name: 'job'},
			spec: {template: {spec: {...podSpec, restartPolicy: 'Never'}}},
		},
		ignore: [
			// The selector and template labels carry the Job's uid (and, since v1.27, batch.kubernetes.io/ twins).
			'selector',
			'template.metadata',
			// completionMode and suspend came in v1.21, podReplacementPolicy in v1.28.
			'completionMode',
			'suspend',
			'podReplacementPolicy',
		],
	},
	{
		kind: 'StatefulSet',
		path: '/apis/apps/v1/namespaces/NS/statefulsets',
		body: {
			apiVersion: 'apps/v1',
			kind: 'StatefulSet',
			metadata: {name: 'db'},
			spec: {serviceName: 'db', selector: {matchLabels: {app: 'db'}}, template: template('db')},
		},
		ignore: [
			// persistentVolumeClaimRetentionPolicy came in v1.23 (defaulted since v1.27).
			'persistentVolumeClaimRetentionPolicy',
		],
	},
	{
		kind: 'DaemonSet',
		path: '/apis/apps/v1/namespaces/NS/daemonsets',
		body: {
			apiVersion: 'apps/v1',
			kind: 'DaemonSet',
			metadata: {name: 'agent'},
			spec: {selector: {matchLabels: {app: 'agent'}}, template: template('agent')},
		},
		ignore: [
			// maxSurge came in v1.21 (defaulted to 0 since v1.25).
			'updateStrategy.rollingUpdate.maxSurge',
		],
	},
];

describe.skipIf(real.skip)('oracle: defaulting on create', () => {
	const pair = usePair();

	it.each(MANIFESTS.map((m) => [m.kind, m] as const))('%s: the same spec after defaulting', async (_kind, manifest) => {
		const replies = await both(pair(), 'POST', (ns) => manifest.path.replace('NS', ns), {body: manifest.body});
		expect(replies.sim.status, replies.sim.text).toBe(201);
		expect(replies.real.status, replies.real.text).toBe(201);
		const spec = (body: unknown) => without((body as {spec?: unknown}).spec, manifest.ignore);
		expect(spec(replies.sim.body)).toEqual(spec(replies.real.body));
	});

	it('ConfigMap: the same object apart from server-set metadata', async () => {
		const body = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', labels: {a: 'b'}}, data: {key: 'value'}};
		const replies = await both(pair(), 'POST', (ns) => `/api/v1/namespaces/${ns}/configmaps`, {body});
		const strip = (reply: unknown) =>
			without(reply, [
				// Server-set and different on every server.
				'metadata.uid',
				'metadata.resourceVersion',
				'metadata.creationTimestamp',
				'metadata.namespace',
				// Server-side apply's bookkeeping: v1.20 records it, the sim keeps none.
				'metadata.managedFields',
			]);
		expect(strip(replies.sim.body)).toEqual(strip(replies.real.body));
	});
});

type Obj = {
	metadata: {name: string; labels?: Record<string, string>; deletionTimestamp?: string; deletionGracePeriodSeconds?: number};
	spec?: {nodeName?: string; replicas?: number};
	status?: {phase?: string};
};

async function runningPod(side: Endpoint, namespace: string, name: string): Promise<void> {
	const created = await side.request('POST', `/api/v1/namespaces/${namespace}/pods`, {
		body: {apiVersion: 'v1', kind: 'Pod', metadata: {name}, spec: {...podSpec, terminationGracePeriodSeconds: 30}},
	});
	expect(created.status, `${side.name}: ${created.text}`).toBe(201);
	await waitUntil(`${side.name}: pod ${name} running`, async () => {
		const pod = (await side.request('GET', `/api/v1/namespaces/${namespace}/pods/${name}`)).body as Obj;
		return pod.status?.phase === 'Running';
	});
}

describe.skipIf(real.skip)('oracle: DELETE', () => {
	const pair = usePair();

	it('a running pod is deleted gracefully: 200 with the object, deletionTimestamp and grace period set', async () => {
		const [sim, realPod] = await Promise.all(
			[pair().sim, pair().real].map(async (side) => {
				await runningPod(side, pair().namespace, 'graceful');
				const reply = await side.request('DELETE', `/api/v1/namespaces/${pair().namespace}/pods/graceful`);
				const body = reply.body as Obj & {kind?: string};
				return {
					status: reply.status,
					kind: body.kind,
					name: body.metadata.name,
					deletionTimestamp: typeof body.metadata.deletionTimestamp,
					deletionGracePeriodSeconds: body.metadata.deletionGracePeriodSeconds,
				};
			}),
		);
		expect(sim).toEqual(realPod);
		expect(realPod).toEqual({status: 200, kind: 'Pod', name: 'graceful', deletionTimestamp: 'string', deletionGracePeriodSeconds: 30});
	});

	it('a ConfigMap delete answers a Status Success naming it', async () => {
		const body = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'doomed'}};
		await both(pair(), 'POST', (ns) => `/api/v1/namespaces/${ns}/configmaps`, {body});
		const replies = await both(pair(), 'DELETE', (ns) => `/api/v1/namespaces/${ns}/configmaps/doomed`);
		// The uid is each server's own.
		const strip = (reply: unknown) => without(reply, ['details.uid']);
		expect(replies.sim.status).toBe(replies.real.status);
		expect(strip(replies.sim.body)).toEqual(strip(replies.real.body));
		expect(strip(replies.real.body)).toEqual({
			kind: 'Status',
			apiVersion: 'v1',
			metadata: {},
			status: 'Success',
			details: {name: 'doomed', kind: 'configmaps'},
		});
	});
});

describe.skipIf(real.skip)('oracle: PATCH', () => {
	const pair = usePair();
	const manifest = MANIFESTS[0]!;

	it.each([
		['application/merge-patch+json', {metadata: {labels: {tier: 'front', gone: null}}, spec: {replicas: 3}}],
		['application/strategic-merge-patch+json', {metadata: {labels: {tier: 'back', gone: null}}, spec: {replicas: 2}}],
	] as const)('%s on replicas and labels', async (contentType, patch) => {
		const name = contentType.startsWith('application/merge') ? 'merge' : 'strategic';
		const body = {...manifest.body, metadata: {name, labels: {keep: 'yes', gone: 'soon'}}};
		const created = await both(pair(), 'POST', (ns) => manifest.path.replace('NS', ns), {body});
		expect(created.real.status).toBe(201);
		const replies = await both(pair(), 'PATCH', (ns) => `${manifest.path.replace('NS', ns)}/${name}`, {contentType, body: patch});
		expect(replies.sim.status, replies.sim.text).toBe(200);
		expect(replies.real.status, replies.real.text).toBe(200);
		const view = (reply: unknown) => {
			const object = reply as Obj & {metadata: {generation?: number}};
			return {labels: object.metadata.labels, replicas: object.spec?.replicas, generation: object.metadata.generation};
		};
		expect(view(replies.sim.body)).toEqual(view(replies.real.body));
	});
});
