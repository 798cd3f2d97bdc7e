import {describe, expect, it} from 'vitest';
import {carriageReturns} from '../../../src/sources/docker/attach.js';

describe('carriageReturns', () => {
	it('ends each bare line feed for a terminal, however the chunks cut the text, and leaves CRLF single', () => {
		const text = 'one\ntwo\r\n\nthree\r\rfour\n';
		for (const size of [1, 2, 3, 5, text.length]) {
			const fix = carriageReturns();
			const out: Buffer[] = [];
			for (let i = 0; i < text.length; i += size) out.push(fix(Buffer.from(text.slice(i, i + size), 'latin1')));
			expect(Buffer.concat(out).toString('latin1')).toBe('one\r\ntwo\r\n\r\nthree\r\rfour\r\n');
		}
	});

	it('hands back a chunk with no bare line feed as it is', () => {
		const chunk = Buffer.from('ready\r\n');
		expect(carriageReturns()(chunk)).toBe(chunk);
	});
});
