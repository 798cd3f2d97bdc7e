import {useEffect, useState} from 'react';
import type {Scope, Source} from '../sources/types.js';
import type {Feed, FeedHandle, Store} from '../store/index.js';

/**
 * Opens a feed for as long as the component shows it and re-renders, throttled by
 * the store, when it changes. Returns the live feed and its version.
 */
export function useFeed(store: Store, source: Source, kind: string, scope: Scope): {feed: Feed; version: number} {
	const [handle, setHandle] = useState<FeedHandle | undefined>(undefined);
	const [version, setVersion] = useState(0);
	const scopeKey = JSON.stringify(scope);
	useEffect(() => {
		const opened = store.open(source, kind, JSON.parse(scopeKey) as Scope);
		setHandle(opened);
		setVersion(opened.feed.version);
		const unsubscribe = opened.subscribe(() => setVersion(opened.feed.version));
		return () => {
			unsubscribe();
			opened.close();
		};
	}, [store, source, kind, scopeKey]);
	return {feed: handle?.feed ?? EMPTY, version: handle ? version : -1};
}

const EMPTY: Feed = {objects: new Map(), state: {phase: 'connecting'}, version: 0, synced: false, changedAt: new Map()};
