import {describeObject, type DescribeEvent, type DescribeRelated, type DescribeZone, type Json} from './describe/index.js';
import {describeEvents} from './describe/events.js';
import {DescribeWriter} from './describe/writer.js';

export type {DescribeEvent, DescribeRelated, DescribeZone} from './describe/index.js';

/** How describe text is written beyond what kubectl decides. */
export type DescribeOptions = {
	/** The time zone of timestamps: kubectl's local zone unless told (tests fix UTC). */
	readonly zone?: DescribeZone;
	/** Show a service-account token's value as kubectl does; by default a Secret shows only sizes. */
	readonly reveal?: boolean;
};

/** The Events section alone, as kubectl prints it under an object. */
export function eventLines(events: readonly DescribeEvent[], now: number): string[] {
	const w = new DescribeWriter();
	describeEvents(w, events, now);
	return w.lines();
}

/**
 * `kubectl describe` text for an object: the kind's own describer (Pod, Deployment,
 * ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, Node, Service, ConfigMap, Secret,
 * Namespace) or kubectl's generic one, with the object's events. `secret` marks an
 * object from the Secrets view, which is described as a Secret whatever it carries, so
 * no value shows. `related` holds the other objects some kinds need (see DescribeRelated);
 * sections whose objects are missing are left out.
 */
export function describeLines(
	object: Json,
	events: readonly DescribeEvent[],
	now: number,
	secret = false,
	related: DescribeRelated = {},
	options: DescribeOptions = {},
): string[] {
	const kind = secret ? 'Secret' : typeof object['kind'] === 'string' ? object['kind'] : '';
	return describeObject(kind, object, {events, now, zone: options.zone ?? 'local', related, reveal: options.reveal ?? false});
}
