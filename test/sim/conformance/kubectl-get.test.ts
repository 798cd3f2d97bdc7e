import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parse as parseYaml} from 'yaml';
import {ensureKubectl} from '../../helpers/kubectl.js';
import {isReady, parseTable, parseTables, phaseOf, useSim, waitFor, type Obj} from '../fixtures/sim.js';

// Read-only kubectl v1.35 conformance against the sim: get in its forms, watch,
// describe, api-resources, the example CRD, 403 for the restricted user, and bad input
// answered as a real API server answers it.

const h = useSim();

beforeAll(async () => {
	await ensureKubectl();
	// The demo settles in a few seconds: wait for the web shop's frontends to be ready.
	await waitFor('shop/frontend pods ready', async () => {
		const pods = await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Dfrontend');
		return pods.length === 3 && pods.every(isReady);
	});
}, 60_000);

function ok(result: {code: number | null; stdout: string; stderr: string}): string {
	expect(result.code, `kubectl failed:\n${result.stderr}`).toBe(0);
	return result.stdout;
}

function names(rows: Record<string, string>[]): string[] {
	return rows.map((r) => r['NAME'] ?? '').sort();
}

describe('kubectl get', () => {
	it('get pods -A lists every pod of every namespace with the pod columns', async () => {
		const table = parseTable(ok(await h().k(['get', 'pods', '-A'])));
		expect(table.header).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
		const namespaces = new Set(table.rows.map((r) => r['NAMESPACE']));
		for (const ns of ['shop', 'payments', 'monitoring']) expect(namespaces).toContain(ns);
		const frontends = table.rows.filter((r) => r['NAMESPACE'] === 'shop' && /^frontend-/.test(r['NAME'] ?? ''));
		expect(frontends).toHaveLength(3);
		for (const row of frontends) {
			expect(row['READY']).toBe('1/1');
			expect(row['STATUS']).toBe('Running');
			expect(row['RESTARTS']).toMatch(/^\d+/);
			expect(row['AGE']).toMatch(/^\d+[smhd]/);
		}
	});

	it('get pods -n shop -o wide adds IP NODE NOMINATED NODE READINESS GATES', async () => {
		const table = parseTable(ok(await h().k(['get', 'pods', '-n', 'shop', '-o', 'wide'])));
		expect(table.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
		const frontend = table.rows.filter((r) => /^frontend-/.test(r['NAME'] ?? ''));
		expect(frontend).toHaveLength(3);
		for (const row of frontend) {
			expect(row['IP']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
			expect(row['NODE']).toMatch(/^kview-/);
			expect(row['NOMINATED NODE']).toBe('<none>');
			expect(row['READINESS GATES']).toBe('<none>');
		}
	});

	it('get deploy,rs,sts,ds,svc,cm -A prints one table per kind with kubectl columns', async () => {
		const tables = parseTables(ok(await h().k(['get', 'deploy,rs,sts,ds,svc,cm', '-A'])));
		const byFirstName = (prefix: string) => tables.find((t) => t.rows.some((r) => (r['NAME'] ?? '').startsWith(prefix)));
		const deploy = byFirstName('deployment.apps/');
		expect(deploy?.header).toEqual(['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
		expect(deploy?.rows.find((r) => r['NAME'] === 'deployment.apps/frontend')?.['READY']).toBe('3/3');
		const rs = byFirstName('replicaset.apps/');
		expect(rs?.header).toEqual(['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
		expect(rs?.rows.some((r) => /^replicaset\.apps\/frontend-[a-z0-9]+$/.test(r['NAME'] ?? ''))).toBe(true);
		const sts = byFirstName('statefulset.apps/');
		expect(sts?.header).toEqual(['NAMESPACE', 'NAME', 'READY', 'AGE']);
		expect(sts?.rows.map((r) => r['NAME'])).toContain('statefulset.apps/postgres');
		const ds = byFirstName('daemonset.apps/');
		expect(ds?.header).toEqual(['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
		expect(ds?.rows.find((r) => r['NAME'] === 'daemonset.apps/node-exporter')?.['DESIRED']).toBe('3');
		const svc = byFirstName('service/');
		expect(svc?.header).toEqual(['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
		const frontendSvc = svc?.rows.find((r) => r['NAME'] === 'service/frontend');
		expect(frontendSvc?.['TYPE']).toBe('LoadBalancer');
		expect(frontendSvc?.['PORT(S)']).toMatch(/^80:\d+\/TCP$/);
		const cm = byFirstName('configmap/');
		expect(cm?.header).toEqual(['NAMESPACE', 'NAME', 'DATA', 'AGE']);
		expect(cm?.rows.find((r) => r['NAME'] === 'configmap/shop-config')?.['DATA']).toBe('2');
	});

	it('get nodes shows the three Ready nodes with roles and versions', async () => {
		const table = parseTable(ok(await h().k(['get', 'nodes'])));
		expect(table.header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
		expect(names(table.rows)).toEqual(['kview-control-plane', 'kview-worker-1', 'kview-worker-2']);
		for (const row of table.rows) expect(row['STATUS']).toBe('Ready');
		expect(table.rows.find((r) => r['NAME'] === 'kview-control-plane')?.['ROLES']).toBe('control-plane');
		expect(table.rows.find((r) => r['NAME'] === 'kview-worker-1')?.['ROLES']).toBe('<none>');
	});

	it('-l filters by label, with equality and set-based selectors', async () => {
		const frontend = parseTable(ok(await h().k(['get', 'pods', '-n', 'shop', '-l', 'app=frontend'])));
		expect(frontend.rows).toHaveLength(3);
		for (const row of frontend.rows) expect(row['NAME']).toMatch(/^frontend-/);
		const set = parseTable(ok(await h().k(['get', 'deploy', '-n', 'shop', '-l', 'app in (api,redis)', '--no-headers=false'])));
		expect(names(set.rows)).toEqual(['api', 'redis']);
		const notIn = parseTable(ok(await h().k(['get', 'deploy', '-n', 'shop', '-l', 'app notin (api,redis),app!=worker'])));
		expect(names(notIn.rows)).toEqual(['frontend', 'recommender']);
		const none = await h().k(['get', 'pods', '-n', 'shop', '-l', 'app=nothing-has-this']);
		expect(none.code).toBe(0);
		expect(none.stderr).toMatch(/No resources found in shop namespace/);
	});

	it('--field-selector status.phase=Running keeps only running pods', async () => {
		const out = ok(await h().k(['get', 'pods', '-A', '--field-selector', 'status.phase=Running', '-o', 'json']));
		const items = (JSON.parse(out) as {items: Obj[]}).items;
		expect(items.length).toBeGreaterThan(5);
		for (const pod of items) expect(phaseOf(pod)).toBe('Running');
		// The unschedulable big-batch pod is Pending and must be left out; with != it is the one kept.
		expect(items.some((p) => p.metadata.name.startsWith('big-batch-'))).toBe(false);
		const pending = parseTable(ok(await h().k(['get', 'pods', '-n', 'monitoring', '--field-selector', 'status.phase!=Running'])));
		expect(pending.rows.map((r) => r['NAME'] ?? '').some((n) => n.startsWith('big-batch-'))).toBe(true);
		const byNode = ok(await h().k(['get', 'pods', '-A', '--field-selector', 'spec.nodeName=kview-worker-1', '-o', 'json']));
		const onNode = (JSON.parse(byNode) as {items: Obj[]}).items;
		expect(onNode.length).toBeGreaterThan(0);
		for (const pod of onNode) expect(pod.spec?.['nodeName']).toBe('kview-worker-1');
	});

	it('--chunk-size 2 pages through continue tokens and yields the same rows as one list', async () => {
		const args = ['get', 'pods', '-A', '-l', 'app notin (nightly-report,db-migrate)'];
		const whole = parseTable(ok(await h().k(args)));
		const chunked = await h().k([...args, '--chunk-size', '2', '-v=6']);
		expect(chunked.code, chunked.stderr).toBe(0);
		// kubectl -v=6 logs each response: "Response" verb="GET" url="https://.../api/v1/pods?...&limit=2" status="200 OK".
		const pages = chunked.stderr
			.split('\n')
			.filter((l) => /verb="GET" url="https:\/\/[^"]+\/api\/v1\/pods\?[^"]*limit=2[^"]*" status="200 OK"/.test(l));
		expect(pages.length, chunked.stderr).toBeGreaterThanOrEqual(3);
		expect(pages.filter((l) => /continue=/.test(l)).length).toBe(pages.length - 1);
		const rows = parseTable(chunked.stdout).rows;
		expect(rows.map((r) => `${r['NAMESPACE']}/${r['NAME']}`)).toEqual(whole.rows.map((r) => `${r['NAMESPACE']}/${r['NAME']}`));
		// One header only, as kubectl prints for a paged list.
		expect(chunked.stdout.match(/^NAMESPACE\s/gm)).toHaveLength(1);
	});

	it('get -o json and -o yaml carry the full objects', async () => {
		const json = JSON.parse(ok(await h().k(['get', 'deploy', '-n', 'shop', '-o', 'json']))) as {kind: string; items: Obj[]};
		expect(json.kind).toBe('List');
		const frontend = json.items.find((d) => d.metadata.name === 'frontend');
		expect(frontend?.apiVersion).toBe('apps/v1');
		expect(frontend?.kind).toBe('Deployment');
		expect(frontend?.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
		expect(frontend?.spec?.['replicas']).toBe(3);
		const yaml = parseYaml(ok(await h().k(['get', 'pod', '-n', 'shop', '-l', 'app=redis', '-o', 'yaml']))) as {items: Obj[]};
		expect(yaml.items).toHaveLength(1);
		expect(yaml.items[0]?.kind).toBe('Pod');
		expect((yaml.items[0]?.spec?.['containers'] as {image: string}[])[0]?.image).toBe('redis:7.4');
		const single = parseYaml(ok(await h().k(['get', 'configmap', 'shop-config', '-n', 'shop', '-o', 'yaml']))) as Obj;
		expect(single.kind).toBe('ConfigMap');
		expect((single['data'] as Record<string, string>)['API_URL']).toBe('http://api.shop.svc:8080');
		const jsonpath = ok(await h().k(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}']));
		expect(jsonpath.split(' ').sort()).toEqual(['kview-control-plane', 'kview-worker-1', 'kview-worker-2']);
	});

	it('get pods -w prints a new line when a change arrives', async () => {
		const watch = await h().spawn(['get', 'pods', '-n', 'payments', '-w']);
		try {
			await watch.waitFor((out) => /payments-api-/.test(out), 10_000);
			const before = watch.stdout();
			// A change through the API: a new pod.
			const created = await h().k(['run', 'watch-probe', '-n', 'payments', '--image', 'busybox:1.36', '--restart=Never']);
			expect(created.code, created.stderr).toBe(0);
			const after = await watch.waitFor((out) => out.length > before.length && /^watch-probe\s/m.test(out.slice(before.length)), 10_000);
			expect(after.slice(before.length)).toMatch(/^watch-probe\s+\d\/\d\s+\S+/m);
		} finally {
			await watch.stop();
		}
	});
});

describe('pod fields a real control plane fills in', () => {
	// A real API server's pod create strategy sets status.phase=Pending and status.qosClass, so
	// the first watch line of a new pod already reads Pending.
	it('a created pod is Pending with a qosClass from the start', async () => {
		const created = await h().api('POST', '/api/v1/namespaces/default/pods', {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: 'defaults-probe'},
			spec: {containers: [{name: 'app', image: 'busybox:1.36'}]},
		});
		expect(created.status).toBe(201);
		expect((created.body as Obj).status).toMatchObject({phase: 'Pending', qosClass: 'BestEffort'});
	});

	// The demo's containers request cpu/memory and limit memory only: Burstable, by the kubelet's rules.
	it("status.qosClass follows the containers' requests and limits", async () => {
		const out = ok(await h().k(['get', 'pods', '-n', 'shop', '-l', 'app=redis', '-o', 'jsonpath={.items[0].status.qosClass}']));
		expect(out).toBe('Burstable');
	});

	// A kubelet reports its node's InternalIP as hostIP (describe pod: "Node: kview-worker-1/192.168.49.3").
	it("status.hostIP is the InternalIP of the pod's node", async () => {
		const nodes = JSON.parse(ok(await h().k(['get', 'nodes', '-o', 'json']))) as {items: Obj[]};
		const ipOf = new Map(
			nodes.items.map((n) => [
				n.metadata.name,
				((n.status?.['addresses'] ?? []) as {type: string; address: string}[]).find((a) => a.type === 'InternalIP')?.address,
			]),
		);
		const pods = JSON.parse(ok(await h().k(['get', 'pods', '-n', 'shop', '-o', 'json']))) as {items: Obj[]};
		const placed = pods.items.filter((p) => p.spec?.['nodeName'] && p.status?.['hostIP']);
		expect(placed.length).toBeGreaterThan(3);
		for (const pod of placed) expect(pod.status?.['hostIP'], pod.metadata.name).toBe(ipOf.get(pod.spec?.['nodeName'] as string));
	});
});

describe('kubectl describe', () => {
	it('describe pod shows Name: and its Events', async () => {
		const pod = (await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Dredis'))[0]!;
		const out = ok(await h().k(['describe', 'pod', pod.metadata.name, '-n', 'shop'], {timeoutMs: 15_000}));
		expect(out).toMatch(new RegExp(`^Name:\\s+${pod.metadata.name}$`, 'm'));
		expect(out).toMatch(/^Namespace:\s+shop$/m);
		expect(out).toMatch(/^Status:\s+Running$/m);
		expect(out).toMatch(/^Containers:$/m);
		expect(out).toMatch(/^Events:/m);
		expect(out).toMatch(/Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned shop\//);
	});

	it('describe deploy shows Name:, its ReplicaSet and Events:', async () => {
		const out = ok(await h().k(['describe', 'deploy', 'frontend', '-n', 'shop']));
		expect(out).toMatch(/^Name:\s+frontend$/m);
		expect(out).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available/m);
		expect(out).toMatch(/^NewReplicaSet:\s+frontend-[a-z0-9]+ \(3\/3 replicas created\)$/m);
		expect(out).toMatch(/^Events:/m);
		expect(out).toMatch(/Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set frontend-[a-z0-9]+ from 0 to 3/);
	});

	// A settled Deployment has no unavailable replicas, and the API server defaults its strategy to
	// RollingUpdate 25%/25% (with revisionHistoryLimit 10 and progressDeadlineSeconds 600).
	it('describe deploy: a settled Deployment has 0 unavailable and the defaulted RollingUpdate strategy', async () => {
		const out = ok(await h().k(['describe', 'deploy', 'frontend', '-n', 'shop']));
		expect(out).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
		expect(out).toMatch(/^StrategyType:\s+RollingUpdate$/m);
		expect(out).toMatch(/^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
	});

	// The deployment controller keeps lastTransitionTime at the transition and writes nothing
	// (no MODIFIED event) while nothing changes.
	it('a settled Deployment keeps its conditions and resourceVersion still', async () => {
		const read = async () => (await h().api('GET', '/apis/apps/v1/namespaces/shop/deployments/frontend')).body as Obj;
		const before = await read();
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		const after = await read();
		expect(after.status?.['conditions']).toEqual(before.status?.['conditions']);
		expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
	});

	it('describe node shows Name:, capacity, its pods and Events:', async () => {
		const out = ok(await h().k(['describe', 'node', 'kview-worker-1'], {timeoutMs: 15_000}));
		expect(out).toMatch(/^Name:\s+kview-worker-1$/m);
		expect(out).toMatch(/^Capacity:$/m);
		expect(out).toMatch(/^Non-terminated Pods:\s+\(\d+ in total\)$/m);
		expect(out).toMatch(/node-exporter-/);
		expect(out).toMatch(/^Allocated resources:$/m);
		expect(out).toMatch(/^Events:/m);
	});

	// describe node reads the node's Lease in kube-node-lease and the conditions' heartbeats
	// (without them it prints "Failed to get lease" and 0001-01-01 times).
	it('describe node shows the node lease and condition heartbeats as a real cluster does', async () => {
		const out = ok(await h().k(['describe', 'node', 'kview-worker-1'], {timeoutMs: 15_000}));
		expect(out).toMatch(/^Lease:\s*\n\s+HolderIdentity:\s+kview-worker-1$/m);
		expect(out).not.toMatch(/0001/);
	});
});

describe('discovery and custom resources', () => {
	it('api-resources lists pods (po), deployments (deploy) and the example CRD', async () => {
		const table = parseTable(ok(await h().k(['api-resources'])));
		expect(table.header).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
		const row = (name: string, version: string) => table.rows.find((r) => r['NAME'] === name && r['APIVERSION'] === version);
		expect(row('pods', 'v1')).toMatchObject({SHORTNAMES: 'po', NAMESPACED: 'true', KIND: 'Pod'});
		expect(row('deployments', 'apps/v1')).toMatchObject({SHORTNAMES: 'deploy', NAMESPACED: 'true', KIND: 'Deployment'});
		expect(row('nodes', 'v1')).toMatchObject({SHORTNAMES: 'no', NAMESPACED: 'false', KIND: 'Node'});
		expect(row('databases', 'kview.dev/v1')).toMatchObject({SHORTNAMES: 'db', NAMESPACED: 'true', KIND: 'Database'});
		expect(row('pods', 'metrics.k8s.io/v1beta1')).toMatchObject({NAMESPACED: 'true', KIND: 'PodMetrics'});
	});

	it('get on the example CRD shows its additionalPrinterColumns (priority 1 only with -o wide)', async () => {
		const table = parseTable(ok(await h().k(['get', 'databases', '-n', 'shop'])));
		expect(table.header).toEqual(['NAME', 'ENGINE', 'VERSION', 'REPLICAS', 'READY', 'AGE']);
		expect(table.rows.find((r) => r['NAME'] === 'orders')).toMatchObject({
			ENGINE: 'postgres',
			VERSION: '16.4',
			REPLICAS: '2',
			READY: 'True',
		});
		expect(table.rows.find((r) => r['NAME'] === 'sessions')).toMatchObject({ENGINE: 'redis', READY: 'False'});
		const wide = parseTable(ok(await h().k(['get', 'db', '-n', 'shop', '-o', 'wide'])));
		expect(wide.header).toEqual(['NAME', 'ENGINE', 'VERSION', 'REPLICAS', 'READY', 'SIZE', 'AGE']);
		expect(wide.rows.find((r) => r['NAME'] === 'orders')?.['SIZE']).toBe('10Gi');
	});
});

describe('authorization', () => {
	it('the restricted user gets 403 Forbidden on secrets and nodes but can list pods', async () => {
		const context = h().restrictedContext;
		expect(context).not.toBe('');
		const secrets = await h().k(['get', 'secrets', '-n', 'shop'], {context});
		expect(secrets.code).toBe(1);
		expect(secrets.stderr).toMatch(/Error from server \(Forbidden\): secrets is forbidden: User "[^"]+" cannot list resource "secrets"/);
		const nodes = await h().k(['get', 'nodes'], {context});
		expect(nodes.code).toBe(1);
		expect(nodes.stderr).toMatch(/forbidden/);
		const pods = await h().k(['get', 'pods', '-n', 'shop'], {context});
		expect(pods.code, pods.stderr).toBe(0);
		expect(pods.stdout).toMatch(/^frontend-/m);
	});

	// kubectl auth can-i POSTs a SelfSubjectAccessReview and prints status.allowed.
	it('kubectl auth can-i answers from SelfSubjectAccessReview', async () => {
		const context = h().restrictedContext;
		const secrets = await h().k(['auth', 'can-i', 'list', 'secrets', '-n', 'shop'], {context});
		expect(secrets.stdout.trim()).toBe('no');
		const pods = await h().k(['auth', 'can-i', 'list', 'pods', '-n', 'shop'], {context});
		expect(pods.stdout.trim()).toBe('yes');
	});
});

describe('bad input is answered as a real API server answers it', () => {
	it('an unknown kind', async () => {
		const result = await h().k(['get', 'nosuchkind']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/the server doesn't have a resource type "nosuchkind"/);
	});

	it('a malformed label selector is a 400', async () => {
		const result = await h().k(['get', 'pods', '-l', 'a in (b']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/unable to parse requirement|BadRequest/i);
		const raw = await h().api('GET', `/api/v1/pods?labelSelector=${encodeURIComponent('a in (b')}`);
		expect(raw.status).toBe(400);
		expect(raw.body).toMatchObject({kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400});
	});

	it('an unsupported field selector is a 400 naming the field', async () => {
		const result = await h().k(['get', 'pods', '--field-selector', 'foo=bar']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Error from server \(BadRequest\)/);
		expect(result.stderr).toMatch(/field label not supported: foo|"foo" is not a known field selector/);
	});

	it('create -f of a malformed manifest fails, and a malformed body is a 400', async () => {
		const bad = path.join(h().dir, 'malformed.yaml');
		writeFileSync(bad, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n');
		const client = await h().k(['create', '--validate=false', '-f', bad]);
		expect(client.code).toBe(1);
		expect(client.stderr).toMatch(/error/i);
		const body = path.join(h().dir, 'body.json');
		writeFileSync(body, '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {');
		const raw = await h().k(['create', '--raw', '/api/v1/namespaces/default/configmaps', '-f', body]);
		expect(raw.code).toBe(1);
		expect(raw.stderr).toMatch(/BadRequest|the body of the request was in an unknown format/);
		const invalidName = path.join(h().dir, 'invalid.yaml');
		writeFileSync(invalidName, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n  namespace: default\n');
		const invalid = await h().k(['create', '--validate=false', '-f', invalidName]);
		expect(invalid.code).toBe(1);
		expect(invalid.stderr).toMatch(/The ConfigMap "Not_Valid" is invalid: metadata.name: Invalid value: "Not_Valid"/);
		const direct = await h().api('POST', '/api/v1/namespaces/default/configmaps', '{"kind": "ConfigMap", "metadata": ');
		expect(direct.status).toBe(400);
		expect(direct.body).toMatchObject({kind: 'Status', reason: 'BadRequest', code: 400});
	});

	it('creating an object that exists is 409 AlreadyExists', async () => {
		const file = path.join(h().dir, 'exists.yaml');
		writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: shop\ndata:\n  a: b\n');
		const result = await h().k(['create', '--validate=false', '-f', file]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Error from server \(AlreadyExists\).*configmaps "shop-config" already exists/);
		const raw = await h().api('POST', '/api/v1/namespaces/shop/configmaps', {
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {name: 'shop-config'},
		});
		expect(raw.status).toBe(409);
		expect(raw.body).toMatchObject({
			kind: 'Status',
			reason: 'AlreadyExists',
			code: 409,
			details: {name: 'shop-config', kind: 'configmaps'},
		});
	});

	// With the default --validate=strict kubectl reads /openapi/v3 to learn whether the server
	// validates fields itself (a fieldValidation parameter on the kind's PATCH); without any
	// OpenAPI it fails with "failed to download openapi". It then sends fieldValidation=Strict.
	it("create -f and apply -f work with kubectl's default validation (needs /openapi/v3)", async () => {
		const file = path.join(h().dir, 'validated.yaml');
		writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: validated\n  namespace: default\ndata:\n  a: b\n');
		const created = await h().k(['create', '-f', file]);
		expect(created.code, created.stderr).toBe(0);
		writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: validated\n  namespace: default\ndata:\n  a: c\n');
		const applied = await h().k(['apply', '-f', file]);
		expect(applied.code, applied.stderr).toBe(0);
		const exists = await h().k(['create', '-f', file]);
		expect(exists.stderr).toMatch(/\(AlreadyExists\)/);
		// Strict server-side validation rejects a field the kind does not have.
		writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict\n  namespace: default\nspec:\n  a: b\n');
		const strict = await h().k(['create', '-f', file]);
		expect(strict.code).toBe(1);
		expect(strict.stderr).toMatch(/strict decoding error: unknown field "spec"/);
	});

	// kubectl's typed clients send protobuf bodies (Content-Type: application/vnd.kubernetes.protobuf)
	// for `kubectl create namespace|configmap|secret|deployment ...` and `auth can-i`; client-go
	// falls back to JSON after a 415 only for CBOR, so the server has to read protobuf.
	it('imperative kubectl create (protobuf bodies) creates objects and reports AlreadyExists', async () => {
		const created = await h().k(['create', 'namespace', 'conformance-imperative']);
		expect(created.code, created.stderr).toBe(0);
		const cm = await h().k(['create', 'configmap', 'imperative', '-n', 'conformance-imperative', '--from-literal=a=b']);
		expect(cm.code, cm.stderr).toBe(0);
		const ns = await h().k(['create', 'namespace', 'shop']);
		expect(ns.code).toBe(1);
		expect(ns.stderr).toMatch(/\(AlreadyExists\): namespaces "shop" already exists/);
		const deploy = await h().k([
			'create',
			'deployment',
			'imperative',
			'-n',
			'conformance-imperative',
			'--image=nginx:1.27',
			'--replicas=2',
		]);
		expect(deploy.code, deploy.stderr).toBe(0);
		const stored = (await h().api('GET', '/apis/apps/v1/namespaces/conformance-imperative/deployments/imperative')).body as Obj;
		expect(stored.spec).toMatchObject({replicas: 2, selector: {matchLabels: {app: 'imperative'}}});
		expect(stored.metadata).toMatchObject({labels: {app: 'imperative'}});
		expect((stored.spec?.['template'] as {spec: {containers: {image: string}[]}}).spec.containers[0]?.image).toBe('nginx:1.27');
	});

	it('a missing object is 404 NotFound', async () => {
		const result = await h().k(['get', 'pod', 'no-such-pod', '-n', 'shop']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Error from server \(NotFound\): pods "no-such-pod" not found/);
	});
});
