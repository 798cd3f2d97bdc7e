import {describe, expect, it} from 'vitest';
import {pruneSummary} from '../../../src/model/prune.js';
import type {ResourceObject} from '../../../src/sources/types.js';

// What `docker <kind> prune` would remove, from the rows a view shows.

const row = (name: string, docker: Record<string, unknown>): ResourceObject => ({metadata: {name}, docker});

describe('pruneSummary: containers', () => {
	it('counts the stopped containers: exited, created and dead', () => {
		const rows = [
			row('web', {state: 'running'}),
			row('job', {state: 'exited'}),
			row('new', {state: 'created'}),
			row('zombie', {state: 'dead'}),
			row('nap', {state: 'paused'}),
			row('loop', {state: 'restarting'}),
		];
		expect(pruneSummary('containers', rows)).toEqual({count: 3, text: '3 stopped containers: job, new, zombie'});
	});

	it('names three and says how many more', () => {
		const rows = ['a', 'b', 'c', 'd', 'e'].map((n) => row(n, {state: 'exited'}));
		expect(pruneSummary('containers', rows)).toEqual({count: 5, text: '5 stopped containers: a, b, c and 2 more'});
	});

	it('names exactly three without "more"', () => {
		const rows = ['a', 'b', 'c'].map((n) => row(n, {state: 'exited'}));
		expect(pruneSummary('containers', rows)?.text).toBe('3 stopped containers: a, b, c');
	});

	it('says there are none', () => {
		expect(pruneSummary('containers', [row('web', {state: 'running'})])).toEqual({count: 0, text: 'no stopped containers'});
		expect(pruneSummary('containers', [])).toEqual({count: 0, text: 'no stopped containers'});
	});
});

describe('pruneSummary: images', () => {
	const image = (name: string, id: string, docker: Record<string, unknown>) =>
		row(name, {id, shortId: id.replace(/^sha256:/, '').slice(0, 12), size: 0, containers: 0, dangling: false, ...docker});

	it('counts dangling images no container uses, with their total size', () => {
		const rows = [
			image('<none>:<none>', 'sha256:aaaaaaaaaaaa1111', {dangling: true, size: 1_000_000}),
			image('<none>:<none>', 'sha256:bbbbbbbbbbbb2222', {dangling: true, size: 980_000}),
			image('<none>:<none>', 'sha256:cccccccccccc3333', {dangling: true, size: 5_000_000, containers: 1}),
			image('nginx:1.27', 'sha256:dddddddddddd4444', {size: 188_000_000}),
		];
		expect(pruneSummary('images', rows)).toEqual({count: 2, text: '2 dangling images (1.98MB): aaaaaaaaaaaa, bbbbbbbbbbbb'});
	});

	it('counts an image once however many rows show it', () => {
		const rows = [
			image('<none>:<none>', 'sha256:aaaaaaaaaaaa1111', {dangling: true, size: 7_054_121}),
			image('<none>:<none>', 'sha256:aaaaaaaaaaaa1111', {dangling: true, size: 7_054_121}),
		];
		expect(pruneSummary('images', rows)).toEqual({count: 1, text: '1 dangling images (7.05MB): aaaaaaaaaaaa'});
	});

	it('leaves the size out when it is nothing', () => {
		expect(pruneSummary('images', [image('<none>:<none>', 'sha256:eeeeeeeeeeee', {dangling: true})])?.text).toBe(
			'1 dangling images: eeeeeeeeeeee',
		);
	});

	it('says there are none when every image is tagged or used', () => {
		const rows = [image('nginx:1.27', 'sha256:1', {}), image('<none>:<none>', 'sha256:2', {dangling: true, containers: 3})];
		expect(pruneSummary('images', rows)).toEqual({count: 0, text: 'no dangling images'});
	});
});

describe('pruneSummary: volumes', () => {
	it('counts the volumes no container uses', () => {
		const rows = [row('shop_data', {containers: 2}), row('cache', {containers: 0}), row('old', {containers: 0})];
		expect(pruneSummary('volumes', rows)).toEqual({count: 2, text: '2 unused volumes: cache, old'});
	});

	it('says there are none', () => {
		expect(pruneSummary('volumes', [row('shop_data', {containers: 1})])).toEqual({count: 0, text: 'no unused volumes'});
	});
});

describe('pruneSummary: networks', () => {
	it('counts the unused networks a user made, never the predefined ones', () => {
		const rows = ['bridge', 'host', 'none', 'ingress', 'docker_gwbridge', 'old_default', 'shop_default'].map((n) =>
			row(n, {containers: n === 'shop_default' ? 2 : 0}),
		);
		expect(pruneSummary('networks', rows)).toEqual({count: 1, text: '1 unused networks: old_default'});
	});

	it('says there are none', () => {
		expect(pruneSummary('networks', [row('bridge', {containers: 0})])).toEqual({count: 0, text: 'no unused networks'});
	});
});

describe('pruneSummary: other kinds', () => {
	it.each(['pods', 'composeprojects', 'composeservices', ''])('%j has no prune', (kind) => {
		expect(pruneSummary(kind, [row('x', {state: 'exited', containers: 0, dangling: true})])).toBeUndefined();
	});
});
