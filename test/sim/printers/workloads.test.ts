import {describe, expect, it} from 'vitest';
import {printers} from '../../../src/sim/printers/index.js';
import {DAY, HOUR, MINUTE, NOW, ago, byColumn, header, kube} from './fixtures.js';

const template = (containers: [string, string][], extra: object = {}) => ({
	metadata: {labels: {app: 'web'}},
	spec: {containers: containers.map(([name, image]) => ({name, image})), ...extra},
});

describe('Deployment printer', () => {
	const printer = printers.get('Deployment')!;

	it('has the columns of a current API server', () => {
		expect(header(printer)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*']);
	});

	it('prints ready/desired as a string and the counts as integers', () => {
		const d = kube('apps/v1', 'Deployment', 'web', {
			spec: {
				replicas: 3,
				selector: {matchLabels: {tier: 'front', app: 'web'}},
				template: template([
					['web', 'nginx:1.27'],
					['log', 'fluent-bit:3'],
				]),
			},
			status: {replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 1},
		});
		expect(printer.cells(d, NOW)).toEqual(['web', '2/3', 2, 1, '5d', 'web,log', 'nginx:1.27,fluent-bit:3', 'app=web,tier=front']);
	});

	it('prints a fresh deployment with no status and the defaulted replica count', () => {
		const d = kube('apps/v1', 'Deployment', 'api', {
			metadata: {creationTimestamp: ago(42)},
			spec: {selector: {matchExpressions: [{key: 'app', operator: 'In', values: ['b', 'a']}]}, template: template([['api', 'api:2']])},
		});
		expect(byColumn(printer, d)).toEqual({
			Name: 'api',
			Ready: '0/1',
			'Up-to-date': 0,
			Available: 0,
			Age: '42s',
			Containers: 'api',
			Images: 'api:2',
			Selector: 'app in (a,b)',
		});
	});

	it('prints scaled to zero', () => {
		const d = kube('apps/v1', 'Deployment', 'idle', {
			spec: {replicas: 0, selector: {matchLabels: {app: 'idle'}}, template: template([['idle', 'idle:1']])},
			status: {},
		});
		expect(byColumn(printer, d)).toMatchObject({Ready: '0/0', 'Up-to-date': 0, Available: 0});
	});
});

describe('ReplicaSet printer', () => {
	const printer = printers.get('ReplicaSet')!;

	it('prints desired, current and ready as integers', () => {
		expect(header(printer)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*']);
		expect(printer.columns.slice(1, 4).map((c) => c.type)).toEqual(['integer', 'integer', 'integer']);
		const rs = kube('apps/v1', 'ReplicaSet', 'web-7d9c8b6f5d', {
			metadata: {creationTimestamp: ago(9 * HOUR)},
			spec: {
				replicas: 3,
				selector: {matchLabels: {app: 'web', 'pod-template-hash': '7d9c8b6f5d'}},
				template: template([['web', 'nginx:1.27']]),
			},
			status: {replicas: 3, readyReplicas: 1},
		});
		expect(printer.cells(rs, NOW)).toEqual(['web-7d9c8b6f5d', 3, 3, 1, '9h', 'web', 'nginx:1.27', 'app=web,pod-template-hash=7d9c8b6f5d']);
	});

	it('prints an old, scaled-down replica set', () => {
		const rs = kube('apps/v1', 'ReplicaSet', 'web-5c4b', {
			spec: {replicas: 0, selector: {}, template: template([['web', 'nginx:1.25']])},
			status: {replicas: 0},
		});
		expect(byColumn(printer, rs)).toMatchObject({Desired: 0, Current: 0, Ready: 0, Selector: '<none>'});
	});
});

describe('StatefulSet printer', () => {
	const printer = printers.get('StatefulSet')!;

	it('prints ready/desired, no selector column', () => {
		expect(header(printer)).toEqual(['Name', 'Ready', 'Age', 'Containers*', 'Images*']);
		const sts = kube('apps/v1', 'StatefulSet', 'db', {
			metadata: {creationTimestamp: ago(400 * DAY)},
			spec: {replicas: 3, serviceName: 'db', selector: {matchLabels: {app: 'db'}}, template: template([['postgres', 'postgres:16']])},
			status: {replicas: 3, readyReplicas: 2},
		});
		expect(printer.cells(sts, NOW)).toEqual(['db', '2/3', '400d', 'postgres', 'postgres:16']);
	});
});

describe('DaemonSet printer', () => {
	const printer = printers.get('DaemonSet')!;

	it('prints the five counts as integers and the node selector', () => {
		expect(header(printer)).toEqual([
			'Name',
			'Desired',
			'Current',
			'Ready',
			'Up-to-date',
			'Available',
			'Node Selector',
			'Age',
			'Containers*',
			'Images*',
			'Selector*',
		]);
		const ds = kube('apps/v1', 'DaemonSet', 'node-exporter', {
			spec: {
				selector: {matchLabels: {app: 'node-exporter'}},
				template: template([['exporter', 'prom/node-exporter:1.8']], {nodeSelector: {'kubernetes.io/os': 'linux'}}),
			},
			status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2},
		});
		expect(printer.cells(ds, NOW)).toEqual([
			'node-exporter',
			3,
			3,
			2,
			3,
			2,
			'kubernetes.io/os=linux',
			'5d',
			'exporter',
			'prom/node-exporter:1.8',
			'app=node-exporter',
		]);
	});

	it('prints <none> without a node selector', () => {
		const ds = kube('apps/v1', 'DaemonSet', 'kube-proxy', {
			spec: {selector: {matchLabels: {k: 'p'}}, template: template([['kube-proxy', 'kube-proxy:v1.35.0']])},
		});
		expect(byColumn(printer, ds)).toMatchObject({Desired: 0, 'Node Selector': '<none>'});
	});
});

describe('Job printer', () => {
	const printer = printers.get('Job')!;
	const job = (spec: object, status: object, metadata: object = {}) =>
		kube('batch/v1', 'Job', 'backup', {
			metadata: {creationTimestamp: ago(HOUR), ...metadata},
			spec: {
				selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'c0ffee'}},
				template: template([['backup', 'restic:0.17']]),
				...spec,
			},
			status,
		});
	const cond = (type: string, status = 'True') => ({type, status, lastProbeTime: ago(MINUTE), lastTransitionTime: ago(MINUTE)});

	it('has Status, Completions and Duration (current API server)', () => {
		expect(header(printer)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*']);
	});

	it.each([
		{
			name: 'complete',
			job: job(
				{completions: 1, parallelism: 1},
				{startTime: ago(HOUR), completionTime: ago(HOUR - 75), succeeded: 1, conditions: [cond('SuccessCriteriaMet'), cond('Complete')]},
			),
			cells: {Status: 'Complete', Completions: '1/1', Duration: '75s'},
		},
		{
			name: 'running, duration until now',
			job: job({completions: 5, parallelism: 2}, {startTime: ago(7 * MINUTE + 5), active: 2, succeeded: 2}),
			cells: {Status: 'Running', Completions: '2/5', Duration: '7m5s'},
		},
		{
			name: 'failed',
			job: job(
				{completions: 1, backoffLimit: 6},
				{startTime: ago(50 * MINUTE), failed: 7, conditions: [cond('FailureTarget'), cond('Failed')]},
			),
			cells: {Status: 'Failed', Completions: '0/1', Duration: '50m'},
		},
		{
			name: 'failing (FailureTarget)',
			job: job({completions: 1}, {startTime: ago(90), conditions: [cond('FailureTarget')]}),
			cells: {Status: 'FailureTarget', Duration: '90s'},
		},
		{
			name: 'success criteria met',
			job: job({completions: 3}, {startTime: ago(90), succeeded: 3, conditions: [cond('SuccessCriteriaMet')]}),
			cells: {Status: 'SuccessCriteriaMet', Completions: '3/3'},
		},
		{
			name: 'suspended, never started',
			job: job({completions: 1, suspend: true}, {conditions: [cond('Suspended')]}),
			cells: {Status: 'Suspended', Duration: ''},
		},
		{
			name: 'terminating',
			job: job({completions: 1}, {startTime: ago(30), active: 1}, {deletionTimestamp: ago(2)}),
			cells: {Status: 'Terminating'},
		},
		{
			name: 'a false condition does not count',
			job: job({completions: 1}, {startTime: ago(30), conditions: [cond('Complete', 'False')]}),
			cells: {Status: 'Running'},
		},
		{
			name: 'work queue: completions unset, parallelism 3',
			job: job({parallelism: 3}, {startTime: ago(30), succeeded: 1}),
			cells: {Completions: '1/1 of 3'},
		},
		{name: 'completions unset, parallelism 1', job: job({parallelism: 1}, {startTime: ago(30)}), cells: {Completions: '0/1'}},
	])('$name', ({job: j, cells}) => {
		expect(byColumn(printer, j)).toMatchObject({
			Name: 'backup',
			Age: '60m',
			Containers: 'backup',
			Images: 'restic:0.17',
			Selector: 'batch.kubernetes.io/controller-uid=c0ffee',
			...cells,
		});
	});
});

describe('CronJob printer', () => {
	const printer = printers.get('CronJob')!;
	const jobTemplate = {spec: {template: template([['report', 'report:3']])}};

	it('has Timezone and prints Suspend as a string, Active as an integer', () => {
		expect(header(printer)).toEqual([
			'Name',
			'Schedule',
			'Timezone',
			'Suspend',
			'Active',
			'Last Schedule',
			'Age',
			'Containers*',
			'Images*',
			'Selector*',
		]);
		expect(printer.columns[3]).toMatchObject({name: 'Suspend', type: 'boolean'});
		const cj = kube('batch/v1', 'CronJob', 'nightly', {
			spec: {schedule: '0 2 * * *', timeZone: 'Europe/Berlin', suspend: false, concurrencyPolicy: 'Forbid', jobTemplate},
			status: {
				active: [{kind: 'Job', namespace: 'default', name: 'nightly-29500000', uid: 'u1'}],
				lastScheduleTime: ago(10 * HOUR),
				lastSuccessfulTime: ago(DAY),
			},
		});
		expect(printer.cells(cj, NOW)).toEqual([
			'nightly',
			'0 2 * * *',
			'Europe/Berlin',
			'False',
			1,
			'10h',
			'5d',
			'report',
			'report:3',
			'<none>',
		]);
	});

	it('prints a suspended cron job that was never scheduled', () => {
		const cj = kube('batch/v1', 'CronJob', 'quarterly', {
			metadata: {creationTimestamp: ago(3 * MINUTE)},
			spec: {schedule: '@monthly', suspend: true, jobTemplate},
			status: {},
		});
		expect(byColumn(printer, cj)).toMatchObject({Timezone: '<none>', Suspend: 'True', Active: 0, 'Last Schedule': '<none>', Age: '3m'});
	});

	it('prints the defaulted suspend when the object lacks it', () => {
		const cj = kube('batch/v1', 'CronJob', 'hourly', {spec: {schedule: '0 * * * *', jobTemplate}});
		expect(byColumn(printer, cj)).toMatchObject({Suspend: 'False', Active: 0, 'Last Schedule': '<none>'});
	});
});
