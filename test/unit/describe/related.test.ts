import {describe, expect, it} from 'vitest';
import {assembleRelated, relatedQueries} from '../../../src/model/describe/related.js';

// What describe fetches besides the object, per kind, and how the answers are put together.

describe('relatedQueries', () => {
	it('a node: its pods on every namespace, and its lease', () => {
		expect(relatedQueries({kind: 'Node', metadata: {name: 'n1'}})).toEqual([
			{into: 'pods', kind: 'pods', scope: {fieldSelector: {'spec.nodeName': 'n1'}}},
			{into: 'lease', kind: 'leases', scope: {namespace: 'kube-node-lease', fieldSelector: {'metadata.name': 'n1'}}, one: true},
		]);
	});

	it('a deployment: the replica sets its selector matches, in its namespace, expressions included', () => {
		const deployment = {
			kind: 'Deployment',
			metadata: {name: 'web', namespace: 'shop'},
			spec: {selector: {matchLabels: {app: 'web'}, matchExpressions: [{key: 'tier', operator: 'In', values: ['b', 'a']}]}},
		};
		expect(relatedQueries(deployment)).toEqual([
			{into: 'replicaSets', kind: 'replicasets', scope: {namespace: 'shop', labelSelector: 'app=web,tier in (a,b)'}},
		]);
	});

	it.each(['ReplicaSet', 'StatefulSet', 'DaemonSet'])('a %s: its pods by selector', (kind) => {
		expect(relatedQueries({kind, metadata: {name: 'x', namespace: 'ns'}, spec: {selector: {matchLabels: {app: 'x'}}}})).toEqual([
			{into: 'pods', kind: 'pods', scope: {namespace: 'ns', labelSelector: 'app=x'}},
		]);
	});

	it('a selector that selects everything, or is invalid, asks for nothing', () => {
		expect(relatedQueries({kind: 'ReplicaSet', metadata: {name: 'x'}, spec: {selector: {}}})).toEqual([]);
		expect(
			relatedQueries({kind: 'ReplicaSet', metadata: {name: 'x'}, spec: {selector: {matchExpressions: [{key: 'a', operator: 'Near'}]}}}),
		).toEqual([]);
	});

	it('a service: its EndpointSlices by label, and its Endpoints by name', () => {
		expect(relatedQueries({kind: 'Service', metadata: {name: 'api', namespace: 'shop'}})).toEqual([
			{into: 'endpointSlices', kind: 'endpointslices', scope: {namespace: 'shop', labelSelector: 'kubernetes.io/service-name=api'}},
			{into: 'endpoints', kind: 'endpoints', scope: {namespace: 'shop', fieldSelector: {'metadata.name': 'api'}}, one: true},
		]);
	});

	it('a namespace: its quotas and limit ranges; other kinds: nothing', () => {
		expect(relatedQueries({kind: 'Namespace', metadata: {name: 'shop'}}).map((q) => q.kind)).toEqual(['resourcequotas', 'limitranges']);
		expect(relatedQueries({kind: 'Pod', metadata: {name: 'p'}})).toEqual([]);
	});
});

describe('assembleRelated', () => {
	const slices = {into: 'endpointSlices', kind: 'endpointslices', scope: {}} as const;
	const endpoints = {into: 'endpoints', kind: 'endpoints', scope: {}, one: true} as const;

	it('lists go in whole, single answers as their first object, failures are left out', () => {
		const lease = {into: 'lease', kind: 'leases', scope: {}, one: true} as const;
		const pods = {into: 'pods', kind: 'pods', scope: {}} as const;
		expect(
			assembleRelated([
				{query: pods, objects: [{a: 1}, {a: 2}]},
				{query: lease, objects: [{l: 1}, {l: 2}]},
				{query: {into: 'limitRanges', kind: 'limitranges', scope: {}}, objects: undefined},
			]),
		).toEqual({pods: [{a: 1}, {a: 2}], lease: {l: 1}});
	});

	it('EndpointSlices, where served (even none), win over the Endpoints object, which stands in only without them', () => {
		expect(
			assembleRelated([
				{query: slices, objects: []},
				{query: endpoints, objects: [{e: 1}]},
			]),
		).toEqual({endpointSlices: []});
		expect(
			assembleRelated([
				{query: slices, objects: undefined},
				{query: endpoints, objects: [{e: 1}]},
			]),
		).toEqual({endpoints: {e: 1}});
	});
});
