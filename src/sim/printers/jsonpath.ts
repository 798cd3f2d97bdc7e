/**
 * The subset of Kubernetes JSONPath that CRD printer columns use: `.a.b`, `['a.b']`,
 * `[0]`, `[-1]`, `[*]`, `.*` and one filter form, `[?(@.type=="Ready")]` (also `!=`,
 * number and boolean literals, and a bare `[?(@.x)]` for presence). Missing keys
 * yield no result, as with AllowMissingKeys(true).
 */

type Literal = string | number | boolean;

/** One step of a compiled path. */
export type Step =
	| {readonly kind: 'field'; readonly name: string}
	| {readonly kind: 'index'; readonly index: number}
	| {readonly kind: 'wildcard'}
	| {readonly kind: 'filter'; readonly path: readonly Step[]; readonly op: '==' | '!=' | 'exists'; readonly value?: Literal};

const NAME_END = /[.[]/;

function literal(text: string): Literal | undefined {
	const t = text.trim();
	const quoted = /^(['"])(.*)\1$/s.exec(t);
	if (quoted) return quoted[2] ?? '';
	if (t === 'true' || t === 'false') return t === 'true';
	if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
	return undefined;
}

function compileFilter(inner: string): Step | undefined {
	const match = /^\s*@((?:\.[^.\s=!<>[\]]+)+)\s*(?:(==|!=)\s*(.+?))?\s*$/s.exec(inner);
	if (!match) return undefined;
	const path = compilePath(match[1] ?? '');
	if (!path) return undefined;
	if (match[2] === undefined) return {kind: 'filter', path, op: 'exists'};
	const value = literal(match[3] ?? '');
	return value === undefined ? undefined : {kind: 'filter', path, op: match[2] === '==' ? '==' : '!=', value};
}

/** The index of the `]` closing the bracket opened at `open`, skipping quoted text; -1 when unclosed. */
function closing(text: string, open: number): number {
	let quote = '';
	for (let i = open + 1; i < text.length; i++) {
		const c = text[i];
		if (quote !== '') {
			if (c === quote) quote = '';
		} else if (c === '"' || c === "'") {
			quote = c;
		} else if (c === ']') {
			return i;
		}
	}
	return -1;
}

function compileBracket(inner: string): Step | undefined {
	const t = inner.trim();
	if (t === '*') return {kind: 'wildcard'};
	if (t.startsWith('?(') && t.endsWith(')')) return compileFilter(t.slice(2, -1));
	if (/^-?\d+$/.test(t)) return {kind: 'index', index: Number(t)};
	const key = literal(t);
	return typeof key === 'string' ? {kind: 'field', name: key} : undefined;
}

/** Compiles a path such as `.status.conditions[?(@.type=="Ready")].status`; undefined when outside the supported subset. */
export function compilePath(expression: string): Step[] | undefined {
	let text = expression.trim();
	if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
	if (text.startsWith('$')) text = text.slice(1);
	if (text !== '' && !text.startsWith('.') && !text.startsWith('[')) text = `.${text}`;
	const steps: Step[] = [];
	let i = 0;
	while (i < text.length) {
		if (text[i] === '.') {
			if (text[i + 1] === '.') return undefined; // recursive descent is not a simple path
			if (text[i + 1] === '*') {
				steps.push({kind: 'wildcard'});
				i += 2;
				continue;
			}
			const rest = text.slice(i + 1);
			const end = rest.search(NAME_END);
			const name = end === -1 ? rest : rest.slice(0, end);
			if (name === '') return undefined;
			steps.push({kind: 'field', name});
			i += 1 + name.length;
		} else if (text[i] === '[') {
			const close = closing(text, i);
			if (close === -1) return undefined;
			const step = compileBracket(text.slice(i + 1, close));
			if (!step) return undefined;
			steps.push(step);
			i = close + 1;
		} else {
			return undefined;
		}
	}
	return steps;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(step: Extract<Step, {kind: 'filter'}>, element: unknown): boolean {
	const found = evaluate(step.path, element);
	if (step.op === 'exists') return found.length > 0;
	if (found.length === 0) return false;
	const equal = found[0] === step.value;
	return step.op === '==' ? equal : !equal;
}

/** Every value the path reaches from `root`, in document order. */
export function evaluate(steps: readonly Step[], root: unknown): unknown[] {
	let values: unknown[] = [root];
	for (const step of steps) {
		const next: unknown[] = [];
		for (const value of values) {
			if (value === null || value === undefined) continue;
			switch (step.kind) {
				case 'field':
					if (isObject(value) && Object.hasOwn(value, step.name)) next.push(value[step.name]);
					break;
				case 'index':
					if (Array.isArray(value)) {
						const at = step.index < 0 ? value.length + step.index : step.index;
						if (at >= 0 && at < value.length) next.push(value[at]);
					}
					break;
				case 'wildcard':
					if (Array.isArray(value)) next.push(...(value as unknown[]));
					else if (isObject(value)) next.push(...Object.values(value));
					break;
				case 'filter':
					if (Array.isArray(value)) next.push(...(value as unknown[]).filter((element) => matches(step, element)));
					break;
			}
		}
		values = next;
	}
	return values;
}
