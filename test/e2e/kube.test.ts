import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {createServer} from 'node:net';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startSim, type RunningSim} from '../../src/sim/index.js';
import {R} from '../../src/sim/world/kinds.js';
import {bottomLine, headerStart, setupE2E, submitPrompt, waitForTable} from '../helpers/e2e.js';
import {keys, startKview} from '../helpers/term.js';

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
