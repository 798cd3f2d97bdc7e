import {describe, expect, it} from 'vitest';
import {describeLines, eventLines} from '../../src/model/describe.js';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('describeLines', () => {
	const pod = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name: 'web-1',
			namespace: 'shop',
			labels: {tier: 'front', app: 'web'},
			annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{"big":"json"}', note: 'x'},
			creationTimestamp: '2026-11-01T10:00:00Z',
			ownerReferences: [{kind: 'ReplicaSet', name: 'web-abc'}],
		},
		spec: {nodeName: 'node-1', containers: [{name: 'web', image: 'nginx:1.27', ports: [{containerPort: 80}]}], volumes: []},
		status: {phase: 'Running', podIP: '10.0.0.5'},
	};

	it('prints identity with labels sorted and aligned, without the last-applied copy', () => {
		const lines = describeLines(pod, [], NOW);
		expect(lines.slice(0, 5)).toEqual([
			'Name:           web-1',
			'Namespace:      shop',
			'Labels:         app=web',
			'                tier=front',
			'Annotations:    note: x',
		]);
		expect(lines.join('\n')).not.toContain('last-applied');
		expect(lines).toContain('Controlled By:  ReplicaSet/web-abc');
	});

	it('titles nested fields as kubectl does for kinds without a describer, marking list items', () => {
		const lines = describeLines(pod, [], NOW);
		expect(lines).toContain('Spec:');
		expect(lines).toContain('  Node Name: node-1');
		expect(lines).toContain('    - Name: web');
		expect(lines).toContain('      Image: nginx:1.27');
		expect(lines).toContain('        - Container Port: 80');
		expect(lines).toContain('  Volumes: <none>');
		expect(lines).toContain('  Pod IP: 10.0.0.5');
	});

	it('gives a Secret its value sizes, never the values', () => {
		const secret = {kind: 'Secret', metadata: {name: 's'}, type: 'Opaque', data: {password: Buffer.from('hunter2').toString('base64')}};
		const text = describeLines(secret, [], NOW, true).join('\n');
		expect(text).toContain('password:  7 bytes');
		expect(text).not.toContain('aHVudGVyMg');
		expect(text).not.toContain('hunter2');
	});
});

describe('eventLines', () => {
	it('says <none> when there are none', () => {
		expect(eventLines([], NOW)).toEqual(['Events:  <none>']);
	});

	it('lists events oldest first in aligned columns, with repeats as "(xN over T)"', () => {
		const lines = eventLines(
			[
				{
					type: 'Warning',
					reason: 'BackOff',
					message: 'Back-off restarting failed container',
					source: {component: 'kubelet'},
					count: 5,
					firstTimestamp: ago(600),
					lastTimestamp: ago(30),
				},
				{
					type: 'Normal',
					reason: 'Scheduled',
					message: 'Successfully assigned shop/web-1 to node-1',
					reportingComponent: 'default-scheduler',
					eventTime: ago(900),
				},
			],
			NOW,
		);
		expect(lines).toEqual([
			'Events:',
			'  Type     Reason     Age                From               Message',
			'  ----     ------     ---                ----               -------',
			'  Normal   Scheduled  15m                default-scheduler  Successfully assigned shop/web-1 to node-1',
			'  Warning  BackOff    30s (x5 over 10m)  kubelet            Back-off restarting failed container',
		]);
	});

	it('keeps a multi-line message on one line', () => {
		const lines = eventLines([{type: 'Warning', reason: 'Failed', message: 'first\n  second', lastTimestamp: ago(5)}], NOW);
		expect(lines.at(-1)).toMatch(/first second$/);
	});
});
