/**
 * The Event printer (printEvent). The API server prints core/v1 and events.k8s.io/v1
 * Events with the same printer, after converting the latter: both shapes are read here.
 */
import {parseTime} from '../../model/age.js';
import type {KubeObject, Printer} from '../types.js';
import {NAME, NAME_DOC, column} from './columns.js';
import {since} from './format.js';
import {int, rec, str} from '../../model/json.js';

/** The first of the given fields that is present: core/v1 name first, events.k8s.io/v1 name second. */
function field(event: KubeObject, core: string, events: string): unknown {
	return event[core] ?? event[events];
}

function timestamps(event: KubeObject, now: number): {first: string; last: string; count: number} {
	const firstAt = field(event, 'firstTimestamp', 'deprecatedFirstTimestamp');
	const first = parseTime(firstAt) === undefined ? since(event.eventTime, now) : since(firstAt, now);
	const lastAt = field(event, 'lastTimestamp', 'deprecatedLastTimestamp');
	let last = parseTime(lastAt) === undefined ? first : since(lastAt, now);
	let count = int(field(event, 'count', 'deprecatedCount'));
	const series = event.series;
	if (series !== undefined && series !== null) {
		last = since(rec(series).lastObservedTime, now);
		count = int(rec(series).count);
	} else if (count === 0) {
		// Singleton events of the new API carry no count.
		count = 1;
	}
	return {first, last, count};
}

/** formatEventSource: component (or reporting controller), then `, host` (or reporting instance) when there is one. */
function source(event: KubeObject): string {
	const from = rec(field(event, 'source', 'deprecatedSource'));
	const component = str(from.component) || str(event.reportingController) || str(event.reportingComponent);
	const instance = str(from.host) || str(event.reportingInstance);
	return instance === '' ? component : `${component}, ${instance}`;
}

function target(event: KubeObject): string {
	const involved = rec(field(event, 'involvedObject', 'regarding'));
	const kind = str(involved.kind).toLowerCase();
	const name = str(involved.name);
	return name === '' ? kind : `${kind}/${name}`;
}

/**
 * kubectl get events: Last Seen, Type, Reason, Object, Message; wide Subobject and Source
 * (before Message), First Seen, Count, Name. Unlike other kinds the Name column is last and
 * wide-only. (v1.20 printed Last Seen, First Seen, Count, Name, Kind, Subobject, Type,
 * Reason, Source, Message, all always shown.)
 */
export const eventPrinter: Printer = {
	columns: [
		column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
		column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
		column(
			'Reason',
			'string',
			"This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
		),
		column('Object', 'string', 'The object that this event is about.'),
		column(
			'Subobject',
			'string',
			'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
			1,
		),
		column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
		column('Message', 'string', 'A human-readable description of the status of this operation.'),
		column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
		column('Count', 'string', 'The number of times this event has occurred.', 1),
		{...NAME, description: NAME_DOC, priority: 1},
	],
	cells: (o, now) => {
		const {first, last, count} = timestamps(o, now);
		const involved = rec(field(o, 'involvedObject', 'regarding'));
		return [
			last,
			str(o.type),
			str(o.reason),
			target(o),
			str(involved.fieldPath),
			source(o),
			str(field(o, 'message', 'note')).trim(),
			first,
			count,
			o.metadata.name,
		];
	},
};
