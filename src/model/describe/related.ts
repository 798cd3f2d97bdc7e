import type {Scope} from '../../sources/types.js';
import {rec, str} from '../json.js';
import {selectorString} from '../selectorText.js';
import type {DescribeRelated, Json} from './types.js';

/** One list a describer needs beyond the object: which kind, in which scope, and where it goes. */
export type RelatedQuery = {
	readonly into: keyof DescribeRelated;
	/** The kind as views and sources name it (`pods`, `replicasets`). */
	readonly kind: string;
	readonly scope: Scope;
	/** The answer is one object (the first listed), not a list. */
	readonly one?: boolean;
};

/** What kubectl describe asks for besides the object and its Events, kind by kind. */
export function relatedQueries(object: Json): RelatedQuery[] {
	const meta = rec(object['metadata']);
	const name = str(meta['name']);
	const namespace = str(meta['namespace']) || undefined;
	const spec = rec(object['spec']);
	const inNamespace = (scope: Scope): Scope => (namespace ? {...scope, namespace} : scope);
	// A selector that would select everything selects nothing for describe's purposes.
	const bySelector = (into: keyof DescribeRelated, kind: string): RelatedQuery[] => {
		const labelSelector = selectorString(spec['selector']);
		return labelSelector && labelSelector !== '<error>' ? [{into, kind, scope: inNamespace({labelSelector})}] : [];
	};
	switch (str(object['kind'])) {
		case 'Node':
			return [
				{into: 'pods', kind: 'pods', scope: {fieldSelector: {'spec.nodeName': name}}},
				{into: 'lease', kind: 'leases', scope: {namespace: 'kube-node-lease', fieldSelector: {'metadata.name': name}}, one: true},
			];
		case 'Deployment':
			return bySelector('replicaSets', 'replicasets');
		case 'ReplicaSet':
		case 'StatefulSet':
		case 'DaemonSet':
			return bySelector('pods', 'pods');
		case 'Service':
			return [
				{into: 'endpointSlices', kind: 'endpointslices', scope: inNamespace({labelSelector: `kubernetes.io/service-name=${name}`})},
				{into: 'endpoints', kind: 'endpoints', scope: inNamespace({fieldSelector: {'metadata.name': name}}), one: true},
			];
		case 'Namespace':
			return [
				{into: 'resourceQuotas', kind: 'resourcequotas', scope: {namespace: name}},
				{into: 'limitRanges', kind: 'limitranges', scope: {namespace: name}},
			];
		default:
			return [];
	}
}

/**
 * The related objects for the describer from what each query found; a query that
 * failed (403, a kind the server does not serve) leaves its section out, as the
 * describer then prints what kubectl prints without it.
 */
export function assembleRelated(
	answers: readonly {readonly query: RelatedQuery; readonly objects: readonly Json[] | undefined}[],
): DescribeRelated {
	const related: Record<string, unknown> = {};
	for (const {query, objects} of answers) {
		if (!objects) continue;
		if (query.one) {
			if (objects[0]) related[query.into] = objects[0];
		} else related[query.into] = objects;
	}
	// kubectl reads EndpointSlices where the server serves them, and the Endpoints object only where it does not.
	if (Array.isArray(related['endpointSlices'])) delete related['endpoints'];
	return related;
}
