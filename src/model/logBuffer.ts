import {plainText} from './logView.js';

/** One stored log line. */
export type LogLine = {
	/** Position in the whole stream, counting lines already dropped; stays with the line as older ones go. */
	readonly seq: number;
	/** Where it came from (`pod/container`, a compose service's container); '' for a single source. */
	readonly source: string;
	/** The engine's timestamp in ms, when it sent one. */
	readonly time: number | undefined;
	/** The text, already made safe to draw. */
	readonly text: string;
	/** kview's own note in the log (a stream that resumed after a gap), not a line the source wrote. */
	readonly note?: true;
};

/** How many lines a pane keeps unless configured otherwise. */
export const DEFAULT_LOG_LINES = 10_000;

/**
 * The lines of a log pane, bounded: at most `capacity` lines, the oldest dropped as new
 * ones come (lazydocker's grew until it was killed at 1.8 GB). Appends are O(1) amortised,
 * so a fast stream does not stall the keys; reading takes a window of it.
 */
export class LogBuffer {
	// The lines from `head` on; the dropped ones before it are cut off in one go now and
	// then, so dropping is O(1) amortised and an insert by time is one native splice.
	private lines: (LogLine | undefined)[] = [];
	private head = 0;
	private nextSeq = 0;

	constructor(readonly capacity: number = DEFAULT_LOG_LINES) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a log buffer holds at least one line, not ${capacity}`);
	}

	/** Lines held now. */
	get size(): number {
		return this.lines.length - this.head;
	}

	/** Lines dropped to stay within capacity. */
	get dropped(): number {
		return this.nextSeq - this.size;
	}

	/**
	 * Adds a line (its text already safe); drops the oldest when full. A line older than the
	 * newest goes in by its time, after every line of the same time, so several sources read
	 * as one log; lines come nearly in order, so the search from the end is short.
	 */
	push(source: string, text: string, time?: number, note = false): LogLine {
		const line: LogLine = {seq: this.nextSeq++, source, time, text, ...(note ? {note} : {})};
		let at = this.lines.length;
		// A line without a time stays where it came, between its neighbours; a timed one passes it by.
		if (time !== undefined) while (at > this.head && ((this.lines[at - 1] as LogLine).time ?? Infinity) > time) at--;
		const full = this.size === this.capacity;
		if (full && at === this.head) return line; // Older than everything kept: it would be the first dropped.
		if (at === this.lines.length) this.lines.push(line);
		else this.lines.splice(at, 0, line);
		if (full) this.drop();
		return line;
	}

	private drop(): void {
		this.lines[this.head++] = undefined;
		if (this.head >= this.capacity) {
			this.lines = this.lines.slice(this.head);
			this.head = 0;
		}
	}

	/** The line at an index from the oldest held (0) to the newest (size - 1). */
	at(index: number): LogLine | undefined {
		if (index < 0 || index >= this.size) return undefined;
		return this.lines[this.head + index];
	}

	/** Lines [from, to) by index, for drawing a window. */
	slice(from: number, to: number): LogLine[] {
		return this.lines.slice(this.head + Math.max(0, from), this.head + Math.min(to, this.size)) as LogLine[];
	}

	/** Indexes of the lines whose text holds `query` (case-insensitive unless it has capitals, as vim's smartcase). */
	matches(query: string): number[] {
		if (query === '') return [];
		const test = matcher(query);
		const found: number[] = [];
		for (let i = this.head; i < this.lines.length; i++) if (test(plainText((this.lines[i] as LogLine).text))) found.push(i - this.head);
		return found;
	}

	/** Forgets every line (the pane's clear); sequence numbers go on. */
	clear(): void {
		this.lines = [];
		this.head = 0;
	}
}

/** A smartcase substring test: `error` matches ERROR, `Error` only Error. */
export function matcher(query: string): (text: string) => boolean {
	if (query !== query.toLowerCase()) return (text) => text.includes(query);
	return (text) => text.toLowerCase().includes(query);
}
