/**
 * kubectl's generic describer, for kinds it has no describer of its own for (custom
 * resources among them): identity, then every other field sorted, titled as
 * smartLabelFor titles them, then the events.
 */
import {describeEvents} from './events.js';
import {byteOrder, clean, isRec, printLabelsAndAnnotations, printNameAndNamespace, rec} from './format.js';
import type {Describer, Json} from './types.js';
import type {Writer} from './writer.js';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** fatih/camelcase's Split: runs of lower, upper, digit and other characters; an upper run gives its last letter to a lower run after it. */
function camelSplit(text: string): string[] {
	const kind = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
	const runs: string[][] = [];
	let last = 0;
	for (const c of text) {
		const k = kind(c);
		if (k === last) runs.at(-1)?.push(c);
		else runs.push([c]);
		last = k;
	}
	for (let i = 0; i < runs.length - 1; i++) {
		const run = runs[i] ?? [];
		const next = runs[i + 1] ?? [];
		if (kind(run[0] ?? '') === 2 && kind(next[0] ?? '') === 1) {
			const moved = run.pop();
			if (moved !== undefined) next.unshift(moved);
		}
	}
	return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `podIP` -> `Pod IP`, `apiVersion` -> `API Version`; a field with other than letters and '-' stays as it is. */
export function smartLabel(field: string): string {
	if (/[^\p{L}-]/u.test(field)) return field;
	return camelSplit(field)
		.filter((part) => part !== '_')
		.map((part) => (ACRONYMS.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
		.join(' ');
}

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

/**
 * %v of an unstructured scalar: null is <nil>; a number that is not an int64 is a
 * float64, which %v writes in %g's shortest form (an exponent below -4 or from 6 up).
 */
function scalar(value: unknown): string {
	if (value === null || value === undefined) return '<nil>';
	if (typeof value === 'number' && !(Number.isInteger(value) && Math.abs(value) < 2 ** 63)) {
		const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
		const exp = Number(exponent);
		if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
		return String(value);
	}
	return clean(value);
}

function printContent(w: Writer, level: number, content: Json, prefix: string): void {
	for (const field of Object.keys(content).sort(byteOrder)) {
		const path = `${prefix}.${field}`;
		if (SKIP.has(path)) continue;
		const value = content[field];
		if (isRec(value)) {
			w.write(level, `${clean(smartLabel(field))}:\n`);
			printContent(w, level + 1, value, path);
		} else if (Array.isArray(value)) {
			w.write(level, `${clean(smartLabel(field))}:\n`);
			for (const child of value as unknown[]) {
				if (isRec(child)) printContent(w, level + 1, child, path);
				else w.write(level + 1, `${scalar(child)}\n`);
			}
		} else w.write(level, `${clean(smartLabel(field))}:\t${scalar(value)}\n`);
	}
}

/** kubectl's genericDescriber. */
export const describeGeneric: Describer = (w, object, ctx) => {
	const meta = rec(object['metadata']);
	printNameAndNamespace(w, meta);
	printLabelsAndAnnotations(w, meta);
	printContent(w, 0, object, '');
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
