import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {SIM_RESTRICTED_CONTEXT} from '../../../src/sim/index.js';
import {R} from '../../../src/sim/world/kinds.js';
import {ApiError, KubeClient} from '../../../src/sources/kube/client.js';
import {discover, type ApiResource} from '../../../src/sources/kube/discovery.js';
import {loadKubeconfig} from '../../../src/sources/kube/kubeconfig.js';
import {Reflector, type ReflectorTiming} from '../../../src/sources/kube/reflector.js';
import type {Scope} from '../../../src/sources/types.js';
import {
	closedPort,
	createPod,
	FAST,
	keyOf,
	kubeconfigAt,
	PODS,
	recorder,
	startTestSim,
	versions,
	waitConsistent,
	waitFor,
	type Recorder,
	type TestSim,
	settle,
} from './harness.js';

// The reflector over real HTTPS against the in-process sim: list, watch, and every
// recovery path (clean end, cut watch, 410, server errors, refusals, no server).

let t: TestSim;
let resources: ApiResource[] = [];
const running: Reflector[] = [];

beforeAll(async () => {
	t = await startTestSim();
	resources = await discover(t.client());
});
afterEach(async () => {
	for (const r of running.splice(0)) r.stop();
	await settle(t);
});
afterAll(async () => {
	await t.close();
});

function resource(name: string): ApiResource {
	const found = resources.find((r) => r.resource === name && r.group === (name === 'deployments' ? 'apps' : ''));
	if (!found) throw new Error(`discovery has no ${name}`);
	return found;
}

/** A client that remembers the paths it was asked for (lists and watches), otherwise the real thing. */
class CountingClient extends KubeClient {
	readonly gets: string[] = [];
	readonly streams: string[] = [];
	/** Answers the first `failContinues` continued list pages with 410, as an API server does once it compacted. */
	failContinues = 0;

	override get<T>(pathAndQuery: string, signal?: AbortSignal, accept?: string): Promise<T> {
		this.gets.push(pathAndQuery);
		if (this.failContinues > 0 && new URLSearchParams(pathAndQuery.split('?')[1]).has('continue')) {
			this.failContinues--;
			return Promise.reject(
				new ApiError(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'),
			);
		}
		return super.get<T>(pathAndQuery, signal, accept);
	}

	override stream(pathAndQuery: string, onEvent: (event: unknown) => void, signal?: AbortSignal, onOpen?: () => void): Promise<void> {
		this.streams.push(pathAndQuery);
		return super.stream(pathAndQuery, onEvent, signal, onOpen);
	}
}

function countingClient(): CountingClient {
	const loaded = loadKubeconfig({kubeconfig: t.kubeconfigPath, env: {}});
	return new CountingClient(loaded.kc, loaded.server);
}

function start(
	options: {client?: KubeClient; resource?: ApiResource; scope?: Scope; timing?: Partial<ReflectorTiming>; rec?: Recorder} = {},
) {
	const rec = options.rec ?? recorder();
	const reflector = new Reflector(options.client ?? t.client(), options.resource ?? PODS, options.scope ?? {}, rec.sink, {
		...FAST,
		...options.timing,
	});
	running.push(reflector);
	reflector.start();
	return {rec, reflector};
}

const pods = () => t.sim.store.list(R.pods);
const live = (rec: Recorder) =>
	waitFor(
		'the feed to be live',
		() => rec.phase === 'live' && rec.resets > 0,
		() => rec.states,
	);

let serial = 0;
/** A pod name no other test uses. */
const fresh = (prefix: string) => `${prefix}-${++serial}`;

describe('Reflector: list', () => {
	it('delivers one reset holding exactly the sim’s pods first, then goes live', async () => {
		let storeKeys: string[] = [];
		const rec = recorder();
		const changes = rec.sink.changes;
		const sink = {
			...rec.sink,
			changes: (c: Parameters<typeof changes>[0]) => {
				// What the sim holds at the moment the reset lands.
				if (rec.batches.length === 0) storeKeys = pods().map(keyOf).sort();
				changes(c);
			},
		};
		const reflector = new Reflector(t.client(), PODS, {}, sink, FAST);
		running.push(reflector);
		reflector.start();
		await live(rec);
		expect(rec.states[0]?.phase).toBe('live');
		expect(rec.batches[0]).toHaveLength(1);
		const reset = rec.firstReset();
		expect(reset).toBeDefined();
		expect(storeKeys.length).toBeGreaterThan(10);
		expect(reset?.map(([key]) => key).sort()).toEqual(storeKeys);
		// Keys are namespace/name, and the objects are the pods themselves (projected).
		for (const [key, object] of reset ?? []) {
			expect(key).toBe(keyOf(object));
			expect(object['kind']).toBe('Pod');
		}
		expect(rec.anomalies).toEqual([]);
	});

	it('lists in pages of pageSize and still gets the same set', async () => {
		const client = countingClient();
		const {rec} = start({client, timing: {pageSize: 2}});
		await live(rec);
		const lists = client.gets.filter((p) => !p.includes('watch='));
		expect(lists.length).toBeGreaterThanOrEqual(Math.ceil(pods().length / 2));
		expect(lists.every((p) => p.includes('limit=2'))).toBe(true);
		expect(lists.slice(1).every((p) => p.includes('continue='))).toBe(true);
		// Still exactly one reset, not one per page.
		expect(rec.resets).toBe(1);
		await waitConsistent(rec, pods);
	});

	it('restarts an expired paged list as one unpaged list', async () => {
		const client = countingClient();
		client.failContinues = 1;
		const {rec} = start({client, timing: {pageSize: 2}});
		await live(rec);
		expect(rec.resets).toBe(1);
		const lists = client.gets.filter((p) => !p.includes('watch='));
		expect(lists.at(-1)).not.toContain('limit=');
		await waitConsistent(rec, pods);
	});
});

describe('Reflector: watch', () => {
	it('turns adds, updates and deletes in the sim into add, update and delete changes', async () => {
		const {rec} = start();
		await live(rec);
		const name = fresh('kv-crud');
		const key = `default/${name}`;
		createPod(t.sim, R.pods, 'default', name, {role: 'test'});
		await waitFor(
			'the add',
			() => rec.events.includes(`add ${key}`),
			() => rec.events,
		);
		t.sim.store.mutate(R.pods, 'default', name, (p) => ({...p, metadata: {...p.metadata, labels: {role: 'changed'}}}));
		await waitFor(
			'the update with the new label',
			() => (rec.view.get(key)?.['metadata'] as {labels?: Record<string, string>} | undefined)?.labels?.['role'] === 'changed',
			() => rec.events,
		);
		expect(rec.events).toContain(`update ${key}`);
		t.sim.store.remove(R.pods, 'default', name);
		await waitFor(
			'the delete',
			() => rec.events.includes(`delete ${key}`),
			() => rec.events,
		);
		expect(rec.view.has(key)).toBe(false);
		const mine = rec.events.filter((e) => e.endsWith(` ${key}`));
		expect(mine[0]).toBe(`add ${key}`);
		expect(mine.at(-1)).toBe(`delete ${key}`);
		expect(rec.resets).toBe(1);
		expect(rec.anomalies).toEqual([]);
		await waitConsistent(rec, pods);
	});

	it('with a label selector delivers only matching pods, and a pod relabelled out of it as a delete', async () => {
		const {rec} = start({scope: {labelSelector: 'app=frontend'}});
		await live(rec);
		const frontends = () => pods().filter((p) => p.metadata.labels?.['app'] === 'frontend');
		expect(frontends().length).toBeGreaterThan(0);
		expect(
			rec
				.firstReset()
				?.map(([k]) => k)
				.sort(),
		).toEqual(frontends().map(keyOf).sort());
		const other = fresh('kv-other');
		const mine = fresh('kv-frontend');
		createPod(t.sim, R.pods, 'default', other, {app: 'backend'});
		createPod(t.sim, R.pods, 'default', mine, {app: 'frontend'});
		await waitFor(
			'the matching add',
			() => rec.view.has(`default/${mine}`),
			() => rec.events,
		);
		// The non-matching pod was created first, so had it been sent it would be here by now.
		expect(rec.events.some((e) => e.includes(other))).toBe(false);
		t.sim.store.mutate(R.pods, 'default', mine, (p) => ({...p, metadata: {...p.metadata, labels: {app: 'gone'}}}));
		await waitFor(
			'the relabelled pod to leave',
			() => !rec.view.has(`default/${mine}`),
			() => rec.events,
		);
		expect(rec.events).toContain(`delete default/${mine}`);
		await waitConsistent(rec, frontends);
		t.sim.store.remove(R.pods, 'default', other);
		t.sim.store.remove(R.pods, 'default', mine);
		expect(rec.anomalies).toEqual([]);
	});

	it('with a field selector delivers only pods on that node', async () => {
		const node = 'kview-worker-1';
		const onNode = () => pods().filter((p) => (p.spec as {nodeName?: string} | undefined)?.nodeName === node);
		const {rec} = start({scope: {fieldSelector: {'spec.nodeName': node}}});
		await live(rec);
		expect(onNode().length).toBeGreaterThan(0);
		await waitConsistent(rec, onNode);
		expect(rec.view.size).toBeLessThan(pods().length);
		for (const object of rec.view.values()) expect((object['spec'] as {nodeName?: string}).nodeName).toBe(node);
	});

	it('with a namespace delivers only that namespace’s pods', async () => {
		const {rec} = start({scope: {namespace: 'shop'}});
		await live(rec);
		await waitConsistent(rec, () => t.sim.store.list(R.pods, 'shop'));
		expect([...rec.view.keys()].every((k) => k.startsWith('shop/'))).toBe(true);
		const outside = fresh('kv-outside');
		const inside = fresh('kv-inside');
		createPod(t.sim, R.pods, 'default', outside);
		createPod(t.sim, R.pods, 'shop', inside);
		await waitFor(
			'the shop pod',
			() => rec.view.has(`shop/${inside}`),
			() => rec.events,
		);
		expect(rec.events.some((e) => e.includes(outside))).toBe(false);
		t.sim.store.remove(R.pods, 'default', outside);
		t.sim.store.remove(R.pods, 'shop', inside);
		await waitConsistent(rec, () => t.sim.store.list(R.pods, 'shop'));
	});

	it('resumes a watch the server ended cleanly from the last resourceVersion, without a relist', async () => {
		const client = countingClient();
		const {rec} = start({client, timing: {watchTimeoutSeconds: () => 1}});
		await live(rec);
		const name = fresh('kv-resume');
		await waitFor(
			'three watches, each ended by its timeout',
			() => client.streams.length >= 3,
			() => client.streams,
			30_000,
		);
		createPod(t.sim, R.pods, 'default', name);
		await waitFor(
			'the add after the renewals',
			() => rec.view.has(`default/${name}`),
			() => rec.events,
		);
		expect(rec.resets).toBe(1);
		expect(client.gets.filter((p) => !p.includes('watch='))).toHaveLength(1);
		// Each renewal starts where the last one stopped, not from the list's version.
		const rvs = client.streams.map((p) => Number(new URLSearchParams(p.split('?')[1]).get('resourceVersion')));
		expect(rvs.every((rv, i) => i === 0 || rv >= (rvs[i - 1] ?? 0))).toBe(true);
		expect(new Set(rvs).size).toBeGreaterThan(1);
		expect(rec.states.some((s) => s.phase !== 'live')).toBe(false);
		t.sim.store.remove(R.pods, 'default', name);
		await waitConsistent(rec, pods);
		expect(rec.anomalies).toEqual([]);
	}, 45_000);
});

/** Creates, changes and deletes pods in the sim for `ms`, a change every ~60 ms. */
async function burst(prefix: string, ms: number): Promise<string[]> {
	const names: string[] = [];
	const until = Date.now() + ms;
	let i = 0;
	while (Date.now() < until) {
		const step = i++ % 4;
		if (step === 0 || names.length === 0) {
			const name = fresh(prefix);
			createPod(t.sim, R.pods, 'default', name, {burst: prefix});
			names.push(name);
		} else if (step === 3 && names.length > 2) {
			const name = names.shift()!;
			t.sim.store.remove(R.pods, 'default', name);
		} else {
			const name = names[Math.floor(Math.random() * names.length)]!;
			t.sim.store.mutate(R.pods, 'default', name, (p) => ({
				...p,
				metadata: {...p.metadata, annotations: {...p.metadata.annotations, step: String(i)}},
			}));
		}
		await new Promise((resolve) => setTimeout(resolve, 60));
	}
	return names;
}

function cleanup(names: string[]): void {
	for (const name of names) if (t.sim.store.find(R.pods, 'default', name)) t.sim.store.remove(R.pods, 'default', name);
}

describe('Reflector: recovery', () => {
	it('keeps up while the server cuts every watch each second: nothing lost, nothing stale', async () => {
		const client = countingClient();
		const {rec} = start({client});
		await live(rec);
		t.sim.server.setFaults({dropWatchesEverySeconds: 1, errorRate: 0});
		const names = await burst('kv-drop', 3500);
		await waitConsistent(rec, pods);
		expect(client.streams.length).toBeGreaterThanOrEqual(3);
		// The history still covered every resume, so no relist was needed.
		expect(rec.resets).toBe(1);
		expect(rec.anomalies).toEqual([]);
		expect(rec.states.filter((s) => s.phase === 'reconnecting').every((s) => s.phase === 'reconnecting' && s.reason !== '')).toBe(true);
		cleanup(names);
		await waitConsistent(rec, pods);
	}, 60_000);

	it('relists on 410 when the history is too short for a resume, and stays consistent', async () => {
		const client = countingClient();
		const {rec} = start({client});
		await live(rec);
		t.sim.store.setHistoryLimit(1);
		t.sim.server.setFaults({dropWatchesEverySeconds: 1, errorRate: 0});
		const names: string[] = [];
		const deadline = Date.now() + 30_000;
		// Keep changing pods until a resume found its resourceVersion compacted away.
		while (rec.resets < 2 && Date.now() < deadline) names.push(...(await burst('kv-expired', 500)));
		expect(rec.resets).toBeGreaterThanOrEqual(2);
		t.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 0});
		await waitConsistent(rec, pods);
		expect(rec.anomalies).toEqual([]);
		cleanup(names);
		await waitConsistent(rec, pods);
	}, 60_000);

	it('goes reconnecting with a reason and retryAt while the server fails, backing off, then live and consistent', async () => {
		const {rec} = start();
		await live(rec);
		t.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 1});
		t.sim.server.dropWatches();
		await waitFor(
			'four failed retries',
			() => rec.states.filter((s) => s.phase === 'reconnecting').length >= 4,
			() => rec.states,
		);
		const retries = rec.states.filter((s) => s.phase === 'reconnecting');
		const first = retries[0];
		expect(first?.phase === 'reconnecting' && first.reason).toBeTruthy();
		// The cut watch, then the server's own message for each 500.
		expect(retries.slice(1).every((s) => s.phase === 'reconnecting' && s.reason.includes('injected fault'))).toBe(true);
		// 50, 100, 200, 400 ms (jitter fixed at 1.0), capped at maxBackoffMs.
		const waits = retries.map((s) => (s.phase === 'reconnecting' ? s.retryAt - s.at : 0));
		for (const [i, wait] of waits.slice(0, 5).entries())
			expect(Math.abs(wait - Math.min(50 * 2 ** i, 400)), `wait ${i}`).toBeLessThanOrEqual(5);
		// A change made during the outage must show up afterwards.
		const name = fresh('kv-outage');
		createPod(t.sim, R.pods, 'default', name);
		const failures = retries.length;
		t.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 0});
		await live(rec);
		await waitConsistent(rec, pods);
		expect(rec.view.has(`default/${name}`)).toBe(true);
		expect(rec.states.filter((s) => s.phase === 'reconnecting').length).toBeLessThanOrEqual(failures + 1);
		t.sim.store.remove(R.pods, 'default', name);
		await waitConsistent(rec, pods);
	}, 45_000);

	it('starts through a failing list: reconnecting until the server heals, then one reset', async () => {
		t.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 1});
		const {rec} = start();
		await waitFor(
			'a failed list',
			() => rec.states.filter((s) => s.phase === 'reconnecting').length >= 2,
			() => rec.states,
		);
		expect(rec.batches).toHaveLength(0);
		const state = rec.states[0];
		expect(state?.phase).toBe('reconnecting');
		if (state?.phase === 'reconnecting') {
			expect(state.reason).toBe('Internal error occurred: injected fault (kview sim --error-rate)');
			expect(state.retryAt).toBeGreaterThan(state.at);
		}
		t.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 0});
		await live(rec);
		expect(rec.resets).toBe(1);
		await waitConsistent(rec, pods);
	});

	it('fails with the server’s forbidden message for a user who may not list secrets, and does not ask again', async () => {
		const client = t.client(SIM_RESTRICTED_CONTEXT);
		const {rec} = start({client, resource: resource('secrets')});
		await waitFor(
			'the refusal',
			() => rec.phase === 'failed',
			() => rec.states,
		);
		const state = rec.states.at(-1);
		expect(state).toMatchObject({
			phase: 'failed',
			reason: 'secrets is forbidden: User "kview-restricted" cannot list resource "secrets" in API group "" at the cluster scope',
		});
		// Asked once (DESIGN: no retry loop on 403); reopening the view asks again.
		await new Promise((resolve) => setTimeout(resolve, FAST.maxBackoffMs * 4));
		expect(rec.states.map((s) => s.phase)).toEqual(['failed']);
		expect(rec.batches).toHaveLength(0);
		// The same user still sees pods: the refusal is about the kind, not the connection.
		const ok = start({client: t.client(SIM_RESTRICTED_CONTEXT)});
		await live(ok.rec);
	});

	it('says "connection refused" and keeps retrying when nothing listens at the kubeconfig’s server', async () => {
		const port = await closedPort();
		const file = kubeconfigAt(t, `https://127.0.0.1:${port}`, 'closed.yaml');
		const loaded = loadKubeconfig({kubeconfig: file, env: {}});
		expect(loaded.server).toBe(`https://127.0.0.1:${port}`);
		const {rec} = start({client: new KubeClient(loaded.kc, loaded.server)});
		await waitFor(
			'two refused attempts',
			() => rec.states.length >= 2,
			() => rec.states,
		);
		for (const s of rec.states) {
			expect(s.phase).toBe('reconnecting');
			if (s.phase === 'reconnecting') {
				expect(s.reason).toBe(`cannot reach https://127.0.0.1:${port}: connection refused (is the cluster up?)`);
				expect(s.retryAt).toBeGreaterThan(s.at);
			}
		}
		expect(rec.batches).toHaveLength(0);
	});
});

describe('Reflector: stop', () => {
	it('stops a live reflector: its watch closes on the server and its sink hears nothing more', async () => {
		const a = start();
		const b = start({resource: resource('deployments')});
		await live(a.rec);
		await live(b.rec);
		await waitFor(
			'two open watches',
			() => t.sim.store.watchCount === 2,
			() => t.sim.store.watchCount,
		);
		a.reflector.stop();
		b.reflector.stop();
		const calls = a.rec.calls + b.rec.calls;
		await waitFor(
			'the server to see both watches close',
			() => t.sim.store.watchCount === 0,
			() => t.sim.store.watchCount,
		);
		// A reflector still running sees the next change; the stopped ones must not.
		const control = start();
		await live(control.rec);
		const name = fresh('kv-stop');
		createPod(t.sim, R.pods, 'default', name);
		t.sim.server.dropWatches();
		await waitFor(
			'the control to see the change',
			() => control.rec.view.has(`default/${name}`),
			() => control.rec.events,
		);
		expect(a.rec.calls + b.rec.calls).toBe(calls);
		t.sim.store.remove(R.pods, 'default', name);
		await waitConsistent(control.rec, pods);
	});

	it('stops a reflector waiting out a backoff: no more states, no more attempts', async () => {
		const port = await closedPort();
		const file = kubeconfigAt(t, `https://127.0.0.1:${port}`, 'closed-stop.yaml');
		const client = () => {
			const loaded = loadKubeconfig({kubeconfig: file, env: {}});
			return new KubeClient(loaded.kc, loaded.server);
		};
		const stopped = start({client: client()});
		await waitFor(
			'a refused attempt',
			() => stopped.rec.states.length >= 1,
			() => stopped.rec.states,
		);
		stopped.reflector.stop();
		const calls = stopped.rec.calls;
		const control = start({client: client()});
		await waitFor(
			'the control to retry four times',
			() => control.rec.states.length >= 4,
			() => control.rec.states,
		);
		expect(stopped.rec.calls).toBe(calls);
	});

	it('stops before the first list completes without delivering anything', async () => {
		const {rec, reflector} = start();
		reflector.stop();
		const control = start();
		await live(control.rec);
		expect(rec.calls).toBe(0);
		expect(versions(control.rec.view.values()).length).toBeGreaterThan(0);
	});
});
