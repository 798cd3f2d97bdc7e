import {describe, expect, it} from 'vitest';
import {matchParts, plainText, savedText, sharedPrefix, sinceName, wrapPieces, wrapTop} from '../../src/model/logView.js';

describe('log pane layout', () => {
	it('wraps by columns, wide characters whole', () => {
		expect(wrapPieces('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
		expect(wrapPieces('', 3)).toEqual(['']);
		expect(wrapPieces('日本語です', 4)).toEqual(['日本', '語で', 'す']);
	});

	it('keeps the selected line whole on screen when wrapped lines take several rows', () => {
		const heights = [1, 3, 1, 4, 1];
		const heightOf = (i: number) => heights[i] ?? 1;
		expect(wrapTop(1, 0, 5, heightOf)).toBe(0);
		// Line 3 (four rows) selected with the window at 0: it must end the window.
		expect(wrapTop(3, 0, 5, heightOf)).toBe(2);
		expect(wrapTop(4, 0, 5, heightOf)).toBe(3);
		// A line taller than the window still starts it.
		expect(wrapTop(3, 0, 2, heightOf)).toBe(3);
	});

	it('splits text around matches, smartcase', () => {
		expect(matchParts('Error: error', 'error')).toEqual([
			{text: 'Error', match: true},
			{text: ': ', match: false},
			{text: 'error', match: true},
		]);
		expect(matchParts('Error: error', 'Error').filter((p) => p.match)).toHaveLength(1);
		expect(matchParts('none', 'x')).toEqual([{text: 'none', match: false}]);
	});

	it('saves with UTC stamps and sources, colours out', () => {
		const text = savedText([
			{seq: 0, source: 'web-1', time: Date.UTC(2026, 10, 23, 10, 0, 0, 5), text: '\u001b[31mred\u001b[0m'},
			{seq: 1, source: '', time: undefined, text: 'plain'},
		]);
		expect(text).toBe('2026-11-23T10:00:00.005Z [web-1] red\nplain\n');
		expect(plainText('a\u001b[1;32mb')).toBe('ab');
	});

	it('finds the start source names share, to a dash or slash', () => {
		expect(sharedPrefix(['web-7d9f8c6b5-abcde', 'web-7d9f8c6b5-fghij'])).toBe('web-7d9f8c6b5-');
		expect(sharedPrefix(['web-7d9f8c6b5-abcde', 'web-5c4d3b2a1-fghij'])).toBe('web-');
		expect(sharedPrefix(['api-1/app', 'api-1/proxy'])).toBe('api-1/');
		expect(sharedPrefix(['shop-web-1', 'shop-web-2'])).toBe('shop-web-');
		expect(sharedPrefix(['alpha', 'beta'])).toBe('');
		expect(sharedPrefix(['only-one'])).toBe('');
	});

	it('names since windows', () => {
		expect([60, 300, 3600, 90].map(sinceName)).toEqual(['1m', '5m', '1h', '90s']);
	});
});
