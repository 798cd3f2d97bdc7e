import {describe, expect, it} from 'vitest';
import {summarizePod, type PodSummary} from '../../src/model/podStatus.js';

// Pods are plain JSON, shaped as the API server sends them.
const T1 = '2026-10-31T10:00:00Z';
const T2 = '2026-10-31T11:30:00Z';
const T3 = '2026-10-31T09:00:00Z';

const running = {running: {startedAt: T1}};
const waiting = (reason: string) => ({waiting: {reason, message: 'x'}});
const terminated = (t: {exitCode?: number; signal?: number; reason?: string}) => ({terminated: {finishedAt: T1, ...t}});
const lastFinished = (finishedAt: string) => ({terminated: {exitCode: 1, reason: 'Error', finishedAt}});

function pod(parts: {
	containers?: number;
	initContainers?: {name: string; restartPolicy?: string}[];
	phase?: string;
	reason?: string;
	deletionTimestamp?: string;
	conditions?: {type: string; status: string; reason?: string}[];
	initContainerStatuses?: object[];
	containerStatuses?: object[];
}) {
	return {
		metadata: {name: 'p', namespace: 'ns', ...(parts.deletionTimestamp ? {deletionTimestamp: parts.deletionTimestamp} : {})},
		spec: {
			containers: Array.from({length: parts.containers ?? 1}, (_, i) => ({name: `c${i}`, image: 'img'})),
			...(parts.initContainers ? {initContainers: parts.initContainers.map((c) => ({image: 'img', ...c}))} : {}),
		},
		status: {
			...(parts.phase ? {phase: parts.phase} : {}),
			...(parts.reason ? {reason: parts.reason} : {}),
			...(parts.conditions ? {conditions: parts.conditions} : {}),
			...(parts.initContainerStatuses ? {initContainerStatuses: parts.initContainerStatuses} : {}),
			...(parts.containerStatuses ? {containerStatuses: parts.containerStatuses} : {}),
		},
	};
}

const readyTrue = {type: 'Ready', status: 'True'};
const readyFalse = {type: 'Ready', status: 'False'};
const initializedTrue = {type: 'Initialized', status: 'True'};
const initializedFalse = {type: 'Initialized', status: 'False'};

type Want = Partial<PodSummary>;

describe('summarizePod matches kubectl printPod', () => {
	it.each<[string, ReturnType<typeof pod>, Want]>([
		[
			'all containers running and ready',
			pod({
				containers: 2,
				phase: 'Running',
				conditions: [readyTrue],
				containerStatuses: [
					{name: 'c0', ready: true, restartCount: 0, state: running},
					{name: 'c1', ready: true, restartCount: 0, state: running},
				],
			}),
			{ready: 2, total: 2, status: 'Running', restarts: 0, lastRestart: undefined},
		],
		[
			'running but one container not ready',
			pod({
				containers: 2,
				phase: 'Running',
				containerStatuses: [
					{name: 'c0', ready: true, state: running},
					{name: 'c1', ready: false, state: running},
				],
			}),
			{ready: 1, total: 2, status: 'Running'},
		],
		[
			'a ready flag without a running state does not count',
			pod({phase: 'Running', containerStatuses: [{name: 'c0', ready: true, state: {}}]}),
			{ready: 0, total: 1, status: 'Running'},
		],
		[
			'completed job pod',
			pod({
				phase: 'Succeeded',
				containerStatuses: [{name: 'c0', ready: false, state: terminated({exitCode: 0, reason: 'Completed'})}],
			}),
			{ready: 0, total: 1, status: 'Completed', restarts: 0},
		],
		[
			'crash loop shows restarts and when the last one finished',
			pod({
				phase: 'Running',
				containerStatuses: [{name: 'c0', ready: false, restartCount: 5, state: waiting('CrashLoopBackOff'), lastState: lastFinished(T2)}],
			}),
			{ready: 0, total: 1, status: 'CrashLoopBackOff', restarts: 5, lastRestart: Date.parse(T2)},
		],
		[
			'image pull back-off while pending',
			pod({phase: 'Pending', containerStatuses: [{name: 'c0', ready: false, state: waiting('ImagePullBackOff')}]}),
			{ready: 0, total: 1, status: 'ImagePullBackOff'},
		],
		[
			'image pull error',
			pod({phase: 'Pending', containerStatuses: [{name: 'c0', ready: false, state: waiting('ErrImagePull')}]}),
			{status: 'ErrImagePull'},
		],
		[
			'container creating',
			pod({phase: 'Pending', containerStatuses: [{name: 'c0', ready: false, state: waiting('ContainerCreating')}]}),
			{status: 'ContainerCreating'},
		],
		[
			'terminated with a reason shows the reason (OOMKilled)',
			pod({
				phase: 'Running',
				containerStatuses: [{name: 'c0', ready: false, restartCount: 1, state: terminated({exitCode: 137, reason: 'OOMKilled'})}],
			}),
			{status: 'OOMKilled', restarts: 1},
		],
		[
			'terminated without a reason shows the exit code',
			pod({phase: 'Failed', containerStatuses: [{name: 'c0', state: terminated({exitCode: 2})}]}),
			{status: 'ExitCode:2'},
		],
		[
			'terminated by a signal without a reason shows the signal',
			pod({phase: 'Failed', containerStatuses: [{name: 'c0', state: terminated({exitCode: 137, signal: 9})}]}),
			{status: 'Signal:9'},
		],
		[
			'terminated with exit code 0 and no reason',
			pod({phase: 'Succeeded', containerStatuses: [{name: 'c0', state: terminated({exitCode: 0})}]}),
			{status: 'ExitCode:0'},
		],
		[
			'the first container with a reason wins (statuses are walked from the last)',
			pod({
				containers: 2,
				phase: 'Running',
				containerStatuses: [
					{name: 'c0', state: waiting('CrashLoopBackOff')},
					{name: 'c1', state: waiting('ImagePullBackOff')},
				],
			}),
			{status: 'CrashLoopBackOff'},
		],
		[
			'a completed sidecar-style container beside a running one, Ready true, is Running',
			pod({
				containers: 2,
				phase: 'Running',
				conditions: [readyTrue],
				containerStatuses: [
					{name: 'c0', ready: true, state: running},
					{name: 'c1', ready: false, state: terminated({exitCode: 0, reason: 'Completed'})},
				],
			}),
			{ready: 1, total: 2, status: 'Running'},
		],
		[
			'completed plus running, Ready false, is NotReady',
			pod({
				containers: 2,
				phase: 'Running',
				conditions: [readyFalse],
				containerStatuses: [
					{name: 'c0', ready: false, state: terminated({exitCode: 0, reason: 'Completed'})},
					{name: 'c1', ready: true, state: running},
				],
			}),
			{ready: 1, total: 2, status: 'NotReady'},
		],
		[
			'completed plus a running but unready container stays Completed',
			pod({
				containers: 2,
				phase: 'Running',
				conditions: [readyTrue],
				containerStatuses: [
					{name: 'c0', ready: false, state: running},
					{name: 'c1', ready: false, state: terminated({exitCode: 0, reason: 'Completed'})},
				],
			}),
			{ready: 0, total: 2, status: 'Completed'},
		],
		[
			'first of two init containers running',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}, {name: 'i1'}],
				conditions: [initializedFalse],
				initContainerStatuses: [
					{name: 'i0', ready: false, state: running},
					{name: 'i1', ready: false, state: waiting('PodInitializing')},
				],
				containerStatuses: [{name: 'c0', ready: false, state: waiting('PodInitializing')}],
			}),
			{ready: 0, total: 1, status: 'Init:0/2'},
		],
		[
			'second of two init containers running',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}, {name: 'i1'}],
				initContainerStatuses: [
					{name: 'i0', state: terminated({exitCode: 0, reason: 'Completed'})},
					{name: 'i1', state: running},
				],
			}),
			{status: 'Init:1/2'},
		],
		[
			'an init container waiting with PodInitializing counts as Init:i/n',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}, {name: 'i1'}],
				initContainerStatuses: [
					{name: 'i0', state: waiting('PodInitializing')},
					{name: 'i1', state: waiting('PodInitializing')},
				],
			}),
			{status: 'Init:0/2'},
		],
		[
			'an init container waiting with no reason counts as Init:i/n',
			pod({phase: 'Pending', initContainers: [{name: 'i0'}], initContainerStatuses: [{name: 'i0', state: {waiting: {}}}]}),
			{status: 'Init:0/1'},
		],
		[
			'init container crash-looping; its restarts count while initializing',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}, {name: 'i1'}],
				initContainerStatuses: [
					{name: 'i0', restartCount: 3, state: waiting('CrashLoopBackOff'), lastState: lastFinished(T2)},
					{name: 'i1', state: waiting('PodInitializing')},
				],
				containerStatuses: [{name: 'c0', restartCount: 0, state: waiting('PodInitializing')}],
			}),
			{ready: 0, total: 1, status: 'Init:CrashLoopBackOff', restarts: 3, lastRestart: Date.parse(T2)},
		],
		[
			'init container failed with a reason',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}],
				initContainerStatuses: [{name: 'i0', state: terminated({exitCode: 1, reason: 'Error'})}],
			}),
			{status: 'Init:Error'},
		],
		[
			'init container failed without a reason shows its exit code',
			pod({phase: 'Pending', initContainers: [{name: 'i0'}], initContainerStatuses: [{name: 'i0', state: terminated({exitCode: 3})}]}),
			{status: 'Init:ExitCode:3'},
		],
		[
			'init container killed by a signal without a reason',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}],
				initContainerStatuses: [{name: 'i0', state: terminated({exitCode: 137, signal: 9})}],
			}),
			{status: 'Init:Signal:9'},
		],
		[
			'the first failing init container wins over later ones',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}, {name: 'i1'}],
				initContainerStatuses: [
					{name: 'i0', state: terminated({exitCode: 1, reason: 'Error'})},
					{name: 'i1', state: waiting('CrashLoopBackOff')},
				],
			}),
			{status: 'Init:Error'},
		],
		[
			'all init containers done and main waiting PodInitializing',
			pod({
				phase: 'Pending',
				initContainers: [{name: 'i0'}],
				initContainerStatuses: [{name: 'i0', restartCount: 2, state: terminated({exitCode: 0, reason: 'Completed'})}],
				containerStatuses: [{name: 'c0', restartCount: 0, state: waiting('PodInitializing')}],
			}),
			// Once initialised, kubectl shows only main (and sidecar) restarts.
			{ready: 0, total: 1, status: 'PodInitializing', restarts: 0},
		],
		[
			'an Initialized condition lets the main containers count even while an init container is stuck',
			pod({
				phase: 'Running',
				initContainers: [{name: 'i0'}],
				conditions: [initializedTrue, readyTrue],
				initContainerStatuses: [{name: 'i0', restartCount: 7, state: waiting('CrashLoopBackOff')}],
				containerStatuses: [{name: 'c0', ready: true, restartCount: 1, state: running}],
			}),
			{ready: 1, total: 1, status: 'Init:CrashLoopBackOff', restarts: 1},
		],
		[
			'deleted while running is Terminating',
			pod({
				phase: 'Running',
				deletionTimestamp: T2,
				containerStatuses: [{name: 'c0', ready: true, state: running}],
			}),
			{ready: 1, total: 1, status: 'Terminating'},
		],
		['deleted while pending is Terminating', pod({phase: 'Pending', deletionTimestamp: T2}), {status: 'Terminating'}],
		[
			'deleted after success keeps Completed (terminal phase)',
			pod({
				phase: 'Succeeded',
				deletionTimestamp: T2,
				containerStatuses: [{name: 'c0', state: terminated({exitCode: 0, reason: 'Completed'})}],
			}),
			{status: 'Completed'},
		],
		[
			'deleted after failure keeps its reason (terminal phase)',
			pod({phase: 'Failed', deletionTimestamp: T2, containerStatuses: [{name: 'c0', state: terminated({exitCode: 1, reason: 'Error'})}]}),
			{status: 'Error'},
		],
		[
			'deleted on a lost node is Unknown',
			pod({
				phase: 'Running',
				reason: 'NodeLost',
				deletionTimestamp: T2,
				containerStatuses: [{name: 'c0', ready: true, state: running}],
			}),
			{status: 'Unknown'},
		],
		['a lost node without deletion shows NodeLost', pod({phase: 'Running', reason: 'NodeLost'}), {status: 'NodeLost'}],
		[
			'scheduling gates',
			pod({phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'SchedulingGated'}]}),
			{ready: 0, total: 1, status: 'SchedulingGated'},
		],
		[
			'unschedulable pending pod keeps Pending',
			pod({phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable'}]}),
			{status: 'Pending'},
		],
		['status.reason overrides the phase (Evicted)', pod({phase: 'Failed', reason: 'Evicted'}), {ready: 0, total: 1, status: 'Evicted'}],
		[
			'a container reason still overrides status.reason',
			pod({
				phase: 'Failed',
				reason: 'Evicted',
				containerStatuses: [{name: 'c0', state: terminated({exitCode: 137, reason: 'ContainerStatusUnknown'})}],
			}),
			{status: 'ContainerStatusUnknown'},
		],
		[
			'restarts add up over containers and the newest finish wins',
			pod({
				containers: 3,
				phase: 'Running',
				containerStatuses: [
					{name: 'c0', ready: true, restartCount: 2, state: running, lastState: lastFinished(T1)},
					{name: 'c1', ready: true, restartCount: 3, state: running, lastState: lastFinished(T2)},
					{name: 'c2', ready: true, restartCount: 1, state: running, lastState: lastFinished(T3)},
				],
			}),
			{ready: 3, total: 3, status: 'Running', restarts: 6, lastRestart: Date.parse(T2)},
		],
		[
			'an unparsable finishedAt is ignored',
			pod({
				phase: 'Running',
				containerStatuses: [{name: 'c0', ready: true, restartCount: 1, state: running, lastState: lastFinished('not-a-time')}],
			}),
			{restarts: 1, lastRestart: undefined},
		],
		[
			'phase only, no statuses yet',
			pod({containers: 2, phase: 'Pending'}),
			{ready: 0, total: 2, status: 'Pending', restarts: 0, lastRestart: undefined},
		],
	])('%s', (_name, object, want) => {
		expect(summarizePod(object)).toMatchObject(want);
	});

	it('an empty object summarises to nothing rather than throwing', () => {
		expect(summarizePod({})).toEqual({ready: 0, total: 0, status: '', restarts: 0, lastRestart: undefined});
	});
});

describe('summarizePod with restartable (sidecar) init containers', () => {
	const sidecarSpec = [
		{name: 'init', restartPolicy: 'Never'},
		{name: 'proxy', restartPolicy: 'Always'},
	];

	it.each<[string, ReturnType<typeof pod>, Want]>([
		[
			'a started, ready sidecar counts in READY and its restarts stay after init',
			pod({
				phase: 'Running',
				initContainers: sidecarSpec,
				conditions: [initializedTrue, readyTrue],
				initContainerStatuses: [
					{name: 'init', restartCount: 4, state: terminated({exitCode: 0, reason: 'Completed'}), lastState: lastFinished(T3)},
					{name: 'proxy', started: true, ready: true, restartCount: 2, state: running, lastState: lastFinished(T1)},
				],
				containerStatuses: [{name: 'c0', ready: true, restartCount: 1, state: running, lastState: lastFinished(T3)}],
			}),
			// The plain init container's 4 restarts drop out; sidecar 2 + main 1 remain.
			{ready: 2, total: 2, status: 'Running', restarts: 3, lastRestart: Date.parse(T1)},
		],
		[
			'a started but unready sidecar counts in the total only',
			pod({
				phase: 'Running',
				initContainers: sidecarSpec,
				conditions: [initializedTrue],
				initContainerStatuses: [
					{name: 'init', state: terminated({exitCode: 0, reason: 'Completed'})},
					{name: 'proxy', started: true, ready: false, state: running},
				],
				containerStatuses: [{name: 'c0', ready: true, state: running}],
			}),
			{ready: 1, total: 2, status: 'Running'},
		],
		[
			'a sidecar not yet started holds initialisation (Init:1/2)',
			pod({
				phase: 'Pending',
				initContainers: sidecarSpec,
				conditions: [initializedFalse],
				initContainerStatuses: [
					{name: 'init', state: terminated({exitCode: 0, reason: 'Completed'})},
					{name: 'proxy', started: false, ready: false, state: running},
				],
				containerStatuses: [{name: 'c0', state: waiting('PodInitializing')}],
			}),
			{ready: 0, total: 2, status: 'Init:1/2'},
		],
		[
			'a crash-looping sidecar that has not started shows Init:CrashLoopBackOff',
			pod({
				phase: 'Pending',
				initContainers: sidecarSpec,
				initContainerStatuses: [
					{name: 'init', state: terminated({exitCode: 0, reason: 'Completed'})},
					{name: 'proxy', started: false, restartCount: 6, state: waiting('CrashLoopBackOff'), lastState: lastFinished(T2)},
				],
			}),
			{ready: 0, total: 2, status: 'Init:CrashLoopBackOff', restarts: 6, lastRestart: Date.parse(T2)},
		],
		[
			'sidecar restarts add to main restarts, newest finish wins',
			pod({
				phase: 'Running',
				initContainers: [{name: 'proxy', restartPolicy: 'Always'}],
				conditions: [initializedTrue, readyTrue],
				initContainerStatuses: [{name: 'proxy', started: true, ready: true, restartCount: 1, state: running, lastState: lastFinished(T3)}],
				containerStatuses: [{name: 'c0', ready: true, restartCount: 2, state: running, lastState: lastFinished(T2)}],
			}),
			{ready: 2, total: 2, restarts: 3, lastRestart: Date.parse(T2)},
		],
	])('%s', (_name, object, want) => {
		expect(summarizePod(object)).toMatchObject(want);
	});

	it('a sidecar with no status yet still counts in the READY total (kubectl: 0/2)', () => {
		const fresh = pod({phase: 'Pending', initContainers: [{name: 'proxy', restartPolicy: 'Always'}]});
		expect(summarizePod(fresh)).toMatchObject({ready: 0, total: 2, status: 'Pending'});
	});
});
