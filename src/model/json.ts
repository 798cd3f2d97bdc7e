/**
 * Narrowing readers for the loosely typed JSON bodies printers read. Each returns a
 * value of the asked-for shape or a fallback, so a malformed object prints as a
 * missing field rather than throwing.
 */

/** A JSON object. */
export type Json = Readonly<Record<string, unknown>>;

const EMPTY: Json = Object.freeze({});

/** `value` when it is a JSON object, otherwise an empty one. */
export function rec(value: unknown): Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : EMPTY;
}

/** Whether `value` is a JSON object. */
export function isRec(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON objects in `value` when it is an array; otherwise none. */
export function recs(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter(isRec) : [];
}

/** The strings in `value` when it is an array; otherwise none. */
export function strs(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `value` when it is a string, otherwise undefined. */
export function optStr(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** `value` when it is a string, otherwise `fallback`. */
export function str(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

/** `value` truncated to an integer when it is a finite number, otherwise undefined (Go decodes int32 fields so). */
export function optInt(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

/** `value` as an integer, or `fallback`. */
export function int(value: unknown, fallback = 0): number {
	return optInt(value) ?? fallback;
}

/** `value` when it is a boolean, otherwise undefined. */
export function optBool(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

/** The string-valued entries of a JSON object (labels, selectors, annotations). */
export function strMap(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(rec(value))) if (typeof v === 'string') out[k] = v;
	return out;
}
