import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse as parseYaml, stringify} from 'yaml';
import {startSim, type RunningSim} from '../../src/sim/index.js';
import {bundle, ensureBuilt, node22, root} from '../helpers/build.js';
import {runDump, type DumpRun} from '../helpers/dump.js';

// `kview dump` as a script runs it: the real binary, stdout and stderr pipes (no terminal),
// against a simulated cluster in this process.

const bin = path.join(root, 'bin', 'kview.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-dump-e2e-'));

function dump(args: readonly string[], timeoutMs = 20_000): Promise<DumpRun> {
	return runDump(args, dir, timeoutMs);
}

/** The text table split into rows of cells (columns are three or more spaces apart; headers may hold one). */
function table(stdout: string): {header: string[]; rows: string[][]} {
	const [first = '', ...rest] = stdout.trimEnd().split('\n');
	return {header: first.split(/ {3,}/), rows: rest.map((line) => line.split(/ {2,}/))};
}

function oneLine(text: string): void {
	expect(text.endsWith('\n')).toBe(true);
	expect(text.trimEnd().split('\n')).toHaveLength(1);
	expect(text).not.toMatch(/\n\s+at /);
}

let sim: RunningSim;
let kubeconfig = '';

beforeAll(async () => {
	await ensureBuilt();
	kubeconfig = path.join(dir, 'kubeconfig');
	sim = await startSim({scenario: 'demo', kubeconfigOut: kubeconfig});
	// The demo settles in a few seconds: wait until the shop's three frontends run.
	const deadline = Date.now() + 20_000;
	for (;;) {
		const {stdout} = await dump(['pods', '-n', 'shop', '--kubeconfig', kubeconfig]);
		if (stdout.split('\n').filter((l) => /^frontend-\S+\s+1\/1\s+Running\s/.test(l)).length === 3) break;
		if (Date.now() > deadline) throw new Error(`the demo did not settle:\n${stdout}`);
		await new Promise((r) => setTimeout(r, 300));
	}
}, 120_000);

afterAll(async () => {
	await sim.close();
	rmSync(dir, {recursive: true, force: true});
});

describe('kview dump', () => {
	it('prints the pods of one namespace as kubectl get does, with no terminal', async () => {
		const result = await dump(['pods', '-n', 'shop', '--kubeconfig', kubeconfig]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const {header, rows} = table(result.stdout);
		expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
		expect(rows.filter((r) => /^frontend-/.test(r[0] ?? ''))).toHaveLength(3);
		expect(rows.map((r) => r[0])).toContain('postgres-0');
		// Sorted by NAME, as the view's table.
		const names = rows.map((r) => r[0] ?? '');
		expect(names).toEqual([...names].sort());
		for (const line of result.stdout.split('\n')) expect(line).toBe(line.trimEnd());
		expect(result.stdout).not.toContain('\u001b');
	});

	it('takes an alias, and the context namespace when -n is not given', async () => {
		const config = parseYaml(readFileSync(kubeconfig, 'utf8')) as {contexts: {name: string; context: Record<string, string>}[]};
		for (const c of config.contexts) c.context['namespace'] = 'payments';
		const withNamespace = path.join(dir, 'kubeconfig-payments');
		writeFileSync(withNamespace, stringify(config), {mode: 0o600});
		const result = await dump(['po', '--kubeconfig', withNamespace]);
		expect(result.code).toBe(0);
		const {header, rows} = table(result.stdout);
		expect(header[0]).toBe('NAME');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => !/^frontend-/.test(r[0] ?? ''))).toBe(true);
	});

	it('-A adds the NAMESPACE column and lists every namespace', async () => {
		const result = await dump(['pods', '-A', '--kubeconfig', kubeconfig]);
		expect(result.code).toBe(0);
		const {header, rows} = table(result.stdout);
		expect(header).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
		const namespaces = new Set(rows.map((r) => r[0]));
		for (const ns of ['shop', 'payments', 'monitoring']) expect(namespaces).toContain(ns);
	});

	it('-o wide adds the wide columns', async () => {
		const result = await dump(['pods', '-n', 'shop', '-o', 'wide', '--kubeconfig', kubeconfig]);
		expect(result.code).toBe(0);
		const {header, rows} = table(result.stdout);
		expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
		const frontend = rows.find((r) => /^frontend-/.test(r[0] ?? ''));
		expect(frontend?.[5]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
		expect(frontend?.[6]).toMatch(/^kview-/);
	});

	it('-o json prints an array of row objects, wide columns included', async () => {
		const result = await dump(['deploy', '-A', '--output', 'json', '--kubeconfig', kubeconfig]);
		expect(result.code).toBe(0);
		const rows = JSON.parse(result.stdout) as Record<string, string>[];
		const frontend = rows.find((r) => r['NAME'] === 'frontend');
		expect(frontend).toMatchObject({NAMESPACE: 'shop', NAME: 'frontend', READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3'});
		expect(Object.keys(frontend ?? {})).toEqual([
			'NAMESPACE',
			'NAME',
			'READY',
			'UP-TO-DATE',
			'AVAILABLE',
			'AGE',
			'CONTAINERS',
			'IMAGES',
			'SELECTOR',
		]);
	});

	it('says "No resources found" on stderr and exits 0 for an empty namespace', async () => {
		const result = await dump(['pods', '-n', 'nothing-here', '--kubeconfig', kubeconfig]);
		expect(result).toMatchObject({code: 0, stdout: '', stderr: 'No resources found in nothing-here namespace.\n'});
	});

	it('also reads the in-memory demo world (--demo-memory)', async () => {
		const result = await dump(['pods', '--demo-memory']);
		expect(result.code).toBe(0);
		expect(table(result.stdout).header[0]).toBe('NAMESPACE');
	});
});

describe('kview dump refuses and fails in one line', () => {
	it('a name that is neither a view nor a kind the cluster serves: usage error, exit 2', async () => {
		// Unknown to kview's views, the name is asked of the cluster (it may be a CRD) before it is refused.
		const result = await dump(['nope', '--kubeconfig', kubeconfig]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^kview: no view called "nope"/);
	});

	it.each([
		[[], /^kview: kview dump needs a view/],
		[['pods', 'nodes'], /^kview: kview dump takes one view/],
		[['pods', '-o', 'yaml'], /^kview: unknown output format "yaml"/],
		[['pods', '-x'], /^kview: unknown option -x/],
	])('kview dump %j: usage error, exit 2', async (args, message) => {
		const result = await dump(args);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		oneLine(result.stderr);
		expect(result.stderr).toMatch(message);
	});

	it('-o without dump is a usage error', async () => {
		const result = await new Promise<number | null>((resolve) => {
			const child = spawn(node22, [bin, '-o', 'wide'], {stdio: 'ignore', env: {...process.env, HOME: dir}});
			child.on('close', resolve);
		});
		expect(result).toBe(2);
	});

	it('a 403 on the kind fails at once (restricted context, secrets)', async () => {
		const result = await dump(['secrets', '-A', '--kubeconfig', kubeconfig, '--context', 'kview-sim-restricted']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		oneLine(result.stderr);
		expect(result.stderr).toMatch(/^kview: secrets is forbidden: /);
		expect(result.ms).toBeLessThan(5000);
	});

	it('a server that is not there fails within about 10 s', async () => {
		const port = await new Promise<number>((resolve) => {
			const server = createServer();
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
		const dead = path.join(dir, 'kubeconfig-dead');
		writeFileSync(dead, readFileSync(kubeconfig, 'utf8').replace(/https:\/\/127\.0\.0\.1:\d+/, `https://127.0.0.1:${port}`), {
			mode: 0o600,
		});
		const result = await dump(['pods', '--kubeconfig', dead], 30_000);
		expect(result.code).toBe(1);
		oneLine(result.stderr);
		expect(result.stderr).toMatch(/^kview: cannot reach https:\/\/127\.0\.0\.1:\d+: connection refused.*gave up after \d+ s/);
		expect(result.ms).toBeLessThan(12_000);
	}, 30_000);

	it('a kubeconfig that does not exist is a usage error', async () => {
		const result = await dump(['pods', '--kubeconfig', path.join(dir, 'missing')]);
		expect(result.code).toBe(2);
		oneLine(result.stderr);
		expect(result.stderr).toMatch(/does not exist/);
	});
});

describe('the dump path stays light', () => {
	/** The chunks a bundle file imports statically, transitively. */
	function staticClosure(file: string, seen = new Set<string>()): Set<string> {
		if (seen.has(file)) return seen;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/\bfrom\s*"(\.\.?\/[^"]+)"/g)) staticClosure(path.resolve(path.dirname(file), m[1] ?? ''), seen);
		return seen;
	}

	it('loads neither React nor Ink: the dump chunk and what it imports hold no React', () => {
		const main = readFileSync(bundle, 'utf8');
		const lazy = [...main.matchAll(/import\("(\.\/chunks\/[^"]+)"\)/g)].map((m) => m[1] ?? '');
		const dumpChunk = lazy.find((p) => /\/dump-[^/]+\.js$/.test(p));
		expect(dumpChunk, 'kview.js imports the dump chunk lazily').toBeTruthy();
		const files = staticClosure(path.resolve(path.dirname(bundle), dumpChunk ?? ''), staticClosure(bundle));
		for (const file of files) expect(readFileSync(file, 'utf8'), path.basename(file)).not.toMatch(/Symbol\.for\("react\./);
	});
});
