/**
 * Go's text/tabwriter as kubectl's describe configures it (minwidth 0, tabwidth 8,
 * padding 2, pad with spaces, no flags). Cells end with a tab; the text after a
 * line's last tab is not a cell. A column's width is set by the widest cell in a
 * block of consecutive lines that all have that column, so a line without tabs ends
 * every block above it. Widths count code points, as Go counts runes.
 */
export function tabwrite(text: string, padding = 2): string {
	const lines = text.split('\n').map((line) => line.split('\t'));
	const widths: number[] = [];
	const out: string[] = [];
	const runes = (cell: string) => [...cell].length;

	const writeLines = (from: number, to: number) => {
		for (let i = from; i < to; i++) {
			const cells = lines[i] ?? [];
			out.push(
				cells.map((cell, j) => (j < widths.length ? cell + ' '.repeat(Math.max(0, (widths[j] ?? 0) - runes(cell))) : cell)).join(''),
			);
		}
	};

	// The recursion of tabwriter's format(): each level fixes one more column's width.
	const format = (start: number, end: number) => {
		let line0 = start;
		const column = widths.length;
		for (let i = start; i < end; i++) {
			if (column >= (lines[i]?.length ?? 0) - 1) continue;
			writeLines(line0, i);
			line0 = i;
			let width = 0;
			for (; i < end; i++) {
				const cells = lines[i] ?? [];
				if (column >= cells.length - 1) break;
				width = Math.max(width, runes(cells[column] ?? '') + padding);
			}
			widths.push(width);
			format(line0, i);
			widths.pop();
			line0 = i;
		}
		writeLines(line0, end);
	};

	format(0, lines.length);
	return out.join('\n');
}
