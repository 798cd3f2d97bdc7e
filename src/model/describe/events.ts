import {parseTime} from '../age.js';
import {clean, since} from './format.js';
import type {DescribeEvent} from './types.js';
import type {Writer} from './writer.js';

/** SortableEvents' key: lastTimestamp when set, else eventTime; an event with neither sorts first. */
function eventTime(event: DescribeEvent): number {
	return parseTime(event.lastTimestamp) ?? parseTime(event.eventTime) ?? Number.NEGATIVE_INFINITY;
}

/**
 * The Age cell: the first sighting's age ("5m"), or for a repeated event the last
 * one's with the count and the first's ("30s (x5 over 10m)").
 */
function interval(event: DescribeEvent, now: number): string {
	const first = since(parseTime(event.eventTime) !== undefined ? event.eventTime : event.firstTimestamp, now);
	if (event.series) return `${since(event.series.lastObservedTime, now)} (x${event.series.count ?? 0} over ${first})`;
	if ((event.count ?? 0) > 1) return `${since(event.lastTimestamp, now)} (x${event.count ?? 0} over ${first})`;
	return first;
}

/**
 * DescribeEvents: `Events:  <none>`, or a Type/Reason/Age/From/Message table oldest
 * first. A message on several lines is joined onto one, as a table row must be.
 */
export function describeEvents(w: Writer, events: readonly DescribeEvent[], now: number): void {
	if (events.length === 0) {
		w.write(0, 'Events:\t<none>\n');
		return;
	}
	// Array.prototype.sort is stable, as Go's insertion sort is for the short lists describe sees.
	// (Go's sort is not stable beyond 12 items; ties among more events may list in another order there.)
	const sorted = [...events].sort((a, b) => {
		const [x, y] = [eventTime(a), eventTime(b)];
		return x < y ? -1 : x > y ? 1 : 0;
	});
	w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
	w.write(1, '----\t------\t----\t----\t-------\n');
	for (const e of sorted) {
		const source = e.source?.component || e.reportingComponent || '';
		const message = (e.message ?? '').trim().replace(/\s*\n\s*/g, ' ');
		w.write(1, `${clean(e.type)}\t${clean(e.reason)}\t${interval(e, now)}\t${clean(source)}\t${clean(message)}\n`);
	}
}
