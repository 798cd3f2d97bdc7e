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
};

/** How many lines a pane keeps unless configured otherwise. */
export const DEFAULT_LOG_LINES = 10_000;

/**
 * The lines of a log pane, bounded: a ring of `capacity` lines, the oldest dropped as new
 * ones come (lazydocker's grew until it was killed at 1.8 GB). Appends are O(1) and do
 * no copying, so a fast stream does not stall the keys; reading takes a window of it.
 */
export class LogBuffer {
	private readonly ring: (LogLine | undefined)[];
	private start = 0;
	private count = 0;
	private nextSeq = 0;

	constructor(readonly capacity: number = DEFAULT_LOG_LINES) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a log buffer holds at least one line, not ${capacity}`);
		this.ring = new Array<LogLine | undefined>(capacity);
	}

	/** Lines held now. */
	get size(): number {
		return this.count;
	}

	/** Lines dropped to stay within capacity. */
	get dropped(): number {
		return this.nextSeq - this.count;
	}

	/** Adds a line (its text already safe); drops the oldest when full. */
	push(source: string, text: string, time?: number): LogLine {
		const line: LogLine = {seq: this.nextSeq++, source, time, text};
		if (this.count < this.capacity) {
			this.ring[(this.start + this.count) % this.capacity] = line;
			this.count++;
		} else {
			this.ring[this.start] = line;
			this.start = (this.start + 1) % this.capacity;
		}
		return line;
	}

	/** The line at an index from the oldest held (0) to the newest (size - 1). */
	at(index: number): LogLine | undefined {
		if (index < 0 || index >= this.count) return undefined;
		return this.ring[(this.start + index) % this.capacity];
	}

	/** Lines [from, to) by index, for drawing a window. */
	slice(from: number, to: number): LogLine[] {
		const out: LogLine[] = [];
		for (let i = Math.max(0, from); i < Math.min(to, this.count); i++) out.push(this.ring[(this.start + i) % this.capacity] as LogLine);
		return out;
	}

	/** Indexes of the lines whose text holds `query` (case-insensitive unless it has capitals, as vim's smartcase). */
	matches(query: string): number[] {
		if (query === '') return [];
		const test = matcher(query);
		const found: number[] = [];
		for (let i = 0; i < this.count; i++) if (test((this.ring[(this.start + i) % this.capacity] as LogLine).text)) found.push(i);
		return found;
	}

	/** Forgets every line (the pane's clear); sequence numbers go on. */
	clear(): void {
		this.ring.fill(undefined);
		this.start = 0;
		this.count = 0;
	}
}

/** A smartcase substring test: `error` matches ERROR, `Error` only Error. */
export function matcher(query: string): (text: string) => boolean {
	if (query !== query.toLowerCase()) return (text) => text.includes(query);
	return (text) => text.toLowerCase().includes(query);
}
