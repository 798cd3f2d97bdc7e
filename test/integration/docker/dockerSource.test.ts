import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DockerClient} from '../../../src/sources/docker/client.js';
import {DockerSource} from '../../../src/sources/docker/dockerSource.js';
import type {Change, ConnectionState, ResourceObject, Subscription} from '../../../src/sources/types.js';
import {dockerdUnavailable, startDockerd, TEST_IMAGE, type TestDockerd} from '../../helpers/dockerd.js';

// The Docker source against a real dockerd: a list, then /events keeping the feed
// true to the engine, through a restart of the engine itself.

const why = dockerdUnavailable();

type Docker = {state?: string; project?: string; service?: string; image?: string};

function recorder() {
	const view = new Map<string, ResourceObject>();
	const states: ConnectionState[] = [];
	return {
		view,
		states,
		sink: {
			changes: (changes: readonly Change[]) => {
				for (const c of changes) {
					if (c.type === 'reset') {
						view.clear();
						for (const [k, o] of c.objects) view.set(k, o);
					} else if (c.type === 'delete') view.delete(c.key);
					else view.set(c.key, c.object);
				}
			},
			state: (s: ConnectionState) => states.push(s),
		},
	};
}

const dockerOf = (o: ResourceObject | undefined) => o?.['docker'] as Docker | undefined;

async function until(what: string, probe: () => boolean, detail: () => unknown = () => '', ms = 15_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!probe()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(detail())}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe.skipIf(why !== undefined)(`DockerSource against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let source: DockerSource;
	const subscriptions: Subscription[] = [];

	beforeAll(async () => {
		d = await startDockerd();
		source = new DockerSource(new DockerClient({kind: 'unix', path: d.socket}, `unix://${d.socket}`), 'test', {
			initialBackoffMs: 100,
			maxBackoffMs: 500,
			random: () => 0.5,
			statsFlushMs: 200,
		});
	}, 90_000);
	afterAll(async () => {
		for (const s of subscriptions) s.stop();
		await d.close();
	}, 30_000);

	const run = (name: string, ...labels: string[]) =>
		d.docker('run', '-d', '--network', 'none', '--name', name, ...labels.flatMap((l) => ['--label', l]), TEST_IMAGE, '/bin/sleep', '600');

	it('lists what is there, compose labels as the project and service', async () => {
		const id = run('shop_web_1', 'com.docker.compose.project=shop', 'com.docker.compose.service=web');
		const rec = recorder();
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
		const rec = recorder();
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
		const rec = recorder();
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
