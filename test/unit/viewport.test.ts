import {describe, expect, it} from 'vitest';
import {clampCursor, motionFor, moveCursor, type Cursor, type Motion} from '../../src/model/viewport.js';

const c = (selected: number, top: number): Cursor => ({selected, top});
const MOTIONS: Motion[] = ['up', 'down', 'top', 'bottom', 'halfPageDown', 'halfPageUp', 'pageDown', 'pageUp'];

describe('clampCursor', () => {
	it.each<[string, Cursor, number, number, Cursor]>([
		['inside the window: unchanged', c(5, 2), 100, 10, c(5, 2)],
		['selection past the end goes to the last row', c(150, 0), 100, 10, c(99, 90)],
		['negative selection goes to the first row', c(-4, 0), 100, 10, c(0, 0)],
		['selection above the window scrolls up to it', c(3, 10), 100, 10, c(3, 3)],
		['selection below the window scrolls down to it', c(25, 0), 100, 10, c(25, 16)],
		['selection on the last visible line stays', c(9, 0), 100, 10, c(9, 0)],
		['selection one past the window scrolls by one', c(10, 0), 100, 10, c(10, 1)],
		['top past the last full page is pulled back', c(95, 95), 100, 10, c(95, 90)],
		['negative top', c(0, -5), 100, 10, c(0, 0)],
		['the list shrank under the cursor', c(50, 45), 20, 10, c(19, 10)],
		['the list is shorter than the window', c(2, 1), 3, 10, c(2, 0)],
		['an empty list', c(7, 3), 0, 10, c(0, 0)],
		['a one-line window follows the selection', c(42, 0), 100, 1, c(42, 42)],
	])('%s', (_name, cursor, count, height, want) => {
		expect(clampCursor(cursor, count, height)).toEqual(want);
	});
});

describe('moveCursor in a long list (100 rows, 10 visible)', () => {
	it.each<[Motion, Cursor, Cursor]>([
		['down', c(0, 0), c(1, 0)],
		['down', c(9, 0), c(10, 1)],
		['down', c(99, 90), c(99, 90)],
		['up', c(0, 0), c(0, 0)],
		['up', c(5, 0), c(4, 0)],
		['up', c(10, 10), c(9, 9)],
		['top', c(50, 45), c(0, 0)],
		['top', c(0, 0), c(0, 0)],
		['bottom', c(0, 0), c(99, 90)],
		['bottom', c(99, 90), c(99, 90)],
		['halfPageDown', c(0, 0), c(5, 5)],
		['halfPageDown', c(3, 0), c(8, 5)],
		['halfPageDown', c(93, 88), c(98, 90)],
		['halfPageDown', c(97, 90), c(99, 90)],
		['halfPageUp', c(8, 5), c(3, 0)],
		['halfPageUp', c(2, 0), c(0, 0)],
		['halfPageUp', c(50, 45), c(45, 40)],
		['pageDown', c(0, 0), c(10, 10)],
		['pageDown', c(4, 2), c(14, 12)],
		['pageDown', c(95, 90), c(99, 90)],
		['pageUp', c(15, 10), c(5, 0)],
		['pageUp', c(0, 0), c(0, 0)],
		['pageUp', c(55, 50), c(45, 40)],
	])('%s from %j', (motion, from, want) => {
		expect(moveCursor(from, motion, 100, 10)).toEqual(want);
	});
});

describe('moveCursor edge cases', () => {
	it.each(MOTIONS)('%s in an empty list stays at 0', (motion) => {
		expect(moveCursor(c(0, 0), motion, 0, 10)).toEqual(c(0, 0));
	});

	it.each<[Motion, Cursor, Cursor]>([
		['down', c(2, 0), c(2, 0)],
		['bottom', c(0, 0), c(2, 0)],
		['pageDown', c(0, 0), c(2, 0)],
		['halfPageDown', c(0, 0), c(2, 0)],
		['pageUp', c(2, 0), c(0, 0)],
		['halfPageUp', c(2, 0), c(0, 0)],
		['top', c(2, 0), c(0, 0)],
		['up', c(1, 0), c(0, 0)],
	])('a list shorter than the window (3 rows, 10 visible): %s from %j', (motion, from, want) => {
		expect(moveCursor(from, motion, 3, 10)).toEqual(want);
	});

	it.each<[Motion, number, Cursor, Cursor]>([
		['halfPageDown', 1, c(0, 0), c(1, 1)],
		['pageDown', 1, c(0, 0), c(1, 1)],
		['halfPageDown', 7, c(0, 0), c(3, 3)],
		['halfPageUp', 7, c(10, 8), c(7, 5)],
		['pageDown', 7, c(0, 0), c(7, 7)],
	])('%s with a window of %i moves by at least one row', (motion, height, from, want) => {
		expect(moveCursor(from, motion, 100, height)).toEqual(want);
	});

	it('a single row goes nowhere', () => {
		for (const motion of MOTIONS) expect(moveCursor(c(0, 0), motion, 1, 10)).toEqual(c(0, 0));
	});

	it.each([
		[100, 10],
		[3, 10],
		[10, 10],
		[11, 10],
		[57, 7],
		[1, 1],
	])('every motion keeps the selection visible and in range (%i rows, %i visible)', (count, height) => {
		let cursor = c(0, 0);
		const script: Motion[] = [
			'down',
			'pageDown',
			'halfPageDown',
			'bottom',
			'up',
			'halfPageUp',
			'pageUp',
			'pageDown',
			'top',
			'down',
			'down',
		];
		for (const motion of [...script, ...script.reverse()]) {
			cursor = moveCursor(cursor, motion, count, height);
			expect(cursor.selected).toBeGreaterThanOrEqual(0);
			expect(cursor.selected).toBeLessThan(Math.max(1, count));
			expect(cursor.top).toBeGreaterThanOrEqual(0);
			expect(cursor.top).toBeLessThanOrEqual(Math.max(0, count - height));
			expect(cursor.selected).toBeGreaterThanOrEqual(cursor.top);
			expect(cursor.selected).toBeLessThan(cursor.top + height);
		}
	});
});

describe('motionFor', () => {
	it.each<[string, Motion | undefined]>([
		['nav.up', 'up'],
		['nav.down', 'down'],
		['nav.top', 'top'],
		['nav.bottom', 'bottom'],
		['nav.halfPageDown', 'halfPageDown'],
		['nav.halfPageUp', 'halfPageUp'],
		['nav.pageDown', 'pageDown'],
		['nav.pageUp', 'pageUp'],
		['nav.drill', undefined],
		['nav.back', undefined],
		['app.quit', undefined],
		['', undefined],
	])('%s -> %s', (command, want) => {
		expect(motionFor(command)).toBe(want);
	});
});
