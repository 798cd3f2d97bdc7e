import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {MemorySource} from '../../src/sources/memory/memorySource.js';
import type {Change, ResourceObject} from '../../src/sources/types.js';
import {applyChanges, DEFAULT_FLUSH_MS, emptyFeed, feedKey, Store, type Feed} from '../../src/store/index.js';

const obj = (name: string, extra: Record<string, unknown> = {}): ResourceObject => ({
	metadata: {namespace: 'ns', name, labels: {app: name}},
	...extra,
});

describe('emptyFeed', () => {
	it('starts connecting, unsynced, at version 0, with its own map', () => {
		const a = emptyFeed();
		const b = emptyFeed();
		expect(a).toEqual({objects: new Map(), state: {phase: 'connecting'}, version: 0, synced: false, changedAt: new Map()});
		expect(a.objects).not.toBe(b.objects);
	});
});

describe('applyChanges', () => {
	const A = obj('a');
	const A2 = obj('a', {v: 2});
	const B = obj('b');
	const seeded = (): Feed => {
		const feed = emptyFeed();
		applyChanges(feed, [
			{
				type: 'reset',
				objects: [
					['a', A],
					['b', B],
				],
			},
		]);
		return feed;
	};

	it.each<[string, Change[], boolean, Record<string, ResourceObject>, number]>([
		['a reset replaces everything', [{type: 'reset', objects: [['c', obj('c')]]}], true, {c: obj('c')}, 2],
		['an empty reset still counts (the list came back empty)', [{type: 'reset', objects: []}], true, {}, 2],
		['an add of a new key', [{type: 'add', key: 'c', object: obj('c')}], true, {a: A, b: B, c: obj('c')}, 2],
		['an update with a new object', [{type: 'update', key: 'a', object: A2}], true, {a: A2, b: B}, 2],
		[
			'an update with an equal but different object is a change',
			[{type: 'update', key: 'a', object: obj('a')}],
			true,
			{a: obj('a'), b: B},
			2,
		],
		['an update with the same reference is not a change', [{type: 'update', key: 'a', object: A}], false, {a: A, b: B}, 1],
		['an add with the same reference is not a change', [{type: 'add', key: 'b', object: B}], false, {a: A, b: B}, 1],
		['a delete', [{type: 'delete', key: 'a'}], true, {b: B}, 2],
		['a delete of a missing key is not a change', [{type: 'delete', key: 'zzz'}], false, {a: A, b: B}, 1],
		['an empty batch', [], false, {a: A, b: B}, 1],
		[
			'a batch bumps the version once',
			[
				{type: 'add', key: 'c', object: obj('c')},
				{type: 'update', key: 'a', object: A2},
				{type: 'delete', key: 'b'},
			],
			true,
			{a: A2, c: obj('c')},
			2,
		],
		[
			'a batch of no-ops changes nothing',
			[
				{type: 'update', key: 'a', object: A},
				{type: 'delete', key: 'zzz'},
			],
			false,
			{a: A, b: B},
			1,
		],
		[
			'order matters: add then delete',
			[
				{type: 'add', key: 'c', object: obj('c')},
				{type: 'delete', key: 'c'},
			],
			true,
			{a: A, b: B},
			2,
		],
		[
			'a reset then an add in one batch',
			[
				{type: 'reset', objects: [['x', obj('x')]]},
				{type: 'add', key: 'y', object: obj('y')},
			],
			true,
			{x: obj('x'), y: obj('y')},
			2,
		],
	])('%s', (_name, changes, changed, objects, version) => {
		const feed = seeded();
		expect(applyChanges(feed, changes)).toBe(changed);
		expect(Object.fromEntries(feed.objects)).toEqual(objects);
		expect(feed.version).toBe(version);
	});

	it('a reset marks the feed synced; other changes do not', () => {
		const feed = emptyFeed();
		applyChanges(feed, [{type: 'add', key: 'a', object: A}]);
		expect(feed.synced).toBe(false);
		applyChanges(feed, [{type: 'reset', objects: []}]);
		expect(feed.synced).toBe(true);
	});

	it('keeps the same map object across a reset (readers hold it)', () => {
		const feed = seeded();
		const map = feed.objects;
		applyChanges(feed, [{type: 'reset', objects: [['c', obj('c')]]}]);
		expect(feed.objects).toBe(map);
	});

	it('replaying a recorded stream gives the final state', () => {
		const feed = emptyFeed();
		const stream: Change[][] = [
			[{type: 'reset', objects: [['a', A]]}],
			[{type: 'add', key: 'b', object: B}],
			[{type: 'update', key: 'a', object: A2}],
			[{type: 'update', key: 'a', object: A2}],
			[{type: 'delete', key: 'b'}],
			[{type: 'delete', key: 'b'}],
		];
		const results = stream.map((batch) => applyChanges(feed, batch));
		expect(results).toEqual([true, true, true, false, true, false]);
		expect(feed.version).toBe(4);
		expect([...feed.objects]).toEqual([['a', A2]]);
	});
});

describe('feedKey', () => {
	it.each([
		['source, kind and an all-namespace scope', 'memory', 'pods', {}, 'memory|pods|*||'],
		['a namespace', 'kube:prod', 'pods', {namespace: 'shop'}, 'kube:prod|pods|shop||'],
		['a label selector', 'memory', 'pods', {labelSelector: 'app=web'}, 'memory|pods|*|app=web|'],
		[
			'field selectors sorted by path',
			'memory',
			'pods',
			{fieldSelector: {'spec.nodeName': 'n1', 'metadata.name': 'x'}},
			'memory|pods|*||metadata.name=x,spec.nodeName=n1',
		],
	])('%s', (_name, source, kind, scope, key) => {
		expect(feedKey(source, kind, scope)).toBe(key);
	});

	it('field selector order does not make a different feed', () => {
		expect(feedKey('m', 'pods', {fieldSelector: {a: '1', b: '2'}})).toBe(feedKey('m', 'pods', {fieldSelector: {b: '2', a: '1'}}));
	});

	it.each([
		[{namespace: 'a'}, {namespace: 'b'}],
		[{}, {namespace: 'a'}],
		[{labelSelector: 'app=web'}, {labelSelector: 'app=db'}],
		[{fieldSelector: {a: '1'}}, {fieldSelector: {a: '2'}}],
	])('different scopes are different feeds: %j vs %j', (a, b) => {
		expect(feedKey('m', 'pods', a)).not.toBe(feedKey('m', 'pods', b));
	});
});

describe('Store', () => {
	beforeEach(() => {
		vi.useFakeTimers({now: 1_700_000_000_000});
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	/** Lets the memory source's queued first list arrive (microtasks are not faked). */
	const microtasks = async () => {
		for (let i = 0; i < 5; i++) await Promise.resolve();
	};

	function setup() {
		const source = new MemorySource();
		source.put('pods', [
			['ns/a', obj('a')],
			['ns/b', obj('b')],
		]);
		const store = new Store();
		return {source, store};
	}

	it('flushes every 100 ms by default', () => {
		expect(DEFAULT_FLUSH_MS).toBe(100);
	});

	it('two opens of the same feed share one watch and one feed', async () => {
		const {source, store} = setup();
		const a = store.open(source, 'pods', {namespace: 'ns'});
		const b = store.open(source, 'pods', {namespace: 'ns'});
		expect(source.activeWatches).toBe(1);
		expect(store.openFeeds).toBe(1);
		expect(a.feed).toBe(b.feed);
		await microtasks();
		expect(a.feed.synced).toBe(true);
		expect([...a.feed.objects.keys()]).toEqual(['ns/a', 'ns/b']);
		expect(a.feed.state).toEqual({phase: 'live'});
	});

	it('different scopes are different watches', () => {
		const {source, store} = setup();
		store.open(source, 'pods', {namespace: 'ns'});
		store.open(source, 'pods', {});
		store.open(source, 'pods', {labelSelector: 'app=a'});
		expect(source.activeWatches).toBe(3);
		expect(store.openFeeds).toBe(3);
	});

	it('the watch stops when the last handle closes, not before', () => {
		const {source, store} = setup();
		const a = store.open(source, 'pods', {});
		const b = store.open(source, 'pods', {});
		a.close();
		expect(source.activeWatches).toBe(1);
		expect(store.openFeeds).toBe(1);
		b.close();
		expect(source.activeWatches).toBe(0);
		expect(store.openFeeds).toBe(0);
	});

	it('closing one handle twice counts once', () => {
		const {source, store} = setup();
		const a = store.open(source, 'pods', {});
		store.open(source, 'pods', {});
		a.close();
		a.close();
		expect(source.activeWatches).toBe(1);
	});

	it('reopening after the last close starts a fresh watch and feed', async () => {
		const {source, store} = setup();
		const first = store.open(source, 'pods', {});
		await microtasks();
		first.close();
		const second = store.open(source, 'pods', {});
		expect(second.feed).not.toBe(first.feed);
		expect(second.feed.synced).toBe(false);
		await microtasks();
		expect(second.feed.synced).toBe(true);
		expect(second.feed.objects.size).toBe(2);
		expect(source.activeWatches).toBe(1);
	});

	it('the first change after a quiet spell is heard at once (leading edge)', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		expect(listener).not.toHaveBeenCalled(); // never synchronously
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(5_000);
		source.put('pods', [['ns/c', obj('c')]]);
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(2);
		expect(handle.feed.objects.has('ns/c')).toBe(true);
	});

	it('a change soon after a flush waits out the rest of the interval', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		vi.advanceTimersByTime(0);
		listener.mockClear();
		vi.advanceTimersByTime(50);
		source.put('pods', [['ns/c', obj('c')]]);
		vi.advanceTimersByTime(49);
		expect(listener).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('a burst of changes gives one notification per flush interval', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		vi.advanceTimersByTime(1_000);
		listener.mockClear();
		// 20 changes, one every 10 ms: heard at 0 ms (leading edge), 100 ms and 200 ms.
		for (let i = 0; i < 20; i++) {
			source.put('pods', [[`ns/burst-${i}`, obj(`burst-${i}`)]]);
			vi.advanceTimersByTime(10);
		}
		vi.advanceTimersByTime(1_000);
		expect(listener).toHaveBeenCalledTimes(3);
		expect(handle.feed.objects.size).toBe(22);
	});

	it('a burst inside one tick is one notification', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		vi.advanceTimersByTime(1_000);
		listener.mockClear();
		for (let i = 0; i < 500; i++) source.put('pods', [[`ns/p-${i}`, obj(`p-${i}`)]]);
		vi.advanceTimersByTime(1_000);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('a custom flush interval is honoured', async () => {
		const source = new MemorySource();
		const store = new Store(250);
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		vi.advanceTimersByTime(0);
		listener.mockClear();
		source.put('pods', [['ns/x', obj('x')]]);
		vi.advanceTimersByTime(249);
		expect(listener).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('re-sending the same object is not a change and wakes nobody', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		vi.advanceTimersByTime(1_000);
		listener.mockClear();
		const version = handle.feed.version;
		const same = source.get('pods', 'ns/a');
		if (!same) throw new Error('fixture missing');
		source.put('pods', [['ns/a', same]]);
		vi.advanceTimersByTime(1_000);
		expect(listener).not.toHaveBeenCalled();
		expect(handle.feed.version).toBe(version);
	});

	it('only the feed that changed notifies', async () => {
		const {source, store} = setup();
		source.put('nodes', [['n1', obj('n1')]]);
		const pods = store.open(source, 'pods', {});
		const nodes = store.open(source, 'nodes', {});
		const podListener = vi.fn();
		const nodeListener = vi.fn();
		pods.subscribe(podListener);
		nodes.subscribe(nodeListener);
		await microtasks();
		vi.advanceTimersByTime(1_000);
		podListener.mockClear();
		nodeListener.mockClear();
		source.put('nodes', [['n2', obj('n2')]]);
		vi.advanceTimersByTime(1_000);
		expect(nodeListener).toHaveBeenCalledTimes(1);
		expect(podListener).not.toHaveBeenCalled();
	});

	it('every subscriber of a shared feed hears each flush once', async () => {
		const {source, store} = setup();
		const a = store.open(source, 'pods', {});
		const b = store.open(source, 'pods', {});
		const la = vi.fn();
		const lb = vi.fn();
		a.subscribe(la);
		b.subscribe(lb);
		await microtasks();
		vi.advanceTimersByTime(1_000);
		expect(la).toHaveBeenCalledTimes(1);
		expect(lb).toHaveBeenCalledTimes(1);
	});

	it('an unsubscribed listener hears nothing more', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		const unsubscribe = handle.subscribe(listener);
		await microtasks();
		vi.advanceTimersByTime(1_000);
		unsubscribe();
		source.put('pods', [['ns/c', obj('c')]]);
		vi.advanceTimersByTime(1_000);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('a connection state change updates the feed, bumps its version and notifies', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		vi.advanceTimersByTime(1_000);
		listener.mockClear();
		const version = handle.feed.version;
		source.setConnection({phase: 'reconnecting', retryAt: 4_000, reason: 'watch closed'});
		vi.advanceTimersByTime(1_000);
		expect(handle.feed.state).toEqual({phase: 'reconnecting', retryAt: 4_000, reason: 'watch closed'});
		expect(handle.feed.version).toBe(version + 1);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('the store follows the source: adds, updates, relabels and deletes', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {labelSelector: 'app in (a,b,c)'});
		await microtasks();
		source.put('pods', [['ns/c', obj('c')]]);
		source.put('pods', [['ns/a', {...obj('a'), metadata: {namespace: 'ns', name: 'a', labels: {app: 'zzz'}}}]]);
		source.remove('pods', ['ns/b']);
		expect([...handle.feed.objects.keys()]).toEqual(['ns/c']);
	});

	it('closeAll stops every watch and cancels a pending flush', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		store.open(source, 'pods', {namespace: 'ns'});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		store.closeAll();
		vi.advanceTimersByTime(1_000);
		expect(listener).not.toHaveBeenCalled();
		expect(source.activeWatches).toBe(0);
		expect(store.openFeeds).toBe(0);
	});

	it('a pending flush for a feed closed meanwhile does not notify', async () => {
		const {source, store} = setup();
		const handle = store.open(source, 'pods', {});
		const listener = vi.fn();
		handle.subscribe(listener);
		await microtasks();
		handle.close();
		vi.advanceTimersByTime(1_000);
		expect(listener).not.toHaveBeenCalled();
	});
});
