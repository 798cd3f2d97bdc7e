import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import type {IncomingMessage} from 'node:http';
import type {Server} from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startSim, type RunningSim} from '../../src/sim/index.js';
import {R} from '../../src/sim/world/kinds.js';
import {bottomLine, headerStart, setupE2E, submitPrompt, typeInPrompt, waitForTable} from '../helpers/e2e.js';
import {runDump} from '../helpers/dump.js';
import {ctrl, keys, startKview, type Kview} from '../helpers/term.js';

setupE2E();

// The Kubernetes views as a user meets them through the real binary: where kview starts, switching
// contexts and namespaces (and what it remembers), a 403, CRDs, pod -> containers, the changed-row
// mark, and `kview dump` of a CRD. One simulated cluster (the demo) in this process serves them all.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let sim: RunningSim;
beforeAll(async () => {
	sim = await startSim({scenario: 'demo'});
}, 30_000);
afterAll(() => sim.close());

/** kview against the sim, in a terminal of the given size. */
function kview(args: readonly string[], options: {cols?: number; rows?: number; env?: Record<string, string>} = {}): Promise<Kview> {
	return startKview({
		args: ['--kubeconfig', sim.kubeconfigPath, ...args],
		cols: options.cols ?? 120,
		rows: options.rows ?? 30,
		...(options.env ? {env: options.env} : {}),
	});
}

/** The index of the first visible line matching `pattern`, or -1. */
function lineOf(t: Kview, pattern: RegExp): number {
	return t.screen().findIndex((l) => pattern.test(l));
}

/** The completions drawn above the prompt line, top (best) first, trimmed. */
function completions(t: Kview): string[] {
	const lines = t.screen();
	const out: string[] = [];
	for (let y = t.term.rows - 3; y >= 0 && /^ {2}\S/.test(lines[y] ?? ''); y--) out.unshift((lines[y] ?? '').trim());
	return out;
}

/** Moves the cursor down until the selected row matches. */
async function select(t: Kview, pattern: RegExp): Promise<void> {
	for (let i = 0; i < 30 && !pattern.test(t.selectedRow()?.text ?? ''); i++) {
		const before = t.selectedRow()?.index;
		await t.press('j');
		await t.waitFor(() => t.selectedRow()?.index !== before || pattern.test(t.selectedRow()?.text ?? ''), 3000);
	}
	expect(t.selectedRow()?.text).toMatch(pattern);
}

/** Requests the sim's HTTPS server answers, as they arrive (the sim keeps no request log of its own). */
function recordRequests(): {readonly urls: string[]; stop(): void} {
	const server = (sim.server as unknown as {server?: Server}).server;
	if (!server) throw new Error('the sim server has no https.Server in its `server` field any more: find another way to count requests');
	const urls: string[] = [];
	const listener = (req: IncomingMessage) => urls.push(`${req.method ?? ''} ${req.url ?? ''}`);
	server.on('request', listener);
	return {urls, stop: () => server.off('request', listener)};
}

describe('where kview starts', () => {
	test('without -n in the context namespace (none in the sim: default); with -A in all of them', async () => {
		const [plain, all] = await Promise.all([kview([]), kview(['-A'])]);
		await Promise.all([waitForTable(plain, 20_000), waitForTable(all, 20_000)]);

		expect(plain.line(0)).toMatch(headerStart('kview-sim'));
		expect(plain.line(0)).toMatch(/\bns default\b/);
		expect(plain.line(1)).toMatch(/pods\(default\)/);
		// The demo runs nothing in default, and its pods elsewhere are not listed.
		await plain.waitFor(/^ no pods here/m, 5000);
		expect(plain.text()).not.toMatch(/frontend-|postgres-0/);
		// Every namespace has a ServiceAccount "default": only default's is shown, with no NAMESPACE column.
		await submitPrompt(plain, ':', 'sa');
		await plain.waitFor(/ServiceAccounts 1\b/, 10_000);
		expect(plain.line(1)).toMatch(/serviceaccounts\(default\)/);
		expect(plain.line(2)).toMatch(/^NAME/);
		expect(plain.line(3)).toMatch(/^default\s/);

		expect(all.line(0)).toMatch(/\bns all\b/);
		expect(all.line(1)).toMatch(/pods\(all\)/);
		expect(all.line(2)).toMatch(/^NAMESPACE\s+NAME/);
		await all.waitFor((lines) => ['shop', 'payments', 'monitoring'].every((ns) => lines.some((l) => l.startsWith(`${ns} `))), 10_000);
		await submitPrompt(all, ':', 'sa');
		await all.waitFor(/ServiceAccounts 5\b/, 10_000);
		expect(all.screen().filter((l) => /^\S+\s+default\s/.test(l))).toHaveLength(5);
	}, 60_000);
});

describe('contexts and namespaces', () => {
	test(':ctx lists and switches, :ns is remembered per context, and recents survive a restart', async () => {
		const t = await kview([]);
		await waitForTable(t, 20_000);
		expect(t.line(0)).toMatch(headerStart('kview-sim'));

		// The list: CURRENT marks the context in use.
		await submitPrompt(t, ':', 'ctx');
		await t.waitFor(/Contexts 2\b/, 5000);
		expect(t.line(2)).toMatch(/^CURRENT\s+NAME/);
		expect(t.screen().find((l) => /\bkview-sim\s+kview-sim\b/.test(l))).toMatch(/^\*\s+kview-sim\s/);
		expect(t.screen().find((l) => /kview-sim-restricted/.test(l))).toMatch(/^\s+kview-sim-restricted\s/);

		// enter switches, back to the view the user came from (pods) in the kubeconfig's namespace.
		await select(t, /kview-sim-restricted/);
		await t.press(keys.enter);
		await t.waitFor(() => headerStart('kview-sim-restricted').test(t.line(0)), 10_000);
		await t.waitFor(() => bottomLine(t).includes('context: kview-sim-restricted'), 3000);
		expect(t.line(0)).toMatch(/\bns default\b/);
		expect(t.line(1)).toMatch(/pods\(default\)/);

		await submitPrompt(t, ':', 'ns monitoring');
		await t.waitFor(() => /\bns monitoring\b/.test(t.line(0)) && bottomLine(t).includes('namespace: monitoring'), 5000);
		// The list now marks the context in use.
		await submitPrompt(t, ':', 'ctx');
		await t.waitFor(/Contexts 2\b/, 5000);
		await t.waitFor(() => /^\*\s+kview-sim-restricted\s/m.test(t.text()), 5000);
		expect(t.screen().find((l) => /^\S*\s+kview-sim\s+kview-sim\b/.test(l))).toMatch(/^\s+kview-sim\s/);

		// `:ctx NAME` switches directly; no namespace was chosen in kview-sim yet: its kubeconfig's (default).
		await submitPrompt(t, ':', 'ctx kview-sim');
		await t.waitFor(() => headerStart('kview-sim').test(t.line(0)) && bottomLine(t).includes('context: kview-sim'), 10_000);
		expect(t.line(0)).toMatch(/\bns default\b/);
		await submitPrompt(t, ':', 'ns payments');
		await t.waitFor(/ns payments\b/, 5000);
		await submitPrompt(t, ':', 'ns shop');
		await t.waitFor(/ns shop\b/, 5000);
		await t.waitFor(/pods\(shop\)/, 5000);

		// Round trip: each context reopens in the namespace last used there.
		await submitPrompt(t, ':', 'ctx kview-sim-restricted');
		await t.waitFor(() => headerStart('kview-sim-restricted').test(t.line(0)), 10_000);
		await t.waitFor(() => /\bns monitoring\b/.test(t.line(0)) && /pods\(monitoring\)/.test(t.line(1)), 5000);
		await t.waitFor(/grafana-\w+-\w+/, 10_000);
		await submitPrompt(t, ':', 'ctx kview-sim');
		await t.waitFor(() => headerStart('kview-sim').test(t.line(0)), 10_000);
		await t.waitFor(() => /\bns shop\b/.test(t.line(0)) && /pods\(shop\)/.test(t.line(1)), 5000);
		await t.waitFor(/frontend-\w+-\w+/, 10_000);

		await t.press('q');
		expect((await t.waitForExit(5000)).exitCode).toBe(0);

		const stateFile = path.join(t.home, '.config', 'kview', 'state.json');
		const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {recentContexts: string[]; recentNamespaces: Record<string, string[]>};
		expect(state.recentContexts).toEqual(['kview-sim', 'kview-sim-restricted']);
		// Where each context was started or switched to counts too (here default, the contexts' own namespace).
		expect(state.recentNamespaces).toEqual({
			'kview-sim': ['shop', 'payments', 'default'],
			'kview-sim-restricted': ['monitoring', 'default'],
		});

		// A second kview with the same HOME: the completions put the recent ones first (most recent on top).
		const home = t.home;
		const again = await kview([], {env: {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')}});
		await waitForTable(again, 20_000);
		expect(again.line(0)).toMatch(headerStart('kview-sim'));
		expect(again.line(0)).toMatch(/\bns default\b/);
		await typeInPrompt(again, ':', 'ns ');
		await again.waitFor(() => completions(again).length >= 2, 3000);
		expect(completions(again)).toEqual(['ns shop', 'ns payments', 'ns all', 'ns default']);
		// The best one is offered as ghost text after what was typed.
		expect(bottomLine(again)).toMatch(/^:ns shop/);
		await again.press(keys.esc);
		await again.waitFor(() => !bottomLine(again).startsWith(':ns') && completions(again).length === 0, 3000);
		await typeInPrompt(again, ':', 'ctx ');
		await again.waitFor(() => completions(again).length >= 2, 3000);
		expect(completions(again)).toEqual(['ctx kview-sim-restricted', 'ctx kview-sim']);
		expect(bottomLine(again)).toMatch(/^:ctx kview-sim-restricted/);
		// tab takes it, enter switches.
		await again.press(keys.tab);
		await again.waitFor(() => bottomLine(again).startsWith(':ctx kview-sim-restricted'), 3000);
		await again.press(keys.enter);
		await again.waitFor(() => headerStart('kview-sim-restricted').test(again.line(0)), 10_000);
		await again.waitFor(() => /\bns monitoring\b/.test(again.line(0)), 5000);
	}, 90_000);

	/** Switches to the other context and back; resolves once kview-sim is shown again. */
	async function roundTrip(t: Kview): Promise<void> {
		await submitPrompt(t, ':', 'ctx kview-sim-restricted');
		await t.waitFor(() => headerStart('kview-sim-restricted').test(t.line(0)), 10_000);
		await submitPrompt(t, ':', 'ctx kview-sim');
		// headerStart('kview-sim') matches kview-sim-restricted too: wait for the other name to go.
		await t.waitFor(
			() => headerStart('kview-sim').test(t.line(0)) && !t.line(0).includes('kview-sim-restricted') && /\w+\(\w+\)/.test(t.line(1)),
			10_000,
		);
	}

	test('a context reopens in the namespace it was started in with -n', async () => {
		const t = await kview(['-n', 'payments']);
		await waitForTable(t, 20_000);
		expect(t.line(0)).toMatch(/\bns payments\b/);
		await roundTrip(t);
		expect(t.line(0)).toMatch(/\bns payments\b/);
		expect(t.line(1)).toMatch(/pods\(payments\)/);
	}, 60_000);

	test('a context reopens in the namespace a `:view NS` line moved to', async () => {
		const t = await kview([]);
		await waitForTable(t, 20_000);
		await submitPrompt(t, ':', 'deploy shop');
		await t.waitFor(() => /\bns shop\b/.test(t.line(0)) && /deployments\(shop\)/.test(t.line(1)), 10_000);
		await roundTrip(t);
		expect(t.line(0)).toMatch(/\bns shop\b/);
		expect(t.line(1)).toMatch(/deployments\(shop\)/);
	}, 60_000);

	test('a context that does not exist: one line in the flash, and nothing changes', async () => {
		const t = await kview([]);
		await waitForTable(t, 20_000);
		await t.waitFor(/^ no pods here/m, 5000);
		const before = t.screen().slice(0, t.term.rows - 2);

		await submitPrompt(t, ':', 'ctx nope');
		await t.waitFor(() => bottomLine(t).startsWith('context "nope"'), 5000);
		expect(bottomLine(t)).toMatch(/^context "nope" is not in \S+ \(contexts: kview-sim, kview-sim-restricted\)\s*$/);
		// One line: the last row stays empty, and everything above the flash line is as it was.
		expect(t.line(t.term.rows - 1)).toBe('');
		expect(t.screen().slice(0, t.term.rows - 2)).toEqual(before);
		expect(t.line(0)).toMatch(headerStart('kview-sim'));
		// Nothing was remembered of it.
		const stateFile = path.join(t.home, '.config', 'kview', 'state.json');
		if (existsSync(stateFile)) expect(readFileSync(stateFile, 'utf8')).not.toContain('nope');
		// And kview still works.
		await submitPrompt(t, ':', 'ns shop');
		await t.waitFor(/frontend-\w+-\w+/, 10_000);
	}, 60_000);
});

describe('a view the user may not read', () => {
	test('403 is said once in the view and not asked again until the view is reopened', async () => {
		const requests = recordRequests();
		try {
			const secretsAsked = () => requests.urls.filter((u) => /^GET \/api\/v1\/namespaces\/shop\/secrets\b/.test(u)).length;
			const t = await kview(['--context', 'kview-sim-restricted', '-n', 'shop'], {cols: 160});
			await waitForTable(t, 20_000);
			expect(secretsAsked()).toBe(0);

			const reason =
				'✕ secrets is forbidden: User "kview-restricted" cannot list resource "secrets" in API group "" in the namespace "shop"';
			await submitPrompt(t, ':', 'secrets');
			await t.waitFor(
				() =>
					t
						.screen()
						.slice(3)
						.some((l) => l.includes(reason)),
				10_000,
			);
			// The header begins the reason too (it may follow the body by a frame).
			await t.waitFor(() => t.line(0).includes('✕ secrets is forbidden'), 5000);
			expect(t.line(1)).toMatch(/secrets\(shop\)/);
			await t.waitForQuiet(300);
			const asked = secretsAsked();
			expect(asked).toBe(1);

			// Nothing is retried: no request, no byte to the terminal, the same screen.
			const screen = t.screen();
			const mark = t.mark();
			await sleep(3000);
			await t.flush();
			expect(secretsAsked()).toBe(asked);
			expect(t.since(mark).bytes).toBe(0);
			expect(t.screen()).toEqual(screen);

			// Opening the view again asks again (the user may have been granted access meanwhile).
			await submitPrompt(t, ':', 'secrets');
			await expect.poll(secretsAsked, {timeout: 10_000}).toBe(asked + 1);
			await t.waitFor(
				() =>
					t
						.screen()
						.slice(3)
						.some((l) => l.includes(reason)),
				10_000,
			);
			await t.waitForQuiet(500);
			expect(secretsAsked()).toBe(asked + 1);

			// Another view is not troubled by it: the header is live again.
			await submitPrompt(t, ':', 'cm');
			await t.waitFor(/^shop-config\s/m, 10_000);
			await t.waitFor(() => t.line(0).includes('● live') && !t.line(0).includes('✕'), 5000);
		} finally {
			requests.stop();
		}
	}, 60_000);
});

describe('CRDs and kinds without a views file', () => {
	test(':db opens the CRD with the server columns, live; :crd + enter opens it too; an unknown word says so', async () => {
		const def = sim.server.resources().find((d) => d.resource === 'databases');
		if (!def) throw new Error('the demo serves no databases');
		const original = sim.store.get(def, 'shop', 'orders');
		try {
			const t = await kview(['-n', 'shop']);
			await waitForTable(t, 20_000);
			await submitPrompt(t, ':', 'db');
			await t.waitFor(/Databases 2\b/, 10_000);
			expect(t.line(1)).toMatch(/databases\(shop\)/);
			expect(t.line(2)).toMatch(/^NAME↑\s+ENGINE\s+VERSION\s+REPLICAS\s+READY\s+AGE\s*$/);
			await t.waitFor(/^orders\s+postgres\s+16\.4\s+2\s+True\s+\d+\w\s*$/m, 5000);
			expect(t.text()).toMatch(/^sessions\s+redis\s+7\.4\s+1\s+False\s+\d+\w\s*$/m);

			// ctrl+w: the printer column of priority 1 (wide).
			await t.press(ctrl('w'));
			await t.waitFor(/^NAME↑\s+ENGINE\s+VERSION\s+REPLICAS\s+READY\s+SIZE\s+AGE\s*$/m, 5000);
			await t.waitFor(/^orders\s+postgres\s+16\.4\s+2\s+True\s+10Gi\s+\d+\w\s*$/m, 5000);
			await t.press(ctrl('w'));
			await t.waitFor(/^NAME↑\s+ENGINE\s+VERSION\s+REPLICAS\s+READY\s+AGE\s*$/m, 5000);

			// A change in the cluster arrives through the Table watch.
			sim.store.update(def, {...original, spec: {...(original.spec as object), replicas: 4}});
			await t.waitFor(/^orders\s+postgres\s+16\.4\s+4\s+True\s/m, 10_000);

			// The CRD's own row opens its objects.
			await submitPrompt(t, ':', 'crd');
			await t.waitFor(/CustomResourceDefinitions 1\b/, 10_000);
			await t.waitFor(() => /^databases\.kview\.dev\s/.test(t.selectedRow()?.text ?? ''), 5000);
			await t.press(keys.enter);
			await t.waitFor(/Databases 2\b/, 10_000);
			expect(t.line(1)).toMatch(/databases\(shop\)/);
			await t.waitFor(/^NAME↑\s+ENGINE\s+VERSION\s+REPLICAS\s+READY\s+AGE\s*$/m, 5000);
			await t.waitFor(/^orders\s+postgres\s+16\.4\s+4\s+True\s/m, 5000);
			expect(t.text()).toMatch(/^sessions\s+redis\s+7\.4\s+1\s+False\s/m);

			// A word that is neither a view nor a kind the cluster serves.
			await submitPrompt(t, ':', 'nosuchkind');
			await t.waitFor(() => bottomLine(t).includes('no view called "nosuchkind"'), 10_000);
			expect(t.line(0)).toMatch(/Databases 2\b/);
		} finally {
			const now = sim.store.get(def, 'shop', 'orders');
			sim.store.update(def, {...now, spec: original.spec});
		}
	}, 60_000);
});

describe('drilling down', () => {
	test('enter on a pod opens its containers, init containers first; esc goes back', async () => {
		const t = await kview(['-n', 'payments'], {cols: 160});
		await waitForTable(t, 20_000);
		await t.waitFor(/^ledger-\w+-\w+\s/m, 10_000);
		await submitPrompt(t, '/', 'ledger');
		await t.waitFor(
			() =>
				t
					.screen()
					.slice(3, t.term.rows - 2)
					.filter((l) => l.trim() !== '').length === 1,
			5000,
		);
		const pod = /^(ledger-\w+-\w+)\s/.exec(t.selectedRow()?.text ?? '')?.[1];
		expect(pod).toBeTruthy();

		await t.press(keys.enter);
		await t.waitFor(`podcontainers(${pod ?? ''})`, 5000);
		await t.waitFor(/Containers 3\b/, 5000);
		const header = t.line(2);
		expect(header).toMatch(/\bNAME\b.*\bINIT\b/);
		const nameAt = header.indexOf('NAME');
		const initAt = header.indexOf('INIT');
		const rows = t
			.screen()
			.slice(3)
			.filter((l) => l.startsWith(pod ?? '?'));
		expect(rows.map((r) => r.slice(nameAt).split(/\s+/)[0])).toEqual(['migrate', 'wait-for-db', 'ledger']);
		expect(rows.map((r) => r.slice(initAt, initAt + 4))).toEqual(['init', 'init', '    ']);

		await t.press(keys.esc);
		await t.waitFor(() => /Pods 1\/\d+/.test(t.line(0)) && !t.line(1).includes('podcontainers('), 5000);
		expect(t.line(1)).toMatch(/pods\(payments\)/);
		expect(t.selectedRow()?.text).toMatch(new RegExp(`^${pod ?? '?'}\\s`));
	}, 60_000);
});

describe('the changed-row mark', () => {
	test('a row the cluster changed is drawn with table.changed for about 1.5 s, then the table goes idle', async () => {
		const worker = sim.store.get(R.deployments, 'shop', 'worker');
		const workerReplicas = (worker.spec as {replicas: number}).replicas;
		// When the sim last changed the worker Deployment (its controller follows the scale with status updates).
		let lastChange = 0;
		const unsubscribe = sim.store.onChange((event) => {
			if (event.object.metadata.uid === worker.metadata.uid) lastChange = performance.now();
		});
		try {
			// COLORTERM=truecolor: the theme's #303a48 is sent as is (with 256 colours it is the nearest palette entry).
			const t = await kview(['-n', 'shop'], {env: {COLORTERM: 'truecolor'}});
			await waitForTable(t, 20_000);
			await submitPrompt(t, ':', 'deploy');
			await t.waitFor(/^worker\s+2\/2\s+2\s+2\s/m, 15_000);
			await t.waitFor(/^frontend\s+3\/3\s/m, 15_000);
			await t.waitForQuiet(1000, 10_000);
			expect(t.selectedRow()?.text).toMatch(/^api\s/);

			const rowOf = (name: string) => lineOf(t, new RegExp(`^${name}\\s`));
			const marked = (y: number, x = 0) => {
				const c = t.cell(x, y);
				return Boolean(c && c.isBold() && c.isBgRGB() && c.getBgColor() === 0x303a48);
			};
			expect(marked(rowOf('worker'))).toBe(false);

			const current = sim.store.get(R.deployments, 'shop', 'worker');
			sim.store.update(R.deployments, {...current, spec: {...(current.spec as object), replicas: workerReplicas + 1}});
			await t.waitFor(() => marked(rowOf('worker')), 5000);
			// The whole row, not only its first cell; the other rows, selected or not, keep their look.
			const y = rowOf('worker');
			const readyAt = t.line(2).indexOf('READY');
			expect(marked(y, readyAt)).toBe(true);
			expect(marked(y, t.line(y).trimEnd().length - 1)).toBe(true);
			expect(marked(rowOf('frontend'))).toBe(false);
			expect(t.cell(0, rowOf('frontend'))?.isBgDefault()).toBe(true);
			expect(marked(rowOf('api'))).toBe(false);
			expect(t.selectedRow()?.text).toMatch(/^api\s/);

			// Each time the mark goes, it went about 1.5 s after the sim's last change to the row's object.
			// The scale is followed by status updates as the new pod starts: wait for the row to settle.
			const fades: number[] = [];
			let wasMarked = true;
			const deadline = performance.now() + 30_000;
			for (;;) {
				await t.flush();
				const now = performance.now();
				const isMarked = marked(rowOf('worker'));
				if (wasMarked && !isMarked) fades.push(now - lastChange);
				wasMarked = isMarked;
				const settled = /^worker\s+3\/3\s+3\s+3\s/m.test(t.text()) && !isMarked && now - lastChange > 2500;
				if (settled) break;
				if (now > deadline) throw new Error(`the worker row did not settle; fades ${JSON.stringify(fades)}\n${t.text()}`);
				await sleep(20);
			}
			expect(fades.length).toBeGreaterThan(0);
			for (const fade of fades) {
				expect(fade).toBeGreaterThan(1400);
				expect(fade).toBeLessThan(3500);
			}

			// Idle: nothing changes, nothing is written.
			const mark = t.mark();
			await sleep(2000);
			await t.flush();
			expect(t.since(mark).bytes).toBe(0);
		} finally {
			unsubscribe();
			const now = sim.store.get(R.deployments, 'shop', 'worker');
			sim.store.update(R.deployments, {...now, spec: {...(now.spec as object), replicas: workerReplicas}});
		}
	}, 60_000);
});

describe('kview dump of a CRD', () => {
	test('prints the server printer columns, with no terminal', async () => {
		const home = mkdtempSync(path.join(os.tmpdir(), 'kview-views-dump-'));
		const result = await runDump(['databases', '-n', 'shop', '--kubeconfig', sim.kubeconfigPath], home);
		rmSync(home, {recursive: true, force: true});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const [header = '', ...rows] = result.stdout.trimEnd().split('\n');
		expect(header.trim().split(/\s+/)).toEqual(['NAME', 'ENGINE', 'VERSION', 'REPLICAS', 'READY', 'AGE']);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatch(/^orders\s+postgres\s+16\.4\s+2\s+True\s+\d+\w+$/);
		expect(rows[1]).toMatch(/^sessions\s+redis\s+7\.4\s+1\s+False\s+\d+\w+$/);
		// Laid out as kubectl does: each column starts where its header does.
		for (const column of ['ENGINE', 'VERSION', 'READY']) {
			const at = header.indexOf(column);
			for (const row of rows) expect(row.charAt(at - 1)).toBe(' ');
		}
	}, 30_000);
});
