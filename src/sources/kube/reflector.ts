import type {Change, FeedSink, ResourceObject, Scope} from '../types.js';
import {ApiError, type KubeClient} from './client.js';
import {collectionPath, type ApiResource} from './discovery.js';
import {project} from './projection.js';
import {sleep} from '../sleep.js';

/** Knobs, mostly for tests: real use takes the defaults. */
export type ReflectorTiming = {
	/** First retry delay; doubles up to `maxBackoffMs`. */
	readonly initialBackoffMs: number;
	readonly maxBackoffMs: number;
	/** Objects per list page (client-go's pager uses 500). */
	readonly pageSize: number;
	/** Server-side watch timeout, in seconds, picked per watch (spread so many watches do not renew at once). */
	readonly watchTimeoutSeconds: () => number;
	/** A watch that sends nothing (not even a bookmark) for this long is presumed dead. */
	readonly idleMs: number;
	readonly random: () => number;
};

export const DEFAULT_TIMING: ReflectorTiming = {
	initialBackoffMs: 1000,
	maxBackoffMs: 30_000,
	pageSize: 500,
	watchTimeoutSeconds: () => 300 + Math.floor(Math.random() * 300),
	idleMs: 11 * 60_000,
	random: Math.random,
};

type Meta = {name?: string; namespace?: string; resourceVersion?: string};

/** Asks for server-side Table rows (kubectl's columns), falling back to JSON on a server that cannot. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
type TableBody = {
	kind?: string;
	metadata?: {resourceVersion?: string; continue?: string};
	rows?: {cells?: unknown[]; object?: {metadata?: Meta & Record<string, unknown>}}[];
};

/** Metadata a table row keeps: what keys, ages, drill-downs and filters read. */
const ROW_METADATA = ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'labels', 'ownerReferences'];

/** The objects of a Table answer, each its metadata and its cells as `kviewTable.c0`, `c1`, ... */
export function tableObjects(table: TableBody): ResourceObject[] {
	return (table.rows ?? []).map((row) => {
		const meta = row.object?.metadata ?? {};
		const cells = Object.fromEntries((row.cells ?? []).map((cell, i) => [`c${i}`, cell === null || cell === undefined ? '' : cell]));
		return {metadata: Object.fromEntries(ROW_METADATA.filter((k) => k in meta).map((k) => [k, meta[k]])), kviewTable: cells};
	});
}
type ListBody = {metadata?: {resourceVersion?: string; continue?: string}; items?: Record<string, unknown>[]};
type WatchEvent = {type?: string; object?: Record<string, unknown> & {metadata?: Meta; code?: number; reason?: string; message?: string}};

/** The store's key for an object: namespace/name, or the name of a cluster-scoped one. */
export function objectKey(object: {metadata?: Meta}): string {
	const m = object.metadata ?? {};
	return m.namespace ? `${m.namespace}/${m.name ?? ''}` : (m.name ?? '');
}

class Expired extends Error {}

/** A scope as list/watch query parameters: labelSelector and fieldSelector. */
export function selectorQuery(scope: Scope): string {
	const params = new URLSearchParams();
	if (scope.labelSelector) params.set('labelSelector', scope.labelSelector);
	const fields = Object.entries(scope.fieldSelector ?? {});
	if (fields.length) params.set('fieldSelector', fields.map(([k, v]) => `${k}=${v}`).join(','));
	return params.toString();
}

/**
 * Keeps one (resource, scope) in step with the cluster: a paged list, then a
 * watch from its resourceVersion with bookmarks; a watch that ends cleanly is
 * resumed from the last resourceVersion seen, a 410 Expired relists, and every
 * other failure backs off (1 s doubling to 30 s, jittered) and retries for as
 * long as the reflector runs. Unlike client-node's informer it never gives up.
 */
export class Reflector {
	private readonly controller = new AbortController();
	private resourceVersion = '';

	constructor(
		private readonly client: KubeClient,
		private readonly resource: ApiResource,
		private readonly scope: Scope,
		private readonly sink: FeedSink,
		private readonly timing: ReflectorTiming = DEFAULT_TIMING,
		/** Follow server-side Table rows instead of objects: for kinds kview has no view file for (CRDs). */
		private readonly table = false,
	) {}

	start(): void {
		void this.run();
	}

	stop(): void {
		this.controller.abort();
	}

	private get base(): string {
		return collectionPath(this.resource, this.resource.namespaced ? this.scope.namespace : undefined);
	}

	private async run(): Promise<void> {
		const signal = this.controller.signal;
		let delay = this.timing.initialBackoffMs;
		let listed = false;
		while (!signal.aborted) {
			try {
				if (!listed) {
					await this.list(signal);
					listed = true;
					this.sink.state({phase: 'live'});
				}
				await this.watch(signal, () => {
					// Connected again: the next failure starts from a short delay.
					delay = this.timing.initialBackoffMs;
					this.sink.state({phase: 'live'});
				});
			} catch (error) {
				if (signal.aborted) return;
				if (error instanceof Expired) {
					listed = false;
					continue;
				}
				const api = error instanceof ApiError ? error : undefined;
				const reason = api?.message ?? (error instanceof Error ? error.message : String(error));
				// Being refused will not fix itself: say so once and stop; reopening the view asks again.
				if (api !== undefined && [401, 403, 404].includes(api.code)) {
					this.sink.state({phase: 'failed', reason});
					return;
				}
				const wait = delay * (0.8 + 0.4 * this.timing.random());
				this.sink.state({phase: 'reconnecting', retryAt: Date.now() + wait, reason});
				await sleep(wait, signal);
				delay = Math.min(delay * 2, this.timing.maxBackoffMs);
				// A failed list must be redone; a failed watch resumes from where it was (410 sends us to a relist).
				if (!this.resourceVersion) listed = false;
			}
		}
	}

	/** Lists in pages and replaces the feed's contents in one reset. */
	private async list(signal: AbortSignal): Promise<void> {
		const selectors = selectorQuery(this.scope);
		const objects: (readonly [string, ResourceObject])[] = [];
		let next = '';
		let resourceVersion = '';
		let paged = true;
		for (;;) {
			const params = new URLSearchParams(selectors);
			if (paged) params.set('limit', String(this.timing.pageSize));
			if (next) params.set('continue', next);
			let body: ListBody & TableBody;
			try {
				body = await this.client.get<ListBody & TableBody>(
					`${this.base}?${params.toString()}`,
					signal,
					this.table ? TABLE_ACCEPT : undefined,
				);
			} catch (error) {
				// An expired continue token: start over in one unpaged list, as client-go's pager does.
				if (error instanceof ApiError && error.code === 410 && next) {
					objects.length = 0;
					next = '';
					paged = false;
					continue;
				}
				throw error;
			}
			if (body.kind === 'Table') for (const row of tableObjects(body)) objects.push([objectKey(row), row]);
			else for (const item of body.items ?? []) objects.push([objectKey(item), project(this.resource.resource, item)]);
			resourceVersion = body.metadata?.resourceVersion ?? resourceVersion;
			next = body.metadata?.continue ?? '';
			if (!next) break;
		}
		this.resourceVersion = resourceVersion;
		this.sink.changes([{type: 'reset', objects}]);
	}

	/** Watches from the last resourceVersion until the server ends the watch. */
	private async watch(signal: AbortSignal, onOpen: () => void): Promise<void> {
		const params = new URLSearchParams(selectorQuery(this.scope));
		params.set('watch', '1');
		params.set('allowWatchBookmarks', 'true');
		params.set('resourceVersion', this.resourceVersion);
		params.set('timeoutSeconds', String(this.timing.watchTimeoutSeconds()));
		const watchController = new AbortController();
		const abort = () => watchController.abort();
		signal.addEventListener('abort', abort, {once: true});
		let idle = setTimeout(abort, this.timing.idleMs);
		let pending: Change[] = [];
		let expired: WatchEvent['object'];
		let failure: WatchEvent['object'];
		const flush = () => {
			if (!pending.length) return;
			const batch = pending;
			pending = [];
			this.sink.changes(batch);
		};
		try {
			await this.client.stream(
				`${this.base}?${params.toString()}`,
				(raw) => {
					clearTimeout(idle);
					idle = setTimeout(abort, this.timing.idleMs);
					const event = raw as WatchEvent;
					const object = event.object;
					if (!object || expired || failure) return;
					if (event.type === 'ERROR') {
						if (object.code === 410) expired = object;
						else failure = object;
						return;
					}
					const rv = object.metadata?.resourceVersion;
					if (rv) this.resourceVersion = rv;
					if (event.type === 'BOOKMARK') return;
					// In a Table watch each event's object is a Table holding the one row.
					const changed = object['kind'] === 'Table' ? tableObjects(object)[0] : project(this.resource.resource, object);
					if (!changed) return;
					const key = objectKey(changed);
					if (event.type === 'DELETED') pending.push({type: 'delete', key});
					else if (event.type === 'ADDED' || event.type === 'MODIFIED')
						pending.push({type: event.type === 'ADDED' ? 'add' : 'update', key, object: changed});
					// One push per chunk of lines, not per event: at thousands of events a second that is what keeps the store cheap.
					if (pending.length === 1) queueMicrotask(flush);
				},
				watchController.signal,
				onOpen,
				this.table ? TABLE_ACCEPT : undefined,
			);
		} catch (error) {
			if (watchController.signal.aborted && !signal.aborted) throw new ApiError(0, 'Timeout', 'the watch went quiet; reconnecting');
			throw error;
		} finally {
			clearTimeout(idle);
			signal.removeEventListener('abort', abort);
			flush();
		}
		if (expired) throw new Expired(expired.message ?? 'too old resource version');
		if (failure) throw new ApiError(failure.code ?? 500, failure.reason ?? 'Error', failure.message ?? 'the watch failed');
	}
}
