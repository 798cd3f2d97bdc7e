import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {node22, root} from '../helpers/build.js';
import {bottomLine, setupE2E, waitForTable} from '../helpers/e2e.js';
import {startKview, type Kview} from '../helpers/term.js';

setupE2E();

/** The flash line shows a message naming the config file, and the app still works. */
async function expectConfigNotice(t: Kview, pattern: RegExp): Promise<void> {
	await waitForTable(t);
	// The path may be cut at the terminal's edge; its start and file name are what a user needs.
	await t.waitFor(() => bottomLine(t).includes('config.yaml'));
	const line = bottomLine(t);
	expect(line).toContain(path.join(t.home, '.config', 'kview', 'config.yaml'));
	expect(line).toMatch(pattern);
	// Still running and responsive.
	await t.press('j');
	await t.waitFor(() => t.selectedRow()?.index === 4);
	expect(t.exited()).toBe(false);
}

test('invalid YAML in config.yaml: a message naming the file, and the app runs on the defaults', async () => {
	const t = await startKview({args: ['--demo-memory'], config: 'keymap: [unclosed\n  theme: {\n', cols: 160, rows: 30});
	await expectConfigNotice(t, /YAML/i);
});

test('an unknown field in config.yaml: a message naming the file and the field', async () => {
	const t = await startKview({args: ['--demo-memory'], config: 'colour: red\n', cols: 160, rows: 30});
	await expectConfigNotice(t, /colour/);
	expect(bottomLine(t)).toMatch(/unknown/i);
});

test('a field of the wrong type in config.yaml is reported and ignored', async () => {
	const t = await startKview({args: ['--demo-memory'], config: 'readonly: "yes please"\n', cols: 160, rows: 30});
	await expectConfigNotice(t, /readonly/);
	expect(t.line(0)).not.toContain('[readonly]');
});

/** Runs kview with pipes (not a TTY) and returns what it printed. */
function runPiped(args: string[]): {status: number | null; stdout: string; stderr: string} {
	const home = mkdtempSync(path.join(os.tmpdir(), 'kview-e2e-'));
	try {
		const result = spawnSync(node22, [path.join(root, 'bin/kview.js'), ...args], {
			env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')},
			encoding: 'utf8',
			timeout: 10_000,
		});
		return {status: result.status, stdout: result.stdout, stderr: result.stderr};
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}

test('kview with no kubeconfig and no Docker engine prints one line and exits non-zero, without taking over the screen', async () => {
	const t = await startKview({args: [], env: {DOCKER_HOST: 'unix:///nonexistent/docker.sock'}, cols: 120, rows: 30});
	const {exitCode} = await t.waitForExit(10_000);
	expect(exitCode).not.toBe(0);
	const lines = t
		.raw()
		.split('\r\n')
		.filter((l) => l !== '');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(/^kview: no kubeconfig found and no Docker engine at unix:\/\/\/nonexistent\/docker\.sock: .*--demo$/);
	expect(t.raw()).not.toContain('\x1b[?1049h');
	expect(t.isAlternateScreen()).toBe(false);
});

test('without a terminal, the message goes to stderr as one line (stdout stays empty)', () => {
	const result = runPiped([]);
	expect(result.status).not.toBe(0);
	expect(result.status).not.toBeNull();
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatch(/^kview: [^\n]+\n$/);
});

test('--view nosuch exits 2 with one line', async () => {
	const t = await startKview({args: ['--demo-memory', '--view', 'nosuch'], cols: 120, rows: 30});
	const {exitCode} = await t.waitForExit(10_000);
	expect(exitCode).toBe(2);
	const lines = t
		.raw()
		.split('\r\n')
		.filter((l) => l !== '');
	expect(lines).toEqual(['kview: no view called "nosuch"']);
	expect(t.raw()).not.toContain('\x1b[?1049h');
});
