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
};

/** A feed with nothing in it yet. */
export function emptyFeed(): Feed {
	return {objects: new Map(), state: {phase: 'connecting'}, version: 0, synced: false};
}

/**
 * Applies changes to a feed; returns whether anything visible changed.
 * An update whose object is the same reference as the stored one is ignored, so a
 * source may re-send what it has without costing a render.
 */
export function applyChanges(feed: Feed, changes: readonly Change[]): boolean {
	let changed = false;
	for (const change of changes) {
		switch (change.type) {
			case 'reset': {
				feed.objects.clear();
				for (const [key, object] of change.objects) feed.objects.set(key, object);
				feed.synced = true;
				changed = true;
				break;
			}
			case 'add':
			case 'update': {
				if (feed.objects.get(change.key) !== change.object) {
					feed.objects.set(change.key, change.object);
					changed = true;
				}
				break;
			}
			case 'delete': {
				if (feed.objects.delete(change.key)) changed = true;
				break;
			}
		}
	}
	if (changed) feed.version++;
	return changed;
}
