import {describe, expect, it} from 'vitest';
import {messageOf, real, statusShape, usePair, type Endpoint, type Pair, type WatchResult} from './harness.js';

// List metadata (paging, remainingItemCount, resourceVersion) and watch framing: the
// same lists and watches against the sim and a real API server.

const service = (name: string) => ({
	apiVersion: 'v1',
	kind: 'Service',
	metadata: {name, labels: {oracle: 'paging'}},
	spec: {ports: [{port: 80}]},
});

type ListMeta = {resourceVersion?: string; continue?: string; remainingItemCount?: number};
type List = {kind: string; apiVersion: string; metadata: ListMeta; items: {metadata: {name: string}}[]};

async function created(side: Endpoint, path: string, body: unknown): Promise<{metadata: {resourceVersion: string}}> {
	const reply = await side.request('POST', path, {body});
	expect(reply.status, `${side.name}: ${reply.text}`).toBe(201);
	return reply.body as {metadata: {resourceVersion: string}};
}

/** Pages through a list; what each page said about itself. */
async function pages(side: Endpoint, path: string, limit: number): Promise<{names: string[]; meta: ListMeta; kind: string}[]> {
	const out: {names: string[]; meta: ListMeta; kind: string}[] = [];
	let token = '';
	do {
		const reply = await side.request('GET', `${path}?limit=${limit}${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
		expect(reply.status, reply.text).toBe(200);
		const list = reply.body as List;
		out.push({names: list.items.map((i) => i.metadata.name), meta: list.metadata, kind: `${list.apiVersion}/${list.kind}`});
		token = list.metadata.continue ?? '';
	} while (token && out.length < 10);
	return out;
}

const shapeOfPage = (page: {names: string[]; meta: ListMeta; kind: string}) => ({
	kind: page.kind,
	names: page.names,
	hasResourceVersion: /^\d+$/.test(page.meta.resourceVersion ?? ''),
	hasContinue: Boolean(page.meta.continue),
	remainingItemCount: page.meta.remainingItemCount,
});

describe.skipIf(real.skip)('oracle: lists', () => {
	const pair = usePair();

	it('pages with limit/continue, counting what remains, at one resourceVersion', async () => {
		const results = await Promise.all(
			[pair().sim, pair().real].map(async (side) => {
				for (const name of ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'])
					await created(side, `/api/v1/namespaces/${pair().namespace}/services`, service(name));
				return pages(side, `/api/v1/namespaces/${pair().namespace}/services`, 2);
			}),
		);
		const [sim, realPages] = results.map((p) => p.map(shapeOfPage));
		expect(sim).toEqual(realPages);
		expect(realPages?.map((p) => p.remainingItemCount)).toEqual([3, 1, undefined]);
		// Every page is served at the first page's revision.
		for (const side of results) expect(new Set(side.map((p) => p.meta.resourceVersion)).size).toBe(1);
	});

	it('a list with a selector and a limit does not count what remains', async () => {
		const [sim, realPages] = await Promise.all(
			[pair().sim, pair().real].map(async (side) => {
				const reply = await side.request('GET', `/api/v1/namespaces/${pair().namespace}/services?limit=1&labelSelector=oracle%3Dpaging`);
				return (reply.body as List).metadata;
			}),
		);
		expect(sim?.remainingItemCount).toBeUndefined();
		expect(realPages?.remainingItemCount).toBeUndefined();
		expect(Boolean(sim?.continue)).toBe(Boolean(realPages?.continue));
	});

	it('resourceVersionMatch=Exact serves the list as it was at that revision', async () => {
		const [sim, realNames] = await Promise.all(
			[pair().sim, pair().real].map(async (side) => {
				const base = `/api/v1/namespaces/${pair().namespace}/configmaps`;
				const body = (name: string) => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, labels: {oracle: 'exact'}}});
				const first = await created(side, base, body('exact-1'));
				await created(side, base, body('exact-2'));
				const then = await side.request(
					'GET',
					`${base}?labelSelector=oracle%3Dexact&resourceVersion=${first.metadata.resourceVersion}&resourceVersionMatch=Exact`,
				);
				expect(then.status, then.text).toBe(200);
				const now = await side.request(
					'GET',
					`${base}?labelSelector=oracle%3Dexact&resourceVersion=${first.metadata.resourceVersion}&resourceVersionMatch=NotOlderThan`,
				);
				return {
					then: (then.body as List).items.map((i) => i.metadata.name),
					thenRv: (then.body as List).metadata.resourceVersion === first.metadata.resourceVersion,
					// NotOlderThan is served from the watch cache, which v1.20 walks in no fixed order.
					now: (now.body as List).items.map((i) => i.metadata.name).sort(),
				};
			}),
		);
		expect(sim).toEqual(realNames);
		expect(realNames).toEqual({then: ['exact-1'], thenRv: true, now: ['exact-1', 'exact-2']});
	});
});

/** The sim forgets history when it overflows (its compaction): shrink it and write past it. */
async function compactSim(p: Pair): Promise<void> {
	p.running.store.setHistoryLimit(5);
	// Called by more than one test in the same namespace: names must not collide.
	const batch = Math.random().toString(36).slice(2, 7);
	for (let i = 0; i < 10; i++)
		await created(p.sim, `/api/v1/namespaces/${p.namespace}/configmaps`, {
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {name: `churn-${batch}-${i}`},
		});
}

describe.skipIf(real.skip)('oracle: watches', () => {
	const pair = usePair();

	it('frames events as one JSON object per line, {type, object}, in order', async () => {
		const [sim, realEvents] = await Promise.all(
			[pair().sim, pair().real].map(async (side) => {
				const base = `/api/v1/namespaces/${pair().namespace}/configmaps`;
				const list = (await side.request('GET', base)).body as List;
				const watching = side.watch(
					`${base}?watch=true&resourceVersion=${list.metadata.resourceVersion ?? ''}&fieldSelector=metadata.name%3Dwatched`,
					{
						timeoutMs: 10_000,
						until: (events) => events.some((e) => e.type === 'DELETED'),
					},
				);
				await created(side, base, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'watched'}, data: {a: '1'}});
				await side.request('PATCH', `${base}/watched`, {contentType: 'application/merge-patch+json', body: {data: {a: '2'}}});
				await side.request('DELETE', `${base}/watched`);
				const result = await watching;
				for (const line of result.lines) {
					// Never pretty-printed: each event is exactly one line.
					expect(line).not.toMatch(/\n/);
					expect(Object.keys(JSON.parse(line) as object).sort()).toEqual(['object', 'type']);
				}
				return result.events.map((e) => {
					const object = e.object as {kind?: string; apiVersion?: string; metadata?: {name?: string}; data?: unknown};
					return {type: e.type, kind: object.kind, apiVersion: object.apiVersion, name: object.metadata?.name, data: object.data};
				});
			}),
		);
		expect(sim).toEqual(realEvents);
		expect(realEvents?.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
	});

	it('sends BOOKMARKs with allowWatchBookmarks (before the deadline), and timeoutSeconds ends the watch', async () => {
		const [sim, realResult] = await Promise.all(
			[pair().sim, pair().real].map(async (side) => {
				const base = `/api/v1/namespaces/${pair().namespace}/configmaps`;
				const made = await created(side, base, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'bookmarked'}});
				const started = Date.now();
				const watching = side.watch(
					`${base}?watch=true&allowWatchBookmarks=true&timeoutSeconds=5&resourceVersion=${made.metadata.resourceVersion}&fieldSelector=metadata.name%3Dnone`,
					{timeoutMs: 12_000},
				);
				// A v1.20 watch cache bookmarks only past the revision the watch started from: move
				// the kind's revision on with a write the watch's selector does not show.
				await new Promise((resolve) => setTimeout(resolve, 500));
				await created(side, base, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'bookmark-bump'}});
				const result = await watching;
				return {result, seconds: (Date.now() - started) / 1000};
			}),
		);
		for (const side of [sim, realResult]) {
			expect(side?.result.ended).toBe(true);
			expect(side?.seconds).toBeGreaterThan(4);
			expect(side?.seconds).toBeLessThan(9);
		}
		const bookmarks = (r: WatchResult) => r.events.filter((e) => e.type === 'BOOKMARK');
		expect(bookmarks(realResult!.result).length).toBeGreaterThan(0);
		expect(bookmarks(sim!.result).length).toBeGreaterThan(0);
		const shape = (r: WatchResult) => {
			const object = bookmarks(r)[0]?.object as {kind: string; apiVersion: string; metadata: Record<string, unknown>};
			return {
				kind: object.kind,
				apiVersion: object.apiVersion,
				metadataKeys: Object.keys(object.metadata).sort(),
				creationTimestamp: object.metadata['creationTimestamp'],
			};
		};
		expect(shape(sim!.result)).toEqual(shape(realResult!.result));
		expect(shape(realResult!.result)).toEqual({
			kind: 'ConfigMap',
			apiVersion: 'v1',
			metadataKeys: ['creationTimestamp', 'resourceVersion'],
			creationTimestamp: null,
		});
	});

	it('a watch from a resourceVersion older than the history gets an ERROR event with 410 Expired', async (context) => {
		const path = `/api/v1/namespaces/${pair().namespace}/configmaps?watch=true&resourceVersion=1`;
		const realWatch = await pair().real.watch(path, {timeoutMs: 2000, until: (e) => e.length > 0});
		// The real watch cache holds events since the API server started; an older server may still hold "1".
		if (realWatch.events[0]?.type !== 'ERROR') return context.skip('the real watch cache still holds resourceVersion 1');
		await compactSim(pair());
		const simWatch = await pair().sim.watch(path, {timeoutMs: 2000, until: (e) => e.length > 0});
		expect(simWatch.status).toBe(realWatch.status);
		expect(simWatch.events.map((e) => e.type)).toEqual(['ERROR']);
		expect(statusShape(simWatch.events[0]?.object)).toEqual(statusShape(realWatch.events[0]?.object));
		expect(statusShape(realWatch.events[0]?.object)).toMatchObject({kind: 'Status', code: 410, reason: 'Expired', status: 'Failure'});
		// Both name the revision asked for and the oldest one held.
		expect(messageOf(simWatch.events[0]?.object)).toMatch(/^too old resource version: 1 \(\d+\)$/);
		expect(messageOf(realWatch.events[0]?.object)).toMatch(/^too old resource version: 1 \(\d+\)$/);
	});

	it('an Exact list at a compacted resourceVersion is a plain 410 Expired', async (context) => {
		const path = `/api/v1/namespaces/${pair().namespace}/configmaps?resourceVersion=1&resourceVersionMatch=Exact`;
		const realList = await pair().real.request('GET', path);
		// Exact lists read etcd, which compacts every five minutes: a young cluster still serves "1".
		if (realList.status !== 410) return context.skip('etcd on the real cluster has not compacted resourceVersion 1 yet');
		await compactSim(pair());
		const simList = await pair().sim.request('GET', path);
		expect(simList.status).toBe(410);
		expect(statusShape(simList.body)).toEqual(statusShape(realList.body));
		expect(messageOf(simList.body)).toBe(messageOf(realList.body));
	});
});
