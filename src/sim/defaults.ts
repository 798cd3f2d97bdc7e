import {randomUUID} from 'node:crypto';
import {podQosClass} from '../model/qos.js';
import type {KubeObject} from './types.js';

/**
 * What a real API server fills in on the way to storage: the SetDefaults_* functions of
 * the API types (strategy 25%/25%, revisionHistoryLimit, pod spec defaults...) and the
 * create strategies (a new pod is Pending with its QoS class). Clients rely on these:
 * kubectl describe prints them, and the world's controllers read the defaulted fields.
 */

type Json = Record<string, unknown>;
type Container = Json & {
	name?: string;
	image?: string;
	ports?: Json[];
	resources?: {requests?: Record<string, unknown>; limits?: Record<string, unknown>};
};
type PodSpec = Json & {containers?: Container[]; initContainers?: Container[]; tolerations?: Json[]};
type Template = Json & {metadata?: Json; spec?: PodSpec};

/** Fields absent from `object` are taken from `defaults` (one level). */
function withDefaults<T extends Json>(object: T, defaults: Json): T {
	const out: Json = {...object};
	for (const [key, value] of Object.entries(defaults)) if (out[key] === undefined) out[key] = value;
	return out as T;
}

/** An update strategy defaulted to RollingUpdate, whose rollingUpdate block gets `rolling` where unset. */
function rollingStrategy(given: unknown, rolling: Json): Json {
	const strategy = (given ?? {}) as Json;
	const type = (strategy['type'] as string | undefined) ?? 'RollingUpdate';
	if (type !== 'RollingUpdate') return {...strategy, type};
	return {...strategy, type, rollingUpdate: withDefaults((strategy['rollingUpdate'] ?? {}) as Json, rolling)};
}

/** SetDefaults_Container: the pull policy follows the tag, as the API server decides it. */
function defaultContainer(container: Container): Container {
	const image = container.image ?? '';
	const tag = /@/.test(image) ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
	return withDefaults(
		{
			...container,
			...(container.ports ? {ports: container.ports.map((p) => withDefaults(p, {protocol: 'TCP'}))} : {}),
		},
		{
			terminationMessagePath: '/dev/termination-log',
			terminationMessagePolicy: 'File',
			imagePullPolicy: tag === 'latest' ? 'Always' : 'IfNotPresent',
			resources: {},
		},
	);
}

/** SetDefaults_PodSpec, as applied to pods and to every pod template. */
function defaultPodSpec(spec: PodSpec | undefined, restartPolicy: boolean): PodSpec {
	const base = spec ?? {};
	return withDefaults(
		{
			...base,
			...(base.containers ? {containers: base.containers.map(defaultContainer)} : {}),
			...(base.initContainers ? {initContainers: base.initContainers.map(defaultContainer)} : {}),
		},
		{
			// A Job's template must name Never or OnFailure itself; defaulting it to Always would
			// only turn the Job invalid.
			...(restartPolicy ? {restartPolicy: 'Always'} : {}),
			terminationGracePeriodSeconds: 30,
			dnsPolicy: 'ClusterFirst',
			securityContext: {},
			schedulerName: 'default-scheduler',
		},
	);
}

function defaultTemplate(template: Template | undefined, restartPolicy = true): Template | undefined {
	if (!template) return template;
	// A template's metadata is an ObjectMeta whose zero creationTimestamp Go writes out as null.
	return {...template, metadata: {creationTimestamp: null, ...template.metadata}, spec: defaultPodSpec(template.spec, restartPolicy)};
}

/**
 * SetDefaults_Pod plus the admission plugins every cluster runs (ServiceAccount,
 * Priority, DefaultTolerationSeconds): requests default to limits, which QoS then reads.
 */
function defaultPod(pod: KubeObject): KubeObject {
	const spec = defaultPodSpec(pod.spec, true);
	const requestsFromLimits = (c: Container): Container => {
		const limits = c.resources?.limits;
		if (!limits) return c;
		return {...c, resources: {...c.resources, requests: {...limits, ...c.resources?.requests}}};
	};
	const tolerations = [...(spec.tolerations ?? [])];
	for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
		if (!tolerations.some((t) => t['key'] === key && (t['effect'] === 'NoExecute' || t['effect'] === undefined)))
			tolerations.push({key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300});
	}
	return {
		...pod,
		spec: withDefaults(
			{
				...spec,
				...(spec.containers ? {containers: spec.containers.map(requestsFromLimits)} : {}),
				...(spec.initContainers ? {initContainers: spec.initContainers.map(requestsFromLimits)} : {}),
				tolerations,
			},
			{
				serviceAccountName: (spec['serviceAccount'] as string | undefined) ?? 'default',
				// The deprecated alias, which the API server still keeps equal to serviceAccountName.
				serviceAccount: (spec['serviceAccountName'] as string | undefined) ?? 'default',
				enableServiceLinks: true,
				priority: 0,
				preemptionPolicy: 'PreemptLowerPriority',
			},
		),
	};
}

/** The API server's defaulting for an object about to be stored (create or update). */
export function applyDefaults(object: KubeObject): KubeObject {
	const spec = (object.spec ?? {}) as Json;
	switch (`${object.apiVersion}/${object.kind}`) {
		case 'v1/Pod':
			return defaultPod(object);
		case 'v1/Namespace': {
			const name = object.metadata.name;
			return {
				...object,
				metadata: {...object.metadata, labels: {...object.metadata.labels, 'kubernetes.io/metadata.name': name}},
				spec: withDefaults(spec, {finalizers: ['kubernetes']}),
			};
		}
		case 'v1/Secret':
			return withDefaults(object, {type: 'Opaque'});
		case 'v1/Service': {
			const type = (spec['type'] as string | undefined) ?? 'ClusterIP';
			const ports = ((spec['ports'] ?? []) as Json[]).map((p) => withDefaults(p, {protocol: 'TCP', targetPort: p['port']}));
			return {
				...object,
				spec: withDefaults(
					{...spec, ...(spec['ports'] ? {ports} : {})},
					{
						type,
						sessionAffinity: 'None',
						...(type === 'ExternalName' ? {} : {internalTrafficPolicy: 'Cluster'}),
						...(type === 'LoadBalancer' || type === 'NodePort' ? {externalTrafficPolicy: 'Cluster'} : {}),
					},
				),
			};
		}
		case 'v1/PersistentVolume':
			return {...object, spec: withDefaults(spec, {persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem'})};
		case 'v1/PersistentVolumeClaim':
			return {...object, spec: withDefaults(spec, {volumeMode: 'Filesystem'})};
		case 'apps/v1/Deployment':
			return {
				...object,
				spec: withDefaults(
					{
						...spec,
						template: defaultTemplate(spec['template'] as Template | undefined),
						strategy: rollingStrategy(spec['strategy'], {maxUnavailable: '25%', maxSurge: '25%'}),
					},
					{replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600},
				),
			};
		case 'apps/v1/ReplicaSet':
			return {...object, spec: withDefaults({...spec, template: defaultTemplate(spec['template'] as Template | undefined)}, {replicas: 1})};
		case 'apps/v1/StatefulSet':
			return {
				...object,
				spec: withDefaults(
					{
						...spec,
						template: defaultTemplate(spec['template'] as Template | undefined),
						updateStrategy: rollingStrategy(spec['updateStrategy'], {partition: 0}),
					},
					{
						replicas: 1,
						podManagementPolicy: 'OrderedReady',
						revisionHistoryLimit: 10,
						persistentVolumeClaimRetentionPolicy: {whenDeleted: 'Retain', whenScaled: 'Retain'},
					},
				),
			};
		case 'apps/v1/DaemonSet':
			return {
				...object,
				spec: withDefaults(
					{
						...spec,
						template: defaultTemplate(spec['template'] as Template | undefined),
						updateStrategy: rollingStrategy(spec['updateStrategy'], {maxUnavailable: 1, maxSurge: 0}),
					},
					{revisionHistoryLimit: 10},
				),
			};
		case 'batch/v1/Job': {
			const bothUnset = spec['completions'] === undefined && spec['parallelism'] === undefined;
			return {
				...object,
				spec: withDefaults(
					{...spec, template: defaultTemplate(spec['template'] as Template | undefined, false)},
					{
						...(bothUnset ? {completions: 1} : {}),
						parallelism: 1,
						backoffLimit: 6,
						completionMode: 'NonIndexed',
						suspend: false,
						podReplacementPolicy: 'TerminatingOrFailed',
					},
				),
			};
		}
		case 'batch/v1/CronJob': {
			const jobTemplate = (spec['jobTemplate'] ?? {}) as Json & {spec?: Json};
			const jobSpec = jobTemplate.spec;
			return {
				...object,
				spec: withDefaults(
					{
						...spec,
						...(jobSpec
							? {
									jobTemplate: {
										...jobTemplate,
										spec: {...jobSpec, template: defaultTemplate(jobSpec['template'] as Template | undefined, false)},
									},
								}
							: {}),
					},
					{concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1},
				),
			};
		}
		default:
			return object;
	}
}

/**
 * The create strategies' part: a pod starts Pending with its QoS class and a namespace
 * Active, whatever status the client sent.
 */
export function prepareForCreate(object: KubeObject): KubeObject {
	const defaulted = applyDefaults(object);
	switch (`${defaulted.apiVersion}/${defaulted.kind}`) {
		case 'v1/Pod':
			return {...defaulted, status: {phase: 'Pending', qosClass: podQosClass(defaulted.spec)}};
		case 'v1/Namespace':
			return {...defaulted, status: {phase: 'Active'}};
		case 'batch/v1/Job':
			return withJobSelector(defaulted);
		default:
			return defaulted;
	}
}

/**
 * The Job strategy's create step: unless the Job picks its own selector
 * (manualSelector), it gets one on its uid, and its pod template the labels
 * to match — so `kubectl get pods -l job-name=x` and drill-downs work.
 */
function withJobSelector(job: KubeObject): KubeObject {
	const spec = (job.spec ?? {}) as Json & {template?: Template};
	if (spec['manualSelector'] === true) return job;
	const uid = job.metadata.uid || randomUUID();
	const labels = {
		'batch.kubernetes.io/controller-uid': uid,
		'batch.kubernetes.io/job-name': job.metadata.name,
		'controller-uid': uid,
		'job-name': job.metadata.name,
	};
	const template = spec.template ?? {};
	return {
		...job,
		metadata: {...job.metadata, uid},
		spec: {
			...spec,
			selector: {matchLabels: {'batch.kubernetes.io/controller-uid': uid}},
			template: {
				...template,
				metadata: {...(template.metadata ?? {}), labels: {...((template.metadata?.['labels'] ?? {}) as Json), ...labels}},
			},
		},
	};
}
