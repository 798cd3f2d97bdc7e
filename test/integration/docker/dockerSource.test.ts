import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DockerSource} from '../../../src/sources/docker/dockerSource.js';
import type {ResourceObject, Subscription} from '../../../src/sources/types.js';
import {feedRecorder, until} from '../../helpers/feedRecorder.js';
import {dockerdUnavailable, quickSource, startDockerd, TEST_IMAGE, type TestDockerd} from '../../helpers/dockerd.js';

// The Docker source against a real dockerd: a list, then /events keeping the feed
// true to the engine, through a restart of the engine itself.

const why = dockerdUnavailable();

type Docker = {state?: string; project?: string; service?: string; image?: string};

const dockerOf = (o: ResourceObject | undefined) => o?.['docker'] as Docker | undefined;

describe.skipIf(why !== undefined)(`DockerSource against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let source: DockerSource;
	const subscriptions: Subscription[] = [];

	beforeAll(async () => {
		d = await startDockerd();
		source = quickSource(d);
	}, 90_000);
	afterAll(async () => {
		for (const s of subscriptions) s.stop();
		await d.close();
	}, 30_000);

	const run = (name: string, ...labels: string[]) =>
		d.docker('run', '-d', '--network', 'none', '--name', name, ...labels.flatMap((l) => ['--label', l]), TEST_IMAGE, '/bin/sleep', '600');

	it('lists what is there, compose labels as the project and service', async () => {
		const id = run('shop_web_1', 'com.docker.compose.project=shop', 'com.docker.compose.service=web');
		const rec = feedRecorder();
		subscriptions.push(source.watch('containers', {}, rec.sink));
		await until(
			'live',
			() => rec.states.at(-1)?.phase === 'live',
			() => rec.states,
		);
		expect(rec.view.get(id)).toMatchObject({
			metadata: {name: 'shop_web_1', namespace: 'shop', uid: id},
			docker: {state: 'running', project: 'shop', service: 'web', image: TEST_IMAGE},
		});
	});

	it('follows the engine: started, stopped and removed outside kview, no refresh needed', async () => {
		const rec = feedRecorder();
		subscriptions.push(source.watch('containers', {}, rec.sink));
		await until('live', () => rec.states.at(-1)?.phase === 'live');
		const id = run('outside');
		await until(
			'the new container',
			() => dockerOf(rec.view.get(id))?.state === 'running',
			() => [...rec.view.keys()],
		);
		d.docker('stop', '-t', '0', id);
		await until(
			'it to stop',
			() => dockerOf(rec.view.get(id))?.state === 'exited',
			() => rec.view.get(id),
		);
		d.docker('rm', id);
		await until('it to go', () => !rec.view.has(id));
	});

	it('says it is reconnecting while the engine is down, then relists: nothing lost, nothing stale', async () => {
		const rec = feedRecorder();
		subscriptions.push(source.watch('containers', {}, rec.sink));
		await until('live', () => rec.states.at(-1)?.phase === 'live');
		const kept = run('survivor');
		await until('the survivor', () => dockerOf(rec.view.get(kept))?.state === 'running');
		await d.stop();
		await until(
			'reconnecting',
			() => rec.states.at(-1)?.phase === 'reconnecting',
			() => rec.states,
		);
		const down = rec.states.at(-1);
		expect(down?.phase === 'reconnecting' && down.reason).toMatch(/no Docker engine|refused|broke|ended/);
		await d.start();
		await until(
			'live again',
			() => rec.states.at(-1)?.phase === 'live',
			() => rec.states,
			30_000,
		);
		// The engine stopped its containers when it went down (no live-restore); the relist says so.
		await until(
			'the survivor exited',
			() => dockerOf(rec.view.get(kept))?.state === 'exited',
			() => rec.view.get(kept),
		);
		const ids = d.docker('ps', '-aq', '--no-trunc').split('\n').filter(Boolean).sort();
		expect([...rec.view.keys()].sort()).toEqual(ids);
	}, 60_000);
});
