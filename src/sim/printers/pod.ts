/** The Pod printer (printPod). */
import {humanDuration} from '../../model/age.js';
import {summarizePod} from '../../model/podStatus.js';
import type {KubeObject, Printer} from '../types.js';
import {AGE, NAME, column} from './columns.js';
import {age} from './format.js';
import {int, isRec, rec, recs, str} from '../../model/json.js';

/**
 * The main-container loop of printPod decides the status from the lowest-index
 * container with a waiting reason or a terminated state. Since v1.35 (kubernetes#124766)
 * a `Completed` result gives way to the reason of a container that failed, unless a
 * ready container still runs in a Ready pod; summarizePod predates that rule, so it is
 * applied here on top of it.
 */
function completedRefinement(pod: KubeObject, summarized: string): string {
	if (summarized !== 'Completed' && summarized !== 'Running' && summarized !== 'NotReady') return summarized;
	const status = rec(pod.status);
	let loopReason: string | undefined;
	let errorReason: string | undefined;
	let hasRunning = false;
	const statuses = recs(status.containerStatuses);
	for (let i = statuses.length - 1; i >= 0; i--) {
		const state = rec(statuses[i]?.state);
		const waiting = str(rec(state.waiting).reason);
		if (waiting !== '') {
			loopReason = waiting;
		} else if (isRec(state.terminated)) {
			const terminated = rec(state.terminated);
			const exitCode = int(terminated.exitCode);
			const signal = int(terminated.signal);
			loopReason = str(terminated.reason) || (signal !== 0 ? `Signal:${signal}` : `ExitCode:${exitCode}`);
			if (exitCode !== 0) errorReason = loopReason;
		} else if (statuses[i]?.ready === true && isRec(state.running)) {
			hasRunning = true;
		}
	}
	if (loopReason !== 'Completed') return summarized;
	const ready = recs(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True');
	if (hasRunning && ready) return 'Running';
	if (errorReason !== undefined) return errorReason;
	return hasRunning ? 'NotReady' : 'Completed';
}

/** Whether the deletion override (Terminating / Unknown) decided the status. */
function deletionDecides(pod: KubeObject): boolean {
	if (!pod.metadata.deletionTimestamp) return false;
	const status = rec(pod.status);
	return status.reason === 'NodeLost' || (status.phase !== 'Succeeded' && status.phase !== 'Failed');
}

function readinessGates(pod: KubeObject): string {
	const gates = recs(rec(pod.spec).readinessGates);
	if (gates.length === 0) return '<none>';
	const conditions = recs(rec(pod.status).conditions);
	const passed = gates.filter((gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True').length;
	return `${passed}/${gates.length}`;
}

function podIP(pod: KubeObject): string {
	const status = rec(pod.status);
	// The API server fills podIPs from podIP, so an object carrying only podIP prints it too.
	const ip = str(recs(status.podIPs)[0]?.ip) || str(status.podIP);
	return ip || '<none>';
}

/** kubectl get pods: Name, Ready, Status, Restarts, Age; wide IP, Node, Nominated Node, Readiness Gates. */
export const podPrinter: Printer = {
	columns: [
		NAME,
		column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
		column('Status', 'string', 'The aggregate status of the containers in this pod.'),
		column(
			'Restarts',
			'string',
			'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
		),
		AGE,
		column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
		column('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
		column('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
		column('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
	],
	cells: (pod, now) => {
		const summary = summarizePod(pod);
		const status = deletionDecides(pod) ? summary.status : completedRefinement(pod, summary.status);
		const restarts =
			summary.restarts !== 0 && summary.lastRestart !== undefined
				? `${summary.restarts} (${humanDuration(now - summary.lastRestart)} ago)`
				: String(summary.restarts);
		return [
			pod.metadata.name,
			`${summary.ready}/${summary.total}`,
			status,
			restarts,
			age(pod, now),
			podIP(pod),
			str(rec(pod.spec).nodeName) || '<none>',
			str(rec(pod.status).nominatedNodeName) || '<none>',
			readinessGates(pod),
		];
	},
};
