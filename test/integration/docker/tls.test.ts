import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DockerClient} from '../../../src/sources/docker/client.js';
import {resolveEngines, nodeEngineFs} from '../../../src/sources/docker/engines.js';
import {dockerEngines} from '../../../src/sources/docker/index.js';
import {dockerdUnavailable, startDockerd, TEST_IMAGE, type TestDockerd} from '../../helpers/dockerd.js';
import {writeDockerTls} from '../../helpers/dockerTls.js';
import {recordExec} from '../../helpers/execRecorder.js';

// tcp:// with TLS, as DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH set it up, against a real
// dockerd started with --tlsverify: the client certificate is required, the server's is checked.

const why = dockerdUnavailable();

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

describe.skipIf(why !== undefined)(`Docker over tcp:// with TLS${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let dir: string;
	let port: number;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'kview-tls-'));
		await writeDockerTls(dir);
		port = await freePort();
		d = await startDockerd({
			args: [
				'--tlsverify',
				'--tlscacert',
				path.join(dir, 'ca.pem'),
				'--tlscert',
				path.join(dir, 'server-cert.pem'),
				'--tlskey',
				path.join(dir, 'server-key.pem'),
				'-H',
				`tcp://127.0.0.1:${port}`,
			],
		});
		d.docker('run', '-d', '--network', 'none', '--name', 'over-tls', TEST_IMAGE, '/bin/sleep', '600');
	}, 120_000);
	afterAll(async () => {
		await d?.close();
		rmSync(dir, {recursive: true, force: true});
	}, 30_000);

	it('reaches the engine the docker CLI way: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
		const env = {DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir};
		// A home under dir, which afterAll removes.
		const resolution = resolveEngines(env, nodeEngineFs, mkdtempSync(path.join(dir, 'home-')));
		expect(resolution.errors).toEqual([]);
		const source = dockerEngines(resolution).open();
		const containers = await source.client.get<{Names: string[]}[]>('/containers/json');
		expect(containers.map((c) => c.Names[0])).toEqual(['/over-tls']);
	});

	it('runs a shell over TLS: the hijacked connection is the TLS socket itself', async () => {
		const env = {DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir};
		// A home under dir, which afterAll removes.
		const resolution = resolveEngines(env, nodeEngineFs, mkdtempSync(path.join(dir, 'home-')));
		const shell = recordExec(dockerEngines(resolution).open(), {key: 'over-tls'});
		await shell.phase('running');
		shell.session.write('echo via-$((2+3))\r');
		await shell.line('via-5');
		shell.session.write('exit 4\r');
		expect(await shell.phase('exited')).toEqual({phase: 'exited', code: 4});
	});

	it('says so when the engine wants a client certificate and gets none', async () => {
		const client = new DockerClient(
			{kind: 'tcp', host: '127.0.0.1', port, tls: {ca: readFileSync(path.join(dir, 'ca.pem')), verify: true}},
			`tcp://127.0.0.1:${port}`,
		);
		const error = await client.version().catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			`tcp://127.0.0.1:${port} refused kview's client certificate: check cert.pem and key.pem in DOCKER_CERT_PATH (or the context's TLS files)`,
		);
	});

	it('refuses an engine whose certificate its CA did not sign', async () => {
		const other = path.join(dir, 'other');
		mkdirSync(other);
		await writeDockerTls(other, 'some other CA');
		const client = new DockerClient(
			{
				kind: 'tcp',
				host: '127.0.0.1',
				port,
				tls: {
					ca: readFileSync(path.join(other, 'ca.pem')),
					cert: readFileSync(path.join(dir, 'cert.pem')),
					key: readFileSync(path.join(dir, 'key.pem')),
					verify: true,
				},
			},
			`tcp://127.0.0.1:${port}`,
		);
		await expect(client.version()).rejects.toThrow(
			/^the certificate of tcp:\/\/127\.0\.0\.1:\d+ is not trusted \([A-Z_]+\): check ca\.pem in DOCKER_CERT_PATH \(or the context's TLS files\)$/,
		);
	});
});
