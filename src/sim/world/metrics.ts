import type {ObjectStore} from '../objectStore.js';
import type {KubeObject} from '../types.js';
import {R, stamp} from './kinds.js';

function wave(seed: string, now: number, base: number, spread: number): number {
	let h = 0;
	for (let i = 0; i < seed.length; i++) h = (Math.imul(h, 31) + seed.charCodeAt(i)) | 0;
	// Slow drift plus a little jitter: charts look alive without being noise.
	const phase = (Math.abs(h) % 1000) / 159;
	return Math.max(1, Math.round(base + spread * Math.sin(now / 60_000 + phase) + (spread / 4) * Math.sin(now / 7_000 + phase * 3)));
}

/** PodMetrics and NodeMetrics as metrics-server serves them, moving slowly with time. */
export function metricsFor(store: ObjectStore, resource: 'pods' | 'nodes', namespace: string | undefined, now: number): KubeObject[] {
	const timestamp = stamp(now);
	if (resource === 'pods') {
		return store
			.list(R.pods, namespace)
			.filter((p) => (p.status as {phase?: string} | undefined)?.phase === 'Running')
			.map((pod) => ({
				kind: 'PodMetrics',
				apiVersion: 'metrics.k8s.io/v1beta1',
				metadata: {
					name: pod.metadata.name,
					namespace: pod.metadata.namespace,
					labels: pod.metadata.labels,
					creationTimestamp: timestamp,
					uid: '',
					resourceVersion: '',
				},
				timestamp,
				window: '15s',
				containers: ((pod.spec as {containers?: {name?: string}[]} | undefined)?.containers ?? []).map((c) => ({
					name: c.name ?? 'app',
					usage: {
						cpu: `${wave(pod.metadata.uid + (c.name ?? ''), now, 40, 30) * 1_000_000}n`,
						memory: `${wave(`${pod.metadata.uid}m`, now, 64, 24) * 1024}Ki`,
					},
				})),
			}));
	}
	return store.list(R.nodes).map((node) => ({
		kind: 'NodeMetrics',
		apiVersion: 'metrics.k8s.io/v1beta1',
		metadata: {name: node.metadata.name, labels: node.metadata.labels, creationTimestamp: timestamp, uid: '', resourceVersion: ''},
		timestamp,
		window: '20s',
		usage: {
			cpu: `${wave(node.metadata.uid, now, 900, 400) * 1_000_000}n`,
			memory: `${wave(`${node.metadata.uid}m`, now, 3000, 800) * 1024}Ki`,
		},
	}));
}
