import {useEffect, useMemo, useState} from 'react';
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

/**
 * Opens a feed per kind, each in its scope, for as long as the component shows them, and
 * re-renders when any changes. Returns the objects by kind (a kind missing while its feed opens).
 */
export function useFeeds(
	store: Store,
	source: Source,
	scopes: Readonly<Record<string, Scope>>,
): {objects: ReadonlyMap<string, Feed['objects']>; version: number} {
	const [handles, setHandles] = useState<ReadonlyMap<string, FeedHandle>>(new Map());
	const [version, setVersion] = useState(0);
	const scopesKey = JSON.stringify(scopes);
	useEffect(() => {
		const wanted = JSON.parse(scopesKey) as Record<string, Scope>;
		const opened = new Map(Object.entries(wanted).map(([kind, scope]) => [kind, store.open(source, kind, scope)] as const));
		setHandles(opened);
		const unsubscribe = [...opened.values()].map((handle) => handle.subscribe(() => setVersion((v) => v + 1)));
		return () => {
			unsubscribe.forEach((stop) => stop());
			opened.forEach((handle) => handle.close());
		};
	}, [store, source, scopesKey]);
	// Only feeds that have their first list: an empty kind still loading (or refused, a 403) must not read as "nothing there".
	const objects = useMemo(
		() => new Map([...handles].filter(([, handle]) => handle.feed.synced).map(([kind, handle]) => [kind, handle.feed.objects] as const)),
		// version stands for the feeds' states, which change in place.
		[handles, version],
	);
	return {objects, version};
}
