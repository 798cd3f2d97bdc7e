import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {createServer} from 'node:net';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startSim, type RunningSim} from '../../src/sim/index.js';
import {R} from '../../src/sim/world/kinds.js';
import {bottomLine, headerStart, setupE2E, submitPrompt, waitForTable} from '../helpers/e2e.js';
import {ctrl, keys, startKview} from '../helpers/term.js';

setupE2E();

// kview on Kubernetes as a user meets it: `kview --demo` (the sim in the same process) and
// `kview --kubeconfig F` against a cluster (a sim in this test process), through the real binary.

test('kview --demo opens the simulated cluster, live, and quits cleanly', async () => {
	const t = await startKview({args: ['--demo'], cols: 120, rows: 40});
	await waitForTable(t, 20_000);
	expect(t.line(0)).toMatch(headerStart('kview-sim'));
	// The demo's web shop, with its troubles, arrives through list+watch.
	await t.waitFor(/frontend-\w+-\w+/, 10_000);
	await t.waitFor(/shop\s+postgres-0/, 10_000);
	await t.waitFor(/CrashLoopBackOff/, 30_000);
	await submitPrompt(t, ':', 'deploy');
	await t.waitFor(/Deployments \d+/, 5000);
	await t.waitFor(/shop\s+frontend\s+3\/3/, 15_000);
	await t.press('q');
	const {exitCode} = await t.exit;
	expect(exitCode).toBe(0);
}, 60_000);

describe('kview --kubeconfig against a cluster', () => {
	let sim: RunningSim;
	beforeAll(async () => {
		sim = await startSim({scenario: 'demo'});
	}, 30_000);
	afterAll(() => sim.close());

	test("l follows a pod's log full screen, from its default container; esc goes back to the pods", async () => {
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 140, rows: 30});
		await waitForTable(t, 20_000);
		await t.waitFor(/redis-\w+-\w+\s+1\/1\s+Running/, 15_000);
		await submitPrompt(t, '/', 'redis');
		await t.waitFor(() => /^redis-/.test(t.line(3)) && t.line(4).trim() === '', 5000);
		await t.press('l');
		await t.waitFor((lines) => /logs\(redis-\w+-\w+\)/.test(lines[1] ?? ''), 5000);
		const status = () => t.line(t.term.rows - 3);
		await t.waitFor(() => /^● streaming · following · [1-9]\d* lines/.test(status()), 10_000);
		await t.press('t');
		await t.waitFor(/^\d\d:\d\d:\d\d\.\d{3} \S/m, 5000);
		await t.press(keys.esc);
		await t.waitFor(() => /^redis-/.test(t.line(3)), 5000);
	});

	test('l on a deployment tails all its pods merged by time, and picks up a pod that joins', async () => {
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 160, rows: 40});
		await waitForTable(t, 20_000);
		await submitPrompt(t, ':', 'deploy');
		await t.waitFor(/^api\s+\d+\/\d+/m, 10_000);
		await submitPrompt(t, '/', 'api');
		await t.waitFor(() => /^api\s/.test(t.selectedRow()?.text ?? ''), 5000);
		const replicas = Number(sim.store.get(R.deployments, 'shop', 'api').spec?.['replicas'] ?? 0);
		await t.press('l');
		await t.waitFor((lines) => /logs\(api\)/.test(lines[1] ?? ''), 5000);
		const status = () => t.line(t.term.rows - 3);
		// Each line starts with its pod, less what the pods' names share (the title says it).
		const prefixes = () => new Set(t.screen().flatMap((l) => /^…(\w+) /.exec(l)?.[1] ?? []));
		await t.waitFor(() => status().startsWith(`${replicas} streams: ${replicas} streaming`), 15_000);
		await t.waitFor(() => prefixes().size === replicas, 15_000);
		// Merged by time: with timestamps on, the stamps never go backwards down the pane.
		await t.press('t');
		const stamps = () => t.screen().flatMap((l) => /^(\d\d:\d\d:\d\d\.\d{3}) …/.exec(l)?.[1] ?? []);
		await t.waitFor(() => stamps().length > 5, 15_000);
		expect([...stamps()].sort()).toEqual(stamps());
		await t.press('t');

		const current = sim.store.get(R.deployments, 'shop', 'api');
		sim.store.update(R.deployments, {...current, spec: {...(current.spec as object), replicas: replicas + 1}});
		try {
			await t.waitFor(() => status().startsWith(`${replicas + 1} streams: ${replicas + 1} streaming`), 30_000);
			await t.waitFor(() => prefixes().size === replicas + 1, 30_000);
		} finally {
			const now = sim.store.get(R.deployments, 'shop', 'api');
			sim.store.update(R.deployments, {...now, spec: {...(now.spec as object), replicas}});
		}
	}, 90_000);

	test('log pane controls: search, filter, wrap, since, tail, save, clear, split', async () => {
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 100, rows: 30});
		await waitForTable(t, 20_000);
		await submitPrompt(t, ':', 'deploy');
		await t.waitFor(/^frontend\s+\d+\/\d+/m, 10_000);
		await submitPrompt(t, '/', 'frontend');
		await t.waitFor(() => /^frontend\s/.test(t.selectedRow()?.text ?? ''), 5000);
		await t.press('l');
		const status = () => t.line(t.term.rows - 3);
		await t.waitFor(() => /streaming · following · ([2-9]\d|\d{3,}) lines/.test(status()), 20_000);

		// Search: the matches are marked and counted, n/N move between them (and pause).
		await t.press('/');
		await t.waitFor(() => bottomLine(t).startsWith('/'), 3000);
		await t.press('GET /api');
		await t.press(keys.enter);
		await t.waitFor(() => /paused .* · \/GET \/api \(\d+\)/.test(status()), 5000);
		const marked = t.screen().findIndex((l) => l.includes('GET /api'));
		expect(marked).toBeGreaterThan(1);
		const x = t.line(marked).indexOf('GET /api');
		expect(t.cell(x, marked)?.getBgColor()).not.toBe(t.cell(0, t.term.rows - 2)?.getBgColor());
		await t.press('N');
		await t.press('G');
		await t.waitFor(() => / · following · /.test(status()), 3000);

		// Filter: only the lines that hold the text, counted against all.
		await t.press('&');
		await t.press('healthz');
		await t.press(keys.enter);
		await t.waitFor(() => /&healthz/.test(status()), 3000);
		await t.waitFor(() => /(\d+)\/(\d+) lines/.test(status()), 3000);
		const body = t
			.screen()
			.slice(2, t.term.rows - 3)
			.filter((l) => l.trim() !== '');
		expect(body.length).toBeGreaterThan(0);
		for (const line of body) expect(line).toContain('healthz');
		await t.press('&');
		await t.waitFor(() => bottomLine(t).startsWith('&healthz'), 3000);
		await t.press(ctrl('u'));
		await t.press(keys.enter);
		await t.waitFor(() => !/&healthz/.test(status()), 3000);

		// Since and tail start the streams again from there.
		await t.press('2');
		await t.waitFor(() => / · since 5m/.test(status()), 3000);
		await t.press('T');
		await t.waitFor(() => bottomLine(t).startsWith('tail lines: '), 3000);
		await t.press('7');
		await t.press(keys.enter);
		await t.waitFor(() => / · tail 7/.test(status()) && !/since/.test(status()), 3000);
		// Three pods, the last seven lines of each.
		await t.waitFor(() => / · (2[1-9]|[3-9]\d) lines/.test(status()), 5000);

		// Save writes the kept lines, stamped, to a private file the flash line names.
		await t.press(ctrl('s'));
		await t.waitFor(() => /saved \d+ lines to \S+\.log/.test(bottomLine(t)), 5000);
		const file = /saved \d+ lines to (\S+\.log)/.exec(bottomLine(t))?.[1] ?? '';
		const saved = readFileSync(file, 'utf8');
		expect(saved, `${bottomLine(t)} | ${status()}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[frontend-\w+-\w+\] /m);
		expect(statSync(file).mode & 0o077).toBe(0);

		// Clear empties the pane; new lines still come.
		await t.press('C');
		await t.waitFor(() => / · [0-3] lines/.test(status()), 3000);

		// :logs SELECTOR tails whatever the selector picks, as stern does.
		await t.press(keys.esc);
		await submitPrompt(t, ':', 'logs app=frontend');
		await t.waitFor((lines) => /logs\(app=frontend\)/.test(lines[1] ?? ''), 5000);
		await t.waitFor(() => /^3 streams: 3 streaming/.test(status()), 10_000);
		await t.press(keys.esc);
		await t.waitFor(() => /^frontend\s/.test(t.selectedRow()?.text ?? ''), 3000);
		await t.press('l');
		await t.waitFor(() => /streaming · following/.test(status()), 10_000);

		// Split: the table above, the pane below; tab moves the keys up, l there retargets the pane.
		await t.press('z');
		await t.waitFor(() => t.screen().some((l) => /^NAME\S*\s+READY/.test(l)) && t.screen().some((l) => /^ logs\(frontend\)/.test(l)), 3000);
		await t.press(keys.tab);
		await t.waitFor(/\(tab: back here\)/, 3000);
		// l on another deployment up there shows its pods' logs below.
		await t.press(keys.esc);
		await t.waitFor(() => t.screen().some((l) => /^worker\s/.test(l)), 3000);
		const worker = t.screen().findIndex((l) => /^worker\s/.test(l));
		for (let i = t.selectedRow()?.index ?? 0; i < worker; i++) await t.press('j');
		await t.waitFor(() => /^worker\s/.test(t.selectedRow()?.text ?? ''), 3000);
		await t.press('l');
		await t.waitFor(() => t.screen().some((l) => /^ logs\(worker\)/.test(l)), 3000);
		// esc on the table closes the pane.
		await t.press(keys.esc);
		await t.waitFor(() => !t.screen().some((l) => /^ logs\(/.test(l)) && /^worker\s/.test(t.selectedRow()?.text ?? ''), 3000);
	}, 90_000);

	test("p shows a crash-looping pod's previous run; c picks another container of a pod", async () => {
		sim.store.create(R.pods, {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: 'two-face', namespace: 'shop', uid: '', resourceVersion: '', creationTimestamp: ''},
			spec: {
				containers: [
					{name: 'app', image: 'nginx:1.27'},
					{name: 'sidecar', image: 'busybox:1.36'},
				],
			},
		});
		try {
			const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 140, rows: 30});
			await waitForTable(t, 20_000);
			const status = () => t.line(t.term.rows - 3);
			await t.waitFor(/recommender-\w+-\w+\s+0\/1\s+CrashLoopBackOff/, 30_000);
			await submitPrompt(t, '/', 'recommender');
			await t.waitFor(() => /^recommender-/.test(t.line(3)) && t.line(4).trim() === '', 5000);
			await t.press('l');
			await t.waitFor((lines) => /logs\(recommender-/.test(lines[1] ?? ''), 5000);
			await t.press('p');
			await t.waitFor(() => / · previous run/.test(status()) && /^■ end of the log/.test(status()), 10_000);
			await t.waitFor(() => / · [1-9]\d* lines/.test(status()), 5000);
			await t.press('p');
			await t.waitFor(() => !/previous run/.test(status()), 5000);
			await t.press(keys.esc);
			await t.waitFor(() => /^recommender-/.test(t.line(3)), 5000);
			await t.press(keys.esc);

			await t.waitFor(/two-face\s+2\/2\s+Running/, 20_000);
			await submitPrompt(t, '/', 'two-face');
			await t.waitFor(() => /^two-face\s/.test(t.line(3)) && t.line(4).trim() === '', 5000);
			await t.press('l');
			await t.waitFor(() => /^● streaming/.test(status()), 10_000);
			await t.press('c');
			await t.waitFor(() => bottomLine(t).startsWith('container: ') && t.screen().some((l) => /^\s+sidecar\s*$/.test(l)), 3000);
			await t.press('sidecar');
			await t.press(keys.enter);
			await t.waitFor(() => / · container sidecar/.test(status()) && /^● streaming/.test(status()), 10_000);
			// s on a pod with two containers asks which, the default first: enter takes it.
			await t.press(keys.esc);
			await t.waitFor(() => /^two-face\s/.test(t.line(3)), 5000);
			await t.press('s');
			await t.waitFor(() => bottomLine(t).startsWith('container: ') && t.screen().some((l) => /^\s+app\s*$/.test(l)), 3000);
			await t.press(keys.enter);
			await t.waitFor((lines) => /shell\(two-face\/app\)/.test(lines[1] ?? '') && /^● \S*sh/.test(status()), 10_000);
			await t.press(ctrl('q'));
			await t.waitFor(() => /^two-face\s/.test(t.line(3)), 5000);
		} finally {
			sim.store.remove(R.pods, 'shop', 'two-face');
		}
	}, 90_000);

	test('s opens a shell in a pod; ctrl+\\ hands the whole terminal over and back; exit shows the code', async () => {
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 120, rows: 30});
		await waitForTable(t, 20_000);
		await t.waitFor(/redis-\w+-\w+\s+1\/1\s+Running/, 15_000);
		await submitPrompt(t, '/', 'redis');
		await t.waitFor(() => /^redis-/.test(t.line(3)) && t.line(4).trim() === '', 5000);
		await t.press('s');
		await t.waitFor((lines) => /shell\(redis-\w+-\w+\)/.test(lines[1] ?? ''), 5000);
		const status = () => t.line(t.term.rows - 3);
		await t.waitFor(() => /^● \S*bash · ctrl\+q leaves/.test(status()), 10_000);
		await t.press('echo pane-ok\r');
		await t.waitFor(/^pane-ok\s*$/m, 5000);
		// Full screen: kview's frame goes, the shell has every row; the same key brings the pane back.
		await t.press('\x1c');
		await t.waitFor(() => !t.screen().some((l) => /shell\(redis/.test(l)), 5000);
		await t.press('tput lines\r');
		await t.waitFor(/^30\s*$/m, 5000);
		await t.press('\x1c');
		await t.waitFor((lines) => /shell\(redis-\w+-\w+\)/.test(lines[1] ?? '') && /^● /.test(status()), 5000);
		await t.press('tput lines\r');
		await t.waitFor(/^25\s*$/m, 5000);
		await t.press('exit 3\r');
		await t.waitFor(() => /^■ exited with code 3/.test(status()), 5000);
		await t.press(keys.esc);
		await t.waitFor(() => /^redis-/.test(t.line(3)), 5000);
	});

	test(':xray deploy draws each deployment down to its images, live; zM/l/h fold, / filters, enter opens the view', async () => {
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 120, rows: 40});
		await waitForTable(t, 20_000);
		await submitPrompt(t, ':', 'xray deploy');
		await t.waitFor((lines) => /xray\(deployments\)/.test(lines[1] ?? ''), 5000);
		await t.waitFor(/^▾ ● deploy frontend\s*$/m, 10_000);
		await t.waitFor(/^ {2}▾ ● rs frontend-\w+\s*$/m, 5000);
		await t.waitFor(/^ {4}▾ ● po frontend-\w+-\w+\s*$/m, 5000);
		await t.waitFor(/^ {10}● image nginx:1\.27\s*$/m, 5000);
		// The crash loop shows on the container and rolls up to its deployment.
		await t.waitFor(/^ {6}▾ ✕ container recommender \(CrashLoopBackOff\)\s*$/m, 30_000);
		await t.waitFor(/^▾ ✕ deploy recommender\s*$/m, 5000);
		// Live: a pod the cluster adds turns up in the tree without a key.
		const before = t.screen().filter((l) => /^ {4}▾ ● po api-/.test(l)).length;
		const api = sim.store.get(R.deployments, 'shop', 'api');
		sim.store.update(R.deployments, {...api, spec: {...(api.spec as object), replicas: before + 1}});
		try {
			await t.waitFor(() => t.screen().filter((l) => /^ {4}▾ [●◌▲] po api-/.test(l)).length === before + 1, 20_000);
		} finally {
			const now = sim.store.get(R.deployments, 'shop', 'api');
			sim.store.update(R.deployments, {...now, spec: {...(now.spec as object), replicas: before}});
		}
		// zM folds every node; l opens the one under the cursor; h folds it again.
		await t.press('z', 'M');
		await t.waitFor(() => t.screen().filter((l) => /^▸ /.test(l)).length >= 4 && !t.screen().some((l) => /^ {2}/.test(l)), 5000);
		const frontend = t.screen().findIndex((l) => /^▸ ● deploy frontend/.test(l));
		for (let i = 2; i < frontend; i++) await t.press('j');
		await t.press('l');
		await t.waitFor(/^ {2}▸ ● rs frontend-\w+\s*$/m, 5000);
		await t.press('h');
		await t.waitFor(() => !t.screen().some((l) => /^ {2}▸ ● rs frontend-/.test(l)), 5000);
		// / keeps the matches and their ancestors.
		await t.press('/');
		await t.waitFor(() => bottomLine(t).startsWith('/'), 3000);
		await t.press('nginx');
		await t.press(keys.enter);
		await t.waitFor(
			() => t.screen().some((l) => /^ {10}● image nginx:1\.27/.test(l)) && !t.screen().some((l) => /deploy recommender/.test(l)),
			5000,
		);
		// enter on a pod opens the pods view on it.
		const pod = t.screen().findIndex((l) => /^ {4}▾ ● po frontend-/.test(l));
		for (let i = 2; i < pod; i++) await t.press('j');
		await t.press(keys.enter);
		await t.waitFor(() => /Pods 1\/\d+/.test(t.line(0)) && /^frontend-\w+-\w+\s+1\/1\s+Running/.test(t.line(3)), 5000);
		// The command line works from the tree too, as from any screen.
		// esc clears the pods view's filter, then goes back to the tree.
		await t.press(keys.esc);
		await t.waitFor(() => !/filter:/.test(t.line(1)), 5000);
		await t.press(keys.esc);
		await t.waitFor((lines) => /xray\(deployments\)\s*$/.test(lines[1] ?? ''), 5000);
		await submitPrompt(t, ':', 'svc');
		await t.waitFor(/Services \d+/, 5000);
	}, 90_000);

	test('shows the context in the header, follows changes, drills down and deletes a pod', async () => {
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 140, rows: 40});
		await waitForTable(t, 20_000);
		expect(t.line(0)).toMatch(headerStart('kview-sim'));
		expect(t.line(0)).toContain('ns shop');
		await t.waitFor(/redis-\w+-\w+\s+1\/1\s+Running/, 15_000);

		// A pod made in the cluster shows up without a key press.
		sim.store.create(R.pods, {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: 'debug-shell', namespace: 'shop', uid: '', resourceVersion: '', creationTimestamp: ''},
			spec: {containers: [{name: 'sh', image: 'busybox:1.36'}]},
		});
		await t.waitFor(/debug-shell/, 10_000);

		// Deployment -> its pods.
		await submitPrompt(t, ':', 'deploy');
		await t.waitFor(/frontend\s+3\/3/, 10_000);
		const row = t.screen().findIndex((l) => /\bfrontend\b/.test(l));
		for (let i = t.selectedRow()?.index ?? 3; i < row; i++) await t.press('j');
		await t.waitFor(() => /\bfrontend\b/.test(t.selectedRow()?.text ?? ''), 3000);
		await t.press(keys.enter);
		await t.waitFor(/pods\(app=frontend\)/, 5000);
		await t.waitFor(() => t.screen().filter((l) => /^frontend-\w+-\w+/.test(l.trim())).length === 3, 10_000);

		// Delete the selected pod: confirm, then the cluster marks it for deletion and its ReplicaSet replaces it.
		const victim = /^(frontend-\S+)/.exec(t.selectedRow()?.text.trim() ?? '')?.[1];
		expect(victim).toBeTruthy();
		await t.press('D');
		await t.waitFor(/Delete pod/, 3000);
		await t.press(keys.tab);
		await t.press(keys.enter);
		await t.waitFor(() => bottomLine(t).includes(`deleted pod shop/${victim ?? ''}`), 10_000);
		await expect
			.poll(() => sim.store.find(R.pods, 'shop', victim ?? '')?.metadata.deletionTimestamp ?? 'gone', {timeout: 10_000})
			.toBeTruthy();
		await t.press('q');
		expect((await t.exit).exitCode).toBe(0);
	}, 90_000);

	test('y shows the whole object from the cluster, not the projection kview keeps; m toggles managedFields', async () => {
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'shop'], cols: 120, rows: 60});
		await waitForTable(t, 20_000);
		await t.press('y');
		await t.waitFor(/yaml\(/, 5000);
		// terminationGracePeriodSeconds and the containers' env are dropped from the store's projection.
		await t.waitFor(/terminationGracePeriodSeconds: 30/, 10_000);
		await t.press('m');
		await t.waitFor(() => bottomLine(t).includes('managedFields shown'), 3000);
		await t.press('x');
		await t.waitFor(() => bottomLine(t).includes("only a Secret or a container's environment has values to reveal"), 3000);
		await t.press(keys.esc);
		await t.waitFor(/pods\(shop\)\s*$/m, 3000);
	}, 60_000);

	test('a user forbidden from nodes sees why, and the pods still work', async () => {
		const t = await startKview({
			args: ['--kubeconfig', sim.kubeconfigPath, '--context', 'kview-sim-restricted', '--view', 'nodes'],
			cols: 160,
			rows: 30,
		});
		// The header begins the reason; the empty table says it in full, wrapped.
		await t.waitFor(() => t.line(0).includes('✕ nodes is forb') && /forbidden/.test(t.screen().join(' ')), 20_000);
		expect(t.screen().slice(3).join(' ').replace(/\s+/g, ' ')).toMatch(
			/✕ nodes is forbidden: User "[^"]+" cannot list resource "nodes" in API group "" at the cluster scope/,
		);
		await submitPrompt(t, ':', 'pods');
		await waitForTable(t, 20_000);
	}, 60_000);
});

test('a cluster that does not answer: the header says it is reconnecting and why; q still quits at once', async () => {
	// A port that was free a moment ago: nothing listens there.
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const port = (probe.address() as {port: number}).port;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	const kubeconfig = path.join(mkdtempSync(path.join(os.tmpdir(), 'kview-down-')), 'kubeconfig');
	writeFileSync(
		kubeconfig,
		`apiVersion: v1\nkind: Config\nclusters: [{name: down, cluster: {server: "https://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: down, context: {cluster: down, user: u}}]\ncurrent-context: down\n`,
	);
	const down = await startKview({args: ['--kubeconfig', kubeconfig], cols: 140, rows: 30});
	await down.waitFor(/reconnecting in \d+ s: cannot reach https:\/\/127\.0\.0\.1:\d+: connection refused/, 15_000);
	const asked = performance.now();
	await down.press('q');
	expect((await down.exit).exitCode).toBe(0);
	expect(performance.now() - asked).toBeLessThan(1500);
}, 60_000);
