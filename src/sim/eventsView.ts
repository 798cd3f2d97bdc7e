import type {KubeObject} from './types.js';

/**
 * A core/v1 Event as events.k8s.io/v1 shows it: the same store seen through the
 * newer field names (regarding, note, deprecated* for the old counters), as the
 * API server converts between the two versions.
 */
export function toEventsV1(event: KubeObject): KubeObject {
	const e = event as KubeObject & {
		involvedObject?: unknown;
		message?: string;
		reason?: string;
		type?: string;
		source?: {component?: string; host?: string};
		firstTimestamp?: string;
		lastTimestamp?: string;
		count?: number;
		eventTime?: string | null;
		reportingComponent?: string;
		reportingInstance?: string;
		action?: string;
		related?: unknown;
		series?: unknown;
	};
	return {
		apiVersion: 'events.k8s.io/v1',
		kind: 'Event',
		metadata: e.metadata,
		eventTime: e.eventTime ?? null,
		...(e.series ? {series: e.series} : {}),
		reportingController: e.reportingComponent ?? e.source?.component ?? '',
		reportingInstance: e.reportingInstance ?? '',
		...(e.action ? {action: e.action} : {}),
		reason: e.reason,
		regarding: e.involvedObject,
		...(e.related ? {related: e.related} : {}),
		note: e.message,
		type: e.type,
		deprecatedSource: e.source ?? {},
		deprecatedFirstTimestamp: e.firstTimestamp,
		deprecatedLastTimestamp: e.lastTimestamp,
		deprecatedCount: e.count,
	};
}
