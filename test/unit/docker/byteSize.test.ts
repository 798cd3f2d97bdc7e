import {describe, expect, it} from 'vitest';
import {binarySize, decimalSize} from '../../../src/model/byteSize.js';

// Byte counts the way the docker CLI prints them (go-units HumanSize and BytesSize).

describe('decimalSize', () => {
	it.each<[number, string]>([
		[0, '0B'],
		[1, '1B'],
		[999, '999B'],
		[1000, '1kB'],
		[1500, '1.5kB'],
		[1024, '1.02kB'],
		[123_456, '123kB'],
		[1_980_000, '1.98MB'],
		[7_054_121, '7.05MB'],
		[77_800_000, '77.8MB'],
		[1_000_000_000, '1GB'],
		[2_345_678_901, '2.35GB'],
		[5_000_000_000_000, '5TB'],
		[3e15, '3PB'],
		[4e18, '4000PB'],
	])('%i bytes is %s', (bytes, text) => {
		expect(decimalSize(bytes)).toBe(text);
	});
});

describe('binarySize', () => {
	it.each<[number, string]>([
		[0, '0B'],
		[1023, '1023B'],
		[1024, '1KiB'],
		[1536, '1.5KiB'],
		[327_680, '320KiB'],
		[1_293_942, '1.234MiB'],
		[1024 ** 2, '1MiB'],
		[1.5 * 1024 ** 3, '1.5GiB'],
		[7_958_159_360, '7.412GiB'],
		[1024 ** 4, '1TiB'],
	])('%i bytes is %s', (bytes, text) => {
		expect(binarySize(bytes)).toBe(text);
	});
});
