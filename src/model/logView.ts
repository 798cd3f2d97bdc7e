// How a log pane lays its lines out: pure, so the pane only draws.
import type {LogLine} from './logBuffer.js';
import {displayWidth} from './textWidth.js';

// eslint-disable-next-line no-control-regex -- the kept SGR sequences are what is matched
const SGR_ALL = /\u001b\[[0-9;:]*m/g;

/** The text without the SGR colours a line kept (for measuring, matching and saving). */
export function plainText(text: string): string {
	return text.includes('\u001b') ? text.replace(SGR_ALL, '') : text;
}

const ASCII = /^[\x20-\x7e]*$/;

/** Cuts plain text into pieces of at most `width` columns, for a wrapped line; never fewer than one piece. */
export function wrapPieces(text: string, width: number): string[] {
	const w = Math.max(1, width);
	if (ASCII.test(text)) {
		if (text.length <= w) return [text];
		const pieces: string[] = [];
		for (let i = 0; i < text.length; i += w) pieces.push(text.slice(i, i + w));
		return pieces;
	}
	const pieces: string[] = [];
	let piece = '';
	let used = 0;
	for (const ch of text) {
		const cw = displayWidth(ch);
		if (used + cw > w && piece !== '') {
			pieces.push(piece);
			piece = '';
			used = 0;
		}
		piece += ch;
		used += cw;
	}
	pieces.push(piece);
	return pieces;
}

/**
 * The first line to draw when lines take several rows (wrap): the selected line must show
 * whole where it fits, so the window starts at `top` unless that leaves it below the bottom,
 * in which case the window ends with it.
 */
export function wrapTop(selected: number, top: number, body: number, heightOf: (index: number) => number): number {
	let start = Math.min(Math.max(0, top), Math.max(0, selected));
	let used = 0;
	for (let i = start; i <= selected; i++) used += heightOf(i);
	while (used > body && start < selected) {
		used -= heightOf(start);
		start++;
	}
	return start;
}

/** The text split around the matches of `query` (smartcase, as the buffer's search), for highlighting. */
export function matchParts(text: string, query: string): {readonly text: string; readonly match: boolean}[] {
	if (query === '') return [{text, match: false}];
	const caseless = query === query.toLowerCase();
	const haystack = caseless ? text.toLowerCase() : text;
	const parts: {text: string; match: boolean}[] = [];
	let from = 0;
	for (let at = haystack.indexOf(query); at >= 0; at = haystack.indexOf(query, at + query.length)) {
		if (at > from) parts.push({text: text.slice(from, at), match: false});
		parts.push({text: text.slice(at, at + query.length), match: true});
		from = at + query.length;
	}
	if (from < text.length || parts.length === 0) parts.push({text: text.slice(from), match: false});
	return parts;
}

/** The kept lines as a file: each with its time (RFC 3339, UTC) where known and its source, colours taken out. */
export function savedText(lines: Iterable<LogLine>): string {
	let out = '';
	for (const line of lines) {
		const time = line.time === undefined ? '' : `${new Date(line.time).toISOString()} `;
		const source = line.source === '' ? '' : `[${line.source}] `;
		out += `${time}${source}${plainText(line.text)}\n`;
	}
	return out;
}

/** `5m`, `1h`, `90s`: how a since window is named in the status line. */
export function sinceName(seconds: number): string {
	if (seconds % 3600 === 0) return `${seconds / 3600}h`;
	if (seconds % 60 === 0) return `${seconds / 60}m`;
	return `${seconds}s`;
}

/** The start several names share, up to a `-` or `/` (so `web-7d9f8c6b5-abcde` keeps `abcde`); '' for fewer than two. */
export function sharedPrefix(names: readonly string[]): string {
	if (names.length < 2) return '';
	let common = names[0] ?? '';
	for (const name of names) while (!name.startsWith(common)) common = common.slice(0, -1);
	const cut = Math.max(common.lastIndexOf('-'), common.lastIndexOf('/'));
	return cut > 0 ? common.slice(0, cut + 1) : '';
}
