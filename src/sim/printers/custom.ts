/**
 * The default table (kinds without a printer) and the table of a custom resource,
 * built from its CRD's additionalPrinterColumns, as apiextensions-apiserver builds it.
 */
import {humanDuration} from '../../model/age.js';
import type {KubeObject, Printer, TableColumn} from '../types.js';
import {CREATED_DOC, NAME, column} from './columns.js';
import {type Json, int, rec, recs, str} from '../../model/json.js';
import {compilePath, evaluate} from './jsonpath.js';

/**
 * rest.NewDefaultTableConvertor: Name and Created At, the creation time as RFC 3339
 * in UTC (kubectl prints it as is, it does not humanise date columns).
 */
export const defaultPrinter: Printer = {
	columns: [NAME, column('Created At', 'date', CREATED_DOC)],
	cells: (o) => {
		const created = Date.parse(o.metadata.creationTimestamp);
		return [o.metadata.name, Number.isNaN(created) ? '0001-01-01T00:00:00Z' : new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z')];
	},
};

const TYPES = new Set<TableColumn['type']>(['string', 'integer', 'number', 'boolean', 'date']);

function columnType(value: unknown): TableColumn['type'] {
	const type = str(value);
	return TYPES.has(type as TableColumn['type']) ? (type as TableColumn['type']) : 'string';
}

/**
 * fmt.Fprint of a decoded JSON number: integers that fit an int64 print plainly; other
 * numbers are float64s, in %g's shortest form (exponent from e+06 up and below e-04).
 */
function goNumber(n: number): string {
	if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n);
	const [mantissa = '', exp = '0'] = n.toExponential().split('e');
	const e = Number(exp);
	if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
	return String(n);
}

/** encoding/json.Marshal: map keys sorted, HTML-significant characters escaped. */
function goJSON(value: unknown): string {
	const sorted = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(sorted);
		if (typeof v === 'object' && v !== null) {
			const json = v as Json;
			return Object.fromEntries(
				Object.keys(json)
					.sort()
					.map((k) => [k, sorted(json[k])]),
			);
		}
		return v;
	};
	return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSONPath.PrintResults of one value: strings as they are, objects and arrays as JSON, numbers as Go prints them. */
function printed(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return goNumber(value);
	if (typeof value === 'boolean') return String(value);
	return goJSON(value);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** cellForJSONValue: the cell of a non-string column, null when the value does not fit the type. */
function typedCell(type: TableColumn['type'], value: unknown, now: number): unknown {
	if (value === null || value === undefined) return null;
	switch (type) {
		case 'integer':
			return typeof value === 'number' ? Math.trunc(value) : null;
		case 'number':
			return typeof value === 'number' ? value : null;
		case 'boolean':
			return typeof value === 'boolean' ? value : null;
		case 'date': {
			if (typeof value !== 'string') return null;
			if (value === '' || value === 'null') return '<unknown>';
			if (!RFC3339.test(value)) return '<invalid>';
			const at = Date.parse(value);
			return Number.isNaN(at) ? '<invalid>' : humanDuration(now - at);
		}
		default:
			return typeof value === 'string' ? value : null;
	}
}

type CustomColumn = {readonly column: TableColumn; readonly path: ReturnType<typeof compilePath>};

/** The printer columns of one served version; v1beta1 CRDs may keep them at spec level (with `JSONPath`). */
function printerColumns(crd: KubeObject, version: string): Json[] {
	const spec = rec(crd.spec);
	const versions = recs(spec.versions);
	const served = versions.find((v) => v.name === version);
	const columns = recs(served?.additionalPrinterColumns);
	return columns.length > 0 ? columns : recs(spec.additionalPrinterColumns);
}

/**
 * A custom resource's printer: Name, then each additionalPrinterColumn of `version`
 * (a date column shows as an age, a string column prints whatever the path finds, a
 * typed column is null when the value is of another type); with no columns, Name and
 * an Age date column, as the CRD handler serves by default.
 */
export function crdPrinter(crd: KubeObject, version: string): Printer {
	const declared = printerColumns(crd, version);
	const definitions =
		declared.length > 0 ? declared : [{name: 'Age', type: 'date', description: CREATED_DOC, jsonPath: '.metadata.creationTimestamp'}];
	const custom: CustomColumn[] = definitions.map((d) => {
		const jsonPath = str(d.jsonPath) || str(d.JSONPath);
		return {
			column: {
				name: str(d.name),
				type: columnType(d.type),
				format: str(d.format),
				description: str(d.description) || `Custom resource definition column (in JSONPath format): ${jsonPath}`,
				priority: int(d.priority),
			},
			path: compilePath(jsonPath),
		};
	});
	return {
		columns: [NAME, ...custom.map((c) => c.column)],
		cells: (o, now) => [
			o.metadata.name,
			...custom.map(({column: col, path}) => {
				// Only the first value found counts, as the apiserver takes results[0][0].
				const [value] = path ? evaluate(path, o) : [];
				return col.type === 'string' ? printed(value) : typedCell(col.type, value, now);
			}),
		],
	};
}
