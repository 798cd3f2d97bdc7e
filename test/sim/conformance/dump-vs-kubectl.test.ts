import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadViews} from '../../../src/config/views.js';
import {ensureBuilt, root} from '../../helpers/build.js';
import {runDump, type DumpRun} from '../../helpers/dump.js';
import {ensureKubectl} from '../../helpers/kubectl.js';
import {isReady, parseTable, useSim, waitFor} from '../fixtures/sim.js';

// `kview dump KIND -A` against `kubectl get KIND -A` (kubectl v1.35), for every Kubernetes view
// in views/, on the same simulated cluster, cell by cell, in both the default and -o wide forms.
//
// Both must agree while the cluster holds still, so once the demo has settled (the shop's
// frontends ready, the crash loop and the failing probes showing) its world is stopped: no
// controller, kubelet or pod lifecycle runs any more, the API server keeps serving the objects
// exactly as they are, and no row changes between the two reads. Only the clock moves: cells
// holding human durations (AGE, LAST SEEN, DURATION, LAST SCHEDULE, RESTARTS "3 (20s ago)")
// are read at two slightly different moments, so a duration matches when both sides print the
// same text around it and the two values are within a few seconds of each other.
//
// Rows are matched by NAMESPACE and NAME; row order is not compared (kubectl prints the server's
// order, namespace then name; kview sorts by the view's sort column, as its table does). A view
// with no NAME column (events without -o wide) is compared as a multiset of rows with the
// durations blanked; its -o wide form has NAME and is compared row by row.

const h = useSim();
const views = [...loadViews([path.join(root, 'views')]).value.values()].filter((v) => v.engine === 'kubernetes');
/** Resource plurals the cluster serves; views of kview's own kinds (port-forwards) are not kubectl's business. */
const served = new Set<string>();
const home = mkdtempSync(path.join(os.tmpdir(), 'kview-dump-conformance-'));

/**
 * Cases that disagree with kubectl because a view's column definition is wrong, by
 * `kind` or `kind -o wide`. Each is checked with `it.fails` so that a fix shows up as a
 * failure here (remove the entry then). Empty while kview and kubectl agree.
 */
const KNOWN: Readonly<Record<string, string>> = {};

/**
 * Columns kview shows that kubectl does not, by `kind` / `kind -o wide`: deliberate additions,
 * not compared (and listed so that a new one is noticed).
 */
const EXTRA_COLUMNS: Readonly<Record<string, readonly string[]>> = {
	// kubectl's namespace printer has no wide columns (NAME STATUS AGE in both forms); views/namespaces.json
	// adds LABELS as a wide column on purpose (kubectl shows them only with --show-labels).
	'namespaces -o wide': ['LABELS'],
};

beforeAll(async () => {
	await Promise.all([ensureKubectl(), ensureBuilt()]);
	// The demo settles in a few seconds; its crash-looping pod needs a restart or two to show it.
	await waitFor(
		'the demo to settle',
		async () => {
			const shop = await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Dfrontend');
			const all = await h().list('/api/v1/pods');
			const crashing = all.some((p) => JSON.stringify(p.status ?? {}).includes('CrashLoopBackOff'));
			return shop.length === 3 && shop.every(isReady) && crashing;
		},
		45_000,
	);
	h().sim.world.stop();
	const resources = await h().k(['api-resources', '-o', 'name']);
	for (const name of resources.stdout.split('\n')) if (name) served.add(name.split('.')[0] ?? name);
}, 90_000);

afterAll(() => rmSync(home, {recursive: true, force: true}));

function dump(args: readonly string[]): Promise<DumpRun> {
	return runDump([...args, '--kubeconfig', h().kubeconfigPath], home, 15_000);
}

const DURATION = /\b(?:\d+[smhdy])+\b/g;

/** Seconds in a kubectl human duration (`3m20s`, `5d`, `2y30d`). */
function seconds(text: string): number {
	const unit: Record<string, number> = {s: 1, m: 60, h: 3600, d: 86_400, y: 31_536_000};
	let total = 0;
	for (const [, n, u] of text.matchAll(/(\d+)([smhdy])/g)) total += Number(n) * (unit[u ?? 's'] ?? 1);
	return total;
}

/** Whether two cells agree: the same text, or the same text around durations a few seconds apart. */
function sameCell(a: string, b: string): boolean {
	if (a === b) return true;
	if (a.replace(DURATION, '~') !== b.replace(DURATION, '~')) return false;
	const x = a.match(DURATION) ?? [];
	const y = b.match(DURATION) ?? [];
	return x.every((d, i) => {
		const s = seconds(d);
		const t = seconds(y[i] ?? '');
		return Math.abs(s - t) <= Math.max(5, 0.05 * Math.max(s, t));
	});
}

function rowKey(row: Record<string, string>): string | undefined {
	if (row['NAME'] === undefined) return undefined;
	return `${row['NAMESPACE'] ?? ''}/${row['NAME']}`;
}

/** Every disagreement between kubectl's table and kview's, one line each; empty when they agree. */
function compare(kind: string, kubectlOut: string, kviewOut: string): string[] {
	const want = parseTable(kubectlOut);
	const got = parseTable(kviewOut);
	const problems: string[] = [];
	const extra = got.header.filter((c) => !want.header.includes(c));
	const missing = want.header.filter((c) => !got.header.includes(c));
	if (missing.length) problems.push(`${kind}: kview lacks columns ${missing.join(', ')}`);
	const allowed = EXTRA_COLUMNS[kind] ?? [];
	const unexpected = extra.filter((c) => !allowed.includes(c));
	if (unexpected.length) problems.push(`${kind}: kview has columns kubectl does not: ${unexpected.join(', ')}`);
	const shared = want.header.filter((c) => got.header.includes(c));
	const order = got.header.filter((c) => shared.includes(c));
	if (shared.join('|') !== order.join('|')) problems.push(`${kind}: column order kubectl ${shared.join(',')} kview ${order.join(',')}`);
	if (want.rows.length !== got.rows.length) problems.push(`${kind}: kubectl has ${want.rows.length} rows, kview ${got.rows.length}`);
	const keyed = want.rows.every((r) => rowKey(r) !== undefined) && got.rows.every((r) => rowKey(r) !== undefined);
	if (!keyed) {
		const norm = (rows: Record<string, string>[]) =>
			rows.map((r) => shared.map((c) => `${c}=${(r[c] ?? '').replace(DURATION, '~')}`).join(' | ')).sort();
		const a = norm(want.rows);
		const b = norm(got.rows);
		for (const line of a.filter((l) => !b.includes(l))) problems.push(`${kind}: only kubectl has row ${line}`);
		for (const line of b.filter((l) => !a.includes(l))) problems.push(`${kind}: only kview has row ${line}`);
		return problems;
	}
	const byKey = new Map(got.rows.map((r) => [rowKey(r), r]));
	for (const row of want.rows) {
		const key = rowKey(row);
		const mine = byKey.get(key);
		if (!mine) {
			problems.push(`${kind}: kview has no row ${key}`);
			continue;
		}
		byKey.delete(key);
		for (const column of shared) {
			const k = row[column] ?? '';
			const v = mine[column] ?? '';
			if (!sameCell(k, v)) problems.push(`${kind} ${key} ${column}: kubectl "${k}", kview "${v}"`);
		}
	}
	for (const key of byKey.keys()) problems.push(`${kind}: only kview has row ${key}`);
	return problems;
}

describe('kview dump reads as kubectl get, for every Kubernetes view', () => {
	it('covers the views', () => {
		expect(views.length).toBeGreaterThan(20);
	});

	const cases = views.flatMap((v) => [
		{kind: v.kind, wide: false},
		{kind: v.kind, wide: true},
	]);
	for (const {kind, wide} of cases) {
		const name = `${kind}${wide ? ' -o wide' : ''}`;
		const known = KNOWN[name];
		(known ? it.fails : it)(`${name}${known ? ` (known: ${known})` : ''}`, async (ctx) => {
			if (!served.has(kind)) ctx.skip(`the cluster serves no "${kind}": a kind of kview's own`);
			const args = [kind, '-A', ...(wide ? ['-o', 'wide'] : [])];
			const [k, mine] = await Promise.all([h().k(['get', ...args]), dump(args)]);
			expect(k.code, `kubectl get ${args.join(' ')}: ${k.stderr}`).toBe(0);
			expect(mine.code, `kview dump ${args.join(' ')}: ${mine.stderr}`).toBe(0);
			if (k.stdout === '') {
				// Nothing of the kind: both say so on stderr.
				expect(k.stderr).toMatch(/^No resources found/m);
				expect(mine).toMatchObject({stdout: '', stderr: 'No resources found\n'});
				return;
			}
			expect(compare(name, k.stdout, mine.stdout)).toEqual([]);
		});
	}
});
