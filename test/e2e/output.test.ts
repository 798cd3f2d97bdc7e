import {expect, test} from 'vitest';
import {bottomLine, report, setupE2E, typeInPrompt, waitForTable} from '../helpers/e2e.js';
import {keys, startKview} from '../helpers/term.js';

setupE2E();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** SGR parameters that set a colour: 30-37/90-97 and 40-47/100-107 (16 colours), 38/48 (256 and RGB). 39/49 only reset. */
function colourSgrs(output: string): string[] {
	const found: string[] = [];
	// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
	for (const match of output.matchAll(/\x1b\[([0-9;:]*)m/g)) {
		const params = (match[1] ?? '').split(/[;:]/).map(Number);
		if (params.some((p) => (p >= 30 && p <= 38) || (p >= 40 && p <= 48) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107)))
			found.push(JSON.stringify(match[0]));
	}
	return found;
}

test('NO_COLOR=1: no colour escape codes at all, selection shown by inverse', async () => {
	const t = await startKview({args: ['--demo-memory'], env: {NO_COLOR: '1'}, cols: 120, rows: 40});
	await waitForTable(t);
	// Visit the screens that use the most styles: table, prompt with completions, help, dialog, flash.
	await t.press('j');
	await t.waitFor(() => t.selectedRow()?.index === 4);
	expect(t.cell(0, 4)?.isInverse()).toBeTruthy();
	expect(t.cell(0, 4)?.isBgDefault()).toBe(true);
	// After each esc, wait for its effect: a busy app may read esc and the next key together (alt+key).
	const backOnTable = () => t.line(1).trim() === 'pods(all)' && bottomLine(t).includes('? help') && !t.text().includes('Cancel');
	await typeInPrompt(t, ':', 'dep');
	await t.press(keys.esc);
	await t.waitFor(backOnTable);
	await t.press('?');
	await t.waitFor('Navigation');
	await t.press(keys.esc);
	await t.waitFor(backOnTable);
	await t.press('D');
	await t.waitFor('Cancel');
	await t.press(keys.esc);
	await t.waitFor(backOnTable);
	await typeInPrompt(t, ':', 'nosuch');
	await t.press(keys.enter);
	await t.waitFor(() => bottomLine(t).includes('no view called'));

	expect(colourSgrs(t.raw())).toEqual([]);
	// Sanity check of the detector on the default theme's output shape.
	expect(colourSgrs('\x1b[1m\x1b[38;5;153mx\x1b[39m\x1b[46m\x1b[30my\x1b[0m')).toEqual([
		'"\\u001b[38;5;153m"',
		'"\\u001b[46m"',
		'"\\u001b[30m"',
	]);
});

test('idle: nothing is written while nothing changes; a selection move rewrites only the changed lines', async () => {
	const t = await startKview({args: ['--demo-memory'], cols: 120, rows: 40});
	await waitForTable(t);
	await t.waitForQuiet(300);
	const firstDraw = t.bytesWritten;

	const idleMark = t.mark();
	await sleep(2000);
	const idleBytes = t.since(idleMark).bytes;
	report('bytes written in 2 s idle (demo, no churn)', idleBytes, 'bytes');
	expect(idleBytes).toBe(0);

	const moves: number[] = [];
	for (const key of ['j', 'j', 'k']) {
		const mark = t.mark();
		const before = t.selectedRow()?.index ?? -1;
		await t.press(key);
		await t.waitFor(() => t.selectedRow()?.index !== before);
		await t.waitForQuiet(100);
		moves.push(t.since(mark).bytes);
	}
	const perMove = Math.max(...moves);
	report('bytes per selection move at 120x40 (max of 3)', perMove, 'bytes');
	report('bytes for the first full draw at 120x40', firstDraw, 'bytes');
	expect(perMove).toBeLessThan(2000);
	expect(perMove).toBeLessThan(firstDraw / 3);

	// And quiet again afterwards.
	const after = t.mark();
	await sleep(500);
	expect(t.since(after).bytes).toBe(0);
});

test('with churn the table keeps updating (the idle test measures something real)', async () => {
	const t = await startKview({args: ['--demo-memory', '--demo-churn', '20'], cols: 120, rows: 40});
	await waitForTable(t);
	const mark = t.mark();
	await sleep(1000);
	expect(t.since(mark).bytes).toBeGreaterThan(0);
});
