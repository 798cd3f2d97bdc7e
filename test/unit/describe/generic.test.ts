import {describe, expect, it} from 'vitest';
import {describeLines} from '../../../src/model/describe.js';
import {smartLabel} from '../../../src/model/describe/generic.js';
import {NOW, UTC, ago} from './fixtures.js';

describe('smartLabel', () => {
	it('titles camelCase fields as kubectl does, acronyms in capitals', () => {
		expect(smartLabel('apiVersion')).toBe('API Version');
		expect(smartLabel('creationTimestamp')).toBe('Creation Timestamp');
		expect(smartLabel('uid')).toBe('UID');
		expect(smartLabel('podIPs')).toBe('Pod I Ps');
		expect(smartLabel('readOnlyRootFS')).toBe('Read Only Root FS');
		expect(smartLabel('dash-case')).toBe('Dash - Case');
	});

	it('leaves a field with digits or other characters as it is', () => {
		expect(smartLabel('v1')).toBe('v1');
		expect(smartLabel('example.com/key')).toBe('example.com/key');
	});
});

describe('the generic describer', () => {
	it('prints every field but identity and managedFields, sorted, lists without markers', () => {
		const db = {
			apiVersion: 'kview.dev/v1',
			kind: 'Database',
			metadata: {name: 'orders', namespace: 'shop', uid: 'u', generation: 2, managedFields: [{manager: 'kubectl'}]},
			spec: {engine: 'postgres', replicas: 2, ratio: 0.5, big: 1234567.5, enabled: true, nothing: null, tags: ['a', 'b'], empty: {}},
			status: {conditions: [{type: 'Ready', status: 'True'}]},
		};
		expect(
			describeLines(
				db,
				[{type: 'Normal', reason: 'Synced', lastTimestamp: ago(5), firstTimestamp: ago(5), source: {component: 'db-operator'}}],
				NOW,
				false,
				{},
				UTC,
			),
		).toEqual([
			'Name:         orders',
			'Namespace:    shop',
			'Labels:       <none>',
			'Annotations:  <none>',
			'API Version:  kview.dev/v1',
			'Kind:         Database',
			'Metadata:',
			'  Generation:  2',
			'  UID:         u',
			'Spec:',
			'  Big:  1.2345675e+06',
			'  Empty:',
			'  Enabled:   true',
			'  Engine:    postgres',
			'  Nothing:   <nil>',
			'  Ratio:     0.5',
			'  Replicas:  2',
			'  Tags:',
			'    a',
			'    b',
			'Status:',
			'  Conditions:',
			'    Status:  True',
			'    Type:    Ready',
			'Events:',
			'  Type    Reason  Age   From         Message',
			'  ----    ------  ----  ----         -------',
			'  Normal  Synced  5s    db-operator  ',
		]);
	});
});
