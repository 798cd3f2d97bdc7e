import type {ObjectStore} from '../objectStore.js';
import type {KubeObject} from '../types.js';
import type {EventRecorder} from './events.js';
import {R, stamp} from './kinds.js';

/** The troubles a pod can be scripted into, by the annotation `kview.dev/trouble` or its image name. */
export type Trouble = 'none' | 'crashloop' | 'oom' | 'imagepull' | 'unschedulable' | 'notready' | 'slowinit';

type ContainerSpec = {name: string; image?: string; restartPolicy?: string};
type PodSpec = {
	containers?: ContainerSpec[];
	initContainers?: ContainerSpec[];
	nodeName?: string;
	restartPolicy?: string;
	nodeSelector?: Record<string, string>;
	hostNetwork?: boolean;
};
type ContainerStatus = Record<string, unknown> & {name: string; restartCount: number};

/** How long each step of a pod's life takes in the sim (ms). */
const STEP = {schedule: 300, create: 1200, ready: 800, init: 1500, crash: 4000, backoff: 10_000, imagepull: 8000, job: 4000};

/** What a pod is scripted to do. */
export function troubleOf(pod: KubeObject): Trouble {
	const annotated = pod.metadata.annotations?.['kview.dev/trouble'];
	if (
		annotated === 'crashloop' ||
		annotated === 'oom' ||
		annotated === 'imagepull' ||
		annotated === 'unschedulable' ||
		annotated === 'notready' ||
		annotated === 'slowinit'
	)
		return annotated;
	const images = ((pod.spec as PodSpec | undefined)?.containers ?? []).map((c) => c.image ?? '').join(' ');
	if (/crash/.test(images)) return 'crashloop';
	if (/does-not-exist|:nonexistent/.test(images)) return 'imagepull';
	return 'none';
}

/** A pod's next scripted transition. */
type Plan = {at: number; step: 'schedule' | 'init' | 'create' | 'start' | 'ready' | 'crash' | 'restart' | 'pull' | 'complete' | 'remove'};

/**
 * Pod lifecycles, as a scheduler and kubelets would drive them: Pending ->
 * ContainerCreating -> Running (ready), init containers first, and the troubles
 * on-call engineers meet (CrashLoopBackOff with climbing restarts, OOMKilled,
 * ImagePullBackOff, unschedulable Pending, never-ready), jobs that complete, and
 * graceful termination.
 */
export class PodLifecycle {
	private readonly plans = new Map<string, Plan>();
	private nodeCursor = 0;
	private nodes: string[] = [];
	private nodesAt = -Infinity;
	/** Per node: its InternalIP (the pods' hostIP), its podCIDR's prefix and the next address in it. */
	private readonly network = new Map<string, {hostIP: string; prefix: string; next: number}>();
	private ipCounter = 10;

	constructor(
		private readonly store: ObjectStore,
		private readonly events: EventRecorder,
		private readonly clock: () => number,
	) {}

	/** Starts a new pod's life (called when one is created). */
	admit(pod: KubeObject): void {
		const status = pod.status as {phase?: string} | undefined;
		// Pods created with a status (from a scenario file) keep it and are left alone.
		if (status?.phase && status.phase !== 'Pending') return;
		if (pod.metadata.annotations?.['kview.dev/fast'] === 'true') {
			this.startFast(pod);
			return;
		}
		this.plan(pod, {at: this.clock() + STEP.schedule, step: 'schedule'});
	}

	/**
	 * Load-test pods go straight to Running and Ready in one write, without events:
	 * 50,000 pods walking through five steps each would swamp the sim, not the client.
	 */
	private startFast(pod: KubeObject): void {
		const now = this.clock();
		const spec = (pod.spec ?? {}) as PodSpec;
		const node = spec.nodeName ?? this.pickNode();
		const addresses = this.addresses(node, spec.hostNetwork === true);
		this.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p) => ({
			...p,
			spec: {...p.spec, ...(node ? {nodeName: node} : {})},
			status: {
				...p.status,
				phase: 'Running',
				...addresses,
				startTime: stamp(now),
				conditions: conditions(now, {PodScheduled: true, Initialized: true, ContainersReady: true, Ready: true}),
				containerStatuses: (spec.containers ?? []).map((c) => ({
					...containerStatus(c, {running: {startedAt: stamp(now)}}, true, 0),
					started: true,
				})),
			},
		}));
	}

	/** Marks a pod terminating; it goes away after a short, real-feeling pause. */
	terminate(pod: KubeObject, graceSeconds: number): KubeObject {
		const now = this.clock();
		const updated =
			this.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p) => ({
				...p,
				metadata: {...p.metadata, deletionTimestamp: stamp(now + graceSeconds * 1000), deletionGracePeriodSeconds: graceSeconds},
			})) ?? pod;
		this.events.record(
			pod,
			'Normal',
			'Killing',
			`Stopping container ${((pod.spec as PodSpec | undefined)?.containers ?? [])[0]?.name ?? 'app'}`,
			'kubelet',
		);
		this.plan(pod, {at: now + Math.min(graceSeconds * 1000, 1500), step: 'remove'});
		return updated;
	}

	/** Forgets a pod that is gone. */
	forget(pod: KubeObject): void {
		this.plans.delete(key(pod));
	}

	/** Number of pods with a transition pending. */
	get pending(): number {
		return this.plans.size;
	}

	/** Runs every transition that is due. */
	tick(): void {
		const now = this.clock();
		for (const [id, plan] of this.plans) {
			if (plan.at > now) continue;
			this.plans.delete(id);
			const [namespace = '', name = ''] = id.split('/');
			const pod = this.store.find(R.pods, namespace, name);
			if (!pod) continue;
			this.step(pod, plan.step, now);
		}
	}

	private plan(pod: KubeObject, plan: Plan): void {
		this.plans.set(key(pod), plan);
	}

	private step(pod: KubeObject, step: Plan['step'], now: number): void {
		const spec = (pod.spec ?? {}) as PodSpec;
		const trouble = troubleOf(pod);
		const containers = spec.containers ?? [];
		const inits = spec.initContainers ?? [];
		const write = (status: Record<string, unknown>, specPatch?: Partial<PodSpec>) =>
			this.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p) => ({
				...p,
				spec: {...p.spec, ...specPatch},
				status: {...p.status, ...status},
			}));
		if (pod.metadata.deletionTimestamp && step !== 'remove') return;
		switch (step) {
			case 'schedule': {
				if (trouble === 'unschedulable') {
					write({
						phase: 'Pending',
						conditions: [
							{
								type: 'PodScheduled',
								status: 'False',
								reason: 'Unschedulable',
								message: '0/3 nodes are available: 3 Insufficient memory.',
								lastTransitionTime: stamp(now),
							},
						],
					});
					this.events.record(
						pod,
						'Warning',
						'FailedScheduling',
						'0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
						'default-scheduler',
					);
					return;
				}
				const node = spec.nodeName ?? this.pickNode();
				if (!node) {
					write({
						phase: 'Pending',
						conditions: [
							{
								type: 'PodScheduled',
								status: 'False',
								reason: 'Unschedulable',
								message: '0/0 nodes are available.',
								lastTransitionTime: stamp(now),
							},
						],
					});
					return;
				}
				this.events.record(
					pod,
					'Normal',
					'Scheduled',
					`Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
					'default-scheduler',
				);
				write(
					{
						phase: 'Pending',
						...this.addresses(node, spec.hostNetwork === true),
						startTime: stamp(now),
						conditions: conditions(now, {PodScheduled: true, Initialized: inits.length === 0, ContainersReady: false, Ready: false}),
						...(inits.length > 0
							? {
									initContainerStatuses: inits.map((c, i) =>
										containerStatus(c, i === 0 ? {running: {startedAt: stamp(now)}} : {waiting: {reason: 'PodInitializing'}}, false, 0),
									),
								}
							: {}),
						containerStatuses: containers.map((c) =>
							containerStatus(c, {waiting: {reason: inits.length > 0 ? 'PodInitializing' : 'ContainerCreating'}}, false, 0),
						),
					},
					{nodeName: node},
				);
				this.plan(pod, {
					at: now + (inits.length > 0 ? STEP.init : STEP.create),
					step: inits.length > 0 ? 'init' : trouble === 'imagepull' ? 'pull' : 'start',
				});
				return;
			}
			case 'init': {
				const statuses = ((pod.status as {initContainerStatuses?: ContainerStatus[]} | undefined)?.initContainerStatuses ?? []).map(
					(s) => ({...s}),
				);
				const running = statuses.findIndex((s) => !(s['state'] as {terminated?: unknown} | undefined)?.terminated);
				if (running >= 0) {
					statuses[running] = {
						...statuses[running],
						state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: stamp(now - STEP.init), finishedAt: stamp(now)}},
						ready: false,
					} as ContainerStatus;
					const next = statuses[running + 1];
					if (next) statuses[running + 1] = {...next, state: {running: {startedAt: stamp(now)}}};
				}
				const done = statuses.every((s) => (s['state'] as {terminated?: unknown} | undefined)?.terminated);
				write({
					initContainerStatuses: statuses,
					...(done ? {conditions: conditions(now, {PodScheduled: true, Initialized: true, ContainersReady: false, Ready: false})} : {}),
				});
				const slow = trouble === 'slowinit' ? 4 : 1;
				this.plan(pod, {at: now + STEP.init * slow, step: done ? (trouble === 'imagepull' ? 'pull' : 'start') : 'init'});
				return;
			}
			case 'pull': {
				const current = ((pod.status as {containerStatuses?: ContainerStatus[]} | undefined)?.containerStatuses ?? [])[0];
				const reason =
					(current?.['state'] as {waiting?: {reason?: string}} | undefined)?.waiting?.reason === 'ErrImagePull'
						? 'ImagePullBackOff'
						: 'ErrImagePull';
				const image = containers[0]?.image ?? 'app';
				write({
					containerStatuses: containers.map((c) =>
						containerStatus(
							c,
							{
								waiting: {
									reason,
									message:
										reason === 'ErrImagePull'
											? `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`
											: `Back-off pulling image "${image}"`,
								},
							},
							false,
							0,
						),
					),
				});
				this.events.record(
					pod,
					reason === 'ErrImagePull' ? 'Warning' : 'Normal',
					reason === 'ErrImagePull' ? 'Failed' : 'BackOff',
					reason === 'ErrImagePull' ? `Failed to pull image "${image}": not found` : `Back-off pulling image "${image}"`,
					'kubelet',
				);
				this.plan(pod, {at: now + STEP.imagepull, step: 'pull'});
				return;
			}
			case 'start':
			case 'restart': {
				const previous = (pod.status as {containerStatuses?: ContainerStatus[]} | undefined)?.containerStatuses ?? [];
				const restarts = step === 'restart' ? (previous[0]?.restartCount ?? 0) + 1 : (previous[0]?.restartCount ?? 0);
				for (const c of containers) {
					if (step === 'start') {
						this.events.record(pod, 'Normal', 'Pulled', `Container image "${c.image ?? ''}" already present on machine`, 'kubelet');
						this.events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet');
					}
					this.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet');
				}
				const last = previous[0]?.['lastState'];
				write({
					phase: 'Running',
					containerStatuses: containers.map((c, i) =>
						containerStatus(
							c,
							{running: {startedAt: stamp(now)}},
							false,
							i === 0 ? restarts : 0,
							i === 0 && step === 'restart' ? last : undefined,
						),
					),
				});
				this.plan(pod, {
					at: now + (trouble === 'crashloop' || trouble === 'oom' ? STEP.crash : STEP.ready),
					step: trouble === 'crashloop' || trouble === 'oom' ? 'crash' : isJobPod(pod) ? 'ready' : 'ready',
				});
				return;
			}
			case 'ready': {
				if (trouble === 'notready') {
					this.events.record(pod, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', 'kubelet');
					return;
				}
				write({
					conditions: conditions(now, {PodScheduled: true, Initialized: true, ContainersReady: true, Ready: true}),
					containerStatuses: ((pod.status as {containerStatuses?: ContainerStatus[]} | undefined)?.containerStatuses ?? []).map((s) => ({
						...s,
						ready: true,
						started: true,
					})),
				});
				if (isJobPod(pod))
					this.plan(pod, {
						at: now + Number(pod.metadata.annotations?.['kview.dev/run-seconds'] ?? STEP.job / 1000) * 1000,
						step: 'complete',
					});
				return;
			}
			case 'crash': {
				const statuses = (pod.status as {containerStatuses?: ContainerStatus[]} | undefined)?.containerStatuses ?? [];
				const oom = trouble === 'oom';
				const terminated = {
					exitCode: oom ? 137 : 1,
					reason: oom ? 'OOMKilled' : 'Error',
					startedAt: stamp(now - STEP.crash),
					finishedAt: stamp(now),
					containerID: `containerd://${pod.metadata.uid.replace(/-/g, '')}`,
				};
				write({
					conditions: conditions(now, {PodScheduled: true, Initialized: true, ContainersReady: false, Ready: false}),
					containerStatuses: statuses.map((s, i) =>
						i === 0
							? {
									...s,
									ready: false,
									started: false,
									state: {
										waiting: {
											reason: 'CrashLoopBackOff',
											message: `back-off ${Math.min(300, 10 * 2 ** Math.min(5, s.restartCount))}s restarting failed container=${s.name} pod=${pod.metadata.name}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid})`,
										},
									},
									lastState: {terminated},
								}
							: s,
					),
				});
				this.events.record(
					pod,
					'Warning',
					'BackOff',
					`Back-off restarting failed container ${statuses[0]?.name ?? 'app'} in pod ${pod.metadata.name}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid})`,
					'kubelet',
				);
				this.plan(pod, {at: now + STEP.backoff, step: 'restart'});
				return;
			}
			case 'complete': {
				write({
					phase: 'Succeeded',
					conditions: conditions(now, {PodScheduled: true, Initialized: true, ContainersReady: false, Ready: false}),
					containerStatuses: ((pod.status as {containerStatuses?: ContainerStatus[]} | undefined)?.containerStatuses ?? []).map((s) => ({
						...s,
						ready: false,
						started: false,
						state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: stamp(now - STEP.job), finishedAt: stamp(now)}},
					})),
				});
				return;
			}
			case 'remove': {
				if (this.store.find(R.pods, pod.metadata.namespace, pod.metadata.name))
					this.store.remove(R.pods, pod.metadata.namespace, pod.metadata.name);
				return;
			}
		}
	}

	/**
	 * The addresses a kubelet reports for a pod it starts: hostIP(s) are its node's
	 * InternalIP, the pod IP comes from the node's podCIDR (a cluster-wide range when the
	 * node has none). Host-network pods share the node's address.
	 */
	private addresses(nodeName: string | undefined, hostNetwork = false): Record<string, unknown> {
		let net = nodeName ? this.network.get(nodeName) : undefined;
		if (nodeName && !net) {
			const node = this.store.find(R.nodes, undefined, nodeName);
			const internal = ((node?.status as {addresses?: {type?: string; address?: string}[]} | undefined)?.addresses ?? []).find(
				(a) => a.type === 'InternalIP',
			)?.address;
			const cidr = /^(\d+\.\d+\.\d+)\.0\/24$/.exec((node?.spec as {podCIDR?: string} | undefined)?.podCIDR ?? '')?.[1];
			if (internal) {
				net = {hostIP: internal, prefix: cidr ?? '', next: 2};
				this.network.set(nodeName, net);
			}
		}
		let ip: string;
		if (hostNetwork && net) ip = net.hostIP;
		else if (net?.prefix) {
			// .0 is the network, .1 the node's bridge; a /24 wraps around as addresses are freed.
			ip = `${net.prefix}.${net.next}`;
			net.next = net.next >= 254 ? 2 : net.next + 1;
		} else {
			ip = `10.${16 + ((this.ipCounter >> 16) & 15)}.${(this.ipCounter >> 8) & 255}.${this.ipCounter & 255}`;
			this.ipCounter++;
		}
		return {
			...(net ? {hostIP: net.hostIP, hostIPs: [{ip: net.hostIP}]} : {}),
			podIP: ip,
			podIPs: [{ip}],
		};
	}

	private pickNode(): string | undefined {
		// Scheduling 50,000 pods must not re-read the node list for each one.
		if (this.clock() - this.nodesAt > 1000) {
			this.nodes = [...this.store.values(R.nodes)]
				.filter((n) => !(n.spec as {unschedulable?: boolean} | undefined)?.unschedulable)
				.map((n) => n.metadata.name);
			this.nodesAt = this.clock();
		}
		if (this.nodes.length === 0) return undefined;
		this.nodeCursor = (this.nodeCursor + 1) % this.nodes.length;
		return this.nodes[this.nodeCursor];
	}
}

function key(pod: KubeObject): string {
	return `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
}

function isJobPod(pod: KubeObject): boolean {
	return (pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'Job');
}

function containerStatus(
	c: ContainerSpec,
	state: Record<string, unknown>,
	ready: boolean,
	restartCount: number,
	lastState?: unknown,
): ContainerStatus {
	return {
		name: c.name,
		state,
		lastState: lastState ?? {},
		ready,
		restartCount,
		image: c.image ?? '',
		imageID: `docker.io/library/${(c.image ?? 'app').split(':')[0] ?? 'app'}@sha256:${'0'.repeat(64)}`,
		started: 'running' in state,
		...('running' in state ? {containerID: `containerd://${c.name}${'0'.repeat(40)}`.slice(0, 77)} : {}),
	};
}

function conditions(now: number, state: Record<'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready', boolean>): unknown[] {
	return (['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const).map((type) => ({
		type,
		status: state[type] ? 'True' : 'False',
		lastProbeTime: null,
		lastTransitionTime: stamp(now),
	}));
}
