import {describe, expect, it} from 'vitest';
import {computedFields, healthFields, quantityValue, type Cell, type Health} from '../../src/model/computed.js';
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

	it('an ExternalName service shows its external name, as kubectl does', () => {
		expect(cell('serviceExternalIP', {spec: {type: 'ExternalName', externalName: 'db.example.com'}}).text).toBe('db.example.com');
	});

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

// Each expectation is what `kubectl get <kind>` (v1.35) prints for the object, cell for cell.
describe('computed fields for the workload, config, network, storage, RBAC and event views', () => {
	const at = (ago: number) => iso(NOW - ago);
	const template = (containers: {name: string; image: string}[], nodeSelector?: Record<string, string>) => ({
		spec: {template: {spec: {containers, ...(nodeSelector ? {nodeSelector} : {})}}},
	});
	it.each<[string, string, ResourceObject, string]>([
		['a deployment with matchLabels', 'labelSelector', {spec: {selector: {matchLabels: {tier: 'fe', app: 'web'}}}}, 'app=web,tier=fe'],
		[
			'a selector with expressions, sorted by key',
			'labelSelector',
			{
				spec: {
					selector: {
						matchLabels: {app: 'web'},
						matchExpressions: [
							{key: 'zone', operator: 'In', values: ['b', 'a']},
							{key: 'canary', operator: 'DoesNotExist'},
							{key: 'env', operator: 'NotIn', values: ['dev']},
							{key: 'gpu', operator: 'Exists'},
						],
					},
				},
			},
			'app=web,!canary,env notin (dev),gpu,zone in (a,b)',
		],
		['an empty selector', 'labelSelector', {spec: {selector: {}}}, '<none>'],
		['a bad operator', 'labelSelector', {spec: {selector: {matchExpressions: [{key: 'a', operator: 'Gt'}]}}}, '<error>'],
		['a cronjob without a job selector', 'jobTemplateSelector', {spec: {jobTemplate: {spec: {}}}}, '<none>'],
		['a role created at a time', 'createdAt', {metadata: {creationTimestamp: '2026-11-01T09:30:05Z'}}, '2026-11-01T09:30:05Z'],
		[
			'a role created at a time with milliseconds',
			'createdAt',
			{metadata: {creationTimestamp: '2026-11-01T09:30:05.250Z'}},
			'2026-11-01T09:30:05Z',
		],
		['a role without a creation time', 'createdAt', {metadata: {}}, '0001-01-01T00:00:00Z'],
		['a statefulset', 'replicasReady', {spec: {replicas: 3}, status: {readyReplicas: 2}}, '2/3'],
		['a statefulset nothing ready', 'replicasReady', {spec: {replicas: 3}, status: {}}, '0/3'],
		[
			'template containers',
			'templateContainers',
			template([
				{name: 'app', image: 'web:1'},
				{name: 'sidecar', image: 'envoy:1.30'},
			]),
			'app,sidecar',
		],
		[
			'template images',
			'templateImages',
			template([
				{name: 'app', image: 'web:1'},
				{name: 'sidecar', image: 'envoy:1.30'},
			]),
			'web:1,envoy:1.30',
		],
		[
			'a cronjob template',
			'templateImages',
			{spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: 'r', image: 'report:1.2'}]}}}}}},
			'report:1.2',
		],
		[
			'a daemonset node selector, sorted',
			'templateNodeSelector',
			template([], {zone: 'a', 'kubernetes.io/os': 'linux'}),
			'kubernetes.io/os=linux,zone=a',
		],
		['a daemonset without a node selector', 'templateNodeSelector', template([]), '<none>'],
		['a job that completed', 'jobStatus', {status: {conditions: [{type: 'Complete', status: 'True'}]}}, 'Complete'],
		['a job that failed', 'jobStatus', {status: {conditions: [{type: 'Failed', status: 'True'}]}}, 'Failed'],
		['a job being deleted', 'jobStatus', {metadata: {deletionTimestamp: at(0)}, status: {}}, 'Terminating'],
		['a suspended job', 'jobStatus', {status: {conditions: [{type: 'Suspended', status: 'True'}]}}, 'Suspended'],
		['a job past its failure target', 'jobStatus', {status: {conditions: [{type: 'FailureTarget', status: 'True'}]}}, 'FailureTarget'],
		['a job with a false Complete condition', 'jobStatus', {status: {conditions: [{type: 'Complete', status: 'False'}]}}, 'Running'],
		['completions of one', 'jobCompletions', {spec: {completions: 1}, status: {succeeded: 1}}, '1/1'],
		['completions of five, two done', 'jobCompletions', {spec: {completions: 5}, status: {succeeded: 2}}, '2/5'],
		['a work queue job', 'jobCompletions', {spec: {parallelism: 3}, status: {}}, '0/1 of 3'],
		['a job without completions or parallelism', 'jobCompletions', {spec: {}, status: {}}, '0/1'],
		['duration of a finished job', 'jobDuration', {status: {startTime: at(600_000), completionTime: at(540_000)}}, '60s'],
		['duration of a running job', 'jobDuration', {status: {startTime: at(5 * 60_000 + 10_000)}}, '5m10s'],
		['duration of a job not started', 'jobDuration', {status: {}}, ''],
		['a cronjob not suspended', 'cronJobSuspend', {spec: {}}, 'False'],
		['a suspended cronjob', 'cronJobSuspend', {spec: {suspend: true}}, 'True'],
		['a cronjob with two jobs running', 'cronJobActive', {status: {active: [{name: 'a'}, {name: 'b'}]}}, '2'],
		['a cronjob with none running', 'cronJobActive', {status: {}}, '0'],
		['a cronjob last scheduled', 'cronJobLastSchedule', {status: {lastScheduleTime: at(45_000)}}, '45s'],
		['a cronjob never scheduled', 'cronJobLastSchedule', {status: {}}, '<none>'],
		['configmap data and binary data', 'configMapData', {data: {a: '', b: ''}, binaryData: {c: ''}}, '3'],
		['an empty configmap', 'configMapData', {}, '0'],
		['a secret with blanked values', 'secretData', {type: 'Opaque', data: {user: '', password: ''}}, '2'],
		['a secret with stringData too', 'secretData', {data: {a: ''}, stringData: {a: 'x', b: 'y'}}, '2'],
		['an empty secret', 'secretData', {}, '0'],
		['ingress hosts', 'ingressHosts', {spec: {rules: [{host: 'a.example.com'}, {host: 'b.example.com'}]}}, 'a.example.com,b.example.com'],
		['ingress without hosts', 'ingressHosts', {spec: {rules: [{http: {}}]}}, '*'],
		[
			'ingress with more than three rules',
			'ingressHosts',
			{spec: {rules: [{host: 'a'}, {host: 'b'}, {host: 'c'}, {host: 'd'}, {host: 'e'}]}},
			'a,b,c + 2 more...',
		],
		[
			'ingress address, sorted and unique',
			'ingressAddress',
			{status: {loadBalancer: {ingress: [{ip: '10.0.0.2'}, {hostname: 'lb.example.com'}, {ip: '10.0.0.2'}]}}},
			'10.0.0.2,lb.example.com',
		],
		['ingress without an address', 'ingressAddress', {status: {}}, ''],
		['ingress with TLS', 'ingressPorts', {spec: {tls: [{hosts: ['a']}]}}, '80, 443'],
		['ingress without TLS', 'ingressPorts', {spec: {}}, '80'],
		[
			'endpoints',
			'endpoints',
			{subsets: [{addresses: [{ip: '10.0.0.1'}, {ip: '10.0.0.2'}], ports: [{port: 8080}]}]},
			'10.0.0.1:8080,10.0.0.2:8080',
		],
		[
			'endpoints beyond three',
			'endpoints',
			{subsets: [{addresses: [{ip: '10.0.0.1'}, {ip: '10.0.0.2'}], ports: [{port: 80}, {port: 443}]}]},
			'10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
		],
		['endpoints without ports', 'endpoints', {subsets: [{addresses: [{ip: '10.0.0.1'}]}]}, '10.0.0.1'],
		['endpoints over IPv6', 'endpoints', {subsets: [{addresses: [{ip: 'fd00::1'}], ports: [{port: 80}]}]}, '[fd00::1]:80'],
		['endpoints without subsets', 'endpoints', {}, '<none>'],
		['endpoints with empty subsets', 'endpoints', {subsets: [{}]}, ''],
		['endpoint slice ports', 'endpointSlicePorts', {ports: [{port: 80}, {name: 'dns'}, {}]}, '80,dns,*'],
		['endpoint slice without ports', 'endpointSlicePorts', {}, '<unset>'],
		[
			'endpoint slice endpoints beyond three',
			'endpointSliceEndpoints',
			{endpoints: [{addresses: ['10.0.0.1']}, {addresses: ['10.0.0.2']}, {addresses: ['10.0.0.3']}, {addresses: ['10.0.0.4']}]},
			'10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...',
		],
		['a bound claim', 'volumeStatus', {status: {phase: 'Bound'}}, 'Bound'],
		['a claim without a phase', 'volumeStatus', {status: {}}, 'Pending'],
		['a claim being deleted', 'volumeStatus', {metadata: {deletionTimestamp: at(0)}, status: {phase: 'Bound'}}, 'Terminating'],
		['storage class', 'storageClass', {spec: {storageClassName: 'standard'}}, 'standard'],
		[
			'the beta storage class annotation wins',
			'storageClass',
			{metadata: {annotations: {'volume.beta.kubernetes.io/storage-class': 'old'}}, spec: {storageClassName: 'standard'}},
			'old',
		],
		['a bound claim capacity', 'claimCapacity', {spec: {volumeName: 'pv-1'}, status: {capacity: {storage: '10Gi'}}}, '10Gi'],
		['a pending claim has no capacity yet', 'claimCapacity', {spec: {resources: {requests: {storage: '1Gi'}}}, status: {}}, ''],
		[
			'a bound claim access modes, in kubectl order',
			'claimAccessModes',
			{spec: {volumeName: 'pv-1'}, status: {accessModes: ['ReadWriteMany', 'ReadWriteOnce']}},
			'RWO,RWX',
		],
		['volume capacity', 'volumeCapacity', {spec: {capacity: {storage: '500Mi'}}}, '500Mi'],
		['volume without capacity', 'volumeCapacity', {spec: {}}, '0'],
		['volume access modes', 'volumeAccessModes', {spec: {accessModes: ['ReadWriteOncePod', 'ReadOnlyMany']}}, 'ROX,RWOP'],
		['volume claim', 'volumeClaim', {spec: {claimRef: {namespace: 'shop', name: 'data'}}}, 'shop/data'],
		['volume without a claim', 'volumeClaim', {spec: {}}, ''],
		['rolebinding to a role', 'roleRef', {roleRef: {kind: 'Role', name: 'deployer'}}, 'Role/deployer'],
		['rolebinding to a clusterrole', 'roleRef', {roleRef: {kind: 'ClusterRole', name: 'view'}}, 'ClusterRole/view'],
		[
			'binding users',
			'bindingUsers',
			{
				subjects: [
					{kind: 'User', name: 'ann'},
					{kind: 'Group', name: 'ops'},
					{kind: 'User', name: 'bob'},
				],
			},
			'ann, bob',
		],
		['binding groups', 'bindingGroups', {subjects: [{kind: 'Group', name: 'ops'}]}, 'ops'],
		[
			'binding service accounts',
			'bindingServiceAccounts',
			{
				subjects: [
					{kind: 'ServiceAccount', namespace: 'ci', name: 'deployer'},
					{kind: 'ServiceAccount', namespace: 'shop', name: 'default'},
				],
			},
			'ci/deployer, shop/default',
		],
		['hpa reference', 'hpaReference', {spec: {scaleTargetRef: {kind: 'Deployment', name: 'api'}}}, 'Deployment/api'],
		[
			'hpa cpu utilization',
			'hpaTargets',
			{
				spec: {metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 70}}}]},
				status: {currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: 23}}}]},
			},
			'cpu: 23%/70%',
		],
		[
			'hpa before its first reading',
			'hpaTargets',
			{spec: {metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 70}}}]}},
			'cpu: <unknown>/70%',
		],
		['hpa without metrics defaults to 80% cpu', 'hpaTargets', {spec: {}}, 'cpu: <unknown>/80%'],
		[
			'hpa memory average value',
			'hpaTargets',
			{
				spec: {metrics: [{type: 'Resource', resource: {name: 'memory', target: {type: 'AverageValue', averageValue: '500Mi'}}}]},
				status: {currentMetrics: [{type: 'Resource', resource: {name: 'memory', current: {averageValue: '200Mi'}}}]},
			},
			'memory: 200Mi/500Mi',
		],
		[
			'hpa pods and external metrics, then more',
			'hpaTargets',
			{
				spec: {
					metrics: [
						{type: 'Pods', pods: {metric: {name: 'rps'}, target: {type: 'AverageValue', averageValue: '10'}}},
						{type: 'External', external: {metric: {name: 'queue'}, target: {type: 'Value', value: '30'}}},
						{type: 'Object', object: {metric: {name: 'hits'}, target: {type: 'AverageValue', averageValue: '5'}}},
					],
				},
				status: {currentMetrics: [{type: 'Pods', pods: {current: {averageValue: '4'}}}]},
			},
			'4/10, <unknown>/30 + 1 more...',
		],
		[
			'an autoscaling/v1 hpa',
			'hpaTargets',
			{apiVersion: 'autoscaling/v1', spec: {targetCPUUtilizationPercentage: 50}, status: {currentCPUUtilizationPercentage: 12}},
			'cpu: 12%/50%',
		],
		['an autoscaling/v1 hpa without a target', 'hpaTargets', {apiVersion: 'autoscaling/v1', spec: {}}, '<none>'],
		['event object', 'eventObject', {involvedObject: {kind: 'Pod', name: 'web-1'}}, 'pod/web-1'],
		['events.k8s.io event object', 'eventObject', {regarding: {kind: 'Deployment', name: 'api'}}, 'deployment/api'],
		['event about a kind with no name', 'eventObject', {involvedObject: {kind: 'Node'}}, 'node'],
		['event last seen', 'eventLastSeen', {firstTimestamp: at(600_000), lastTimestamp: at(30_000)}, '30s'],
		['event last seen falls back to first seen', 'eventLastSeen', {firstTimestamp: at(600_000)}, '10m'],
		['event with only an eventTime', 'eventLastSeen', {eventTime: at(90_000)}, '90s'],
		['event series', 'eventLastSeen', {eventTime: at(600_000), series: {count: 4, lastObservedTime: at(5_000)}}, '5s'],
		['event without times', 'eventLastSeen', {}, '<unknown>'],
		['event first seen', 'eventFirstSeen', {firstTimestamp: at(600_000), lastTimestamp: at(30_000)}, '10m'],
		['event count', 'eventCount', {count: 7}, '7'],
		['new-style singleton event count', 'eventCount', {eventTime: at(0)}, '1'],
		['event series count', 'eventCount', {series: {count: 4, lastObservedTime: at(0)}}, '4'],
		['event subobject', 'eventSubobject', {involvedObject: {fieldPath: 'spec.containers{web}'}}, 'spec.containers{web}'],
		['event source with host', 'eventSource', {source: {component: 'kubelet', host: 'node-1'}}, 'kubelet, node-1'],
		['event source of a new-style event', 'eventSource', {reportingController: 'scheduler'}, 'scheduler'],
		['event message, trimmed', 'eventMessage', {message: ' Created pod: web-1\n'}, 'Created pod: web-1'],
		['events.k8s.io note', 'eventMessage', {note: 'Scaled up'}, 'Scaled up'],
		[
			'node internal IP by type, not position',
			'nodeInternalIP',
			{
				status: {
					addresses: [
						{type: 'Hostname', address: 'n1'},
						{type: 'InternalIP', address: '10.0.0.5'},
					],
				},
			},
			'10.0.0.5',
		],
		['node without an external IP', 'nodeExternalIP', {status: {addresses: [{type: 'InternalIP', address: '10.0.0.5'}]}}, '<none>'],
		['pod without readiness gates', 'podReadinessGates', {spec: {}}, '<none>'],
		[
			'pod readiness gates, one of two passed',
			'podReadinessGates',
			{
				spec: {readinessGates: [{conditionType: 'lb/ready'}, {conditionType: 'mesh/ready'}]},
				status: {conditions: [{type: 'lb/ready', status: 'True'}]},
			},
			'1/2',
		],
	])('%s', (_name, field, object, text) => {
		expect(cell(field, object).text).toBe(text);
	});

	it.each<[string, string, ResourceObject, string | number]>([
		['counts sort as numbers', 'secretData', {data: {a: '', b: ''}}, 2],
		['capacity sorts by bytes', 'volumeCapacity', {spec: {capacity: {storage: '10Gi'}}}, 10 * 2 ** 30],
		['a job duration sorts by length', 'jobDuration', {status: {startTime: iso(NOW - 90_000)}}, 90_000],
		['last seen sorts most recent first', 'eventLastSeen', {lastTimestamp: iso(NOW - 5_000)}, -(NOW - 5_000)],
		['created at sorts by time', 'createdAt', {metadata: {creationTimestamp: iso(NOW)}}, NOW],
		['an unscheduled cronjob sorts last', 'cronJobLastSchedule', {status: {}}, -Infinity],
	])('%s', (_name, field, object, sort) => {
		expect(cell(field, object).sort).toBe(sort);
	});

	it.each<[string, number]>([
		['10Gi', 10 * 2 ** 30],
		['500M', 5e8],
		['250m', 0.25],
		['1e3', 1000],
		['1.5Ki', 1536],
		['lots', Number.NaN],
	])('quantity %s', (text, value) => {
		expect(quantityValue(text)).toBe(value);
	});
});

describe('health ratings for the new views', () => {
	it.each<[string, string, ResourceObject, Health]>([
		['a statefulset all ready', 'replicasHealth', {spec: {replicas: 2}, status: {readyReplicas: 2}}, 'ok'],
		['a replicaset partly ready', 'replicasHealth', {spec: {replicas: 3}, status: {readyReplicas: 1}}, 'warning'],
		['a replicaset none ready', 'replicasHealth', {spec: {replicas: 1}, status: {}}, 'error'],
		['a replicaset scaled to zero', 'replicasHealth', {spec: {replicas: 0}, status: {}}, 'ok'],
		['a daemonset on every node', 'daemonSetHealth', {status: {desiredNumberScheduled: 3, numberReady: 3}}, 'ok'],
		['a daemonset missing a node', 'daemonSetHealth', {status: {desiredNumberScheduled: 3, numberReady: 2}}, 'warning'],
		['a completed job', 'jobHealth', {status: {conditions: [{type: 'Complete', status: 'True'}]}}, 'done'],
		['a failed job', 'jobHealth', {status: {conditions: [{type: 'Failed', status: 'True'}]}}, 'error'],
		['a running job', 'jobHealth', {status: {}}, 'ok'],
		['a suspended job', 'jobHealth', {status: {conditions: [{type: 'Suspended', status: 'True'}]}}, 'pending'],
		['a suspended cronjob', 'cronJobHealth', {spec: {suspend: true}}, 'pending'],
		['a cronjob', 'cronJobHealth', {spec: {}}, 'ok'],
		['a bound claim', 'volumeHealth', {status: {phase: 'Bound'}}, 'ok'],
		['a pending claim', 'volumeHealth', {status: {phase: 'Pending'}}, 'pending'],
		['a lost claim', 'volumeHealth', {status: {phase: 'Lost'}}, 'error'],
		['a released volume', 'volumeHealth', {status: {phase: 'Released'}}, 'warning'],
		['a warning event', 'eventHealth', {type: 'Warning'}, 'warning'],
		['a normal event', 'eventHealth', {type: 'Normal'}, 'ok'],
	])('%s', (_name, field, object, want) => {
		expect(health(field, object)).toBe(want);
	});
});
