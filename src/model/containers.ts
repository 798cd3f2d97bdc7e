import type {ResourceObject} from '../sources/types.js';
import type {Health} from './computed.js';
import {int, rec, recs, str} from './json.js';

type Json = Readonly<Record<string, unknown>>;

/** Waiting reasons that mean the container will not start without help. */
const STUCK = new Set([
	'CrashLoopBackOff',
	'ErrImagePull',
	'ImagePullBackOff',
	'InvalidImageName',
	'CreateContainerConfigError',
	'CreateContainerError',
	'RunContainerError',
]);

function stateOf(status: Json): {state: string; since: string | undefined; health: Health} {
	const state = rec(status['state']);
	const ready = status['ready'] === true;
	if (state['running'] !== undefined) {
		return {state: 'Running', since: str(rec(state['running'])['startedAt']) || undefined, health: ready ? 'ok' : 'warning'};
	}
	if (state['terminated'] !== undefined) {
		const t = rec(state['terminated']);
		const code = int(t['exitCode']);
		const reason = str(t['reason']) || (code === 0 ? 'Completed' : 'Error');
		return {state: `Terminated:${reason}`, since: str(t['startedAt']) || undefined, health: code === 0 ? 'done' : 'error'};
	}
	if (state['waiting'] !== undefined) {
		const reason = str(rec(state['waiting'])['reason']) || 'Waiting';
		return {state: `Waiting:${reason}`, since: undefined, health: STUCK.has(reason) ? 'error' : 'pending'};
	}
	return {state: 'Waiting', since: undefined, health: 'pending'};
}

function ports(container: Json): string {
	return recs(container['ports'])
		.map((p) => `${str(p['name']) ? `${str(p['name'])}:` : ''}${int(p['containerPort'])}/${str(p['protocol']) || 'TCP'}`)
		.join(',');
}

/**
 * A pod's containers as rows of their own, init containers (and sidecars: init
 * containers that keep running) first, as k9s shows them: each keeps its spec and
 * status, and `kviewContainer` holds what the columns read. A row's key is the pod's
 * key, the container's place and its name: it survives the pod's updates, and rows
 * that sort alike stay in the pod's own order.
 */
export function podContainerRows(podKey: string, pod: ResourceObject): (readonly [string, ResourceObject])[] {
	const meta = rec(pod['metadata']);
	const spec = rec(pod['spec']);
	const status = rec(pod['status']);
	const statuses = new Map<string, Json>();
	for (const s of [...recs(status['initContainerStatuses']), ...recs(status['containerStatuses'])]) statuses.set(str(s['name']), s);
	const entries = [
		...recs(spec['initContainers']).map((c) => ({c, init: c['restartPolicy'] === 'Always' ? 'sidecar' : 'init'})),
		...recs(spec['containers']).map((c) => ({c, init: ''})),
	];
	return entries.map(({c, init}, index) => {
		const name = str(c['name']);
		const own = statuses.get(name) ?? {};
		const {state, since, health} = stateOf(own);
		const object: ResourceObject = {
			// The row's age is the container's (its last start), else the pod's.
			metadata: {name, namespace: meta['namespace'], creationTimestamp: since ?? meta['creationTimestamp'], labels: meta['labels']},
			spec: c,
			status: own,
			kviewContainer: {
				pod: str(meta['name']),
				init,
				ready: own['ready'] === true ? 'true' : 'false',
				state,
				restarts: int(own['restartCount']),
				ports: ports(c),
				health,
			},
		};
		return [`${podKey}/${String(index).padStart(3, '0')}:${name}`, object] as const;
	});
}

/** Every container row of the pods in a feed, pod by pod. */
export function expandPodContainers(pods: ReadonlyMap<string, ResourceObject>): Map<string, ResourceObject> {
	const rows = new Map<string, ResourceObject>();
	for (const [key, pod] of pods) for (const [rowKey, row] of podContainerRows(key, pod)) rows.set(rowKey, row);
	return rows;
}

/** How a view's rows can come from another kind's objects: name -> expansion. */
export const expanders: Readonly<Record<string, {readonly kind: string; readonly expand: typeof expandPodContainers}>> = {
	podContainers: {kind: 'pods', expand: expandPodContainers},
};
