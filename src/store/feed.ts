import type {Change, ConnectionState, ResourceObject} from '../sources/types.js';

/** The objects of one (source, kind, scope) and how its connection stands. */
export type Feed = {
	/** Objects by key; replaced wholesale on reset, updated in place otherwise. */
	readonly objects: Map<string, ResourceObject>;
	/** Connection state as last reported by the source. */
	state: ConnectionState;
	/** Bumped on every applied change; views compare it to know whether to rebuild. */
	version: number;
	/** True once the first full list (reset) has arrived. */
	synced: boolean;
	/** When each recently added or updated object last changed (Date.now), so a view can mark fresh rows. */
	readonly changedAt: Map<string, number>;
};

/** How long a change is recent: kept at least this long in `changedAt`. */
export const RECENT_MS = 5000;
/** `changedAt` is swept of old entries once it holds this many: a churning big cluster must not grow it. */
const SWEEP_AT = 4096;

/** A feed with nothing in it yet. */
export function emptyFeed(): Feed {
	return {objects: new Map(), state: {phase: 'connecting'}, version: 0, synced: false, changedAt: new Map()};
}

/**
 * Applies changes to a feed; returns whether anything visible changed.
 * An update whose object is the same reference as the stored one is ignored, so a
 * source may re-send what it has without costing a render.
 */
export function applyChanges(feed: Feed, changes: readonly Change[], now: number = Date.now()): boolean {
	let changed = false;
	for (const change of changes) {
		switch (change.type) {
			case 'reset': {
				feed.objects.clear();
				// A (re)list is the whole set again, not news about any one row.
				feed.changedAt.clear();
				for (const [key, object] of change.objects) feed.objects.set(key, object);
				feed.synced = true;
				changed = true;
				break;
			}
			case 'add':
			case 'update': {
				if (feed.objects.get(change.key) !== change.object) {
					feed.objects.set(change.key, change.object);
					// Re-inserted so the map stays in change order, oldest first, for the sweep.
					feed.changedAt.delete(change.key);
					feed.changedAt.set(change.key, now);
					changed = true;
				}
				break;
			}
			case 'delete': {
				if (feed.objects.delete(change.key)) changed = true;
				feed.changedAt.delete(change.key);
				break;
			}
		}
	}
	if (feed.changedAt.size > SWEEP_AT) {
		for (const [key, at] of feed.changedAt) {
			if (now - at < RECENT_MS) break;
			feed.changedAt.delete(key);
		}
	}
	if (changed) feed.version++;
	return changed;
}
