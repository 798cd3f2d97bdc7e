import type {ResourceObject, Scope} from '../sources/types.js';
import {getField, valueText} from './fieldPath.js';
import {selectorFromLabels} from './labelSelector.js';
import type {DrillDown} from './view.js';

/** The object a drill-down's rows must name as their owner. */
export type DrillOwner = {readonly uid: string; readonly kind: string; readonly name: string};

/**
 * Where a drill-down lands: a view, its scope, and the breadcrumb that names it;
 * with `owner`, only the objects it owns (the API cannot select by owner, so the
 * table keeps the rows for which `ownedBy` holds).
 */
export type DrillTarget = {readonly kind: string; readonly scope: Scope; readonly crumb: string; readonly owner?: DrillOwner};

/** Whether `object` lists the owner's uid in metadata.ownerReferences (a CronJob's Jobs, a Deployment's ReplicaSets). */
export function ownedBy(object: ResourceObject, owner: Pick<DrillOwner, 'uid'>): boolean {
	const refs = getField(object, 'metadata.ownerReferences');
	if (!Array.isArray(refs)) return false;
	return refs.some((ref: unknown) => typeof ref === 'object' && ref !== null && (ref as {uid?: unknown}).uid === owner.uid);
}

/**
 * Works out the target of `enter` on a row: deploy -> its pods by selector,
 * namespace -> its pods, node -> its pods by spec.nodeName, cronjob -> the jobs it owns. Returns an error
 * message when the row lacks what the drill-down needs (a selector-less service).
 */
export function drillTarget(drill: DrillDown, object: ResourceObject, name: string): DrillTarget | {error: string} {
	const scope: {-readonly [K in keyof Scope]: Scope[K]} = {};
	const parts: string[] = [];
	if (drill.sameNamespace) {
		const namespace = getField(object, 'metadata.namespace');
		if (typeof namespace === 'string' && namespace !== '') scope.namespace = namespace;
	}
	if (drill.namespaceFrom) {
		const namespace = getField(object, drill.namespaceFrom);
		if (typeof namespace !== 'string' || namespace === '') return {error: `${name} has no ${drill.namespaceFrom}`};
		scope.namespace = namespace;
		parts.push(namespace);
	}
	if (drill.labelSelectorFrom) {
		const labels = getField(object, drill.labelSelectorFrom);
		if (!labels || typeof labels !== 'object' || Object.keys(labels).length === 0)
			return {error: `${name} has no selector, so it selects no ${drill.view}`};
		const selector = selectorFromLabels(labels as Record<string, string>);
		scope.labelSelector = selector;
		parts.push(selector);
	}
	if (drill.fieldSelectorFrom) {
		const fields: Record<string, string> = {};
		for (const [target, from] of Object.entries(drill.fieldSelectorFrom)) {
			const value = getField(object, from);
			if (value === undefined || value === null) return {error: `${name} has no ${from}`};
			fields[target] = valueText(value);
		}
		scope.fieldSelector = fields;
		parts.push(name);
	}
	let owner: DrillOwner | undefined;
	if (drill.owned) {
		const uid = getField(object, 'metadata.uid');
		if (typeof uid !== 'string' || uid === '') return {error: `${name} has no metadata.uid, so it owns no ${drill.view}`};
		owner = {uid, kind: valueText(getField(object, 'kind')), name};
	}
	const crumb = `${drill.view}(${parts.join(' ') || name})`;
	return owner ? {kind: drill.view, scope, crumb, owner} : {kind: drill.view, scope, crumb};
}
