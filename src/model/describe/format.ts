/**
 * The pieces kubectl's describers share: values made safe for the tab writer,
 * timestamps, the multi-line label, annotation, taint and toleration lists, and the
 * "<none>"/"<unset>" conventions.
 */
import {parseTime} from '../age.js';
import {sanitizeCell} from '../sanitize.js';
import {int, rec, recs, str, strMap} from '../json.js';
import type {DescribeZone, Json} from './types.js';
import type {Writer} from './writer.js';

export {formatLabels, formatLabelSelector, selectorString, since} from '../selectorText.js';
export {int, isRec, optBool, optInt, optStr, rec, recs, str, strMap, strs} from '../json.js';

/**
 * A value from the cluster as Go's %v prints it (strings as they are, numbers,
 * true/false, nothing for null), made safe: no escape sequences, and no tab or line
 * break that would add a cell or a line.
 */
export function clean(value: unknown): string {
	if (typeof value === 'string') return sanitizeCell(value);
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return '';
}

/** `text`, or `<none>` when it is empty (stringOrNone). */
export function orNone(text: string): string {
	return text === '' ? '<none>' : text;
}

/** printBool: True or False. */
export function printBool(value: unknown): string {
	return value === true ? 'True' : 'False';
}

/** printBoolPtr: True, False, or <unset> when absent. */
export function printBoolPtr(value: unknown): string {
	return typeof value === 'boolean' ? printBool(value) : '<unset>';
}

/** A Go slice as %v prints it: `[a b c]`. */
export function goList(values: readonly string[]): string {
	return `[${values.map(clean).join(' ')}]`;
}

/** The size of `text` in UTF-8 bytes (Go's len of a string). */
export function byteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** Go's byte-wise string order (sort.Strings). */
export function byteOrder(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A timestamp in Go's RFC1123Z layout ("Mon, 02 Jan 2006 15:04:05 -0700") in `zone`;
 * an absent one is Go's zero time, as kubectl prints a null metav1.Time.
 */
export function rfc1123z(value: unknown, zone: DescribeZone): string {
	const ms = parseTime(value);
	if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
	const offset = zone === 'utc' ? 0 : -new Date(ms).getTimezoneOffset();
	const t = new Date(ms + offset * 60_000);
	const sign = offset < 0 ? '-' : '+';
	const zoneText = `${sign}${pad2(Math.trunc(Math.abs(offset) / 60))}${pad2(Math.abs(offset) % 60)}`;
	return `${DAYS[t.getUTCDay()] ?? ''}, ${pad2(t.getUTCDate())} ${MONTHS[t.getUTCMonth()] ?? ''} ${t.getUTCFullYear()} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())} ${zoneText}`;
}

/** printController: `Kind/name` of the owner reference marked controller, or empty. */
export function controllerOf(object: Json): string {
	const owner = recs(rec(object['metadata'])['ownerReferences']).find((o) => o['controller'] === true);
	return owner ? `${clean(owner['kind'])}/${clean(owner['name'])}` : '';
}

/** The keys of `map` in Go's order, except `skip`; when there are none, writes `<none>` to end the title's line. */
export function keysOrNone(w: Writer, map: Readonly<Record<string, string>>, skip?: string): string[] {
	const keys = Object.keys(map)
		.filter((k) => k !== skip)
		.sort(byteOrder);
	if (keys.length === 0) w.writeLine('<none>');
	return keys;
}

/** Writes `Name:` and `Namespace:`, the lines most describers open with. */
export function printNameAndNamespace(w: Writer, meta: Json): void {
	w.write(0, `Name:\t${clean(meta['name'])}\n`);
	w.write(0, `Namespace:\t${clean(meta['namespace'])}\n`);
}

/** printLabelsMultilineWithIndent: sorted `key=value` lines under a title, `<none>` when there are none. */
export function printLabels(w: Writer, title: string, labels: unknown, initialIndent = '', innerIndent = '\t'): void {
	w.write(0, `${initialIndent}${title}:${innerIndent}`);
	const map = strMap(labels);
	keysOrNone(w, map).forEach((key, i) => {
		if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
		w.write(0, `${clean(key)}=${clean(map[key])}\n`);
	});
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION = 140;

/** `text` cut to `max` UTF-8 bytes with "..." after, as kubectl's shorten does. */
function shorten(text: string, max: number): string {
	const bytes = Buffer.from(text, 'utf8');
	return bytes.length > max ? `${bytes.subarray(0, max).toString('utf8')}...` : text;
}

/**
 * printAnnotationsMultiline: sorted `key: value` lines without the last-applied copy; a
 * long or multi-line value goes on its own lines beneath its key, each cut to 138 bytes.
 */
export function printAnnotations(w: Writer, title: string, annotations: unknown): void {
	w.write(0, `${title}:\t`);
	const map = strMap(annotations);
	keysOrNone(w, map, LAST_APPLIED).forEach((key, i) => {
		if (i !== 0) w.write(0, '\t');
		const value = (map[key] ?? '').replace(/\n$/, '');
		if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION || value.includes('\n')) {
			w.write(0, `${clean(key)}:\n`);
			for (const line of value.split('\n')) w.write(0, `\t  ${clean(shorten(line, MAX_ANNOTATION - 2))}\n`);
		} else w.write(0, `${clean(key)}: ${clean(value)}\n`);
	});
}

/** The Labels and Annotations lines of an object's metadata. */
export function printLabelsAndAnnotations(w: Writer, meta: Json): void {
	printLabels(w, 'Labels', meta['labels']);
	printAnnotations(w, 'Annotations', meta['annotations']);
}

/** Taint.ToString: `key=value:Effect`, or `key:Effect` without a value. */
function taintText(taint: Json): string {
	const value = str(taint['value']);
	return `${clean(taint['key'])}${value === '' ? '' : `=${clean(value)}`}:${clean(taint['effect'])}`;
}

/** A titled list, one item a line aligned under the first, sorted by `key`; `<none>` when empty. */
function printSorted(w: Writer, title: string, items: readonly Json[], key: (item: Json) => string, text: (item: Json) => string): void {
	w.write(0, `${title}:\t`);
	if (items.length === 0) {
		w.writeLine('<none>');
		return;
	}
	// Array.prototype.sort is stable, as Go's sort is for lists this short.
	[...items].sort((a, b) => byteOrder(key(a), key(b))).forEach((item, i) => w.write(0, `${i === 0 ? '' : '\t'}${text(item)}\n`));
}

/** printNodeTaintsMultiline: taints sorted by effect then key. */
export function printTaints(w: Writer, title: string, taints: unknown): void {
	printSorted(w, title, recs(taints), (t) => `${str(t['effect'])},${str(t['key'])}`, taintText);
}

/** A toleration as kubectl writes it: `key=value:Effect`, ` op=Exists` when it matches any value, ` for Ns`. */
function tolerationText(t: Json): string {
	const key = str(t['key']);
	const value = str(t['value']);
	const effect = str(t['effect']);
	let text = clean(key);
	if (value !== '') text += `=${clean(value)}`;
	if (effect !== '') text += `:${clean(effect)}`;
	// An Exists toleration with no key and no effect tolerates everything.
	if (t['operator'] === 'Exists' && value === '') text += key !== '' || effect !== '' ? ' op=Exists' : 'op=Exists';
	if (typeof t['tolerationSeconds'] === 'number') text += ` for ${int(t['tolerationSeconds'])}s`;
	return text;
}

/** printTolerationsMultilineWithIndent: tolerations sorted by key. */
export function printTolerations(w: Writer, title: string, tolerations: unknown): void {
	printSorted(w, title, recs(tolerations), (t) => str(t['key']), tolerationText);
}
