import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connectionMessage, DockerClient, DockerError, MAX_API_VERSION} from '../../../src/sources/docker/client.js';
import {dockerdUnavailable, startDockerd, TEST_IMAGE, type TestDockerd} from '../../helpers/dockerd.js';

// kview's Docker client against a real dockerd the test starts on a private socket.

const why = dockerdUnavailable();

describe.skipIf(why !== undefined)(`DockerClient against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let client: DockerClient;

	beforeAll(async () => {
		d = await startDockerd();
		client = new DockerClient({kind: 'unix', path: d.socket}, `unix://${d.socket}`);
	}, 90_000);
	afterAll(async () => {
		await d.close();
	}, 30_000);

	it('agrees an API version no newer than kview speaks', async () => {
		const version = await client.version();
		expect(version).toMatch(/^1\.\d+$/);
		expect(Number(version.split('.')[1])).toBeLessThanOrEqual(Number(MAX_API_VERSION.split('.')[1]));
	});

	it('lists containers with their compose labels, as JSON', async () => {
		const id = d.docker(
			'run',
			'-d',
			'--network',
			'none',
			'--name',
			'shop_web_1',
			'--label',
			'com.docker.compose.project=shop',
			'--label',
			'com.docker.compose.service=web',
			TEST_IMAGE,
			'/bin/sleep',
			'300',
		);
		const list = await client.get<{Id: string; Names: string[]; Labels: Record<string, string>; State: string}[]>('/containers/json?all=1');
		const web = list.find((c) => c.Id === id);
		expect(web).toMatchObject({Names: ['/shop_web_1'], State: 'running', Labels: {'com.docker.compose.project': 'shop'}});
		d.docker('rm', '-f', id);
	});

	it('follows /events: a container started outside kview is announced, line by line', async () => {
		const controller = new AbortController();
		const seen: {Type?: string; Action?: string; Actor?: {Attributes?: Record<string, string>}}[] = [];
		let opened!: () => void;
		const open = new Promise<void>((resolve) => (opened = resolve));
		const done = client
			.stream(
				'/events',
				(event) => seen.push(event as (typeof seen)[number]),
				controller.signal,
				() => opened(),
			)
			.catch((error: unknown) => {
				if (!(error instanceof Error) || error.name !== 'AbortError') throw error;
			});
		await open;
		const id = d.docker('run', '-d', '--network', 'none', '--name', 'watched', TEST_IMAGE, '/bin/sleep', '300');
		const deadline = Date.now() + 10_000;
		while (!seen.some((e) => e.Type === 'container' && e.Action === 'start' && e.Actor?.Attributes?.['name'] === 'watched')) {
			if (Date.now() > deadline) throw new Error(`no start event: ${JSON.stringify(seen)}`);
			await new Promise((r) => setTimeout(r, 50));
		}
		controller.abort();
		await done;
		d.docker('rm', '-f', id);
	});

	it('gives the engine’s own message for a failed call', async () => {
		await expect(client.get('/containers/no-such-container/json')).rejects.toThrow(/No such container: no-such-container/);
		await expect(client.get('/containers/no-such-container/json')).rejects.toMatchObject({status: 404});
	});
});

describe('DockerClient without an engine', () => {
	it('says plainly that nothing listens at the socket', async () => {
		const client = new DockerClient({kind: 'unix', path: '/nonexistent/docker.sock'}, 'unix:///nonexistent/docker.sock');
		const error = await client.version().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DockerError);
		expect((error as Error).message).toBe(
			'no Docker engine at unix:///nonexistent/docker.sock (is dockerd running? DOCKER_HOST and the docker context choose another)',
		);
	});

	it('tells a user refused by the socket how to fix it', () => {
		const denied = Object.assign(new Error('connect EACCES /var/run/docker.sock'), {code: 'EACCES'});
		expect(connectionMessage(denied, 'unix:///var/run/docker.sock')).toBe(
			'permission denied on unix:///var/run/docker.sock: add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or set DOCKER_HOST to an engine you may use',
		);
	});

	it('refuses an engine older than API 1.24, saying so once and for good', async () => {
		// Only the version answer is needed: a stand-in speaking for a Docker 1.11 engine.
		const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-old-'));
		const socket = path.join(dir, 'old.sock');
		const server = http.createServer((req, res) => {
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify({Version: '1.11.2', ApiVersion: '1.23'}));
		});
		await new Promise<void>((resolve) => server.listen(socket, resolve));
		try {
			const client = new DockerClient({kind: 'unix', path: socket}, `unix://${socket}`);
			const error = await client.get('/containers/json').catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DockerError);
			expect(error).toMatchObject({
				message: `the Docker engine at unix://${socket} speaks API 1.23; kview needs 1.24 or newer (Docker 1.12+)`,
				permanent: true,
			});
		} finally {
			await new Promise((resolve) => server.close(resolve));
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
