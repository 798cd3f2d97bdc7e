/**
 * How Kubernetes writes labels, selectors and elapsed times as text (ports of the
 * apimachinery helpers), shared by the sim's printers and kview's describers.
 */
import {humanDuration, parseTime} from './age.js';
import {rec, recs, str, strMap, strs} from './json.js';

/** translateTimestampSince: the humanised time since `timestamp`, `<unknown>` when absent. */
export function since(timestamp: unknown, now: number): string {
	const t = parseTime(timestamp);
	return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
export function formatLabels(value: unknown): string {
	const map = strMap(value);
	const text = Object.keys(map)
		.sort()
		.map((k) => `${k}=${map[k] ?? ''}`)
		.join(',');
	return text === '' ? '<none>' : text;
}

const OPERATORS: Readonly<Record<string, string>> = {In: ' in ', NotIn: ' notin ', Exists: '', DoesNotExist: ''};

/**
 * LabelSelectorAsSelector(...).String(): requirements sorted by key, matchLabels as
 * `k=v`, expressions as `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. Empty for a nil or
 * empty selector; `<error>` for an operator Kubernetes would reject.
 */
export function selectorString(value: unknown): string {
	const selector = rec(value);
	const requirements: {key: string; text: string}[] = [];
	const matchLabels = strMap(selector.matchLabels);
	for (const key of Object.keys(matchLabels)) requirements.push({key, text: `${key}=${matchLabels[key] ?? ''}`});
	for (const expr of recs(selector.matchExpressions)) {
		const key = str(expr.key);
		const operator = str(expr.operator);
		const op = OPERATORS[operator];
		if (op === undefined) return '<error>';
		const values = [...strs(expr.values)].sort();
		if (operator === 'Exists') requirements.push({key, text: key});
		else if (operator === 'DoesNotExist') requirements.push({key, text: `!${key}`});
		else requirements.push({key, text: `${key}${op}(${values.join(',')})`});
	}
	return requirements
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.map((r) => r.text)
		.join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when it selects everything (or is absent). */
export function formatLabelSelector(value: unknown): string {
	const text = selectorString(value);
	return text === '' ? '<none>' : text;
}
