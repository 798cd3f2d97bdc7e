import {randomUUID} from 'node:crypto';
import {alreadyExists, conflict, expired, notFound} from './errors.js';
import {apiVersionOf, resourceKey} from './resources.js';
import type {KubeObject, ResourceDef} from './types.js';

/** One change, as the watch history keeps it. */
export type StoredEvent = {
	readonly rv: number;
	readonly key: string;
	readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
	readonly object: KubeObject;
	/**
	 * The object before a MODIFIED (so a selector watch can tell an object leaving its
	 * selection) or a DELETED (so a list at an older revision can be rebuilt).
	 */
	readonly previous?: KubeObject;
};

/** A live watch on one resource. */
export type Watcher = {
	readonly key: string;
	readonly send: (event: StoredEvent) => void;
};

/** What the API hears about every change, beside the watchers (controllers react through it). */
export type ChangeListener = (event: StoredEvent) => void;

function objectName(namespace: string | undefined, name: string): string {
	return namespace ? `${namespace}/${name}` : name;
}

function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The sim's etcd: objects by resource and name, one global resourceVersion counter,
 * and a bounded history of changes so a watch can resume from a recent
 * resourceVersion and one from an older one gets 410 Expired.
 */
export class ObjectStore {
	private rv = 1;
	private readonly data = new Map<string, Map<string, KubeObject>>();
	/** Keys of each resource in etcd's (byte) order, rebuilt only when objects come or go: paging 50,000 pods must not sort per page. */
	private readonly sorted = new Map<string, string[]>();
	private history: StoredEvent[] = [];
	private readonly watchers = new Set<Watcher>();
	private readonly listeners = new Set<ChangeListener>();

	/** Oldest resourceVersion a watch can still start from. */
	oldestRv = 1;

	constructor(private historyLimit = 10_000) {}

	/** The current resourceVersion. */
	get resourceVersion(): string {
		return String(this.rv);
	}

	/** Shrinks (or grows) the history, to force clients through 410 Expired. */
	setHistoryLimit(limit: number): void {
		this.historyLimit = Math.max(1, limit);
		this.trimHistory();
	}

	/** Hears every change (controllers, the event recorder). */
	onChange(listener: ChangeListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	get(def: ResourceDef, namespace: string | undefined, name: string): KubeObject {
		const object = this.data.get(resourceKey(def))?.get(objectName(def.namespaced ? namespace : undefined, name));
		if (!object) throw notFound(def.resource, name, def.group);
		return object;
	}

	/** The object or undefined, for controllers that expect misses. */
	find(def: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
		return this.data.get(resourceKey(def))?.get(objectName(def.namespaced ? namespace : undefined, name));
	}

	/**
	 * Objects of a resource (in a namespace when given) in the order etcd lists them
	 * (by "namespace/name"), starting after the key `after` when given.
	 */
	*iterate(def: ResourceDef, namespace?: string, after = ''): Generator<KubeObject> {
		const {keys, objects, from, to} = this.range(def, namespace, after);
		for (let i = from; i < to; i++) {
			const object = objects.get(keys[i] ?? '');
			// A generator may outlive a deletion; skip what went meanwhile.
			if (object) yield object;
		}
	}

	/** How many objects `iterate` would yield, counted without walking them (remainingItemCount on 50,000 pods, every page). */
	countAfter(def: ResourceDef, namespace?: string, after = ''): number {
		const {from, to} = this.range(def, namespace, after);
		return to - from;
	}

	/** The slice of the sorted keys in a namespace (or all) that comes after `after`. */
	private range(
		def: ResourceDef,
		namespace: string | undefined,
		after: string,
	): {keys: readonly string[]; objects: Map<string, KubeObject>; from: number; to: number} {
		const key = resourceKey(def);
		const objects = this.data.get(key) ?? new Map<string, KubeObject>();
		let keys = this.sorted.get(key);
		if (!keys) {
			keys = [...objects.keys()].sort();
			this.sorted.set(key, keys);
		}
		const sorted = keys;
		const prefix = namespace === undefined ? '' : `${namespace}/`;
		// First index whose key is not below `bound` (or, with `strict`, above it).
		const search = (bound: string, strict: boolean) => {
			let lo = 0;
			let hi = sorted.length;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				const k = sorted[mid] ?? '';
				if (k < bound || (strict && k === bound)) lo = mid + 1;
				else hi = mid;
			}
			return lo;
		};
		const from = after > prefix ? search(after, true) : search(prefix, false);
		// Every key in the namespace starts with "ns/"; the next character after '/' bounds them.
		const to = prefix ? search(`${namespace ?? ''}0`, false) : sorted.length;
		return {keys: sorted, objects, from, to: Math.max(from, to)};
	}

	/** Every object of a resource (in a namespace when given), in name order as etcd lists them. */
	list(def: ResourceDef, namespace?: string): KubeObject[] {
		return [...this.iterate(def, namespace)];
	}

	/** Every object of a resource in no particular order: for controllers, which need no sort. */
	values(def: ResourceDef): IterableIterator<KubeObject> {
		return (this.data.get(resourceKey(def)) ?? new Map<string, KubeObject>()).values();
	}

	/** Count of objects of a resource, cheaply. */
	count(def: ResourceDef): number {
		return this.data.get(resourceKey(def))?.size ?? 0;
	}

	/** Creates an object: uid, creationTimestamp, resourceVersion and generation are the server's. */
	create(def: ResourceDef, input: KubeObject): KubeObject {
		const key = resourceKey(def);
		let objects = this.data.get(key);
		if (!objects) {
			objects = new Map();
			this.data.set(key, objects);
		}
		const name = input.metadata.name;
		const id = objectName(def.namespaced ? input.metadata.namespace : undefined, name);
		if (objects.has(id)) throw alreadyExists(def.resource, name, def.group);
		const object: KubeObject = {
			...input,
			apiVersion: apiVersionOf(def),
			kind: def.kind,
			metadata: {
				...input.metadata,
				...(def.namespaced ? {} : {namespace: undefined}),
				// The create strategy may have chosen it already (a Job's selector names its uid).
				uid: input.metadata.uid || randomUUID(),
				resourceVersion: String(++this.rv),
				creationTimestamp: input.metadata.creationTimestamp || new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
				...(input.spec !== undefined ? {generation: 1} : {}),
			},
		};
		if (!def.namespaced) delete object.metadata.namespace;
		objects.set(id, object);
		this.sorted.delete(key);
		this.record({rv: this.rv, key, type: 'ADDED', object});
		return object;
	}

	/**
	 * Replaces an object. A resourceVersion in the input must match the stored one
	 * (optimistic concurrency); generation moves when the spec changes.
	 */
	update(def: ResourceDef, input: KubeObject): KubeObject {
		const current = this.get(def, input.metadata.namespace, input.metadata.name);
		const given = input.metadata.resourceVersion;
		if (given && given !== current.metadata.resourceVersion) throw conflict(def.resource, input.metadata.name, def.group);
		const specChanged = !sameJson(input.spec, current.spec);
		const object: KubeObject = {
			...input,
			apiVersion: apiVersionOf(def),
			kind: def.kind,
			metadata: {
				...input.metadata,
				uid: current.metadata.uid,
				creationTimestamp: current.metadata.creationTimestamp,
				resourceVersion: String(++this.rv),
				...(current.metadata.generation !== undefined ? {generation: current.metadata.generation + (specChanged ? 1 : 0)} : {}),
				...(current.metadata.deletionTimestamp ? {deletionTimestamp: current.metadata.deletionTimestamp} : {}),
			},
		};
		if (!def.namespaced) delete object.metadata.namespace;
		this.data.get(resourceKey(def))?.set(objectName(def.namespaced ? object.metadata.namespace : undefined, object.metadata.name), object);
		this.record({rv: this.rv, key: resourceKey(def), type: 'MODIFIED', object, previous: current});
		return object;
	}

	/** Applies a change function to the stored object and writes it back (controllers' read-modify-write). */
	mutate(
		def: ResourceDef,
		namespace: string | undefined,
		name: string,
		change: (object: KubeObject) => KubeObject | undefined,
	): KubeObject | undefined {
		const current = this.find(def, namespace, name);
		if (!current) return undefined;
		// Change functions build new objects with spreads and never edit their argument,
		// so no defensive deep copy is needed (it cost more than the write at 50,000 pods).
		const next = change(current);
		if (!next || sameJson(next, current)) return current;
		return this.update(def, {...next, metadata: {...next.metadata, resourceVersion: current.metadata.resourceVersion}});
	}

	/** Removes an object now; returns it as last seen. */
	remove(def: ResourceDef, namespace: string | undefined, name: string): KubeObject {
		const current = this.get(def, namespace, name);
		const key = resourceKey(def);
		this.data.get(key)?.delete(objectName(def.namespaced ? namespace : undefined, name));
		this.sorted.delete(key);
		const object = {...current, metadata: {...current.metadata, resourceVersion: String(++this.rv)}};
		this.record({rv: this.rv, key, type: 'DELETED', object, previous: current});
		return object;
	}

	/**
	 * The objects of a resource as they were at revision `rv` (a list with
	 * resourceVersionMatch=Exact): today's objects with the later history undone.
	 * Undefined when `rv` is older than the history (etcd has compacted it).
	 */
	listAt(def: ResourceDef, rv: number, namespace?: string): KubeObject[] | undefined {
		if (rv < this.oldestRv - 1) return undefined;
		const key = resourceKey(def);
		const objects = new Map(this.data.get(key) ?? []);
		for (let i = this.history.length - 1; i >= 0; i--) {
			const event = this.history[i];
			if (!event || event.rv <= rv) break;
			if (event.key !== key) continue;
			const id = objectName(def.namespaced ? event.object.metadata.namespace : undefined, event.object.metadata.name);
			if (event.type === 'ADDED') objects.delete(id);
			else if (event.previous) objects.set(id, event.previous);
		}
		const prefix = namespace === undefined ? '' : `${namespace}/`;
		return [...objects.keys()]
			.filter((k) => k.startsWith(prefix))
			.sort()
			.flatMap((k) => objects.get(k) ?? []);
	}

	/**
	 * Starts a watch from a resourceVersion: history after it is replayed first.
	 * An RV older than the history throws 410 Expired; "0" or "" start now.
	 */
	watch(def: ResourceDef, fromRv: string, send: (event: StoredEvent) => void): Watcher {
		const key = resourceKey(def);
		const watcher: Watcher = {key, send};
		const from = Number(fromRv);
		if (fromRv !== '' && fromRv !== '0' && Number.isFinite(from)) {
			if (from < this.oldestRv - 1) throw expired(fromRv, this.oldestRv);
			for (const event of this.history) if (event.rv > from && event.key === key) send(event);
		}
		this.watchers.add(watcher);
		return watcher;
	}

	/** Ends a watch. */
	unwatch(watcher: Watcher): void {
		this.watchers.delete(watcher);
	}

	/** Number of open watches (tests check they close). */
	get watchCount(): number {
		return this.watchers.size;
	}

	private record(event: StoredEvent): void {
		this.history.push(event);
		this.trimHistory();
		for (const watcher of this.watchers) if (watcher.key === event.key) watcher.send(event);
		for (const listener of this.listeners) listener(event);
	}

	private trimHistory(): void {
		const excess = this.history.length - this.historyLimit;
		if (excess <= 0) return;
		// Drop in chunks: slicing a 10,000-entry array on every write would be quadratic.
		const drop = Math.max(excess, Math.ceil(this.historyLimit / 10));
		const dropped = this.history.slice(0, Math.min(drop, this.history.length));
		this.history = this.history.slice(dropped.length);
		this.oldestRv = this.history[0]?.rv ?? this.rv + 1;
	}
}
