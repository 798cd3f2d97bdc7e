import {describe, expect, it} from 'vitest';
import {computedFields, healthFields, type Cell, type Health} from '../../src/model/computed.js';
import type {ResourceObject} from '../../src/sources/types.js';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const ctx = {now: NOW};
const iso = (ms: number) => new Date(ms).toISOString();

function cell(name: string, object: ResourceObject): Cell {
	const fn = computedFields[name];
	if (!fn) throw new Error(`no computed field ${name}`);
	return fn(object, ctx);
}

function health(name: string, object: ResourceObject): Health {
	const fn = healthFields[name];
	if (!fn) throw new Error(`no health rating ${name}`);
	return fn(object, ctx);
}

describe('computed fields', () => {
	it.each<[string, string, ResourceObject, Cell]>([
		['age', 'age', {metadata: {creationTimestamp: iso(NOW - 90_000)}}, {text: '90s', sort: -(NOW - 90_000)}],
		['age in the future by a little', 'age', {metadata: {creationTimestamp: iso(NOW + 1_000)}}, {text: '0s', sort: -(NOW + 1_000)}],
		['age without a timestamp', 'age', {metadata: {}}, {text: '<unknown>', sort: -Infinity}],
		['labels', 'labels', {metadata: {labels: {app: 'web', tier: 'fe'}}}, {text: 'app=web,tier=fe', sort: 'app=web,tier=fe'}],
		['no labels', 'labels', {metadata: {}}, {text: '', sort: ''}],
		[
			'selector from matchLabels (deployment)',
			'selector',
			{spec: {selector: {matchLabels: {app: 'web'}}}},
			{text: 'app=web', sort: 'app=web'},
		],
		[
			'selector as a plain map (service)',
			'selector',
			{spec: {selector: {app: 'web', tier: 'fe'}}},
			{text: 'app=web,tier=fe', sort: 'app=web,tier=fe'},
		],
		['no selector', 'selector', {spec: {}}, {text: '<none>', sort: ''}],
		[
			'podReady',
			'podReady',
			{
				spec: {containers: [{}, {}]},
				status: {
					containerStatuses: [
						{ready: true, state: {running: {}}},
						{ready: false, state: {running: {}}},
					],
				},
			},
			{text: '1/2', sort: 0.5},
		],
		['podReady with no containers', 'podReady', {}, {text: '0/0', sort: 0}],
		['podStatus', 'podStatus', {status: {phase: 'Pending'}}, {text: 'Pending', sort: 'Pending'}],
		[
			'podRestarts with a recent restart',
			'podRestarts',
			{
				spec: {containers: [{}]},
				status: {
					containerStatuses: [{restartCount: 4, state: {running: {}}, lastState: {terminated: {finishedAt: iso(NOW - 3 * 60_000)}}}],
				},
			},
			{text: '4 (3m ago)', sort: 4},
		],
		[
			'podRestarts without a finish time',
			'podRestarts',
			{spec: {containers: [{}]}, status: {containerStatuses: [{restartCount: 2, state: {running: {}}}]}},
			{text: '2', sort: 2},
		],
		[
			'no restarts',
			'podRestarts',
			{spec: {containers: [{}]}, status: {containerStatuses: [{restartCount: 0, state: {running: {}}}]}},
			{text: '0', sort: 0},
		],
		['deploymentReady', 'deploymentReady', {spec: {replicas: 3}, status: {readyReplicas: 2}}, {text: '2/3', sort: 2 / 3}],
		['deploymentReady with nothing ready yet', 'deploymentReady', {spec: {replicas: 3}, status: {}}, {text: '0/3', sort: 0}],
		['deploymentReady scaled to zero', 'deploymentReady', {spec: {replicas: 0}, status: {}}, {text: '0/0', sort: 1}],
		[
			'nodeStatus ready',
			'nodeStatus',
			{
				status: {
					conditions: [
						{type: 'MemoryPressure', status: 'False'},
						{type: 'Ready', status: 'True'},
					],
				},
			},
			{text: 'Ready', sort: 'Ready'},
		],
		[
			'nodeStatus not ready',
			'nodeStatus',
			{status: {conditions: [{type: 'Ready', status: 'False'}]}},
			{text: 'NotReady', sort: 'NotReady'},
		],
		[
			'nodeStatus ready status unknown',
			'nodeStatus',
			{status: {conditions: [{type: 'Ready', status: 'Unknown'}]}},
			{text: 'NotReady', sort: 'NotReady'},
		],
		['nodeStatus without a Ready condition', 'nodeStatus', {status: {}}, {text: 'Unknown', sort: 'Unknown'}],
		[
			'nodeStatus cordoned',
			'nodeStatus',
			{spec: {unschedulable: true}, status: {conditions: [{type: 'Ready', status: 'True'}]}},
			{text: 'Ready,SchedulingDisabled', sort: 'Ready,SchedulingDisabled'},
		],
		[
			'nodeRoles sorted',
			'nodeRoles',
			{
				metadata: {
					labels: {'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'n1'},
				},
			},
			{text: 'control-plane,worker', sort: 'control-plane,worker'},
		],
		['no roles', 'nodeRoles', {metadata: {labels: {'kubernetes.io/hostname': 'n1'}}}, {text: '<none>', sort: '<none>'}],
		[
			'servicePorts',
			'servicePorts',
			{
				spec: {
					ports: [
						{port: 80, protocol: 'TCP'},
						{port: 53, protocol: 'UDP'},
					],
				},
			},
			{text: '80/TCP,53/UDP', sort: '80/TCP,53/UDP'},
		],
		[
			'servicePorts with a node port',
			'servicePorts',
			{spec: {ports: [{port: 443, nodePort: 30443, protocol: 'TCP'}]}},
			{text: '443:30443/TCP', sort: '443:30443/TCP'},
		],
		['servicePorts defaults the protocol', 'servicePorts', {spec: {ports: [{port: 80}]}}, {text: '80/TCP', sort: '80/TCP'}],
		['no ports', 'servicePorts', {spec: {}}, {text: '<none>', sort: '<none>'}],
		['cluster IP service', 'serviceExternalIP', {spec: {type: 'ClusterIP'}}, {text: '<none>', sort: '<none>'}],
		[
			'cluster IP service with external IPs',
			'serviceExternalIP',
			{spec: {type: 'ClusterIP', externalIPs: ['1.2.3.4', '5.6.7.8']}},
			{text: '1.2.3.4,5.6.7.8', sort: '1.2.3.4,5.6.7.8'},
		],
		[
			'load balancer still pending',
			'serviceExternalIP',
			{spec: {type: 'LoadBalancer'}, status: {loadBalancer: {}}},
			{text: '<pending>', sort: '<pending>'},
		],
		[
			'load balancer with an IP and a hostname, then external IPs',
			'serviceExternalIP',
			{
				spec: {type: 'LoadBalancer', externalIPs: ['9.9.9.9']},
				status: {loadBalancer: {ingress: [{ip: '1.1.1.1'}, {hostname: 'lb.example.com'}]}},
			},
			{text: '1.1.1.1,lb.example.com,9.9.9.9', sort: '1.1.1.1,lb.example.com,9.9.9.9'},
		],
	])('%s', (_name, field, object, want) => {
		expect(cell(field, object)).toEqual(want);
	});

	// BUG: computed serviceExternalIP ignores spec.externalName; kubectl prints it for type ExternalName (here: "<none>").
	it('an ExternalName service shows its external name, as kubectl does', () => {
		expect(cell('serviceExternalIP', {spec: {type: 'ExternalName', externalName: 'db.example.com'}}).text).toBe('db.example.com');
	});

	// BUG: computed nodeRoles reads only node-role.kubernetes.io/*; kubectl also shows the value of the kubernetes.io/role label.
	it('a kubernetes.io/role label is a role, as kubectl shows it', () => {
		expect(cell('nodeRoles', {metadata: {labels: {'kubernetes.io/role': 'master'}}}).text).toBe('master');
	});
});

describe('health ratings', () => {
	const pod = (status: Record<string, unknown>, containers = 1): ResourceObject => ({
		spec: {containers: Array.from({length: containers}, () => ({}))},
		status,
	});
	const running = {ready: true, state: {running: {}}};
	it.each<[string, string, ResourceObject, Health]>([
		['a running, ready pod', 'podHealth', pod({phase: 'Running', containerStatuses: [running]}), 'ok'],
		[
			'a running pod not fully ready',
			'podHealth',
			pod({phase: 'Running', containerStatuses: [running, {ready: false, state: {running: {}}}]}, 2),
			'warning',
		],
		[
			'a completed pod',
			'podHealth',
			pod({phase: 'Succeeded', containerStatuses: [{state: {terminated: {exitCode: 0, reason: 'Completed'}}}]}),
			'done',
		],
		['a pending pod', 'podHealth', pod({phase: 'Pending'}), 'pending'],
		[
			'a pod creating its container',
			'podHealth',
			pod({phase: 'Pending', containerStatuses: [{state: {waiting: {reason: 'ContainerCreating'}}}]}),
			'pending',
		],
		[
			'a pod initialising',
			'podHealth',
			{
				spec: {containers: [{}], initContainers: [{name: 'i'}]},
				status: {phase: 'Pending', initContainerStatuses: [{name: 'i', state: {running: {}}}]},
			},
			'pending',
		],
		[
			'a terminating pod',
			'podHealth',
			{metadata: {deletionTimestamp: iso(NOW)}, ...pod({phase: 'Running', containerStatuses: [running]})},
			'pending',
		],
		[
			'a scheduling-gated pod',
			'podHealth',
			pod({phase: 'Pending', conditions: [{type: 'PodScheduled', reason: 'SchedulingGated'}]}),
			'pending',
		],
		[
			'a crash-looping pod',
			'podHealth',
			pod({phase: 'Running', containerStatuses: [{state: {waiting: {reason: 'CrashLoopBackOff'}}}]}),
			'error',
		],
		[
			'a failed init container',
			'podHealth',
			{
				spec: {containers: [{}], initContainers: [{name: 'i'}]},
				status: {phase: 'Pending', initContainerStatuses: [{name: 'i', state: {terminated: {exitCode: 1, reason: 'Error'}}}]},
			},
			'error',
		],
		['an evicted pod', 'podHealth', pod({phase: 'Failed', reason: 'Evicted'}), 'error'],
		['a deployment fully ready', 'deploymentHealth', {spec: {replicas: 3}, status: {readyReplicas: 3}}, 'ok'],
		['a deployment scaled to zero', 'deploymentHealth', {spec: {replicas: 0}, status: {}}, 'ok'],
		['a deployment partly ready', 'deploymentHealth', {spec: {replicas: 3}, status: {readyReplicas: 1}}, 'warning'],
		['a deployment with nothing ready', 'deploymentHealth', {spec: {replicas: 3}, status: {}}, 'error'],
		['a ready node', 'nodeHealth', {status: {conditions: [{type: 'Ready', status: 'True'}]}}, 'ok'],
		['a cordoned node', 'nodeHealth', {spec: {unschedulable: true}, status: {conditions: [{type: 'Ready', status: 'True'}]}}, 'warning'],
		['a node that is not ready', 'nodeHealth', {status: {conditions: [{type: 'Ready', status: 'False'}]}}, 'error'],
		['a node with no Ready condition', 'nodeHealth', {status: {}}, 'error'],
		['an active namespace', 'namespaceHealth', {status: {phase: 'Active'}}, 'ok'],
		['a terminating namespace', 'namespaceHealth', {status: {phase: 'Terminating'}}, 'pending'],
	])('%s', (_name, rating, object, want) => {
		expect(health(rating, object)).toBe(want);
	});
});
