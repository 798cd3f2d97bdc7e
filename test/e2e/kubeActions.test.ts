import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, onTestFinished, test} from 'vitest';
import {startSim, type RunningSim} from '../../src/sim/index.js';
import type {KubeObject} from '../../src/sim/types.js';
import {BUILTIN_RESOURCES} from '../../src/sim/resources.js';
import {R} from '../../src/sim/world/kinds.js';
import {bottomLine, setupE2E, submitPrompt, waitForTable} from '../helpers/e2e.js';
import {ctrl, keys, startKview, type Kview} from '../helpers/term.js';

setupE2E();

// kview's resource actions (scale, restart, cordon/uncordon/drain, trigger, kill, delete, edit, copy,
// port-forward) through the real binary in a pty, against a simulated cluster in this process. Each
// action is checked twice: what the user sees (the flash line, the table) and what the cluster holds
// (sim.store), so a message that claims success without the change, or the reverse, fails.

const STEP_MS = 10_000;

/** A simulated cluster of its own for a describe block; its kubeconfig in a temp dir. */
function useSim(): {readonly sim: RunningSim} {
	const holder = {} as {sim: RunningSim};
	let dir = '';
	beforeAll(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'kview-actions-sim-'));
		holder.sim = await startSim({scenario: 'demo', kubeconfigOut: path.join(dir, 'kubeconfig')});
	}, 30_000);
	afterAll(async () => {
		await holder.sim?.close();
		rmSync(dir, {recursive: true, force: true});
	});
	return holder;
}

/** kview on the sim, in namespace shop (or all), on `view`, with its first table drawn. */
async function open(
	sim: RunningSim,
	view: string,
	options: {args?: string[]; env?: Record<string, string>; allNamespaces?: boolean} = {},
): Promise<Kview> {
	const t = await startKview({
		args: [
			'--kubeconfig',
			sim.kubeconfigPath,
			...(options.allNamespaces ? ['-A'] : ['-n', 'shop']),
			'--view',
			view,
			...(options.args ?? []),
		],
		cols: 160,
		rows: 40,
		...(options.env ? {env: options.env} : {}),
	});
	await waitForTable(t, 20_000);
	return t;
}

const tableLines = (t: Kview) => t.screen().slice(3, t.term.rows - 2);

/** The first word of a row: its NAME when the NAMESPACE column is hidden. */
const firstWord = (text: string | undefined) => /^\s*(\S+)/.exec(text ?? '')?.[1] ?? '';

/**
 * The row under the cursor. Not `t.selectedRow()`: that takes any row with a background, and a row
 * that changed a moment ago has one too (theme `table.changed`, a 256-colour/RGB grey), so right after
 * a pod is replaced it can report the new pod's row. The cursor's background is a basic ANSI colour
 * (`table.selected`: bg cyan) or inverse.
 */
function cursorRow(t: Kview): {readonly index: number; readonly text: string} | undefined {
	const lines = t.screen();
	for (let y = 3; y < lines.length - 2; y++) {
		const c = t.cell(0, y);
		if (!c || (lines[y] ?? '') === '') continue;
		if (c.isInverse() || (c.isBgPalette() && c.getBgColor() < 16)) return {index: y, text: lines[y] ?? ''};
	}
	return undefined;
}

/**
 * Moves the cursor with j/k onto the first row matching `pattern`; returns that row's name. A cursor
 * that got there without a key (its own row left and it fell onto this one) is pinned with a step
 * away and back: until a key moves it, kview keeps it by index, and it drifts (see the test below).
 */
async function selectRow(t: Kview, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
	await t.waitFor(() => tableLines(t).some((l) => pattern.test(l)), timeoutMs);
	const step = async (key: string) => {
		const from = cursorRow(t)?.index;
		await t.press(key);
		await t.waitFor(() => cursorRow(t)?.index !== from, 3000).catch(() => undefined);
	};
	let moved = false;
	for (let i = 0; i < 80; i++) {
		const selected = cursorRow(t);
		if (selected && pattern.test(selected.text)) {
			const rows = t.screen().flatMap((l, y) => (y >= 3 && y < t.term.rows - 2 && l.trim() !== '' ? [y] : []));
			if (moved || rows.length < 2) return firstWord(selected.text);
			const away = selected.index < Math.max(...rows) ? 'j' : 'k';
			await step(away);
			await step(away === 'j' ? 'k' : 'j');
			moved = true;
			continue;
		}
		const target = t.screen().findIndex((l, y) => y >= 3 && y < t.term.rows - 2 && pattern.test(l));
		if (target < 0) throw new Error(`no row matches ${String(pattern)}\n${t.text()}`);
		await step(target > (selected?.index ?? 3) ? 'j' : 'k');
		moved = true;
	}
	throw new Error(`could not select a row matching ${String(pattern)}\n${t.text()}`);
}

/** Waits for the flash line to contain `text` (or match it); a timeout lists every bottom line seen meanwhile. */
async function flash(t: Kview, text: string | RegExp, timeoutMs = STEP_MS): Promise<string> {
	const seen: string[] = [];
	const matches = (line: string) => (typeof text === 'string' ? line.includes(text) : text.test(line));
	try {
		await t.waitFor(() => {
			const line = bottomLine(t);
			if (seen.at(-1) !== line) seen.push(line);
			return matches(line);
		}, timeoutMs);
	} catch (error) {
		throw new Error(`the flash ${String(text)} never showed; the bottom line was, in turn: ${JSON.stringify(seen)}\n${String(error)}`, {
			cause: error,
		});
	}
	return bottomLine(t);
}

/** The dialog's buttons row and which button is highlighted. */
function dialog(t: Kview): {line: string; active: string | undefined} | undefined {
	const lines = t.screen();
	const y = lines.findIndex((l) => / Cancel {2}/.test(l));
	if (y < 0) return undefined;
	const line = lines[y] ?? '';
	const labels = line
		.replace(/[│╭╮╰╯─]/g, ' ')
		.split(/\s{2,}/)
		.map((l) => l.trim())
		.filter(Boolean);
	for (const label of labels) {
		const c = t.cell(line.indexOf(` ${label} `) + 1, y);
		if (c && (c.isInverse() || !c.isBgDefault())) return {line, active: label};
	}
	return {line, active: undefined};
}

/** Waits for the question, checks the dialog starts on Cancel, then moves to `button` (tab by tab) and presses enter. */
async function answer(t: Kview, question: string, button: string): Promise<void> {
	await t.waitFor(question, 5000);
	await t.waitFor(() => dialog(t)?.active === 'Cancel', 3000);
	for (let i = 0; i < 4 && dialog(t)?.active !== button; i++) {
		const before = dialog(t)?.active;
		await t.press(keys.tab);
		await t.waitFor(() => dialog(t)?.active !== before, 3000);
	}
	expect(dialog(t)?.active).toBe(button);
	await t.press(keys.enter);
	await t.waitFor(() => dialog(t) === undefined, 3000);
}

/** Replaces the prefilled answer of an ask prompt (ctrl+u clears it) and submits it. */
async function replyToPrompt(t: Kview, label: string, text: string): Promise<void> {
	await t.waitFor(() => bottomLine(t).startsWith(label), 5000);
	await t.press(ctrl('u'));
	await t.waitFor(() => bottomLine(t).trimEnd() === label.trimEnd(), 3000);
	await t.press(text);
	await t.waitFor(() => bottomLine(t).startsWith(`${label}${text}`), 3000);
	await t.press(keys.enter);
}

const osc52 = (text: string) => `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;

function httpGet(port: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = http.get({host: '127.0.0.1', port, path: '/', agent: false, timeout: 5000}, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve(body));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error('timed out')));
		req.on('error', reject);
	});
}

const annotations = (o: KubeObject | undefined) =>
	(o?.spec as {template?: {metadata?: {annotations?: Record<string, string>}}} | undefined)?.template?.metadata?.annotations ?? {};
const replicas = (o: KubeObject | undefined) => (o?.spec as {replicas?: number} | undefined)?.replicas;
const unschedulable = (o: KubeObject | undefined) => Boolean((o?.spec as {unschedulable?: boolean} | undefined)?.unschedulable);
const podsOnNode = (sim: RunningSim, node: string) =>
	sim.store.list(R.pods).filter((p) => (p.spec as {nodeName?: string} | undefined)?.nodeName === node && !p.metadata.deletionTimestamp);
/** Waits until an object has not been written for a second (its controllers are done with it for now). */
async function settled(sim: RunningSim, def: (typeof R)[keyof typeof R], namespace: string | undefined, name: string): Promise<void> {
	const rv = () => sim.store.find(def, namespace, name)?.metadata.resourceVersion;
	let last = rv();
	let since = Date.now();
	await expect
		.poll(
			() => {
				const now = rv();
				if (now !== last) [last, since] = [now, Date.now()];
				return Date.now() - since >= 1000;
			},
			{timeout: 20_000, interval: 100},
		)
		.toBe(true);
}
const clusterRoles = BUILTIN_RESOURCES.find((d) => d.resource === 'clusterroles')!;
/** A ClusterRole made straight in the store: RBAC names are path segments, so `:` and capitals are allowed. */
function createClusterRole(sim: RunningSim, name: string): void {
	sim.store.create(clusterRoles, {
		apiVersion: 'rbac.authorization.k8s.io/v1',
		kind: 'ClusterRole',
		metadata: {name, uid: '', resourceVersion: '', creationTimestamp: ''},
		rules: [{apiGroups: [''], resources: ['pods'], verbs: ['get', 'list']}],
	});
}
const ownerKind = (o: KubeObject) => (o.metadata.ownerReferences as {kind?: string}[] | undefined)?.[0]?.kind;
const manualJobs = (sim: RunningSim) => sim.store.list(R.jobs, 'shop').filter((j) => j.metadata.name.startsWith('nightly-report-manual-'));

describe('deployments: scale, restart, a burst of keys; cronjobs: trigger', () => {
	const env = useSim();

	test('s scales the selected deployment; a non-number is refused and changes nothing', async () => {
		const {sim} = env;
		const t = await open(sim, 'deployments');
		expect(await selectRow(t, /^\s*worker\s/)).toBe('worker');
		expect(replicas(sim.store.find(R.deployments, 'shop', 'worker'))).toBe(2);

		await t.press('s');
		await replyToPrompt(t, 'scale deployment shop/worker to ', '4');
		await flash(t, 'scaled deployment shop/worker to 4');
		expect(replicas(sim.store.find(R.deployments, 'shop', 'worker'))).toBe(4);
		// The controllers follow and the table shows it.
		await t.waitFor(/\bworker\s+4\/4\b/, 30_000);

		// The prompt starts from the current count; garbage is refused before anything is sent.
		const rv = sim.store.find(R.deployments, 'shop', 'worker')?.metadata.resourceVersion;
		await t.press('s');
		await t.waitFor(() => bottomLine(t).startsWith('scale deployment shop/worker to 4'), 5000);
		await replyToPrompt(t, 'scale deployment shop/worker to ', 'abc');
		await flash(t, 'scale: "abc" is not a number of replicas');
		await t.waitForQuiet(300);
		expect(replicas(sim.store.find(R.deployments, 'shop', 'worker'))).toBe(4);
		expect(sim.store.find(R.deployments, 'shop', 'worker')?.metadata.resourceVersion).toBe(rv);

		// esc closes the prompt without scaling.
		await t.press('s');
		await t.waitFor(() => bottomLine(t).startsWith('scale deployment shop/worker to 4'), 5000);
		await t.press(ctrl('u'), '1');
		await t.press(keys.esc);
		await t.waitFor(() => !bottomLine(t).startsWith('scale deployment'), 3000);
		await t.waitForQuiet(300);
		expect(replicas(sim.store.find(R.deployments, 'shop', 'worker'))).toBe(4);
	}, 60_000);

	test('r restarts after a confirmation that starts on Cancel', async () => {
		const {sim} = env;
		const t = await open(sim, 'deployments');
		await selectRow(t, /^\s*api\s/);
		const restartedAt = () => annotations(sim.store.find(R.deployments, 'shop', 'api'))['kubectl.kubernetes.io/restartedAt'];

		// enter on Cancel does nothing.
		await t.press('r');
		await answer(t, 'Restart deployment shop/api?', 'Cancel');
		await t.waitForQuiet(300);
		expect(restartedAt()).toBeUndefined();
		expect(bottomLine(t)).not.toContain('restarted');

		const before = Date.now();
		await t.press('r');
		await answer(t, 'Restart deployment shop/api?', 'Restart');
		await flash(t, 'restarted deployment shop/api');
		const stamp = restartedAt();
		expect(stamp).toBeDefined();
		expect(Date.parse(stamp ?? '')).toBeGreaterThanOrEqual(before - 1000);
		// A rollout follows: a second ReplicaSet for the new template.
		await expect
			.poll(() => sim.store.list(R.replicasets, 'shop').filter((rs) => rs.metadata.name.startsWith('api-')).length, {timeout: 15_000})
			.toBeGreaterThanOrEqual(2);
	}, 60_000);

	test('a burst of keys acts on the row the cursor ends on', async () => {
		const {sim} = env;
		const t = await open(sim, 'deployments');
		// Sorted by name: api, frontend, recommender, redis, worker.
		await t.waitFor(() => tableLines(t).filter((l) => /^\s*(api|frontend|recommender|redis|worker)\s/.test(l)).length === 5, 15_000);
		expect(firstWord(cursorRow(t)?.text)).toBe('api');
		t.write('jjjs');
		await t.waitFor(() => bottomLine(t).startsWith('scale deployment '), 5000);
		expect(bottomLine(t)).toMatch(/^scale deployment shop\/redis to 1\b/);
		expect(firstWord(cursorRow(t)?.text)).toBe('redis');
		await t.press(keys.esc);
		await t.waitFor(() => !bottomLine(t).startsWith('scale deployment'), 3000);

		// Back up two and copy, in one write.
		const mark = t.mark();
		t.write('kkc');
		await flash(t, /^copied \S+/);
		expect(bottomLine(t)).toMatch(/^copied frontend\b/);
		expect(t.since(mark).text).toContain(osc52('frontend'));
		expect(t.since(mark).text).not.toContain(osc52('redis'));

		// And a burst that ends in a confirmation: the dialog names the row the cursor ended on.
		t.write('jjr');
		await t.waitFor('Restart deployment shop/redis?', 5000);
		await t.press(keys.esc);
		await t.waitFor(() => dialog(t) === undefined, 3000);
		expect(annotations(sim.store.find(R.deployments, 'shop', 'redis'))['kubectl.kubernetes.io/restartedAt']).toBeUndefined();

		// A whole scale typed ahead in one write: keys after `s` go to its prompt, in order.
		expect(firstWord(cursorRow(t)?.text)).toBe('redis');
		t.write(`ks${ctrl('u')}3${keys.enter}`);
		await flash(t, 'scaled deployment shop/recommender to 3');
		expect(replicas(sim.store.find(R.deployments, 'shop', 'recommender'))).toBe(3);
		expect(replicas(sim.store.find(R.deployments, 'shop', 'redis'))).toBe(1);
	}, 60_000);

	test('t triggers the cronjob: a manual Job owned by it', async () => {
		const {sim} = env;
		const t = await open(sim, 'cronjobs');
		await selectRow(t, /^\s*nightly-report\s/);
		const before = new Set(manualJobs(sim).map((j) => j.metadata.name));

		await t.press('t');
		await answer(t, 'Trigger cronjob shop/nightly-report?', 'Cancel');
		await t.waitForQuiet(300);
		expect(manualJobs(sim).length).toBe(before.size);

		await t.press('t');
		await answer(t, 'Trigger cronjob shop/nightly-report?', 'Trigger');
		const line = await flash(t, /triggered cronjob shop\/nightly-report: job nightly-report-manual-\w{5}/);
		const jobName = /job (nightly-report-manual-\w{5})/.exec(line)?.[1] ?? '';
		const job = sim.store.find(R.jobs, 'shop', jobName);
		expect(job, `job ${jobName} in the cluster`).toBeDefined();
		expect(job?.metadata.annotations?.['cronjob.kubernetes.io/instantiate']).toBe('manual');
		expect(job?.metadata.ownerReferences).toEqual([expect.objectContaining({kind: 'CronJob', name: 'nightly-report', controller: true})]);
		expect(manualJobs(sim).length).toBe(before.size + 1);
	}, 60_000);
});

describe('nodes: cordon, uncordon, drain', () => {
	const env = useSim();

	test('c cordons, u uncordons, r drains (evicting all but the DaemonSet pod)', async () => {
		const {sim} = env;
		const t = await open(sim, 'nodes');
		const status = (node: string) =>
			t
				.screen()
				.find((l) => firstWord(l) === node)
				?.split(/\s{2,}/)[1]
				?.trim();

		await selectRow(t, /^\s*kview-worker-2\s/);
		await t.waitFor(() => status('kview-worker-2') === 'Ready', 5000);
		await t.press('c');
		await answer(t, 'Cordon node kview-worker-2?', 'Cordon');
		await flash(t, 'cordoned node kview-worker-2');
		expect(unschedulable(sim.store.find(R.nodes, undefined, 'kview-worker-2'))).toBe(true);
		await t.waitFor(() => status('kview-worker-2') === 'Ready,SchedulingDisabled', STEP_MS);

		await t.press('u');
		await answer(t, 'Uncordon node kview-worker-2?', 'Uncordon');
		await flash(t, 'uncordoned node kview-worker-2');
		expect(unschedulable(sim.store.find(R.nodes, undefined, 'kview-worker-2'))).toBe(false);
		await t.waitFor(() => status('kview-worker-2') === 'Ready', STEP_MS);

		// Drain: cordons, evicts every pod but the DaemonSet's, which stays (kubectl drain --ignore-daemonsets).
		await selectRow(t, /^\s*kview-worker-1\s/);
		const victims = podsOnNode(sim, 'kview-worker-1');
		expect(victims.filter((p) => ownerKind(p) !== 'DaemonSet').length).toBeGreaterThan(0);
		await t.press('r');
		await answer(t, 'Drain node kview-worker-1?', 'Drain');
		const line = await flash(t, /drained node kview-worker-1: evicted \d+ pods?, left 1 DaemonSet pod\b/, 20_000);
		expect(Number(/evicted (\d+)/.exec(line)?.[1])).toBeGreaterThan(0);
		expect(unschedulable(sim.store.find(R.nodes, undefined, 'kview-worker-1'))).toBe(true);
		await t.waitFor(() => status('kview-worker-1') === 'Ready,SchedulingDisabled', STEP_MS);
		await expect
			.poll(
				() => podsOnNode(sim, 'kview-worker-1').map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name}:${ownerKind(p) ?? 'none'}`),
				{
					timeout: 20_000,
				},
			)
			.toEqual([expect.stringMatching(/^monitoring\/node-exporter-\w+:DaemonSet$/)]);
		// Cordoned: the controllers' replacements went elsewhere.
		expect(unschedulable(sim.store.find(R.nodes, undefined, 'kview-worker-2'))).toBe(false);
	}, 90_000);
});

/** What the store recorded about a pod's deletion: the grace period it was given, and whether it is gone. */
function watchDeletion(
	sim: RunningSim,
	namespace: string,
	name: string,
): {grace: () => number | undefined; gone: () => boolean; stop: () => void} {
	let grace: number | undefined;
	let gone = false;
	const stop = sim.store.onChange((event) => {
		const o = event.object;
		if (o.kind !== 'Pod' || o.metadata.namespace !== namespace || o.metadata.name !== name) return;
		if (event.type === 'DELETED') gone = true;
		const g = (o.metadata as {deletionGracePeriodSeconds?: number}).deletionGracePeriodSeconds;
		if (g !== undefined && grace === undefined) grace = g;
	});
	return {grace: () => grace, gone: () => gone, stop};
}

describe('pods: kill, delete, copy, port-forward', () => {
	const env = useSim();

	test('K kills the pod at once; D offers Delete (graceful) and Delete now', async () => {
		const {sim} = env;
		const t = await open(sim, 'pods');
		const running = /^\s*frontend-\S+\s+1\/1\s+Running\b/;

		// K: asks (starting on Cancel), then deletes with no grace period.
		const killed = await selectRow(t, running);
		const kill = watchDeletion(sim, 'shop', killed);
		await t.press('K');
		await answer(t, `Kill pod shop/${killed}?`, 'Cancel');
		await t.waitForQuiet(300);
		expect(sim.store.find(R.pods, 'shop', killed)?.metadata.deletionTimestamp).toBeUndefined();
		await t.press('K');
		await answer(t, `Kill pod shop/${killed}?`, 'Kill');
		await flash(t, `killed pod shop/${killed} (no grace period)`);
		await expect.poll(() => kill.gone(), {timeout: STEP_MS}).toBe(true);
		expect(kill.grace() ?? 0).toBe(0);
		kill.stop();
		await t.waitFor(() => !tableLines(t).some((l) => firstWord(l) === killed), STEP_MS);

		// D -> Delete: graceful (the pod is marked, terminating).
		const deleted = await selectRow(t, running);
		expect(deleted).not.toBe(killed);
		const del = watchDeletion(sim, 'shop', deleted);
		await t.press('D');
		await t.waitFor(`Delete pod shop/${deleted}?`, 5000);
		expect(dialog(t)?.line).toMatch(/ Cancel {2,}Delete {2,}Delete now /);
		await answer(t, `Delete pod shop/${deleted}?`, 'Delete');
		await flash(t, `deleted pod shop/${deleted}`);
		await expect.poll(() => del.grace(), {timeout: STEP_MS}).toBeGreaterThan(0);
		del.stop();
		await t.waitFor(() => tableLines(t).some((l) => firstWord(l) === deleted && /\bTerminating\b/.test(l)) || del.gone(), STEP_MS);

		// D -> Delete now: grace 0, gone at once.
		const now = await selectRow(t, new RegExp(`^\\s*(?!${killed}\\s|${deleted}\\s)frontend-\\S+\\s+1/1\\s+Running\\b`));
		expect([killed, deleted]).not.toContain(now);
		const forced = watchDeletion(sim, 'shop', now);
		await t.press('D');
		await answer(t, `Delete pod shop/${now}?`, 'Delete now');
		await flash(t, new RegExp(`(?:killed|deleted) pod shop/${now} \\(no grace period\\)`));
		await expect.poll(() => forced.gone(), {timeout: STEP_MS}).toBe(true);
		expect(forced.grace() ?? 0).toBe(0);
		forced.stop();
	}, 90_000);

	test('c copies the selected name to the clipboard with OSC 52', async () => {
		const {sim} = env;
		const t = await open(sim, 'pods');
		const name = await selectRow(t, /^\s*redis-\S+/);
		const mark = t.mark();
		await t.press('c');
		await flash(t, `copied ${name}`);
		expect(t.since(mark).text).toContain(osc52(name));
		// Nothing else moved: the clipboard is the only effect.
		expect(firstWord(cursorRow(t)?.text)).toBe(name);
	}, 60_000);

	test('F forwards a local port to a pod and to a deployment; :pf lists them; D there stops one', async () => {
		const {sim} = env;
		const t = await open(sim, 'pods');

		// A pod: the prompt offers its container port; ":80"-style and "0:80" pick a free local port.
		const pod = await selectRow(t, /^\s*frontend-\S+\s+1\/1\s+Running\b/);
		await t.press('F');
		await t.waitFor(() => bottomLine(t).startsWith(`port-forward pod shop/${pod} (local:remote) 80:80`), 5000);
		await replyToPrompt(t, `port-forward pod shop/${pod} (local:remote) `, 'abc');
		await flash(t, 'port-forward: "abc" is not LOCAL:REMOTE');
		await t.press('F');
		await replyToPrompt(t, `port-forward pod shop/${pod} (local:remote) `, '0:80');
		const podLine = await flash(t, new RegExp(`forwarding 127\\.0\\.0\\.1:(\\d+) -> pod shop/${pod}:80`));
		const podPort = Number(/127\.0\.0\.1:(\d+)/.exec(podLine)?.[1]);
		expect(podPort).toBeGreaterThan(0);
		expect(await httpGet(podPort)).toContain(`hello from shop/${pod} on port 80`);

		// A deployment: a ready pod behind it, on the template's port.
		await submitPrompt(t, ':', 'deploy');
		await t.waitFor(/Deployments \d+/, 5000);
		await selectRow(t, /^\s*api\s/);
		await t.press('F');
		await t.waitFor(() => bottomLine(t).startsWith('port-forward deployment shop/api (local:remote) 8080:8080'), 5000);
		await replyToPrompt(t, 'port-forward deployment shop/api (local:remote) ', '0:8080');
		const deployLine = await flash(t, /forwarding 127\.0\.0\.1:(\d+) -> deployment\/api pod shop\/(api-\S+):8080/);
		const deployPort = Number(/127\.0\.0\.1:(\d+)/.exec(deployLine)?.[1]);
		const apiPod = /pod shop\/(api-\S+):8080/.exec(deployLine)?.[1] ?? '';
		expect(await httpGet(deployPort)).toContain(`hello from shop/${apiPod} on port 8080`);

		// A local port already taken (here by the forward just made) is refused with the reason; nothing is added.
		await t.press('F');
		await replyToPrompt(t, 'port-forward deployment shop/api (local:remote) ', `${deployPort}:8080`);
		await flash(t, `port-forward api: local port ${deployPort} is in use; pick another`);

		// :pf lists both, with their connections counted.
		await submitPrompt(t, ':', 'pf');
		await t.waitFor(/Port-forwards 2\b/, 5000);
		const header = t.line(2);
		for (const column of ['NAMESPACE', 'NAME', 'TARGET', 'LOCAL', 'REMOTE', 'CONNECTIONS', 'ERROR', 'AGE'])
			expect(header).toContain(column);
		const podRow = new RegExp(`^\\s*shop\\s+${pod}\\s+pod/${pod}\\s+127\\.0\\.0\\.1:${podPort}\\s+80\\b`);
		const deployRow = new RegExp(`^\\s*shop\\s+${apiPod}\\s+deployment/api\\s+127\\.0\\.0\\.1:${deployPort}\\s+8080\\b`);
		await t.waitFor(() => tableLines(t).some((l) => podRow.test(l)) && tableLines(t).some((l) => deployRow.test(l)), 5000);

		// D stops the selected forward, without asking: the port is closed, the other still serves.
		await selectRow(t, podRow);
		await t.press('D');
		await flash(t, `stopped port-forward 127.0.0.1:${podPort} -> shop/${pod}:80`);
		await t.waitFor(/Port-forwards 1\b/, 5000);
		expect(tableLines(t).some((l) => podRow.test(l))).toBe(false);
		await expect(httpGet(podPort)).rejects.toThrow(/ECONNREFUSED/);
		expect(await httpGet(deployPort)).toContain(`hello from shop/${apiPod} on port 8080`);

		// Quitting stops the rest.
		await t.press('q');
		expect((await t.exit).exitCode).toBe(0);
		await expect(httpGet(deployPort)).rejects.toThrow(/ECONNREFUSED/);
	}, 90_000);
	test('c in an all-namespaces view copies the bare name', async () => {
		const {sim} = env;
		const t = await open(sim, 'pods', {allNamespaces: true});
		const row = await selectRow(t, /^\s*shop\s+redis-\S+/);
		const name = /redis-\S+/.exec(cursorRow(t)?.text ?? '')?.[0] ?? '';
		expect(row).toBe('shop');
		const mark = t.mark();
		await t.press('c');
		await flash(t, /^copied /);
		expect(t.since(mark).text).toContain(osc52(name));
	}, 60_000);

	test('c copies a name with capitals as it is', async () => {
		const {sim} = env;
		createClusterRole(sim, 'oncall-Viewers');
		const t = await open(sim, 'clusterroles');
		await selectRow(t, /^\s*oncall-Viewers\s/i);
		const mark = t.mark();
		await t.press('c');
		await flash(t, /^copied /);
		expect(t.since(mark).text).toContain(osc52('oncall-Viewers'));
	}, 60_000);
	test('after its row leaves, the cursor stays on the row it fell onto', async () => {
		const {sim} = env;
		const pod = (name: string) =>
			sim.store.create(R.pods, {
				apiVersion: 'v1',
				kind: 'Pod',
				metadata: {name, namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: ''},
				spec: {containers: [{name: 'sh', image: 'busybox:1.36'}]},
			});
		for (const name of ['aa-1', 'aa-2', 'zz-b', 'zz-c', 'zz-d', 'zz-e']) pod(name);
		const t = await startKview({args: ['--kubeconfig', sim.kubeconfigPath, '-n', 'default', '--view', 'pods'], cols: 120, rows: 30});
		await waitForTable(t, 20_000);
		await t.waitFor(() => tableLines(t).filter((l) => /^(aa|zz)-/.test(l)).length === 6, 15_000);
		await selectRow(t, /^zz-b\s/);
		sim.store.remove(R.pods, 'default', 'zz-b');
		await t.waitFor(() => !t.text().includes('zz-b') && firstWord(cursorRow(t)?.text) === 'zz-c', 5000);
		sim.store.remove(R.pods, 'default', 'aa-1');
		await t.waitFor(() => !t.text().includes('aa-1'), 5000);
		await t.waitForQuiet(300);
		await t.press('D');
		await t.waitFor(/Delete pod default\/zz-\w\?/, 5000);
		expect(t.text()).toContain('Delete pod default/zz-c?');
	}, 60_000);
});

/**
 * A scripted $EDITOR in a temp dir. kview runs it through a shell with the file as the last argument.
 * Each run keeps a copy of what it was shown (`seen(n)`), then does what `mode` says:
 * `keep` saves as is, `fail` exits 4, `empty` empties the file, `append` appends `expression`,
 * `sed` applies `expression`, and `wait` first
 * touches `opened` and waits for `go` (the test changes the object meanwhile), then applies it.
 */
function scriptedEditor() {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-editor-'));
	const script = path.join(dir, 'edit.sh');
	writeFileSync(
		script,
		[
			'#!/bin/sh',
			`dir='${dir}'`,
			'for f; do :; done',
			'n=$(cat "$dir/count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$dir/count"',
			'cp "$f" "$dir/seen-$n"',
			'case "$(cat "$dir/mode")" in',
			'  keep) ;;',
			'  fail) exit 4 ;;',
			'  empty) : > "$f" ;;',
			'  append) cat "$dir/expression" >> "$f" ;;',
			'  sed) sed -i "$(cat "$dir/expression")" "$f" ;;',
			'  wait)',
			'    touch "$dir/opened"; i=0',
			'    while [ ! -e "$dir/go" ]; do sleep 0.05; i=$((i + 1)); [ "$i" -gt 600 ] && exit 3; done',
			'    sed -i "$(cat "$dir/expression")" "$f" ;;',
			'esac',
			'',
		].join('\n'),
	);
	chmodSync(script, 0o755);
	return {
		script,
		set(mode: 'keep' | 'fail' | 'empty' | 'append' | 'sed' | 'wait', expression = '') {
			for (const f of ['opened', 'go']) rmSync(path.join(dir, f), {force: true});
			writeFileSync(path.join(dir, 'mode'), mode);
			writeFileSync(path.join(dir, 'expression'), expression);
		},
		runs: () => Number(existsSync(path.join(dir, 'count')) ? readFileSync(path.join(dir, 'count'), 'utf8') : 0),
		seen: (n: number) => readFileSync(path.join(dir, `seen-${n}`), 'utf8'),
		opened: () => existsSync(path.join(dir, 'opened')),
		go: () => writeFileSync(path.join(dir, 'go'), ''),
		remove: () => rmSync(dir, {recursive: true, force: true}),
	};
}

describe('e: edit in $EDITOR, saved only over the version read', () => {
	const env = useSim();
	let editor: ReturnType<typeof scriptedEditor>;
	beforeAll(() => {
		editor = scriptedEditor();
	});
	afterAll(() => editor.remove());

	const configMap = (sim: RunningSim) => sim.store.find(R.configmaps, 'shop', 'shop-config');
	const data = (sim: RunningSim) => (configMap(sim)?.['data'] ?? {}) as Record<string, string>;

	test('a change is saved; an unchanged file saves nothing; an emptied file cancels', async () => {
		const {sim} = env;
		const t = await open(sim, 'configmaps', {env: {EDITOR: editor.script}});
		await selectRow(t, /^\s*shop-config\s/);

		editor.set('sed', 's/checkout-v2,recommendations/checkout-v3/');
		await t.press('e');
		await flash(t, 'saved configmap shop/shop-config');
		expect(data(sim)['FEATURE_FLAGS']).toBe('checkout-v3');
		expect(data(sim)['API_URL']).toBe('http://api.shop.svc:8080');
		// The editor was shown the whole object, as YAML with the explaining header, without managedFields.
		const shown = editor.seen(editor.runs());
		expect(shown).toMatch(/^# Edit the object below/);
		expect(shown).toContain('FEATURE_FLAGS: checkout-v2,recommendations');
		expect(shown).toMatch(/^ {2}name: shop-config$/m);
		expect(shown).not.toContain('managedFields');
		// The UI is back.
		await t.waitFor(() => firstWord(cursorRow(t)?.text) === 'shop-config', 5000);

		const rv = configMap(sim)?.metadata.resourceVersion;
		editor.set('keep');
		await t.press('e');
		await flash(t, 'shop-config unchanged');
		// The second edit started from what the first saved.
		expect(editor.seen(editor.runs())).toContain('FEATURE_FLAGS: checkout-v3');
		expect(configMap(sim)?.metadata.resourceVersion).toBe(rv);

		editor.set('empty');
		await t.press('e');
		await flash(t, 'edit of shop-config cancelled');
		await t.waitForQuiet(300);
		expect(configMap(sim)?.metadata.resourceVersion).toBe(rv);
	}, 60_000);

	test('a deployment edited: its new spec is applied and the controllers follow', async () => {
		const {sim} = env;
		const t = await open(sim, 'deployments', {env: {EDITOR: editor.script}});
		await selectRow(t, /^\s*worker\s/);
		// Until its pods are up the controller keeps writing the status, and a write between kview's read
		// and its save is a conflict (see the test after the next).
		await t.waitFor(/\bworker\s+2\/2\s+2\s+2\b/, 30_000);
		await settled(sim, R.deployments, 'shop', 'worker');
		editor.set('sed', 's/^  replicas: 2$/  replicas: 3/');
		await t.press('e');
		await flash(t, 'saved deployment shop/worker');
		expect(replicas(sim.store.find(R.deployments, 'shop', 'worker'))).toBe(3);
		await t.waitFor(/\bworker\s+3\/3\b/, 30_000);
	}, 60_000);

	test('a conflict keeps the edit; the next e reopens it on the latest version and saves it', async () => {
		const {sim} = env;
		// KUBE_EDITOR comes before EDITOR, as kubectl edit has it.
		const t = await open(sim, 'configmaps', {env: {KUBE_EDITOR: editor.script, EDITOR: '/bin/false'}});
		await selectRow(t, /^\s*shop-config\s/);
		const flagsBefore = data(sim)['FEATURE_FLAGS'];
		const readRv = configMap(sim)?.metadata.resourceVersion ?? '';

		editor.set('wait', 's/^  FEATURE_FLAGS: .*$/  FEATURE_FLAGS: mine/');
		await t.press('e');
		await expect.poll(() => editor.opened(), {timeout: STEP_MS}).toBe(true);
		// Someone else changes the object while the editor is open.
		const theirs = sim.store.mutate(R.configmaps, 'shop', 'shop-config', (o) => ({
			...o,
			data: {...(o['data'] as Record<string, string>), API_URL: 'http://theirs.shop.svc:8080'},
		}));
		const latestRv = theirs?.metadata.resourceVersion ?? '';
		expect(latestRv).not.toBe(readRv);
		editor.go();
		await flash(t, 'edit shop-config refused: someone changed it meanwhile; your edit is kept, press e to continue');
		// Their change stands, mine is not applied.
		expect(data(sim)['API_URL']).toBe('http://theirs.shop.svc:8080');
		expect(data(sim)['FEATURE_FLAGS']).toBe(flagsBefore);
		expect(configMap(sim)?.metadata.resourceVersion).toBe(latestRv);

		// e again: my edit, explained, on the latest resourceVersion; saving it as is overwrites theirs.
		editor.set('keep');
		await t.press('e');
		await flash(t, 'saved configmap shop/shop-config');
		const reopened = editor.seen(editor.runs());
		expect(reopened).toContain(`Someone changed the object after you opened it (resourceVersion ${readRv} -> ${latestRv})`);
		expect(reopened).toMatch(/^# The server refused this edit: .*(Conflict|modified)/im);
		expect(reopened).toMatch(new RegExp(`^ {2}resourceVersion: "?${latestRv}"?$`, 'm'));
		expect(reopened).toContain('FEATURE_FLAGS: mine');
		expect(data(sim)['FEATURE_FLAGS']).toBe('mine');
		expect(data(sim)['API_URL']).toBe('http://api.shop.svc:8080');

		// The kept edit is used up: the next e starts from the cluster's object.
		editor.set('keep');
		await t.press('e');
		await flash(t, 'shop-config unchanged');
		expect(editor.seen(editor.runs())).not.toContain('The server refused this edit');
	}, 60_000);
	test("a controller's status write while the editor is open does not refuse the edit", async () => {
		const {sim} = env;
		const t = await open(sim, 'deployments', {env: {EDITOR: editor.script}});
		await selectRow(t, /^\s*redis\s/);
		await t.waitFor(/\bredis\s+1\/1\s+1\s+1\b/, 30_000);
		await settled(sim, R.deployments, 'shop', 'redis');
		editor.set('wait', 's/^  replicas: 1$/  replicas: 2/');
		await t.press('e');
		await expect.poll(() => editor.opened(), {timeout: STEP_MS}).toBe(true);
		// What the deployment controller does on its own: a status write.
		sim.store.mutate(R.deployments, 'shop', 'redis', (o) => ({...o, status: {...o.status, observedGeneration: 1, collisionCount: 0}}));
		editor.go();
		await flash(t, /saved deployment shop\/redis|edit redis refused/);
		expect(bottomLine(t)).toContain('saved deployment shop/redis');
		expect(replicas(sim.store.find(R.deployments, 'shop', 'redis'))).toBe(2);
	}, 60_000);

	test('a failing editor saves nothing; invalid YAML is refused and kept for the next e to fix', async () => {
		const {sim} = env;
		const t = await open(sim, 'configmaps', {env: {EDITOR: editor.script}});
		await selectRow(t, /^\s*shop-config\s/);
		const rv = configMap(sim)?.metadata.resourceVersion;

		editor.set('fail');
		await t.press('e');
		await flash(t, `edit shop-config: the editor "${editor.script}" exited with 4; nothing saved`);
		expect(configMap(sim)?.metadata.resourceVersion).toBe(rv);

		editor.set('append', 'data: [oops\n');
		await t.press('e');
		await flash(t, /^edit shop-config: not valid YAML: .*; press e to fix it/);
		expect(configMap(sim)?.metadata.resourceVersion).toBe(rv);

		// The next e reopens the broken text; taking the bad line out leaves the object as it was.
		editor.set('sed', '/^data: \\[oops$/d');
		await t.press('e');
		await flash(t, 'shop-config unchanged');
		expect(editor.seen(editor.runs())).toMatch(/^data: \[oops$/m);
		expect(configMap(sim)?.metadata.resourceVersion).toBe(rv);
	}, 60_000);

	// The error's line counts the file as the user saw it, header comments included.
	test('a YAML error names the line of the file the user edited', async () => {
		const {sim} = env;
		const t = await open(sim, 'configmaps', {env: {EDITOR: editor.script}});
		await selectRow(t, /^\s*shop-config\s/);
		editor.set('append', 'data: [oops\n');
		await t.press('e');
		const line = await flash(t, /not valid YAML: .* at line \d+/);
		// The appended line is the last of the saved file: one after those the editor was shown.
		const badLine = editor.seen(editor.runs()).split('\n').length;
		expect(Number(/at line (\d+)/.exec(line)?.[1])).toBe(badLine);
	}, 60_000);

	test('e on a ClusterRole whose name has a colon (system:...) opens it', async () => {
		const {sim} = env;
		createClusterRole(sim, 'system:kview-oncall');
		const t = await open(sim, 'clusterroles', {env: {EDITOR: editor.script}});
		await selectRow(t, /^\s*system:kview-oncall\s/);
		editor.set('keep');
		await t.press('e');
		await flash(t, /system:kview-oncall/);
		expect(bottomLine(t)).toContain('system:kview-oncall unchanged');
	}, 60_000);
});

describe('--readonly: every change is refused, looking still works', () => {
	const env = useSim();

	test('s r e D on deployments, c u r on nodes, t on cronjobs, K D on pods are refused; c and F still work', async () => {
		const {sim} = env;
		const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-readonly-'));
		onTestFinished(() => rmSync(dir, {recursive: true, force: true}));
		const marker = path.join(dir, 'editor-ran');
		const editorScript = path.join(dir, 'edit.sh');
		writeFileSync(editorScript, `#!/bin/sh\ntouch '${marker}'\n`);
		chmodSync(editorScript, 0o755);
		const t = await open(sim, 'deployments', {args: ['--readonly'], env: {EDITOR: editorScript}});
		expect(t.line(0)).toContain('readonly');
		const refused = async (key: string, action: string) => {
			await t.press(key);
			await flash(t, `read-only mode: ${action} refused (started with --readonly)`);
			// No dialog, no prompt.
			expect(dialog(t)).toBeUndefined();
		};
		const rvs = () =>
			[
				...sim.store.list(R.deployments, 'shop'),
				...sim.store.list(R.nodes),
				...sim.store.list(R.configmaps, 'shop'),
				...sim.store.list(R.cronjobs, 'shop'),
			].map(
				(o) =>
					`${o.metadata.name}:${JSON.stringify(o.spec ?? (o as Record<string, unknown>)['data'])}:${JSON.stringify(o.metadata.annotations ?? {})}`,
			);
		const before = rvs();

		await selectRow(t, /^\s*worker\s/);
		await refused('s', 'scale');
		await refused('r', 'restart');
		await refused('e', 'edit');
		await refused('D', 'delete');

		await submitPrompt(t, ':', 'nodes');
		await selectRow(t, /^\s*kview-worker-1\s/);
		await refused('c', 'cordon');
		await refused('u', 'uncordon');
		await refused('r', 'drain');

		await submitPrompt(t, ':', 'cj');
		await selectRow(t, /^\s*nightly-report\s/);
		await refused('t', 'trigger');

		await submitPrompt(t, ':', 'pods');
		const pod = await selectRow(t, /^\s*frontend-\S+\s+1\/1\s+Running\b/);
		await refused('K', 'kill');
		await refused('D', 'delete');

		// Copying and port-forwarding change nothing in the cluster: allowed.
		const mark = t.mark();
		await t.press('c');
		await flash(t, `copied ${pod}`);
		expect(t.since(mark).text).toContain(osc52(pod));
		await t.press('F');
		await replyToPrompt(t, `port-forward pod shop/${pod} (local:remote) `, '0:80');
		const line = await flash(t, new RegExp(`forwarding 127\\.0\\.0\\.1:(\\d+) -> pod shop/${pod}:80`));
		expect(await httpGet(Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]))).toContain(`hello from shop/${pod}`);

		// The cluster is as it was.
		await t.waitForQuiet(300);
		expect(existsSync(marker)).toBe(false);
		expect(rvs()).toEqual(before);
		expect(manualJobs(sim)).toEqual([]);
		expect(sim.store.find(R.pods, 'shop', pod)?.metadata.deletionTimestamp).toBeUndefined();
		expect(sim.store.list(R.nodes).some((n) => unschedulable(n))).toBe(false);
	}, 90_000);
});
