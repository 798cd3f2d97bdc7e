import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {DockerClient} from '../../../src/sources/docker/client.js';
import {DockerSource} from '../../../src/sources/docker/dockerSource.js';
import {feedRecorder, until} from '../../helpers/feedRecorder.js';

// What no real engine does on demand: a list that fails while the event stream keeps
// flowing. A stand-in engine on a unix socket answers /images/json with a 500 once; the
// view must say why and recover by itself, not wait in "connecting" forever.

describe('the Docker mirror when a list fails under a healthy event stream', () => {
	const cleanups: (() => Promise<void> | void)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});

	it('reports the failure, backs off and lists again', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-flaky-'));
		const socket = path.join(dir, 'engine.sock');
		let imageLists = 0;
		const streams = new Set<http.ServerResponse>();
		const server = http.createServer((req, res) => {
			const url = req.url ?? '';
			res.setHeader('Content-Type', 'application/json');
			if (url === '/version') return res.end(JSON.stringify({ApiVersion: '1.41'}));
			if (url.startsWith('/v1.41/events')) {
				streams.add(res);
				res.flushHeaders();
				return;
			}
			if (url.startsWith('/v1.41/containers/json')) return res.end('[]');
			if (url.startsWith('/v1.41/images/json')) {
				imageLists++;
				if (imageLists === 1) {
					res.statusCode = 500;
					return res.end(JSON.stringify({message: 'the image store is busy'}));
				}
				return res.end(JSON.stringify([{Id: 'sha256:' + 'a'.repeat(64), RepoTags: ['app:1'], Created: 1, Size: 1000}]));
			}
			res.statusCode = 404;
			res.end(JSON.stringify({message: `no ${url}`}));
		});
		await new Promise<void>((resolve) => server.listen(socket, resolve));
		cleanups.push(
			() => rmSync(dir, {recursive: true, force: true}),
			() => new Promise<void>((resolve) => server.close(() => resolve())),
			() => {
				for (const res of streams) res.destroy();
			},
		);

		const source = new DockerSource(new DockerClient({kind: 'unix', path: socket}, `unix://${socket}`), 'flaky', {
			initialBackoffMs: 100,
			maxBackoffMs: 200,
			random: () => 0.5,
			statsFlushMs: 200,
		});
		const rec = feedRecorder();
		const subscription = source.watch('images', {}, rec.sink);
		cleanups.push(() => subscription.stop());
		await until(
			'live',
			() => rec.states.at(-1)?.phase === 'live',
			() => rec.states,
			5000,
		);
		expect(rec.states).toContainEqual(expect.objectContaining({phase: 'reconnecting', reason: 'the image store is busy'}));
		expect([...rec.view.keys()]).toEqual(['app:1']);
		expect(imageLists).toBe(2);
	});
});
