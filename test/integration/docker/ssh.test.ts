import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DockerClient} from '../../../src/sources/docker/client.js';
import {DockerSource} from '../../../src/sources/docker/dockerSource.js';
import {dockerdUnavailable, startDockerd, TEST_IMAGE, type TestDockerd} from '../../helpers/dockerd.js';
import {recordExec} from '../../helpers/execRecorder.js';

// An ssh:// engine the way the docker CLI reaches one: the system ssh running
// `docker system dial-stdio` on the far host. Here `ssh` on PATH is a stand-in that
// records its arguments and runs dial-stdio against this file's private dockerd, so
// everything but the network hop is real: the HTTP over the child's pipes, one child per
// request, the event stream, and ssh's own failure reaching the user.

const why = dockerdUnavailable();

describe.skipIf(why !== undefined)(`Docker over ssh:// ${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let bin: string;
	let calls: string;
	const path0 = process.env['PATH'];

	beforeAll(async () => {
		d = await startDockerd();
		bin = mkdtempSync(path.join(os.tmpdir(), 'kview-ssh-'));
		calls = path.join(bin, 'calls');
		writeFileSync(
			path.join(bin, 'ssh'),
			[
				'#!/bin/sh',
				`echo "$*" >> ${calls}`,
				'for last; do :; done',
				// The far host "refuses" one user, as sshd would without the right key.
				'case "$*" in *"-l nobody"*) echo "nobody@box: Permission denied (publickey)." >&2; exit 255;; esac',
				`exec docker -H unix://${d.socket} system dial-stdio`,
				'',
			].join('\n'),
		);
		chmodSync(path.join(bin, 'ssh'), 0o755);
		process.env['PATH'] = `${bin}:${path0 ?? ''}`;
	}, 120_000);
	afterAll(async () => {
		process.env['PATH'] = path0;
		await d?.close();
		rmSync(bin, {recursive: true, force: true});
	}, 30_000);

	it('speaks the API through ssh and dial-stdio, in batch mode, with the user and port given', async () => {
		const client = new DockerClient({kind: 'ssh', host: 'box', user: 'me', port: 2222}, 'ssh://me@box:2222');
		expect(await client.version()).toMatch(/^1\.\d+$/);
		const containers = await client.get<unknown[]>('/containers/json?all=1');
		expect(Array.isArray(containers)).toBe(true);
		const line = readFileSync(calls, 'utf8').trim().split('\n').at(-1);
		expect(line).toBe(
			'-o BatchMode=yes -o ConnectTimeout=15 -o ServerAliveInterval=15 -o ServerAliveCountMax=3 -T -l me -p 2222 -- box docker system dial-stdio',
		);
	});

	it('reuses a few ssh sessions for a burst of requests instead of a handshake each', async () => {
		const client = new DockerClient({kind: 'ssh', host: 'burst'}, 'ssh://burst');
		const before = readFileSync(calls, 'utf8')
			.split('\n')
			.filter((l) => l.includes(' burst ')).length;
		await client.version();
		for (let round = 0; round < 3; round++)
			await Promise.all(Array.from({length: 10}, () => client.get<unknown[]>('/containers/json?all=1')));
		const sessions =
			readFileSync(calls, 'utf8')
				.split('\n')
				.filter((l) => l.includes(' burst ')).length - before;
		// 31 requests, at most four sessions at once, kept between rounds.
		expect(sessions).toBeGreaterThan(0);
		expect(sessions).toBeLessThanOrEqual(4);
	});

	it('follows the event stream over ssh', async () => {
		const client = new DockerClient({kind: 'ssh', host: 'box'}, 'ssh://box');
		const controller = new AbortController();
		const seen: unknown[] = [];
		const stream = client.stream(
			'/events?filters=' + encodeURIComponent(JSON.stringify({type: ['volume']})),
			(e) => seen.push(e),
			controller.signal,
			() => {
				d.docker('volume', 'create', 'over-ssh');
			},
		);
		const deadline = Date.now() + 10_000;
		while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		controller.abort();
		await stream;
		expect(seen).toContainEqual(expect.objectContaining({Type: 'volume', Action: 'create'}));
	});

	it('runs a shell over ssh: the hijacked connection is a dial-stdio of its own, both ways', async () => {
		const id = d.docker('run', '-d', '--network', 'none', TEST_IMAGE, 'sleep', '600');
		const source = new DockerSource(new DockerClient({kind: 'ssh', host: 'box'}, 'ssh://box'), 'ssh');
		const shell = recordExec(source, {key: id});
		await shell.phase('running');
		shell.session.write('echo via-$((2+3))\r');
		await shell.line('via-5');
		shell.session.write('exit 4\r');
		expect(await shell.phase('exited')).toEqual({phase: 'exited', code: 4});
	});

	it("says ssh's own reason when the host refuses", async () => {
		const client = new DockerClient({kind: 'ssh', host: 'box', user: 'nobody'}, 'ssh://nobody@box');
		await expect(client.version()).rejects.toThrow(/^ssh to ssh:\/\/nobody@box failed: nobody@box: Permission denied \(publickey\)\.$/);
	});
});
