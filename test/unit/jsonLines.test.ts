import {describe, expect, it} from 'vitest';
import {jsonLineSplitter} from '../../src/sources/jsonLines.js';

// Watch and event streams arrive in chunks that cut lines anywhere.

describe('jsonLineSplitter', () => {
	it('joins a line cut across chunks and skips blank lines', () => {
		const values: unknown[] = [];
		const feed = jsonLineSplitter(
			(v) => values.push(v),
			() => values.push('BAD'),
		);
		for (const chunk of ['{"a":', '1}\n\n{"b"', ':2}\n{"c":3', '}\n']) feed(chunk);
		expect(values).toEqual([{a: 1}, {b: 2}, {c: 3}]);
	});

	it('keeps a last line without its newline until one comes', () => {
		const values: unknown[] = [];
		const feed = jsonLineSplitter(
			(v) => values.push(v),
			() => undefined,
		);
		feed('{"a":1}\n{"b":2}');
		expect(values).toEqual([{a: 1}]);
		feed('\n');
		expect(values).toEqual([{a: 1}, {b: 2}]);
	});

	it('reports a line that is not JSON once, and reads nothing after it', () => {
		const values: unknown[] = [];
		let bad = 0;
		const feed = jsonLineSplitter(
			(v) => values.push(v),
			() => bad++,
		);
		feed('{"a":1}\nnot json\n{"b":2}\n');
		feed('{"c":3}\n');
		expect(values).toEqual([{a: 1}]);
		expect(bad).toBe(1);
	});

	it('lets an error of the consumer through rather than calling the line bad', () => {
		const feed = jsonLineSplitter(
			() => {
				throw new Error('consumer');
			},
			() => undefined,
		);
		expect(() => feed('{"a":1}\n')).toThrow('consumer');
	});
});
