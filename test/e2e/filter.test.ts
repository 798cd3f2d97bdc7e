import {expect, test} from 'vitest';
import {bottomLine, setupE2E, submitPrompt, typeInPrompt, waitForTable} from '../helpers/e2e.js';
import {keys, startKview, type Kview} from '../helpers/term.js';

setupE2E();

/** Table rows on screen (below the table header, above the bottom line). */
function rows(t: Kview): string[] {
	return t
		.screen()
		.slice(3, t.term.rows - 2)
		.filter((l) => l.trim() !== '');
}

/** The "shown/total" or "total" count in the header. */
function headerCount(t: Kview): string | undefined {
	return /Pods (\d+(?:\/\d+)?)/.exec(t.line(0))?.[1];
}

async function start(): Promise<Kview> {
	const t = await startKview({args: ['--demo-memory'], cols: 120, rows: 40});
	await waitForTable(t);
	return t;
}

test('typing after / narrows the rows live; enter applies; esc clears', async () => {
	const t = await start();
	await typeInPrompt(t, '/', '');
	// Each key narrows the table before enter; the counts never grow as the text gets longer.
	const shown: number[] = [];
	for (const [i, ch] of [...'redis'].entries()) {
		await t.press(ch);
		await t.waitFor(
			() => bottomLine(t).startsWith(`/${'redis'.slice(0, i + 1)}`) && t.line(1).includes(`filter:${'redis'.slice(0, i + 1)}`),
		);
		// Narrowed before enter: the header shows "shown/total" (the count arrives one render after the rows).
		await t.waitFor(() => /Pods \d+\/60/.test(t.line(0)));
		shown.push(Number(/Pods (\d+)\/60/.exec(t.line(0))?.[1]));
	}
	expect(
		shown.every((n, i) => n <= (shown[i - 1] ?? 60)),
		`counts as "redis" is typed: ${shown.join(', ')}`,
	).toBe(true);
	// The demo has 6 redis pods (2 in each of 3 namespaces).
	await t.waitFor(() => headerCount(t) === '6/60');
	expect(rows(t)).toHaveLength(6);
	expect(rows(t).every((r) => r.includes('redis-'))).toBe(true);
	expect(t.line(1)).toContain('filter:redis');

	await t.press(keys.enter);
	await t.waitFor(() => bottomLine(t).includes('? help'));
	expect(headerCount(t)).toBe('6/60');
	expect(t.line(1)).toContain('filter:redis');
	expect(t.selectedRow()?.text).toContain('redis-');

	await t.press(keys.esc);
	await t.waitFor(() => headerCount(t) === '60');
	expect(t.line(1)).not.toContain('filter:');
	expect(rows(t).length).toBeGreaterThan(6);
});

test('esc in the filter prompt cancels the live filter', async () => {
	const t = await start();
	await typeInPrompt(t, '/', 'redis');
	await t.waitFor(() => headerCount(t) === '6/60');
	await t.press(keys.esc);
	await t.waitFor(() => headerCount(t) === '60');
	expect(bottomLine(t)).toContain('? help');
});

test('/!x keeps the rows that do not match', async () => {
	const t = await start();
	await submitPrompt(t, '/', '!redis');
	await t.waitFor(() => headerCount(t) === '54/60');
	expect(t.line(1)).toContain('filter:!redis');
	expect(rows(t).some((r) => r.includes('redis-'))).toBe(false);
});

test('/-l app=redis filters by label', async () => {
	const t = await start();
	await submitPrompt(t, '/', '-l app=redis');
	await t.waitFor(() => headerCount(t) === '6/60');
	expect(t.line(1)).toContain('filter:-l app=redis');
	expect(rows(t)).toHaveLength(6);
	expect(rows(t).every((r) => /\sredis-7d9f8c6b5-/.test(r))).toBe(true);
});

test('a filter that matches nothing says so', async () => {
	const t = await start();
	await submitPrompt(t, '/', 'zzzzqqq');
	await t.waitFor('no rows match the filter');
	expect(headerCount(t)).toBe('0/60');
	expect(t.selectedRow()).toBeUndefined();
	await t.press(keys.esc);
	await t.waitFor(() => headerCount(t) === '60');
});
