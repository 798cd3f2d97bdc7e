import {expect, test} from 'vitest';
import {bottomLine, setupE2E, waitForTable} from '../helpers/e2e.js';
import {ctrl, keys, podFixture, startKview, type Kview} from '../helpers/term.js';

setupE2E();

async function start(args: string[] = []): Promise<Kview> {
	const t = await startKview({args, fixture: podFixture(10), cols: 120, rows: 30});
	await waitForTable(t);
	return t;
}

const count = (t: Kview) => /Pods (\d+)/.exec(t.line(0))?.[1];
const tableText = (t: Kview) =>
	t
		.screen()
		.slice(3, t.term.rows - 2)
		.join('\n');

/** The dialog's button row and which label is highlighted. */
function dialogButtons(t: Kview): {line: string; active: string | undefined} | undefined {
	const lines = t.screen();
	const y = lines.findIndex((l) => /Cancel\s+Delete/.test(l));
	if (y < 0) return undefined;
	const line = lines[y] ?? '';
	for (const label of ['Cancel', 'Delete']) {
		const x = line.indexOf(label);
		const c = t.cell(x, y);
		if (c && (c.isInverse() || !c.isBgDefault())) return {line, active: label};
	}
	return {line, active: undefined};
}

test('D asks first, starting on Cancel; enter on Cancel keeps the pod; Delete removes it', async () => {
	const t = await start();
	await t.press('j');
	await t.waitFor(() => t.selectedRow()?.text.includes('pod-001'));

	await t.press('D');
	await t.waitFor('Delete pod default/pod-001?');
	expect(dialogButtons(t)?.active).toBe('Cancel');
	await t.press(keys.enter);
	await t.waitFor(() => dialogButtons(t) === undefined);
	await t.waitForQuiet(200);
	expect(count(t)).toBe('10');
	expect(tableText(t)).toContain('pod-001');
	expect(bottomLine(t)).not.toContain('deleted');

	// esc cancels too.
	await t.press('D');
	await t.waitFor(() => dialogButtons(t)?.active === 'Cancel');
	await t.press(keys.esc);
	await t.waitFor(() => dialogButtons(t) === undefined);
	expect(count(t)).toBe('10');

	await t.press('D');
	await t.waitFor(() => dialogButtons(t)?.active === 'Cancel');
	await t.press(keys.tab);
	await t.waitFor(() => dialogButtons(t)?.active === 'Delete');
	await t.press(keys.left);
	await t.waitFor(() => dialogButtons(t)?.active === 'Cancel');
	await t.press(keys.right);
	await t.waitFor(() => dialogButtons(t)?.active === 'Delete');
	await t.press(keys.enter);
	await t.waitFor(() => bottomLine(t).includes('deleted default/pod-001'));
	await t.waitFor(() => count(t) === '9');
	expect(dialogButtons(t)).toBeUndefined();
	expect(tableText(t)).not.toContain('pod-001');
	// The selection stays in place, on the next row.
	expect(t.selectedRow()?.text).toContain('pod-002');
});

test('--readonly refuses D with a message and no dialog', async () => {
	const t = await start(['--readonly']);
	expect(t.line(0)).toContain('readonly');
	await t.press('D');
	await t.waitFor(() => /read-?only/i.test(bottomLine(t)));
	expect(bottomLine(t)).toMatch(/refused/);
	expect(dialogButtons(t)).toBeUndefined();
	expect(count(t)).toBe('10');
});

test('the k9s keymap deletes with ctrl+d, also through the dialog', async () => {
	const t = await start(['--keymap', 'k9s']);
	await t.press(ctrl('d'));
	await t.waitFor('Delete pod default/pod-000?');
	expect(dialogButtons(t)?.active).toBe('Cancel');
	await t.press(keys.esc);
	await t.waitFor(() => dialogButtons(t) === undefined);
});

test('y shows the object as YAML; esc returns to the table', async () => {
	const t = await start();
	await t.press('j', 'j');
	await t.waitFor(() => t.selectedRow()?.text.includes('pod-002'));
	await t.press('y');
	await t.waitFor('yaml(pod-002)');
	const text = t.text();
	expect(text).toMatch(/^apiVersion: v1\s*$/m);
	expect(text).toMatch(/^kind: Pod\s*$/m);
	expect(text).toMatch(/^ {2}name: pod-002\s*$/m);
	expect(text).toMatch(/^ {2}namespace: default\s*$/m);
	expect(text).toMatch(/^ {4}app: even\s*$/m);
	expect(t.line(t.term.rows - 1)).toBe('');

	await t.press(keys.esc);
	await t.waitFor(() => /^NAMESPACE\s+NAME↑/.test(t.line(2)));
	expect(t.line(1)).not.toContain('yaml');
	// The table header can be drawn a frame before the highlighted row.
	await t.waitFor(() => (t.selectedRow()?.text ?? '').includes('pod-002'), 3000);
});
