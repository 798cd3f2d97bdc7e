import type {LogRequest, ResourceObject} from '../sources/types.js';
import {drillTarget} from './drill.js';
import {getField} from './fieldPath.js';
import {podContainers, type LogTarget} from './logSelection.js';
import type {ViewDef} from './view.js';

/** Lines a log pane starts with, as k9s and stern start: enough to see what led up to now. */
export const INITIAL_TAIL = 200;

/**
 * The container a pod's log means when none is chosen, as kubectl picks it: the one the
 * kubectl.kubernetes.io/default-container annotation names, else the first.
 */
export function defaultContainer(pod: ResourceObject): string | undefined {
	const annotations = getField(pod, 'metadata.annotations') as Record<string, string> | undefined;
	const chosen = annotations?.['kubectl.kubernetes.io/default-container'];
	if (chosen) return chosen;
	const first = (getField(pod, 'spec.containers') as {name?: string}[] | undefined)?.[0]?.name;
	return typeof first === 'string' ? first : undefined;
}

/** What `l` on a row follows: a pod's default container, a pod's chosen container, a Docker container; undefined where a log needs more (a workload's pods). */
export function logRequestFor(kind: string, key: string, object: ResourceObject): LogRequest | undefined {
	if (kind === 'containers') return {kind, key, tailLines: INITIAL_TAIL, follow: true};
	// A pod's container row: its key is the pod's, the container's place and its name (containers.ts).
	if (kind === 'podcontainers') {
		const target = execTargetFor(kind, key);
		if (target) return {...target, tailLines: INITIAL_TAIL, follow: true};
	}
	if (kind === 'pods') {
		const container = defaultContainer(object);
		return {kind, key, ...(container ? {container} : {}), tailLines: INITIAL_TAIL, follow: true};
	}
	return undefined;
}

/**
 * What `l` on a row tails: the row's own log, or the logs of the pods or containers it
 * stands for (a deployment's pods by its selector, a compose service's containers), found
 * as its drill-down finds them. An error says why a row has none (a selector-less service).
 */
export function logTargetFor(view: ViewDef, key: string, object: ResourceObject, name: string): LogTarget | {error: string} {
	const request = logRequestFor(view.kind, key, object);
	if (request) return {type: 'one', request, label: name, ...(request.kind === 'pods' ? {containers: podContainers(object)} : {})};
	const leadsToLogs = view.drillDown && (view.drillDown.view === 'pods' || view.drillDown.view === 'containers');
	const spec = view.logs ?? (leadsToLogs ? view.drillDown : undefined);
	if (!spec) return {error: `${view.title.toLowerCase()} have no logs of their own`};
	const target = drillTarget(spec, object, name);
	if ('error' in target) return target;
	return {type: 'many', kind: target.kind, scope: target.scope, ...(target.owner ? {owner: target.owner} : {}), label: name};
}

/** What `s` (a shell) or `a` (attach) on a row runs in: a pod (its default container), a pod's chosen container, a Docker container. */
export function execTargetFor(kind: string, key: string): {kind: string; key: string; container?: string} | undefined {
	if (kind === 'containers' || kind === 'pods') return {kind, key};
	const match = kind === 'podcontainers' ? /^(.*)\/\d{3}:(.+)$/.exec(key) : null;
	return match?.[1] && match[2] ? {kind: 'pods', key: match[1], container: match[2]} : undefined;
}
