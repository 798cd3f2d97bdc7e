/**
 * kubectl describe (v1.35) for the kinds on-call engineers describe most, one module
 * a kind, and kubectl's generic describer for the rest. Pure: the caller fetches the
 * object, its events and any related objects (see DescribeRelated).
 */
import {describeConfigMap, describeSecret} from './config.js';
import {describeDaemonSet} from './daemonSet.js';
import {describeDeployment} from './deployment.js';
import {describeGeneric} from './generic.js';
import {describeCronJob, describeJob} from './job.js';
import {describeNamespace} from './namespace.js';
import {describeNode} from './node.js';
import {describePod} from './pod.js';
import {describeReplicaSet} from './replicaSet.js';
import {describeService} from './service.js';
import {describeStatefulSet} from './statefulSet.js';
import type {DescribeContext, Describer, Json} from './types.js';
import {DescribeWriter} from './writer.js';

export type {DescribeContext, DescribeEvent, DescribeRelated, DescribeZone, Json} from './types.js';

/** The describers by kind (the API group is not needed to tell these apart). */
const DESCRIBERS: Readonly<Record<string, Describer>> = {
	Pod: describePod,
	Deployment: describeDeployment,
	ReplicaSet: describeReplicaSet,
	StatefulSet: describeStatefulSet,
	DaemonSet: describeDaemonSet,
	Job: describeJob,
	CronJob: describeCronJob,
	Node: describeNode,
	Service: describeService,
	ConfigMap: describeConfigMap,
	Secret: describeSecret,
	Namespace: describeNamespace,
};

/** Whether `kind` has a describer of its own (the others get the generic one). */
export function hasDescriber(kind: string): boolean {
	return Object.hasOwn(DESCRIBERS, kind);
}

/** The lines `kubectl describe` prints for `object` of `kind`. */
export function describeObject(kind: string, object: Json, ctx: DescribeContext): string[] {
	const w = new DescribeWriter();
	(hasDescriber(kind) ? (DESCRIBERS[kind] ?? describeGeneric) : describeGeneric)(w, object, ctx);
	return w.lines();
}
