import {matchesLabels, parseLabelSelector, type LabelSelector} from './labelSelector.js';

/** A parsed `/` filter. */
export type Filter =
	| {readonly type: 'none'}
	| {readonly type: 'text'; readonly query: string; readonly inverse: boolean}
	| {readonly type: 'labels'; readonly selector: LabelSelector; readonly text: string}
	| {readonly type: 'invalid'; readonly message: string};

/** What a filter is tested against; rows precompute these once. */
export type Filterable = {
	/** Lower-cased primary name (namespace/name), for fuzzy matching. */
	readonly name: string;
	/** Lower-cased text of the whole row, for substring matching. */
	readonly text: string;
	/** The object's labels, for `-l`. */
	readonly labels: Readonly<Record<string, string>> | undefined;
};

/**
 * Parses what the user typed after `/`: `web` (fuzzy), `!web` (rows that do not
 * match), `-l app=web,tier!=db` (label selector).
 */
export function parseFilter(input: string): Filter {
	const text = input.trim();
	if (text === '') return {type: 'none'};
	if (text.startsWith('-l')) {
		const selectorText = text.slice(2).trim();
		if (selectorText === '') return {type: 'invalid', message: 'type a label selector after -l, e.g. -l app=web'};
		const parsed = parseLabelSelector(selectorText);
		if ('error' in parsed) return {type: 'invalid', message: parsed.error};
		return {type: 'labels', selector: parsed.selector, text: selectorText};
	}
	if (text.startsWith('!')) {
		const query = text.slice(1).trim().toLowerCase();
		return query === '' ? {type: 'none'} : {type: 'text', query, inverse: true};
	}
	return {type: 'text', query: text.toLowerCase(), inverse: false};
}

/** Whether `query` appears in `target` in order, not necessarily together (fzf's v1 match). */
export function isSubsequence(query: string, target: string): boolean {
	let qi = 0;
	const qLen = query.length;
	if (qLen === 0) return true;
	let want = query.charCodeAt(0);
	for (let ti = 0; ti < target.length; ti++) {
		if (target.charCodeAt(ti) === want) {
			qi++;
			if (qi === qLen) return true;
			want = query.charCodeAt(qi);
		}
	}
	return false;
}

/**
 * A text filter matches a row when the query occurs anywhere in the row (`/Crash`
 * finds crash-looping pods) or fuzzily in its name (`/frntapi` finds frontend-api).
 */
export function matchesFilter(filter: Filter, row: Filterable): boolean {
	switch (filter.type) {
		case 'none':
		case 'invalid':
			return true;
		case 'labels':
			return matchesLabels(filter.selector, row.labels);
		case 'text': {
			const hit = row.text.includes(filter.query) || isSubsequence(filter.query, row.name);
			return hit !== filter.inverse;
		}
	}
}

/**
 * Whether every row `next` keeps is also kept by `previous`, so `next` can be run
 * over `previous`'s result instead of the whole set (typing one more letter).
 */
export function narrows(previous: Filter, next: Filter): boolean {
	if (previous.type === 'none') return true;
	if (previous.type !== 'text' || next.type !== 'text') return false;
	if (previous.inverse || next.inverse) return false;
	// Both halves of a text match are monotonic in the query: a longer query that
	// extends the old one matches a subset (substring and subsequence alike).
	return next.query.startsWith(previous.query);
}
