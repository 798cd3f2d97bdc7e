import {humanDuration} from './age.js';

type Json = Record<string, unknown>;

/** An Event as describe lists it under the object. */
export type DescribeEvent = {
	readonly type?: string;
	readonly reason?: string;
	readonly message?: string;
	readonly source?: {readonly component?: string; readonly host?: string};
	readonly reportingComponent?: string;
	readonly count?: number;
	readonly firstTimestamp?: string;
	readonly lastTimestamp?: string;
	readonly eventTime?: string;
	readonly series?: {readonly count?: number; readonly lastObservedTime?: string};
};

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A scalar as text; objects and lists never reach here except empty ones, which kubectl shows as <none>. */
function scalar(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
	return value === undefined || value === null ? '' : '<none>';
}

/** camelCase -> "Camel Case", as kubectl's generic describer titles fields. */
function title(key: string): string {
	return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** `key=value` lines under a label, kubectl's way: the first beside the label, the rest aligned beneath. */
function pairs(label: string, map: unknown, width: number, separator = '='): string[] {
	const entries = Object.entries((map ?? {}) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
	const head = `${label}:`.padEnd(width);
	if (entries.length === 0) return [`${head}<none>`];
	return entries.map(([k, v], i) => `${i === 0 ? head : ' '.repeat(width)}${k}${separator}${String(v)}`);
}

/** Nested fields as kubectl prints an object it has no describer for: titled keys, two-space indents. */
function tree(value: unknown, indent: number, out: string[]): void {
	const pad = ' '.repeat(indent);
	if (Array.isArray(value)) {
		for (const item of value) {
			if (item && typeof item === 'object') {
				const lines: string[] = [];
				tree(item, indent + 2, lines);
				// The first field of each list item is marked, the rest line up beneath it.
				if (lines[0] !== undefined) lines[0] = `${pad}- ${lines[0].slice(indent + 2)}`;
				out.push(...lines);
			} else out.push(`${pad}- ${String(item)}`);
		}
		return;
	}
	for (const [key, v] of Object.entries((value ?? {}) as Json)) {
		if (v && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) {
			out.push(`${pad}${title(key)}:`);
			tree(v, indent + 2, out);
		} else out.push(`${pad}${title(key)}: ${scalar(v)}`);
	}
}

function eventAge(event: DescribeEvent, now: number): string {
	const last = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp;
	const first = event.firstTimestamp ?? event.eventTime;
	const count = event.series?.count ?? event.count ?? 1;
	const lastAge = last ? humanDuration(now - Date.parse(last)) : '<unknown>';
	// Repeated events read "3m (x5 over 10m)", as kubectl shows them.
	if (count > 1 && first) return `${lastAge} (x${count} over ${humanDuration(now - Date.parse(first))})`;
	return lastAge;
}

/** The Events section: oldest first, as kubectl sorts them. */
export function eventLines(events: readonly DescribeEvent[], now: number): string[] {
	if (events.length === 0) return ['Events:  <none>'];
	const sorted = [...events].sort(
		(a, b) => Date.parse(a.lastTimestamp ?? a.eventTime ?? '') - Date.parse(b.lastTimestamp ?? b.eventTime ?? ''),
	);
	const rows = sorted.map((e) => [
		e.type ?? '',
		e.reason ?? '',
		eventAge(e, now),
		e.reportingComponent || e.source?.component || '',
		(e.message ?? '').replace(/\s*\n\s*/g, ' '),
	]);
	const header = ['Type', 'Reason', 'Age', 'From', 'Message'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: readonly string[]) =>
		`  ${cells
			.map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 2)))
			.join('')
			.trimEnd()}`;
	return ['Events:', line(header), line(header.map((h) => '-'.repeat(h.length))), ...rows.map(line)];
}

/**
 * kubectl-style describe text for any object: identity, labels and
 * annotations, then spec and status as titled fields (what kubectl prints for
 * kinds it has no special describer for), then the object's Events.
 */
export function describeLines(object: Json, events: readonly DescribeEvent[], now: number, secret = false): string[] {
	const meta = (object['metadata'] ?? {}) as Json;
	const width = 16;
	const field = (label: string, value: unknown) =>
		`${`${label}:`.padEnd(width)}${value === undefined || value === '' ? '<none>' : scalar(value)}`;
	const annotations = Object.fromEntries(
		Object.entries((meta['annotations'] ?? {}) as Record<string, string>).filter(([k]) => k !== LAST_APPLIED),
	);
	const out = [field('Name', meta['name'])];
	if (meta['namespace'] !== undefined) out.push(field('Namespace', meta['namespace']));
	out.push(...pairs('Labels', meta['labels'], width), ...pairs('Annotations', annotations, width, ': '));
	if (object['apiVersion'] !== undefined) out.push(field('API Version', object['apiVersion']));
	if (object['kind'] !== undefined) out.push(field('Kind', object['kind']));
	if (meta['creationTimestamp'] !== undefined) out.push(field('Created', meta['creationTimestamp']));
	if (meta['deletionTimestamp'] !== undefined) out.push(field('Terminating', `since ${scalar(meta['deletionTimestamp'])}`));
	const owners = (meta['ownerReferences'] ?? []) as {kind?: string; name?: string}[];
	if (owners.length > 0) out.push(field('Controlled By', owners.map((o) => `${o.kind ?? ''}/${o.name ?? ''}`).join(', ')));
	for (const section of Object.keys(object)) {
		if (['apiVersion', 'kind', 'metadata'].includes(section)) continue;
		const value = object[section];
		// A Secret's values never show in describe; kubectl gives their sizes.
		if (secret && (section === 'data' || section === 'stringData')) {
			out.push('Data', '====');
			for (const [k, v] of Object.entries((value ?? {}) as Record<string, string>))
				out.push(`${k}:  ${section === 'data' ? Buffer.from(v, 'base64').length : Buffer.byteLength(v)} bytes`);
			continue;
		}
		if (value && typeof value === 'object') {
			out.push(`${title(section)}:`);
			tree(value, 2, out);
		} else out.push(field(title(section), value));
	}
	out.push(...eventLines(events, now));
	return out;
}
