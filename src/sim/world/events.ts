import type {ObjectStore} from '../objectStore.js';
import type {KubeObject} from '../types.js';
import {R, stamp} from './kinds.js';

/**
 * Records core/v1 Events as the cluster's components would, folding repeats of the
 * same reason on the same object into one event with a count (as the event
 * recorder does), so describe shows "x12 over 3m".
 */
export class EventRecorder {
	private readonly recent = new Map<string, string>();
	private sequence = 0;

	constructor(
		private readonly store: ObjectStore,
		private readonly clock: () => number,
	) {}

	record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
		const namespace = object.metadata.namespace ?? 'default';
		if (!this.store.find(R.namespaces, undefined, namespace)) return;
		const key = `${object.metadata.uid}|${reason}|${message}`;
		const now = stamp(this.clock());
		const existing = this.recent.get(key);
		if (existing && this.store.find(R.events, namespace, existing)) {
			this.store.mutate(R.events, namespace, existing, (event) => ({...event, count: Number(event['count'] ?? 1) + 1, lastTimestamp: now}));
			return;
		}
		// Like the recorder's names (a hex nanosecond clock), so a list by name is in time order.
		const name = `${object.metadata.name}.${(BigInt(this.clock()) * 1_000_000n + BigInt(this.sequence++ % 1_000_000)).toString(16)}`;
		this.store.create(R.events, {
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name, namespace, uid: '', resourceVersion: '', creationTimestamp: now},
			involvedObject: {
				kind: object.kind,
				namespace: object.metadata.namespace,
				name: object.metadata.name,
				uid: object.metadata.uid,
				apiVersion: object.apiVersion,
				resourceVersion: object.metadata.resourceVersion,
			},
			reason,
			message,
			source: {component},
			firstTimestamp: now,
			lastTimestamp: now,
			count: 1,
			type,
			eventTime: null,
			reportingComponent: component,
			reportingInstance: '',
		});
		this.recent.set(key, name);
		// The recorder's memory of recent events stays bounded however long the sim runs.
		if (this.recent.size > 5000) {
			const first = this.recent.keys().next().value;
			if (first !== undefined) this.recent.delete(first);
		}
	}
}
