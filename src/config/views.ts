import path from 'node:path';
import {COMMAND_IDS} from '../keys/commands.js';
import {computedFields, healthFields} from '../model/computed.js';
import {expanders} from '../model/containers.js';
import {parseFieldPath} from '../model/fieldPath.js';
import type {ColumnDef, DrillDown, ViewDef} from '../model/view.js';
import type {Engine} from '../sources/types.js';
import {listDataFiles, readDataFile} from './dataFile.js';
import {Checker, type DataError, type Loaded} from './validate.js';

const VIEW_KEYS = [
	'kind',
	'title',
	'engine',
	'aliases',
	'namespaced',
	'columns',
	'sort',
	'health',
	'actions',
	'drillDown',
	'logs',
	'enterCommand',
	'emptyText',
	'rowsFrom',
	'labelsField',
	'description',
];
const COLUMN_KEYS = ['header', 'field', 'computed', 'align', 'wide', 'allNamespaces', 'maxWidth', 'sortAs', 'default', 'shrinkFirst'];
const DRILL_KEYS = ['view', 'labelSelectorFrom', 'namespaceFrom', 'fieldSelectorFrom', 'sameNamespace', 'owned'];

function fieldPath(check: Checker, value: unknown, field: string): string | undefined {
	const text = check.string(value, field);
	if (text === undefined) return undefined;
	try {
		parseFieldPath(text);
		return text;
	} catch (error) {
		return check.fail(field, (error as Error).message);
	}
}

function parseColumn(check: Checker, raw: unknown, field: string): ColumnDef | undefined {
	const o = check.object(raw, field);
	if (!o) return undefined;
	check.known(o, field, COLUMN_KEYS);
	const header = check.string(o['header'], `${field}.header`);
	let source: {field?: string; computed?: string} | undefined;
	if (o['field'] !== undefined && o['computed'] !== undefined) check.fail(field, 'set either "field" or "computed", not both');
	else if (o['field'] !== undefined) {
		const f = fieldPath(check, o['field'], `${field}.field`);
		if (f) source = {field: f};
	} else if (o['computed'] !== undefined) {
		const name = check.string(o['computed'], `${field}.computed`);
		if (name && !Object.hasOwn(computedFields, name))
			check.fail(`${field}.computed`, `unknown computed field "${name}" (known: ${Object.keys(computedFields).join(', ')})`);
		else if (name) source = {computed: name};
	} else check.fail(field, 'needs "field" (a path in the object) or "computed" (a named value)');
	const align = o['align'] === undefined ? 'left' : check.oneOf(o['align'], `${field}.align`, ['left', 'right'] as const);
	const wide = o['wide'] === undefined ? false : check.boolean(o['wide'], `${field}.wide`);
	const allNamespaces = o['allNamespaces'] === undefined ? false : check.boolean(o['allNamespaces'], `${field}.allNamespaces`);
	const maxWidth = o['maxWidth'] === undefined ? 80 : check.integer(o['maxWidth'], `${field}.maxWidth`, 3, 500);
	const sortAs = o['sortAs'] === undefined ? 'text' : check.oneOf(o['sortAs'], `${field}.sortAs`, ['text', 'number'] as const);
	const shrinkFirst = o['shrinkFirst'] === undefined ? false : check.boolean(o['shrinkFirst'], `${field}.shrinkFirst`);
	let fallback: string | undefined;
	if (o['default'] !== undefined) {
		// A computed cell decides its own empty text; a default would never show there.
		if (o['computed'] !== undefined) check.fail(`${field}.default`, 'only a "field" column takes a default');
		else if (typeof o['default'] !== 'string') check.fail(`${field}.default`, 'expected a string, e.g. "0"');
		else fallback = o['default'];
	}
	if (
		!header ||
		!source ||
		!align ||
		wide === undefined ||
		allNamespaces === undefined ||
		!maxWidth ||
		!sortAs ||
		shrinkFirst === undefined
	)
		return undefined;
	return {
		header,
		...source,
		align,
		wide,
		allNamespaces,
		maxWidth,
		sortAs,
		...(shrinkFirst ? {shrinkFirst} : {}),
		...(fallback === undefined ? {} : {default: fallback}),
	};
}

function parseDrillDown(check: Checker, raw: unknown, field: string): DrillDown | undefined {
	const o = check.object(raw, field);
	if (!o) return undefined;
	check.known(o, field, DRILL_KEYS);
	const view = check.string(o['view'], `${field}.view`);
	const drill: {-readonly [K in keyof DrillDown]: DrillDown[K]} = {view: view ?? '', sameNamespace: false};
	if (o['labelSelectorFrom'] !== undefined)
		drill.labelSelectorFrom = fieldPath(check, o['labelSelectorFrom'], `${field}.labelSelectorFrom`);
	if (o['namespaceFrom'] !== undefined) drill.namespaceFrom = fieldPath(check, o['namespaceFrom'], `${field}.namespaceFrom`);
	if (o['sameNamespace'] !== undefined) drill.sameNamespace = check.boolean(o['sameNamespace'], `${field}.sameNamespace`) ?? false;
	if (o['owned'] !== undefined && check.boolean(o['owned'], `${field}.owned`) === true) drill.owned = true;
	if (o['fieldSelectorFrom'] !== undefined) {
		const fs = check.object(o['fieldSelectorFrom'], `${field}.fieldSelectorFrom`);
		if (fs) {
			const map: Record<string, string> = {};
			for (const [target, from] of Object.entries(fs)) {
				const p = fieldPath(check, from, `${field}.fieldSelectorFrom.${target}`);
				if (p) map[target] = p;
			}
			drill.fieldSelectorFrom = map;
		}
	}
	return view ? drill : undefined;
}

/** Validates one parsed view file. */
export function parseView(raw: unknown, file: string): {view: ViewDef | undefined; errors: DataError[]} {
	const check = new Checker(file);
	const o = check.object(raw, '');
	if (!o) return {view: undefined, errors: check.errors};
	check.known(o, '', VIEW_KEYS);
	const kind = check.string(o['kind'], 'kind');
	const title = o['title'] === undefined ? kind : check.string(o['title'], 'title');
	const engine = check.oneOf<Engine>(o['engine'], 'engine', ['kubernetes', 'docker', 'memory']);
	const aliases = o['aliases'] === undefined ? [] : check.stringList(o['aliases'], 'aliases');
	const namespaced = o['namespaced'] === undefined ? false : check.boolean(o['namespaced'], 'namespaced');
	const columnsRaw = o['columns'];
	const columns: ColumnDef[] = [];
	if (!Array.isArray(columnsRaw) || columnsRaw.length === 0) check.fail('columns', 'expected a non-empty list of columns');
	else
		columnsRaw.forEach((c, i) => {
			const column = parseColumn(check, c, `columns[${i}]`);
			if (column) columns.push(column);
		});
	let sort = {column: columns[0]?.header ?? 'NAME', descending: false};
	if (o['sort'] !== undefined) {
		const s = check.object(o['sort'], 'sort');
		if (s) {
			check.known(s, 'sort', ['column', 'descending']);
			const column = check.string(s['column'], 'sort.column');
			if (column && !columns.some((c) => c.header === column)) check.fail('sort.column', `no column has the header "${column}"`);
			const descending = s['descending'] === undefined ? false : (check.boolean(s['descending'], 'sort.descending') ?? false);
			if (column) sort = {column, descending};
		}
	}
	let health: string | undefined;
	if (o['health'] !== undefined) {
		health = check.string(o['health'], 'health');
		if (health && !Object.hasOwn(healthFields, health)) {
			check.fail('health', `unknown health rating "${health}" (known: ${Object.keys(healthFields).join(', ')})`);
			health = undefined;
		}
	}
	const actions = o['actions'] === undefined ? [] : (check.stringList(o['actions'], 'actions') ?? []);
	actions.forEach((a, i) => {
		if (!COMMAND_IDS.has(a) || !a.startsWith('resource.'))
			check.fail(`actions[${i}]`, `unknown action "${a}" (actions are resource.* commands)`);
	});
	const drillDown = o['drillDown'] === undefined ? undefined : parseDrillDown(check, o['drillDown'], 'drillDown');
	const logs = o['logs'] === undefined ? undefined : parseDrillDown(check, o['logs'], 'logs');
	const enterCommand = o['enterCommand'] === undefined ? undefined : check.string(o['enterCommand'], 'enterCommand');
	if (enterCommand !== undefined && drillDown) check.fail('enterCommand', 'a view has either drillDown or enterCommand, not both');
	const emptyText = o['emptyText'] === undefined ? undefined : check.string(o['emptyText'], 'emptyText');
	const rowsFrom = o['rowsFrom'] === undefined ? undefined : check.string(o['rowsFrom'], 'rowsFrom');
	if (rowsFrom !== undefined && !Object.hasOwn(expanders, rowsFrom))
		check.fail('rowsFrom', `unknown expansion "${rowsFrom}" (known: ${Object.keys(expanders).join(', ')})`);
	const labelsField = o['labelsField'] === undefined ? 'metadata.labels' : fieldPath(check, o['labelsField'], 'labelsField');
	if (check.errors.length > 0 || !kind || !title || !engine || !aliases || namespaced === undefined || !labelsField) {
		return {view: undefined, errors: check.errors};
	}
	const view: ViewDef = {kind, title, engine, aliases, namespaced, columns, sort, actions, labelsField, file};
	return {
		view: {
			...view,
			...(health ? {health} : {}),
			...(drillDown ? {drillDown} : {}),
			...(logs ? {logs} : {}),
			...(enterCommand ? {enterCommand} : {}),
			...(emptyText ? {emptyText} : {}),
			...(rowsFrom ? {rowsFrom} : {}),
		},
		errors: [],
	};
}

/**
 * Loads every view: the shipped ones, then the user's from `<config>/views`, a
 * user file replacing the shipped view of the same kind. A bad user file is
 * reported and the shipped view kept.
 */
export function loadViews(dirs: readonly string[]): Loaded<ReadonlyMap<string, ViewDef>> {
	const views = new Map<string, ViewDef>();
	const errors: DataError[] = [];
	for (const dir of dirs) {
		for (const file of listDataFiles(dir)) {
			const read = readDataFile(file);
			if ('error' in read) {
				errors.push(read.error);
				continue;
			}
			const parsed = parseView(read.data, file);
			errors.push(...parsed.errors);
			if (parsed.view) views.set(parsed.view.kind, parsed.view);
		}
	}
	for (const view of views.values()) {
		if (view.drillDown && !views.has(view.drillDown.view))
			errors.push({file: view.file, field: 'drillDown.view', message: `no view has the kind "${view.drillDown.view}"`});
		if (view.logs && view.logs.view !== 'pods' && view.logs.view !== 'containers')
			errors.push({file: view.file, field: 'logs.view', message: `logs are tailed from pods or containers, not "${view.logs.view}"`});
	}
	return {value: views, errors};
}

/** The shipped views directory and the user's. */
export function viewDirs(root: string, userDir: string): string[] {
	return [path.join(root, 'views'), path.join(userDir, 'views')];
}
