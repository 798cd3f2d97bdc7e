import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {SIM_CONTEXT, startSim, type RunningSim, type SimOptions} from '../../../src/sim/index.js';
import {prepareForCreate} from '../../../src/sim/defaults.js';
import type {KubeObject, ResourceDef} from '../../../src/sim/types.js';
import {KubeClient} from '../../../src/sources/kube/client.js';
import type {ApiResource} from '../../../src/sources/kube/discovery.js';
import {loadKubeconfig} from '../../../src/sources/kube/kubeconfig.js';
import type {ReflectorTiming} from '../../../src/sources/kube/reflector.js';
import type {Change, ConnectionState, FeedSink, ResourceObject} from '../../../src/sources/types.js';

/**
 * Short timing so recovery paths run in milliseconds; random is fixed so backoff delays
 * are exact. Lists are one page (see `recorder`); paging tests ask for small pages.
 */
export const FAST: ReflectorTiming = {
	initialBackoffMs: 50,
	maxBackoffMs: 400,
	pageSize: 500,
	watchTimeoutSeconds: () => 60,
	idleMs: 5000,
	random: () => 0.5,
};

/** A sim for one test file, its kubeconfig in a temp dir of its own. */
export type TestSim = {
	readonly sim: RunningSim;
	readonly dir: string;
	readonly kubeconfigPath: string;
	/** A client for a context of the sim's kubeconfig (admin by default), loaded as kview loads it. */
	readonly client: (context?: string) => KubeClient;
	readonly close: () => Promise<void>;
};

export async function startTestSim(options: SimOptions = {}): Promise<TestSim> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-kube-it-'));
	const kubeconfigPath = path.join(dir, 'kubeconfig.yaml');
	// Bookmarks often, so an idle watch is never mistaken for a dead one.
	const sim = await startSim({scenario: 'demo', logIntervalMs: 1000, bookmarkIntervalMs: 300, ...options, kubeconfigOut: kubeconfigPath});
	return {
		sim,
		dir,
		kubeconfigPath,
		client: (context = SIM_CONTEXT) => clientFor(kubeconfigPath, context),
		close: async () => {
			await sim.close();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** A KubeClient as kview builds one: loadKubeconfig with an empty environment, then the context's server. */
export function clientFor(kubeconfigPath: string, context = SIM_CONTEXT): KubeClient {
	const loaded = loadKubeconfig({kubeconfig: kubeconfigPath, context, env: {}});
	return new KubeClient(loaded.kc, loaded.server);
}

/** A kubeconfig like the sim's, with its server moved to `server`. */
export function kubeconfigAt(test: TestSim, server: string, name: string): string {
	const file = path.join(test.dir, name);
	writeFileSync(file, test.sim.kubeconfig.replace(test.sim.url, server));
	return file;
}

/** A port on 127.0.0.1 nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as net.AddressInfo).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/**
 * A TCP proxy on 127.0.0.1 to the sim: while `up` is false it cuts every connection at once
 * (the cluster "down"), and `cut()` ends the connections it carries.
 */
export async function tcpProxy(target: string): Promise<{url: string; up: boolean; cut: () => void; close: () => Promise<void>}> {
	const to = new URL(target);
	const sockets = new Set<net.Socket>();
	const state = {
		url: '',
		up: false,
		cut: () => {
			for (const s of sockets) s.destroy();
		},
		close: async () => {
			state.cut();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server = net.createServer((client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => undefined);
		if (!state.up) {
			client.resetAndDestroy();
			return;
		}
		const upstream = net.connect(Number(to.port), to.hostname);
		sockets.add(upstream);
		upstream.on('close', () => (sockets.delete(upstream), client.destroy()));
		upstream.on('error', () => client.destroy());
		client.on('close', () => upstream.destroy());
		client.pipe(upstream).pipe(client);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.url = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
	return state;
}

/** The pods resource as discovery reports it, for reflectors started without discovery. */
export const PODS: ApiResource = {
	group: '',
	version: 'v1',
	resource: 'pods',
	kind: 'Pod',
	namespaced: true,
	verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
	shortNames: ['po'],
};

type Meta = {name?: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>};

/** The feed key of an object (namespace/name or name). */
export function keyOf(object: {metadata?: Meta} | ResourceObject): string {
	const m = (object as {metadata?: Meta}).metadata ?? {};
	return m.namespace ? `${m.namespace}/${m.name ?? ''}` : (m.name ?? '');
}

export function rvOf(object: ResourceObject | KubeObject): string {
	return (object as {metadata?: Meta}).metadata?.resourceVersion ?? '';
}

/** "key@rv" lines, sorted: two views hold the same objects at the same versions when these are equal. */
export function versions(objects: Iterable<ResourceObject | KubeObject>): string[] {
	return [...objects].map((o) => `${keyOf(o as ResourceObject)}@${rvOf(o)}`).sort();
}

/**
 * A sink that applies changes to a map as the store would, and remembers every batch
 * and state. `anomalies` lists what a correct list+watch never sends: an add of a key
 * already held, an update or delete of one not held, or an object at a version no newer
 * than the one held (a replayed or stale event). Only meaningful with single-page lists:
 * the sim serves continued pages from its live store, not a snapshot at the list's
 * resourceVersion as an API server does, so a paged list may overlap the watch.
 */
export function recorder() {
	const view = new Map<string, ResourceObject>();
	const batches: Change[][] = [];
	const states: (ConnectionState & {at: number})[] = [];
	const events: string[] = [];
	const anomalies: string[] = [];
	let resets = 0;
	let calls = 0;
	const sink: FeedSink = {
		changes: (changes) => {
			calls++;
			batches.push([...changes]);
			for (const change of changes) {
				if (change.type === 'reset') {
					resets++;
					view.clear();
					for (const [key, object] of change.objects) view.set(key, object);
					events.push(`reset ${change.objects.length}`);
					continue;
				}
				events.push(`${change.type} ${change.key}`);
				const held = view.get(change.key);
				if (change.type === 'add' && held) anomalies.push(`add of ${change.key}, which is already there`);
				if (change.type !== 'add' && !held) anomalies.push(`${change.type} of ${change.key}, which is not there`);
				if (change.type !== 'delete' && held && Number(rvOf(change.object)) <= Number(rvOf(held)))
					anomalies.push(`${change.type} of ${change.key} at ${rvOf(change.object)}, not newer than the ${rvOf(held)} held`);
				if (change.type === 'delete') view.delete(change.key);
				else view.set(change.key, change.object);
			}
		},
		state: (state) => {
			calls++;
			states.push({...state, at: Date.now()});
		},
	};
	return {
		sink,
		view,
		batches,
		states,
		events,
		anomalies,
		get resets() {
			return resets;
		},
		get calls() {
			return calls;
		},
		get phase() {
			return states.at(-1)?.phase;
		},
		/** Objects of the first reset, by key. */
		firstReset(): readonly (readonly [string, ResourceObject])[] | undefined {
			const first = batches[0]?.[0];
			return first?.type === 'reset' ? first.objects : undefined;
		},
	};
}

export type Recorder = ReturnType<typeof recorder>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` is truthy; on timeout throws naming `what` and the last `detail()`. */
export async function waitFor(what: string, probe: () => boolean, detail: () => unknown = () => '', timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!probe()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(detail())}`);
		await sleep(25);
	}
}

/** Waits until the recorder's view holds exactly `expected()` (by key and resourceVersion). */
export async function waitConsistent(rec: Recorder, expected: () => (ResourceObject | KubeObject)[], timeoutMs = 15_000): Promise<void> {
	let diff: {missing: string[]; extra: string[]} = {missing: [], extra: []};
	await waitFor(
		'the reflector view to equal the sim',
		() => {
			const want = versions(expected());
			const have = versions(rec.view.values());
			diff = {missing: want.filter((v) => !have.includes(v)), extra: have.filter((v) => !want.includes(v))};
			return diff.missing.length === 0 && diff.extra.length === 0;
		},
		() => diff,
		timeoutMs,
	);
}

/** A bare pod, created in the sim's store as the API server would create it. */
export function createPod(
	sim: RunningSim,
	pods: ResourceDef,
	namespace: string,
	name: string,
	labels: Record<string, string> = {},
): KubeObject {
	return sim.store.create(
		pods,
		prepareForCreate({
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name, namespace, labels, uid: '', resourceVersion: '', creationTimestamp: ''},
			spec: {containers: [{name: 'main', image: 'registry.local/test:1'}]},
		}),
	);
}

/** Puts the sim back as a test found it: no faults, full history, and every watch closed (so the next test starts clean). */
export async function settle(test: TestSim): Promise<void> {
	test.sim.server.setFaults({dropWatchesEverySeconds: 0, errorRate: 0});
	test.sim.store.setHistoryLimit(10_000);
	await waitFor(
		'every watch to close',
		() => test.sim.store.watchCount === 0,
		() => test.sim.store.watchCount,
	);
}
