import {describe, expect, it} from 'vitest';
import {logStreams, podContainers, sourceColour, type LogTarget} from '../../src/model/logSelection.js';

const pod = (name: string, containers: string[], init: string[] = [], owner?: string) =>
	[
		`shop/${name}`,
		{
			metadata: {name, namespace: 'shop', ...(owner ? {ownerReferences: [{uid: owner}]} : {})},
			spec: {containers: containers.map((c) => ({name: c})), ...(init.length ? {initContainers: init.map((c) => ({name: c}))} : {})},
		},
	] as const;

const deployment: LogTarget = {type: 'many', kind: 'pods', scope: {namespace: 'shop', labelSelector: 'app=web'}, label: 'web'};

describe('logStreams', () => {
	it('tails every container of every pod, named pod/container where a pod has several', () => {
		const streams = logStreams(deployment, [pod('web-1', ['app']), pod('web-2', ['app', 'proxy'], ['migrate'])], {});
		expect(streams.map((s) => [s.id, s.label, s.request.container, s.request.tailLines])).toEqual([
			['shop/web-1/app', 'web-1', 'app', 200],
			['shop/web-2/migrate', 'web-2/migrate', 'migrate', 200],
			['shop/web-2/app', 'web-2/app', 'app', 200],
			['shop/web-2/proxy', 'web-2/proxy', 'proxy', 200],
		]);
	});

	it('keeps to one container when one is chosen, skipping pods without it', () => {
		const streams = logStreams(deployment, [pod('web-1', ['app']), pod('web-2', ['app', 'proxy'])], {container: 'proxy'});
		expect(streams.map((s) => s.label)).toEqual(['web-2/proxy']);
	});

	it('keeps to what an owner owns', () => {
		const owned: LogTarget = {...deployment, owner: {uid: 'u1', kind: 'Job', name: 'j'}};
		expect(logStreams(owned, [pod('a', ['c'], [], 'u1'), pod('b', ['c'], [], 'u2')], {}).map((s) => s.label)).toEqual(['a']);
	});

	it('since replaces the tail; previous asks for the last run', () => {
		const [since] = logStreams(deployment, [pod('web-1', ['app'])], {sinceSeconds: 300, tailLines: 50});
		expect(since?.request).toMatchObject({sinceSeconds: 300, tailLines: undefined, follow: true});
		const [tail] = logStreams(deployment, [pod('web-1', ['app'])], {tailLines: 50, previous: true});
		expect(tail?.request).toMatchObject({tailLines: 50, previous: true});
	});

	it('one log is one stream whatever the feed holds; a chosen container replaces its own', () => {
		const one: LogTarget = {
			type: 'one',
			label: 'web-1',
			request: {kind: 'pods', key: 'shop/web-1', container: 'app', tailLines: 200, follow: true},
		};
		expect(logStreams(one, [], {container: 'proxy'}).map((s) => [s.id, s.request.container])).toEqual([['shop/web-1/proxy', 'proxy']]);
	});

	it('Docker containers are one stream each, by name', () => {
		const compose: LogTarget = {type: 'many', kind: 'containers', scope: {namespace: 'shop'}, label: 'shop'};
		const streams = logStreams(compose, [['abc', {metadata: {name: 'shop-web-1'}}]], {});
		expect(streams.map((s) => [s.id, s.label, s.request.kind])).toEqual([['abc', 'shop-web-1', 'containers']]);
	});
});

describe('podContainers and sourceColour', () => {
	it('lists init containers first', () => {
		expect(podContainers(pod('p', ['a', 'b'], ['i'])[1])).toEqual(['i', 'a', 'b']);
	});

	it('gives a name the same colour every time, spread over the palette', () => {
		expect(sourceColour('web-1', 6)).toBe(sourceColour('web-1', 6));
		const used = new Set(Array.from({length: 30}, (_, i) => sourceColour(`pod-${i}`, 6)));
		expect(used.size).toBeGreaterThan(3);
	});
});
