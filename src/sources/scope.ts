import {getField, valueText} from '../model/fieldPath.js';
import {matchesLabels, parseLabelSelector, type LabelSelector} from '../model/labelSelector.js';
import type {ResourceObject, Scope} from './types.js';

/**
 * A scope as a test on Kubernetes-shaped objects, for sources that filter themselves
 * (memory, Docker) the way an API server would: metadata.namespace, metadata.labels,
 * and field equality, where a list-valued field matches when it holds the value (the
 * networks a container is on). A bad label selector is refused, not matched to all.
 */
export function scopeMatcher(scope: Scope): ((object: ResourceObject) => boolean) | {error: string} {
	let selector: LabelSelector = [];
	if (scope.labelSelector) {
		const parsed = parseLabelSelector(scope.labelSelector);
		if ('error' in parsed) return {error: `bad label selector: ${parsed.error}`};
		selector = parsed.selector;
	}
	const fields = Object.entries(scope.fieldSelector ?? {});
	return (object) => {
		if (scope.namespace !== undefined && getField(object, 'metadata.namespace') !== scope.namespace) return false;
		if (selector.length > 0 && !matchesLabels(selector, getField(object, 'metadata.labels') as Record<string, string> | undefined))
			return false;
		for (const [path, value] of fields) {
			const actual = getField(object, path);
			if (Array.isArray(actual) ? !actual.some((v) => valueText(v) === value) : valueText(actual) !== value) return false;
		}
		return true;
	};
}
