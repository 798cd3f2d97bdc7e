import {describe, expect, it} from 'vitest';
import {fitColumns, formatLine, type ColumnFit} from '../../src/model/layout.js';
import {displayWidth, fitText} from '../../src/model/textWidth.js';

const used = (fit: ColumnFit) => fit.widths.reduce((a, b) => a + b, 0) + fit.gap * Math.max(0, fit.widths.length - 1);

describe('fitColumns', () => {
	it.each<[string, number[], number[], number, ColumnFit]>([
		['everything fits: natural widths, two-space gaps', [4, 10, 5], [80, 80, 80], 100, {widths: [4, 10, 5], gap: 2}],
		['maxWidth caps a column even with room to spare', [4, 100, 5], [80, 63, 80], 200, {widths: [4, 63, 5], gap: 2}],
		['a missing maxWidth leaves the natural width', [4, 100], [80], 200, {widths: [4, 100], gap: 2}],
		['exactly the available width with wide gaps', [10, 10, 10], [80, 80, 80], 34, {widths: [10, 10, 10], gap: 2}],
		['one column short: the gaps narrow before any column does', [10, 10, 10], [80, 80, 80], 33, {widths: [10, 10, 10], gap: 1}],
		['exactly the available width with tight gaps', [10, 10, 10], [80, 80, 80], 32, {widths: [10, 10, 10], gap: 1}],
		['tight gaps and still short: the first widest gives one cell', [10, 10, 10], [80, 80, 80], 31, {widths: [9, 10, 10], gap: 1}],
		['the widest gives way first; short ones stay whole', [10, 40, 5], [80, 80, 80], 40, {widths: [10, 23, 5], gap: 1}],
		['two wide columns shrink in turn once level', [30, 40, 5], [80, 80, 80], 50, {widths: [21, 22, 5], gap: 1}],
		['a single column shrinks to the width', [50], [80], 20, {widths: [20], gap: 1}],
		['narrow columns below the minimum are never touched', [1, 20], [80, 80], 10, {widths: [1, 8], gap: 1}],
		['nothing shrinks below three cells', [10, 10], [80, 80], 2, {widths: [3, 3], gap: 1}],
		['maxWidth applies before shrinking', [200, 8], [30, 80], 30, {widths: [21, 8], gap: 1}],
		['no columns', [], [], 10, {widths: [], gap: 2}],
	])('%s', (_name, natural, maxWidths, available, want) => {
		expect(fitColumns(natural, maxWidths, available)).toEqual(want);
	});

	it.each([
		[[12, 63, 5, 16, 8, 4], 80],
		[[12, 63, 5, 16, 8, 4], 40],
		[[30, 30, 30, 30], 60],
		[[7, 3, 99, 1, 45], 70],
		[[20, 20, 20], 62],
	])('the result fits whenever the minimums allow it: %j in %i', (natural, available) => {
		const fit = fitColumns(
			natural,
			natural.map(() => 500),
			available,
		);
		expect(used(fit)).toBeLessThanOrEqual(available);
		// Shrinking never grows a column, and only columns above the minimum move.
		fit.widths.forEach((w, i) => {
			const n = natural[i] ?? 0;
			expect(w).toBeLessThanOrEqual(n);
			if (n <= 3) expect(w).toBe(n);
		});
	});

	it('keeps wide gaps whenever the natural widths fit with them', () => {
		expect(fitColumns([20, 20, 20], [80, 80, 80], 64).gap).toBe(2);
		expect(fitColumns([20, 20, 20], [80, 80, 80], 63).gap).toBe(1);
	});

	it('cuts the columns that give way first down to their floors before any other', () => {
		// NAME 14, IMAGE 18, PORTS 40 (gives way to 5), AGE 3; gaps of one: 78 wanted, 50 available.
		const fit = fitColumns([14, 18, 40, 3], [80, 80, 80, 80], 50, [undefined, 5, 5, undefined]);
		expect(fit.widths[0]).toBe(14);
		expect(fit.widths[3]).toBe(3);
		expect(fit.widths.reduce((a, b) => a + b, 0) + 3 * fit.gap).toBe(50);
		// Widest first: both came down together.
		expect(Math.abs((fit.widths[1] ?? 0) - (fit.widths[2] ?? 0))).toBeLessThanOrEqual(1);
		// Past their floors, the others give way as before.
		expect(fitColumns([14, 18, 40, 3], [80, 80, 80, 80], 25, [undefined, 5, 5, undefined]).widths).toEqual([9, 5, 5, 3]);
	});

	it('does not mutate its inputs', () => {
		const natural = [10, 40];
		const max = [80, 80];
		fitColumns(natural, max, 20);
		expect(natural).toEqual([10, 40]);
		expect(max).toEqual([80, 80]);
	});
});

describe('formatLine', () => {
	it.each<[string, string[], ColumnFit, ('left' | 'right')[], number, string]>([
		[
			'cells padded, gaps between, padded to the total',
			['web', '1/1', 'Running'],
			{widths: [5, 5, 8], gap: 2},
			['left', 'right', 'left'],
			30,
			'web      1/1  Running         ',
		],
		['tight gaps', ['web', '1/1', 'Running'], {widths: [5, 5, 8], gap: 1}, ['left', 'right', 'left'], 22, 'web     1/1 Running   '],
		['a long cell is cut with an ellipsis', ['frontend-api', 'x'], {widths: [8, 1], gap: 2}, ['left', 'left'], 11, 'fronten…  x'],
		['a missing cell is blank', ['a'], {widths: [2, 3], gap: 2}, ['left', 'left'], 7, 'a      '],
		['a missing alignment is left', ['a', 'b'], {widths: [2, 2], gap: 2}, ['right'], 6, ' a  b '],
		[
			'a line wider than the total is cut',
			['aaaa', 'bbbb', 'cccc'],
			{widths: [4, 4, 4], gap: 2},
			['left', 'left', 'left'],
			10,
			'aaaa  bbb…',
		],
		['zero total is empty', ['a'], {widths: [1], gap: 2}, ['left'], 0, ''],
		['no columns is just padding', [], {widths: [], gap: 2}, [], 4, '    '],
		['wide characters are padded by columns, not code units', ['日本', 'x'], {widths: [6, 1], gap: 2}, ['left', 'left'], 9, '日本    x'],
		['right-aligned wide characters', ['日本'], {widths: [6], gap: 2}, ['right'], 6, '  日本'],
	])('%s', (_name, cells, fit, aligns, total, want) => {
		const line = formatLine(cells, fit, aligns, total);
		expect(line).toBe(want);
		expect(displayWidth(line)).toBe(total);
	});

	it.each([20, 40, 60, 80, 120, 200])('a pods row is exactly %i columns', (total) => {
		const cells = ['kube-system', 'coredns-5d78c9869d-abcde', '1/1', 'CrashLoopBackOff', '12 (3m ago)', '2d3h'];
		const fit = fitColumns(cells.map(displayWidth), [30, 63, 80, 28, 80, 80], total);
		const line = formatLine(cells, fit, ['left', 'left', 'left', 'left', 'left', 'left'], total);
		expect(displayWidth(line)).toBe(total);
	});

	it('at 200 columns nothing is cut', () => {
		const cells = ['kube-system', 'coredns-5d78c9869d-abcde', '1/1', 'CrashLoopBackOff', '12 (3m ago)', '2d3h'];
		const fit = fitColumns(cells.map(displayWidth), [30, 63, 80, 28, 80, 80], 200);
		expect(
			formatLine(
				cells,
				fit,
				cells.map(() => 'left' as const),
				200,
			),
		).toBe(`${cells.join('  ')}${' '.repeat(200 - cells.join('  ').length)}`);
	});
});

describe('fitText', () => {
	it.each<[string, string, number, 'left' | 'right' | undefined, string]>([
		['short text is padded right', 'abc', 5, undefined, 'abc  '],
		['right alignment pads left', 'abc', 5, 'right', '  abc'],
		['exact fit', 'abc', 3, undefined, 'abc'],
		['exact fit right-aligned', 'abc', 3, 'right', 'abc'],
		['too long is cut with an ellipsis', 'abcdef', 4, undefined, 'abc…'],
		['too long right-aligned is cut the same', 'abcdef', 4, 'right', 'abc…'],
		['one column leaves just the ellipsis', 'abcd', 1, undefined, '…'],
		['zero width is empty', 'abc', 0, undefined, ''],
		['negative width is empty', 'abc', -3, undefined, ''],
		['empty text is all padding', '', 3, undefined, '   '],
		['CJK that fits', '日本語', 6, undefined, '日本語'],
		['CJK right-aligned', '日本語', 8, 'right', '  日本語'],
		['CJK cut on a character boundary', '日本語', 5, undefined, '日本…'],
		['CJK cut where a wide character would straddle: pad after the ellipsis', '日本語', 4, undefined, '日… '],
		['CJK into two columns', '日本語', 2, undefined, '… '],
		['Hangul', '한국어', 5, undefined, '한국…'],
		['half-width katakana is narrow', 'ｱｲｳｴ', 3, undefined, 'ｱｲ…'],
		['mixed ASCII and CJK', 'ab日本', 4, undefined, 'ab… '],
		['emoji counts two columns', '👍👍👍', 4, undefined, '👍… '],
		['emoji that fits exactly', 'ok👍', 4, undefined, 'ok👍'],
		['a combining accent takes no column', 'e\u0301e\u0301e\u0301e\u0301', 3, undefined, 'e\u0301e\u0301…'],
		['a combining accent padded', 'e\u0301', 3, undefined, 'e\u0301  '],
	])('%s', (_name, text, width, align, want) => {
		const out = fitText(text, width, align);
		expect(out).toBe(want);
		expect(displayWidth(out)).toBe(Math.max(0, width));
	});

	it('emoji with a variation selector are cut to the width (not wider: the line would wrap)', () => {
		const out = fitText('❤️❤️❤️abc', 5);
		expect(displayWidth(out)).toBe(5);
	});

	it('a ZWJ emoji sequence is kept whole or dropped whole, and the cell is exactly the width', () => {
		const family = '👨\u200d👩\u200d👧';
		const out = fitText(`${family}${family}abc`, 6);
		expect(displayWidth(out)).toBe(6);
		expect(out.startsWith(family)).toBe(true);
		expect(out).not.toMatch(/\u200d…/);
	});
});

describe('displayWidth', () => {
	it.each<[string, string, number]>([
		['empty', '', 0],
		['ASCII', 'frontend-api', 12],
		['CJK', '日本語', 6],
		['emoji', '👍', 2],
		['combining accent', 'e\u0301', 1],
		['mixed', 'a日b', 4],
		['zero-width space', '\u200b', 0],
	])('%s', (_name, text, want) => {
		expect(displayWidth(text)).toBe(want);
	});
});
