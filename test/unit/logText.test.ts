import {describe, expect, it} from 'vitest';
import {LogBuffer, matcher} from '../../src/model/logBuffer.js';
import {lineSplitter, MAX_LINE_CHARS, sanitizeLogLine, splitTimestamp} from '../../src/model/logText.js';

const ESC = '\u001b';

describe('sanitizeLogLine: nothing from a container acts on the terminal', () => {
	it.each([
		['cursor moves and screen clears', `a${ESC}[2J${ESC}[H${ESC}[10;10Hb`, 'ab'],
		['a window title (OSC 0, BEL)', `x${ESC}]0;pwned\u0007y`, 'xy'],
		['a clipboard write (OSC 52, ST)', `x${ESC}]52;c;Y3VybCBldmls${ESC}\\y`, 'xy'],
		['a DCS string', `x${ESC}Pq#0;2;0;0;0#0~~@@vv${ESC}\\y`, 'xy'],
		['8-bit CSI and OSC', 'x\u009b2Jy\u009d0;t\u0007z', 'xyz'],
		['an unterminated OSC eats the rest of the line, not the next', `ok${ESC}]0;never ends`, 'ok'],
		['backspaces and bells', 'a\u0008b\u0007c', 'abc'],
		['SGR colours, when not asked for', `${ESC}[31mred${ESC}[0m`, 'red'],
	])('%s', (_, raw, want) => {
		expect(sanitizeLogLine(raw)).toBe(want);
	});

	it('keeps SGR colours when asked, and still drops everything else', () => {
		expect(sanitizeLogLine(`${ESC}[1;31mred${ESC}[0m${ESC}[2J${ESC}]0;t\u0007!`, true)).toBe(`${ESC}[1;31mred${ESC}[0m!`);
		// A private-mode or cursor sequence that ends in m-like bytes is not SGR.
		expect(sanitizeLogLine(`${ESC}[?1049h${ESC}[>4;2mx`, true)).toBe('x');
	});

	it('shows what a terminal would of a carriage-return progress bar, and expands tabs', () => {
		expect(sanitizeLogLine('10%\r50%\r100% done')).toBe('100% done');
		expect(sanitizeLogLine('windows line\r')).toBe('windows line');
		expect(sanitizeLogLine('a\tb\tc')).toBe('a       b       c');
	});

	it('leaves plain text as it is', () => {
		const text = 'GET /api 200 12ms — ünïcödé ✓';
		expect(sanitizeLogLine(text)).toBe(text);
	});
});

describe('splitTimestamp', () => {
	it('takes the engine timestamp off the line, keeping the exact stamp for resuming', () => {
		expect(splitTimestamp('2026-11-23T10:00:00.123456789Z hello world')).toEqual({
			time: Date.parse('2026-11-23T10:00:00.123Z'),
			stamp: '2026-11-23T10:00:00.123456789Z',
			text: 'hello world',
		});
		expect(splitTimestamp('2026-11-23T10:00:00+02:00 x').time).toBe(Date.parse('2026-11-23T08:00:00Z'));
		expect(splitTimestamp('2026-11-23T10:00:00Z')).toMatchObject({text: ''});
	});

	it('leaves a line without one alone', () => {
		expect(splitTimestamp('plain line')).toEqual({time: undefined, stamp: undefined, text: 'plain line'});
		expect(splitTimestamp('2026-11-23 10:00:00 not an RFC3339 stamp')).toMatchObject({time: undefined});
	});
});

describe('lineSplitter', () => {
	const collect = (max?: number) => {
		const lines: string[] = [];
		return {lines, splitter: lineSplitter((l) => lines.push(l), max)};
	};

	it('joins lines cut across chunks and keeps an unfinished one until flushed', () => {
		const {lines, splitter} = collect();
		splitter.push('one\ntw');
		splitter.push('o\nthr');
		expect(lines).toEqual(['one', 'two']);
		splitter.push('ee');
		splitter.flush();
		expect(lines).toEqual(['one', 'two', 'three']);
	});

	it('cuts a huge line without holding it, and says how much was left out', () => {
		const {lines, splitter} = collect(10);
		for (let i = 0; i < 1000; i++) splitter.push('x'.repeat(1000));
		splitter.push('\nnext\n');
		expect(lines).toEqual([`${'x'.repeat(10)} … (999990 more characters)`, 'next']);
	});

	it('defaults to a few thousand characters a line', () => {
		const {lines, splitter} = collect();
		splitter.push(`${'y'.repeat(90_000)}\n`);
		expect(lines[0]?.startsWith('y'.repeat(MAX_LINE_CHARS))).toBe(true);
		expect(lines[0]?.length).toBeLessThan(MAX_LINE_CHARS + 40);
	});
});

describe('LogBuffer', () => {
	it('keeps the newest lines up to its capacity, counting what it dropped', () => {
		const buffer = new LogBuffer(3);
		for (const text of ['a', 'b', 'c', 'd', 'e']) buffer.push('web', text);
		expect(buffer.size).toBe(3);
		expect(buffer.dropped).toBe(2);
		expect(buffer.slice(0, 10).map((l) => [l.seq, l.text])).toEqual([
			[2, 'c'],
			[3, 'd'],
			[4, 'e'],
		]);
		expect(buffer.at(0)?.text).toBe('c');
		expect(buffer.at(3)).toBeUndefined();
	});

	it('takes 200,000 lines into a 10,000-line ring quickly, memory bounded', () => {
		const buffer = new LogBuffer(10_000);
		const started = performance.now();
		for (let i = 0; i < 200_000; i++) buffer.push('src', `line ${i}`);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(buffer.size).toBe(10_000);
		expect(buffer.at(9_999)?.text).toBe('line 199999');
	});

	it('merges sources by time: an older line goes in after every line of its time', () => {
		const buffer = new LogBuffer(10);
		buffer.push('a', 'a1', 100);
		buffer.push('a', 'a3', 300);
		buffer.push('b', 'b2', 200);
		buffer.push('b', 'b3', 300);
		buffer.push('c', 'untimed');
		buffer.push('b', 'b1', 100);
		expect(buffer.slice(0, 10).map((l) => l.text)).toEqual(['a1', 'b1', 'b2', 'a3', 'b3', 'untimed']);
	});

	it('merges by time in a full ring: the oldest goes, a line older than all kept is dropped', () => {
		const buffer = new LogBuffer(3);
		for (const [text, time] of [
			['x10', 10],
			['x30', 30],
			['x40', 40],
			['y20', 20],
			['y5', 5],
			['y35', 35],
		] as const)
			buffer.push('', text, time);
		expect(buffer.slice(0, 3).map((l) => l.text)).toEqual(['x30', 'y35', 'x40']);
		expect(buffer.dropped).toBe(3);
	});

	it('takes 200 lines from each of 50 sources, arriving source by source, quickly', () => {
		const buffer = new LogBuffer(10_000);
		const started = performance.now();
		for (let source = 0; source < 50; source++) for (let i = 0; i < 200; i++) buffer.push(`s${source}`, `l${i}`, i * 1000 + source);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(buffer.slice(0, 3).map((l) => l.source)).toEqual(['s0', 's1', 's2']);
		expect(buffer.at(9_999)?.source).toBe('s49');
	});

	it('finds matches smartcase, and clears', () => {
		const buffer = new LogBuffer(10);
		for (const text of ['ERROR boom', 'error small', 'Error mixed', 'fine']) buffer.push('', text);
		expect(buffer.matches('error')).toEqual([0, 1, 2]);
		expect(buffer.matches('Error')).toEqual([2]);
		expect(buffer.matches('')).toEqual([]);
		expect(matcher('ERR')('an ERROR')).toBe(true);
		buffer.clear();
		expect(buffer.size).toBe(0);
		expect(buffer.push('', 'after').seq).toBe(4);
	});

	it('refuses a capacity below one line', () => {
		expect(() => new LogBuffer(0)).toThrow(RangeError);
	});
});
