import {describe, expect, it} from 'vitest';
import {drillTarget, ownedBy, type DrillTarget} from '../../src/model/drill.js';
import type {DrillDown} from '../../src/model/view.js';
import type {ResourceObject} from '../../src/sources/types.js';

const deployToPods: DrillDown = {view: 'pods', labelSelectorFrom: 'spec.selector.matchLabels', sameNamespace: true};
const namespaceToPods: DrillDown = {view: 'pods', namespaceFrom: 'metadata.name', sameNamespace: false};
const cronJobToJobs: DrillDown = {view: 'jobs', owned: true, sameNamespace: true};
const nodeToPods: DrillDown = {view: 'pods', fieldSelectorFrom: {'spec.nodeName': 'metadata.name'}, sameNamespace: false};

const deploy = (matchLabels: unknown, namespace: string | null = 'shop'): ResourceObject => ({
	metadata: {name: 'web', ...(namespace === null ? {} : {namespace})},
	spec: {selector: matchLabels === undefined ? {} : {matchLabels}},
});

describe('drillTarget', () => {
	it.each<[string, DrillDown, ResourceObject, string, DrillTarget]>([
		[
			'deployment -> its pods by selector, in its namespace',
			deployToPods,
			deploy({app: 'web', tier: 'frontend'}),
			'web',
			{kind: 'pods', scope: {namespace: 'shop', labelSelector: 'app=web,tier=frontend'}, crumb: 'pods(app=web,tier=frontend)'},
		],
		[
			'a selector without a namespace on the object',
			deployToPods,
			deploy({app: 'web'}, null),
			'web',
			{kind: 'pods', scope: {labelSelector: 'app=web'}, crumb: 'pods(app=web)'},
		],
		[
			'an empty namespace is no namespace',
			deployToPods,
			deploy({app: 'web'}, ''),
			'web',
			{kind: 'pods', scope: {labelSelector: 'app=web'}, crumb: 'pods(app=web)'},
		],
		[
			'namespace -> its pods',
			namespaceToPods,
			{metadata: {name: 'payments'}},
			'payments',
			{kind: 'pods', scope: {namespace: 'payments'}, crumb: 'pods(payments)'},
		],
		[
			'node -> its pods by spec.nodeName',
			nodeToPods,
			{metadata: {name: 'node-1'}},
			'node-1',
			{kind: 'pods', scope: {fieldSelector: {'spec.nodeName': 'node-1'}}, crumb: 'pods(node-1)'},
		],
		[
			'a field selector value that is a number becomes text',
			{view: 'containers', fieldSelectorFrom: {port: 'spec.port'}, sameNamespace: false},
			{spec: {port: 8080}},
			'svc',
			{kind: 'containers', scope: {fieldSelector: {port: '8080'}}, crumb: 'containers(svc)'},
		],
		[
			'a drill with nothing to scope by names the row',
			{view: 'events', sameNamespace: false},
			{metadata: {name: 'x', namespace: 'shop'}},
			'x',
			{kind: 'events', scope: {}, crumb: 'events(x)'},
		],
		[
			'same namespace alone',
			{view: 'events', sameNamespace: true},
			{metadata: {name: 'x', namespace: 'shop'}},
			'x',
			{kind: 'events', scope: {namespace: 'shop'}, crumb: 'events(x)'},
		],
		[
			'namespace and selector together',
			{view: 'pods', namespaceFrom: 'spec.targetNamespace', labelSelectorFrom: 'spec.selector', sameNamespace: false},
			{spec: {targetNamespace: 'ops', selector: {app: 'agent'}}},
			'agent',
			{kind: 'pods', scope: {namespace: 'ops', labelSelector: 'app=agent'}, crumb: 'pods(ops app=agent)'},
		],
		[
			'cronjob -> the jobs it owns, in its namespace',
			cronJobToJobs,
			{kind: 'CronJob', metadata: {name: 'nightly', namespace: 'shop', uid: 'u-1'}},
			'nightly',
			{
				kind: 'jobs',
				scope: {namespace: 'shop'},
				crumb: 'jobs(nightly)',
				owner: {uid: 'u-1', kind: 'CronJob', name: 'nightly'},
			},
		],
		[
			'a listed object carries no kind; the owner is still its uid',
			cronJobToJobs,
			{metadata: {name: 'nightly', namespace: 'shop', uid: 'u-1'}},
			'nightly',
			{kind: 'jobs', scope: {namespace: 'shop'}, crumb: 'jobs(nightly)', owner: {uid: 'u-1', kind: '', name: 'nightly'}},
		],
	])('%s', (_name, drill, object, name, want) => {
		expect(drillTarget(drill, object, name)).toEqual(want);
	});

	it.each<[string, DrillDown, ResourceObject, string, string]>([
		['a deployment without a selector', deployToPods, deploy(undefined), 'web', 'web has no selector, so it selects no pods'],
		['an empty selector', deployToPods, deploy({}), 'web', 'web has no selector, so it selects no pods'],
		['a selector that is not a map', deployToPods, deploy('app=web'), 'web', 'web has no selector, so it selects no pods'],
		['a namespace row without a name', namespaceToPods, {metadata: {}}, 'x', 'x has no metadata.name'],
		['a namespace name that is not text', namespaceToPods, {metadata: {name: 5}}, 'x', 'x has no metadata.name'],
		['a node without the field', nodeToPods, {metadata: {}}, 'node-1', 'node-1 has no metadata.name'],
		['a null field', nodeToPods, {metadata: {name: null}}, 'node-1', 'node-1 has no metadata.name'],
		['an owner without a uid', cronJobToJobs, {metadata: {name: 'nightly'}}, 'nightly', 'nightly has no metadata.uid, so it owns no jobs'],
	])('%s is an error', (_name, drill, object, name, error) => {
		expect(drillTarget(drill, object, name)).toEqual({error});
	});
});

describe('ownedBy', () => {
	const job = (refs: unknown): ResourceObject => ({metadata: {name: 'nightly-1', ownerReferences: refs}});
	it.each<[string, ResourceObject, boolean]>([
		['a job its cronjob created', job([{kind: 'CronJob', name: 'nightly', uid: 'u-1', controller: true}]), true],
		['one owner among several', job([{uid: 'u-0'}, {uid: 'u-1'}]), true],
		['a job another cronjob created', job([{kind: 'CronJob', name: 'nightly', uid: 'u-2'}]), false],
		['a job created by hand', {metadata: {name: 'once'}}, false],
		['malformed owner references', job('u-1'), false],
		['an owner reference that is not an object', job(['u-1', null]), false],
	])('%s', (_name, object, want) => {
		expect(ownedBy(object, {uid: 'u-1'})).toBe(want);
	});
});
