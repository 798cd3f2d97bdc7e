import {describe, expect, it} from 'vitest';
import {printers} from '../../../src/sim/printers/index.js';
import type {KubeObject} from '../../../src/sim/types.js';
import {DAY, HOUR, MINUTE, NOW, ago, byColumn, header, kube} from './fixtures.js';

const printer = printers.get('Pod')!;

const running = (since = ago(2 * DAY)) => ({running: {startedAt: since}});
const waiting = (reason: string) => ({waiting: {reason, message: `${reason} message`}});
const terminated = (exitCode: number, reason?: string, extra: object = {}) => ({
	terminated: {exitCode, ...(reason ? {reason} : {}), startedAt: ago(HOUR), finishedAt: ago(30 * MINUTE), ...extra},
});
const lastTerminated = (finishedAt: string) => ({terminated: {exitCode: 1, reason: 'Error', startedAt: ago(2 * HOUR), finishedAt}});
const cs = (name: string, state: object, extra: object = {}) => ({
	name,
	image: `${name}:1`,
	ready: false,
	restartCount: 0,
	started: false,
	state,
	...extra,
});
const readyCond = (status: 'True' | 'False') => ({type: 'Ready', status});

function pod(parts: {
	containers?: string[];
	initContainers?: {name: string; restartPolicy?: string}[];
	phase?: string;
	reason?: string;
	deletionTimestamp?: string;
	conditions?: object[];
	initContainerStatuses?: object[];
	containerStatuses?: object[];
	nodeName?: string;
	podIP?: string;
	podIPs?: {ip: string}[];
	nominatedNodeName?: string;
	readinessGates?: string[];
}): KubeObject {
	return kube('v1', 'Pod', 'web-7d9c8b6f5d-x2x4k', {
		metadata: {
			creationTimestamp: ago(2 * DAY + 3 * HOUR),
			...(parts.deletionTimestamp ? {deletionTimestamp: parts.deletionTimestamp} : {}),
		},
		spec: {
			containers: (parts.containers ?? ['web']).map((name) => ({name, image: `${name}:1`})),
			...(parts.initContainers ? {initContainers: parts.initContainers.map((c) => ({image: 'init:1', ...c}))} : {}),
			...(parts.nodeName ? {nodeName: parts.nodeName} : {}),
			...(parts.readinessGates ? {readinessGates: parts.readinessGates.map((conditionType) => ({conditionType}))} : {}),
		},
		status: {
			phase: parts.phase ?? 'Running',
			...(parts.reason ? {reason: parts.reason} : {}),
			...(parts.conditions ? {conditions: parts.conditions} : {}),
			...(parts.initContainerStatuses ? {initContainerStatuses: parts.initContainerStatuses} : {}),
			...(parts.containerStatuses ? {containerStatuses: parts.containerStatuses} : {}),
			...(parts.podIP ? {podIP: parts.podIP} : {}),
			...(parts.podIPs ? {podIPs: parts.podIPs} : {}),
			...(parts.nominatedNodeName ? {nominatedNodeName: parts.nominatedNodeName} : {}),
		},
	});
}

describe('Pod printer', () => {
	it('has the columns of a current API server', () => {
		expect(header(printer)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*']);
		expect(printer.columns[0]).toMatchObject({name: 'Name', type: 'string', format: 'name', priority: 0});
		expect(printer.columns.map((c) => c.type)).toEqual(Array(9).fill('string'));
	});

	it('prints a running pod, wide cells included', () => {
		const p = pod({
			nodeName: 'node-a',
			podIPs: [{ip: '10.244.1.7'}, {ip: 'fd00::7'}],
			podIP: '10.244.1.7',
			conditions: [readyCond('True')],
			containerStatuses: [cs('web', running(), {ready: true, started: true})],
		});
		expect(printer.cells(p, NOW)).toEqual([
			'web-7d9c8b6f5d-x2x4k',
			'1/1',
			'Running',
			'0',
			'2d3h',
			'10.244.1.7',
			'node-a',
			'<none>',
			'<none>',
		]);
	});

	type Case = {name: string; pod: KubeObject; ready: string; status: string; restarts: string};
	const cases: Case[] = [
		{
			name: 'crash loop with the time of the last restart',
			pod: pod({
				containerStatuses: [cs('web', waiting('CrashLoopBackOff'), {restartCount: 5, lastState: lastTerminated(ago(3 * MINUTE + 12))})],
			}),
			ready: '0/1',
			status: 'CrashLoopBackOff',
			restarts: '5 (3m12s ago)',
		},
		{
			name: 'restarts without a recorded finish print the bare count',
			pod: pod({containerStatuses: [cs('web', running(), {ready: true, restartCount: 3})]}),
			ready: '1/1',
			status: 'Running',
			restarts: '3',
		},
		{
			name: 'image pull back-off',
			pod: pod({phase: 'Pending', containerStatuses: [cs('web', waiting('ImagePullBackOff'))]}),
			ready: '0/1',
			status: 'ImagePullBackOff',
			restarts: '0',
		},
		{
			name: 'pending, not yet scheduled',
			pod: pod({phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable'}]}),
			ready: '0/1',
			status: 'Pending',
			restarts: '0',
		},
		{
			name: 'scheduling gated',
			pod: pod({phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'SchedulingGated'}]}),
			ready: '0/1',
			status: 'SchedulingGated',
			restarts: '0',
		},
		{
			name: 'OOM killed',
			pod: pod({phase: 'Failed', containerStatuses: [cs('web', terminated(137, 'OOMKilled'))]}),
			ready: '0/1',
			status: 'OOMKilled',
			restarts: '0',
		},
		{
			name: 'terminated by a signal, no reason',
			pod: pod({phase: 'Failed', containerStatuses: [cs('web', {terminated: {exitCode: 0, signal: 9}})]}),
			ready: '0/1',
			status: 'Signal:9',
			restarts: '0',
		},
		{
			name: 'exit code without a reason',
			pod: pod({phase: 'Failed', containerStatuses: [cs('web', {terminated: {exitCode: 2}})]}),
			ready: '0/1',
			status: 'ExitCode:2',
			restarts: '0',
		},
		{
			name: 'completed',
			pod: pod({phase: 'Succeeded', containerStatuses: [cs('job', terminated(0, 'Completed'))]}),
			ready: '0/1',
			status: 'Completed',
			restarts: '0',
		},
		{name: 'evicted (status.reason)', pod: pod({phase: 'Failed', reason: 'Evicted'}), ready: '0/1', status: 'Evicted', restarts: '0'},
		{
			name: 'terminating',
			pod: pod({deletionTimestamp: ago(10), conditions: [readyCond('True')], containerStatuses: [cs('web', running(), {ready: true})]}),
			ready: '1/1',
			status: 'Terminating',
			restarts: '0',
		},
		{
			name: 'a finished pod being deleted keeps its status',
			pod: pod({phase: 'Succeeded', deletionTimestamp: ago(10), containerStatuses: [cs('job', terminated(0, 'Completed'))]}),
			ready: '0/1',
			status: 'Completed',
			restarts: '0',
		},
		{
			name: 'node lost',
			pod: pod({reason: 'NodeLost', deletionTimestamp: ago(10), containerStatuses: [cs('web', running(), {ready: true})]}),
			ready: '1/1',
			status: 'Unknown',
			restarts: '0',
		},
		{
			name: 'init container running',
			pod: pod({
				phase: 'Pending',
				initContainers: [{name: 'migrate'}, {name: 'warm'}],
				initContainerStatuses: [cs('migrate', running()), cs('warm', waiting('PodInitializing'))],
				containerStatuses: [cs('web', waiting('PodInitializing'))],
			}),
			ready: '0/1',
			status: 'Init:0/2',
			restarts: '0',
		},
		{
			name: 'init container crash loop',
			pod: pod({
				phase: 'Pending',
				initContainers: [{name: 'migrate'}],
				initContainerStatuses: [cs('migrate', waiting('CrashLoopBackOff'), {restartCount: 4, lastState: lastTerminated(ago(45))})],
				containerStatuses: [cs('web', waiting('PodInitializing'))],
			}),
			ready: '0/1',
			status: 'Init:CrashLoopBackOff',
			restarts: '4 (45s ago)',
		},
		{
			name: 'init container failed',
			pod: pod({phase: 'Failed', initContainers: [{name: 'migrate'}], initContainerStatuses: [cs('migrate', terminated(1, 'Error'))]}),
			ready: '0/1',
			status: 'Init:Error',
			restarts: '0',
		},
		{
			name: 'a sidecar counts once started and ready',
			pod: pod({
				initContainers: [{name: 'proxy', restartPolicy: 'Always'}],
				conditions: [{type: 'Initialized', status: 'True'}, readyCond('True')],
				initContainerStatuses: [
					cs('proxy', running(), {ready: true, started: true, restartCount: 1, lastState: lastTerminated(ago(2 * HOUR))}),
				],
				containerStatuses: [cs('web', running(), {ready: true, started: true})],
			}),
			ready: '2/2',
			status: 'Running',
			restarts: '1 (120m ago)',
		},
		{
			name: 'a failed container outranks a completed one (v1.35)',
			pod: pod({
				phase: 'Failed',
				containers: ['a', 'b'],
				containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', terminated(1, 'Error'))],
			}),
			ready: '0/2',
			status: 'Error',
			restarts: '0',
		},
		{
			name: 'completed beside a running container in a ready pod is Running',
			pod: pod({
				containers: ['a', 'b'],
				conditions: [readyCond('True')],
				containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running(), {ready: true})],
			}),
			ready: '1/2',
			status: 'Running',
			restarts: '0',
		},
		{
			name: 'completed beside a running container in an unready pod is NotReady',
			pod: pod({
				containers: ['a', 'b'],
				conditions: [readyCond('False')],
				containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running(), {ready: true})],
			}),
			ready: '1/2',
			status: 'NotReady',
			restarts: '0',
		},
		{
			name: 'completed, failed and running in an unready pod shows the failure',
			pod: pod({
				containers: ['a', 'b', 'c'],
				conditions: [readyCond('False')],
				containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', {terminated: {exitCode: 2}}), cs('c', running(), {ready: true})],
			}),
			ready: '1/3',
			status: 'ExitCode:2',
			restarts: '0',
		},
	];

	it.each(cases)('$name', ({pod: p, ready, status, restarts}) => {
		expect(byColumn(printer, p)).toMatchObject({Ready: ready, Status: status, Restarts: restarts, Age: '2d3h'});
	});

	it('falls back to status.podIP, and prints nominated node and readiness gates', () => {
		const p = pod({
			phase: 'Pending',
			podIP: '10.244.2.9',
			nominatedNodeName: 'node-b',
			readinessGates: ['example.com/lb-ready', 'example.com/dns-ready'],
			conditions: [
				{type: 'example.com/lb-ready', status: 'True'},
				{type: 'example.com/dns-ready', status: 'False'},
			],
		});
		expect(byColumn(printer, p)).toMatchObject({IP: '10.244.2.9', Node: '<none>', 'Nominated Node': 'node-b', 'Readiness Gates': '1/2'});
	});
});
