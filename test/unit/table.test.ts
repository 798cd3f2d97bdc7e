import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {loadViews} from '../../src/config/views.js';
import {parseFilter} from '../../src/model/filter.js';
import {activeColumns, computeCell, TableModel, type ColumnMode, type SortState} from '../../src/model/table.js';
import type {ColumnDef, ViewDef} from '../../src/model/view.js';
import type {ResourceObject} from '../../src/sources/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = Date.parse('2026-11-01T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const col = (header: string, extra: Partial<ColumnDef>): ColumnDef => ({
	header,
	align: 'left',
	wide: false,
	allNamespaces: false,
	maxWidth: 80,
	sortAs: 'text',
	...extra,
});

/** A small view over made-up objects: text, number, number-as-text and computed columns. */
const THINGS: ViewDef = {
	kind: 'things',
	title: 'Things',
	engine: 'memory',
	aliases: [],
	namespaced: true,
	columns: [
		col('NAMESPACE', {field: 'metadata.namespace', allNamespaces: true}),
		col('NAME', {field: 'metadata.name'}),
		col('COUNT', {field: 'spec.count', sortAs: 'number', align: 'right'}),
		col('TEXTNUM', {field: 'spec.count'}),
		col('AGE', {computed: 'age'}),
		col('NODE', {field: 'spec.node', wide: true}),
	],
	sort: {column: 'NAME', descending: false},
	actions: [],
	labelsField: 'metadata.labels',
	file: 'things.json',
};

const NARROW: ColumnMode = {wide: false, allNamespaces: false};
const ALL: ColumnMode = {wide: false, allNamespaces: true};

function thing(namespace: string, name: string, count: number | undefined, age: number, labels: Record<string, string>): ResourceObject {
	return {
		metadata: {namespace, name, labels, creationTimestamp: iso(NOW - age)},
		spec: {...(count === undefined ? {} : {count}), node: 'node-1'},
	};
}

function things(): Map<string, ResourceObject> {
	return new Map([
		['shop/web-2', thing('shop', 'web-2', 10, 2 * HOUR, {app: 'web'})],
		['shop/web-10', thing('shop', 'web-10', 2, 30 * MIN, {app: 'web'})],
		['shop/db', thing('shop', 'db', 2, 3 * DAY, {app: 'db'})],
		['ops/agent', thing('ops', 'agent', undefined, 5 * MIN, {app: 'agent'})],
	]);
}

const keys = (rows: readonly {key: string}[]) => rows.map((r) => r.key);
const NONE = parseFilter('');

describe('activeColumns', () => {
	it.each<[string, ColumnMode, string[]]>([
		['one namespace, narrow', NARROW, ['NAME', 'COUNT', 'TEXTNUM', 'AGE']],
		['wide adds wide columns', {wide: true, allNamespaces: false}, ['NAME', 'COUNT', 'TEXTNUM', 'AGE', 'NODE']],
		['all namespaces adds NAMESPACE', ALL, ['NAMESPACE', 'NAME', 'COUNT', 'TEXTNUM', 'AGE']],
		['both', {wide: true, allNamespaces: true}, ['NAMESPACE', 'NAME', 'COUNT', 'TEXTNUM', 'AGE', 'NODE']],
	])('%s', (_name, mode, headers) => {
		expect(activeColumns(THINGS, mode).map((c) => c.header)).toEqual(headers);
		const model = new TableModel(THINGS, mode, () => NOW);
		expect(model.columns.map((c) => c.header)).toEqual(headers);
		expect(model.columnIndex('NAME')).toBe(headers.indexOf('NAME'));
		expect(model.columnIndex('NOPE')).toBe(-1);
	});
});

describe('TableModel.build sorting (fixed clock)', () => {
	// Active columns in NARROW mode: 0 NAME, 1 COUNT, 2 TEXTNUM, 3 AGE.
	it.each<[string, SortState, string[]]>([
		['by name', {column: 0, descending: false}, ['ops/agent', 'shop/db', 'shop/web-10', 'shop/web-2']],
		['by name, descending', {column: 0, descending: true}, ['shop/web-2', 'shop/web-10', 'shop/db', 'ops/agent']],
		[
			'by a number column: 2 before 10, missing first, ties by key',
			{column: 1, descending: false},
			['ops/agent', 'shop/db', 'shop/web-10', 'shop/web-2'],
		],
		[
			'by a number column, descending: ties still by key',
			{column: 1, descending: true},
			['shop/web-2', 'shop/db', 'shop/web-10', 'ops/agent'],
		],
		[
			'the same numbers sorted as text: "10" before "2"',
			{column: 2, descending: false},
			['ops/agent', 'shop/web-2', 'shop/db', 'shop/web-10'],
		],
		['by age: youngest first', {column: 3, descending: false}, ['ops/agent', 'shop/web-10', 'shop/web-2', 'shop/db']],
		['by age, descending: oldest first', {column: 3, descending: true}, ['shop/db', 'shop/web-2', 'shop/web-10', 'ops/agent']],
		['a column index past the end keeps key order', {column: 9, descending: false}, ['ops/agent', 'shop/db', 'shop/web-10', 'shop/web-2']],
	])('%s', (_name, sort, want) => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const result = model.build(things(), 1, sort, NONE);
		expect(keys(result.rows)).toEqual(want);
		expect(result.total).toBe(4);
	});

	it('the tie-break is stable whatever order the objects arrive in', () => {
		const forward = things();
		const backward = new Map([...forward].reverse());
		const sort = {column: 1, descending: false};
		const a = new TableModel(THINGS, NARROW, () => NOW).build(forward, 1, sort, NONE);
		const b = new TableModel(THINGS, NARROW, () => NOW).build(backward, 1, sort, NONE);
		expect(keys(a.rows)).toEqual(keys(b.rows));
	});

	it('builds cells and search fields from the fixed clock', () => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const [agent, db] = model.build(things(), 1, {column: 0, descending: false}, NONE).rows;
		expect(agent?.cells).toEqual(['agent', '', '', '5m']);
		expect(db?.cells).toEqual(['db', '2', '2', '3d']);
		expect(db?.name).toBe('db');
		expect(db?.text).toBe('db 2 2 3d');
		expect(db?.labels).toEqual({app: 'db'});
		// Ages sort by creation time, negated so that ascending is youngest first.
		expect(db?.sortKeys).toEqual(['db', 2, '2', -(NOW - 3 * DAY)]);
		expect(agent?.sortKeys[1]).toBe(-Infinity);
	});

	it('with all namespaces the search name is namespace/name, lower-cased', () => {
		const objects = new Map([['Shop/Web', thing('Shop', 'Web', 1, MIN, {})]]);
		const [row] = new TableModel(THINGS, ALL, () => NOW).build(objects, 1, {column: 0, descending: false}, NONE).rows;
		expect(row?.name).toBe('shop/web');
		expect(row?.text).toBe('shop web 1 1 60s');
		expect(row?.cells).toEqual(['Shop', 'Web', '1', '1', '60s']);
	});

	it('widths are the widest cell or header per column, in display columns', () => {
		const objects = things();
		objects.set('shop/日本語ポッド', thing('shop', '日本語ポッド', 123456, 400 * DAY, {}));
		const result = new TableModel(THINGS, NARROW, () => NOW).build(objects, 1, {column: 0, descending: false}, NONE);
		expect(result.widths).toEqual([12, 6, 7, 4]);
	});

	it('untrusted text is sanitised before it reaches a cell', () => {
		const objects = new Map([['shop/evil', thing('shop', 'evil\u001b[2J\u001b]0;pwned\u0007\nname', 1, MIN, {})]]);
		const [row] = new TableModel(THINGS, NARROW, () => NOW).build(objects, 1, {column: 0, descending: false}, NONE).rows;
		expect(row?.cells[0]).toBe('evil name');
	});

	it('sorting by age stays right when rows were built at different times', () => {
		let now = NOW;
		const model = new TableModel(THINGS, NARROW, () => now);
		const older = thing('shop', 'older', 1, 10 * MIN, {}); // created NOW - 10m
		const objects = new Map([['shop/older', older]]);
		model.build(objects, 1, {column: 3, descending: false}, NONE);
		now = NOW + HOUR;
		// Created after "older" (NOW - 5m), so younger at every moment.
		objects.set('shop/younger', thing('shop', 'younger', 1, 5 * MIN, {}));
		const result = model.build(objects, 2, {column: 3, descending: false}, NONE);
		expect(keys(result.rows)).toEqual(['shop/younger', 'shop/older']);
	});
});

describe('TableModel.build filtering', () => {
	const sort = {column: 0, descending: false};
	it.each<[string, ColumnMode, string, string[]]>([
		['no filter', NARROW, '', ['ops/agent', 'shop/db', 'shop/web-10', 'shop/web-2']],
		['text', NARROW, 'web', ['shop/web-10', 'shop/web-2']],
		['text matches any cell', NARROW, '3d', ['shop/db']],
		['fuzzy on the name', NARROW, 'wb2', ['shop/web-2']],
		['fuzzy on namespace/name with all namespaces', ALL, 'shpdb', ['shop/db']],
		['inverse', NARROW, '!web', ['ops/agent', 'shop/db']],
		['labels', NARROW, '-l app=web', ['shop/web-10', 'shop/web-2']],
		['labels, set', NARROW, '-l app in (db,agent)', ['ops/agent', 'shop/db']],
		['labels, not equal', NARROW, '-l app!=web', ['ops/agent', 'shop/db']],
		['an invalid filter hides nothing', NARROW, '-l -bad', ['ops/agent', 'shop/db', 'shop/web-10', 'shop/web-2']],
		['no match', NARROW, 'zzz', []],
	])('%s: %j', (_name, mode, filter, want) => {
		const result = new TableModel(THINGS, mode, () => NOW).build(things(), 1, sort, parseFilter(filter));
		expect(keys(result.rows)).toEqual(want);
		expect(result.total).toBe(4);
	});

	it('typing, deleting and retyping a filter always gives what a fresh filter gives', () => {
		const objects = things();
		for (let i = 0; i < 40; i++)
			objects.set(`ns${i % 3}/pod-${i}`, thing(`ns${i % 3}`, `pod-${i}`, i, i * MIN, {app: i % 2 ? 'web' : 'db'}));
		const model = new TableModel(THINGS, ALL, () => NOW);
		const typed = [
			'',
			'p',
			'po',
			'pod',
			'pod-',
			'pod-1',
			'pod-12',
			'pod-1',
			'pod-',
			'p',
			'n',
			'ns',
			'ns1',
			'ns1p3',
			'!ns1',
			'!ns',
			'w',
			'we',
			'-l app=web',
			'web',
			'',
		];
		let version = 1;
		for (const [i, text] of typed.entries()) {
			if (i === 10) {
				// The data changes mid-way: a new object arrives.
				objects.set('ns1/pod-99', thing('ns1', 'pod-99', 99, MIN, {app: 'web'}));
				version++;
			}
			const filter = parseFilter(text);
			const incremental = model.build(objects, version, sort, filter);
			const fresh = new TableModel(THINGS, ALL, () => NOW).build(objects, version, sort, filter);
			expect(keys(incremental.rows), `after typing ${JSON.stringify(text)}`).toEqual(keys(fresh.rows));
		}
	});
});

describe('TableModel caching', () => {
	const sort = {column: 0, descending: false};

	it('nothing changed: the same rows array comes back', () => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const objects = things();
		const a = model.build(objects, 1, sort, NONE);
		const b = model.build(objects, 1, sort, NONE);
		expect(b.rows).toBe(a.rows);
		expect(b.widths).toBe(a.widths);
	});

	it('the same filter: the same filtered array comes back', () => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const objects = things();
		const a = model.build(objects, 1, sort, parseFilter('web'));
		const b = model.build(objects, 1, sort, parseFilter('web'));
		expect(b.rows).toBe(a.rows);
		const c = model.build(objects, 1, sort, parseFilter('-l app=web'));
		const d = model.build(objects, 1, sort, parseFilter('-l app=web'));
		expect(d.rows).toBe(c.rows);
	});

	it('a new version re-sorts but reuses the Row of every unchanged object', () => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const objects = things();
		const before = model.build(objects, 1, sort, NONE);
		const replaced = thing('shop', 'db', 7, 3 * DAY, {app: 'db'});
		objects.set('shop/db', replaced);
		const after = model.build(objects, 2, sort, NONE);
		expect(after.rows).not.toBe(before.rows);
		const byKey = (rows: typeof before.rows, key: string) => rows.find((r) => r.key === key);
		for (const key of ['ops/agent', 'shop/web-10', 'shop/web-2']) expect(byKey(after.rows, key)).toBe(byKey(before.rows, key));
		expect(byKey(after.rows, 'shop/db')).not.toBe(byKey(before.rows, 'shop/db'));
		expect(byKey(after.rows, 'shop/db')?.cells[1]).toBe('7');
	});

	it('a different sort reuses every Row', () => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const objects = things();
		const before = model.build(objects, 1, sort, NONE);
		const after = model.build(objects, 1, {column: 1, descending: true}, NONE);
		expect(after.rows).not.toBe(before.rows);
		expect(new Set(after.rows)).toEqual(new Set(before.rows));
		for (const row of after.rows) expect(before.rows).toContain(row);
	});

	it('the same object under another key gets its own row', () => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const object = thing('shop', 'x', 1, MIN, {});
		const [first] = model.build(new Map([['a', object]]), 1, sort, NONE).rows;
		const [second] = model.build(new Map([['b', object]]), 2, sort, NONE).rows;
		expect(first?.key).toBe('a');
		expect(second?.key).toBe('b');
	});

	it('a build at the same version ignores a changed map (version is the contract)', () => {
		const model = new TableModel(THINGS, NARROW, () => NOW);
		const objects = things();
		const a = model.build(objects, 1, sort, NONE);
		objects.delete('shop/db');
		expect(model.build(objects, 1, sort, NONE).rows).toBe(a.rows);
		expect(keys(model.build(objects, 2, sort, NONE).rows)).not.toContain('shop/db');
	});
});

describe('row names', () => {
	it('a view whose NAME is wide-only (events) still names rows by metadata.name', () => {
		const view: ViewDef = {
			...THINGS,
			columns: [col('COUNT', {field: 'spec.count'}), col('NAME', {field: 'metadata.name', wide: true})],
		};
		const model = new TableModel(view, NARROW, () => NOW);
		const rows = model.build(things(), 1, {column: 0, descending: false}, NONE).rows;
		expect(rows.find((r) => r.key === 'shop/db')?.name).toBe('db');
	});

	it('an object without a name is named by its first cell', () => {
		const view: ViewDef = {...THINGS, columns: [col('COUNT', {field: 'spec.count'})]};
		const model = new TableModel(view, NARROW, () => NOW);
		const rows = model.build(new Map([['k', {spec: {count: 7}}]]), 1, {column: 0, descending: false}, NONE).rows;
		expect(rows[0]?.name).toBe('7');
	});
});

describe('TableModel.liveCells', () => {
	it('computed cells follow the clock; field cells stay as built', () => {
		let now = NOW;
		const model = new TableModel(THINGS, NARROW, () => now);
		const [row] = model.build(new Map([['shop/x', thing('shop', 'x', 3, 110 * 1000, {})]]), 1, {column: 0, descending: false}, NONE).rows;
		if (!row) throw new Error('no row');
		expect(model.liveCells(row)).toEqual(['x', '3', '3', '110s']);
		now += 20 * MIN;
		expect(model.liveCells(row)).toEqual(['x', '3', '3', '21m']);
		expect(row.cells).toEqual(['x', '3', '3', '110s']);
	});
});

describe('computeCell', () => {
	const ctx = {now: NOW};
	it.each<[string, ColumnDef, ResourceObject, string, string | number]>([
		['a text field', col('X', {field: 'a'}), {a: 'hello'}, 'hello', 'hello'],
		['a missing text field', col('X', {field: 'a'}), {}, '', ''],
		['a null field', col('X', {field: 'a'}), {a: null}, '', ''],
		['a number field', col('X', {field: 'a', sortAs: 'number'}), {a: 42}, '42', 42],
		['a numeric string sorted as a number', col('X', {field: 'a', sortAs: 'number'}), {a: '17'}, '17', 17],
		['a non-numeric string sorted as a number', col('X', {field: 'a', sortAs: 'number'}), {a: 'n/a'}, 'n/a', -Infinity],
		['a missing number', col('X', {field: 'a', sortAs: 'number'}), {}, '', -Infinity],
		['a list field', col('X', {field: 'a'}), {a: ['x', 'y']}, 'x,y', 'x,y'],
		['a missing count with a default, as kubectl prints 0', col('X', {field: 'a', sortAs: 'number', default: '0'}), {}, '0', 0],
		['a null field with a default', col('X', {field: 'a', default: '<none>'}), {a: null}, '<none>', '<none>'],
		['a present field ignores the default', col('X', {field: 'a', sortAs: 'number', default: '0'}), {a: 3}, '3', 3],
		['an unknown computed field', col('X', {computed: 'nope'}), {}, '', ''],
		['a computed field', col('X', {computed: 'age'}), {metadata: {creationTimestamp: iso(NOW - 3 * HOUR)}}, '3h', -(NOW - 3 * HOUR)],
		['an age without a timestamp', col('X', {computed: 'age'}), {}, '<unknown>', -Infinity],
		['a field holding control characters', col('X', {field: 'a'}), {a: 'x\u001b[2Jy\tz'}, 'xy z', 'xy z'],
		[
			'a computed value holding control characters',
			col('X', {computed: 'labels'}),
			{metadata: {labels: {a: 'b\u001b]0;t\u0007'}}},
			'a=b',
			'a=b\u001b]0;t\u0007',
		],
	])('%s', (_name, column, object, text, sort) => {
		expect(computeCell(column, object, ctx)).toEqual({text, sort});
	});
});

describe('the shipped pods view', () => {
	const loaded = loadViews([path.join(ROOT, 'views')]);
	const pods = loaded.value.get('pods');
	if (!pods) throw new Error('views/pods.json did not load');

	const pod = (name: string, age: number, status: Record<string, unknown>, containers = 1): ResourceObject => ({
		metadata: {namespace: 'shop', name, labels: {app: name}, creationTimestamp: iso(NOW - age)},
		spec: {containers: Array.from({length: containers}, (_, i) => ({name: `c${i}`})), nodeName: 'node-1'},
		status: {podIP: '10.0.0.7', ...status},
	});
	const running = {running: {startedAt: iso(NOW - DAY)}};
	const objects = new Map<string, ResourceObject>([
		['shop/ok', pod('ok', 2 * DAY + 3 * HOUR, {phase: 'Running', containerStatuses: [{ready: true, restartCount: 0, state: running}]})],
		[
			'shop/crash',
			pod('crash', 5 * HOUR, {
				phase: 'Running',
				containerStatuses: [
					{
						ready: false,
						restartCount: 5,
						state: {waiting: {reason: 'CrashLoopBackOff'}},
						lastState: {terminated: {exitCode: 1, finishedAt: iso(NOW - 3 * MIN)}},
					},
				],
			}),
		],
		[
			'shop/half',
			pod(
				'half',
				10 * MIN,
				{
					phase: 'Running',
					containerStatuses: [
						{ready: true, state: running},
						{ready: false, state: running},
					],
				},
				2,
			),
		],
		['shop/new', pod('new', 30 * 1000, {phase: 'Pending'})],
		[
			'shop/job',
			pod('job', 3 * DAY, {
				phase: 'Succeeded',
				containerStatuses: [{ready: false, state: {terminated: {exitCode: 0, reason: 'Completed'}}}],
			}),
		],
	]);
	const sortByName = {column: 0, descending: false};

	it('loads without errors', () => {
		expect(loaded.errors).toEqual([]);
	});

	it.each<[string, string[], string | undefined]>([
		['shop/ok', ['ok', '1/1', 'Running', '0', '2d3h'], 'ok'],
		['shop/crash', ['crash', '0/1', 'CrashLoopBackOff', '5 (3m ago)', '5h'], 'error'],
		['shop/half', ['half', '1/2', 'Running', '0', '10m'], 'warning'],
		['shop/new', ['new', '0/1', 'Pending', '0', '30s'], 'pending'],
		['shop/job', ['job', '0/1', 'Completed', '0', '3d'], 'done'],
	])('%s reads as kubectl prints it', (key, cells, health) => {
		const model = new TableModel(pods, NARROW, () => NOW);
		const row = model.build(objects, 1, sortByName, NONE).rows.find((r) => r.key === key);
		expect(row?.cells).toEqual(cells);
		expect(row?.health).toBe(health);
	});

	it('wide mode adds kubectl -o wide columns; all namespaces adds NAMESPACE', () => {
		const model = new TableModel(pods, {wide: true, allNamespaces: true}, () => NOW);
		expect(model.columns.map((c) => c.header)).toEqual([
			'NAMESPACE',
			'NAME',
			'READY',
			'STATUS',
			'RESTARTS',
			'AGE',
			'IP',
			'NODE',
			'NOMINATED NODE',
			'READINESS GATES',
		]);
		const row = model.build(objects, 1, {column: 1, descending: false}, NONE).rows.find((r) => r.key === 'shop/ok');
		expect(row?.cells).toEqual(['shop', 'ok', '1/1', 'Running', '0', '2d3h', '10.0.0.7', 'node-1', '<none>', '<none>']);
		expect(row?.name).toBe('shop/ok');
	});

	it.each<[string, number, boolean, string[]]>([
		['READY ascending (by ratio)', 2, false, ['shop/crash', 'shop/job', 'shop/new', 'shop/half', 'shop/ok']],
		['RESTARTS descending', 4, true, ['shop/crash', 'shop/half', 'shop/job', 'shop/new', 'shop/ok']],
		['STATUS ascending', 3, false, ['shop/job', 'shop/crash', 'shop/new', 'shop/half', 'shop/ok']],
		['AGE ascending', 5, false, ['shop/new', 'shop/half', 'shop/crash', 'shop/ok', 'shop/job']],
	])('sorts by %s', (_name, column, descending, want) => {
		const model = new TableModel(pods, ALL, () => NOW);
		expect(keys(model.build(objects, 1, {column, descending}, NONE).rows)).toEqual(want);
	});

	it('/Crash finds the crash-looping pod by its status text', () => {
		const model = new TableModel(pods, NARROW, () => NOW);
		expect(keys(model.build(objects, 1, sortByName, parseFilter('Crash')).rows)).toEqual(['shop/crash']);
	});
});
