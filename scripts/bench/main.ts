// Prints kview's performance figures as JSON (DESIGN.md "Performance targets").
// Timings on a shared 2-core machine are noisy: compare figures from one run.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadConfig} from '../../src/config/index.js';
import {parseFilter} from '../../src/model/filter.js';
import {TableModel} from '../../src/model/table.js';
import {fillDemoWorld} from '../../src/sources/memory/demoWorld.js';
import {MemorySource} from '../../src/sources/memory/memorySource.js';
import {Terminal} from '@xterm/headless/lib-headless/xterm-headless.mjs';
import {startPty} from './pty.js';
import {kubeTableBench, simBench} from './sim.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const bin = path.join(root, 'bin', 'kview.js');
const home = mkdtempSync(path.join(os.tmpdir(), 'kview-bench-'));
const env = {...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), TERM: 'xterm-256color'};
const FIRST_ROW = /NAME[\s\S]*-7d9f8c6b5-/;

function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const median = (values: readonly number[]) => percentile(values, 50);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
	return round(kb / 1024);
}

/** Start to first rendered table, against `node -e 0` in the same run. */
async function startup(runs: number) {
	const floor: number[] = [];
	const first: number[] = [];
	for (let i = 0; i < runs; i++) {
		let t = performance.now();
		spawnSync(node, ['-e', '0']);
		floor.push(performance.now() - t);
		t = performance.now();
		const run = startPty(node, [bin, '--demo-memory', '--demo-pods', '100'], 120, 40, env);
		await run.waitForText(FIRST_ROW, 20_000);
		first.push(performance.now() - t);
		run.kill();
	}
	return {
		firstTableMs: round(median(first)),
		nodeFloorMs: round(median(floor)),
		ratioToFloor: round(median(first) / median(floor), 2),
		runs,
	};
}

/** Keypress-to-frame latency, bytes per move and idle bytes with a big table open. */
async function interactive(pods: number, moves: number) {
	const t0 = performance.now();
	const run = startPty(node, [bin, '--demo-memory', '--demo-pods', String(pods)], 120, 40, env);
	await run.waitForText(FIRST_ROW, 60_000);
	const firstTableMs = performance.now() - t0;
	await run.waitQuiet(300, 10_000);
	const rss = rssMb(run.pty.pid);

	const latencies: number[] = [];
	const bytesPerMove: number[] = [];
	for (let i = 0; i < moves; i++) {
		const before = run.bytes();
		const sent = performance.now();
		run.pty.write(i % 40 < 20 ? 'j' : 'k');
		// A frame is complete when output stops for a moment after the key.
		while (run.bytes() === before && performance.now() - sent < 2000) await new Promise((r) => setTimeout(r, 1));
		const end = await run.waitQuiet(15, 5000);
		latencies.push(end - sent);
		bytesPerMove.push(run.bytes() - before);
	}

	const filterLatencies: number[] = [];
	run.pty.write('/');
	await run.waitQuiet(50, 5000);
	for (const ch of 'frontend') {
		const before = run.bytes();
		const sent = performance.now();
		run.pty.write(ch);
		while (run.bytes() === before && performance.now() - sent < 2000) await new Promise((r) => setTimeout(r, 1));
		filterLatencies.push((await run.waitQuiet(15, 5000)) - sent);
	}
	run.pty.write('\x1b');
	await new Promise((r) => setTimeout(r, 150));
	run.pty.write('\x1b');
	await run.waitQuiet(300, 10_000);

	const idleStart = run.bytes();
	await new Promise((r) => setTimeout(r, 3000));
	const idleBytesPerSecond = (run.bytes() - idleStart) / 3;
	run.kill();
	return {
		pods,
		firstTableMs: round(firstTableMs),
		rssMb: rss,
		keypressToFrameMs: {p50: round(median(latencies)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies))},
		filterKeystrokeToFrameMs: {p50: round(median(filterLatencies)), max: round(Math.max(...filterLatencies))},
		bytesPerSelectionMove: Math.round(median(bytesPerMove)),
		idleBytesPerSecond: round(idleBytesPerSecond),
	};
}

/**
 * A log pane under a flood: lines a second kview takes in (the memory source writes `rate` a
 * second through the engines' follower, chunked as off a socket), its CPU and RSS meanwhile,
 * and keypress-to-frame while it does (k pauses the pane, G follows again).
 */
async function logFlood(rate: number, keys: number) {
	const run = startPty(node, [bin, '--demo-memory', '--demo-pods', '100', '--demo-log-rate', String(rate)], 120, 40, env);
	const screen = new Terminal({cols: 120, rows: 40, allowProposedApi: true});
	run.pty.onData((data) => screen.write(data));
	await run.waitForText(FIRST_ROW, 20_000);
	run.pty.write('l');
	await run.waitForText(/● streaming · following/, 10_000);
	await new Promise((r) => setTimeout(r, 1000));
	// The screen as a terminal shows it (frames are written as differences): the newest line drawn
	// carries the flood's counter, so it counts what was generated, parsed, stored and drawn.
	const total = async () => {
		await new Promise<void>((resolve) => screen.write('', resolve));
		const lines: string[] = [];
		for (let y = 0; y < 40; y++) lines.push(screen.buffer.active.getLine(y)?.translateToString(true) ?? '');
		return Math.max(...lines.map((l) => Number(/ line (\d+) GET/.exec(l)?.[1] ?? -1)));
	};
	const cpu = () => {
		const fields = readFileSync(`/proc/${run.pty.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		return (Number(fields[11]) + Number(fields[12])) / 100;
	};
	const [lines0, cpu0, t0] = [await total(), cpu(), performance.now()];
	await new Promise((r) => setTimeout(r, 5000));
	const seconds = (performance.now() - t0) / 1000;
	const linesPerSecond = ((await total()) - lines0) / seconds;
	const cpuCores = (cpu() - cpu0) / seconds;
	const rss = rssMb(run.pty.pid);
	const latencies: number[] = [];
	for (let i = 0; i < keys; i++) {
		const pause = i % 2 === 0;
		const sent = performance.now();
		const seen = run.waitForNew(pause ? /paused/ : /following/, 5000);
		run.pty.write(pause ? 'k' : 'G');
		latencies.push((await seen) - sent);
		await new Promise((r) => setTimeout(r, 50));
	}
	run.kill();
	return {
		offeredLinesPerSecond: rate,
		ingestedLinesPerSecond: Math.round(linesPerSecond),
		cpuCores: round(cpuCores, 2),
		rssMb: rss,
		keypressToFrameMs: {p50: round(median(latencies)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies))},
	};
}

/** The model's own cost per filter keystroke over 50,000 rows, without rendering. */
function filterModel(pods: number) {
	const {config} = loadConfig({root, configDir: path.join(home, 'none'), env: {}});
	const view = config.views.get('pods');
	if (!view) throw new Error('no pods view');
	const source = new MemorySource();
	fillDemoWorld(source, {pods, now: Date.now()});
	const objects = new Map<string, Readonly<Record<string, unknown>>>();
	for (const key of source.kindKeys('pods') ?? []) {
		const object = source.get('pods', key);
		if (object) objects.set(key, object);
	}
	const model = new TableModel(view, {wide: false, allNamespaces: true});
	let t = performance.now();
	model.build(objects, 1, {column: 1, descending: false}, parseFilter(''));
	const buildMs = performance.now() - t;
	const perKey: number[] = [];
	const query = 'frontend';
	for (let i = 1; i <= query.length; i++) {
		t = performance.now();
		model.build(objects, 1, {column: 1, descending: false}, parseFilter(query.slice(0, i)));
		perKey.push(performance.now() - t);
	}
	// The worst case: a fresh query that cannot reuse the previous matches.
	t = performance.now();
	model.build(objects, 1, {column: 1, descending: false}, parseFilter('!rdis'));
	const fresh = performance.now() - t;
	return {
		rows: pods,
		firstBuildMs: round(buildMs),
		perKeystrokeMs: {p50: round(median(perKey)), max: round(Math.max(...perKey))},
		freshQueryMs: round(fresh),
	};
}

execFileSync(node, [path.join(root, 'scripts', 'build.js')], {stdio: 'inherit'});
// `npm run bench -- kube10k table50k` runs only the benchmarks whose names start with one of the words.
const wanted = process.argv.slice(2);
const benches: [string, () => unknown][] = [
	['startup', () => startup(5)],
	['table100', () => interactive(100, 60)],
	['table50k', () => interactive(50_000, 200)],
	['filterModel50k', () => filterModel(50_000)],
	['logs5k', () => logFlood(5000, 40)],
	['logs50k', () => logFlood(50_000, 40)],
	['sim50k', () => simBench(node, bin, 50_000, 500)],
	['kube10kChurn500', () => kubeTableBench(node, bin, 10_000, 500, env)],
	['kube50kChurn500', () => kubeTableBench(node, bin, 50_000, 500, env)],
	['kube10kChurn2000', () => kubeTableBench(node, bin, 10_000, 2000, env)],
];
const results: Record<string, unknown> = {machine: {cpus: os.cpus().length, node: process.version}};
for (const [name, run] of benches) if (wanted.length === 0 || wanted.some((w) => name.startsWith(w))) results[name] = await run();
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
