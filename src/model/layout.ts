import {fitText} from './textWidth.js';

/** Columns between cells when there is room; one when the terminal is tight. */
const WIDE_GAP = 2;
const TIGHT_GAP = 1;
/** No column is squeezed below this unless the terminal leaves nothing else. */
const MIN_COLUMN = 3;

/** Column widths that fit the terminal, and the gap between columns. */
export type ColumnFit = {readonly widths: readonly number[]; readonly gap: number};

/**
 * Fits column widths into the terminal's width: each column gets what its widest
 * cell needs (capped by its maxWidth); when the sum is too wide, the gaps narrow
 * to one space and then the widest columns give way first, so short ones like
 * READY and AGE stay whole.
 */
export function fitColumns(
	natural: readonly number[],
	maxWidths: readonly number[],
	available: number,
	/** Per column: how far it gives way before any other is cut (its header's width); undefined for the rest. */
	first: readonly (number | undefined)[] = [],
): ColumnFit {
	const widths = natural.map((w, i) => Math.min(w, maxWidths[i] ?? w));
	const separators = Math.max(0, widths.length - 1);
	const wanted = widths.reduce((a, b) => a + b, 0);
	const gap = wanted + WIDE_GAP * separators <= available ? WIDE_GAP : TIGHT_GAP;
	let excess = wanted + gap * separators - available;
	// The columns that give way first, widest first, down to their floors.
	while (excess > 0) {
		let widest = -1;
		for (let i = 0; i < widths.length; i++) {
			const floor = first[i];
			if (floor !== undefined && (widths[i] ?? 0) > floor && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i;
		}
		if (widest < 0) break;
		const current = widths[widest] ?? 0;
		const floor = first[widest] ?? 0;
		const others = widths.filter((w, i) => i !== widest && first[i] !== undefined && w > (first[i] ?? 0));
		const next = Math.max(floor, others.length > 0 ? Math.max(...others) : floor);
		const cut = Math.max(1, Math.min(excess, current - next));
		widths[widest] = current - cut;
		excess -= cut;
	}
	while (excess > 0) {
		let widest = -1;
		for (let i = 0; i < widths.length; i++) if (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
		const current = widths[widest] ?? 0;
		if (widest < 0 || current <= MIN_COLUMN) break;
		// Step down to the next-widest column's width at once rather than one cell at a time.
		const others = widths.filter((_, i) => i !== widest);
		const next = Math.max(MIN_COLUMN, others.length > 0 ? Math.max(...others) : MIN_COLUMN);
		const cut = Math.max(1, Math.min(excess, current - next));
		widths[widest] = current - cut;
		excess -= cut;
	}
	return {widths, gap};
}

/** Lays one row's cells into a single line of exactly `total` columns. */
export function formatLine(cells: readonly string[], fit: ColumnFit, aligns: readonly ('left' | 'right')[], total: number): string {
	let line = '';
	for (let i = 0; i < fit.widths.length; i++) {
		if (i > 0) line += ' '.repeat(fit.gap);
		line += fitText(cells[i] ?? '', fit.widths[i] ?? 0, aligns[i] ?? 'left');
	}
	return fitText(line, total);
}
