import {beforeAll, describe, expect, it} from 'vitest';
import {describeLines, type DescribeEvent, type DescribeRelated} from '../../../src/model/describe.js';
import {ensureKubectl} from '../../helpers/kubectl.js';
import {isReady, useSim, waitFor, type Obj} from '../fixtures/sim.js';

// kview's describe text against kubectl v1.35's, line by line, for the same objects of
// the sim: the describer gets what kubectl reads (the object, its events, and the related
// objects kubectl fetches for the kind) through the sim's REST API.
//
// The only thing allowed to differ is what kubectl leaves to chance: the order of a
// ConfigMap's or Secret's keys, which kubectl prints in Go's randomised map order (both
// sides are sorted before comparing). Ages are not normalised: kubectl measured them at an
// instant we do not know exactly, so the describer is run at every instant (to the second)
// during which kubectl could have, and one of those runs must match kubectl exactly.

const h = useSim();

type Inputs = {object: Obj; events: DescribeEvent[] | undefined; related: DescribeRelated};

/** One `kubectl describe <resource> <name>` and how to read what kubectl reads for it. */
type Case = {
	readonly resource: string;
	readonly namespace?: string;
	readonly name: () => Promise<string>;
	/** The object's REST path. */
	readonly path: (name: string) => string;
	/** kubectl shows no events for Secrets and Namespaces. */
	readonly noEvents?: boolean;
	readonly related?: (object: Obj) => Promise<DescribeRelated>;
};

const MORE = `
apiVersion: v1
kind: Pod
metadata:
  name: gated
  namespace: default
spec:
  priorityClassName: high
  runtimeClassName: gvisor
  securityContext:
    seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}
  readinessGates: [{conditionType: kview.dev/ready}]
  containers:
    - name: c
      image: busybox:1.36
      securityContext:
        seccompProfile: {type: RuntimeDefault}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: indexed
  namespace: default
spec:
  completionMode: Indexed
  completions: 3
  parallelism: 2
  backoffLimit: 2
  activeDeadlineSeconds: 600
  ttlSecondsAfterFinished: 300
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: work, image: busybox:1.36, command: [sh, -c, "echo $JOB_COMPLETION_INDEX"]}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: paused
  namespace: default
  annotations: {kview.dev/owner: team-b}
spec:
  schedule: "0 3 * * *"
  suspend: true
  startingDeadlineSeconds: 120
  jobTemplate:
    spec:
      parallelism: 1
      completions: 1
      activeDeadlineSeconds: 60
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - {name: job, image: busybox:1.36}
---
apiVersion: v1
kind: Service
metadata:
  name: external-db
  namespace: default
spec:
  type: ExternalName
  externalName: db.example.com
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
  namespace: default
spec:
  replicas: 1
  serviceName: cache
  selector: {matchLabels: {app: cache}}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {partition: 0, maxUnavailable: 1}
  template:
    metadata:
      labels: {app: cache}
      annotations: {kview.dev/scrape: "true"}
    spec:
      serviceAccountName: default
      priorityClassName: high
      nodeSelector: {kubernetes.io/os: linux}
      containers:
        - name: redis
          image: redis:7.4
          args: [--save, ""]
          volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
    - metadata:
        name: data
        labels: {tier: cache}
        annotations: {kview.dev/backup: daily}
      spec:
        accessModes: [ReadWriteOnce, ReadOnlyMany]
        storageClassName: fast
        resources: {requests: {storage: 5Gi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: default
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      tolerations: [{operator: Exists}]
      containers:
        - name: agent
          image: busybox:1.36
          securityContext:
            seccompProfile: {type: RuntimeDefault}
`;

const RICH = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: rich-config
  namespace: default
data:
  app.properties: |
    color=blue
    size=large
  MODE: fast
binaryData:
  blob: AAECAwQ=
---
apiVersion: v1
kind: Secret
metadata:
  name: rich-secret
  namespace: default
  labels: {app: rich}
type: Opaque
data:
  token: YWJjMTIz
  ca.crt: LS0tLS1CRUdJTg==
---
apiVersion: v1
kind: Pod
metadata:
  name: rich
  namespace: default
  labels: {app: rich, tier: backend}
  annotations:
    kview.dev/note: short
    kview.dev/multi: |
      first line
      second line
    kview.dev/long: ${'a'.repeat(160)}
spec:
  nodeSelector: {kubernetes.io/os: linux}
  tolerations:
    - {key: dedicated, operator: Equal, value: batch, effect: NoSchedule}
    - {operator: Exists}
  topologySpreadConstraints:
    - maxSkew: 1
      topologyKey: kubernetes.io/hostname
      whenUnsatisfiable: ScheduleAnyway
      labelSelector: {matchLabels: {app: rich}}
  initContainers:
    - name: setup
      image: busybox:1.36
      command: [sh, -c]
      args: ["echo setting up\\necho done"]
  containers:
    - name: app
      image: registry.local/shop-api:2.4.1
      ports:
        - {containerPort: 8080, name: http}
        - {containerPort: 9090, name: metrics}
      resources:
        requests: {cpu: 250m, memory: 128Mi}
        limits: {cpu: "1", memory: 512Mi}
      livenessProbe:
        httpGet: {path: /healthz, port: 8080, scheme: HTTP}
        initialDelaySeconds: 5
        timeoutSeconds: 1
        periodSeconds: 10
        successThreshold: 1
        failureThreshold: 3
      readinessProbe:
        tcpSocket: {port: http}
      startupProbe:
        exec: {command: [cat, /tmp/ready]}
      envFrom:
        - configMapRef: {name: rich-config}
        - secretRef: {name: rich-secret, optional: true}
          prefix: SEC_
      env:
        - {name: POD_NAME, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}}}
        - {name: NODE, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: spec.nodeName}}}
        - {name: POD_UID, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.uid}}}
        - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
        - {name: MEM_REQ, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}}
        - {name: SECRET_TOKEN, valueFrom: {secretKeyRef: {name: rich-secret, key: token}}}
        - {name: MODE, valueFrom: {configMapKeyRef: {name: rich-config, key: MODE, optional: true}}}
        - {name: MULTI, value: "one\\ntwo"}
      volumeMounts:
        - {name: data, mountPath: /data}
        - {name: config, mountPath: /etc/config, readOnly: true}
        - {name: secret, mountPath: /etc/secret, subPath: token}
    - name: sidecar
      image: nginx:1.27
      ports:
        - {containerPort: 80, name: web}
      resources:
        limits: {memory: 64Mi}
  volumes:
    - {name: data, emptyDir: {sizeLimit: 1Gi}}
    - {name: config, configMap: {name: rich-config}}
    - {name: secret, secret: {secretName: rich-secret, optional: true}}
    - {name: host, hostPath: {path: /var/log, type: Directory}}
    - name: podinfo
      downwardAPI:
        items:
          - {path: labels, fieldRef: {fieldPath: metadata.labels}}
          - {path: cpu, resourceFieldRef: {containerName: app, resource: limits.cpu}}
    - name: projected
      projected:
        sources:
          - secret: {name: rich-secret}
          - configMap: {name: rich-config}
          - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
          - serviceAccountToken: {path: token, expirationSeconds: 3600}
    - {name: claim, persistentVolumeClaim: {claimName: uploads}}
    - {name: nfs, nfs: {server: nfs.local, path: /exports}}
    - name: scratch
      csi:
        driver: csi.example.com
        volumeAttributes: {size: 1Gi, tier: fast}
    - name: cache
      ephemeral:
        volumeClaimTemplate:
          metadata: {labels: {type: scratch}}
          spec:
            accessModes: [ReadWriteOnce]
            storageClassName: fast
            resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Service
metadata:
  name: rich
  namespace: default
  annotations: {kview.dev/owner: team-a}
spec:
  selector: {app: rich}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {name: metrics, port: 9090, targetPort: 9090, protocol: TCP}
  sessionAffinity: ClientIP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rollout
  namespace: default
  labels: {app: rollout}
spec:
  replicas: 2
  selector: {matchLabels: {app: rollout}}
  template:
    metadata: {labels: {app: rollout}}
    spec:
      containers:
        - {name: web, image: "nginx:1.26", ports: [{containerPort: 80}]}
`;

/** A REST GET that must succeed. */
async function get(path: string): Promise<unknown> {
	const reply = await h().api('GET', path);
	if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${reply.text}`);
	return reply.body;
}

async function items(path: string): Promise<Obj[]> {
	return ((await get(path)) as {items: Obj[]}).items;
}

/** A list kubectl tolerates being absent: 404 means the server does not serve it, and kubectl leaves its section out. */
async function optionalItems(path: string): Promise<Obj[] | undefined> {
	const reply = await h().api('GET', path);
	if (reply.status === 404) return undefined;
	if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${reply.text}`);
	return (reply.body as {items: Obj[]}).items;
}

/** Events as kubectl's searchEvents asks for them: a field selector on the reference's fields, keys sorted. */
async function events(namespace: string | undefined, fields: Record<string, string>): Promise<DescribeEvent[]> {
	const selector = Object.keys(fields)
		.sort()
		.map((k) => `${k}=${fields[k] ?? ''}`)
		.join(',');
	const base = namespace ? `/api/v1/namespaces/${namespace}/events` : '/api/v1/events';
	return (await items(`${base}?fieldSelector=${encodeURIComponent(selector)}`)) as unknown as DescribeEvent[];
}

async function eventsOf(object: Obj): Promise<DescribeEvent[]> {
	const {name, namespace = '', uid = ''} = object.metadata;
	if (object.kind === 'Pod')
		// The pod describer drops the kind from its reference.
		return events(namespace, {'involvedObject.name': name, 'involvedObject.namespace': namespace, 'involvedObject.uid': uid});
	if (object.kind === 'Node') {
		// Node events come from two searches: by the node's uid (controllers) and by its name as uid (kubelets).
		const byUid = await events(undefined, {
			'involvedObject.kind': 'Node',
			'involvedObject.name': name,
			'involvedObject.namespace': '',
			'involvedObject.uid': uid,
		});
		const byName = await events(undefined, {
			'involvedObject.kind': 'Node',
			'involvedObject.name': name,
			'involvedObject.namespace': '',
			'involvedObject.uid': name,
		});
		return [...byUid, ...byName];
	}
	return events(namespace || undefined, {
		'involvedObject.kind': object.kind ?? '',
		'involvedObject.name': name,
		'involvedObject.namespace': namespace,
		'involvedObject.uid': uid,
	});
}

function selectorOf(object: Obj): string {
	const selector = (object.spec?.['selector'] ?? {}) as {matchLabels?: Record<string, string>};
	return encodeURIComponent(
		Object.entries(selector.matchLabels ?? {})
			.map(([k, v]) => `${k}=${v}`)
			.join(','),
	);
}

/** The pods kubectl counts for a workload's Pods Status: those of its namespace its selector matches. */
const selectedPods = async (object: Obj): Promise<DescribeRelated> => ({
	pods: await items(`/api/v1/namespaces/${object.metadata.namespace ?? ''}/pods?labelSelector=${selectorOf(object)}`),
});

/** A Deployment's replica sets, as kubectl lists them: by the deployment's selector. */
const replicaSetsOf = async (d: Obj): Promise<DescribeRelated> => ({
	replicaSets: await items(`/apis/apps/v1/namespaces/${d.metadata.namespace ?? ''}/replicasets?labelSelector=${selectorOf(d)}`),
});

/** A Service's EndpointSlices, as kubectl lists them: by the kubernetes.io/service-name label. */
const slicesOf = async (s: Obj): Promise<DescribeRelated> => ({
	endpointSlices: await items(
		`/apis/discovery.k8s.io/v1/namespaces/${s.metadata.namespace ?? ''}/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${s.metadata.name}`)}`,
	),
});

/** A Node's pods (kubectl's field selector also drops terminated ones; the describer does that) and its lease. */
const nodeRelated = async (node: Obj): Promise<DescribeRelated> => ({
	pods: await items(`/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${node.metadata.name}`)}`),
	lease: (await get(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node.metadata.name}`)) as Obj,
});

/** A Namespace's quotas and limit ranges, left out (as kubectl leaves them) where the server does not serve them. */
const namespaceRelated = async (ns: Obj): Promise<DescribeRelated> => {
	const quotas = await optionalItems(`/api/v1/namespaces/${ns.metadata.name}/resourcequotas`);
	const limits = await optionalItems(`/api/v1/namespaces/${ns.metadata.name}/limitranges`);
	return {...(quotas ? {resourceQuotas: quotas} : {}), ...(limits ? {limitRanges: limits} : {})};
};

async function firstName(path: string): Promise<string> {
	const [found] = await items(path);
	if (!found) throw new Error(`nothing at ${path} to describe`);
	return found.metadata.name;
}

/** The first pod of an app in the demo (their names carry random suffixes). */
const podOf = (namespace: string, app: string) => () => firstName(`/api/v1/namespaces/${namespace}/pods?labelSelector=app%3D${app}`);

/** `kubectl describe <resource> <name> -n <namespace>` of an object under `prefix` (/api/v1, /apis/apps/v1...). */
function namespaced(
	resource: string,
	prefix: string,
	plural: string,
	namespace: string,
	name: string | (() => Promise<string>),
	extra: Partial<Case> = {},
): Case {
	return {
		resource,
		namespace,
		name: typeof name === 'string' ? () => Promise.resolve(name) : name,
		path: (n) => `${prefix}/namespaces/${namespace}/${plural}/${n}`,
		...extra,
	};
}

/** `kubectl describe <resource> <name>` of a cluster-scoped object. */
function clusterScoped(resource: string, plural: string, name: string, extra: Partial<Case> = {}): Case {
	return {resource, name: () => Promise.resolve(name), path: (n) => `/api/v1/${plural}/${n}`, ...extra};
}

const CORE = '/api/v1';
const APPS = '/apis/apps/v1';
const BATCH = '/apis/batch/v1';
const pod = (namespace: string, name: string | (() => Promise<string>)) => namespaced('pod', CORE, 'pods', namespace, name);
const service = (namespace: string, name: string) => namespaced('service', CORE, 'services', namespace, name, {related: slicesOf});
const deployment = (namespace: string, name: string) =>
	namespaced('deployment', APPS, 'deployments', namespace, name, {related: replicaSetsOf});

const CASES: Readonly<Record<string, Case>> = {
	'a pod with init containers (payments/ledger)': pod('payments', podOf('payments', 'ledger')),
	'a crash-looping pod with a last state (shop/recommender)': pod('shop', podOf('shop', 'recommender')),
	'a pod that cannot pull its image (payments/fraud-check)': pod('payments', podOf('payments', 'fraud-check')),
	'an unschedulable pod (monitoring/big-batch)': pod('monitoring', podOf('monitoring', 'big-batch')),
	'a pod with a configMap volume (shop/frontend)': pod('shop', podOf('shop', 'frontend')),
	'a multi-container pod with probes, env, volumes, tolerations and spread constraints': pod('default', 'rich'),
	'a pod with readiness gates, a runtime class and seccomp profiles': pod('default', 'gated'),
	'a deployment (shop/frontend)': deployment('shop', 'frontend'),
	'a deployment with init containers and template annotations (payments/ledger)': deployment('payments', 'ledger'),
	'a deployment after a rollout, with an old replica set': deployment('default', 'rollout'),
	'a replica set (shop/api)': namespaced(
		'replicaset',
		APPS,
		'replicasets',
		'shop',
		() => firstName(`${APPS}/namespaces/shop/replicasets?labelSelector=app%3Dapi`),
		{
			related: selectedPods,
		},
	),
	'a stateful set (shop/postgres)': namespaced('statefulset', APPS, 'statefulsets', 'shop', 'postgres', {related: selectedPods}),
	'a stateful set with a partition and claim templates': namespaced('statefulset', APPS, 'statefulsets', 'default', 'cache', {
		related: selectedPods,
	}),
	'a daemon set (monitoring/node-exporter)': namespaced('daemonset', APPS, 'daemonsets', 'monitoring', 'node-exporter', {
		related: selectedPods,
	}),
	'a daemon set with a node selector': namespaced('daemonset', APPS, 'daemonsets', 'default', 'agent', {related: selectedPods}),
	'a job (shop/db-migrate-42)': namespaced('job', BATCH, 'jobs', 'shop', 'db-migrate-42'),
	'an indexed job': namespaced('job', BATCH, 'jobs', 'default', 'indexed'),
	'a cron job (shop/nightly-report)': namespaced('cronjob', BATCH, 'cronjobs', 'shop', 'nightly-report'),
	'a suspended cron job with a deadline': namespaced('cronjob', BATCH, 'cronjobs', 'default', 'paused'),
	'a worker node with its pods and lease': clusterScoped('node', 'nodes', 'kview-worker-1', {related: nodeRelated}),
	'a control-plane node (roles)': clusterScoped('node', 'nodes', 'kview-control-plane', {related: nodeRelated}),
	'a tainted, cordoned node': clusterScoped('node', 'nodes', 'kview-worker-2', {related: nodeRelated}),
	'a LoadBalancer service (shop/frontend)': service('shop', 'frontend'),
	'a NodePort service (payments/payments-api)': service('payments', 'payments-api'),
	'a service with two named ports': service('default', 'rich'),
	'an ExternalName service': service('default', 'external-db'),
	'a config map (shop/shop-config)': namespaced('configmap', CORE, 'configmaps', 'shop', 'shop-config'),
	'a config map with a multi-line value and binary data': namespaced('configmap', CORE, 'configmaps', 'default', 'rich-config'),
	'a secret (shop/db-credentials)': namespaced('secret', CORE, 'secrets', 'shop', 'db-credentials', {noEvents: true}),
	'a secret with labels': namespaced('secret', CORE, 'secrets', 'default', 'rich-secret', {noEvents: true}),
	'a namespace (shop)': clusterScoped('namespace', 'namespaces', 'shop', {noEvents: true, related: namespaceRelated}),
	'a custom resource, by the generic describer (shop/orders)': namespaced('database', '/apis/kview.dev/v1', 'databases', 'shop', 'orders'),
};

async function inputs(c: Case, name: string): Promise<Inputs> {
	const object = (await get(c.path(name))) as Obj;
	return {object, events: c.noEvents ? undefined : await eventsOf(object), related: c.related ? await c.related(object) : {}};
}

function ours(input: Inputs, now: number): string[] {
	return describeLines(input.object, input.events ?? [], now, input.object.kind === 'Secret', input.related);
}

/** Sorts what kubectl prints in Go's random map order: the keys of a ConfigMap's Data and BinaryData and of a Secret's Data. */
function sortMapSections(lines: readonly string[]): string[] {
	const out = [...lines];
	const sortRange = (start: number, end: number, blockStart: (i: number) => boolean) => {
		const blocks: string[][] = [];
		for (let i = start; i < end; i++) {
			if (blockStart(i) || blocks.length === 0) blocks.push([]);
			blocks.at(-1)?.push(out[i] ?? '');
		}
		blocks.sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
		out.splice(start, end - start, ...blocks.flat());
	};
	for (let i = 0; i + 1 < out.length; i++) {
		if (out[i] !== 'Data' && out[i] !== 'BinaryData') continue;
		if (out[i + 1] !== '====') continue;
		const start = i + 2;
		let end = start;
		// A ConfigMap's Data holds `key:` / `----` / value blocks up to the blank line before BinaryData.
		const configMap = out[start + 1] === '----';
		if (configMap) {
			end = out.indexOf('BinaryData', start) - 1;
			sortRange(start, end, (j) => out[j + 1] === '----');
		} else {
			while (end < out.length && out[end] !== '' && !out[end]?.startsWith('Events:')) end++;
			sortRange(start, end, () => true);
		}
	}
	return out;
}

/** Every instant (to the second) between `from` and `to` at which the ages kubectl printed could have been measured. */
function instants(from: number, to: number): number[] {
	const out = [from];
	for (let t = Math.ceil(from / 1000) * 1000; t <= to; t += 1000) out.push(t);
	out.push(to);
	return out;
}

async function compare(c: Case): Promise<void> {
	const name = await c.name();
	const args = ['describe', c.resource, name, ...(c.namespace ? ['-n', c.namespace] : [])];
	let last: {expected: string[]; actual: string[]} | undefined;
	for (let attempt = 0; attempt < 6; attempt++) {
		const before = await inputs(c, name);
		const from = Date.now();
		const result = await h().k(args);
		const to = Date.now();
		expect(result.code, result.stderr).toBe(0);
		const after = await inputs(c, name);
		// The world moved while kubectl read it (a restart, a lease renewal, a new event): try again.
		if (JSON.stringify(ours(before, to)) !== JSON.stringify(ours(after, to))) continue;
		const expected = sortMapSections(result.stdout.replace(/\n$/, '').split('\n'));
		for (const now of instants(from, to)) {
			const actual = sortMapSections(ours(after, now));
			if (JSON.stringify(actual) === JSON.stringify(expected)) return;
			last = {expected, actual};
		}
		break;
	}
	if (!last) throw new Error(`${args.join(' ')}: the objects kept changing under kubectl`);
	expect(last.actual).toEqual(last.expected);
}

beforeAll(async () => {
	await ensureKubectl();
	for (const manifest of [RICH, MORE]) {
		const applied = await h().k(['apply', '-f', '-'], {input: manifest});
		expect(applied.code, applied.stderr).toBe(0);
	}
	for (const args of [
		['taint', 'node', 'kview-worker-2', 'dedicated=batch:NoSchedule', 'gpu:NoExecute'],
		['cordon', 'kview-worker-2'],
	]) {
		const done = await h().k(args);
		expect(done.code, done.stderr).toBe(0);
	}
	// A second revision of `rollout`, so that it has an old replica set.
	await waitFor('rollout available', async () => {
		const d = (await get('/apis/apps/v1/namespaces/default/deployments/rollout')) as Obj;
		return (d.status?.['availableReplicas'] as number | undefined) === 2;
	});
	const image = await h().k(['set', 'image', 'deployment/rollout', 'web=nginx:1.27', '-n', 'default']);
	expect(image.code, image.stderr).toBe(0);
	await waitFor(
		'the demo settled: frontends ready, recommender restarted, ledger and rich running, rollout done',
		async () => {
			const frontends = await items('/api/v1/namespaces/shop/pods?labelSelector=app%3Dfrontend');
			const [recommender] = await items('/api/v1/namespaces/shop/pods?labelSelector=app%3Drecommender');
			const [ledger] = await items('/api/v1/namespaces/payments/pods?labelSelector=app%3Dledger');
			const rich = (await get('/api/v1/namespaces/default/pods/rich')) as Obj;
			const rollout = (await get('/apis/apps/v1/namespaces/default/deployments/rollout')) as Obj;
			const restarts = ((recommender?.status?.['containerStatuses'] ?? []) as {restartCount?: number}[])[0]?.restartCount ?? 0;
			return (
				frontends.length === 3 &&
				frontends.every(isReady) &&
				restarts > 0 &&
				ledger !== undefined &&
				isReady(ledger) &&
				isReady(rich) &&
				rollout.status?.['updatedReplicas'] === 2 &&
				rollout.status['availableReplicas'] === 2
			);
		},
		60_000,
	);
}, 90_000);

describe('describe matches kubectl describe', () => {
	for (const [title, c] of Object.entries(CASES)) it(title, () => compare(c), 30_000);
});
