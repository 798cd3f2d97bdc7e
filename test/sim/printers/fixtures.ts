/** Shared fixtures for the printer tests: a fixed clock and objects shaped as the API server stores them. */
import type {KubeObject, ObjectMeta, Printer} from '../../../src/sim/types.js';

/** The fixed `now` every test prints at. */
export const NOW = Date.parse('2026-03-01T12:00:00Z');

/** An RFC 3339 timestamp `seconds` before NOW. */
export function ago(seconds: number): string {
	return new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export const MINUTE = 60;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

type Body = Omit<Partial<KubeObject>, 'metadata'> & {metadata?: Partial<ObjectMeta>};

/** A stored object of `kind` named `name`, created 5 days ago in namespace `default` unless `body` says otherwise. */
export function kube(apiVersion: string, kind: string, name: string, body: Body = {}): KubeObject {
	const {metadata, ...rest} = body;
	return {
		apiVersion,
		kind,
		...rest,
		metadata: {name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '42', creationTimestamp: ago(5 * DAY), ...metadata},
	};
}

/** The printer's cells keyed by column name, for readable assertions. */
export function byColumn(printer: Printer, object: KubeObject, now = NOW): Record<string, unknown> {
	const cells = printer.cells(object, now);
	if (cells.length !== printer.columns.length) throw new Error(`${cells.length} cells for ${printer.columns.length} columns`);
	return Object.fromEntries(printer.columns.map((c, i) => [c.name, cells[i]]));
}

/** The column names, with `*` after those only `-o wide` shows. */
export function header(printer: Printer): string[] {
	return printer.columns.map((c) => (c.priority === 1 ? `${c.name}*` : c.name));
}
