import {describe, expect, it} from 'vitest';
import type {Health} from '../../src/model/computed.js';
import {worse, xrayTree, type XrayNode, type XrayWorld} from '../../src/model/xray.js';
import {parentRow, xrayBranches, xrayRows} from '../../src/model/xrayView.js';
import type {ResourceObject} from '../../src/sources/types.js';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({name, namespace: 'shop', uid: `uid-${name}`, ...extra});
const owned = (owner: string) => ({ownerReferences: [{uid: `uid-${owner}`}]});

function pod(name: string, owner: string, state: Record<string, unknown>, extra: Record<string, unknown> = {}): ResourceObject {
	return {
		metadata: meta(name, {...owned(owner), labels: {app: 'web'}}),
		spec: {
			serviceAccountName: 'web-sa',
			containers: [
				{
					name: 'app',
					image: 'web:1.2',
					envFrom: [{configMapRef: {name: 'web-config'}}],
					env: [{name: 'PASS', valueFrom: {secretKeyRef: {name: 'web-secret', key: 'p'}}}],
					volumeMounts: [{name: 'data'}],
				},
			],
			volumes: [
				{name: 'data', persistentVolumeClaim: {claimName: 'web-data'}},
				{name: 'unmounted', configMap: {name: 'not-used-by-app'}},
			],
			...extra,
		},
		status: {containerStatuses: [{name: 'app', ready: true, state}]},
	};
}

function world(kinds: Record<string, ResourceObject[]>): XrayWorld {
	const keyOf = (o: ResourceObject) => {
		const {name, namespace} = o['metadata'] as {name: string; namespace?: string};
		return namespace ? `${namespace}/${name}` : name;
	};
	return new Map(Object.entries(kinds).map(([kind, objects]) => [kind, new Map(objects.map((o) => [keyOf(o), o]))]));
}

// Health as the views rate it, simplified: pods by phase, everything else ok.
const health = (kind: string, object: ResourceObject): Health =>
	kind === 'pods' ? ((object['health'] as Health | undefined) ?? 'ok') : 'ok';

/** The tree as indented lines: `kind name [status/worst] detail`. */
function outline(nodes: readonly XrayNode[], depth = 0): string[] {
	return nodes.flatMap((n) => [
		`${'  '.repeat(depth)}${n.kind} ${n.name} [${n.status}/${n.worst}]${n.detail ? ` ${n.detail}` : ''}`,
		...outline(n.children, depth + 1),
	]);
}

const deployment = {metadata: meta('web')};
const rs = {metadata: meta('web-7d9', owned('web'))};

describe('xray', () => {
	it('deployment -> replicaset -> pod -> container -> image and what it uses; the pod -> its service account', () => {
		const tree = xrayTree(
			'deployments',
			world({
				deployments: [deployment],
				replicasets: [rs],
				pods: [pod('web-7d9-a', 'web-7d9', {running: {}})],
				configmaps: [{metadata: meta('web-config')}],
				secrets: [{metadata: meta('web-secret')}],
				persistentvolumeclaims: [{metadata: meta('web-data')}],
				serviceaccounts: [{metadata: meta('web-sa')}],
			}),
			health,
		);
		expect(outline(tree)).toEqual([
			'deployments web [ok/ok]',
			'  replicasets web-7d9 [ok/ok]',
			'    pods web-7d9-a [ok/ok]',
			'      container app [ok/ok]',
			'        image web:1.2 [ok/ok]',
			'        configmaps web-config [ok/ok]',
			'        persistentvolumeclaims web-data [ok/ok]',
			'        secrets web-secret [ok/ok]',
			'      serviceaccounts web-sa [ok/ok]',
		]);
		expect(tree[0]?.children[0]?.children[0]?.key).toBe('shop/web-7d9-a');
	});

	it('a missing reference is broken, and the worst status rolls up to the root', () => {
		const tree = xrayTree(
			'deployments',
			world({
				deployments: [deployment],
				replicasets: [rs],
				pods: [pod('web-7d9-a', 'web-7d9', {waiting: {reason: 'CrashLoopBackOff'}})],
				configmaps: [],
				secrets: [{metadata: meta('web-secret')}],
				persistentvolumeclaims: [{metadata: meta('web-data')}],
				serviceaccounts: [{metadata: meta('web-sa')}],
			}),
			health,
		);
		const lines = outline(tree);
		expect(lines).toContain('        configmaps web-config [broken/broken] not found');
		expect(lines).toContain('      container app [error/broken] CrashLoopBackOff');
		expect(tree[0]?.worst).toBe('broken');
		expect(tree[0]?.status).toBe('ok');
	});

	it('a kind kview does not follow (a 403 on secrets) is not taken for missing', () => {
		const tree = xrayTree(
			'deployments',
			world({deployments: [deployment], replicasets: [rs], pods: [pod('web-7d9-a', 'web-7d9', {running: {}})]}),
			health,
		);
		expect(outline(tree)).toContain('        secrets web-secret [ok/ok] not followed');
		expect(tree[0]?.worst).toBe('ok');
	});

	it('service -> the pods its selector picks in its namespace; ingress -> service -> pods, a missing backend broken', () => {
		const pods = [pod('a', 'x', {running: {}}), {...pod('b', 'x', {running: {}}), metadata: {...meta('b'), labels: {app: 'other'}}}];
		const svc = {metadata: meta('web'), spec: {selector: {app: 'web'}}};
		const ingress = {
			metadata: meta('shop'),
			spec: {rules: [{http: {paths: [{backend: {service: {name: 'web'}}}, {backend: {service: {name: 'gone'}}}]}}]},
		};
		const tree = xrayTree('ingresses', world({ingresses: [ingress], services: [svc], pods}), health);
		expect(outline(tree).filter((l) => !/^ {6}/.test(l))).toEqual([
			'ingresses shop [ok/broken]',
			'  services gone [broken/broken] not found',
			'  services web [ok/ok]',
			'    pods a [ok/ok]',
		]);
	});

	it('node -> its pods; a finished init container is done and does not mark the pod', () => {
		const p = {
			...pod('a', 'x', {running: {}}),
			spec: {nodeName: 'node-1', initContainers: [{name: 'migrate', image: 'm:1'}], containers: [{name: 'app', image: 'web:1'}]},
			status: {
				initContainerStatuses: [{name: 'migrate', state: {terminated: {exitCode: 0, reason: 'Completed'}}}],
				containerStatuses: [{name: 'app', ready: true, state: {running: {}}}],
			},
		};
		const tree = xrayTree('nodes', world({nodes: [{metadata: {name: 'node-1', uid: 'n1'}}], pods: [p]}), health);
		expect(outline(tree)).toEqual([
			'nodes node-1 [ok/ok]',
			'  pods a [ok/ok]',
			'    container migrate (init) [done/done] Completed',
			'      image m:1 [ok/ok]',
			'    container app [ok/ok]',
			'      image web:1 [ok/ok]',
		]);
	});

	it('orders statuses broken > error > warning > pending > ok > done', () => {
		expect(worse('ok', 'warning')).toBe('warning');
		expect(worse('error', 'warning')).toBe('error');
		expect(worse('error', 'broken')).toBe('broken');
		expect(worse('done', 'ok')).toBe('ok');
		expect(worse('pending', 'ok')).toBe('pending');
	});
});

describe('xray rows', () => {
	const leaf = (id: string, name: string): XrayNode => ({id, kind: 'pods', key: id, name, status: 'ok', worst: 'ok', children: []});
	const tree: XrayNode = {
		id: 'd',
		kind: 'deployments',
		key: 'd',
		name: 'web',
		status: 'ok',
		worst: 'ok',
		children: [{...leaf('r', 'web-rs'), children: [leaf('p1', 'web-rs-a'), leaf('p2', 'db-client')]}],
	};
	const names = (rows: ReturnType<typeof xrayRows>) =>
		rows.map((r) => `${'  '.repeat(r.depth)}${r.open === undefined ? '-' : r.open ? 'v' : '>'} ${r.node.name}`);

	it('shows every open node, hides what a folded one holds', () => {
		expect(names(xrayRows([tree], new Set(), ''))).toEqual(['v web', '  v web-rs', '    - web-rs-a', '    - db-client']);
		expect(names(xrayRows([tree], new Set(['r']), ''))).toEqual(['v web', '  > web-rs']);
		expect(xrayBranches([tree])).toEqual(['d', 'r']);
	});

	it('filters to matches and their ancestors, opened even when folded', () => {
		expect(names(xrayRows([tree], new Set(['d', 'r']), 'db'))).toEqual(['v web', '  v web-rs', '    - db-client']);
		expect(names(xrayRows([tree], new Set(), 'nothing'))).toEqual([]);
	});

	it('finds a row’s parent', () => {
		const rows = xrayRows([tree], new Set(), '');
		expect(parentRow(rows, 3)).toBe(1);
		expect(parentRow(rows, 1)).toBe(0);
		expect(parentRow(rows, 0)).toBe(-1);
	});
});
