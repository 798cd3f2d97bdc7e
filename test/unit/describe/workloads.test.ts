import {describe, expect, it} from 'vitest';
import {describeLines, type DescribeRelated} from '../../../src/model/describe.js';
import {DEPLOYMENT, NOW, REPLICA_SETS, UTC, ago} from './fixtures.js';

const run = (object: Record<string, unknown>, related: DescribeRelated = {}) => describeLines(object, [], NOW, false, related, UTC);
const line = (lines: string[], start: string) => lines.find((l) => l.startsWith(start));

describe('describe deployment', () => {
	it('prints a deployment mid-rollout with its new and old replica sets', () => {
		const events = [
			{
				type: 'Normal',
				reason: 'ScalingReplicaSet',
				message: 'Scaled up replica set web-new from 1 to 2',
				source: {component: 'deployment-controller'},
				firstTimestamp: ago(60),
				lastTimestamp: ago(60),
				count: 1,
			},
		];
		expect(describeLines(DEPLOYMENT, events, NOW, false, {replicaSets: REPLICA_SETS}, UTC)).toEqual([
			'Name:                   web',
			'Namespace:              shop',
			'CreationTimestamp:      Sat, 31 Oct 2026 12:00:00 +0000',
			'Labels:                 app=web',
			'Annotations:            deployment.kubernetes.io/revision: 2',
			'Selector:               app=web',
			'Replicas:               3 desired | 2 updated | 4 total | 3 available | 1 unavailable',
			'StrategyType:           RollingUpdate',
			'MinReadySeconds:        5',
			'RollingUpdateStrategy:  25% max unavailable, 1 max surge',
			'Pod Template:',
			'  Labels:  app=web',
			'  Containers:',
			'   web:',
			'    Image:         nginx:1.27',
			'    Port:          80/TCP',
			'    Host Port:     0/TCP',
			'    Environment:   <none>',
			'    Mounts:        <none>',
			'  Volumes:         <none>',
			'  Node-Selectors:  <none>',
			'  Tolerations:     <none>',
			'Conditions:',
			'  Type           Status  Reason',
			'  ----           ------  ------',
			'  Available      True    MinimumReplicasAvailable',
			'  Progressing    True    ReplicaSetUpdated',
			'OldReplicaSets:  web-older (0/0 replicas created), web-old (2/2 replicas created)',
			'NewReplicaSet:   web-new (2/2 replicas created)',
			'Events:',
			'  Type    Reason             Age   From                   Message',
			'  ----    ------             ----  ----                   -------',
			'  Normal  ScalingReplicaSet  60s   deployment-controller  Scaled up replica set web-new from 1 to 2',
		]);
	});

	it('leaves out the replica set lines when none were given, or none are its own', () => {
		expect(line(run(DEPLOYMENT), 'OldReplicaSets:')).toBeUndefined();
		expect(line(run(DEPLOYMENT, {replicaSets: REPLICA_SETS.slice(3)}), 'NewReplicaSet:')).toBeUndefined();
	});

	it('has no new replica set while none matches the template', () => {
		const lines = run(DEPLOYMENT, {replicaSets: REPLICA_SETS.slice(1)});
		expect(line(lines, 'NewReplicaSet:')).toBe('NewReplicaSet:   <none>');
	});

	it('writes a Recreate strategy without the rolling-update line, and an expression selector', () => {
		const d = {
			...DEPLOYMENT,
			spec: {
				...DEPLOYMENT.spec,
				strategy: {type: 'Recreate'},
				selector: {
					matchLabels: {app: 'web'},
					matchExpressions: [
						{key: 'track', operator: 'NotIn', values: ['canary']},
						{key: 'legacy', operator: 'DoesNotExist'},
					],
				},
			},
		};
		const lines = run(d);
		expect(line(lines, 'RollingUpdateStrategy:')).toBeUndefined();
		expect(line(lines, 'Selector:')).toMatch(/^Selector:\s+app=web,!legacy,track notin \(canary\)$/);
	});
});

const pods = (owner: string, phases: string[]) =>
	phases.map((phase, i) => ({
		kind: 'Pod',
		metadata: {name: `p${i}`, ownerReferences: [{kind: 'X', name: 'x', uid: owner, controller: true}]},
		status: {phase},
	}));

describe('describe replica set, stateful set and daemon set', () => {
	const rs = REPLICA_SETS[0] ?? {};

	it('counts the pods a replica set controls by phase', () => {
		const lines = run(rs, {pods: [...pods('web-new-uid', ['Running', 'Running', 'Pending', 'Failed']), ...pods('other', ['Running'])]});
		expect(line(lines, 'Controlled By:')).toBe('Controlled By:  Deployment/web');
		expect(line(lines, 'Replicas:')).toBe('Replicas:       2 current / 2 desired');
		expect(line(lines, 'Pods Status:')).toBe('Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 1 Failed');
		expect(line(lines, 'Selector:')).toBe('Selector:       app=web,pod-template-hash=n3w');
	});

	it('leaves Pods Status out when the pods were not given', () => {
		expect(line(run(rs), 'Pods Status:')).toBeUndefined();
	});

	it('prints a stateful set with its update strategy and claim templates', () => {
		const sts = {
			kind: 'StatefulSet',
			metadata: {name: 'db', namespace: 'shop', uid: 'sts', creationTimestamp: ago(60)},
			spec: {
				replicas: 3,
				selector: {matchLabels: {app: 'db'}},
				updateStrategy: {type: 'RollingUpdate', rollingUpdate: {partition: 1, maxUnavailable: '50%'}},
				template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'db', image: 'postgres:16'}]}},
				volumeClaimTemplates: [
					{
						metadata: {name: 'data', annotations: {'volume.beta.kubernetes.io/storage-class': 'legacy'}},
						spec: {accessModes: ['ReadWriteOnce'], storageClassName: 'fast'},
					},
				],
			},
			status: {replicas: 2},
		};
		const lines = run(sts, {pods: pods('sts', ['Running', 'Running'])});
		expect(lines.slice(0, 12)).toEqual([
			'Name:               db',
			'Namespace:          shop',
			'CreationTimestamp:  Sun, 01 Nov 2026 11:59:00 +0000',
			'Selector:           app=db',
			'Labels:             <none>',
			'Annotations:        <none>',
			'Replicas:           3 desired | 2 total',
			'Update Strategy:    RollingUpdate',
			'  Partition:        1',
			'  MaxUnavailable:   50%',
			'Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
			'Pod Template:',
		]);
		const claims = lines.indexOf('Volume Claims:');
		expect(lines.slice(claims, claims + 7)).toEqual([
			'Volume Claims:',
			'  Name:          data',
			'  StorageClass:  legacy',
			'  Labels:        <none>',
			'  Annotations:   volume.beta.kubernetes.io/storage-class=legacy',
			'  Capacity:      <default>',
			'  Access Modes:  [ReadWriteOnce]',
		]);
	});

	it('prints a daemon set with its node selector and counts on lines kubectl does not align', () => {
		const ds = {
			kind: 'DaemonSet',
			metadata: {name: 'agent', namespace: 'kube-system', uid: 'ds'},
			spec: {
				selector: {matchLabels: {app: 'agent'}},
				template: {metadata: {labels: {app: 'agent'}}, spec: {nodeSelector: {role: 'edge', os: 'linux'}, containers: []}},
			},
			status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 3, numberMisscheduled: 0},
		};
		expect(run(ds, {pods: pods('ds', ['Running'])}).slice(0, 13)).toEqual([
			'Name:           agent',
			'Namespace:      kube-system',
			'Selector:       app=agent',
			'Node-Selector:  os=linux,role=edge',
			'Labels:         <none>',
			'Annotations:    <none>',
			'Desired Number of Nodes Scheduled: 3',
			'Current Number of Nodes Scheduled: 3',
			'Number of Nodes Scheduled with Up-to-date Pods: 2',
			'Number of Nodes Scheduled with Available Pods: 3',
			'Number of Nodes Misscheduled: 0',
			'Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
			'Pod Template:',
		]);
	});
});

describe('describe job and cron job', () => {
	const job = {
		kind: 'Job',
		metadata: {name: 'backup-1', namespace: 'ops', ownerReferences: [{kind: 'CronJob', name: 'backup', uid: 'cj', controller: true}]},
		spec: {
			selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'j'}},
			parallelism: 2,
			completions: 5,
			completionMode: 'Indexed',
			suspend: false,
			backoffLimit: 6,
			template: {metadata: {labels: {job: 'backup'}}, spec: {containers: [{name: 'c', image: 'busybox'}]}},
		},
		status: {startTime: ago(130), completionTime: ago(10), succeeded: 5, ready: 0, active: 0, completedIndexes: '0-4'},
	};

	it('prints a finished indexed job with its duration and completed indexes', () => {
		expect(run(job).slice(0, 16)).toEqual([
			'Name:               backup-1',
			'Namespace:          ops',
			'Selector:           batch.kubernetes.io/controller-uid=j',
			'Labels:             <none>',
			'Annotations:        <none>',
			'Controlled By:      CronJob/backup',
			'Parallelism:        2',
			'Completions:        5',
			'Completion Mode:    Indexed',
			'Suspend:            false',
			'Backoff Limit:      6',
			'Start Time:         Sun, 01 Nov 2026 11:57:50 +0000',
			'Completed At:       Sun, 01 Nov 2026 11:59:50 +0000',
			'Duration:           2m',
			'Pods Statuses:      0 Active (0 Ready) / 5 Succeeded / 0 Failed',
			'Completed Indexes:  0-4',
		]);
	});

	it('cuts a long list of completed indexes after the comma past 50 characters', () => {
		const indexes = Array.from({length: 40}, (_, i) => String(i * 2)).join(',');
		const lines = run({...job, status: {...job.status, completedIndexes: indexes}});
		expect(line(lines, 'Completed Indexes:')).toBe(`Completed Indexes:  ${indexes.slice(0, indexes.indexOf(',', 50) + 1)}...`);
	});

	it('writes Completions <unset> and Pods Statuses without Ready when the API gave none', () => {
		const lines = run({kind: 'Job', metadata: {name: 'j'}, spec: {}, status: {active: 1}});
		expect(line(lines, 'Completions:')).toMatch(/^Completions:\s+<unset>$/);
		expect(line(lines, 'Pods Statuses:')).toMatch(/^Pods Statuses:\s+1 Active \/ 0 Succeeded \/ 0 Failed$/);
	});

	it('prints a cron job with <unset> for what it leaves to defaults, and its active jobs', () => {
		const cronJob = {
			kind: 'CronJob',
			metadata: {name: 'backup', namespace: 'ops'},
			spec: {
				schedule: '0 3 * * *',
				concurrencyPolicy: 'Forbid',
				jobTemplate: {spec: {template: {spec: {containers: [{name: 'c', image: 'busybox'}]}}}},
			},
			status: {lastScheduleTime: ago(3600), active: [{name: 'backup-1'}, {name: 'backup-2'}]},
		};
		const lines = run(cronJob);
		expect(lines.slice(0, 13)).toEqual([
			'Name:                          backup',
			'Namespace:                     ops',
			'Labels:                        <none>',
			'Annotations:                   <none>',
			'Schedule:                      0 3 * * *',
			'Concurrency Policy:            Forbid',
			'Suspend:                       <unset>',
			'Successful Job History Limit:  <unset>',
			'Failed Job History Limit:      <unset>',
			'Starting Deadline Seconds:     <unset>',
			'Selector:                      <unset>',
			'Parallelism:                   <unset>',
			'Completions:                   <unset>',
		]);
		expect(line(lines, 'Last Schedule Time:')).toBe('Last Schedule Time:  Sun, 01 Nov 2026 11:00:00 +0000');
		expect(line(lines, 'Active Jobs:')).toBe('Active Jobs:         backup-1, backup-2');
	});
});
