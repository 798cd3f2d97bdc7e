/** Fixed objects and a fixed clock for the describer unit tests. */
export const NOW = Date.parse('2026-11-01T12:00:00Z');

/** An RFC 3339 time `s` seconds before NOW, as the API writes it. */
export const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

/** Timestamps in UTC, so the expected text does not depend on the machine's zone. */
export const UTC = {zone: 'utc'} as const;

const container = (name: string, image: string) => ({
	name,
	image,
	ports: [{containerPort: 8080, protocol: 'TCP', name: 'http'}],
	resources: {requests: {cpu: '100m', memory: '64Mi'}, limits: {memory: '128Mi'}},
	env: [
		{name: 'LOG_LEVEL', value: 'info'},
		{name: 'POD_NAME', valueFrom: {fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.name'}}},
		{name: 'POD_IP', valueFrom: {fieldRef: {apiVersion: 'v1', fieldPath: 'status.podIP'}}},
		{name: 'MEM', valueFrom: {resourceFieldRef: {resource: 'limits.memory', divisor: '1Mi'}}},
		{name: 'CPU', valueFrom: {resourceFieldRef: {resource: 'limits.cpu', divisor: '0'}}},
	],
	volumeMounts: [
		{name: 'tls', mountPath: '/etc/tls', readOnly: true},
		{name: 'cache', mountPath: '/cache', subPath: 'api'},
	],
	livenessProbe: {
		httpGet: {path: '/healthz', port: 8080, scheme: 'HTTPS'},
		timeoutSeconds: 1,
		periodSeconds: 10,
		successThreshold: 1,
		failureThreshold: 3,
	},
	readinessProbe: {
		grpc: {port: 9090, service: 'ready'},
		initialDelaySeconds: 2,
		timeoutSeconds: 1,
		periodSeconds: 5,
		successThreshold: 1,
		failureThreshold: 3,
	},
});

/** A running pod of a ReplicaSet that restarted once after an OOM kill, with an init container. */
export const POD = {
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {
		name: 'api-7d9f-x2x4z',
		namespace: 'shop',
		uid: 'pod-uid',
		creationTimestamp: ago(3600),
		labels: {app: 'api', 'pod-template-hash': '7d9f'},
		annotations: {'kview.dev/team': 'checkout'},
		ownerReferences: [
			{apiVersion: 'v1', kind: 'Node', name: 'not-the-controller', uid: 'n'},
			{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-7d9f', uid: 'rs-uid', controller: true},
		],
	},
	spec: {
		priority: 0,
		serviceAccountName: 'api',
		nodeName: 'node-1',
		initContainers: [{name: 'migrate', image: 'registry.local/migrate:1', command: ['/migrate', '--up']}],
		containers: [container('api', 'registry.local/api:2.4.1')],
		volumes: [
			{name: 'tls', secret: {secretName: 'api-tls', defaultMode: 420}},
			{name: 'cache', emptyDir: {}},
		],
		nodeSelector: {'kubernetes.io/os': 'linux'},
		tolerations: [
			{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
			{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
		],
	},
	status: {
		phase: 'Running',
		hostIP: '192.168.1.10',
		podIP: '10.244.1.7',
		podIPs: [{ip: '10.244.1.7'}, {ip: 'fd00::7'}],
		startTime: ago(3600),
		qosClass: 'Burstable',
		conditions: [
			{type: 'Initialized', status: 'True'},
			{type: 'Ready', status: 'True'},
			{type: 'ContainersReady', status: 'True'},
			{type: 'PodScheduled', status: 'True'},
		],
		initContainerStatuses: [
			{
				name: 'migrate',
				containerID: 'containerd://m1',
				imageID: 'registry.local/migrate@sha256:aa',
				ready: true,
				restartCount: 0,
				state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: ago(3590), finishedAt: ago(3580)}},
			},
		],
		containerStatuses: [
			{
				name: 'api',
				containerID: 'containerd://a1',
				imageID: 'registry.local/api@sha256:bb',
				ready: true,
				restartCount: 1,
				state: {running: {startedAt: ago(1800)}},
				lastState: {
					terminated: {
						exitCode: 137,
						signal: 9,
						reason: 'OOMKilled',
						message: 'out of memory',
						startedAt: ago(3570),
						finishedAt: ago(1810),
					},
				},
			},
		],
	},
};

const template = (image: string, hash?: string) => ({
	metadata: {labels: {app: 'web', ...(hash ? {'pod-template-hash': hash} : {})}},
	spec: {containers: [{name: 'web', image, ports: [{containerPort: 80, protocol: 'TCP'}], resources: {}}], restartPolicy: 'Always'},
});

/** A Deployment mid-rollout from nginx:1.26 to nginx:1.27. */
export const DEPLOYMENT = {
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {
		name: 'web',
		namespace: 'shop',
		uid: 'deploy-uid',
		creationTimestamp: ago(86400),
		labels: {app: 'web'},
		annotations: {'deployment.kubernetes.io/revision': '2'},
	},
	spec: {
		replicas: 3,
		selector: {matchLabels: {app: 'web'}},
		strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: 1}},
		minReadySeconds: 5,
		template: template('nginx:1.27'),
	},
	status: {
		replicas: 4,
		updatedReplicas: 2,
		availableReplicas: 3,
		unavailableReplicas: 1,
		conditions: [
			{type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable'},
			{type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated'},
		],
	},
};

const replicaSet = (name: string, image: string, hash: string, created: number, replicas: number, controller = 'deploy-uid') => ({
	kind: 'ReplicaSet',
	metadata: {
		name,
		namespace: 'shop',
		uid: `${name}-uid`,
		creationTimestamp: ago(created),
		labels: {app: 'web', 'pod-template-hash': hash},
		ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: controller, controller: true}],
	},
	spec: {replicas, selector: {matchLabels: {app: 'web', 'pod-template-hash': hash}}, template: template(image, hash)},
	status: {replicas},
});

/** The Deployment's replica sets (and one of another owner, which must be ignored). */
export const REPLICA_SETS = [
	replicaSet('web-new', 'nginx:1.27', 'n3w', 600, 2),
	replicaSet('web-old', 'nginx:1.26', '0ld', 86400, 2),
	replicaSet('web-older', 'nginx:1.25', '0lder', 90000, 0),
	replicaSet('other', 'nginx:1.27', 'x', 100, 1, 'someone-else'),
];

/** A worker node with a GPU and hugepages, cordoned and tainted. */
export const NODE = {
	apiVersion: 'v1',
	kind: 'Node',
	metadata: {
		name: 'node-1',
		uid: 'node-uid',
		creationTimestamp: ago(864000),
		labels: {
			'kubernetes.io/hostname': 'node-1',
			'node-role.kubernetes.io/worker': '',
			'node-role.kubernetes.io/gpu': '',
			'kubernetes.io/role': 'edge',
		},
		annotations: {'node.alpha.kubernetes.io/ttl': '0'},
	},
	spec: {
		podCIDR: '10.244.1.0/24',
		podCIDRs: ['10.244.1.0/24', 'fd00:1::/64'],
		providerID: 'kind://docker/node-1',
		unschedulable: true,
		taints: [{key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: ago(60)}],
	},
	status: {
		capacity: {cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '1Gi', 'nvidia.com/gpu': '2'},
		allocatable: {cpu: '7800m', memory: '31Gi', pods: '110', 'ephemeral-storage': '95Gi', 'hugepages-2Mi': '1Gi', 'nvidia.com/gpu': '2'},
		conditions: [
			{
				type: 'MemoryPressure',
				status: 'False',
				lastHeartbeatTime: ago(30),
				lastTransitionTime: ago(864000),
				reason: 'KubeletHasSufficientMemory',
				message: 'kubelet has sufficient memory available',
			},
			{
				type: 'Ready',
				status: 'True',
				lastHeartbeatTime: ago(30),
				lastTransitionTime: ago(864000),
				reason: 'KubeletReady',
				message: 'kubelet is posting ready status',
			},
		],
		addresses: [
			{type: 'InternalIP', address: '192.168.1.10'},
			{type: 'Hostname', address: 'node-1'},
		],
		nodeInfo: {
			machineID: 'm-1',
			systemUUID: 'u-1',
			bootID: 'b-1',
			kernelVersion: '6.1.0',
			osImage: 'Debian GNU/Linux 12 (bookworm)',
			operatingSystem: 'linux',
			architecture: 'amd64',
			containerRuntimeVersion: 'containerd://1.7.24',
			kubeletVersion: 'v1.35.0',
			kubeProxyVersion: 'v1.35.0',
		},
	},
};

const nodePod = (
	namespace: string,
	name: string,
	phase: string,
	requests: Record<string, string>,
	limits: Record<string, string> = {},
) => ({
	kind: 'Pod',
	metadata: {namespace, name, creationTimestamp: ago(7200)},
	spec: {nodeName: 'node-1', containers: [{name: 'c', resources: {requests, limits}}]},
	status: {phase},
});

/** Pods on NODE (two of them terminated, one on another node: all three left out). */
export const NODE_PODS = [
	nodePod('shop', 'web-1', 'Running', {cpu: '250m', memory: '256Mi'}, {cpu: '1', memory: '512Mi'}),
	nodePod('kube-system', 'proxy', 'Running', {cpu: '100m', memory: '64Mi', 'hugepages-2Mi': '512Mi'}, {'nvidia.com/gpu': '1'}),
	nodePod('shop', 'done', 'Succeeded', {cpu: '4'}),
	nodePod('shop', 'failed', 'Failed', {cpu: '4'}),
	{...nodePod('shop', 'elsewhere', 'Running', {cpu: '4'}), spec: {nodeName: 'node-2', containers: []}},
];

/** NODE's lease in kube-node-lease. */
export const LEASE = {
	kind: 'Lease',
	metadata: {name: 'node-1', namespace: 'kube-node-lease'},
	spec: {holderIdentity: 'node-1', renewTime: '2026-11-01T11:59:50.123456Z'},
};
