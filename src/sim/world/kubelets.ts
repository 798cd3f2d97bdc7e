import type {ObjectStore} from '../objectStore.js';
import type {KubeObject} from '../types.js';
import {R, stamp} from './kinds.js';

/** The kubelet's defaults: a node lease renewed every 10 s (40 s duration), node status posted every 5 min when nothing changes. */
const LEASE_DURATION_SECONDS = 40;
const LEASE_RENEW_MS = 10_000;
const STATUS_REPORT_MS = 5 * 60_000;
const LEASE_NAMESPACE = 'kube-node-lease';

type NodeCondition = {type?: string; status?: string; lastHeartbeatTime?: string; lastTransitionTime?: string};

/** RFC 3339 with microseconds, as a Lease's MicroTime fields are written. */
function microTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d+)Z$/, (_, frac: string) => `.${frac.padEnd(6, '0')}Z`);
}

/**
 * What every node's kubelet keeps telling the control plane that it is alive: a
 * coordination.k8s.io Lease in kube-node-lease, renewed often and cheaply, and the
 * node conditions' heartbeats, posted rarely (kubectl describe node shows both).
 */
export class Kubelets {
	/** When each node last renewed its lease and posted its status (epoch ms). */
	private readonly renewed = new Map<string, {lease: number; status: number}>();

	constructor(
		private readonly store: ObjectStore,
		private readonly clock: () => number,
	) {}

	/** Renews what is due; cheap when nothing is (a few map reads per node). */
	tick(): void {
		const now = this.clock();
		for (const node of this.store.values(R.nodes)) {
			const last = this.renewed.get(node.metadata.name);
			if (!last || now - last.status >= STATUS_REPORT_MS) this.postStatus(node, now);
			if (!last || now - last.lease >= LEASE_RENEW_MS) this.renewLease(node, now);
		}
		if (this.renewed.size > this.store.count(R.nodes)) {
			for (const name of this.renewed.keys()) if (!this.store.find(R.nodes, undefined, name)) this.renewed.delete(name);
		}
	}

	private mark(name: string, what: 'lease' | 'status', now: number): void {
		const last = this.renewed.get(name) ?? {lease: -Infinity, status: -Infinity};
		this.renewed.set(name, {...last, [what]: now});
	}

	private postStatus(node: KubeObject, now: number): void {
		this.mark(node.metadata.name, 'status', now);
		const at = stamp(now);
		this.store.mutate(R.nodes, undefined, node.metadata.name, (n) => {
			const conditions = ((n.status?.['conditions'] ?? []) as NodeCondition[]).map((c) => ({
				...c,
				lastHeartbeatTime: at,
				lastTransitionTime: c.lastTransitionTime ?? at,
			}));
			return {...n, status: {...n.status, conditions}};
		});
	}

	private renewLease(node: KubeObject, now: number): void {
		this.mark(node.metadata.name, 'lease', now);
		const name = node.metadata.name;
		if (!this.store.find(R.namespaces, undefined, LEASE_NAMESPACE)) {
			this.store.create(R.namespaces, {
				apiVersion: 'v1',
				kind: 'Namespace',
				metadata: {
					name: LEASE_NAMESPACE,
					uid: '',
					resourceVersion: '',
					creationTimestamp: '',
					labels: {'kubernetes.io/metadata.name': LEASE_NAMESPACE},
				},
				spec: {finalizers: ['kubernetes']},
				status: {phase: 'Active'},
			});
		}
		const renewTime = microTime(now);
		if (this.store.find(R.leases, LEASE_NAMESPACE, name)) {
			this.store.mutate(R.leases, LEASE_NAMESPACE, name, (lease) => ({...lease, spec: {...lease.spec, renewTime}}));
			return;
		}
		this.store.create(R.leases, {
			apiVersion: 'coordination.k8s.io/v1',
			kind: 'Lease',
			metadata: {
				name,
				namespace: LEASE_NAMESPACE,
				uid: '',
				resourceVersion: '',
				creationTimestamp: '',
				ownerReferences: [{apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid}],
			},
			spec: {holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime},
		});
	}
}
