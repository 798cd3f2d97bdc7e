import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {ensureBuilt, node22, root} from '../helpers/build.js';

// `kview sim` as a user runs it: the real binary, its output, its kubeconfig, its exit.
const bin = path.join(root, 'bin', 'kview.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-sim-cli-'));

type Running = {
	out: () => string;
	err: () => string;
	exited: Promise<{code: number | null; ms: number}>;
	signal: (s: NodeJS.Signals) => number;
};

function start(args: string[]): Running {
	const child = spawn(node22, [bin, 'sim', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	let signalledAt = 0;
	child.stdout.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr.on('data', (c: Buffer) => (err += c.toString()));
	return {
		out: () => out,
		err: () => err,
		exited: new Promise((resolve) => child.on('exit', (code) => resolve({code, ms: performance.now() - signalledAt}))),
		signal: (s) => {
			signalledAt = performance.now();
			child.kill(s);
			return signalledAt;
		},
	};
}

async function until(test: () => boolean, what: string, ms = 20_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!test()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

function run(args: string[]) {
	return spawnSync(node22, [bin, 'sim', ...args], {encoding: 'utf8', timeout: 30_000});
}

beforeAll(ensureBuilt, 120_000);

describe('kview sim', () => {
	it.each(['SIGINT', 'SIGTERM'] as const)(
		'serves, writes a private kubeconfig with both contexts, and stops cleanly on %s',
		async (signal) => {
			const kubeconfig = path.join(dir, `${signal}.kubeconfig`);
			const sim = start(['--scenario', 'empty', '--kubeconfig-out', kubeconfig]);
			await until(() => sim.out().includes('ctrl-c stops it'), 'the sim to serve');
			const url = /kview sim: serving (https:\/\/127\.0\.0\.1:\d+)/.exec(sim.out())?.[1];
			expect(url).toBeTruthy();
			expect(sim.out()).toContain(`kubeconfig: ${kubeconfig} (contexts kview-sim, kview-sim-restricted)`);
			expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
			const config = parse(readFileSync(kubeconfig, 'utf8')) as {
				'current-context': string;
				contexts: {name: string}[];
				clusters: {cluster: {server: string}}[];
			};
			expect(config['current-context']).toBe('kview-sim');
			expect(config.contexts.map((c) => c.name)).toEqual(['kview-sim', 'kview-sim-restricted']);
			expect(config.clusters[0]?.cluster.server).toBe(url);
			sim.signal(signal);
			const {code, ms} = await sim.exited;
			expect(code).toBe(0);
			expect(ms).toBeLessThan(2000);
			expect(sim.err()).toBe('');
		},
	);

	it('a port in use is a one-line error and exit 2', async () => {
		const blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		const port = (blocker.address() as {port: number}).port;
		try {
			const result = run(['--scenario', 'empty', '--port', String(port)]);
			expect(result.status).toBe(2);
			expect(result.stderr.trim()).toBe(`kview: port ${port} is in use; pick another with --port or leave it out`);
		} finally {
			blocker.close();
		}
	});

	it('a missing scenario file, too many pods and an unknown option are one-line errors and exit 2', () => {
		const missing = run(['--scenario', path.join(dir, 'nope.yaml')]);
		expect(missing.status).toBe(2);
		expect(missing.stderr.trim()).toBe(`kview: scenario file not found: ${path.join(dir, 'nope.yaml')}`);
		const many = run(['--pods', '60000']);
		expect(many.status).toBe(2);
		expect(many.stderr.trim()).toBe('kview: --pods must be between 0 and 50000');
		const unknown = run(['--pod', '5']);
		expect(unknown.status).toBe(2);
		expect(unknown.stderr.trim()).toBe('kview: unknown option --pod (see kview --help)');
	});

	it('a scenario file that is not Kubernetes YAML is a one-line error naming the file', () => {
		const bad = path.join(dir, 'bad.yaml');
		writeFileSync(bad, 'kind: [unclosed\n');
		const result = run(['--scenario', bad]);
		expect(result.status).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(bad);
	});

	it('--help describes the sim options', () => {
		const result = run(['--help']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('--kubeconfig-out FILE');
		expect(result.stdout).toContain('--churn R');
	});
});
