import {describe, expect, it} from 'vitest';
import {humanDuration, parseTime} from '../../src/model/age.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration matches kubectl duration.HumanDuration', () => {
	it.each([
		// seconds: exact below two minutes
		['zero', 0, '0s'],
		['one second', S, '1s'],
		['sub-second rounds down', 999, '0s'],
		['1.999s truncates to 1s', 1999, '1s'],
		['70s stays in seconds (kubectl test)', 70 * S, '70s'],
		['119s is the last seconds value', 119 * S, '119s'],
		['119.9s still seconds', 119 * S + 900, '119s'],
		// minutes with seconds below ten minutes
		['120s becomes 2m', 120 * S, '2m'],
		['2m1s', 2 * M + S, '2m1s'],
		['3m10s (kubectl test)', 190 * S, '3m10s'],
		['5m10s', 5 * M + 10 * S, '5m10s'],
		['9m59s', 9 * M + 59 * S, '9m59s'],
		// whole minutes below three hours
		['10m drops the seconds', 10 * M + 30 * S, '10m'],
		['70m (kubectl test)', 70 * M, '70m'],
		['179m', 179 * M + 59 * S, '179m'],
		// hours with minutes below eight hours
		['3h', 3 * H, '3h'],
		['3h5m', 3 * H + 5 * M, '3h5m'],
		['3h5m drops seconds', 3 * H + 5 * M + 59 * S, '3h5m'],
		['7h59m', 7 * H + 59 * M, '7h59m'],
		// whole hours below two days
		['8h', 8 * H, '8h'],
		['8h drops minutes', 8 * H + 30 * M, '8h'],
		['47h (kubectl test)', 47 * H, '47h'],
		['47h59m', 47 * H + 59 * M, '47h'],
		// days with hours below eight days
		['2d', 48 * H, '2d'],
		['2d1h (kubectl test)', 49 * H, '2d1h'],
		['2d3h', 2 * D + 3 * H, '2d3h'],
		['7d23h', 7 * D + 23 * H, '7d23h'],
		// whole days below two years
		['8d', 8 * D, '8d'],
		['8d drops hours (kubectl test)', 8 * D + 2 * H, '8d'],
		['367d (kubectl test)', 367 * D, '367d'],
		['729d', 729 * D + 23 * H, '729d'],
		// years with days below eight years
		['2y', 2 * Y, '2y'],
		['2y1d (kubectl test)', 2 * Y + 25 * H, '2y1d'],
		['2y3d', 2 * Y + 3 * D, '2y3d'],
		['7y364d', 7 * Y + 364 * D, '7y364d'],
		// whole years from eight
		['8y', 8 * Y, '8y'],
		['8y drops days (kubectl test)', 8 * Y + 2 * H, '8y'],
		['100y', 100 * Y + 200 * D, '100y'],
		// clock skew: up to one second in the future reads as now, more is invalid
		['-1ms is now', -1, '0s'],
		['-1s is now', -S, '0s'],
		['-1.999s is now', -1999, '0s'],
		['-2s is invalid', -2 * S, '<invalid>'],
		['an hour in the future is invalid', -H, '<invalid>'],
	])('%s', (_name, ms, want) => {
		expect(humanDuration(ms)).toBe(want);
	});
});

describe('parseTime', () => {
	it.each([
		['RFC 3339 UTC', '2024-01-02T03:04:05Z', Date.UTC(2024, 0, 2, 3, 4, 5)],
		['RFC 3339 with offset', '2024-01-02T05:04:05+02:00', Date.UTC(2024, 0, 2, 3, 4, 5)],
		['fractional seconds', '2024-01-02T03:04:05.250Z', Date.UTC(2024, 0, 2, 3, 4, 5, 250)],
		['empty string', '', undefined],
		['garbage', 'yesterday-ish', undefined],
		['undefined', undefined, undefined],
		['null', null, undefined],
		['a number is not a timestamp', 1700000000000, undefined],
		['an object', {}, undefined],
	])('%s', (_name, input, want) => {
		expect(parseTime(input)).toBe(want);
	});
});
