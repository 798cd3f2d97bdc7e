import type {IBufferCell, IBufferLine, IDisposable, Terminal as XTerminal} from '@xterm/headless';
import {Terminal} from '@xterm/headless/lib-headless/xterm-headless.mjs';
import {sanitizeCell} from './sanitize.js';
import {renderLine} from './terminalLine.js';
import type {ColorMode} from './terminalStyle.js';
import {KVIEW_UNICODE, kviewUnicode} from './terminalWidth.js';
import {displayWidth} from './textWidth.js';

/** How to make an emulated screen. */
export type TerminalScreenOptions = {
	readonly cols: number;
	readonly rows: number;
	/** Lines kept above the screen for scroll-back (the normal screen only; full-screen programs have none). */
	readonly scrollback?: number;
	/**
	 * Gets what the emulator answers the remote program (device attributes, cursor position
	 * reports): write it to the session's stdin, as a terminal would.
	 */
	readonly reply?: (data: string) => void;
	/** Which colours lines() uses; 'none' for NO_COLOR (attributes and the cursor stay). Default 'truecolor'. */
	readonly colors?: ColorMode;
	/**
	 * Output not yet parsed beyond this many bytes is dropped (and counted in droppedBytes): the
	 * session cannot be paused, and xterm throws once 50 MB are queued. Default 16 MB.
	 */
	readonly maxPendingBytes?: number;
};

/** Where the cursor is on the screen (0-based cell and line) and whether the program shows it (DECTCEM). */
export type TerminalCursor = {readonly x: number; readonly y: number; readonly visible: boolean};

const DEFAULT_SCROLLBACK = 1000;
const DEFAULT_MAX_PENDING = 16 * 1024 * 1024;
const MAX_TITLE = 200;
// Bidi overrides and isolates would reorder kview's own chrome around a title.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A remote program's terminal, emulated: output from an exec session goes in (write), and
 * kview reads back the screen as lines of plain text and SGR colours it generates itself from
 * the cells, so nothing the remote sends (cursor moves, clears, titles, clipboard writes)
 * reaches the real terminal. xterm parses asynchronously: await flush() to see what was
 * written, and redraw on onChange.
 */
export class TerminalScreen {
	private readonly term: XTerminal;
	/** One cell object reused for every getCell: allocating 12,000 a frame would cost more than the drawing. */
	private readonly cell: IBufferCell;
	private readonly colors: ColorMode;
	private readonly maxPending: number;
	private readonly listeners = new Set<() => void>();
	private readonly hooks: IDisposable[] = [];
	private readonly waiting = new Set<() => void>();
	private pending = 0;
	private parsed = false;
	private cursorShown = true;
	private cleanTitle = '';
	private changes = 0;
	private dropped = 0;
	private disposed = false;
	/** The last frame drawn, for a redraw with nothing new and for skipping the width check of unchanged lines. */
	private frame: {version: number; focused: boolean; cols: number; lines: readonly string[]} | undefined;

	constructor(options: TerminalScreenOptions) {
		this.colors = options.colors ?? 'truecolor';
		this.maxPending = options.maxPendingBytes ?? DEFAULT_MAX_PENDING;
		// The parser hooks and the Unicode provider are xterm's "proposed" API.
		this.term = new Terminal({
			cols: options.cols,
			rows: options.rows,
			scrollback: options.scrollback ?? DEFAULT_SCROLLBACK,
			allowProposedApi: true,
			// xterm logs parse errors (a stray DEL) to the console, which is kview's screen.
			logLevel: 'off',
		});
		this.term.unicode.register(kviewUnicode);
		this.term.unicode.activeVersion = KVIEW_UNICODE;
		this.cell = this.term.buffer.active.getNullCell();
		const reply = options.reply;
		if (reply) this.hooks.push(this.term.onData(reply));
		this.hooks.push(
			this.term.onTitleChange((title) => {
				this.cleanTitle = sanitizeTitle(title);
			}),
			// onWriteParsed comes once per parsing slice (xterm parses for ~12 ms, then yields); a
			// flush() with nothing new also ends a slice, and is not a change.
			this.term.onWriteParsed(() => {
				if (!this.parsed) return;
				this.parsed = false;
				this.changed();
			}),
			...this.trackCursorVisibility(),
		);
	}

	/**
	 * xterm keeps DECTCEM to itself (no public mode), so watch the sequences that set it; each
	 * hook returns false so xterm's own handler still runs.
	 */
	private trackCursorVisibility(): IDisposable[] {
		const parser = this.term.parser;
		const has25 = (params: (number | number[])[]) => params.includes(25);
		return [
			parser.registerCsiHandler({prefix: '?', final: 'h'}, (params) => {
				if (has25(params)) this.cursorShown = true;
				return false;
			}),
			parser.registerCsiHandler({prefix: '?', final: 'l'}, (params) => {
				if (has25(params)) this.cursorShown = false;
				return false;
			}),
			// DECSTR (soft reset) and RIS (full reset) show it again.
			parser.registerCsiHandler({intermediates: '!', final: 'p'}, () => {
				this.cursorShown = true;
				return false;
			}),
			parser.registerEscHandler({final: 'c'}, () => {
				this.cursorShown = true;
				return false;
			}),
		];
	}

	/** Feeds output from the remote (raw bytes are UTF-8; a character split across writes is fine). */
	write(data: Buffer | Uint8Array | string): void {
		if (this.disposed || data.length === 0) return;
		const size = data.length;
		if (this.pending + size > this.maxPending) {
			this.dropped += size;
			return;
		}
		this.pending += size;
		this.term.write(data, () => {
			this.pending -= size;
			this.parsed = true;
		});
	}

	/** Resolves once everything written so far is parsed and shows in lines(). */
	flush(): Promise<void> {
		if (this.disposed) return Promise.resolve();
		return new Promise((resolve) => {
			this.waiting.add(resolve);
			this.term.write('', () => {
				this.waiting.delete(resolve);
				resolve();
			});
		});
	}

	/** Changes the size (xterm's minimum is 2x1); the caller tells the remote too (the session's resize). */
	resize(cols: number, rows: number): void {
		if (this.disposed || (cols === this.term.cols && rows === this.term.rows)) return;
		this.term.resize(cols, rows);
		this.changed();
	}

	/** Frees the emulator; later writes are ignored, pending flushes resolve, and lines() keeps the last frame. */
	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		for (const hook of this.hooks) hook.dispose();
		this.term.dispose();
		this.listeners.clear();
		for (const resolve of this.waiting) resolve();
		this.waiting.clear();
	}

	/** Calls `listener` after new output is parsed or the size changes; returns the unsubscribe. Throttle redraws in the UI. */
	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed(): void {
		this.changes++;
		for (const listener of this.listeners) listener();
	}

	/** Counts changes: a frame drawn at one version is still right while it stays the same. */
	get version(): number {
		return this.changes;
	}

	get cols(): number {
		return this.term.cols;
	}

	get rows(): number {
		return this.term.rows;
	}

	/** The window title the remote set (OSC 0/2) with controls and bidi overrides removed; kview may show it, never emits it. */
	get title(): string {
		return this.cleanTitle;
	}

	get cursor(): TerminalCursor {
		const buffer = this.term.buffer.active;
		// After writing the last column the cursor sits past it, waiting to wrap.
		return {x: Math.min(buffer.cursorX, this.term.cols - 1), y: buffer.cursorY, visible: this.cursorShown};
	}

	/** Whether a full-screen program (vim, top, less) has switched to the alternate screen. */
	get alternateScreen(): boolean {
		return this.term.buffer.active.type === 'alternate';
	}

	/** DECCKM: arrow keys are to be sent as `ESC O A` rather than `ESC [ A`. */
	get applicationCursorKeys(): boolean {
		return this.term.modes.applicationCursorKeysMode;
	}

	/** Whether the program asked for pasted text to be bracketed (`ESC [ 200 ~` ... `ESC [ 201 ~`). */
	get bracketedPaste(): boolean {
		return this.term.modes.bracketedPasteMode;
	}

	/** Output bytes dropped because the emulator fell too far behind. */
	get droppedBytes(): number {
		return this.dropped;
	}

	/**
	 * The screen as `rows` lines, each exactly `cols` cells wide, with kview's own SGR sequences
	 * (and a reset at the end of a styled line). The cursor is drawn in inverse video when the
	 * program shows it and the pane is `focused`. Unchanged screens return the same array.
	 */
	lines(focused = true): readonly string[] {
		const last = this.frame;
		// A pane can draw once more after its session ended and freed the emulator.
		if (this.disposed) return last?.lines ?? [];
		const cols = this.term.cols;
		if (last && last.version === this.changes && last.focused === focused && last.cols === cols) return last.lines;
		const buffer = this.term.buffer.active;
		const cursor = focused && this.cursorShown ? this.cursor : undefined;
		const previous = last?.cols === cols ? last.lines : undefined;
		const lines: string[] = [];
		for (let y = 0; y < this.term.rows; y++) {
			const line = buffer.getLine(buffer.baseY + y);
			lines.push(this.render(line, cursor?.y === y ? cursor.x : -1, previous?.[y]));
		}
		this.frame = {version: this.changes, focused, cols, lines};
		return lines;
	}

	/** Lines the screen has scrolled past, oldest first: lines(false) of a screen scrolled back by this many. */
	get scrollbackLength(): number {
		return this.term.buffer.active.baseY;
	}

	/**
	 * Up to `count` lines from `start`, counted from the oldest line kept (0) through the history
	 * (scrollbackLength lines) and on into the screen, drawn as lines() draws them but without the
	 * cursor. A scrolled-back pane of `rows` lines, `n` lines up, is scrollbackLines(scrollbackLength - n, rows).
	 */
	scrollbackLines(start: number, count: number): readonly string[] {
		if (this.disposed) return [];
		const buffer = this.term.buffer.active;
		const from = Math.max(0, start);
		const to = Math.min(buffer.length, start + count);
		const lines: string[] = [];
		for (let y = from; y < to; y++) lines.push(this.render(buffer.getLine(y), -1, undefined));
		return lines;
	}

	/**
	 * One line. A line that may hold cells string-width would count as one character is
	 * measured whole, unless it is the same row's text of the last frame (`known`), measured
	 * then; if it still does not fit, its non-ASCII cells are replaced.
	 */
	private render(line: IBufferLine | undefined, cursorX: number, known: string | undefined): string {
		const cols = this.term.cols;
		const drawn = renderLine(line, cols, this.cell, cursorX, this.colors, false);
		if (!drawn.mayMerge || drawn.text === known || displayWidth(drawn.text) === cols) return drawn.text;
		return renderLine(line, cols, this.cell, cursorX, this.colors, true).text;
	}
}

/** A title as kview may show it: one line of printable text, no longer than 200 characters. */
export function sanitizeTitle(title: string): string {
	const clean = sanitizeCell(title).replace(BIDI, '').trim();
	const chars = [...clean];
	return chars.length > MAX_TITLE ? chars.slice(0, MAX_TITLE).join('') : clean;
}
