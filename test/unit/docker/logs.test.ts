import {describe, expect, it} from 'vitest';
import {fixedStamp} from '../../../src/model/logText.js';
import {frameDemuxer, sinceOf} from '../../../src/sources/docker/logs.js';

function frame(stream: number, text: string): Buffer {
	const payload = Buffer.from(text, 'utf8');
	const header = Buffer.alloc(8);
	header[0] = stream;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

describe('frameDemuxer', () => {
	it('splits stdout and stderr frames however the chunks cut them, headers included', () => {
		const bytes = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err ✓\n'), frame(1, 'out two\n')]);
		for (const size of [1, 3, 7, 8, 9, 64]) {
			const got: [string, string][] = [];
			const push = frameDemuxer((stream, payload) => got.push([stream, payload.toString('utf8')]));
			for (let i = 0; i < bytes.length; i += size) push(bytes.subarray(i, i + size));
			// A frame's payload arrives whole, so a multi-byte character inside it is never split by the demuxer.
			expect(got).toEqual([
				['stdout', 'out one\n'],
				['stderr', 'err ✓\n'],
				['stdout', 'out two\n'],
			]);
		}
	});

	it('takes an empty frame and a big one', () => {
		const got: number[] = [];
		const push = frameDemuxer((_, payload) => got.push(payload.length));
		push(Buffer.concat([frame(1, ''), frame(2, 'x'.repeat(70_000))]));
		expect(got).toEqual([0, 70_000]);
	});
});

describe('stamps', () => {
	it('orders as text once every stamp has nine fraction digits (the engine drops trailing zeros)', () => {
		const a = fixedStamp('2026-11-23T10:00:00.1234Z');
		const b = fixedStamp('2026-11-23T10:00:00.12345Z');
		expect(a).toBe('2026-11-23T10:00:00.123400000Z');
		expect(a < b).toBe(true);
		expect(fixedStamp('2026-11-23T10:00:00Z')).toBe('2026-11-23T10:00:00.000000000Z');
	});

	it('gives Docker’s since as unix seconds and nanoseconds', () => {
		expect(sinceOf('2026-11-23T10:00:00.5Z')).toBe(`${Date.parse('2026-11-23T10:00:00Z') / 1000}.500000000`);
	});
});
