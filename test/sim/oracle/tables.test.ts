import {beforeAll, describe, expect, it} from 'vitest';
import {real, usePair, type Endpoint} from './harness.js';

// Server-side Table output (what kubectl get prints): the column definitions of each
// kind, and the cells of rows for objects created identically in both servers.

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

type Column = {name: string; type: string; format: string; priority: number};
type Table = {kind: string; columnDefinitions: Column[] | null; rows: {cells: unknown[]; object?: {metadata?: {name?: string}}}[]};

/** Every kind whose columns are compared, with its list path (`NS` stands for the test namespace). */
const KINDS: readonly [string, string][] = [
	['pods', '/api/v1/namespaces/NS/pods'],
	['deployments', '/apis/apps/v1/namespaces/NS/deployments'],
	['replicasets', '/apis/apps/v1/namespaces/NS/replicasets'],
	['statefulsets', '/apis/apps/v1/namespaces/NS/statefulsets'],
	['daemonsets', '/apis/apps/v1/namespaces/NS/daemonsets'],
	['jobs', '/apis/batch/v1/namespaces/NS/jobs'],
	['services', '/api/v1/namespaces/NS/services'],
	['endpoints', '/api/v1/namespaces/NS/endpoints'],
	['configmaps', '/api/v1/namespaces/NS/configmaps'],
	['secrets', '/api/v1/namespaces/NS/secrets'],
	['namespaces', '/api/v1/namespaces'],
	['nodes', '/api/v1/nodes'],
	['persistentvolumeclaims', '/api/v1/namespaces/NS/persistentvolumeclaims'],
	['serviceaccounts', '/api/v1/namespaces/NS/serviceaccounts'],
	['roles', '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/roles'],
	['rolebindings', '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/rolebindings'],
	['clusterroles', '/apis/rbac.authorization.k8s.io/v1/clusterroles'],
	['events', '/api/v1/namespaces/NS/events'],
	['ingresses', '/apis/networking.k8s.io/v1/namespaces/NS/ingresses'],
];

/** Objects created the same way in both, and the columns whose cells depend on neither time, IPs nor generated names. */
const OBJECTS: readonly {path: string; body: Record<string, unknown>; ignore: readonly string[]; why: string}[] = [
	{
		path: '/api/v1/namespaces/NS/configmaps',
		body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'table-cm'}, data: {a: '1', b: '2'}},
		ignore: ['Age'],
		why: 'Age is time',
	},
	{
		path: '/api/v1/namespaces/NS/secrets',
		body: {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'table-secret'}, stringData: {a: '1'}},
		ignore: ['Age'],
		why: 'Age is time',
	},
	{
		path: '/api/v1/namespaces/NS/services',
		body: {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'table-svc'},
			spec: {
				selector: {app: 'none'},
				ports: [
					{name: 'http', port: 80, targetPort: 8080},
					{name: 'dns', port: 53, protocol: 'UDP'},
				],
			},
		},
		ignore: ['Age', 'Cluster-IP'],
		why: 'the cluster IP is allocated at random from each server range',
	},
	{
		path: '/api/v1/namespaces/NS/services',
		body: {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'table-external'},
			spec: {type: 'ExternalName', externalName: 'example.com'},
		},
		ignore: ['Age'],
		why: 'Age is time',
	},
	{
		path: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/roles',
		body: {
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'Role',
			metadata: {name: 'table-role'},
			rules: [{apiGroups: [''], resources: ['pods'], verbs: ['get']}],
		},
		ignore: ['Created At'],
		why: 'Created At is time',
	},
	{
		path: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/rolebindings',
		body: {
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'RoleBinding',
			metadata: {name: 'table-binding'},
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'table-role'},
			subjects: [
				{kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io'},
				{kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io'},
				{kind: 'ServiceAccount', name: 'robot', namespace: 'NS'},
			],
		},
		ignore: ['Age'],
		why: 'Age is time',
	},
	{
		path: '/apis/apps/v1/namespaces/NS/deployments',
		body: {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'table-deploy'},
			spec: {
				replicas: 0,
				selector: {matchLabels: {app: 'table'}},
				template: {
					metadata: {labels: {app: 'table'}},
					spec: {
						containers: [
							{name: 'web', image: 'nginx:1.25'},
							{name: 'side', image: 'busybox:1.36'},
						],
					},
				},
			},
		},
		ignore: ['Age'],
		why: 'Age is time; zero replicas keep the counts still',
	},
	{
		path: '/api/v1/namespaces/NS/persistentvolumeclaims',
		body: {
			apiVersion: 'v1',
			kind: 'PersistentVolumeClaim',
			metadata: {name: 'table-pvc'},
			spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}, storageClassName: 'none'},
		},
		ignore: ['Age', 'VolumeAttributesClass'],
		why: 'Age is time; VolumeAttributesClass came in v1.29',
	},
	{
		path: '/apis/networking.k8s.io/v1/namespaces/NS/ingresses',
		body: {
			apiVersion: 'networking.k8s.io/v1',
			kind: 'Ingress',
			metadata: {name: 'table-ingress'},
			spec: {
				rules: [
					{
						host: 'a.example.com',
						http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: 'table-svc', port: {number: 80}}}}]},
					},
					{host: 'b.example.com'},
				],
				tls: [{hosts: ['a.example.com'], secretName: 'tls'}],
			},
		},
		ignore: ['Age', 'Class', 'Address'],
		why: 'Class is a newer column; Address is filled by an ingress controller',
	},
];

async function table(side: Endpoint, path: string): Promise<Table> {
	const reply = await side.request('GET', path, {accept: TABLE});
	expect(reply.status, `${side.name} ${path}: ${reply.text}`).toBe(200);
	return reply.body as Table;
}

/** Columns that differ between v1.20 and the current printers the sim follows, by kind (each says why): left out of both sides. */
const SKEW: Readonly<Record<string, readonly string[]>> = {
	// Job's Status column (Running, Complete, Failed...) came in v1.28.
	jobs: ['Status'],
	// VolumeAttributesClass came in v1.29.
	persistentvolumeclaims: ['VolumeAttributesClass'],
	// v1.35 dropped the Secrets count (token secrets are no longer made); v1.20 printed it.
	serviceaccounts: ['Secrets'],
};

/** Column types that changed since v1.20 (each says why): compared by name only. */
const TYPE_SKEW: Readonly<Record<string, readonly string[]>> = {
	// Restarts became a string in v1.22 to carry "3 (5m ago)"; v1.20 sends an integer.
	pods: ['Restarts'],
};

const columns = (t: Table, kind = '') =>
	(t.columnDefinitions ?? [])
		.filter((c) => !(SKEW[kind] ?? []).includes(c.name))
		.map((c) => ({name: c.name, type: (TYPE_SKEW[kind] ?? []).includes(c.name) ? '' : c.type, format: c.format, priority: c.priority}));

describe.skipIf(real.skip)('oracle: Table output', () => {
	const pair = usePair();
	const at = (path: string) => path.replaceAll('NS', pair().namespace);

	beforeAll(async () => {
		for (const object of OBJECTS) {
			const body = JSON.parse(JSON.stringify(object.body).replaceAll('"NS"', JSON.stringify(pair().namespace))) as unknown;
			for (const side of [pair().sim, pair().real]) {
				const reply = await side.request('POST', at(object.path), {body});
				if (reply.status !== 201) throw new Error(`${side.name}: ${object.path}: ${reply.status} ${reply.text}`);
			}
		}
	});

	it.each(KINDS)('%s: the same column definitions (name, type, format, priority)', async (kind, path) => {
		const [sim, realTable] = await Promise.all([table(pair().sim, at(path)), table(pair().real, at(path))]);
		expect(sim.kind).toBe('Table');
		expect(columns(sim, kind)).toEqual(columns(realTable, kind));
	});

	it.each(OBJECTS.map((o) => [(o.body['metadata'] as {name: string}).name, o] as const))('%s: the same row cells', async (name, object) => {
		const path = `${at(object.path)}/${name}`;
		const [sim, realTable] = await Promise.all([table(pair().sim, path), table(pair().real, path)]);
		// Cells by column name; the ignored columns, and why, are listed with each object above.
		const cells = (t: Table) =>
			Object.fromEntries(
				columns(t)
					.map((c, i) => [c.name, t.rows[0]?.cells[i]] as const)
					.filter(([column]) => !object.ignore.includes(column)),
			);
		expect(cells(sim)).toEqual(cells(realTable));
		expect(sim.rows[0]?.object?.metadata?.name).toBe(name);
	});
});
