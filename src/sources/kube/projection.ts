import type {ResourceObject} from '../types.js';

type Json = Record<string, unknown>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function pick(object: unknown, keys: readonly string[]): Json | undefined {
	if (!object || typeof object !== 'object') return undefined;
	const out: Json = {};
	for (const key of keys) {
		const value = (object as Json)[key];
		if (value !== undefined) out[key] = value;
	}
	return out;
}

/** metadata without managedFields and the last-applied copy: on a big cluster they are most of the bytes. */
function metadata(meta: unknown): Json {
	const m = {...((meta ?? {}) as Json)};
	delete m['managedFields'];
	const annotations = m['annotations'] as Record<string, string> | undefined;
	if (annotations?.[LAST_APPLIED] !== undefined)
		m['annotations'] = Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== LAST_APPLIED));
	return m;
}

/** What the pod views, status and drill-downs read; env, volumes, probes and the like stay on the server. */
function pod(object: Json): Json {
	const spec = (object['spec'] ?? {}) as Json;
	const container = (c: unknown) => pick(c, ['name', 'image', 'ports', 'restartPolicy']);
	return {
		...object,
		spec: {
			...pick(spec, [
				'nodeName',
				'readinessGates',
				'schedulingGates',
				'priority',
				'serviceAccountName',
				'restartPolicy',
				'nodeSelector',
				'hostNetwork',
			]),
			containers: ((spec['containers'] ?? []) as unknown[]).map(container),
			...(spec['initContainers'] ? {initContainers: (spec['initContainers'] as unknown[]).map(container)} : {}),
		},
	};
}

/** Workloads keep their selector and counts; the pod template is large and needed only by describe/YAML. */
function workload(object: Json): Json {
	const spec = (object['spec'] ?? {}) as Json;
	const template = (spec['template'] ?? {}) as Json;
	const podSpec = (template['spec'] ?? {}) as Json;
	return {
		...object,
		spec: {
			...spec,
			template: {
				metadata: pick(template['metadata'], ['labels']),
				spec: {
					containers: ((podSpec['containers'] ?? []) as unknown[]).map((c) => pick(c, ['name', 'image'])),
					...(podSpec['nodeSelector'] ? {nodeSelector: podSpec['nodeSelector']} : {}),
				},
			},
		},
	};
}

const BY_RESOURCE: Readonly<Record<string, (object: Json) => Json>> = {
	pods: pod,
	deployments: workload,
	replicasets: workload,
	statefulsets: workload,
	daemonsets: workload,
	jobs: workload,
	replicationcontrollers: workload,
	// Secret values never leave the server until someone asks to see one.
	secrets: (object) => ({...object, data: Object.fromEntries(Object.keys((object['data'] ?? {}) as Json).map((k) => [k, '']))}),
	// ConfigMap values can be megabytes; the table shows only how many keys there are.
	configmaps: (object) => ({
		...object,
		data: Object.fromEntries(Object.keys((object['data'] ?? {}) as Json).map((k) => [k, ''])),
		// Kept as keys only: the DATA column counts them.
		...(object['binaryData'] ? {binaryData: Object.fromEntries(Object.keys(object['binaryData'] as Json).map((k) => [k, '']))} : {}),
	}),
};

/**
 * The part of an object the store keeps: what views, xray and pulse read.
 * Describe and YAML fetch the whole object when asked.
 */
export function project(resource: string, object: Json): ResourceObject {
	const trimmed = {...object, metadata: metadata(object['metadata'])};
	return BY_RESOURCE[resource]?.(trimmed) ?? trimmed;
}
