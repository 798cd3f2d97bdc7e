/** A parsed field path: `metadata.name`, `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. */
export type FieldPath = readonly (string | number)[];

const cache = new Map<string, FieldPath>();

/** Parses a field path; throws with the offending position so data-file loaders can report it. */
export function parseFieldPath(text: string): FieldPath {
	const cached = cache.get(text);
	if (cached) return cached;
	const parts: (string | number)[] = [];
	let i = 0;
	const fail = (why: string): never => {
		throw new Error(`bad field path "${text}" at ${i}: ${why}`);
	};
	while (i < text.length) {
		const ch = text[i];
		if (ch === '.') {
			if (i === 0 || i === text.length - 1) fail('a path cannot start or end with "."');
			i++;
			continue;
		}
		if (ch === '[') {
			const close = text.indexOf(']', i);
			if (close < 0) fail('unclosed "["');
			const inner = text.slice(i + 1, close);
			if (/^\d+$/.test(inner)) parts.push(Number(inner));
			else if (/^(["']).*\1$/.test(inner)) parts.push(inner.slice(1, -1));
			else fail('expected a number or a quoted key inside [ ]');
			i = close + 1;
			continue;
		}
		let end = i;
		while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
		parts.push(text.slice(i, end));
		i = end;
	}
	if (parts.length === 0) fail('empty path');
	cache.set(text, parts);
	return parts;
}

/** Reads the value at a path; undefined where any step is missing. */
export function getPath(object: unknown, path: FieldPath): unknown {
	let current: unknown = object;
	for (const part of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[part];
	}
	return current;
}

/** Reads the value at a textual path. */
export function getField(object: unknown, text: string): unknown {
	return getPath(object, parseFieldPath(text));
}

/** A field value as text: scalars as written, lists joined by commas, objects as JSON. */
export function valueText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (Array.isArray(value)) return value.map(valueText).join(',');
	return JSON.stringify(value);
}
