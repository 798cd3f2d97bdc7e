import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {root} from '../helpers/build.js';
import {setupE2E, waitForTable} from '../helpers/e2e.js';
import {keys, startKview, type Kview} from '../helpers/term.js';

setupE2E();

type KeymapFile = {readonly bindings: Readonly<Record<string, readonly string[]>>};
const vim = JSON.parse(readFileSync(path.join(root, 'keymaps/vim.json'), 'utf8')) as KeymapFile;

/** How the help screen writes a binding: `g g` as `gg`, named keys as `<down>`, chords as is. */
function shown(binding: string): string {
	return binding
		.split(' ')
		.map((k) => (k.length > 1 && !k.includes('+') ? `<${k}>` : k))
		.join('');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A help entry: the command's keys, then its description, on one line. */
function entry(keysText: string, description: string): RegExp {
	return new RegExp(`(^|\\s)${escape(keysText)}\\s+${escape(description)}`, 'm');
}

async function openHelp(args: string[]): Promise<Kview> {
	const t = await startKview({args: ['--demo-memory', ...args], cols: 120, rows: 40});
	await waitForTable(t);
	await t.press('?');
	await t.waitFor(() => t.line(1).includes('help') && t.text().includes('Navigation'));
	return t;
}

test('? shows help generated from the keymap, grouped; ? and esc close it', async () => {
	const t = await openHelp([]);
	const text = t.text();
	for (const group of ['General', 'Navigation', 'Table', 'Resource']) expect(text).toMatch(new RegExp(`(^|\\s)${group}(\\s|$)`, 'm'));
	const binding = (id: string) => (vim.bindings[id] ?? []).map(shown).join(' ');
	expect(binding('nav.down')).toMatch(/^j\b/);
	expect(text).toMatch(entry(binding('nav.down'), 'Move down'));
	expect(text).toMatch(entry(binding('nav.up'), 'Move up'));
	expect(text).toMatch(entry(binding('nav.top'), 'Go to the first row'));
	expect(text).toMatch(entry(binding('app.quit'), 'Quit'));
	expect(text).toMatch(entry(binding('resource.delete'), 'Delete'));
	expect(text).toMatch(entry(binding('resource.yaml'), 'Show the object as YAML'));
	// The header names the screen; the frame still leaves the last row empty.
	expect(t.line(0)).toMatch(/│ help/);
	expect(t.line(t.term.rows - 1)).toBe('');

	await t.press('?');
	await t.waitFor(() => t.line(0).includes('Pods 60') && !t.line(1).includes('help'));

	await t.press('?');
	await t.waitFor(() => t.line(1).includes('help'));
	await t.press(keys.esc);
	await t.waitFor(() => t.line(0).includes('Pods 60') && !t.line(1).includes('help'));
	expect(t.line(2)).toMatch(/^NAMESPACE\s+NAME/);
});

test('with --keymap k9s the help shows ctrl+d next to Delete', async () => {
	const t = await openHelp(['--keymap', 'k9s']);
	expect(t.text()).toMatch(entry('ctrl+d', 'Delete'));
	expect(t.text()).not.toMatch(entry('D', 'Delete'));
	// ctrl+d no longer moves half a page there.
	expect(t.text()).not.toMatch(entry('ctrl+d', 'Move down half a page'));
});
