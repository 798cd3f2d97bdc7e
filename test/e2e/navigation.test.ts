import {expect, test} from 'vitest';
import {setupE2E, waitForTable} from '../helpers/e2e.js';
import {ctrl, keys, podFixture, startKview, type Kview} from '../helpers/term.js';

setupE2E();

// 100 pods pod-000..pod-099 at 120x40: the table shows 35 rows (lines 4-38), so half a page is 17.
const PODS = 100;
const VISIBLE = 35;
const HALF = Math.floor(VISIBLE / 2);

/** The pod index of the highlighted row. */
function selectedPod(t: Kview): number | undefined {
	const match = /\bpod-(\d{3})\b/.exec(t.selectedRow()?.text ?? '');
	return match ? Number(match[1]) : undefined;
}

/** Lines below the table header drawn highlighted. */
function highlighted(t: Kview): number[] {
	return t.screen().flatMap((_, y) => (y >= 3 && (t.cell(0, y)?.isInverse() || t.cell(0, y)?.isBgDefault() === false) ? [y] : []));
}

/** Waits until pod-<index> is the one highlighted row. */
async function expectSelected(t: Kview, index: number): Promise<void> {
	await t
		.waitFor(() => selectedPod(t) === index && highlighted(t).length === 1, 3000)
		.catch((error: unknown) => {
			const got = selectedPod(t);
			throw new Error(
				`expected pod-${String(index).padStart(3, '0')} to be the one selected row, got ${got === undefined ? 'none' : `pod-${String(got).padStart(3, '0')}`} (highlighted lines: ${highlighted(
					t,
				)
					.map((y) => y + 1)
					.join(', ')})\n${String(error)}`,
			);
		});
}

async function start(): Promise<Kview> {
	const t = await startKview({fixture: podFixture(PODS), cols: 120, rows: 40});
	await waitForTable(t);
	await expectSelected(t, 0);
	return t;
}

test('j/k, arrows, G and gg move the selection', async () => {
	const t = await start();
	expect(t.selectedRow()?.index).toBe(3);
	await t.press('j');
	await expectSelected(t, 1);
	expect(t.selectedRow()?.index).toBe(4);
	await t.press('j');
	await expectSelected(t, 2);
	await t.press('k');
	await expectSelected(t, 1);
	await t.press(keys.down);
	await expectSelected(t, 2);
	await t.press(keys.up);
	await expectSelected(t, 1);

	await t.press('G');
	await expectSelected(t, PODS - 1);
	// The last row sits on the last table line; the table scrolled.
	expect(t.selectedRow()?.index).toBe(3 + VISIBLE - 1);
	expect(t.line(3)).toContain(`pod-0${PODS - VISIBLE}`);
	await t.press('j');
	await t.waitForQuiet(100);
	expect(selectedPod(t)).toBe(PODS - 1);

	await t.press('g', 'g');
	await expectSelected(t, 0);
	expect(t.line(3)).toContain('pod-000');
	await t.press('k');
	await t.waitForQuiet(100);
	expect(selectedPod(t)).toBe(0);
});

test('ctrl-d/ctrl-u move half a page, ctrl-f/ctrl-b a page', async () => {
	const t = await start();
	await t.press(ctrl('d'));
	await expectSelected(t, HALF);
	await t.press(ctrl('d'));
	await expectSelected(t, 2 * HALF);
	await t.press(ctrl('u'));
	await expectSelected(t, HALF);
	await t.press(ctrl('u'));
	await expectSelected(t, 0);

	await t.press(ctrl('f'));
	await expectSelected(t, VISIBLE);
	await t.press(ctrl('f'));
	await expectSelected(t, 2 * VISIBLE);
	await t.press(ctrl('f'));
	await expectSelected(t, PODS - 1);
	await t.press(ctrl('b'));
	await expectSelected(t, PODS - 1 - VISIBLE);
	await t.press(keys.pageUp);
	await expectSelected(t, PODS - 1 - 2 * VISIBLE);
	await t.press(keys.pageDown);
	await expectSelected(t, PODS - 1 - VISIBLE);
});

// Keys of one burst reach the handler before a re-render; each must move on from the last.
test('a burst of keys in one write counts every key: "jjj" moves three rows', async () => {
	const t = await start();
	t.write('jjj');
	await t.waitForQuiet(200);
	expect(selectedPod(t)).toBe(3);
	t.write('jjk');
	await t.waitForQuiet(200);
	expect(selectedPod(t)).toBe(4);
});
