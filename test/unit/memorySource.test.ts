import {describe, expect, it} from 'vitest';
import {MemorySource} from '../../src/sources/memory/memorySource.js';
import type {Change, ConnectionState, ResourceObject, Scope} from '../../src/sources/types.js';

/** A recording sink: every batch of changes and every state, in order. */
function recorder() {
	const batches: Change[][] = [];
	const states: ConnectionState[] = [];
	return {
		batches,
		states,
		sink: {changes: (c: readonly Change[]) => void batches.push([...c]), state: (s: ConnectionState) => void states.push(s)},
		/** Changes after the first reset, flattened to "type key". */
		events: () =>
			batches
				.flat()
				.filter((c) => c.type !== 'reset')
				.map((c) => `${c.type} ${c.key}`),
		resetKeys: () => {
			const reset = batches.flat().find((c) => c.type === 'reset');
			return reset && reset.type === 'reset' ? reset.objects.map(([k]) => k) : undefined;
		},
	};
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function podObject(namespace: string, name: string, labels: Record<string, string> = {}, nodeName?: string): ResourceObject {
	return {metadata: {namespace, name, labels}, spec: nodeName ? {nodeName} : {}};
}

function world(): MemorySource {
	const source = new MemorySource();
	source.put('pods', [
		['shop/web-1', podObject('shop', 'web-1', {app: 'web', tier: 'frontend'}, 'node-1')],
		['shop/web-2', podObject('shop', 'web-2', {app: 'web', tier: 'frontend'}, 'node-2')],
		['shop/db-0', podObject('shop', 'db-0', {app: 'db'}, 'node-1')],
		['ops/agent', podObject('ops', 'agent', {app: 'agent'}, 'node-2')],
		['ops/pending', podObject('ops', 'pending', {app: 'web'})],
	]);
	source.put('nodes', [['node-1', {metadata: {name: 'node-1'}}]]);
	return source;
}

describe('MemorySource scope filtering', () => {
	it.each<[string, Scope, string[]]>([
		['no scope: everything', {}, ['shop/web-1', 'shop/web-2', 'shop/db-0', 'ops/agent', 'ops/pending']],
		['a namespace', {namespace: 'shop'}, ['shop/web-1', 'shop/web-2', 'shop/db-0']],
		['an empty namespace', {namespace: 'nowhere'}, []],
		['a label selector', {labelSelector: 'app=web'}, ['shop/web-1', 'shop/web-2', 'ops/pending']],
		['a set selector', {labelSelector: 'app in (db,agent)'}, ['shop/db-0', 'ops/agent']],
		['an inequality selector', {labelSelector: 'app!=web'}, ['shop/db-0', 'ops/agent']],
		['a namespace and a selector', {namespace: 'shop', labelSelector: 'app=web'}, ['shop/web-1', 'shop/web-2']],
		['a field selector', {fieldSelector: {'spec.nodeName': 'node-1'}}, ['shop/web-1', 'shop/db-0']],
		['a field selector on an empty value matches the unset field', {fieldSelector: {'spec.nodeName': ''}}, ['ops/pending']],
		['several field selectors', {fieldSelector: {'spec.nodeName': 'node-2', 'metadata.namespace': 'ops'}}, ['ops/agent']],
		['all three', {namespace: 'shop', labelSelector: 'tier=frontend', fieldSelector: {'spec.nodeName': 'node-2'}}, ['shop/web-2']],
	])('%s', async (_name, scope, keys) => {
		const source = world();
		const r = recorder();
		source.watch('pods', scope, r.sink);
		await settle();
		expect(r.resetKeys()).toEqual(keys);
	});

	it('the first list arrives asynchronously, state first, then one reset', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {namespace: 'ops'}, r.sink);
		expect(r.batches).toEqual([]);
		expect(r.states).toEqual([]);
		await settle();
		expect(r.states).toEqual([{phase: 'live'}]);
		expect(r.batches).toHaveLength(1);
		expect(r.batches[0]?.[0]?.type).toBe('reset');
	});

	it('a watch stopped before its first list hears nothing', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {}, r.sink).stop();
		await settle();
		expect(r.batches).toEqual([]);
		expect(r.states).toEqual([]);
		expect(source.activeWatches).toBe(0);
	});

	it('a declared kind with no objects lists empty; an unknown kind too', async () => {
		const source = new MemorySource();
		source.defineKind('secrets');
		expect(source.kinds()).toEqual(['secrets']);
		const a = recorder();
		const b = recorder();
		source.watch('secrets', {}, a.sink);
		source.watch('nothing', {}, b.sink);
		await settle();
		expect(a.resetKeys()).toEqual([]);
		expect(b.resetKeys()).toEqual([]);
	});
});

describe('MemorySource changes per watcher', () => {
	it('a new matching object is an add, then an update', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {labelSelector: 'app=web'}, r.sink);
		await settle();
		source.put('pods', [['shop/web-3', podObject('shop', 'web-3', {app: 'web'})]]);
		source.put('pods', [['shop/web-3', podObject('shop', 'web-3', {app: 'web', v: '2'})]]);
		source.put('pods', [['shop/web-1', podObject('shop', 'web-1', {app: 'web', v: '2'})]]);
		expect(r.events()).toEqual(['add shop/web-3', 'update shop/web-3', 'update shop/web-1']);
	});

	it('an object relabelled out of the selector becomes a delete for that watcher only', async () => {
		const source = world();
		const web = recorder();
		const everything = recorder();
		source.watch('pods', {labelSelector: 'app=web'}, web.sink);
		source.watch('pods', {}, everything.sink);
		await settle();
		source.put('pods', [['shop/web-1', podObject('shop', 'web-1', {app: 'api'})]]);
		expect(web.events()).toEqual(['delete shop/web-1']);
		expect(everything.events()).toEqual(['update shop/web-1']);
	});

	it('relabelled back in, it is an add again', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {labelSelector: 'app=web'}, r.sink);
		await settle();
		source.put('pods', [['shop/web-1', podObject('shop', 'web-1', {app: 'api'})]]);
		source.put('pods', [['shop/web-1', podObject('shop', 'web-1', {app: 'web'})]]);
		expect(r.events()).toEqual(['delete shop/web-1', 'add shop/web-1']);
	});

	it('an object moved to another node leaves a field-selected watcher', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {fieldSelector: {'spec.nodeName': 'node-1'}}, r.sink);
		await settle();
		source.put('pods', [['shop/db-0', podObject('shop', 'db-0', {app: 'db'}, 'node-2')]]);
		expect(r.events()).toEqual(['delete shop/db-0']);
	});

	it('an object that never matched causes nothing (no spurious delete)', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {namespace: 'shop'}, r.sink);
		await settle();
		source.put('pods', [['ops/agent', podObject('ops', 'agent', {app: 'changed'})]]);
		source.remove('pods', ['ops/agent']);
		expect(r.batches).toHaveLength(1);
	});

	it('a batch put arrives as one batch of changes', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {namespace: 'shop'}, r.sink);
		await settle();
		source.put('pods', [
			['shop/a', podObject('shop', 'a')],
			['ops/b', podObject('ops', 'b')],
			['shop/web-1', podObject('shop', 'web-1', {app: 'other'})],
		]);
		expect(r.batches).toHaveLength(2);
		expect(r.batches[1]?.map((c) => `${c.type} ${'key' in c ? c.key : ''}`)).toEqual(['add shop/a', 'update shop/web-1']);
	});

	it('remove is a delete for watchers that had seen the object', async () => {
		const source = world();
		const shop = recorder();
		const ops = recorder();
		source.watch('pods', {namespace: 'shop'}, shop.sink);
		source.watch('pods', {namespace: 'ops'}, ops.sink);
		await settle();
		source.remove('pods', ['shop/web-2', 'ops/agent', 'missing']);
		expect(shop.events()).toEqual(['delete shop/web-2']);
		expect(ops.events()).toEqual(['delete ops/agent']);
		expect(source.get('pods', 'shop/web-2')).toBeUndefined();
	});

	it('removing from an unknown kind is a no-op', () => {
		const source = world();
		expect(() => source.remove('nothing', ['x'])).not.toThrow();
	});

	it('other kinds do not reach a watcher', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {}, r.sink);
		await settle();
		source.put('nodes', [['node-2', {metadata: {name: 'node-2'}}]]);
		source.remove('nodes', ['node-1']);
		expect(r.events()).toEqual([]);
	});

	it('a stopped watcher hears nothing more', async () => {
		const source = world();
		const r = recorder();
		const sub = source.watch('pods', {}, r.sink);
		await settle();
		sub.stop();
		source.put('pods', [['shop/x', podObject('shop', 'x')]]);
		source.setConnection({phase: 'failed', reason: 'gone'});
		expect(r.events()).toEqual([]);
		expect(r.states).toEqual([{phase: 'live'}]);
		expect(source.activeWatches).toBe(0);
	});

	it('an object put before the first list is not lost', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {namespace: 'ops'}, r.sink);
		source.put('pods', [['ops/early', podObject('ops', 'early')]]);
		await settle();
		expect(r.resetKeys()).toContain('ops/early');
	});

	it('connection state reaches every watcher and later ones start with it', async () => {
		const source = world();
		const a = recorder();
		source.watch('pods', {}, a.sink);
		await settle();
		const reconnecting: ConnectionState = {phase: 'reconnecting', retryAt: 5, reason: 'EOF'};
		source.setConnection(reconnecting);
		const b = recorder();
		source.watch('nodes', {}, b.sink);
		await settle();
		expect(a.states).toEqual([{phase: 'live'}, reconnecting]);
		expect(b.states).toEqual([reconnecting]);
	});
});

describe('MemorySource act', () => {
	it('delete removes the object and tells watchers', async () => {
		const source = world();
		const r = recorder();
		source.watch('pods', {}, r.sink);
		await settle();
		await expect(source.act({action: 'delete', kind: 'pods', key: 'shop/db-0'})).resolves.toBe('deleted shop/db-0');
		expect(source.get('pods', 'shop/db-0')).toBeUndefined();
		expect(r.events()).toEqual(['delete shop/db-0']);
	});

	it.each([
		['a missing object', 'delete', 'shop/nope', 'shop/nope is gone'],
		['an unsupported action', 'restart', 'shop/db-0', 'restart is not supported'],
	] as const)('%s is a rejected promise', async (_name, action, key, message) => {
		const source = world();
		await expect(source.act({action, kind: 'pods', key})).rejects.toThrow(message);
		expect(source.get('pods', 'shop/db-0')).toBeDefined();
	});

	it('lists keys and kinds', () => {
		const source = world();
		expect(source.kinds()).toEqual(['pods', 'nodes']);
		expect([...(source.kindKeys('nodes') ?? [])]).toEqual(['node-1']);
		expect(source.kindKeys('nothing')).toBeUndefined();
	});
});

describe('a bad scope', () => {
	it('fails the watch with the reason, as an API server refuses a bad selector, instead of matching everything', async () => {
		const rec = recorder();
		world().watch('pods', {labelSelector: 'app in (web'}, rec.sink);
		await settle();
		expect(rec.batches).toEqual([]);
		expect(rec.states).toHaveLength(1);
		expect(rec.states[0]?.phase).toBe('failed');
	});
});
