import {describe, expect, it} from 'vitest';
import {eventLines} from '../../../src/model/describe.js';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('the Events table', () => {
	it('ages a single event by its first sighting, not its last', () => {
		const [, , , row] = eventLines([{type: 'Normal', reason: 'Pulled', firstTimestamp: ago(120), lastTimestamp: ago(5), count: 1}], NOW);
		expect(row).toBe(`  Normal  Pulled  2m    ${' '.repeat(6)}`);
	});

	it('prefers eventTime to firstTimestamp for the first sighting, and a series to the count', () => {
		const rows = eventLines(
			[
				{
					type: 'Warning',
					reason: 'Unhealthy',
					eventTime: ago(600),
					series: {count: 12, lastObservedTime: ago(10)},
					reportingComponent: 'kubelet',
					message: 'probe failed',
				},
				{type: 'Normal', reason: 'Created', eventTime: ago(700), firstTimestamp: ago(9000), reportingComponent: 'kubelet'},
			],
			NOW,
		);
		expect(rows).toEqual([
			'Events:',
			'  Type     Reason     Age                 From     Message',
			'  ----     ------     ----                ----     -------',
			'  Normal   Created    11m                 kubelet  ',
			'  Warning  Unhealthy  10s (x12 over 10m)  kubelet  probe failed',
		]);
	});

	it('sorts by lastTimestamp, or eventTime without one, keeping ties in the order given', () => {
		const rows = eventLines(
			[
				{reason: 'B', lastTimestamp: ago(10), firstTimestamp: ago(10)},
				{reason: 'A', lastTimestamp: ago(10), firstTimestamp: ago(10)},
				{reason: 'First', eventTime: ago(30)},
				{reason: 'Unknown'},
			],
			NOW,
		).slice(3);
		expect(rows.map((r) => r.split(/\s+/)[1])).toEqual(['Unknown', 'First', 'B', 'A']);
		expect(rows[0]).toContain('<unknown>');
	});

	it('names the source component, else the reporting controller', () => {
		const rows = eventLines(
			[
				{
					reason: 'A',
					source: {component: 'kubelet', host: 'node-1'},
					reportingComponent: 'other',
					lastTimestamp: ago(1),
					firstTimestamp: ago(1),
				},
				{reason: 'B', source: {}, reportingComponent: 'job-controller', lastTimestamp: ago(1), firstTimestamp: ago(1)},
			],
			NOW,
		);
		expect(rows[3]).toMatch(/ kubelet /);
		expect(rows[4]).toMatch(/ job-controller /);
	});

	it('trims the message', () => {
		const row = eventLines([{reason: 'A', message: '  spaced  ', lastTimestamp: ago(1), firstTimestamp: ago(1)}], NOW).at(-1);
		expect(row?.endsWith('  spaced')).toBe(true);
	});
});
