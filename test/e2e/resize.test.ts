import {expect, test} from 'vitest';
import {headerStart, setupE2E, waitForTable} from '../helpers/e2e.js';
import {podFixture, startKview, type Kview} from '../helpers/term.js';

setupE2E();

/** Checks what must hold for every frame: fits the terminal, leaves the last row empty, one header on line 1. */
function expectSaneFrame(t: Kview): void {
	const {cols, rows} = t.term;
	const lines = t.screen();
	const where = `at ${cols}x${rows}:\n${lines.map((l, i) => `${String(i + 1).padStart(2)}|${l.trimEnd()}`).join('\n')}`;
	expect(lines, where).toHaveLength(rows);
	// A line longer than the terminal would have wrapped onto the next row.
	const buffer = t.term.buffer.active;
	const wrapped = lines.map((_, y) => buffer.getLine(buffer.viewportY + y)?.isWrapped).flatMap((w, y) => (w ? [y + 1] : []));
	expect(wrapped, `wrapped lines ${where}`).toEqual([]);
	expect(lines.every((l) => l.length <= cols)).toBe(true);
	// The frame is at most rows-1 lines: the bottom row stays empty (ink#450).
	expect(lines[rows - 1], `last row ${where}`).toBe('');
	expect(lines[0], `header ${where}`).toMatch(headerStart('fixture'));
	expect(
		lines.filter((l) => l.startsWith(' kview ')),
		`duplicated header ${where}`,
	).toHaveLength(1);
	expect(lines[2], where).toMatch(/^NAMESPACE\s+NAME↑/);
	expect(lines[rows - 2], where).toContain('help');
	expect(buffer.type).toBe('alternate');
}

const fixture = podFixture(120);

async function start(cols: number, rows: number): Promise<Kview> {
	const t = await startKview({fixture, cols, rows});
	await waitForTable(t);
	await t.waitForQuiet(100);
	return t;
}

test('resizing 120x40 -> 80x24 -> 200x60 -> 120x40 redraws a clean frame that matches a fresh start', async () => {
	const [t, fresh80, fresh200] = await Promise.all([start(120, 40), start(80, 24), start(200, 60)]);
	expectSaneFrame(t);
	expectSaneFrame(fresh80);
	expectSaneFrame(fresh200);
	const start120 = t.screen();

	for (const [cols, rows, fresh] of [
		[80, 24, fresh80],
		[200, 60, fresh200],
	] as const) {
		t.resize(cols, rows);
		await t.waitFor(() => t.line(rows - 2).includes('help') && t.line(rows - 1) === '' && t.line(0).startsWith(' kview '));
		await t.waitForQuiet(150);
		expectSaneFrame(t);
		expect(t.screen()).toEqual(fresh.screen());
	}

	t.resize(120, 40);
	await t.waitFor(() => t.line(38).includes('help'));
	await t.waitForQuiet(150);
	expectSaneFrame(t);
	expect(t.screen()).toEqual(start120);

	// Ink clears the whole screen and scrollback when a frame is taller than the terminal (ink#990).
	expect(t.raw()).not.toContain('\x1b[3J');
	expect(t.raw()).not.toContain('\x1b[2J');
});

test('a small terminal (60x15) and a quick series of resizes still end on a sane frame', async () => {
	const t = await start(100, 30);
	for (const [cols, rows] of [
		[90, 28],
		[70, 20],
		[60, 15],
		[61, 16],
	] as const)
		t.resize(cols, rows);
	await t.waitFor(() => t.line(14).includes('help') && t.line(0).startsWith(' kview '));
	await t.waitForQuiet(200);
	expectSaneFrame(t);
	expect(t.selectedRow()?.text).toContain('pod-000');
	// The NAME column is cut with an ellipsis before anything overflows.
	expect(t.line(3).length).toBeLessThanOrEqual(61);
});

// A short terminal: the prompt's completions shrink and the dialog folds to one line, so the
// frame never grows past rows-1 lines (the terminal would scroll and the header would be lost).
async function startSmall(): Promise<Kview> {
	const t = await startKview({fixture, cols: 80, rows: 8});
	await t.waitFor((lines) => (lines[0] ?? '').includes('● live'));
	await t.waitForQuiet(100);
	expect(t.line(0)).toMatch(headerStart('fixture'));
	return t;
}

function expectHeaderIntact(t: Kview): void {
	const where = t
		.screen()
		.map((l, i) => `${i + 1}|${l.trimEnd()}`)
		.join('\n');
	expect(t.line(0), where).toMatch(headerStart('fixture'));
	expect(t.line(1).trim(), where).toBe('pods(all)');
	expect(t.line(7), where).toBe('');
}

test('at 80x8 the : prompt with its completions still fits in rows-1 lines', async () => {
	const t = await startSmall();
	await t.press(':');
	await t.waitFor(() => t.screen().some((l) => l.startsWith(':')));
	await t.waitForQuiet(150);
	expectHeaderIntact(t);
});

test('at 80x8 the delete dialog still fits in rows-1 lines', async () => {
	const t = await startSmall();
	await t.press('D');
	await t.waitFor('Cancel');
	await t.waitForQuiet(150);
	expectHeaderIntact(t);
});
