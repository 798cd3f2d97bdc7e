import {describe, expect, test} from 'vitest';
import {bottomLine, headerStart, report, setupE2E, STARTUP_TIMEOUT_MS, waitForTable} from '../helpers/e2e.js';
import {ctrl, startKview} from '../helpers/term.js';

setupE2E();

describe('start', () => {
	test('the demo opens on the pods table with a live header', async () => {
		const t = await startKview({args: ['--demo-memory'], cols: 120, rows: 40});
		await waitForTable(t);
		const startupMs = t.elapsed();
		// The row count reaches the header one render after the rows.
		const lines = await t.waitFor(() => t.line(0).includes('Pods 60'));
		report('time to first table (demo, 60 pods, 120x40)', startupMs, 'ms');
		expect(startupMs).toBeLessThan(STARTUP_TIMEOUT_MS);

		const header = lines[0] ?? '';
		expect(header.startsWith(' kview ')).toBe(true);
		expect(header).toMatch(headerStart('demo'));
		expect(header).toContain('ns all');
		expect(header).toContain('Pods 60');
		expect(header).toContain('● live');
		expect(lines[1]).toContain('pods(all)');
		expect(lines[2]).toMatch(/^NAMESPACE\s+NAME↑\s+READY\s+STATUS\s+RESTARTS\s+AGE\b/);
		// 40 rows: header, crumbs, table header, 35 rows, the hint line, and the empty last row.
		expect(lines.slice(3, 38).every((l) => /^\S+\s+\S+-7d9f8c6b5-\w{5}\s+\d+\/\d+\s/.test(l))).toBe(true);
		expect(lines[38]).toContain('? help');
		expect(lines[39]).toBe('');
		expect(t.isAlternateScreen()).toBe(true);
		expect(t.cursorVisible()).toBe(false);
		expect(t.selectedRow()?.index).toBe(3);
	});
});

describe('quit', () => {
	test('q exits 0 and restores the terminal', async () => {
		const t = await startKview({args: ['--demo-memory'], cols: 100, rows: 30});
		await waitForTable(t);
		await t.press('q');
		const {exitCode} = await t.waitForExit(3000);
		expect(exitCode).toBe(0);
		expect(t.isAlternateScreen()).toBe(false);
		expect(t.raw()).toContain('\x1b[?1049l');
		expect(t.cursorVisible()).toBe(true);
	});

	test('ctrl-c quits within a second', async () => {
		const t = await startKview({args: ['--demo-memory'], cols: 100, rows: 30});
		await waitForTable(t);
		const before = performance.now();
		t.write(ctrl('c'));
		const {exitCode} = await t.waitForExit(1000);
		report('ctrl-c to exit', performance.now() - before, 'ms');
		expect(exitCode).toBe(0);
		expect(t.isAlternateScreen()).toBe(false);
		expect(t.cursorVisible()).toBe(true);
	});

	test('ctrl-c quits from inside the command prompt too', async () => {
		const t = await startKview({args: ['--demo-memory'], cols: 100, rows: 30});
		await waitForTable(t);
		await t.press(':', 'dep');
		await t.waitFor(() => bottomLine(t).startsWith(':dep'));
		t.write(ctrl('c'));
		expect((await t.waitForExit(1000)).exitCode).toBe(0);
		expect(t.isAlternateScreen()).toBe(false);
	});
});
