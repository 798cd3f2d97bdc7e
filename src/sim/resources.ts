import type {ResourceDef} from './types.js';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

function def(
	group: string,
	version: string,
	resource: string,
	kind: string,
	namespaced: boolean,
	shortNames: readonly string[] = [],
	extra: Partial<ResourceDef> = {},
): ResourceDef {
	return {
		group,
		version,
		resource,
		kind,
		singular: kind.toLowerCase(),
		namespaced,
		shortNames,
		categories: [],
		verbs: ALL_VERBS,
		subresources: [],
		...extra,
	};
}

/**
 * Every resource the sim serves, at the group versions a current API server
 * prefers. Short names and categories are kubectl's, so `kubectl get po,deploy`
 * and `kubectl get all` resolve the same way they do against a cluster.
 */
export const BUILTIN_RESOURCES: readonly ResourceDef[] = [
	def('', 'v1', 'namespaces', 'Namespace', false, ['ns'], {subresources: ['status']}),
	def('', 'v1', 'nodes', 'Node', false, ['no'], {subresources: ['status']}),
	def('', 'v1', 'pods', 'Pod', true, ['po'], {
		categories: ['all'],
		subresources: ['status', 'log', 'exec', 'attach', 'portforward', 'eviction'],
		fields: {
			'spec.nodeName': 'spec.nodeName',
			'status.phase': 'status.phase',
			'spec.restartPolicy': 'spec.restartPolicy',
			'spec.serviceAccountName': 'spec.serviceAccountName',
			'status.podIP': 'status.podIP',
		},
	}),
	def('', 'v1', 'services', 'Service', true, ['svc'], {categories: ['all'], subresources: ['status']}),
	def('', 'v1', 'endpoints', 'Endpoints', true, ['ep']),
	def('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
	def('', 'v1', 'secrets', 'Secret', true, [], {fields: {type: 'type'}}),
	def('', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv'], {subresources: ['status']}),
	def('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], {subresources: ['status']}),
	def('', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
	def('', 'v1', 'events', 'Event', true, ['ev'], {
		fields: {
			'involvedObject.kind': 'involvedObject.kind',
			'involvedObject.namespace': 'involvedObject.namespace',
			'involvedObject.name': 'involvedObject.name',
			'involvedObject.uid': 'involvedObject.uid',
			'involvedObject.apiVersion': 'involvedObject.apiVersion',
			'involvedObject.resourceVersion': 'involvedObject.resourceVersion',
			'involvedObject.fieldPath': 'involvedObject.fieldPath',
			reason: 'reason',
			reportingComponent: 'reportingComponent',
			source: 'source.component',
			type: 'type',
		},
	}),
	def('apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], {categories: ['all'], subresources: ['status', 'scale']}),
	def('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], {categories: ['all'], subresources: ['status', 'scale']}),
	def('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts'], {categories: ['all'], subresources: ['status', 'scale']}),
	def('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds'], {categories: ['all'], subresources: ['status']}),
	def('batch', 'v1', 'jobs', 'Job', true, [], {categories: ['all'], subresources: ['status']}),
	def('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj'], {categories: ['all'], subresources: ['status']}),
	def('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
	def('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
	def('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing'], {subresources: ['status']}),
	// Reviews are answered, never stored: create is their only verb.
	def('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, [], {verbs: ['create']}),
	def('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, [], {verbs: ['create']}),
	def('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, [], {verbs: ['create']}),
	def('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
	def('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
	def('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
	def('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
	def('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], {
		categories: ['all'],
		subresources: ['status'],
	}),
	def('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, ['crd', 'crds'], {
		subresources: ['status'],
	}),
	// A read-only view of the core Events (see eventsView.ts); kubectl prefers core/v1 for `ev`.
	def('events.k8s.io', 'v1', 'events', 'Event', true, [], {verbs: ['get', 'list', 'watch']}),
	def('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, [], {verbs: ['get', 'list']}),
	def('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, [], {verbs: ['get', 'list']}),
];

/** `group/resource`, the key a resource's objects are stored under. */
export function resourceKey(def: Pick<ResourceDef, 'group' | 'resource'>): string {
	return `${def.group}/${def.resource}`;
}

/** `apiVersion` of a resource's objects. */
export function apiVersionOf(def: Pick<ResourceDef, 'group' | 'version'>): string {
	return def.group ? `${def.group}/${def.version}` : def.version;
}

/** A resource defined by a CustomResourceDefinition object (its served storage version). */
export function resourceFromCrd(crd: {spec?: Record<string, unknown>}): ResourceDef | undefined {
	const spec = crd.spec as
		| {
				group?: string;
				scope?: string;
				names?: {plural?: string; kind?: string; singular?: string; shortNames?: string[]; categories?: string[]};
				versions?: {name?: string; served?: boolean; storage?: boolean; subresources?: Record<string, unknown>}[];
		  }
		| undefined;
	const version = spec?.versions?.find((v) => v.storage) ?? spec?.versions?.find((v) => v.served);
	if (!spec?.group || !spec.names?.plural || !spec.names.kind || !version?.name) return undefined;
	return {
		group: spec.group,
		version: version.name,
		resource: spec.names.plural,
		kind: spec.names.kind,
		singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
		namespaced: spec.scope !== 'Cluster',
		shortNames: spec.names.shortNames ?? [],
		categories: spec.names.categories ?? [],
		verbs: ALL_VERBS,
		subresources: Object.keys(version.subresources ?? {}),
	};
}
