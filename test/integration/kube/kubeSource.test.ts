import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {SIM_CONTEXT} from '../../../src/sim/index.js';
import {R} from '../../../src/sim/world/kinds.js';
import type {KubeObject} from '../../../src/sim/types.js';
import {KubeClient} from '../../../src/sources/kube/client.js';
import {loadKubeconfig} from '../../../src/sources/kube/kubeconfig.js';
import {KubeSource} from '../../../src/sources/kube/kubeSource.js';
import {project} from '../../../src/sources/kube/projection.js';
import type {ReflectorTiming} from '../../../src/sources/kube/reflector.js';
import type {Subscription} from '../../../src/sources/types.js';
import {
	FAST,
	keyOf,
	kubeconfigAt,
	recorder,
	rvOf,
	startTestSim,
	tcpProxy,
	waitConsistent,
	waitFor,
	type Recorder,
	type TestSim,
	settle,
} from './harness.js';

// KubeSource over the sim: discovery, one reflector per watch, and act('delete').

const VIEW_KINDS = ['pods', 'deployments', 'nodes', 'namespaces', 'services'] as const;

let t: TestSim;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
	t = await startTestSim();
});
afterEach(async () => {
	for (const s of subscriptions.splice(0)) s.stop();
	await settle(t);
});
afterAll(async () => {
	await t.close();
});

function source(client: KubeClient = t.client(), timing: ReflectorTiming = FAST): KubeSource {
	return new KubeSource(client, SIM_CONTEXT, VIEW_KINDS, timing);
}

function watch(src: KubeSource, kind: string, rec: Recorder = recorder()): Recorder {
	subscriptions.push(src.watch(kind, {}, rec.sink));
	return rec;
}

const live = (rec: Recorder) =>
	waitFor(
		'the feed to be live',
		() => rec.phase === 'live' && rec.resets > 0,
		() => rec.states,
	);

describe('KubeSource', () => {
	it('is a kubernetes source named after its context, offering the view kinds', () => {
		const src = source();
		expect(src.id).toBe(`kube:${SIM_CONTEXT}`);
		expect(src.label).toBe(SIM_CONTEXT);
		expect(src.engine).toBe('kubernetes');
		expect(src.kinds()).toEqual(VIEW_KINDS);
	});

	it.each(VIEW_KINDS)('watch(%s) yields the sim’s objects, as projected', async (kind) => {
		const src = source();
		const rec = watch(src, kind);
		expect(rec.states[0]).toMatchObject({phase: 'connecting'});
		await live(rec);
		const inStore = () => t.sim.store.list(R[kind]);
		expect(inStore().length).toBeGreaterThan(0);
		await waitConsistent(rec, inStore);
		// Same versions, so each object must be exactly the projection of the stored one.
		const byKey = new Map<string, KubeObject>(inStore().map((o) => [keyOf(o), o]));
		let compared = 0;
		for (const [key, object] of rec.view) {
			const stored = byKey.get(key);
			if (!stored || rvOf(stored) !== rvOf(object)) continue;
			expect(object, key).toEqual(JSON.parse(JSON.stringify(project(kind, stored))));
			compared++;
		}
		expect(compared).toBeGreaterThan(0);
	});

	it('fails a kind the cluster does not serve, naming it', async () => {
		const rec = watch(source(), 'widgets');
		await waitFor(
			'the failure',
			() => rec.phase === 'failed',
			() => rec.states,
		);
		expect(rec.states.at(-1)).toMatchObject({phase: 'failed', reason: `${SIM_CONTEXT} does not serve "widgets"`});
		expect(rec.batches).toHaveLength(0);
	});

	it('serves several watches from one discovery, each with its own reflector', async () => {
		const src = source();
		const pods = watch(src, 'pods');
		const nodes = watch(src, 'nodes');
		await live(pods);
		await live(nodes);
		await waitConsistent(pods, () => t.sim.store.list(R.pods));
		await waitConsistent(nodes, () => t.sim.store.list(R.nodes));
	});

	it('a watch stopped during discovery does not disturb another waiting on the same discovery', async () => {
		const src = source();
		const first = recorder();
		const stopFirst = src.watch('pods', {}, first.sink);
		const second = watch(src, 'services');
		stopFirst.stop();
		await live(second);
		// Never a flash of "reconnecting" from the other watch's abort.
		expect(new Set(second.states.map((s) => s.phase))).toEqual(new Set(['connecting', 'live']));
		expect(first.states.map((s) => s.phase)).toEqual(['connecting']);
	});

	it('deletes a pod: the pod terminates or goes, and a watch sees it', async () => {
		const src = source();
		const rec = watch(src, 'pods');
		await live(rec);
		const victim = t.sim.store.list(R.pods, 'shop').find((p) => !p.metadata.deletionTimestamp);
		expect(victim).toBeDefined();
		const {namespace, name, uid} = victim!.metadata;
		const key = `${namespace}/${name}`;
		await expect(src.act({action: 'delete', kind: 'pods', key: key})).resolves.toBe(`deleted pod ${key}`);
		const gone = () => {
			const now = t.sim.store.find(R.pods, namespace, name);
			return !now || now.metadata.uid !== uid || Boolean(now.metadata.deletionTimestamp);
		};
		expect(gone()).toBe(true);
		await waitFor(
			'the watch to see the deletion',
			() => {
				const seen = rec.view.get(key) as {metadata?: {uid?: string; deletionTimestamp?: string}} | undefined;
				return !seen || seen.metadata?.uid !== uid || Boolean(seen.metadata?.deletionTimestamp);
			},
			() => rec.events.filter((e) => e.includes(key)),
		);
	});

	it('rejects deleting a pod that does not exist with the server’s NotFound message', async () => {
		await expect(source().act({action: 'delete', kind: 'pods', key: 'shop/no-such-pod'})).rejects.toThrow('pods "no-such-pod" not found');
	});

	it('rejects kinds the cluster does not serve and the server’s refusals, one line each', async () => {
		const src = source();
		await expect(src.act({action: 'scale', kind: 'pods', key: 'shop/x', replicas: 2})).rejects.toThrow(
			'the server could not find the requested resource',
		);
		await expect(src.act({action: 'delete', kind: 'widgets', key: 'shop/x'})).rejects.toThrow(`${SIM_CONTEXT} does not serve "widgets"`);
	});

	it('starts through a failing server: reconnecting while every request fails, live once healed', async () => {
		t.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 1});
		const rec = watch(source(), 'pods');
		await waitFor(
			'the failures to show',
			() => rec.states.filter((s) => s.phase === 'reconnecting').length >= 2,
			() => rec.states,
		);
		expect(rec.states.find((s) => s.phase === 'reconnecting')).toMatchObject({reason: expect.stringContaining('injected fault')});
		t.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 0});
		await live(rec);
		expect(rec.resets).toBe(1);
		await waitConsistent(rec, () => t.sim.store.list(R.pods));
	});

	it('retries discovery while the server cannot be reached, then starts the reflector', async () => {
		const proxy = await tcpProxy(t.sim.url);
		try {
			const file = kubeconfigAt(t, proxy.url, 'proxied.yaml');
			const loaded = loadKubeconfig({kubeconfig: file, env: {}});
			const rec = watch(source(new KubeClient(loaded.kc, loaded.server)), 'pods');
			await waitFor(
				'discovery to fail twice',
				() => rec.states.filter((s) => s.phase === 'reconnecting').length >= 2,
				() => rec.states,
			);
			expect(rec.states.find((s) => s.phase === 'reconnecting')).toMatchObject({reason: expect.stringContaining(proxy.url)});
			expect(rec.batches).toHaveLength(0);
			proxy.up = true;
			await live(rec);
			await waitConsistent(rec, () => t.sim.store.list(R.pods));
		} finally {
			await proxy.close();
		}
	});

	it('stop() during discovery retries ends the feed: no more states', async () => {
		const proxy = await tcpProxy(t.sim.url);
		try {
			const file = kubeconfigAt(t, proxy.url, 'proxied-stop.yaml');
			const loaded = loadKubeconfig({kubeconfig: file, env: {}});
			const client = new KubeClient(loaded.kc, loaded.server);
			const stopped = recorder();
			const subscription = source(client).watch('pods', {}, stopped.sink);
			await waitFor(
				'a failed discovery',
				() => stopped.phase === 'reconnecting',
				() => stopped.states,
			);
			subscription.stop();
			const calls = stopped.calls;
			const control = watch(source(client), 'pods');
			await waitFor(
				'the control to fail three times',
				() => control.states.length >= 4,
				() => control.states,
			);
			proxy.up = true;
			await live(control);
			expect(stopped.calls).toBe(calls);
		} finally {
			await proxy.close();
		}
	});
});

describe('KubeSource: kinds without a views file (server-side Table)', () => {
	it('discovers a CRD by its short name and follows its Table rows, cells and all, live', async () => {
		const src = source();
		const kind = await src.discoverKind('db');
		expect(kind).toMatchObject({kind: 'databases', title: 'Database', namespaced: true});
		expect(kind?.aliases).toEqual(expect.arrayContaining(['database', 'db', 'databases.kview.dev']));
		// The CRD's additionalPrinterColumns, as kubectl prints them (Size is wide).
		expect(kind?.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
			'Name:0',
			'Engine:0',
			'Version:0',
			'Replicas:0',
			'Ready:0',
			'Size:1',
			'Age:0',
		]);
		expect(src.kinds()).toContain('databases');
		const rec = watch(src, 'databases');
		await live(rec);
		expect(rec.view.get('shop/orders')).toMatchObject({
			metadata: {name: 'orders', namespace: 'shop'},
			kviewTable: {c0: 'orders', c1: 'postgres', c2: '16.4', c3: 2, c4: 'True', c5: '10Gi'},
		});
		// A change arrives through the Table watch with its new cells.
		const def = t.sim.server.resources().find((d) => d.resource === 'databases');
		if (!def) throw new Error('no databases resource');
		const orders = t.sim.store.get(def, 'shop', 'orders');
		t.sim.store.update(def, {...orders, spec: {...(orders.spec as object), replicas: 5}});
		await waitFor(
			'the new replica count',
			() => (rec.view.get('shop/orders') as {kviewTable?: {c3?: unknown}} | undefined)?.kviewTable?.c3 === 5,
			() => rec.view.get('shop/orders'),
		);
		expect(rec.anomalies).toEqual([]);
	});

	it('answers undefined for a name the cluster does not serve', async () => {
		await expect(source().discoverKind('poddisruptionbudgets')).resolves.toBeUndefined();
	});
});
