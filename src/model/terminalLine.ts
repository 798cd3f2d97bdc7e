import type {IBufferCell, IBufferLine} from '@xterm/headless';
import {BOLD, DIM, INVERSE, ITALIC, STRIKETHROUGH, UNDERLINE, sgr, type ColorMode} from './terminalStyle.js';
import {clusterWidth, codePointWidth, mayMergeWithNeighbour} from './terminalWidth.js';

const RESET = '\x1b[0m';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Draws one buffer line at exactly `cols` cells as Ink measures them (string-width): a cell
 * whose text string-width counts differently from the emulator is drawn as a placeholder, and
 * `asciiOnly` replaces every non-ASCII cell. `mayMerge` says a cell might join its neighbour.
 * `cell` is scratch space loaded for every cell in turn; `cursorX` is -1 for no cursor.
 */
export function renderLine(
	line: IBufferLine | undefined,
	cols: number,
	cell: IBufferCell,
	cursorX: number,
	colors: ColorMode,
	asciiOnly: boolean,
): {text: string; mayMerge: boolean} {
	let out = '';
	let mayMerge = false;
	let fg = 0;
	let bg = 0;
	let flags = 0;
	let x = 0;
	while (x < cols) {
		const c = line?.getCell(x, cell);
		let width = 1;
		let text = ' ';
		let cellFg = 0;
		let cellBg = 0;
		let cellFlags = 0;
		if (c) {
			// Width 0 here is a combining mark xterm put in a cell of its own (nothing before it on the
			// line): drawn blank. The second half of a wide character is skipped by `x += width` below.
			const cellWidth = c.getWidth();
			const code = c.getCode();
			if (cellWidth === 2 && x + 1 < cols) width = 2;
			if (cellWidth !== width) text = ' '.repeat(width);
			else if (code > 0x20 && code < 0x7f) text = c.getChars();
			else if (code >= 0x7f) {
				const chars = c.getChars();
				text = nonAscii(chars, code, width, asciiOnly);
				if (!mayMerge && !asciiOnly) mayMerge = mayMergeWithNeighbour(code) || mayMergeWithNeighbour(chars.codePointAt(0) ?? 0);
			} else if (width === 2) text = '  ';
			if (!c.isAttributeDefault()) {
				if (colors !== 'none') {
					cellFg = colorOf(c.getFgColorMode(), c);
					cellBg = colorOf(c.getBgColorMode(), c, true);
				}
				cellFlags =
					(c.isBold() ? BOLD : 0) |
					(c.isDim() ? DIM : 0) |
					(c.isItalic() ? ITALIC : 0) |
					(c.isUnderline() ? UNDERLINE : 0) |
					(c.isInverse() ? INVERSE : 0) |
					(c.isStrikethrough() ? STRIKETHROUGH : 0);
				// Concealed text (a password echoed with SGR 8) stays hidden even where the terminal lacks SGR 8.
				if (c.isInvisible()) text = ' '.repeat(width);
			}
		}
		if (cursorX >= x && cursorX < x + width) cellFlags ^= INVERSE;
		if (cellFg !== fg || cellBg !== bg || cellFlags !== flags) {
			const seq = sgr(cellFg, cellBg, cellFlags, colors);
			out += seq === '' ? RESET : seq;
			fg = cellFg;
			bg = cellBg;
			flags = cellFlags;
		}
		out += text;
		x += width;
	}
	if (fg !== 0 || bg !== 0 || flags !== 0) out += RESET;
	return {text: out, mayMerge};
}

/** A non-ASCII cell's text, or a placeholder where it holds a control or string-width disagrees with the emulator. */
function nonAscii(text: string, lastCode: number, width: number, asciiOnly: boolean): string {
	if (asciiOnly) return placeholder(width);
	// getCode() is the last code point: one code point is one or two UTF-16 units.
	const single = text.length === (lastCode > 0xffff ? 2 : 1);
	if (single ? lastCode < 0xa0 || codePointWidth(lastCode) !== width : CONTROL.test(text) || clusterWidth(text) !== width)
		return placeholder(width);
	return text;
}

/** A colour as its mode | value, 0 for the default (whose getFgColor() is -1, not the 0 the typings promise). */
function colorOf(mode: number, cell: IBufferCell, background = false): number {
	if (mode === 0) return 0;
	return mode | (background ? cell.getBgColor() : cell.getFgColor());
}

/** Stands in for a cell kview cannot draw at its width: a question mark, full-width for a wide cell. */
function placeholder(width: number): string {
	return width === 2 ? '\uff1f' : '?';
}
