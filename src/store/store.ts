import type {ConnectionState, Scope, Source, Subscription} from '../sources/types.js';
import {applyChanges, emptyFeed, type Feed} from './feed.js';

/** How often, at most, subscribers hear about changes (Ink re-runs React and Yoga on every commit). */
export const DEFAULT_FLUSH_MS = 100;

/** Identifies a feed: one kind of one source in one scope. */
export function feedKey(sourceId: string, kind: string, scope: Scope): string {
	const fields = scope.fieldSelector
		? Object.entries(scope.fieldSelector)
				.sort(([a], [b]) => (a < b ? -1 : 1))
				.map(([k, v]) => `${k}=${v}`)
				.join(',')
		: '';
	return [sourceId, kind, scope.namespace ?? '*', scope.labelSelector ?? '', fields].join('|');
}

type Entry = {
	readonly feed: Feed;
	readonly listeners: Set<() => void>;
	subscription: Subscription | undefined;
	refs: number;
	dirty: boolean;
};

/** A handle on an open feed; close it when the view goes away. */
export type FeedHandle = {
	/** The live feed (read it during render; do not mutate). */
	readonly feed: Feed;
	/** Called, throttled, after the feed changed. Returns an unsubscribe function. */
	readonly subscribe: (listener: () => void) => () => void;
	/** Drops this handle; the source's watch stops when the last handle closes. */
	readonly close: () => void;
};

/**
 * The normalized object store: one feed per (source, kind, scope), shared by every
 * view that shows it, with change notifications batched to at most one per flush
 * interval. Engine-neutral: it knows sources only through their interface.
 */
export class Store {
	private readonly entries = new Map<string, Entry>();
	private flushTimer: NodeJS.Timeout | undefined;
	private lastFlush = 0;

	constructor(private readonly flushMs = DEFAULT_FLUSH_MS) {}

	/** Opens (or joins) the feed for a kind of a source in a scope. */
	open(source: Source, kind: string, scope: Scope): FeedHandle {
		const key = feedKey(source.id, kind, scope);
		let entry = this.entries.get(key);
		if (!entry) {
			const created: Entry = {feed: emptyFeed(), listeners: new Set(), subscription: undefined, refs: 0, dirty: false};
			this.entries.set(key, created);
			created.subscription = source.watch(kind, scope, {
				changes: (changes) => {
					if (applyChanges(created.feed, changes)) this.markDirty(created);
				},
				state: (state: ConnectionState) => {
					created.feed.state = state;
					created.feed.version++;
					this.markDirty(created);
				},
			});
			entry = created;
		}
		entry.refs++;
		const opened = entry;
		let closed = false;
		return {
			feed: opened.feed,
			subscribe: (listener) => {
				opened.listeners.add(listener);
				return () => opened.listeners.delete(listener);
			},
			close: () => {
				if (closed) return;
				closed = true;
				opened.refs--;
				if (opened.refs === 0) {
					opened.subscription?.stop();
					this.entries.delete(key);
				}
			},
		};
	}

	/** Number of feeds currently open (watches running). */
	get openFeeds(): number {
		return this.entries.size;
	}

	/** Stops every watch; the app calls this on quit. */
	closeAll(): void {
		for (const entry of this.entries.values()) entry.subscription?.stop();
		this.entries.clear();
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = undefined;
	}

	private markDirty(entry: Entry): void {
		entry.dirty = true;
		if (this.flushTimer) return;
		// Leading edge: the first change after a quiet spell shows at once; a burst
		// after it waits out the rest of the interval.
		const wait = Math.max(0, this.lastFlush + this.flushMs - Date.now());
		this.flushTimer = setTimeout(() => this.flush(), wait);
	}

	private flush(): void {
		this.flushTimer = undefined;
		this.lastFlush = Date.now();
		for (const entry of this.entries.values()) {
			if (!entry.dirty) continue;
			entry.dirty = false;
			for (const listener of entry.listeners) listener();
		}
	}
}
