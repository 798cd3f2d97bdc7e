import {expect, test} from 'vitest';
import {headerStart, setupE2E, waitForTable} from '../helpers/e2e.js';
import {keys, pod, startKview, type Kview} from '../helpers/term.js';

setupE2E();

// Everything from a cluster is untrusted: none of these may reach the terminal.
const TITLE = '\x1b]0;pwned\x07';
const TITLE_ST = '\x1b]2;pwned-too\x1b\\';
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
const MOVE = '\x1b[20;5H';
const CLIPBOARD = '\x1b]52;c;cHduZWQ=\x07';
const DCS = '\x1bP1$r0m\x1b\\';
const C1_CSI = '\x9b2J';
const LEAVE_ALT = '\x1b[?1049l';
const EVIL = `evil${TITLE}${CLEAR}${MOVE}x${TITLE_ST}${CLIPBOARD}${DCS}${C1_CSI}${LEAVE_ALT}\r\b\x07end`;

function evilPod(): Record<string, unknown> {
	const p = pod('default', `evil-${TITLE}${CLEAR}pod`, {labels: {app: EVIL, [`x${CLEAR}`]: EVIL}});
	p['status'] = {
		phase: 'Running',
		containerStatuses: [
			{name: EVIL, ready: false, restartCount: 3, state: {waiting: {reason: `Crash${CLEAR}${TITLE}Loop`, message: EVIL}}},
		],
	};
	return p;
}

/** Nothing the fixture carried got through: no OSC, DCS, C1, screen clear or title, and the frame is intact. */
function expectUntouched(t: Kview, since: number): void {
	const out = t.since(since).text;
	expect(t.titles).toEqual([]);
	expect(out).not.toContain('\x1b]');
	expect(out).not.toContain('\x1bP');
	expect(out).not.toContain('\x07');
	expect(out).not.toContain('\x9b');
	expect(out).not.toContain('\x1b[2J');
	expect(out).not.toContain('\x1b[3J');
	expect(out).not.toContain(LEAVE_ALT);
	expect(out).not.toContain(MOVE);
	expect(t.isAlternateScreen()).toBe(true);
	expect(t.line(0)).toMatch(headerStart('fixture'));
	expect(t.line(t.term.rows - 1)).toBe('');
	const buffer = t.term.buffer.active;
	for (let y = 0; y < t.term.rows; y++) expect(buffer.getLine(y)?.isWrapped, `line ${y + 1} wrapped`).toBeFalsy();
}

test('escape sequences in names, labels and statuses are not passed to the terminal', async () => {
	const t = await startKview({fixture: {pods: [evilPod(), pod('default', 'ok-1'), pod('default', 'zz-last')]}, cols: 120, rows: 30});
	await waitForTable(t);
	await t.waitFor('zz-last');
	await t.waitForQuiet(200);
	expectUntouched(t, 0);
	expect(t.line(2)).toMatch(/^NAMESPACE\s+NAME/);
	expect(t.text()).toMatch(/^default\s+evil-/m);
	expect(t.text()).toMatch(/^default\s+ok-1\s/m);

	// The YAML view shows the object, still without the sequences taking effect.
	const beforeYaml = t.mark();
	await t.press('y');
	await t.waitFor('yaml(evil');
	await t.waitForQuiet(150);
	expectUntouched(t, beforeYaml);

	await t.press(keys.esc);
	await t.waitFor(() => /^NAMESPACE\s+NAME/.test(t.line(2)));
	await t.press('/', 'evil');
	await t.waitFor(() => t.line(1).includes('filter:evil'));
	await t.press(keys.enter);
	await t.waitForQuiet(150);
	expectUntouched(t, 0);

	// Wide columns and the delete dialog (which quotes the name) too.
	await t.press('\x17', 'D');
	await t.waitFor('Delete pod');
	await t.waitForQuiet(150);
	expectUntouched(t, 0);
});
