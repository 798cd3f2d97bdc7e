import {describe, expect, it} from 'vitest';
import {describeLines} from '../../../src/model/describe.js';
import {NOW, UTC, ago} from './fixtures.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('describe config map', () => {
	it('prints each key (sorted) and its value line by line, then the binary keys by size', () => {
		const cm = {
			kind: 'ConfigMap',
			metadata: {name: 'app', namespace: 'shop'},
			data: {'nginx.conf': 'server {\n  listen 80;\n}\n', MODE: 'fast'},
			binaryData: {logo: b64('12345')},
		};
		expect(describeLines(cm, [], NOW, false, {}, UTC)).toEqual([
			'Name:         app',
			'Namespace:    shop',
			'Labels:       <none>',
			'Annotations:  <none>',
			'',
			'Data',
			'====',
			'MODE:',
			'----',
			'fast',
			'',
			'nginx.conf:',
			'----',
			'server {',
			'  listen 80;',
			'}',
			'',
			'',
			'',
			'BinaryData',
			'====',
			'logo: 5 bytes',
			'',
			'Events:  <none>',
		]);
	});
});

describe('describe secret', () => {
	const secret = {
		kind: 'Secret',
		metadata: {name: 'db', namespace: 'shop'},
		type: 'Opaque',
		data: {username: b64('shop'), password: b64('s3cr3t-password')},
	};

	it('gives sizes, never values, and no events', () => {
		const lines = describeLines(secret, [{reason: 'X', lastTimestamp: ago(1)}], NOW, false, {}, UTC);
		expect(lines).toEqual([
			'Name:         db',
			'Namespace:    shop',
			'Labels:       <none>',
			'Annotations:  <none>',
			'',
			'Type:  Opaque',
			'',
			'Data',
			'====',
			'password:  15 bytes',
			'username:  4 bytes',
		]);
	});

	it("shows a service-account token's value only when asked to reveal it", () => {
		const token = {...secret, type: 'kubernetes.io/service-account-token', data: {token: b64('eyJhbGciOi'), 'ca.crt': b64('---')}};
		expect(describeLines(token, [], NOW, false, {}, UTC).slice(-2)).toEqual(['ca.crt:  3 bytes', 'token:   10 bytes']);
		expect(describeLines(token, [], NOW, false, {}, {...UTC, reveal: true}).slice(-2)).toEqual(['ca.crt:  3 bytes', 'token:   eyJhbGciOi']);
	});
});

describe('describe namespace', () => {
	const ns = {
		kind: 'Namespace',
		metadata: {name: 'shop', labels: {'kubernetes.io/metadata.name': 'shop'}},
		status: {
			phase: 'Terminating',
			conditions: [
				{
					type: 'NamespaceContentRemaining',
					status: 'True',
					lastTransitionTime: ago(30),
					reason: 'SomeResourcesRemain',
					message: 'Some resources are remaining',
				},
			],
		},
	};

	it('prints its status and conditions, and no quota or limit sections when those were not given', () => {
		expect(describeLines(ns, [], NOW, false, {}, UTC)).toEqual([
			'Name:         shop',
			'Labels:       kubernetes.io/metadata.name=shop',
			'Annotations:  <none>',
			'Status:       Terminating',
			'Conditions:',
			'  Type                       Status  LastTransitionTime               Reason               Message',
			'  ----                       ------  ------------------               ------               -------',
			'  NamespaceContentRemaining  True    Sun, 01 Nov 2026 11:59:30 +0000  SomeResourcesRemain  Some resources are remaining',
		]);
	});

	it('says there are none when the lists came back empty', () => {
		expect(describeLines(ns, [], NOW, false, {resourceQuotas: [], limitRanges: []}, UTC).slice(-4)).toEqual([
			'',
			'No resource quota.',
			'',
			'No LimitRange resource.',
		]);
	});

	it('prints quotas by name with their scopes, and limit ranges one row per resource', () => {
		const quotas = [
			{
				metadata: {name: 'compute'},
				spec: {scopes: ['NotBestEffort']},
				status: {hard: {'requests.cpu': '4', pods: '10'}, used: {'requests.cpu': '1500m'}},
			},
		];
		const limits = [
			{spec: {limits: [{type: 'Container', max: {memory: '1Gi'}, min: {cpu: '50m'}, default: {cpu: '500m', memory: '512Mi'}}]}},
		];
		expect(
			describeLines({...ns, status: {phase: 'Active'}}, [], NOW, false, {resourceQuotas: quotas, limitRanges: limits}, UTC).slice(4),
		).toEqual([
			'',
			'Resource Quotas',
			'  Name:    compute',
			'  Scopes:  NotBestEffort',
			'  * Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
			'  Resource      Used   Hard',
			'  --------      ---    ---',
			'  pods          0      10',
			'  requests.cpu  1500m  4',
			'',
			'Resource Limits',
			' Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
			' ----       --------  ---  ---  ---------------  -------------  -----------------------',
			' Container  cpu       50m  -    -                500m           -',
			' Container  memory    -    1Gi  -                512Mi          -',
		]);
	});
});
