import {describeLines, type DescribeEvent} from '../model/describe.js';
import {assembleRelated, relatedQueries} from '../model/describe/related.js';
import type {ResourceObject} from '../sources/types.js';
import type {ScreenApi} from './screenApi.js';

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Describe's text for a row, as kubectl builds it: the whole object, its Events,
 * and what its describer reads besides (a node's pods, a deployment's replica
 * sets, a service's endpoints), fetched in parallel. What cannot be read is left
 * out of the text, and a failure to read the Events is said at the end.
 */
export async function describeRow(
	api: ScreenApi,
	kind: string,
	row: {readonly key: string; readonly object: ResourceObject},
	secret: boolean,
): Promise<string[]> {
	const [full, events] = await Promise.allSettled([api.fetchObject(kind, row.key), api.fetchEvents(row.object)]);
	const object = full.status === 'fulfilled' && full.value ? full.value : row.object;
	const queries = relatedQueries(object);
	const answers = await Promise.all(
		queries.map(async (query) => ({query, objects: await api.listObjects(query.kind, query.scope).catch(() => undefined)})),
	);
	const list = events.status === 'fulfilled' ? (events.value as DescribeEvent[]) : [];
	const lines = describeLines(object, list, Date.now(), secret, assembleRelated(answers));
	if (events.status === 'rejected') lines.push(`  (events could not be read: ${reason(events.reason)})`);
	return lines;
}
