import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {dockerdUnavailable, runComposeContainer, startDockerd, TEST_IMAGE, type TestDockerd} from '../helpers/dockerd.js';
import {node22, root} from '../helpers/build.js';
import {runDump} from '../helpers/dump.js';
import {bottomLine, setupE2E, submitPrompt, waitForTable} from '../helpers/e2e.js';
import {keys, startKview, type Kview} from '../helpers/term.js';

setupE2E();

// The Docker half through the real binary in a pty, against a private dockerd this file starts:
// what a user without a kubeconfig sees, live updates from the engine's events, drill-downs,
// actions by key (checked with the docker CLI too), readonly, masking, and `kview dump`.

const why = dockerdUnavailable();
const STEP_MS = 10_000;

describe.skipIf(why !== undefined)(`kview on a real Docker engine${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let env: Record<string, string>;
	const dumpHome = mkdtempSync(path.join(os.tmpdir(), 'kview-docker-dump-'));

	beforeAll(async () => {
		d = await startDockerd();
		env = {DOCKER_HOST: `unix://${d.socket}`};
		d.docker('network', 'create', 'shop_default');
		d.docker('volume', 'create', 'shop_data');
		for (const service of ['web', 'api'])
			runComposeContainer(
				d,
				'shop',
				service,
				'shop_default',
				'--stop-timeout',
				'1',
				'-v',
				'shop_data:/data',
				'-e',
				'DB_PASSWORD=hunter2',
				'-e',
				'MODE=prod',
			);
	}, 120_000);
	afterAll(async () => {
		await d?.close();
		rmSync(dumpHome, {recursive: true, force: true});
	}, 30_000);

	/** kview with DOCKER_HOST and no kubeconfig at all, on its first table. */
	async function open(args: string[] = []): Promise<Kview> {
		const t = await startKview({args, env, cols: 160, rows: 32});
		await waitForTable(t, 20_000);
		return t;
	}
	const row = (t: Kview, name: string) => t.screen().find((l) => new RegExp(`^\\s*${name}\\s`).test(l));

	test('without a kubeconfig kview opens on the engine, says why, and keeps the Kubernetes views honest', async () => {
		const t = await open();
		expect(t.line(0)).toMatch(/^ kview engine default \(docker\) │ Containers 2 │ ● live/);
		expect(t.line(2)).toMatch(/^NAME↑\s+IMAGE\s+STATE\s+STATUS\s+PORTS\s+PROJECT\s+SERVICE\s+CPU%\s+MEM\s+AGE/);
		expect(row(t, 'shop-api-1')).toMatch(/kview-busybox:test\s+running\s+Up .*\s+shop\s+api\s/);
		expect(bottomLine(t)).toMatch(/no kubeconfig found .*showing Docker/);
		// Stats stream for the rows on screen: CPU% and memory fill in.
		await t.waitFor(() => /\d+\.\d\d%\s+\d[\d.]*[KMG]?i?B\s/.test(row(t, 'shop-web-1') ?? ''), STEP_MS);
		await submitPrompt(t, ':', 'po');
		await t.waitFor(/Kubernetes is not available: no kubeconfig found/, STEP_MS);
		expect(t.line(0)).not.toContain('(docker)');
		await submitPrompt(t, ':', 'ps');
		await t.waitFor((lines) => (lines[0] ?? '').includes('Containers 2'), STEP_MS);
	});

	test('follows the engine: a container started outside appears, a removed one goes, no refresh', async () => {
		const t = await open();
		d.docker('run', '-d', '--network', 'none', '--name', 'visitor', TEST_IMAGE, '/bin/sleep', '600');
		await t.waitFor(() => /running/.test(row(t, 'visitor') ?? ''), STEP_MS);
		d.docker('rm', '-f', 'visitor');
		await t.waitFor(() => row(t, 'visitor') === undefined, STEP_MS);
	});

	test('drills from a compose project to its services to a service’s containers; volumes and networks to theirs', async () => {
		const t = await open();
		await submitPrompt(t, ':', 'compose');
		await t.waitFor(/^shop\s+2\s+2\/2\s+running\(2\)/m, STEP_MS);
		await t.press(keys.enter);
		await t.waitFor((lines) => (lines[1] ?? '').includes('composeservices(shop)'), STEP_MS);
		await t.waitFor(/^shop\s+api\s+kview-busybox:test\s+1\/1/m, STEP_MS);
		await t.press(keys.enter);
		await t.waitFor((lines) => (lines[1] ?? '').includes('containers(api)'), STEP_MS);
		await t.waitFor(() => row(t, 'shop-api-1') !== undefined && row(t, 'shop-web-1') === undefined, STEP_MS);

		await submitPrompt(t, ':', 'volumes');
		await t.waitFor(/^shop_data\s+local\s+2\s/m, STEP_MS);
		await t.press(keys.enter);
		await t.waitFor(() => row(t, 'shop-api-1') !== undefined && row(t, 'shop-web-1') !== undefined, STEP_MS);

		await submitPrompt(t, ':', 'images');
		await t.waitFor(/^kview-busybox:test\s+[0-9a-f]{12}\s+2\s/m, STEP_MS);
	});

	test('stop asks first and stops; start does not ask; remove asks and removes (checked with the docker CLI)', async () => {
		d.docker('run', '-d', '--network', 'none', '--stop-timeout', '1', '--name', 'target', TEST_IMAGE, '/bin/sleep', '600');
		const t = await open();
		await t.waitFor(() => row(t, 'target') !== undefined, STEP_MS);
		await submitPrompt(t, '/', 'target');
		await t.waitFor(() => (t.line(0).match(/Containers (\S+)/)?.[1] ?? '') === '1/3', STEP_MS);
		await t.press('S');
		await t.waitFor(/Stop container target\?/, STEP_MS);
		await t.press(keys.tab, keys.enter);
		await t.waitFor(() => /exited\s+Exited \(137\)/.test(row(t, 'target') ?? ''), STEP_MS);
		expect(d.docker('inspect', '-f', '{{.State.Status}}', 'target')).toBe('exited');
		await t.press('S');
		await t.waitFor(() => /running\s+Up/.test(row(t, 'target') ?? ''), STEP_MS);
		expect(d.docker('inspect', '-f', '{{.State.Status}}', 'target')).toBe('running');
		await t.press('D');
		await t.waitFor(/Remove container target \(running: it is killed first\)\?/, STEP_MS);
		await t.press(keys.tab, keys.enter);
		await t.waitFor(() => row(t, 'target') === undefined, STEP_MS);
		await t.waitFor(() => bottomLine(t).includes('removed container target'), STEP_MS);
		expect(d.docker('ps', '-aq', '--filter', 'name=^target$')).toBe('');
	});

	test('prune says what would go before it asks', async () => {
		d.docker('run', '--network', 'none', '--name', 'finished', TEST_IMAGE, '/bin/true');
		const t = await open();
		await t.waitFor(() => /exited/.test(row(t, 'finished') ?? ''), STEP_MS);
		await t.press('P');
		await t.waitFor(/Prune 1 stopped containers: finished\?/, STEP_MS);
		await t.press(keys.tab, keys.enter);
		await t.waitFor(() => row(t, 'finished') === undefined, STEP_MS);
		expect(d.docker('ps', '-aq', '--filter', 'name=^finished$')).toBe('');
		expect(row(t, 'shop-web-1')).toBeDefined();

		// Drilled down to a volume's containers, a prune would still sweep the whole engine: refused there.
		d.docker('run', '--network', 'none', '--name', 'finished-too', TEST_IMAGE, '/bin/true');
		await submitPrompt(t, ':', 'volumes');
		await t.waitFor(/^shop_data\s/m, STEP_MS);
		await t.press(keys.enter);
		await t.waitFor(() => row(t, 'shop-web-1') !== undefined, STEP_MS);
		await t.press('P');
		await t.waitFor(() => bottomLine(t).includes('prune works on the whole engine: open :containers and prune there'), STEP_MS);
		expect(d.docker('ps', '-aq', '--filter', 'name=^finished-too$')).not.toBe('');
		d.docker('rm', 'finished-too');
	});

	test('--readonly refuses every action and changes nothing', async () => {
		const t = await open(['--readonly']);
		expect(t.line(0)).toContain('[readonly]');
		for (const [key, action] of [
			['S', 'startStop'],
			['D', 'delete'],
			['K', 'kill'],
			['P', 'prune'],
			['p', 'pause'],
		] as const) {
			await t.press(key);
			await t.waitFor(() => bottomLine(t).includes(`read-only mode: ${action} refused`), STEP_MS);
		}
		expect(d.docker('inspect', '-f', '{{.State.Status}}', 'shop-api-1')).toBe('running');
	});

	test('inspect YAML masks secret-looking environment values until x reveals them', async () => {
		const t = await startKview({args: [], env, cols: 120, rows: 200});
		await waitForTable(t, 20_000);
		await t.press('y');
		await t.waitFor(/- MODE=prod/, STEP_MS);
		expect(t.text()).toContain('- DB_PASSWORD=••••••••');
		expect(t.text()).not.toContain('hunter2');
		await t.press('x');
		await t.waitFor(/- DB_PASSWORD=hunter2/, STEP_MS);
		// J: the same as JSON, masked again once x hides the values.
		await t.press('J');
		// The variable may be the array's last element (no comma): docker does not keep -e order.
		await t.waitFor(/^\s+"DB_PASSWORD=hunter2",?\s*$/m, STEP_MS);
		await t.press('x');
		await t.waitFor(/^\s+"DB_PASSWORD=••••••••",?\s*$/m, STEP_MS);
	});

	test('s opens a shell in the pane: keys go in, the screen comes back drawn by kview, resize follows, exit shows its code', async () => {
		const t = await startKview({args: [], env, cols: 100, rows: 30});
		await waitForTable(t, 20_000);
		await submitPrompt(t, '/', 'shop-api');
		await t.waitFor(() => /^shop-api-1\s/.test(t.selectedRow()?.text ?? ''), STEP_MS);
		await t.press('s');
		await t.waitFor((lines) => /shell\(shop-api-1\)/.test(lines[1] ?? ''), STEP_MS);
		const status = () => t.line(t.term.rows - 3);
		// busybox has no bash: the shell falls back to sh without a word about it.
		await t.waitFor(() => /^● \S*sh\b.* · ctrl\+q leaves · ctrl\+\\ full screen/.test(status()), STEP_MS);
		await t.waitFor(/[#$] *$/m, STEP_MS);
		await t.press('echo mark-$((6*7))\r');
		await t.waitFor(/^mark-42\s*$/m, STEP_MS);
		expect(t.text()).not.toMatch(/bash/);
		// The pane is 100 columns and 30 - 4 chrome - 1 status lines tall; the remote agrees, and follows a resize.
		await t.press('busybox stty size\r');
		await t.waitFor(/^25 100\s*$/m, STEP_MS);
		t.resize(90, 26);
		await t.waitFor(() => /^● /.test(t.line(t.term.rows - 3)), STEP_MS);
		// The resize reaches the engine by its own request, so the shell may ask before it lands: ask again.
		for (let attempt = 0; ; attempt++) {
			await t.press('clear; busybox stty size\r');
			try {
				await t.waitFor(/^21 90\s*$/m, 1000);
				break;
			} catch (error) {
				if (attempt === 5) throw error;
			}
		}
		// What the shell prints cannot reach the terminal: a title and a clipboard write stay inside the emulator.
		await t.press("printf '\\033]0;pwned\\007\\033]52;c;ZXZpbA==\\007done\\n'\r");
		await t.waitFor(/^done\s*$/m, STEP_MS);
		expect(t.titles).toEqual([]);
		// shift+pageup scrolls the output back a page, shift+pagedown forward to the live screen.
		await t.press('clear; i=0; while [ $i -lt 60 ]; do echo row-$i; i=$((i+1)); done\r');
		await t.waitFor(/^row-59\s*$/m, STEP_MS);
		await t.press('\u001b[5;2~');
		await t.waitFor(() => /^● .* · \d+ lines back \(any key returns\)/.test(t.line(t.term.rows - 3)), STEP_MS);
		expect(t.text()).not.toMatch(/^row-59\s*$/m);
		expect(t.text()).toMatch(/^row-3\d\s*$/m);
		await t.press('\u001b[6;2~');
		await t.waitFor(() => !/lines back/.test(t.line(t.term.rows - 3)) && /^row-59\s*$/m.test(t.text()), STEP_MS);
		await t.press('exit 3\r');
		await t.waitFor(() => /^■ exited with code 3 · .*esc goes back/.test(t.line(t.term.rows - 3)), STEP_MS);
		await t.press(keys.esc);
		await t.waitFor(() => /^shop-api-1\s/.test(t.selectedRow()?.text ?? ''), STEP_MS);
	});

	test('l on a compose project or service tails its containers, each line prefixed with its container', async () => {
		const t = await open();
		await submitPrompt(t, ':', 'compose');
		await t.waitFor(() => /^shop\s/.test(t.selectedRow()?.text ?? ''), STEP_MS);
		await t.press('l');
		await t.waitFor((lines) => /logs\(shop\)/.test(lines[1] ?? ''), STEP_MS);
		await t.waitFor(() => /^2 streams: 2 /.test(t.line(t.term.rows - 3)), STEP_MS);
		await t.press(keys.esc);
		await t.waitFor(() => /^shop\s/.test(t.selectedRow()?.text ?? ''), STEP_MS);
		await t.press(keys.enter);
		await t.waitFor(() => /^shop\s+api\s/.test(t.selectedRow()?.text ?? ''), STEP_MS);
		await t.press('l');
		await t.waitFor((lines) => /logs\(api\)/.test(lines[1] ?? ''), STEP_MS);
		await t.waitFor(() => /^● streaming/.test(t.line(t.term.rows - 3)), STEP_MS);
		// :logs with a label selector, on a Docker view: the containers with those labels.
		await t.press(keys.esc);
		await t.waitFor(() => /^shop\s+api\s/.test(t.selectedRow()?.text ?? ''), STEP_MS);
		await submitPrompt(t, ':', 'logs com.docker.compose.project=shop');
		await t.waitFor(() => /^2 streams: 2 /.test(t.line(t.term.rows - 3)), STEP_MS);
	});

	test('l follows a container log full screen; what the log writes cannot drive the terminal', async () => {
		d.docker(
			'run',
			'-d',
			'--network',
			'none',
			'--name',
			'talker',
			TEST_IMAGE,
			'sh',
			'-c',
			'i=0; while true; do echo "line $i"; printf "\\033[2J\\033]0;pwned\\007\\033]52;c;ZXZpbA==\\007evil $i\\n"; i=$((i+1)); sleep 0.2; done',
		);
		try {
			const t = await open();
			await t.waitFor(() => row(t, 'talker') !== undefined, STEP_MS);
			await submitPrompt(t, '/', 'talker');
			await t.waitFor(() => (t.line(0).match(/Containers (\S+)/)?.[1] ?? '') === '1/3', STEP_MS);
			// The pane's own status line sits above the flash line.
			const logStatus = (k: Kview) => k.line(k.term.rows - 3);
			const before = t.bytesWritten;
			await t.press('l');
			await t.waitFor((lines) => (lines[1] ?? '').includes('logs(talker)') && lines.some((l) => /^line [3-9]/.test(l)), STEP_MS);
			await t.waitFor(/^evil \d+\s*$/m, STEP_MS);
			expect(logStatus(t)).toMatch(/^● streaming · following · \d+ lines/);
			const written = t.raw().slice(before);
			expect(written).not.toContain('pwned');
			expect(written).not.toContain('\u001b]52');
			expect(written).not.toContain('ZXZpbA==');
			// Scrolling back pauses; G follows again.
			await t.press('k', 'k');
			await t.waitFor(() => logStatus(t).includes('paused (G follows)'), STEP_MS);
			await t.press('G');
			await t.waitFor(() => logStatus(t).includes('· following ·'), STEP_MS);
			// Stopped under the pane: it says so; started again: it marks the gap and goes on.
			d.docker('stop', '-t', '0', 'talker');
			await t.waitFor(() => logStatus(t).startsWith('■ the container stopped'), STEP_MS);
			d.docker('start', 'talker');
			await t.waitFor(/^⋯ resumed after: the container stopped\s*$/m, 20_000);
			await t.waitFor(() => logStatus(t).startsWith('● streaming'), STEP_MS);
			await t.press(keys.esc);
			await t.waitFor(() => row(t, 'talker') !== undefined, STEP_MS);
		} finally {
			d.docker('rm', '-f', 'talker');
		}
	}, 60_000);

	test('an engine that is not there is said in the Docker view, and the view recovers when it comes', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-late-'));
		const late = path.join(dir, 'docker.sock');
		try {
			const t = await startKview({args: ['--view', 'containers'], env: {DOCKER_HOST: `unix://${late}`}, cols: 160, rows: 30});
			await t.waitFor(new RegExp(`no Docker engine at unix://${late.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), STEP_MS);
			expect(t.isAlternateScreen()).toBe(true);
			// The engine turns up where DOCKER_HOST points: the view goes live on its own, no key pressed.
			symlinkSync(d.socket, late);
			await t.waitFor(() => t.line(0).includes('● live') && row(t, 'shop-web-1') !== undefined, 20_000);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	}, 40_000);

	test(':dctx lists the docker CLI contexts and switches between them', async () => {
		// A docker config with a context for the test engine, current; the built-in default points nowhere here.
		const config = mkdtempSync(path.join(os.tmpdir(), 'kview-dctx-'));
		const meta = path.join(config, 'contexts', 'meta', createHash('sha256').update('testbox').digest('hex'));
		mkdirSync(meta, {recursive: true});
		writeFileSync(
			path.join(meta, 'meta.json'),
			JSON.stringify({
				Name: 'testbox',
				Metadata: {Description: 'the private test engine'},
				Endpoints: {docker: {Host: `unix://${d.socket}`}},
			}),
		);
		writeFileSync(path.join(config, 'config.json'), JSON.stringify({currentContext: 'testbox'}));
		try {
			const t = await startKview({args: ['--view', 'containers'], env: {DOCKER_CONFIG: config}, cols: 160, rows: 30});
			await waitForTable(t, 20_000);
			expect(t.line(0)).toMatch(/^ kview engine testbox \(docker\)/);
			await submitPrompt(t, ':', 'dctx');
			await t.waitFor(/^\*\s+testbox\s+unix:\/\/\S+\s+context\s+the private test engine\s*$/m, STEP_MS);
			expect(t.text()).toMatch(/^\s+default\s+unix:\/\/\/var\/run\/docker\.sock\s+default/m);
			// enter on the other engine switches to it, back on the containers view.
			await t.press('g', 'g');
			await t.press(keys.enter);
			await t.waitFor(() => /^ kview engine default \(docker\) │ Containers/.test(t.line(0)), STEP_MS);
			await t.waitFor(/no Docker engine at unix:\/\/\/var\/run\/docker\.sock/, STEP_MS);
			await submitPrompt(t, ':', 'dctx testbox');
			await t.waitFor(() => /^ kview engine testbox \(docker\)/.test(t.line(0)) && row(t, 'shop-web-1') !== undefined, STEP_MS);
		} finally {
			rmSync(config, {recursive: true, force: true});
		}
	});

	test('a user the socket refuses is told how to fix it, at once', () => {
		// As nobody: the private engine's directory is root's alone, so connecting is refused (EACCES), as a
		// docker.sock owned by root:docker refuses a user outside the group.
		const home = mkdtempSync(path.join(os.tmpdir(), 'kview-nobody-'));
		chmodSync(home, 0o777);
		try {
			const started = Date.now();
			const result = spawnSync(node22, [path.join(root, 'bin', 'kview.js'), 'dump', 'containers'], {
				uid: 65534,
				gid: 65534,
				env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, DOCKER_HOST: env['DOCKER_HOST']},
				encoding: 'utf8',
				timeout: 30_000,
			});
			expect(result.stderr).toMatch(
				/^kview: permission denied on unix:\/\/\S+: add your user to the docker group \(sudo usermod -aG docker \$USER, then log in again\) or set DOCKER_HOST to an engine you may use\n$/,
			);
			expect(result.status).toBe(1);
			// Not retried for seconds: asking again cannot help until the user changes something.
			expect(Date.now() - started).toBeLessThan(5000);
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});

	test('kview dump prints each Docker view as a table, and json', async () => {
		const dump = (...args: string[]) => runDump(args, dumpHome, 20_000, env);
		const containers = await dump('containers');
		expect(containers.code).toBe(0);
		expect(containers.stdout.split('\n')[0]).toMatch(/^NAME\s+IMAGE\s+STATE\s+STATUS\s+PORTS\s+PROJECT\s+SERVICE\s+CPU%\s+MEM\s+AGE$/);
		expect(containers.stdout).toMatch(/^shop-api-1\s+kview-busybox:test\s+running\s+Up /m);
		const compose = await dump('compose');
		expect(compose.stdout).toMatch(/^shop\s+2\s+2\/2\s+running\(2\)\s+\S+$/m);
		const volumes = await dump('volumes');
		expect(volumes.stdout).toMatch(/^shop_data\s+local\s+2\s/m);
		const networks = await dump('networks');
		expect(networks.stdout).toMatch(/^shop_default\s+[0-9a-f]{12}\s+bridge\s+local\s/m);
		const images = await dump('images', '-o', 'json');
		expect(JSON.parse(images.stdout)).toContainEqual(expect.objectContaining({NAME: TEST_IMAGE, CONTAINERS: '2'}));
		const down = await runDump(['containers'], dumpHome, 30_000, {DOCKER_HOST: 'unix:///tmp/kview-no-such.sock'});
		expect(down.code).toBe(1);
		expect(down.stderr).toMatch(/^kview: no Docker engine at unix:\/\/\/tmp\/kview-no-such\.sock .*gave up after \d+ s\)\n$/);
	}, 60_000);
});
