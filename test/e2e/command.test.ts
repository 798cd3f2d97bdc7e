import {expect, test} from 'vitest';
import {bottomLine, setupE2E, submitPrompt, typeInPrompt, waitForTable} from '../helpers/e2e.js';
import {keys, startKview, type Kview} from '../helpers/term.js';

setupE2E();

async function start(args: string[] = []): Promise<Kview> {
	const t = await startKview({args: ['--demo-memory', ...args], cols: 120, rows: 40});
	await waitForTable(t);
	return t;
}

const deploymentsShown = (t: Kview) => t.line(0).includes('Deployments 30') && /^NAMESPACE\s+NAME↑\s+READY\s+UP-TO-DATE/.test(t.line(2));

test(':deploy opens the deployments view', async () => {
	const t = await start();
	await submitPrompt(t, ':', 'deploy');
	await t.waitFor(() => deploymentsShown(t));
	expect(t.line(1)).toContain('deployments(all)');
	expect(t.line(1)).not.toContain('pods');
	expect(t.selectedRow()?.index).toBe(3);
});

test(':dep + tab completes, with the completions listed above the prompt', async () => {
	const t = await start();
	await typeInPrompt(t, ':', 'dep');
	const lines = await t.waitFor((l) => l.some((x) => x.trim() === 'deployments'));
	// Completions sit right above the prompt, the best one highlighted.
	const prompt = t.term.rows - 2;
	const completions = lines.slice(0, prompt).filter((l) => /^ {2}\S+\s*$/.test(l));
	expect(completions.length).toBeGreaterThan(0);
	expect(completions.every((c) => c.trim().length > 0)).toBe(true);
	await t.press(keys.tab);
	await t.waitFor(() => /^:deploy\S*/.test(bottomLine(t)) && bottomLine(t).trim() !== ':dep');
	await t.press(keys.enter);
	await t.waitFor(() => deploymentsShown(t));
});

test(':nosuch shows an error in the flash line and stays put', async () => {
	const t = await start();
	await submitPrompt(t, ':', 'nosuch');
	await t.waitFor(() => bottomLine(t).includes('nosuch'));
	expect(bottomLine(t)).toMatch(/no view called "nosuch"/);
	expect(t.line(0)).toContain('Pods 60');
});

test('enter on a deployment drills into its pods; esc comes back', async () => {
	const t = await start(['--view', 'deployments']);
	await t.waitFor(() => deploymentsShown(t));
	const selected = t.selectedRow()?.text ?? '';
	const [namespace, name, ready] = selected.trim().split(/\s+/);
	expect(name).toBeTruthy();
	const replicas = Number(ready?.split('/')[1]);
	expect(replicas).toBeGreaterThan(0);

	await t.press(keys.enter);
	await t.waitFor(() => t.line(1).includes(`pods(app=${name})`));
	expect(t.line(1)).toContain('deployments(all)');
	await t.waitFor(() => /Pods \d+/.test(t.line(0)) && t.selectedRow() !== undefined);
	// The drill-down is scoped to the deployment's namespace and selector.
	const rows = t
		.screen()
		.slice(3, t.term.rows - 2)
		.filter((l) => l.trim() !== '');
	// Only this deployment's pods: its selector, in its own namespace (the demo has each app in several namespaces).
	expect(namespace).toBeTruthy();
	expect(rows).toHaveLength(replicas);
	expect(rows.every((r) => r.startsWith(`${name}-`))).toBe(true);

	await t.press(keys.esc);
	await t.waitFor(() => deploymentsShown(t) && !t.line(1).includes('pods('));
	expect(t.selectedRow()?.text).toBe(selected);
});

test(':ns shop scopes to the namespace and drops the NAMESPACE column', async () => {
	const t = await start();
	expect(t.line(2)).toMatch(/^NAMESPACE\s/);
	await submitPrompt(t, ':', 'ns shop');
	await t.waitFor(() => t.line(0).includes('ns shop') && /^NAME↑\s/.test(t.line(2)));
	expect(t.line(1)).toContain('pods(shop)');
	await t.waitFor(() => /Pods 20\b/.test(t.line(0)));
	expect(t.text()).not.toMatch(/^(payments|platform)\s/m);
	// Other views keep the namespace.
	await submitPrompt(t, ':', 'deploy');
	await t.waitFor(() => t.line(0).includes('Deployments 10') && /^NAME↑\s/.test(t.line(2)));
	expect(t.line(0)).toContain('ns shop');
});

test(':q quits with code 0', async () => {
	const t = await start();
	await typeInPrompt(t, ':', 'q');
	await t.press(keys.enter);
	expect((await t.waitForExit(3000)).exitCode).toBe(0);
	expect(t.isAlternateScreen()).toBe(false);
	expect(t.cursorVisible()).toBe(true);
});

// Over a slow SSH link keys arrive coalesced: Ink hands "q\r" to useInput as one string, and the
// "\r" inside it must still be enter, not a character typed into the prompt.
test('enter in the same write as the command text still runs it (":nosuch\\r", then "q\\r")', async () => {
	const t = await start();
	t.write(':nosuch\r');
	await t.waitFor(() => bottomLine(t).includes('no view called "nosuch"'));
	await typeInPrompt(t, ':', '');
	t.write('q\r');
	expect((await t.waitForExit(1500)).exitCode).toBe(0);
});
