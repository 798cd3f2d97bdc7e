import type {ObjectStore} from '../objectStore.js';
import {resourceKey} from '../resources.js';
import type {WorldHooks} from '../server.js';
import type {KubeObject, ResourceDef} from '../types.js';
import {Controllers} from './controllers.js';
import {EventRecorder} from './events.js';
import {Kubelets} from './kubelets.js';
import {R} from './kinds.js';
import type {ExecWorld} from '../exec/index.js';
import {DEFAULT_LOG_INTERVAL_MS, serveLogs, streamLogs} from './logs.js';
import {metricsFor} from './metrics.js';
import {PodLifecycle} from './pods.js';

/** Knobs of the living world. */
export type WorldOptions = {
	/** Milliseconds between a container's log lines. */
	readonly logIntervalMs?: number;
	/** Pod status updates a second, spread over random running pods (load testing). */
	readonly churn?: number;
};

/**
 * The cluster behind the API: controllers, pod lifecycles, events, logs, metrics,
 * garbage collection. It acts only through the ObjectStore, as real controllers
 * act only through the API server.
 */
export class World {
	readonly events: EventRecorder;
	readonly pods: PodLifecycle;
	readonly controllers: Controllers;
	readonly kubelets: Kubelets;
	private timers: NodeJS.Timeout[] = [];
	private churnPool: KubeObject[] = [];
	private churnPoolAt = 0;
	private readonly unsubscribe: () => void;

	constructor(
		readonly store: ObjectStore,
		private readonly options: WorldOptions = {},
		private readonly clock: () => number = Date.now,
	) {
		this.events = new EventRecorder(store, clock);
		this.pods = new PodLifecycle(store, this.events, clock);
		this.controllers = new Controllers(store, this.events, clock);
		this.kubelets = new Kubelets(store, clock);
		this.controllers.deletePod = (pod, grace) => {
			if (!pod.metadata.deletionTimestamp) this.pods.terminate(pod, grace);
		};
		this.unsubscribe = store.onChange((event) => {
			if (event.key === resourceKey(R.pods)) {
				if (event.type === 'ADDED') this.pods.admit(event.object);
				if (event.type === 'DELETED') this.pods.forget(event.object);
			}
			if (event.type === 'DELETED') this.collectGarbage(event.object);
		});
	}

	/** Starts the clocks: pod transitions every 100 ms, controllers every 300 ms, churn 10 times a second. */
	start(): void {
		const every = (ms: number, fn: () => void) => {
			const timer = setInterval(fn, ms);
			timer.unref();
			this.timers.push(timer);
		};
		every(100, () => this.pods.tick());
		every(300, () => this.controllers.reconcile());
		every(1000, () => this.kubelets.tick());
		if ((this.options.churn ?? 0) > 0) every(100, () => this.churn((this.options.churn ?? 0) / 10));
		this.kubelets.tick();
		this.controllers.reconcile();
	}

	stop(): void {
		for (const timer of this.timers) clearInterval(timer);
		this.timers = [];
		this.unsubscribe();
	}

	/** The server's hooks into this world. */
	hooks(upgrade: WorldHooks['upgrade']): WorldHooks {
		const interval = this.options.logIntervalMs ?? DEFAULT_LOG_INTERVAL_MS;
		return {
			logs: (pod, container, query, res) => {
				const restarts = restartCount(pod, container);
				// A follow ends when the container restarts or the pod goes, as the kubelet's does.
				serveLogs(pod, container, query, res, interval, this.clock, () => this.containerEnded(pod, container, restarts));
			},
			upgrade,
			metrics: (resource, namespace) => metricsFor(this.store, resource, namespace, this.clock()),
			delete: (def, object, grace) => this.delete(def, object, grace),
		};
	}

	/** What exec, attach and port-forward sessions read from the world. */
	execWorld(): ExecWorld {
		const interval = this.options.logIntervalMs ?? DEFAULT_LOG_INTERVAL_MS;
		return {
			cluster: {
				configMap: (namespace, name) => this.store.find(R.configmaps, namespace, name),
				secret: (namespace, name) => this.store.find(R.secrets, namespace, name),
				services: (namespace) => this.store.list(R.services, namespace),
			},
			clock: this.clock,
			isGone: (pod) => this.store.find(R.pods, pod.metadata.namespace, pod.metadata.name)?.metadata.uid !== pod.metadata.uid,
			followOutput: (pod, container, sink) => {
				const restarts = restartCount(pod, container);
				streamLogs(pod, container, new URLSearchParams({follow: 'true', tailLines: '0'}), sink, interval, this.clock, () =>
					this.containerEnded(pod, container, restarts),
				);
			},
		};
	}

	/** True once the pod is gone or replaced, or the container restarted since it had `restarts`. */
	private containerEnded(pod: KubeObject, container: string, restarts: number): boolean {
		const current = this.store.find(R.pods, pod.metadata.namespace, pod.metadata.name);
		return !current || current.metadata.uid !== pod.metadata.uid || restartCount(current, container) !== restarts;
	}

	/** Deletes as the cluster does: pods terminate gracefully (grace 0 forces), namespaces take their contents. */
	delete(def: ResourceDef, object: KubeObject, graceSeconds: number | undefined): KubeObject {
		const {namespace, name} = object.metadata;
		if (def.resource === 'pods' && def.group === '') {
			const grace =
				graceSeconds ?? (object.spec as {terminationGracePeriodSeconds?: number} | undefined)?.terminationGracePeriodSeconds ?? 30;
			const phase = (object.status as {phase?: string} | undefined)?.phase;
			if (grace > 0 && phase !== 'Succeeded' && phase !== 'Failed' && (object.spec as {nodeName?: string} | undefined)?.nodeName) {
				if (object.metadata.deletionTimestamp) return object;
				return this.pods.terminate(object, grace);
			}
			return this.store.remove(def, namespace, name);
		}
		if (def.resource === 'namespaces' && def.group === '') {
			const terminating = this.store.mutate(def, undefined, name, (ns) => ({
				...ns,
				metadata: {...ns.metadata, deletionTimestamp: new Date(this.clock()).toISOString().replace(/\.\d+Z$/, 'Z')},
				status: {phase: 'Terminating'},
			}));
			// Contents go first, then the namespace, a moment later, as the namespace controller does.
			setTimeout(() => {
				for (const kind of Object.values(R)) if (kind.namespaced) for (const o of this.store.list(kind, name)) this.delete(kind, o, 0);
				if (this.store.find(def, undefined, name)) this.store.remove(def, undefined, name);
			}, 1000).unref();
			return terminating ?? object;
		}
		return this.store.remove(def, namespace, name);
	}

	/** Background propagation: an owner's dependents go when it goes. */
	private collectGarbage(owner: KubeObject): void {
		const uid = owner.metadata.uid;
		for (const kind of [R.replicasets, R.pods, R.jobs, R.endpointslices, R.leases]) {
			if (owner.metadata.namespace === undefined && kind.namespaced && owner.kind !== 'Node') continue;
			for (const dependent of this.store.list(kind, owner.metadata.namespace)) {
				if ((dependent.metadata.ownerReferences ?? []).some((r) => r.uid === uid)) this.delete(kind, dependent, undefined);
			}
		}
	}

	/** Touches `count` random running pods, as a busy cluster's status updates would. */
	private churn(count: number): void {
		// Re-reading 50,000 pods ten times a second would cost more than the churn itself.
		if (this.clock() - this.churnPoolAt > 2000) {
			this.churnPool = [...this.store.values(R.pods)].filter((p) => (p.status as {phase?: string} | undefined)?.phase === 'Running');
			this.churnPoolAt = this.clock();
		}
		const pods = this.churnPool;
		let budget = count;
		while (budget > 0 && pods.length > 0) {
			const pod = pods[Math.floor(Math.random() * pods.length)];
			budget -= 1;
			if (!pod) continue;
			this.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p) => ({
				...p,
				metadata: {...p.metadata, annotations: {...p.metadata.annotations, 'kview.dev/heartbeat': String(this.clock())}},
			}));
		}
	}
}

function restartCount(pod: KubeObject, container: string): number {
	const statuses = (pod.status as {containerStatuses?: {name?: string; restartCount?: number}[]} | undefined)?.containerStatuses ?? [];
	return statuses.find((s) => s.name === container)?.restartCount ?? 0;
}
