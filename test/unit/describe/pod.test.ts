import {describe, expect, it} from 'vitest';
import {describeLines, type DescribeEvent} from '../../../src/model/describe.js';
import {NOW, POD, UTC, ago} from './fixtures.js';

const OOM: DescribeEvent = {
	type: 'Warning',
	reason: 'OOMKilling',
	message: 'Memory cgroup out of memory',
	source: {component: 'kernel-monitor'},
	firstTimestamp: ago(1810),
	lastTimestamp: ago(1810),
	count: 1,
};

const describePod = (pod: Record<string, unknown>, events: DescribeEvent[] = []) => describeLines(pod, events, NOW, false, {}, UTC);

/** POD with some of its spec and status replaced. */
const variant = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({
	...POD,
	spec: {...POD.spec, ...spec},
	status: {...POD.status, ...status},
});

/** POD with one container of its own. */
const withContainer = (container: Record<string, unknown>) => variant({containers: [{name: 'api', image: 'x', ...container}]});

describe('describe pod', () => {
	it('prints a running pod with an init container and a restart as kubectl does', () => {
		expect(describePod(POD, [OOM])).toEqual([
			'Name:             api-7d9f-x2x4z',
			'Namespace:        shop',
			'Priority:         0',
			'Service Account:  api',
			'Node:             node-1/192.168.1.10',
			'Start Time:       Sun, 01 Nov 2026 11:00:00 +0000',
			'Labels:           app=api',
			'                  pod-template-hash=7d9f',
			'Annotations:      kview.dev/team: checkout',
			'Status:           Running',
			'IP:               10.244.1.7',
			'IPs:',
			'  IP:           10.244.1.7',
			'  IP:           fd00::7',
			'Controlled By:  ReplicaSet/api-7d9f',
			'Init Containers:',
			'  migrate:',
			'    Container ID:  containerd://m1',
			'    Image:         registry.local/migrate:1',
			'    Image ID:      registry.local/migrate@sha256:aa',
			'    Port:          <none>',
			'    Host Port:     <none>',
			'    Command:',
			'      /migrate',
			'      --up',
			'    State:          Terminated',
			'      Reason:       Completed',
			'      Exit Code:    0',
			'      Started:      Sun, 01 Nov 2026 11:00:10 +0000',
			'      Finished:     Sun, 01 Nov 2026 11:00:20 +0000',
			'    Ready:          True',
			'    Restart Count:  0',
			'    Environment:    <none>',
			'    Mounts:         <none>',
			'Containers:',
			'  api:',
			'    Container ID:   containerd://a1',
			'    Image:          registry.local/api:2.4.1',
			'    Image ID:       registry.local/api@sha256:bb',
			'    Port:           8080/TCP (http)',
			'    Host Port:      0/TCP (http)',
			'    State:          Running',
			'      Started:      Sun, 01 Nov 2026 11:30:00 +0000',
			'    Last State:     Terminated',
			'      Reason:       OOMKilled',
			'      Message:      out of memory',
			'      Exit Code:    137',
			'      Signal:       9',
			'      Started:      Sun, 01 Nov 2026 11:00:30 +0000',
			'      Finished:     Sun, 01 Nov 2026 11:29:50 +0000',
			'    Ready:          True',
			'    Restart Count:  1',
			'    Limits:',
			'      memory:  128Mi',
			'    Requests:',
			'      cpu:      100m',
			'      memory:   64Mi',
			'    Liveness:   http-get https://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
			'    Readiness:  grpc <pod>:9090 ready delay=2s timeout=1s period=5s #success=1 #failure=3',
			'    Environment:',
			'      LOG_LEVEL:  info',
			'      POD_NAME:   api-7d9f-x2x4z (v1:metadata.name)',
			'      POD_IP:      (v1:status.podIP)',
			'      MEM:        128 (limits.memory)',
			'      CPU:        node allocatable (limits.cpu)',
			'    Mounts:',
			'      /cache from cache (rw,path="api")',
			'      /etc/tls from tls (ro)',
			'Conditions:',
			'  Type              Status',
			'  Initialized       True ',
			'  Ready             True ',
			'  ContainersReady   True ',
			'  PodScheduled      True ',
			'Volumes:',
			'  tls:',
			'    Type:        Secret (a volume populated by a Secret)',
			'    SecretName:  api-tls',
			'    Optional:    false',
			'  cache:',
			"    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)",
			'    Medium:      ',
			'    SizeLimit:   <unset>',
			'QoS Class:       Burstable',
			'Node-Selectors:  kubernetes.io/os=linux',
			'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
			'                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
			'Events:',
			'  Type     Reason      Age   From            Message',
			'  ----     ------      ----  ----            -------',
			'  Warning  OOMKilling  30m   kernel-monitor  Memory cgroup out of memory',
		]);
	});

	it('says a pod being deleted is Terminating, with its grace period', () => {
		const pod = {...POD, metadata: {...POD.metadata, deletionTimestamp: ago(20), deletionGracePeriodSeconds: 30}};
		const lines = describePod(pod);
		expect(lines).toContain('Status:                    Terminating (lasts 20s)');
		expect(lines).toContain('Termination Grace Period:  30s');
	});

	it('shows the phase of a finished pod even while it is deleted', () => {
		const pod = {...POD, metadata: {...POD.metadata, deletionTimestamp: ago(20)}, status: {...POD.status, phase: 'Succeeded'}};
		expect(describePod(pod)).toContain('Status:           Succeeded');
	});

	it('lists readiness gates with the status of their condition, <none> when there is none', () => {
		const pod = variant(
			{readinessGates: [{conditionType: 'example.com/lb'}, {conditionType: 'example.com/missing'}]},
			{conditions: [...POD.status.conditions, {type: 'example.com/lb', status: 'False'}]},
		);
		const lines = describePod(pod);
		const at = lines.indexOf('Readiness Gates:');
		expect(lines.slice(at, at + 4)).toEqual([
			'Readiness Gates:',
			'  Type                  Status',
			'  example.com/lb        False ',
			'  example.com/missing   <none> ',
		]);
	});

	it('prints a pending pod with no node, no IP and no statuses', () => {
		const pod = {
			kind: 'Pod',
			metadata: {name: 'big', namespace: 'batch'},
			spec: {containers: [{name: 'c', image: 'busybox', resources: {requests: {cpu: '64'}}}]},
			status: {
				phase: 'Pending',
				conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable'}],
				qosClass: 'Burstable',
			},
		};
		expect(describePod(pod).slice(0, 8)).toEqual([
			'Name:         big',
			'Namespace:    batch',
			'Node:         <none>',
			'Labels:       <none>',
			'Annotations:  <none>',
			'Status:       Pending',
			'IP:           ',
			'IPs:          <none>',
		]);
	});

	it('shows a waiting container with its reason, and Waiting when a status has no state', () => {
		const pod = variant(
			{},
			{
				containerStatuses: [
					{name: 'api', ready: false, restartCount: 0, state: {waiting: {reason: 'ImagePullBackOff', message: 'Back-off pulling image'}}},
				],
				initContainerStatuses: [{name: 'migrate', ready: false, restartCount: 0, state: {}}],
			},
		);
		const lines = describePod(pod);
		expect(lines).toContain('    State:          Waiting');
		expect(lines).toContain('      Reason:       ImagePullBackOff');
		expect(lines.filter((l) => l.startsWith('    State:'))).toEqual(['    State:          Waiting', '    State:          Waiting']);
	});

	it('computes the QoS class when the API did not record one', () => {
		const guaranteed = {
			kind: 'Pod',
			metadata: {name: 'g'},
			spec: {containers: [{name: 'c', resources: {limits: {cpu: '1', memory: '1Gi'}, requests: {cpu: '1', memory: '1Gi'}}}]},
			status: {},
		};
		const qos = (pod: Record<string, unknown>) => describePod(pod).find((l) => l.startsWith('QoS Class:'));
		expect(qos(guaranteed)).toMatch(/^QoS Class:\s+Guaranteed$/);
		const bestEffort = {kind: 'Pod', metadata: {name: 'b'}, spec: {containers: [{name: 'c'}]}, status: {}};
		expect(qos(bestEffort)).toMatch(/^QoS Class:\s+BestEffort$/);
	});

	it('adds pod-level resources, ephemeral containers, a nominated node and topology spread constraints', () => {
		const pod = variant(
			{
				resources: {limits: {cpu: '2'}},
				ephemeralContainers: [{name: 'debugger', image: 'busybox', targetContainerName: 'api'}],
				topologySpreadConstraints: [
					{maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule'},
					{
						maxSkew: 1,
						topologyKey: 'host',
						whenUnsatisfiable: 'ScheduleAnyway',
						labelSelector: {matchExpressions: [{key: 'app', operator: 'In', values: ['b', 'a']}]},
					},
				],
			},
			{nominatedNodeName: 'node-2'},
		);
		const lines = describePod(pod);
		expect(lines).toContain('NominatedNodeName:  node-2');
		expect(lines.slice(lines.indexOf('Resources:'), lines.indexOf('Resources:') + 3)).toEqual(['Resources:', '  Limits:', '    cpu:  2']);
		expect(lines).toContain('Ephemeral Containers:');
		expect(lines).toContain('  debugger:');
		const at = lines.findIndex((l) => l.startsWith('Topology Spread Constraints:'));
		expect(lines.slice(at, at + 2)).toEqual([
			'Topology Spread Constraints:  host:ScheduleAnyway when max skew 1 is exceeded for selector app in (a,b)',
			'                              zone:DoNotSchedule when max skew 2 is exceeded',
		]);
	});

	it('writes probes of every kind as kubectl does', () => {
		const probe = {timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3};
		const pod = withContainer({
			livenessProbe: {...probe, exec: {command: ['sh', '-c', 'test -f /ok']}},
			readinessProbe: {...probe, tcpSocket: {port: 'http'}},
			startupProbe: {...probe, httpGet: {port: 8080, path: 'ready?full=1', host: 'fd00::1', scheme: 'HTTP'}},
		});
		const lines = describePod(pod);
		expect(lines).toContain('    Liveness:       exec [sh -c test -f /ok] delay=0s timeout=1s period=10s #success=1 #failure=3');
		expect(lines).toContain('    Readiness:      tcp-socket :http delay=0s timeout=1s period=10s #success=1 #failure=3');
		expect(lines).toContain(
			'    Startup:        http-get http://[fd00::1]:8080/ready%3Ffull=1 delay=0s timeout=1s period=10s #success=1 #failure=3',
		);
	});

	it('writes env sources, multi-line values and several ports', () => {
		const pod = withContainer({
			ports: [
				{containerPort: 80, protocol: 'TCP'},
				{containerPort: 53, protocol: 'UDP', hostPort: 53, name: 'dns'},
			],
			envFrom: [{configMapRef: {name: 'cfg'}}, {secretRef: {name: 'sec', optional: true}, prefix: 'S_'}],
			env: [
				{name: 'PEM', value: 'line1\nline2'},
				{name: 'PASSWORD', valueFrom: {secretKeyRef: {name: 'db', key: 'password'}}},
				{name: 'MODE', valueFrom: {configMapKeyRef: {name: 'cfg', key: 'mode', optional: true}}},
			],
		});
		const lines = describePod(pod);
		const from = lines.indexOf('    Ports:          80/TCP, 53/UDP (dns)');
		expect(from).toBeGreaterThan(0);
		expect(lines[from + 1]).toBe('    Host Ports:     0/TCP, 53/UDP (dns)');
		const env = lines.indexOf('    Environment Variables from:');
		expect(lines.slice(env, env + 8)).toEqual([
			'    Environment Variables from:',
			'      cfg  ConfigMap                Optional: false',
			"      sec  Secret with prefix 'S_'  Optional: true",
			'    Environment:',
			'      PEM:       line1',
			'                 line2',
			"      PASSWORD:  <set to the key 'password' in secret 'db'>   Optional: false",
			"      MODE:      <set to the key 'mode' of config map 'cfg'>  Optional: true",
		]);
	});
});
