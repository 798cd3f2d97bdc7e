import {describe, expect, it} from 'vitest';
import type {ListedNode, ListedService, ListedTask} from '../../../src/sources/docker/api.js';
import type {MirrorSnapshot} from '../../../src/sources/docker/mirror.js';
import {nodeRows, serviceRows, taskRows} from '../../../src/sources/docker/swarmKinds.js';
import {computedFields, healthFields} from '../../../src/model/computed.js';

function snapshot(services: ListedService[], tasks: ListedTask[], nodes: ListedNode[]): MirrorSnapshot {
	return {
		containers: new Map(),
		images: new Map(),
		volumes: new Map(),
		networks: new Map(),
		services: new Map(services.map((s) => [s.ID, s])),
		tasks: new Map(tasks.map((t) => [t.ID, t])),
		nodes: new Map(nodes.map((n) => [n.ID, n])),
		stats: new Map(),
		listedAt: new Map(),
	};
}

const node = (id: string, hostname: string, extra: Partial<ListedNode> = {}): ListedNode => ({
	ID: id,
	Spec: {Role: 'worker', Availability: 'active'},
	Description: {Hostname: hostname, Engine: {EngineVersion: '27.1.1'}},
	Status: {State: 'ready', Addr: '10.0.0.2'},
	...extra,
});
const task = (id: string, service: string, nodeId: string, state: string, extra: Partial<ListedTask> = {}): ListedTask => ({
	ID: id,
	ServiceID: service,
	NodeID: nodeId,
	DesiredState: 'running',
	Status: {State: state, Timestamp: '2026-11-23T10:00:00Z'},
	...extra,
});

const nodes = [
	node('n1', 'alpha', {ManagerStatus: {Leader: true, Reachability: 'reachable'}, Spec: {Role: 'manager', Availability: 'active'}}),
	node('n2', 'beta', {ManagerStatus: {Leader: false, Reachability: 'unreachable'}}),
	node('n3', 'gamma', {Spec: {Role: 'worker', Availability: 'drain'}}),
	node('n4', 'delta', {Status: {State: 'down'}}),
];
const services: ListedService[] = [
	{
		ID: 'svc-web-0000000000',
		Spec: {Name: 'web', Mode: {Replicated: {Replicas: 3}}, TaskTemplate: {ContainerSpec: {Image: 'nginx:1.27@sha256:' + 'a'.repeat(64)}}},
		Endpoint: {
			Ports: [
				{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080},
				{Protocol: 'udp', TargetPort: 53},
			],
		},
	},
	{ID: 'svc-agent', Spec: {Name: 'agent', Mode: {Global: {}}}},
];
const tasks = [
	task('t1', 'svc-web-0000000000', 'n1', 'running', {Slot: 1}),
	task('t2', 'svc-web-0000000000', 'n2', 'running', {Slot: 2}),
	task('t3', 'svc-web-0000000000', 'n2', 'preparing', {Slot: 3}),
	task('t4', 'svc-web-0000000000', 'n1', 'running', {Slot: 3, DesiredState: 'shutdown'}),
	task('t5', 'svc-agent', 'n1', 'running'),
	task('t6', 'svc-agent', 'n2', 'failed', {Status: {State: 'failed', Err: 'task: non-zero exit (1)'}}),
];
const snap = snapshot(services, tasks, nodes);

describe('swarm services', () => {
	it('counts running tasks against the replicas, or against ready active nodes for a global service', () => {
		const rows = serviceRows(snap);
		expect(rows.get('svc-web-0000000000')).toMatchObject({
			metadata: {name: 'web'},
			docker: {mode: 'replicated', running: 2, total: 3, image: 'nginx:1.27', ports: '*:8080->80/tcp', shortId: 'svc-web-0000'},
		});
		// Ready and active: alpha and beta (gamma drains, delta is down).
		expect(rows.get('svc-agent')).toMatchObject({docker: {mode: 'global', running: 1, total: 2}});
	});
});

describe('swarm tasks', () => {
	it('names tasks by service and slot, or by node for a global service, and says where and how each runs', () => {
		const rows = taskRows(snap);
		expect(rows.get('t1')).toMatchObject({metadata: {name: 'web.1'}, docker: {node: 'alpha', state: 'running', desiredState: 'running'}});
		expect(rows.get('t5')).toMatchObject({metadata: {name: 'agent.n1'}});
		expect(rows.get('t6')).toMatchObject({docker: {state: 'failed', error: 'task: non-zero exit (1)', node: 'beta'}});
	});

	it('words the current state as docker service ps does, and rates it', () => {
		const now = Date.parse('2026-11-23T10:05:00Z');
		const t1 = taskRows(snap).get('t1');
		const t6 = taskRows(snap).get('t6');
		expect(t1 && computedFields['taskState']?.(t1, {now}).text).toBe('Running 5 minutes ago');
		expect(t1 && healthFields['taskHealth']?.(t1, {now})).toBe('ok');
		expect(t6 && healthFields['taskHealth']?.(t6, {now})).toBe('error');
	});
});

describe('swarm nodes', () => {
	it('shows the manager status as docker node ls does and counts running tasks', () => {
		const rows = nodeRows(snap);
		expect(rows.get('n1')).toMatchObject({metadata: {name: 'alpha'}, docker: {manager: 'Leader', tasks: 2, role: 'manager'}});
		expect(rows.get('n2')).toMatchObject({docker: {manager: 'Unreachable', tasks: 1}});
		expect(rows.get('n3')).toMatchObject({docker: {manager: '', availability: 'drain', tasks: 0}});
		const now = 0;
		const rate = (id: string) => {
			const row = rows.get(id);
			return row && healthFields['swarmNodeHealth']?.(row, {now});
		};
		expect([rate('n1'), rate('n3'), rate('n4')]).toEqual(['ok', 'warning', 'error']);
	});
});
