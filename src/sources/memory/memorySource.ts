import {scopeMatcher} from '../scope.js';
import type {
	ActionRequest,
	Change,
	ConnectionState,
	FeedSink,
	LogRequest,
	LogSink,
	ResourceObject,
	Scope,
	Source,
	Subscription,
} from '../types.js';

type Watcher = {
	readonly kind: string;
	readonly matches: (object: ResourceObject) => boolean;
	readonly sink: FeedSink;
	/** Keys this watcher has been told about, so a relabelled object becomes a delete. */
	readonly seen: Set<string>;
};

/**
 * A source held in memory. Tests fill it and watch the UI follow; the demo runs on
 * it until the simulated cluster lands. It honours scopes the way an API server
 * would, so drill-downs behave the same on every source.
 */
export class MemorySource implements Source {
	readonly engine = 'memory' as const;
	private readonly data = new Map<string, Map<string, ResourceObject>>();
	private readonly watchers = new Set<Watcher>();
	private connection: ConnectionState = {phase: 'live'};
	/** Logs, when a test or the benchmark gives it some (logFlood.ts). */
	logs?: (request: LogRequest, sink: LogSink) => Subscription;

	constructor(
		readonly id = 'memory',
		readonly label = 'memory',
	) {}

	kinds(): readonly string[] {
		return [...this.data.keys()];
	}

	/** Declares a kind so that watching it yields an empty table rather than nothing. */
	defineKind(kind: string): void {
		if (!this.data.has(kind)) this.data.set(kind, new Map());
	}

	/** Adds or replaces objects of a kind. */
	put(kind: string, entries: Iterable<readonly [key: string, object: ResourceObject]>): void {
		let objects = this.data.get(kind);
		if (!objects) {
			objects = new Map();
			this.data.set(kind, objects);
		}
		const batch = [...entries];
		for (const [key, object] of batch) objects.set(key, object);
		for (const watcher of this.watchers) {
			if (watcher.kind !== kind) continue;
			const changes: Change[] = [];
			for (const [key, object] of batch) {
				if (watcher.matches(object)) {
					changes.push({type: watcher.seen.has(key) ? 'update' : 'add', key, object});
					watcher.seen.add(key);
				} else if (watcher.seen.delete(key)) {
					changes.push({type: 'delete', key});
				}
			}
			if (changes.length > 0) watcher.sink.changes(changes);
		}
	}

	/** Removes objects of a kind. */
	remove(kind: string, keys: Iterable<string>): void {
		const objects = this.data.get(kind);
		if (!objects) return;
		const batch = [...keys];
		for (const key of batch) objects.delete(key);
		for (const watcher of this.watchers) {
			if (watcher.kind !== kind) continue;
			const changes: Change[] = [];
			for (const key of batch) if (watcher.seen.delete(key)) changes.push({type: 'delete', key});
			if (changes.length > 0) watcher.sink.changes(changes);
		}
	}

	/** Keys of a kind's objects. */
	kindKeys(kind: string): IterableIterator<string> | undefined {
		return this.data.get(kind)?.keys();
	}

	/** Reads one object back. */
	get(kind: string, key: string): ResourceObject | undefined {
		return this.data.get(kind)?.get(key);
	}

	/** Sets the connection state every watcher reports, to exercise the header. */
	setConnection(state: ConnectionState): void {
		this.connection = state;
		for (const watcher of this.watchers) watcher.sink.state(state);
	}

	/** How many watches are running; tests use it to check that views release theirs. */
	get activeWatches(): number {
		return this.watchers.size;
	}

	watch(kind: string, scope: Scope, sink: FeedSink): Subscription {
		const matches = scopeMatcher(scope);
		if ('error' in matches) {
			queueMicrotask(() => sink.state({phase: 'failed', reason: matches.error}));
			return {stop: () => undefined};
		}
		const watcher: Watcher = {kind, matches, sink, seen: new Set()};
		this.watchers.add(watcher);
		// Deliver asynchronously, as a network source would, so nothing depends on a synchronous first list.
		queueMicrotask(() => {
			if (!this.watchers.has(watcher)) return;
			const objects: [string, ResourceObject][] = [];
			for (const [key, object] of this.data.get(kind) ?? []) {
				if (!watcher.matches(object)) continue;
				objects.push([key, object]);
				watcher.seen.add(key);
			}
			sink.state(this.connection);
			sink.changes([{type: 'reset', objects}]);
		});
		return {stop: () => this.watchers.delete(watcher)};
	}

	act(request: ActionRequest): Promise<string> {
		const {kind, key} = request;
		const object = this.get(kind, key);
		if (!object) return Promise.reject(new Error(`${key} is gone`));
		switch (request.action) {
			case 'delete':
			case 'kill':
				this.remove(kind, [key]);
				return Promise.resolve(`deleted ${key}`);
			case 'scale':
				this.put(kind, [[key, {...object, spec: {...(object['spec'] as object), replicas: request.replicas}}]]);
				return Promise.resolve(`scaled ${key} to ${request.replicas}`);
			default:
				return Promise.reject(new Error(`${request.action} is not supported by the in-memory source`));
		}
	}
}
