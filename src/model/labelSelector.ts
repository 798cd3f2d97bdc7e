/** One requirement of a label selector, as Kubernetes defines them. */
export type Requirement =
	| {readonly op: 'eq' | 'neq'; readonly key: string; readonly value: string}
	| {readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[]}
	| {readonly op: 'exists' | 'absent'; readonly key: string};

/** A parsed selector: every requirement must hold. */
export type LabelSelector = readonly Requirement[];

// A label key is an optional DNS-subdomain prefix and "/", then a name of at most 63
// characters; a value is at most 63 such characters (what the API server accepts).
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function validKey(key: string): boolean {
	const slash = key.indexOf('/');
	if (slash < 0) return NAME.test(key);
	const prefix = key.slice(0, slash);
	return prefix.length <= 253 && PREFIX.test(prefix) && NAME.test(key.slice(slash + 1));
}

function validValue(value: string): boolean {
	return value === '' || NAME.test(value);
}

/**
 * Parses `app=web,tier!=db,env in (a,b),!legacy,track`. Returns an error message
 * (for the flash line) instead of throwing, since users type these.
 */
export function parseLabelSelector(text: string): {selector: LabelSelector} | {error: string} {
	const requirements: Requirement[] = [];
	for (const raw of splitTopLevel(text)) {
		const part = raw.trim();
		if (part === '') continue;
		const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
		if (set) {
			const key = set[1] ?? '';
			const values = (set[3] ?? '')
				.split(',')
				.map((v) => v.trim())
				.filter((v) => v !== '');
			if (!validKey(key)) return {error: `invalid label key "${key}"`};
			if (values.some((v) => !validValue(v))) return {error: `invalid label value in "${part}"`};
			requirements.push({op: set[2] === 'in' ? 'in' : 'notin', key, values});
			continue;
		}
		const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
		if (eq) {
			const key = eq[1] ?? '';
			const value = eq[3] ?? '';
			if (!validKey(key)) return {error: `invalid label key "${key}"`};
			if (!validValue(value)) return {error: `invalid label value "${value}"`};
			requirements.push({op: eq[2] === '!=' ? 'neq' : 'eq', key, value});
			continue;
		}
		const absent = /^!\s*(\S+)$/.exec(part);
		const key = absent ? (absent[1] ?? '') : part;
		if (!validKey(key)) return {error: `cannot parse "${part}" as a label requirement`};
		requirements.push({op: absent ? 'absent' : 'exists', key});
	}
	return {selector: requirements};
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '(') depth++;
		else if (ch === ')') depth--;
		else if (ch === ',' && depth === 0) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}

/** Whether a label set satisfies every requirement. */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
	for (const req of selector) {
		const has = labels !== undefined && Object.hasOwn(labels, req.key);
		const value = has ? labels[req.key] : undefined;
		switch (req.op) {
			case 'eq':
				if (value !== req.value) return false;
				break;
			case 'neq':
				if (value === req.value) return false;
				break;
			case 'in':
				if (value === undefined || !req.values.includes(value)) return false;
				break;
			case 'notin':
				if (value !== undefined && req.values.includes(value)) return false;
				break;
			case 'exists':
				if (!has) return false;
				break;
			case 'absent':
				if (has) return false;
				break;
		}
	}
	return true;
}

/** Renders `{app: "web"}` as `app=web`, the form a drill-down passes on. */
export function selectorFromLabels(labels: Readonly<Record<string, string>>): string {
	return Object.entries(labels)
		.map(([k, v]) => `${k}=${v}`)
		.join(',');
}
