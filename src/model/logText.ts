// Log text from a container is untrusted and unbounded: these turn a stream of chunks into
// lines that are safe to draw (no escape sequence but, when asked, SGR colours) and bounded
// in length (lazydocker froze for half a minute on one 90,000-character line).
import {ESCAPES} from './sanitize.js';

/** A log line longer than this is cut when stored; the rest is counted, not kept. */
export const MAX_LINE_CHARS = 4096;

// SGR (`ESC [ ... m`) is told apart from the other sequences a terminal acts on, so colours can be kept.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SGR = /^\u001b\[[0-9;:]*m$/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// The same but ESC: once the sequences are gone, an ESC left is the start of a kept SGR.
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS_BUT_ESC = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- as above
const HAS_SPECIAL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * One log line made safe to draw: every escape sequence removed whole (SGR colours kept
 * when `colours`), a carriage return keeps only what follows it (what a terminal would
 * show of a progress bar), tabs expand to the next multiple of eight, other control
 * characters go. Nothing that passes can move the cursor, clear the screen, set the
 * window title or touch the clipboard.
 */
export function sanitizeLogLine(text: string, colours = false): string {
	if (!HAS_SPECIAL.test(text)) return text;
	let line = text.replace(ESCAPES, (sequence) => (colours && SGR.test(sequence) ? sequence : ''));
	const cr = line.lastIndexOf('\r', line.length - 2);
	if (cr >= 0) line = line.slice(cr + 1);
	line = line.replace(/\r$/, '').replace(colours ? CONTROLS_BUT_ESC : CONTROLS, '');
	if (!line.includes('\t')) return line;
	let out = '';
	for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
	return out;
}

/** A line as an engine sends it with timestamps on: `2026-11-23T10:00:00.123456789Z text`. */
export function splitTimestamp(line: string): {
	readonly time: number | undefined;
	readonly stamp: string | undefined;
	readonly text: string;
} {
	const space = line.indexOf(' ');
	const stamp = space > 0 ? line.slice(0, space) : line;
	if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(stamp)) return {time: undefined, stamp: undefined, text: line};
	// Date.parse keeps milliseconds; the stamp itself stays exact, for resuming without duplicates.
	const time = Date.parse(stamp.replace(/(\.\d{3})\d+/, '$1'));
	return {time: Number.isNaN(time) ? undefined : time, stamp, text: space > 0 ? line.slice(space + 1) : ''};
}

/**
 * Splits decoded text into lines as chunks arrive (a chunk may end mid-line). A line
 * longer than `maxChars` is cut there and ends with a note of how much was left out,
 * without holding the rest in memory. `flush` hands over an unfinished last line.
 */
export function lineSplitter(onLine: (line: string) => void, maxChars = MAX_LINE_CHARS): {push: (text: string) => void; flush: () => void} {
	let partial = '';
	let skipped = 0;
	const emit = (line: string) => {
		onLine(skipped > 0 ? `${line} … (${skipped} more characters)` : line);
		skipped = 0;
	};
	return {
		push(text) {
			let start = 0;
			for (;;) {
				const newline = text.indexOf('\n', start);
				const piece = newline < 0 ? text.slice(start) : text.slice(start, newline);
				const room = maxChars - partial.length;
				if (room > 0) partial += piece.slice(0, room);
				skipped += Math.max(0, piece.length - Math.max(0, room));
				if (newline < 0) return;
				emit(partial);
				partial = '';
				start = newline + 1;
			}
		},
		flush() {
			if (partial !== '' || skipped > 0) emit(partial);
			partial = '';
		},
	};
}

/** An RFC3339Nano stamp with exactly nine fraction digits (the engine drops trailing zeros), so stamps order as text. */
export function fixedStamp(stamp: string): string {
	const match = /^(.*?)(?:\.(\d+))?Z$/.exec(stamp);
	return match ? `${match[1] ?? ''}.${(match[2] ?? '').padEnd(9, '0').slice(0, 9)}Z` : stamp;
}
