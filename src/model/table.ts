import type {ResourceObject} from '../sources/types.js';
import {computedFields, healthFields, type Cell, type ComputeContext, type Health} from './computed.js';
import {getField, valueText} from './fieldPath.js';
import {matchesFilter, narrows, type Filter, type Filterable} from './filter.js';
import {sanitizeCell} from './sanitize.js';
import {displayWidth} from './textWidth.js';
import type {ColumnDef, ViewDef} from './view.js';

/** One row of a table: what sorting, filtering and layout need, computed once per object version. */
export type Row = Filterable & {
	readonly key: string;
	readonly object: ResourceObject;
	/** Cell texts when the row was built (layout widths and search use these). */
	readonly cells: readonly string[];
	readonly sortKeys: readonly (string | number)[];
	readonly health: Health | undefined;
};

/** Which optional columns show. */
export type ColumnMode = {readonly wide: boolean; readonly allNamespaces: boolean};

/** How the table is sorted: a column index into the active columns, and direction. */
export type SortState = {readonly column: number; readonly descending: boolean};

/** The columns that show in a mode. */
export function activeColumns(view: ViewDef, mode: ColumnMode): readonly ColumnDef[] {
	return view.columns.filter((c) => (mode.wide || !c.wide) && (mode.allNamespaces || !c.allNamespaces));
}

/** The cell for one column of one object. */
export function computeCell(column: ColumnDef, object: ResourceObject, ctx: ComputeContext): Cell {
	if (column.computed) {
		const fn = computedFields[column.computed];
		if (fn) {
			const cell = fn(object, ctx);
			return {text: sanitizeCell(cell.text), sort: cell.sort};
		}
		return {text: '', sort: ''};
	}
	const field = column.field ? getField(object, column.field) : undefined;
	const value = field === undefined || field === null ? column.default : field;
	if (value === undefined) return {text: '', sort: column.sortAs === 'number' ? -Infinity : ''};
	const text = sanitizeCell(valueText(value));
	if (column.sortAs === 'number') {
		const n = typeof value === 'number' ? value : Number(text);
		return {text, sort: Number.isNaN(n) ? -Infinity : n};
	}
	return {text, sort: text};
}

/** The result of one table pass. */
export type TableResult = {
	/** Sorted, filtered rows. */
	readonly rows: readonly Row[];
	/** Rows before filtering (for the header's "12/340"). */
	readonly total: number;
	/** Widest cell per active column over every row (headers included). */
	readonly widths: readonly number[];
};

function compareRows(column: number, descending: boolean): (a: Row, b: Row) => number {
	const dir = descending ? -1 : 1;
	return (a, b) => {
		const x = a.sortKeys[column] ?? '';
		const y = b.sortKeys[column] ?? '';
		if (x !== y) {
			if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
			return (String(x) < String(y) ? -1 : 1) * dir;
		}
		// A stable tie-break keeps rows from swapping places between refreshes.
		return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
	};
}

/**
 * Turns a feed's objects into the rows a view shows. Rows are cached per object
 * reference, so a watch event rebuilds one row, not fifty thousand; a sort runs
 * only when the data or the sort changed; a filter that extends the previous one
 * searches only the previous matches.
 */
export class TableModel {
	readonly columns: readonly ColumnDef[];
	private readonly rowCache = new WeakMap<ResourceObject, Row>();
	private readonly nameColumn: number;
	private readonly namespaceColumn: number;
	private sorted: {version: number; sort: SortState; rows: Row[]; widths: number[]} | undefined;
	private filtered: {source: Row[]; filter: Filter; rows: Row[]} | undefined;

	constructor(
		readonly view: ViewDef,
		readonly mode: ColumnMode,
		private readonly clock: () => number = Date.now,
	) {
		this.columns = activeColumns(view, mode);
		this.nameColumn = this.columns.findIndex((c) => c.header === 'NAME');
		this.namespaceColumn = this.columns.findIndex((c) => c.header === 'NAMESPACE');
	}

	/** The index of a column by header, or -1. */
	columnIndex(header: string): number {
		return this.columns.findIndex((c) => c.header === header);
	}

	private row(key: string, object: ResourceObject, ctx: ComputeContext): Row {
		const cached = this.rowCache.get(object);
		if (cached && cached.key === key) return cached;
		const cells: string[] = [];
		const sortKeys: (string | number)[] = [];
		for (const column of this.columns) {
			const cell = computeCell(column, object, ctx);
			cells.push(cell.text);
			sortKeys.push(cell.sort);
		}
		// kubectl shows an event's NAME only when wide; the row is still named by the object, not its first cell.
		const metaName = getField(object, 'metadata.name');
		const name =
			this.nameColumn >= 0
				? (cells[this.nameColumn] ?? key)
				: typeof metaName === 'string' && metaName !== ''
					? sanitizeCell(metaName)
					: (cells[0] ?? key);
		const namespace = this.namespaceColumn >= 0 ? cells[this.namespaceColumn] : undefined;
		const healthFn = this.view.health ? healthFields[this.view.health] : undefined;
		const row: Row = {
			key,
			object,
			cells,
			sortKeys,
			health: healthFn?.(object, ctx),
			name: (namespace ? `${namespace}/${name}` : name).toLowerCase(),
			text: cells.join(' ').toLowerCase(),
			labels: getField(object, this.view.labelsField) as Record<string, string> | undefined,
		};
		this.rowCache.set(object, row);
		return row;
	}

	/** Builds (or reuses) the sorted, filtered rows for a feed at a version. */
	build(objects: ReadonlyMap<string, ResourceObject>, version: number, sort: SortState, filter: Filter): TableResult {
		let sorted = this.sorted;
		if (!sorted || sorted.version !== version || sorted.sort.column !== sort.column || sorted.sort.descending !== sort.descending) {
			const ctx: ComputeContext = {now: this.clock()};
			const rows: Row[] = [];
			const widths = this.columns.map((c) => displayWidth(c.header));
			for (const [key, object] of objects) {
				const row = this.row(key, object, ctx);
				rows.push(row);
				for (let i = 0; i < widths.length; i++) {
					const w = displayWidth(row.cells[i] ?? '');
					if (w > (widths[i] ?? 0)) widths[i] = w;
				}
			}
			rows.sort(compareRows(sort.column, sort.descending));
			sorted = {version, sort, rows, widths};
			this.sorted = sorted;
			this.filtered = undefined;
		}
		if (filter.type === 'none' || filter.type === 'invalid') {
			return {rows: sorted.rows, total: sorted.rows.length, widths: sorted.widths};
		}
		let filtered = this.filtered;
		if (!filtered || filtered.source !== sorted.rows || !sameFilter(filtered.filter, filter)) {
			const base = filtered && filtered.source === sorted.rows && narrows(filtered.filter, filter) ? filtered.rows : sorted.rows;
			filtered = {source: sorted.rows, filter, rows: base.filter((row) => matchesFilter(filter, row))};
			this.filtered = filtered;
		}
		return {rows: filtered.rows, total: sorted.rows.length, widths: sorted.widths};
	}

	/** Fresh cell texts for a visible row (ages move on while the data stands still). */
	liveCells(row: Row): string[] {
		const ctx: ComputeContext = {now: this.clock()};
		return this.columns.map((column, i) => (column.computed ? computeCell(column, row.object, ctx).text : (row.cells[i] ?? '')));
	}
}

function sameFilter(a: Filter, b: Filter): boolean {
	if (a.type !== b.type) return false;
	if (a.type === 'text' && b.type === 'text') return a.query === b.query && a.inverse === b.inverse;
	if (a.type === 'labels' && b.type === 'labels') return a.text === b.text;
	return a.type === 'none';
}
