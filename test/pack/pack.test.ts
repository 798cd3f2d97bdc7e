import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/world.js';

// `npm pack` must give a tarball that runs as `npx kview`: the bundle, the data
// files and the launcher, with runtime dependencies only where the bundle cannot
// hold them. npx installs from the npm registry, so this takes a few seconds.
describe('npm pack', () => {
	let tarball = '';
	let empty = '';
	const node22 = path.join(ROOT, 'node_modules', '.bin');

	beforeAll(() => {
		// --ignore-scripts: prepack would rebuild dist/ under the e2e tests running beside this one.
		const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-pack-'));
		execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
		if (!name) throw new Error('npm pack wrote no tarball');
		tarball = path.join(dir, name);
		empty = mkdtempSync(path.join(os.tmpdir(), 'kview-npx-'));
	}, 120_000);

	function npxEnv(withNode22: boolean): NodeJS.ProcessEnv {
		// The system PATH without this repo's node_modules/.bin: npm scripts put Node 22 first.
		const systemPath = (process.env['PATH'] ?? '')
			.split(path.delimiter)
			.filter((p) => !p.includes('node_modules'))
			.join(path.delimiter);
		// The outer npm's npm_* variables would make the inner npx run in its context.
		const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
		return {...env, PATH: withNode22 ? `${node22}${path.delimiter}${systemPath}` : systemPath};
	}

	function npx(args: string[], withNode22: boolean) {
		return spawnSync('npx', ['--yes', `--package=${tarball}`, 'kview', ...args], {
			cwd: empty,
			encoding: 'utf8',
			env: npxEnv(withNode22),
			timeout: 120_000,
		});
	}

	it('carries the bundle, the data files and the launcher, not the sources', () => {
		const list = execFileSync('tar', ['tzf', tarball], {encoding: 'utf8'}).split('\n');
		for (const file of [
			'package/bin/kview.js',
			'package/dist/kview.js',
			'package/dist/usage.js',
			'package/views/pods.json',
			'package/keymaps/vim.json',
			'package/themes/monochrome.json',
		]) {
			expect(list).toContain(file);
		}
		expect(list.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/') || f.endsWith('.map'))).toBe(false);
	});

	it('answers --version and --help through npx on Node 22', () => {
		const version = npx(['--version'], true);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const help = npx(['--help'], true);
		expect(help.stdout).toContain('Usage');
		expect(help.stdout).toContain('--demo');
	}, 180_000);

	it('serves `kview sim` from the tarball: the bundle holds every module the sim needs', async () => {
		// A process group of its own, so the signal reaches kview through npx.
		const child = spawn('npx', ['--yes', `--package=${tarball}`, 'kview', 'sim', '--scenario', 'empty'], {
			cwd: empty,
			env: npxEnv(true),
			detached: true,
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (c: Buffer) => (out += c.toString()));
		child.stderr.on('data', (c: Buffer) => (err += c.toString()));
		const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? String(code))));
		const deadline = Date.now() + 120_000;
		while (!out.includes('kubeconfig:') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
		expect(out, err).toMatch(/kview sim: serving https:\/\/127\.0\.0\.1:\d+/);
		process.kill(-(child.pid ?? 0), 'SIGTERM');
		// npx itself dies of the signal; kview's own clean stop is covered in test/e2e/sim.test.ts.
		expect(['0', 'SIGTERM']).toContain(await exited);
	}, 180_000);

	it('answers --version and --help on the system Node and refuses to run on one older than 22.19', () => {
		const probe = spawnSync('node', ['-p', 'process.versions.node'], {
			encoding: 'utf8',
			env: {
				...process.env,
				PATH: (process.env['PATH'] ?? '')
					.split(path.delimiter)
					.filter((p) => !p.includes('node_modules'))
					.join(path.delimiter),
			},
		});
		const [major = 0, minor = 0] = probe.stdout.trim().split('.').map(Number);
		expect(npx(['--version'], false).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		expect(npx(['--help'], false).stdout).toContain('Usage');
		const run = npx(['--demo'], false);
		if (major < 22 || (major === 22 && minor < 19)) {
			expect(run.status).toBe(1);
			expect(run.stderr).toContain('kview needs Node.js 22.19 or newer');
		}
	}, 180_000);
});
