import type {ResourceObject} from '../types.js';
import type {MemorySource} from './memorySource.js';

/** Options for the generated world. */
export type DemoWorldOptions = {
	/** Pods to create (spread over deployments). */
	readonly pods?: number;
	/** Fixed "now" so generated ages are reproducible. */
	readonly now?: number;
};

const NAMESPACES = ['shop', 'payments', 'platform', 'monitoring', 'kube-system'];
const APPS = ['frontend', 'api', 'worker', 'redis', 'checkout', 'search', 'auth', 'metrics', 'ingest', 'mailer'];

/** A small deterministic PRNG, so demo data and benchmarks are the same on every run. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

type Trouble = 'running' | 'crashloop' | 'pending' | 'imagepull' | 'completed' | 'init' | 'notready';

function podObject(
	namespace: string,
	name: string,
	app: string,
	node: string,
	created: number,
	trouble: Trouble,
	index: number,
	now: number,
): ResourceObject {
	const running = {running: {startedAt: iso(created)}};
	let status: Record<string, unknown>;
	const container = (state: unknown, ready: boolean, restarts = 0, last?: unknown) => ({
		name: app,
		ready,
		started: ready,
		restartCount: restarts,
		image: `registry.local/${app}:1.${index % 7}`,
		state,
		lastState: last ?? {},
	});
	switch (trouble) {
		case 'crashloop':
			status = {
				phase: 'Running',
				containerStatuses: [
					container({waiting: {reason: 'CrashLoopBackOff'}}, false, 7 + (index % 30), {
						terminated: {exitCode: 1, reason: 'Error', finishedAt: iso(now - 95_000)},
					}),
				],
			};
			break;
		case 'pending':
			status = {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable'}]};
			break;
		case 'imagepull':
			status = {phase: 'Pending', containerStatuses: [container({waiting: {reason: 'ImagePullBackOff'}}, false)]};
			break;
		case 'completed':
			status = {phase: 'Succeeded', containerStatuses: [container({terminated: {exitCode: 0, reason: 'Completed'}}, false)]};
			break;
		case 'init':
			status = {
				phase: 'Pending',
				initContainerStatuses: [{name: 'migrate', ready: false, restartCount: 0, state: {running: {}}}],
				containerStatuses: [container({waiting: {reason: 'PodInitializing'}}, false)],
			};
			break;
		case 'notready':
			status = {phase: 'Running', containerStatuses: [container(running, false)]};
			break;
		default:
			status = {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [container(running, true)]};
	}
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace,
			uid: `uid-${namespace}-${name}`,
			creationTimestamp: iso(created),
			labels: {app, 'pod-template-hash': 'a1b2c3'},
		},
		spec: {
			nodeName: trouble === 'pending' ? undefined : node,
			containers: [{name: app, image: `registry.local/${app}:1.${index % 7}`}],
			...(trouble === 'init' ? {initContainers: [{name: 'migrate'}]} : {}),
		},
		status: {...status, podIP: trouble === 'pending' ? undefined : `10.42.${(index >> 8) & 255}.${index & 255}`},
	};
}

/**
 * Fills a memory source with a plausible cluster: namespaces, nodes, deployments
 * with services, and their pods, a few of them in the troubles on-call people
 * meet. The demo uses it until the simulated cluster lands; the benchmarks use it
 * for 50,000 rows.
 */
export function fillDemoWorld(source: MemorySource, options: DemoWorldOptions = {}): void {
	const now = options.now ?? Date.now();
	const podCount = options.pods ?? 60;
	const rnd = random(42);
	const nodes = Math.max(3, Math.min(500, Math.ceil(podCount / 100)));
	source.put(
		'namespaces',
		NAMESPACES.map((name, i) => [
			name,
			{
				metadata: {name, creationTimestamp: iso(now - (40 - i) * 86_400_000), labels: {'kubernetes.io/metadata.name': name}},
				status: {phase: 'Active'},
			},
		]),
	);
	source.put(
		'nodes',
		Array.from({length: nodes}, (_, i) => {
			const name = `node-${String(i + 1).padStart(3, '0')}`;
			const labels: Record<string, string> = {'kubernetes.io/hostname': name};
			if (i === 0) labels['node-role.kubernetes.io/control-plane'] = '';
			return [
				name,
				{
					metadata: {name, creationTimestamp: iso(now - 90 * 86_400_000), labels},
					spec: i === nodes - 1 ? {unschedulable: true} : {},
					status: {
						conditions: [{type: 'Ready', status: 'True'}],
						addresses: [{type: 'InternalIP', address: `192.168.1.${i + 10}`}],
						nodeInfo: {
							kubeletVersion: 'v1.31.2',
							osImage: 'Debian GNU/Linux 12',
							kernelVersion: '6.1.0-28-amd64',
							containerRuntimeVersion: 'containerd://1.7.22',
						},
					},
				},
			] as const;
		}),
	);
	const deployments: [string, ResourceObject][] = [];
	const services: [string, ResourceObject][] = [];
	const pods: [string, ResourceObject][] = [];
	const perDeployment = Math.max(1, Math.ceil(podCount / (NAMESPACES.length * APPS.length)));
	let index = 0;
	for (const namespace of NAMESPACES) {
		for (const app of APPS) {
			if (index >= podCount) break;
			const replicas = Math.min(perDeployment, podCount - index);
			const created = now - Math.floor(rnd() * 20 * 86_400_000);
			let ready = 0;
			for (let r = 0; r < replicas; r++, index++) {
				const roll = rnd();
				const trouble: Trouble =
					roll < 0.03
						? 'crashloop'
						: roll < 0.05
							? 'pending'
							: roll < 0.06
								? 'imagepull'
								: roll < 0.07
									? 'init'
									: roll < 0.08
										? 'notready'
										: app === 'ingest' && roll < 0.5
											? 'completed'
											: 'running';
				if (trouble === 'running') ready++;
				const name = `${app}-7d9f8c6b5-${index.toString(36).padStart(5, '0')}`;
				const node = `node-${String((index % nodes) + 1).padStart(3, '0')}`;
				pods.push([
					`${namespace}/${name}`,
					podObject(namespace, name, app, node, now - Math.floor(rnd() * 5 * 86_400_000), trouble, index, now),
				]);
			}
			deployments.push([
				`${namespace}/${app}`,
				{
					metadata: {name: app, namespace, creationTimestamp: iso(created), labels: {app}},
					spec: {replicas, selector: {matchLabels: {app}}},
					status: {readyReplicas: ready, updatedReplicas: replicas, availableReplicas: ready},
				},
			]);
			services.push([
				`${namespace}/${app}`,
				{
					metadata: {name: app, namespace, creationTimestamp: iso(created), labels: {app}},
					spec: {
						type: app === 'frontend' ? 'LoadBalancer' : 'ClusterIP',
						clusterIP: `10.96.${services.length}.1`,
						selector: {app},
						ports: [{port: app === 'redis' ? 6379 : 8080, protocol: 'TCP'}],
					},
				},
			]);
		}
	}
	source.put('deployments', deployments);
	source.put('services', services);
	source.put('pods', pods);
}

/**
 * Keeps a demo world moving: `rate` pod updates a second (restarts climb, pods
 * flip between ready and not), delivered in 10 batches a second like a watch
 * stream. Returns a stop function.
 */
export function startChurn(source: MemorySource, rate: number): () => void {
	const keys = [...(source.kindKeys('pods') ?? [])];
	if (keys.length === 0 || rate <= 0) return () => undefined;
	const rnd = random(7);
	let carry = 0;
	const timer = setInterval(() => {
		carry += rate / 10;
		const count = Math.floor(carry);
		carry -= count;
		const batch: [string, ResourceObject][] = [];
		for (let i = 0; i < count; i++) {
			const key = keys[Math.floor(rnd() * keys.length)];
			const pod = key === undefined ? undefined : source.get('pods', key);
			if (!key || !pod) continue;
			const status = pod['status'] as {containerStatuses?: {restartCount?: number; ready?: boolean}[]};
			const containers = (status.containerStatuses ?? []).map((c) => ({
				...c,
				restartCount: (c.restartCount ?? 0) + (rnd() < 0.3 ? 1 : 0),
				ready: rnd() < 0.9,
			}));
			batch.push([key, {...pod, status: {...status, containerStatuses: containers}}]);
		}
		if (batch.length > 0) source.put('pods', batch);
	}, 100);
	timer.unref();
	return () => clearInterval(timer);
}
