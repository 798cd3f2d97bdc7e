import type {LogRequest, ResourceObject} from '../sources/types.js';
import {getField} from './fieldPath.js';

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
		const match = /^(.*)\/\d{3}:(.+)$/.exec(key);
		if (match?.[1] && match[2]) return {kind: 'pods', key: match[1], container: match[2], tailLines: INITIAL_TAIL, follow: true};
	}
	if (kind === 'pods') {
		const container = defaultContainer(object);
		return {kind, key, ...(container ? {container} : {}), tailLines: INITIAL_TAIL, follow: true};
	}
	return undefined;
}
