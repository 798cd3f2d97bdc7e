import {parseTime} from './age.js';

type Terminated = {exitCode?: number; signal?: number; reason?: string; finishedAt?: string};
type ContainerState = {waiting?: {reason?: string}; running?: unknown; terminated?: Terminated};
type ContainerStatus = {
	name?: string;
	ready?: boolean;
	started?: boolean;
	restartCount?: number;
	state?: ContainerState;
	lastState?: {terminated?: Terminated};
};
type Condition = {type?: string; status?: string; reason?: string};
type PodLike = {
	metadata?: {deletionTimestamp?: string};
	spec?: {containers?: unknown[]; initContainers?: {name?: string; restartPolicy?: string}[]};
	status?: {
		phase?: string;
		reason?: string;
		conditions?: Condition[];
		initContainerStatuses?: ContainerStatus[];
		containerStatuses?: ContainerStatus[];
	};
};

/** What kubectl prints for a pod: READY, STATUS and RESTARTS, plus when it last restarted. */
export type PodSummary = {
	readonly ready: number;
	readonly total: number;
	readonly status: string;
	readonly restarts: number;
	/** Epoch ms of the newest restart (a previous container's finish), if any. */
	readonly lastRestart: number | undefined;
};

const TERMINAL_PHASES = new Set(['Succeeded', 'Failed']);

/**
 * Summarises a pod exactly as `kubectl get pods` does (printPod in kubectl's
 * printers): the first failing init container wins, then the last main container
 * with a waiting or terminated reason; restartable (sidecar) init containers count
 * as containers once started; deletion shows Terminating.
 */
export function summarizePod(pod: PodLike): PodSummary {
	const status = pod.status ?? {};
	const initSpecs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
	const isSidecar = (name: string | undefined): boolean => initSpecs.get(name)?.restartPolicy === 'Always';
	const initStatuses = status.initContainerStatuses ?? [];
	const containerStatuses = status.containerStatuses ?? [];

	let total = pod.spec?.containers?.length ?? 0;
	let ready = 0;
	let restarts = 0;
	let sidecarRestarts = 0;
	let lastRestart: number | undefined;
	let lastSidecarRestart: number | undefined;
	let reason = status.reason || status.phase || '';
	if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

	for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') total++;

	let initializing = false;
	for (const [i, c] of initStatuses.entries()) {
		restarts += c.restartCount ?? 0;
		const finished = parseTime(c.lastState?.terminated?.finishedAt);
		if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
		if (isSidecar(c.name)) {
			sidecarRestarts += c.restartCount ?? 0;
			if (finished !== undefined && (lastSidecarRestart === undefined || finished > lastSidecarRestart)) lastSidecarRestart = finished;
		}
		const terminated = c.state?.terminated;
		const waiting = c.state?.waiting;
		if (terminated && (terminated.exitCode ?? 0) === 0) continue;
		if (isSidecar(c.name) && c.started) {
			if (c.ready) ready++;
			continue;
		}
		if (terminated) {
			if (terminated.reason) reason = `Init:${terminated.reason}`;
			else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
			else reason = `Init:ExitCode:${terminated.exitCode ?? 0}`;
		} else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
			reason = `Init:${waiting.reason}`;
		} else {
			reason = `Init:${i}/${pod.spec?.initContainers?.length ?? initStatuses.length}`;
		}
		initializing = true;
		break;
	}

	const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
	if (!initializing || initialized) {
		restarts = sidecarRestarts;
		lastRestart = lastSidecarRestart;
		let hasRunning = false;
		for (let i = containerStatuses.length - 1; i >= 0; i--) {
			const c = containerStatuses[i];
			if (!c) continue;
			restarts += c.restartCount ?? 0;
			const finished = parseTime(c.lastState?.terminated?.finishedAt);
			if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
			const terminated = c.state?.terminated;
			if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
			else if (terminated?.reason) reason = terminated.reason;
			else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
			else if (c.ready && c.state?.running !== undefined) {
				hasRunning = true;
				ready++;
			}
		}
		if (reason === 'Completed' && hasRunning) {
			reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
		}
	}

	if (pod.metadata?.deletionTimestamp) {
		if (status.reason === 'NodeLost') reason = 'Unknown';
		else if (!TERMINAL_PHASES.has(status.phase ?? '')) reason = 'Terminating';
	}
	return {ready, total, status: reason, restarts, lastRestart};
}
