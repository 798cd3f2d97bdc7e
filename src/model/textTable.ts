import {sanitizeCell} from './sanitize.js';
import {displayWidth} from './textWidth.js';

/** Spaces between columns, as kubectl's tabwriter pads them. */
const PADDING = 3;
/** kubectl's tabwriter minimum cell width (padding included): a one-letter column still takes six. */
const MIN_CELL = 6;

/**
 * A table as `kubectl get` prints it: a header row, then one line per row, every
 * column left-aligned and as wide as its widest cell plus three spaces (at least
 * six, as kubectl's tabwriter), the last column unpadded, no trailing spaces.
 * Cells are never cut; control characters are stripped (cells and headers may
 * come from a cluster or a user file). Ends with a newline.
 */
export function formatTextTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
	const clean = [headers, ...rows].map((cells) => headers.map((_, i) => sanitizeCell(cells[i] ?? '')));
	const widths = headers.map((_, i) => Math.max(...clean.map((cells) => displayWidth(cells[i] ?? ''))));
	const last = headers.length - 1;
	return clean
		.map((cells) =>
			cells
				.map((cell, i) => (i === last ? cell : cell + ' '.repeat(Math.max(MIN_CELL, (widths[i] ?? 0) + PADDING) - displayWidth(cell))))
				.join('')
				.trimEnd(),
		)
		.map((line) => `${line}\n`)
		.join('');
}

/**
 * The rows as a JSON array of objects keyed by header, in column order: `[{"NAME":
 * "web-1", "READY": "1/1", ...}]`. Cells are the texts the table shows (control
 * characters stripped), never the objects behind them. Ends with a newline.
 */
export function formatJsonRows(headers: readonly string[], rows: readonly (readonly string[])[]): string {
	const objects = rows.map((cells) => Object.fromEntries(headers.map((header, i) => [header, sanitizeCell(cells[i] ?? '')])));
	return `${JSON.stringify(objects, null, 2)}\n`;
}
