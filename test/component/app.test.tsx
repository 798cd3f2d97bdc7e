import {stripVTControlCharacters} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {renderAt, type Rendered} from '../helpers/render.js';
import {demoSource, FIXED_NOW, testConfig, testStore} from '../helpers/world.js';

const SIZES = [
	[80, 24],
	[200, 50],
] as const;

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

function start(columns: number, rows: number, view = 'pods', namespace?: string) {
	const config = testConfig();
	rendered = renderAt(
		<App
			config={config}
			store={testStore()}
			source={demoSource()}
			initialView={view}
			namespace={namespace}
			notices={[]}
			clock={() => FIXED_NOW}
		/>,
		columns,
		rows,
	);
	return rendered;
}

const plain = (frame: string) => stripVTControlCharacters(frame);

describe('golden frames', () => {
	describe.each(SIZES)('at %ix%i', (columns, rows) => {
		it.each(['pods', 'deployments', 'services', 'nodes', 'namespaces'])('%s', async (view) => {
			const r = start(columns, rows, view);
			const frame = plain(await r.waitFor((f) => f.includes('● live') && !f.includes('loading')));
			const lines = frame.split('\n');
			expect(lines.length).toBeLessThanOrEqual(rows - 1);
			for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
			await expect(frame).toMatchFileSnapshot(`__golden__/${view}-${columns}x${rows}.txt`);
		});

		it('help', async () => {
			const r = start(columns, rows);
			await r.waitFor((f) => f.includes('● live'));
			await r.press('?');
			const frame = plain(await r.waitFor((f) => f.includes('Navigation')));
			expect(frame.split('\n').length).toBeLessThanOrEqual(rows - 1);
			await expect(frame).toMatchFileSnapshot(`__golden__/help-${columns}x${rows}.txt`);
		});
	});
});

describe('shell behaviour', () => {
	it('scopes to a namespace: the NAMESPACE column goes and the header names it', async () => {
		const r = start(120, 30, 'pods', 'shop');
		const frame = plain(await r.waitFor((f) => f.includes('● live')));
		expect(frame).toContain('ns shop');
		expect(frame).not.toContain('NAMESPACE');
		expect(frame).toContain('pods(shop)');
	});

	it('filters live while typing and keeps the filter after enter', async () => {
		const r = start(120, 30);
		await r.waitFor((f) => f.includes('● live'));
		await r.press('/');
		await r.press('redis');
		let frame = plain(await r.waitFor((f) => plain(f).includes('filter:redis')));
		const rows = frame
			.split('\n')
			.slice(3)
			.filter((l) => /-7d9f8c6b5-/.test(l));
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row).toContain('redis');
		await r.press('\r');
		frame = plain(r.lastFrame());
		expect(frame).toContain('filter:redis');
		await r.press('\u001b');
		frame = plain(await r.waitFor((f) => !plain(f).includes('filter:')));
		expect(frame).toContain('api-');
	});

	it('drills from a deployment into its pods and comes back', async () => {
		const r = start(120, 30, 'deployments');
		await r.waitFor((f) => f.includes('● live'));
		await r.press('\r');
		const frame = plain(await r.waitFor((f) => plain(f).includes('pods(app=')));
		expect(frame).toContain('Pods');
		await r.press('\u001b');
		await r.waitFor((f) => plain(f).includes('Deployments') && !plain(f).includes('pods(app='));
	});

	it('opens a view from the command line with completion', async () => {
		const r = start(120, 30);
		await r.waitFor((f) => f.includes('● live'));
		await r.press(':');
		await r.press('depl');
		await r.waitFor((f) => plain(f).includes('deployments'));
		await r.press('\t');
		await r.press('\r');
		await r.waitFor((f) => plain(f).includes('UP-TO-DATE'));
	});

	it('asks before deleting, starting on Cancel', async () => {
		const r = start(120, 30, 'pods', 'shop');
		const before = plain(await r.waitFor((f) => f.includes('● live')));
		const firstPod = /(api-7d9f8c6b5-\w+)/.exec(before)?.[1];
		expect(firstPod).toBeDefined();
		await r.press('D');
		await r.waitFor((f) => plain(f).includes('Delete pod'));
		await r.press('\r');
		const frame = plain(await r.waitFor((f) => !plain(f).includes('Delete pod')));
		expect(frame).toContain(firstPod);
		await r.press('D');
		await r.waitFor((f) => plain(f).includes('Delete pod'));
		await r.press('\t');
		await r.press('\r');
		const rowsOf = (f: string) => plain(f).split('\n').slice(3, -1).join('\n');
		await r.waitFor((f) => plain(f).includes(`deleted shop/${firstPod}`) && !rowsOf(f).includes(firstPod ?? '?'));
	});
});
