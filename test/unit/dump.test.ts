import {describe, expect, it} from 'vitest';
import {DumpError, dumpFormat, dumpTable, dumpView, runDump, type DumpTiming} from '../../src/dump.js';
import {UsageError} from '../../src/errors.js';
import {formatJsonRows, formatTextTable} from '../../src/model/textTable.js';
import {MemorySource} from '../../src/sources/memory/memorySource.js';
import type {ConnectionState, FeedSink, ResourceObject, Source} from '../../src/sources/types.js';
import {FIXED_NOW, testConfig} from '../helpers/world.js';

const ESC = '\u001b';
const config = testConfig();
const clock = () => FIXED_NOW;
const QUICK: DumpTiming = {retryMs: 50, giveUpMs: 200};

function view(name: string) {
	return dumpView(config, name);
}

function pod(namespace: string, name: string, extra: Record<string, unknown> = {}): readonly [string, ResourceObject] {
	return [
		`${namespace}/${name}`,
		{
			metadata: {name, namespace, creationTimestamp: new Date(FIXED_NOW - 90_000).toISOString()},
			spec: {nodeName: 'node-1', containers: [{name: 'app'}]},
			status: {
				phase: 'Running',
				podIP: '10.0.0.1',
				containerStatuses: [{name: 'app', ready: true, restartCount: 0, state: {running: {}}}],
			},
			...extra,
		},
	];
}

function memory(pods: readonly (readonly [string, ResourceObject])[]): MemorySource {
	const source = new MemorySource('memory', 'test');
	for (const kind of config.views.keys()) source.defineKind(kind);
	source.put('pods', pods);
	return source;
}

/** A source whose every watch reports the given states, one per tick, and never lists. */
function stuck(...states: ConnectionState[]): Source & {stopped: number} {
	const source = {
		id: 'stuck',
		engine: 'kubernetes' as const,
		label: 'stuck-ctx',
		stopped: 0,
		kinds: () => [...config.views.keys()],
		watch: (_kind: string, _scope: unknown, sink: FeedSink) => {
			states.forEach((state, i) => setTimeout(() => sink.state(state), i));
			return {
				stop: () => {
					source.stopped++;
				},
			};
		},
	};
	return source;
}

describe('formatTextTable prints as kubectl get does', () => {
	it('left-aligns, pads columns by three spaces, leaves the last column unpadded and no trailing space', () => {
		expect(
			formatTextTable(
				['NAME', 'READY', 'STATUS'],
				[
					['web-1', '1/1', 'Running'],
					['a-much-longer-name', '0/1', 'CrashLoopBackOff'],
				],
			),
		).toBe(
			[
				'NAME                 READY   STATUS',
				'web-1                1/1     Running',
				'a-much-longer-name   0/1     CrashLoopBackOff',
				'',
			].join('\n'),
		);
	});

	it('keeps kubectl tabwriter minimum of six columns per cell', () => {
		expect(formatTextTable(['A', 'B'], [['x', 'y']])).toBe('A     B\nx     y\n');
	});

	it('never cuts a long cell and trims a row whose last cells are empty', () => {
		const long = 'x'.repeat(300);
		expect(formatTextTable(['NAME', 'NOTE'], [[long, '']])).toBe(`NAME${' '.repeat(299)}NOTE\n${long}\n`);
	});

	it('strips terminal control sequences from cells and headers', () => {
		const out = formatTextTable(['NAME'], [[`evil${ESC}]0;pwned\u0007-pod${ESC}[2J`]]);
		expect(out).toBe('NAME\nevil-pod\n');
	});

	it('aligns wide characters by their width on screen', () => {
		expect(
			formatTextTable(
				['NAME', 'X'],
				[
					['日本', '1'],
					['ab', '2'],
				],
			),
		).toBe('NAME   X\n日本   1\nab     2\n');
	});
});

describe('formatJsonRows', () => {
	it('is an array of header -> cell objects in column and row order', () => {
		const text = formatJsonRows(
			['NAME', 'AGE'],
			[
				['b', '1s'],
				['a', `2s${ESC}[31m`],
			],
		);
		expect(JSON.parse(text)).toEqual([
			{NAME: 'b', AGE: '1s'},
			{NAME: 'a', AGE: '2s'},
		]);
		expect(Object.keys((JSON.parse(text) as Record<string, string>[])[0] ?? {})).toEqual(['NAME', 'AGE']);
	});

	it('is an empty array when there are no rows', () => {
		expect(formatJsonRows(['NAME'], [])).toBe('[]\n');
	});
});

describe('dump arguments', () => {
	it('takes a kind or an alias', () => {
		expect(view('po').kind).toBe('pods');
		expect(view('deploy').kind).toBe('deployments');
		expect(view('services').kind).toBe('services');
	});

	it('refuses an unknown view and an unknown output format as usage errors', () => {
		expect(() => view('nope')).toThrow(UsageError);
		expect(() => view('nope')).toThrow(/no view called "nope"/);
		expect(() => dumpFormat('yaml')).toThrow(UsageError);
		expect(dumpFormat(undefined)).toBe('table');
		expect(dumpFormat('wide')).toBe('wide');
		expect(dumpFormat('json')).toBe('json');
	});
});

describe('dumpTable lists once through the store and renders the view', () => {
	const source = memory([pod('shop', 'web-2'), pod('shop', 'web-1'), pod('payments', 'ledger-0')]);

	it('in one namespace: no NAMESPACE column, sorted by the view sort', async () => {
		const out = await dumpTable(source, view('pods'), 'shop', 'table', QUICK, clock);
		expect(out.stderr).toBe('');
		expect(out.stdout).toBe(
			[
				'NAME    READY   STATUS    RESTARTS   AGE',
				'web-1   1/1     Running   0          90s',
				'web-2   1/1     Running   0          90s',
				'',
			].join('\n'),
		);
		expect(source.activeWatches).toBe(0);
	});

	it('across all namespaces shows NAMESPACE; wide adds the wide columns', async () => {
		const out = await dumpTable(source, view('pods'), undefined, 'wide', QUICK, clock);
		const lines = out.stdout.trimEnd().split('\n');
		expect(lines[0]).toBe('NAMESPACE   NAME       READY   STATUS    RESTARTS   AGE   IP         NODE     NOMINATED NODE   READINESS GATES');
		expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['payments/ledger-0', 'shop/web-1', 'shop/web-2']);
	});

	it('json carries every column, wide ones too', async () => {
		const out = await dumpTable(source, view('pods'), 'payments', 'json', QUICK, clock);
		expect(JSON.parse(out.stdout)).toEqual([
			{
				NAME: 'ledger-0',
				READY: '1/1',
				STATUS: 'Running',
				RESTARTS: '0',
				AGE: '90s',
				IP: '10.0.0.1',
				NODE: 'node-1',
				'NOMINATED NODE': '<none>',
				'READINESS GATES': '<none>',
			},
		]);
	});

	it('says "No resources found" on stderr as kubectl does, and prints [] for json', async () => {
		expect(await dumpTable(source, view('pods'), 'empty', 'table', QUICK, clock)).toEqual({
			stdout: '',
			stderr: 'No resources found in empty namespace.\n',
		});
		expect(await dumpTable(source, view('pods'), undefined, 'table', QUICK, clock).then((o) => o.stdout)).not.toBe('');
		expect(await dumpTable(source, view('nodes'), 'shop', 'table', QUICK, clock)).toEqual({stdout: '', stderr: 'No resources found\n'});
		expect(await dumpTable(source, view('pods'), 'empty', 'json', QUICK, clock)).toEqual({stdout: '[]\n', stderr: ''});
	});

	it('strips control sequences from untrusted names', async () => {
		const evil = memory([pod('shop', `x${ESC}]52;c;Y3VybA==\u0007y${ESC}[2J`)]);
		const out = await dumpTable(evil, view('pods'), 'shop', 'table', QUICK, clock);
		expect(out.stdout).not.toContain(ESC);
		expect(out.stdout).toContain('\nxy ');
	});
});

describe('dumpTable gives up instead of retrying forever', () => {
	it('fails at once when the source says the kind is refused', async () => {
		const source = stuck({phase: 'failed', reason: `secrets is forbidden${ESC}[2J`});
		const started = Date.now();
		await expect(dumpTable(source, view('secrets'), 'shop', 'table', {retryMs: 5000, giveUpMs: 10_000})).rejects.toThrow(
			new DumpError('secrets is forbidden'),
		);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(source.stopped).toBe(1);
	});

	it('fails after the retry deadline while reconnecting, with the last reason', async () => {
		const source = stuck({phase: 'connecting'}, {phase: 'reconnecting', retryAt: 0, reason: 'connection refused'});
		await expect(dumpTable(source, view('pods'), 'shop', 'table', QUICK)).rejects.toThrow(/^connection refused \(gave up after \d+ s\)$/);
		expect(source.stopped).toBe(1);
	});

	it('fails after the longer deadline when nothing answers at all', async () => {
		const source = stuck({phase: 'connecting'});
		await expect(dumpTable(source, view('pods'), 'shop', 'table', QUICK)).rejects.toThrow(/^no answer from stuck-ctx in \d+ s$/);
	});

	it('still gives up when a timer fires before the clock says the deadline has passed', async () => {
		// Timers may fire a millisecond early by Date.now(); a clock lagging 20 ms makes that certain.
		let first = true;
		const lagging = () => {
			const now = Date.now();
			if (first) {
				first = false;
				return now;
			}
			return now - 20;
		};
		await expect(dumpTable(stuck({phase: 'connecting'}), view('pods'), 'shop', 'table', QUICK, lagging)).rejects.toThrow(
			/^no answer from stuck-ctx in \d+ s$/,
		);
	});

	it('refuses a view the source does not serve', async () => {
		const source = new MemorySource('memory', 'test');
		await expect(dumpTable(source, view('pods'), 'shop', 'table', QUICK)).rejects.toThrow(UsageError);
	});
});

describe('runDump', () => {
	it('uses the context namespace unless -n or -A says otherwise, and closes the source', async () => {
		const source = memory([pod('shop', 'web-1'), pod('team', 'tool-1')]);
		let closed = 0;
		const run = async (namespace: string | undefined, allNamespaces: boolean) => {
			let stdout = '';
			const code = await runDump(
				{
					view: 'po',
					output: undefined,
					namespace,
					allNamespaces,
					config,
					open: () =>
						Promise.resolve({
							source,
							defaultNamespace: 'team',
							close: () => {
								closed++;
							},
						}),
					stdout: (text) => void (stdout += text),
					stderr: () => undefined,
				},
				QUICK,
			);
			expect(code).toBe(0);
			return stdout.split('\n').slice(1, -1);
		};
		expect((await run(undefined, false)).map((l) => l.split(' ')[0])).toEqual(['tool-1']);
		expect((await run('shop', false)).map((l) => l.split(' ')[0])).toEqual(['web-1']);
		// Sorted by NAME as the UI's table is, not by namespace first as kubectl's list comes.
		expect((await run('shop', true)).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['team/tool-1', 'shop/web-1']);
		expect(closed).toBe(3);
	});
});
