import type {LogRequest, ResourceObject, Scope} from '../sources/types.js';
import {ownedBy, type DrillOwner} from './drill.js';
import {getField} from './fieldPath.js';
import {defaultContainer, INITIAL_TAIL} from './logTarget.js';

/**
 * What a log pane tails: one log (a pod's container, a Docker container), or every pod or
 * container a selection holds now and later (a deployment's pods, a compose service's
 * containers), as stern tails a query.
 */
export type LogTarget =
	| {
			readonly type: 'one';
			readonly request: LogRequest;
			readonly label: string;
			/** A pod's containers, for the picker. */
			readonly containers?: readonly string[];
	  }
	| {
			readonly type: 'many';
			/** `pods` or `containers`: the feed that says which objects belong. */
			readonly kind: string;
			readonly scope: Scope;
			/** Only the objects this owner owns. */
			readonly owner?: DrillOwner;
			readonly label: string;
	  };

/** How the streams start: the pane's since/tail/previous choices. */
export type LogWindow = {
	/** Seconds back; undefined: as far as `tailLines` goes. */
	readonly sinceSeconds?: number | undefined;
	/** The last N lines; `all` from the beginning; undefined: the engine's first tail (INITIAL_TAIL). */
	readonly tailLines?: number | 'all' | undefined;
	/** The previous run's log (pods only), read once. */
	readonly previous?: boolean;
	/** Only this container of each pod; undefined: every container (stern's default), or the one chosen for a single log. */
	readonly container?: string | undefined;
};

/** One stream of a pane: a stable id (so a stream is not restarted while its object stays), its prefix, and the request. */
export type LogStream = {readonly id: string; readonly label: string; readonly request: LogRequest};

/** The containers of a pod whose logs can be asked for: init containers (a failing one is why a pod is stuck), then the main ones. */
export function podContainers(pod: ResourceObject): string[] {
	const names = (path: string) =>
		((getField(pod, path) as {name?: unknown}[] | undefined) ?? []).flatMap((c) => (typeof c?.name === 'string' ? [c.name] : []));
	return [...names('spec.initContainers'), ...names('spec.containers')];
}

function name(object: ResourceObject, key: string): string {
	const value = getField(object, 'metadata.name');
	return typeof value === 'string' && value !== '' ? value : key;
}

/**
 * The streams a target needs for the objects its feed holds now (for `one`, the single
 * request, whatever the feed holds). A pod's streams are named `pod/container` when the
 * pod has more than one, so a sidecar's lines are told from the app's.
 */
export function logStreams(target: LogTarget, objects: Iterable<readonly [string, ResourceObject]>, window: LogWindow): LogStream[] {
	const start = (request: LogRequest): LogRequest => {
		const {sinceSeconds, tailLines, previous} = window;
		const tail = tailLines === 'all' ? undefined : (tailLines ?? request.tailLines);
		return {
			...request,
			tailLines: sinceSeconds === undefined ? tail : undefined,
			...(sinceSeconds === undefined ? {} : {sinceSeconds}),
			...(previous ? {previous: true} : {}),
		};
	};
	if (target.type === 'one') {
		const request =
			window.container !== undefined && target.request.kind === 'pods' ? {...target.request, container: window.container} : target.request;
		return [{id: `${request.key}/${request.container ?? ''}`, label: '', request: start(request)}];
	}
	const streams: LogStream[] = [];
	for (const [key, object] of objects) {
		if (target.owner && !ownedBy(object, target.owner)) continue;
		const base = {kind: target.kind, key, tailLines: INITIAL_TAIL, follow: true};
		if (target.kind !== 'pods') {
			streams.push({id: key, label: name(object, key), request: start(base)});
			continue;
		}
		const all = podContainers(object);
		// A projection without the container list still has a log: the default container's.
		if (all.length === 0) all.push(...[defaultContainer(object)].filter((c) => c !== undefined));
		const containers = window.container === undefined ? all : all.filter((c) => c === window.container);
		for (const container of containers)
			streams.push({
				id: `${key}/${container}`,
				label: containers.length > 1 || window.container !== undefined ? `${name(object, key)}/${container}` : name(object, key),
				request: start({...base, container}),
			});
	}
	return streams;
}

/** The prefix colour of a source: one of `count`, the same for a name every time it shows (FNV-1a of the name). */
export function sourceColour(label: string, count: number): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
	return (hash >>> 0) % count;
}
