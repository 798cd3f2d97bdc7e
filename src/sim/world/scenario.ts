import {readFileSync} from 'node:fs';
import {parseAllDocuments} from 'yaml';
import type {ObjectStore} from '../objectStore.js';
import {applyDefaults, prepareForCreate} from '../defaults.js';
import {apiVersionOf, BUILTIN_RESOURCES, resourceFromCrd} from '../resources.js';
import type {KubeObject, ResourceDef} from '../types.js';
import {R} from './kinds.js';

type Manifest = Record<string, unknown> & {apiVersion?: string; kind?: string; metadata?: Record<string, unknown>};

function meta(
	name: string,
	namespace?: string,
	labels?: Record<string, string>,
	annotations?: Record<string, string>,
): KubeObject['metadata'] {
	return {
		name,
		...(namespace ? {namespace} : {}),
		uid: '',
		resourceVersion: '',
		creationTimestamp: '',
		...(labels ? {labels} : {}),
		...(annotations ? {annotations} : {}),
	};
}

function container(name: string, image: string, port?: number, extra: Record<string, unknown> = {}) {
	return {
		name,
		image,
		...(port ? {ports: [{containerPort: port, protocol: 'TCP'}]} : {}),
		resources: {requests: {cpu: '50m', memory: '64Mi'}, limits: {memory: '256Mi'}},
		env: [
			{name: 'APP_ENV', value: 'production'},
			{name: 'LOG_LEVEL', value: 'info'},
		],
		...extra,
	};
}

function deployment(
	namespace: string,
	name: string,
	replicas: number,
	image: string,
	port?: number,
	podExtra: Record<string, unknown> = {},
	annotations?: Record<string, string>,
): Manifest {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: meta(name, namespace, {app: name}),
		spec: {
			replicas,
			selector: {matchLabels: {app: name}},
			template: {
				metadata: {labels: {app: name}, ...(annotations ? {annotations} : {})},
				spec: {containers: [container(name, image, port)], ...podExtra},
			},
		},
	};
}

function service(namespace: string, name: string, port: number, type = 'ClusterIP', ip = '10.96.0.10'): Manifest {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: meta(name, namespace, {app: name}),
		spec: {
			type,
			clusterIP: ip,
			clusterIPs: [ip],
			selector: {app: name},
			ports: [
				{
					name: 'http',
					port,
					targetPort: port,
					protocol: 'TCP',
					...(type === 'LoadBalancer' || type === 'NodePort' ? {nodePort: 30080} : {}),
				},
			],
		},
	};
}

/** The built-in `demo` scenario: a small web shop with the troubles on-call people meet. */
export function demoScenario(): Manifest[] {
	const nodes: Manifest[] = ['control-plane', 'worker-1', 'worker-2'].map((n, i) => ({
		apiVersion: 'v1',
		kind: 'Node',
		metadata: meta(`kview-${n}`, undefined, {
			'kubernetes.io/hostname': `kview-${n}`,
			'kubernetes.io/os': 'linux',
			'kubernetes.io/arch': 'amd64',
			...(i === 0 ? {'node-role.kubernetes.io/control-plane': ''} : {}),
		}),
		spec: {podCIDR: `10.244.${i}.0/24`},
		status: {
			capacity: {cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi'},
			allocatable: {cpu: '4', memory: '15Gi', pods: '110', 'ephemeral-storage': '95Gi'},
			conditions: [
				{type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available'},
				{type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure'},
				{type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available'},
				{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status'},
			],
			addresses: [
				{type: 'InternalIP', address: `192.168.49.${i + 2}`},
				{type: 'Hostname', address: `kview-${n}`},
			],
			nodeInfo: {
				kubeletVersion: 'v1.35.0',
				kubeProxyVersion: 'v1.35.0',
				osImage: 'Debian GNU/Linux 12 (bookworm)',
				kernelVersion: '6.1.0-28-amd64',
				containerRuntimeVersion: 'containerd://1.7.24',
				operatingSystem: 'linux',
				architecture: 'amd64',
			},
		},
	}));
	const namespaces: Manifest[] = ['default', 'kube-system', 'shop', 'payments', 'monitoring'].map((n) => ({
		apiVersion: 'v1',
		kind: 'Namespace',
		metadata: meta(n, undefined, {'kubernetes.io/metadata.name': n}),
		spec: {finalizers: ['kubernetes']},
		status: {phase: 'Active'},
	}));
	const serviceAccounts: Manifest[] = ['default', 'kube-system', 'shop', 'payments', 'monitoring'].map((n) => ({
		apiVersion: 'v1',
		kind: 'ServiceAccount',
		metadata: meta('default', n),
	}));
	const crd: Manifest = {
		apiVersion: 'apiextensions.k8s.io/v1',
		kind: 'CustomResourceDefinition',
		metadata: meta('databases.kview.dev'),
		spec: {
			group: 'kview.dev',
			scope: 'Namespaced',
			names: {plural: 'databases', singular: 'database', kind: 'Database', shortNames: ['db'], categories: ['all']},
			versions: [
				{
					name: 'v1',
					served: true,
					storage: true,
					schema: {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}},
					additionalPrinterColumns: [
						{name: 'Engine', type: 'string', jsonPath: '.spec.engine'},
						{name: 'Version', type: 'string', jsonPath: '.spec.version'},
						{name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas'},
						{name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status'},
						{name: 'Size', type: 'string', jsonPath: '.spec.storage', priority: 1},
						{name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp'},
					],
				},
			],
		},
		status: {
			conditions: [{type: 'Established', status: 'True', reason: 'InitialNamesAccepted'}],
			acceptedNames: {plural: 'databases', kind: 'Database'},
		},
	};
	return [
		...namespaces,
		...nodes,
		...serviceAccounts,
		crd,
		{
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: meta('shop-config', 'shop', {app: 'frontend'}),
			data: {FEATURE_FLAGS: 'checkout-v2,recommendations', API_URL: 'http://api.shop.svc:8080'},
		},
		{
			apiVersion: 'v1',
			kind: 'Secret',
			metadata: meta('db-credentials', 'shop'),
			type: 'Opaque',
			data: {username: Buffer.from('shop').toString('base64'), password: Buffer.from('s3cr3t-demo-password').toString('base64')},
		},
		{
			apiVersion: 'v1',
			kind: 'Secret',
			metadata: meta('stripe-key', 'payments'),
			type: 'Opaque',
			data: {key: Buffer.from('sk_test_kview_demo').toString('base64')},
		},
		{
			apiVersion: 'v1',
			kind: 'PersistentVolume',
			metadata: meta('pv-postgres-0'),
			spec: {
				capacity: {storage: '10Gi'},
				accessModes: ['ReadWriteOnce'],
				persistentVolumeReclaimPolicy: 'Retain',
				storageClassName: 'standard',
				hostPath: {path: '/data/pv-postgres-0'},
				claimRef: {namespace: 'shop', name: 'data-postgres-0'},
			},
			status: {phase: 'Bound'},
		},
		{
			apiVersion: 'v1',
			kind: 'PersistentVolumeClaim',
			metadata: meta('data-postgres-0', 'shop', {app: 'postgres'}),
			spec: {
				accessModes: ['ReadWriteOnce'],
				resources: {requests: {storage: '10Gi'}},
				storageClassName: 'standard',
				volumeName: 'pv-postgres-0',
				volumeMode: 'Filesystem',
			},
			status: {phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: {storage: '10Gi'}},
		},
		{
			apiVersion: 'v1',
			kind: 'PersistentVolumeClaim',
			metadata: meta('uploads', 'shop'),
			spec: {accessModes: ['ReadWriteMany'], resources: {requests: {storage: '50Gi'}}, storageClassName: 'nfs', volumeMode: 'Filesystem'},
			status: {phase: 'Pending'},
		},
		deployment('shop', 'frontend', 3, 'nginx:1.27', 80, {volumes: [{name: 'config', configMap: {name: 'shop-config'}}]}),
		deployment('shop', 'api', 2, 'registry.local/shop-api:2.4.1', 8080, {serviceAccountName: 'default'}),
		deployment('shop', 'worker', 2, 'registry.local/shop-worker:2.4.1'),
		deployment('shop', 'redis', 1, 'redis:7.4', 6379),
		deployment('shop', 'recommender', 1, 'registry.local/recommender:0.9-crash', 8080),
		deployment('payments', 'payments-api', 2, 'registry.local/payments:1.8.0', 8443),
		deployment('payments', 'fraud-check', 1, 'registry.local/fraud-check:does-not-exist', 8080),
		deployment(
			'payments',
			'ledger',
			1,
			'registry.local/ledger:3.1.0',
			8080,
			{initContainers: [container('migrate', 'registry.local/ledger-migrate:3.1.0'), container('wait-for-db', 'busybox:1.36')]},
			{'kview.dev/trouble': 'slowinit'},
		),
		deployment('payments', 'reports', 1, 'registry.local/reports:1.0.0', 8080, {}, {'kview.dev/trouble': 'oom'}),
		deployment('monitoring', 'grafana', 1, 'grafana/grafana:11.3.0', 3000, {}, {'kview.dev/trouble': 'notready'}),
		deployment('monitoring', 'big-batch', 1, 'registry.local/big-batch:1.0', undefined, {}, {'kview.dev/trouble': 'unschedulable'}),
		service('shop', 'frontend', 80, 'LoadBalancer', '10.96.10.1'),
		service('shop', 'api', 8080, 'ClusterIP', '10.96.10.2'),
		service('shop', 'redis', 6379, 'ClusterIP', '10.96.10.3'),
		service('shop', 'postgres', 5432, 'ClusterIP', '10.96.10.4'),
		service('payments', 'payments-api', 8443, 'NodePort', '10.96.20.1'),
		{
			apiVersion: 'apps/v1',
			kind: 'StatefulSet',
			metadata: meta('postgres', 'shop', {app: 'postgres'}),
			spec: {
				replicas: 2,
				serviceName: 'postgres',
				selector: {matchLabels: {app: 'postgres'}},
				template: {
					metadata: {labels: {app: 'postgres'}},
					spec: {
						containers: [
							container('postgres', 'postgres:16.4', 5432, {volumeMounts: [{name: 'data', mountPath: '/var/lib/postgresql/data'}]}),
						],
					},
				},
				volumeClaimTemplates: [
					{metadata: {name: 'data'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '10Gi'}}}},
				],
			},
		},
		{
			apiVersion: 'apps/v1',
			kind: 'DaemonSet',
			metadata: meta('node-exporter', 'monitoring', {app: 'node-exporter'}),
			spec: {
				selector: {matchLabels: {app: 'node-exporter'}},
				template: {
					metadata: {labels: {app: 'node-exporter'}},
					spec: {containers: [container('node-exporter', 'prom/node-exporter:v1.8.2', 9100)]},
				},
			},
		},
		{
			apiVersion: 'batch/v1',
			kind: 'CronJob',
			metadata: meta('nightly-report', 'shop', {app: 'nightly-report'}),
			spec: {
				schedule: '*/1 * * * *',
				concurrencyPolicy: 'Forbid',
				successfulJobsHistoryLimit: 3,
				failedJobsHistoryLimit: 1,
				jobTemplate: {
					metadata: {labels: {app: 'nightly-report'}},
					spec: {
						template: {
							metadata: {labels: {app: 'nightly-report'}},
							spec: {restartPolicy: 'OnFailure', containers: [container('report', 'registry.local/report-job:1.2')]},
						},
					},
				},
			},
		},
		{
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: meta('db-migrate-42', 'shop', {app: 'db-migrate'}),
			spec: {
				completions: 1,
				backoffLimit: 3,
				template: {
					metadata: {labels: {app: 'db-migrate'}},
					spec: {restartPolicy: 'Never', containers: [container('migrate', 'registry.local/shop-migrate:42')]},
				},
			},
		},
		{
			apiVersion: 'networking.k8s.io/v1',
			kind: 'Ingress',
			metadata: meta('shop', 'shop'),
			spec: {
				ingressClassName: 'nginx',
				rules: [
					{
						host: 'shop.example.com',
						http: {
							paths: [
								{path: '/', pathType: 'Prefix', backend: {service: {name: 'frontend', port: {number: 80}}}},
								{path: '/api', pathType: 'Prefix', backend: {service: {name: 'api', port: {number: 8080}}}},
							],
						},
					},
				],
			},
			status: {loadBalancer: {ingress: [{ip: '192.168.49.100'}]}},
		},
		{
			apiVersion: 'autoscaling/v2',
			kind: 'HorizontalPodAutoscaler',
			metadata: meta('api', 'shop'),
			spec: {
				scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'api'},
				minReplicas: 2,
				maxReplicas: 10,
				metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 70}}}],
			},
			status: {
				currentReplicas: 2,
				desiredReplicas: 2,
				currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: 23, averageValue: '23m'}}}],
			},
		},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'ClusterRole',
			metadata: meta('view-pods'),
			rules: [{apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch']}],
		},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'ClusterRoleBinding',
			metadata: meta('oncall-view-pods'),
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view-pods'},
			subjects: [{kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'oncall'}],
		},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'Role',
			metadata: meta('deployer', 'shop'),
			rules: [{apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'patch', 'update']}],
		},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'RoleBinding',
			metadata: meta('ci-deployer', 'shop'),
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer'},
			subjects: [{kind: 'ServiceAccount', name: 'default', namespace: 'shop'}],
		},
		{
			apiVersion: 'kview.dev/v1',
			kind: 'Database',
			metadata: meta('orders', 'shop'),
			spec: {engine: 'postgres', version: '16.4', replicas: 2, storage: '10Gi'},
			status: {conditions: [{type: 'Ready', status: 'True'}]},
		},
		{
			apiVersion: 'kview.dev/v1',
			kind: 'Database',
			metadata: meta('sessions', 'shop'),
			spec: {engine: 'redis', version: '7.4', replicas: 1, storage: '1Gi'},
			status: {conditions: [{type: 'Ready', status: 'False'}]},
		},
	];
}

/** Adds `pods` pods in load-N namespaces (Deployments of 100 replicas each), for scale tests and benchmarks. */
export function loadScenario(pods: number): Manifest[] {
	const out: Manifest[] = [];
	// About 110 pods a node, as a kubelet's default max-pods allows.
	for (let i = 0; i < Math.ceil(pods / 110); i++) {
		const name = `load-node-${String(i).padStart(3, '0')}`;
		out.push({
			apiVersion: 'v1',
			kind: 'Node',
			metadata: meta(name, undefined, {'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux'}),
			status: {
				capacity: {cpu: '16', memory: '64Gi', pods: '110'},
				allocatable: {cpu: '16', memory: '63Gi', pods: '110'},
				conditions: [{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status'}],
				addresses: [{type: 'InternalIP', address: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`}],
				nodeInfo: {
					kubeletVersion: 'v1.35.0',
					osImage: 'Debian GNU/Linux 12 (bookworm)',
					kernelVersion: '6.1.0-28-amd64',
					containerRuntimeVersion: 'containerd://1.7.24',
					operatingSystem: 'linux',
					architecture: 'amd64',
				},
			},
		});
	}
	const perDeployment = 100;
	const deployments = Math.ceil(pods / perDeployment);
	const namespaces = Math.max(1, Math.ceil(deployments / 10));
	for (let n = 0; n < namespaces; n++)
		out.push({
			apiVersion: 'v1',
			kind: 'Namespace',
			metadata: meta(`load-${n}`, undefined, {'kubernetes.io/metadata.name': `load-${n}`}),
			status: {phase: 'Active'},
		});
	for (let d = 0; d < deployments; d++) {
		const replicas = Math.min(perDeployment, pods - d * perDeployment);
		out.push(deployment(`load-${d % namespaces}`, `svc-${d}`, replicas, 'registry.local/load:1.0', 8080, {}, {'kview.dev/fast': 'true'}));
	}
	return out;
}

/** Reads a scenario file of Kubernetes manifests (YAML, several documents, or JSON, a List or an object). */
export function manifestsFromFile(file: string): Manifest[] {
	const text = readFileSync(file, 'utf8');
	const out: Manifest[] = [];
	// YAML is a superset of JSON, so one parser reads both.
	parseAllDocuments(text).forEach((doc, i) => {
		const where = `document ${i + 1}`;
		const error = doc.errors[0];
		if (error) throw new ScenarioError(`${where}: ${error.message.split('\n')[0] ?? 'invalid YAML'}`);
		const value = doc.toJS() as unknown;
		if (value === null || value === undefined) return;
		const items =
			isManifest(value) && value.kind.endsWith('List') && Array.isArray(value['items']) ? (value['items'] as unknown[]) : [value];
		for (const item of items) {
			if (!isManifest(item)) throw new ScenarioError(`${where}: not a Kubernetes object (it needs apiVersion, kind and metadata.name)`);
			out.push(item);
		}
	});
	return out;
}

/** A scenario the sim cannot load; the message says which document and why. */
export class ScenarioError extends Error {
	override readonly name = 'ScenarioError';
}

function isManifest(value: unknown): value is Manifest & {kind: string} {
	if (!value || typeof value !== 'object') return false;
	const v = value as {apiVersion?: unknown; kind?: unknown; metadata?: {name?: unknown}};
	if (typeof v.kind === 'string' && v.kind.endsWith('List')) return typeof v.apiVersion === 'string';
	return typeof v.apiVersion === 'string' && typeof v.kind === 'string' && typeof v.metadata?.name === 'string';
}

/**
 * Creates manifests as a cluster would: namespaces and CRDs first, then the rest;
 * controllers then act on them. Objects that carry a status keep it.
 */
export function applyManifests(store: ObjectStore, manifests: readonly Manifest[]): void {
	const order = (m: Manifest) => (m.kind === 'Namespace' ? 0 : m.kind === 'CustomResourceDefinition' ? 1 : m.kind === 'Node' ? 2 : 3);
	for (const manifest of [...manifests].sort((a, b) => order(a) - order(b))) {
		const def = resolveKind(store, manifest);
		const metadata = (manifest.metadata ?? {}) as KubeObject['metadata'];
		const namespace = def.namespaced ? (metadata.namespace ?? 'default') : undefined;
		if (namespace && !store.find(R.namespaces, undefined, namespace)) {
			store.create(R.namespaces, {
				apiVersion: 'v1',
				kind: 'Namespace',
				metadata: meta(namespace, undefined, {'kubernetes.io/metadata.name': namespace}),
				status: {phase: 'Active'},
			});
		}
		if (store.find(def, namespace, metadata.name)) continue;
		const object: KubeObject = {
			...(manifest as KubeObject),
			apiVersion: apiVersionOf(def),
			kind: def.kind,
			metadata: {
				...metadata,
				...(namespace ? {namespace} : {}),
				uid: '',
				resourceVersion: '',
				creationTimestamp: metadata.creationTimestamp ?? '',
			},
		};
		// A scenario may script a pod's status (a snapshot of a cluster); the others start as the API server starts them.
		const scripted = object.status !== undefined && object.kind !== 'Namespace';
		store.create(def, scripted ? applyDefaults(object) : prepareForCreate(object));
	}
}

function resolveKind(store: ObjectStore, manifest: Manifest): ResourceDef {
	const apiVersion = manifest.apiVersion ?? '';
	const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
	const builtin = BUILTIN_RESOURCES.find(
		(d) => d.kind === manifest.kind && d.group === (group ?? '') && d.version === version && d.group !== 'events.k8s.io',
	);
	if (builtin) return builtin;
	for (const crd of store.list(R.crds)) {
		const def = resourceFromCrd(crd);
		if (def && def.kind === manifest.kind && def.group === group) return def;
	}
	throw new ScenarioError(`no kind "${String(manifest.kind)}" is registered for version "${apiVersion}"`);
}
