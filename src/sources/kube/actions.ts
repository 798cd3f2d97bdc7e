import type {ResourceObject} from '../types.js';
import {ApiError, type KubeClient} from './client.js';
import {collectionPath, type ApiResource} from './discovery.js';

/** One object's URL. */
export function objectPath(resource: ApiResource, namespace: string | undefined, name: string): string {
	return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
}

/** How the flash line names an object: `deployment shop/web`. */
function label(resource: ApiResource, key: string): string {
	return `${resource.kind.toLowerCase()} ${key}`;
}

/** DELETE with kubectl's default propagation (background); grace 0 deletes at once (kubectl --force --grace-period=0). */
export async function deleteObject(
	client: KubeClient,
	resource: ApiResource,
	namespace: string | undefined,
	name: string,
	key: string,
	gracePeriodSeconds?: number,
): Promise<string> {
	const options = {
		kind: 'DeleteOptions',
		apiVersion: 'v1',
		propagationPolicy: 'Background',
		...(gracePeriodSeconds === undefined ? {} : {gracePeriodSeconds}),
	};
	await client.request('DELETE', objectPath(resource, namespace, name), options);
	return gracePeriodSeconds === 0 ? `killed ${label(resource, key)} (no grace period)` : `deleted ${label(resource, key)}`;
}

/** Sets replicas through the scale subresource, as kubectl scale does. */
export async function scale(
	client: KubeClient,
	resource: ApiResource,
	namespace: string | undefined,
	name: string,
	key: string,
	replicas: number,
): Promise<string> {
	if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`replicas must be a whole number, 0 or more (got ${replicas})`);
	await client.patch(`${objectPath(resource, namespace, name)}/scale`, {spec: {replicas}}, 'merge');
	return `scaled ${label(resource, key)} to ${replicas}`;
}

/** Restarts a workload's pods the way `kubectl rollout restart` does: a new template annotation starts a rollout. */
export async function restart(
	client: KubeClient,
	resource: ApiResource,
	namespace: string | undefined,
	name: string,
	key: string,
): Promise<string> {
	if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(resource.kind))
		throw new Error(`a ${resource.kind} cannot be restarted; restart its Deployment, StatefulSet or DaemonSet`);
	const patch = {spec: {template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': new Date().toISOString()}}}}};
	await client.patch(objectPath(resource, namespace, name), patch, 'strategic');
	return `restarted ${label(resource, key)}`;
}

/** Marks a node (un)schedulable, as kubectl cordon/uncordon do; says so when it already was. */
export async function cordon(client: KubeClient, resource: ApiResource, name: string, unschedulable: boolean): Promise<string> {
	const node = await client.get<{spec?: {unschedulable?: boolean}}>(objectPath(resource, undefined, name));
	const verb = unschedulable ? 'cordoned' : 'uncordoned';
	if (Boolean(node.spec?.unschedulable) === unschedulable) return `node ${name} already ${verb}`;
	await client.patch(objectPath(resource, undefined, name), {spec: {unschedulable: unschedulable ? true : null}}, 'strategic');
	return `${verb} node ${name}`;
}

type PodMeta = {
	metadata?: {
		name?: string;
		namespace?: string;
		deletionTimestamp?: string;
		annotations?: Record<string, string>;
		ownerReferences?: {kind?: string}[];
	};
	status?: {phase?: string};
};

/**
 * Drains a node as `kubectl drain --ignore-daemonsets --delete-emptydir-data`
 * does: cordon it, then evict every pod on it except DaemonSet pods (their
 * controller would put them straight back) and mirror pods (the kubelet owns
 * them). Evictions respect PodDisruptionBudgets; those refused are reported.
 */
export async function drain(client: KubeClient, nodes: ApiResource, name: string): Promise<string> {
	await cordon(client, nodes, name, true);
	const selector = encodeURIComponent(`spec.nodeName=${name}`);
	const list = await client.get<{items?: PodMeta[]}>(`/api/v1/pods?fieldSelector=${selector}`);
	const pods = (list.items ?? []).filter((pod) => !pod.metadata?.deletionTimestamp);
	const daemon = pods.filter((pod) => pod.metadata?.ownerReferences?.some((o) => o.kind === 'DaemonSet'));
	const mirror = pods.filter((pod) => pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined);
	const finished = (pod: PodMeta) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
	const evict = pods.filter((pod) => !daemon.includes(pod) && !mirror.includes(pod));
	const refused: string[] = [];
	let evicted = 0;
	for (const pod of evict) {
		const ns = pod.metadata?.namespace ?? 'default';
		const pn = pod.metadata?.name ?? '';
		try {
			// A finished pod has nothing to disrupt; kubectl deletes those too.
			if (finished(pod)) await client.request('DELETE', `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pn)}`);
			else await evictPod(client, ns, pn);
			evicted++;
		} catch (error) {
			if (error instanceof ApiError && error.code === 404) continue;
			refused.push(`${ns}/${pn}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const kept = daemon.length ? `, left ${daemon.length} DaemonSet pod${daemon.length === 1 ? '' : 's'}` : '';
	if (refused.length) throw new Error(`drain ${name}: evicted ${evicted}, ${refused.length} refused (${refused[0]})${kept}`);
	return `drained node ${name}: evicted ${evicted} pod${evicted === 1 ? '' : 's'}${kept}`;
}

/** Evicts one pod: policy/v1 where served (1.22+), else policy/v1beta1 as older clusters need. */
async function evictPod(client: KubeClient, namespace: string, name: string): Promise<void> {
	const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`;
	const body = (version: string) => ({apiVersion: `policy/${version}`, kind: 'Eviction', metadata: {name, namespace}});
	try {
		await client.request('POST', path, body('v1'));
	} catch (error) {
		// An API server older than 1.22 does not decode policy/v1 in this body.
		if (!(error instanceof ApiError) || error.code !== 400 || !/policy\/v1\b/.test(error.message)) throw error;
		await client.request('POST', path, body('v1beta1'));
	}
}

type CronJob = {
	apiVersion?: string;
	metadata?: {name?: string; namespace?: string; uid?: string};
	spec?: {jobTemplate?: {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec?: unknown}};
};

/**
 * Runs a CronJob now, as `kubectl create job --from=cronjob/NAME` does: a Job
 * from its template, owned by the CronJob and marked as a manual run.
 */
export async function trigger(client: KubeClient, cronjobs: ApiResource, namespace: string, name: string): Promise<string> {
	const cronjob = await client.get<CronJob>(objectPath(cronjobs, namespace, name));
	const template = cronjob.spec?.jobTemplate;
	if (!template?.spec) throw new Error(`cronjob ${namespace}/${name} has no job template`);
	// Job names become label values (63 characters at most): room for "-manual-" and a suffix.
	const jobName = `${name.slice(0, 48)}-manual-${Math.random().toString(36).slice(2, 7)}`;
	const job = {
		apiVersion: 'batch/v1',
		kind: 'Job',
		metadata: {
			name: jobName,
			namespace,
			labels: template.metadata?.labels ?? {},
			annotations: {...template.metadata?.annotations, 'cronjob.kubernetes.io/instantiate': 'manual'},
			ownerReferences: [
				{
					apiVersion: cronjob.apiVersion ?? `${cronjobs.group}/${cronjobs.version}`,
					kind: 'CronJob',
					name,
					uid: cronjob.metadata?.uid ?? '',
					controller: true,
					blockOwnerDeletion: true,
				},
			],
		},
		spec: template.spec,
	};
	await client.request('POST', `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`, job);
	return `triggered cronjob ${namespace}/${name}: job ${jobName}`;
}

/** Replaces an object with an edited copy; the server refuses (409) if it changed since the copy was read. */
export async function replace(
	client: KubeClient,
	resource: ApiResource,
	namespace: string | undefined,
	name: string,
	key: string,
	object: ResourceObject,
): Promise<string> {
	await client.request('PUT', objectPath(resource, namespace, name), object);
	return `saved ${label(resource, key)}`;
}
