import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import {DockerClient} from '../../src/sources/docker/client.js';
import {DockerSource} from '../../src/sources/docker/dockerSource.js';
import type {Subscription} from '../../src/sources/types.js';

/** The image every test container runs: a busybox rootfs imported with `docker import` (no registry needed). */
export const TEST_IMAGE = 'kview-busybox:test';

/** A private Docker engine for one test file. */
export type TestDockerd = {
	readonly socket: string;
	/** The docker CLI against this engine; returns stdout, throws with stderr on failure. */
	readonly docker: (...args: string[]) => string;
	/** Stops the engine (its socket goes away); `start` brings it back on the same socket and data. */
	readonly stop: () => Promise<void>;
	readonly start: () => Promise<void>;
	readonly close: () => Promise<void>;
};

function which(name: string): string | undefined {
	const found = spawnSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'});
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Why the Docker tests cannot run here, or undefined when they can (dockerd, docker, busybox and root). */
export function dockerdUnavailable(): string | undefined {
	if (process.platform !== 'linux') return 'dockerd tests run on Linux only';
	if (process.getuid?.() !== 0) return 'dockerd tests need root (a private dockerd is started)';
	for (const tool of ['dockerd', 'docker', 'busybox'])
		if (!which(tool)) return `${tool} is not installed (apt-get install docker.io busybox-static)`;
	return undefined;
}

/** Waits until the engine answers (its socket can exist a moment before it does). */
async function waitForEngine(socket: string, daemon: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (daemon.exitCode !== null) throw new Error(`dockerd exited ${daemon.exitCode}:\n${log()}`);
		// A timeout on each probe: an engine that accepts the connection but never answers must not block the worker.
		if (existsSync(socket) && spawnSync('docker', ['-H', `unix://${socket}`, 'version'], {stdio: 'ignore', timeout: 5000}).status === 0)
			return;
		if (Date.now() > deadline) throw new Error(`dockerd did not start in 30 s:\n${log()}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Starts dockerd on a private socket with its own data and exec roots (vfs storage,
 * no bridge, no iptables: nothing of the host is touched) and imports TEST_IMAGE
 * from a busybox-static rootfs. DESIGN.md "Docker for tests". `args` adds dockerd options.
 */
export async function startDockerd(options: {readonly args?: readonly string[]} = {}): Promise<TestDockerd> {
	// Short: a unix socket path is limited to about 100 bytes.
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kvd-'));
	const socket = path.join(dir, 'd.sock');
	let output = '';
	const args = [
		'--data-root',
		path.join(dir, 'data'),
		'--exec-root',
		path.join(dir, 'exec'),
		'--pidfile',
		path.join(dir, 'pid'),
		'-H',
		`unix://${socket}`,
		'--storage-driver',
		'vfs',
		'--iptables=false',
		'--ip-masq=false',
		'--bridge=none',
		// Containers get a second to stop when the engine does, not ten: tests stop it on purpose.
		'--shutdown-timeout',
		'1',
		// More listeners (a TLS tcp host) and the like.
		...(options.args ?? []),
	];
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
	const launch = () => {
		const child = spawn('dockerd', args, {stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		return child;
	};
	let daemon = launch();
	const docker = (...args: string[]) =>
		execFileSync('docker', ['-H', `unix://${socket}`, ...args], {encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe']});
	const stop = async () => {
		if (daemon.exitCode !== null || daemon.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
		daemon.kill('SIGTERM');
		const timer = setTimeout(() => daemon.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	};
	const start = async () => {
		// A socket left by the last run would look ready before the new engine is.
		rmSync(socket, {force: true});
		daemon = launch();
		await waitForEngine(socket, daemon, () => output);
	};
	const close = async () => {
		// A stopped dockerd leaves its networks' bridge interfaces on the host, and each test run's would add
		// up until Docker finds no free address pool. Take the networks down while it runs; remove what is left after.
		const bridges: string[] = [];
		if (daemon.exitCode === null && daemon.signalCode === null) {
			const cli = (...args: string[]) =>
				spawnSync('docker', ['-H', `unix://${socket}`, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).stdout ?? '';
			for (const line of cli('network', 'ls', '--no-trunc', '--filter', 'driver=bridge', '--format', '{{.ID}} {{.Name}}').split('\n')) {
				const [id, name] = line.split(' ');
				if (id) bridges.push(name === 'docker_gwbridge' ? name : `br-${id.slice(0, 12)}`);
			}
			const containers = cli('ps', '-aq').split('\n').filter(Boolean);
			if (containers.length > 0) cli('rm', '-f', ...containers);
			cli('swarm', 'leave', '--force');
			cli('network', 'prune', '-f');
		}
		await stop();
		for (const bridge of bridges) spawnSync('ip', ['link', 'delete', bridge], {stdio: 'ignore'});
		// dockerd may leave mounts (a container's shm) under its roots; they must go before the files can.
		spawnSync('sh', ['-c', `awk '{print $2}' /proc/mounts | grep '^${dir}/' | sort -r | xargs -r umount -l`]);
		rmSync(dir, {recursive: true, force: true});
	};
	try {
		try {
			await waitForEngine(socket, daemon, () => output);
		} catch (first) {
			// Once, a dockerd started beside others hung before answering (a fresh clone's run): give it one more start,
			// and if that fails too report the first failure, with the engine's log.
			if (daemon.exitCode === null && daemon.signalCode === null) {
				const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
				daemon.kill('SIGKILL');
				await exited;
			}
			try {
				await start();
			} catch {
				throw first;
			}
		}
		const root = path.join(dir, 'rootfs');
		mkdirSync(path.join(root, 'bin'), {recursive: true});
		const busybox = which('busybox') ?? '/bin/busybox';
		copyFileSync(busybox, path.join(root, 'bin', 'busybox'));
		for (const applet of ['sh', 'ls', 'cat', 'echo', 'sleep', 'env', 'ps', 'top', 'true', 'false', 'yes'])
			symlinkSync('busybox', path.join(root, 'bin', applet));
		const tar = spawnSync('tar', ['-C', root, '-c', '.'], {maxBuffer: 64 * 1024 * 1024});
		execFileSync('docker', ['-H', `unix://${socket}`, 'import', '-', TEST_IMAGE], {
			input: tar.stdout,
			stdio: ['pipe', 'pipe', 'pipe'],
			timeout: 60_000,
		});
	} catch (error) {
		await close();
		throw error;
	}
	return {socket, docker: (...args) => docker(...args).trim(), stop, start, close};
}

/**
 * Runs a container labelled as docker compose labels its own (project, service), sleeping, on
 * `network`, with `extra` docker run options; returns its id.
 */
export function runComposeContainer(d: TestDockerd, project: string, service: string, network: string, ...extra: string[]): string {
	return d.docker(
		'run',
		'-d',
		'--network',
		network,
		'--name',
		`${project}-${service}-1`,
		'--label',
		`com.docker.compose.project=${project}`,
		'--label',
		`com.docker.compose.service=${service}`,
		...extra,
		TEST_IMAGE,
		'/bin/sleep',
		'600',
	);
}

/** A Docker source on the test engine that retries and flushes stats quickly (real use waits seconds). */
export function quickSource(d: TestDockerd): DockerSource {
	return new DockerSource(new DockerClient({kind: 'unix', path: d.socket}, `unix://${d.socket}`), 'test', {
		initialBackoffMs: 100,
		maxBackoffMs: 500,
		random: () => 0.5,
		statsFlushMs: 200,
	});
}

/**
 * A private engine and a quick source on it for one describe block: started before its tests,
 * its feeds stopped and the engine closed after. `setup` prepares what every test there needs.
 */
export function useQuickEngine(setup?: (d: TestDockerd) => void): {
	readonly d: TestDockerd;
	readonly source: DockerSource;
	readonly subscriptions: Subscription[];
} {
	const held: {d?: TestDockerd; source?: DockerSource} = {};
	const subscriptions: Subscription[] = [];
	beforeAll(async () => {
		held.d = await startDockerd();
		held.source = quickSource(held.d);
		setup?.(held.d);
	}, 120_000);
	afterAll(async () => {
		for (const s of subscriptions.splice(0)) s.stop();
		await held.d?.close();
	}, 30_000);
	return {
		get d() {
			if (!held.d) throw new Error('the engine starts in beforeAll');
			return held.d;
		},
		get source() {
			if (!held.source) throw new Error('the engine starts in beforeAll');
			return held.source;
		},
		subscriptions,
	};
}
