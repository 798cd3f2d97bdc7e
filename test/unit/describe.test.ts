import {describe, expect, it} from 'vitest';
import {describeLines, eventLines} from '../../src/model/describe.js';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const UTC = {zone: 'utc'} as const;

describe('describeLines', () => {
	it('dispatches on the kind: a Pod gets the pod describer', () => {
		const pod = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: 'web-1', namespace: 'shop', creationTimestamp: ago(60)},
			spec: {containers: [{name: 'web', image: 'nginx:1.27'}]},
			status: {phase: 'Pending', qosClass: 'BestEffort'},
		};
		const lines = describeLines(pod, [], NOW, false, {}, UTC);
		expect(lines.slice(0, 3)).toEqual(['Name:         web-1', 'Namespace:    shop', 'Node:         <none>']);
		expect(lines).toContain('QoS Class:        BestEffort');
		expect(lines.at(-1)).toBe('Events:           <none>');
	});

	it('gives kinds without a describer of their own kubectl generic describer', () => {
		const ingress = {
			apiVersion: 'networking.k8s.io/v1',
			kind: 'Ingress',
			metadata: {name: 'shop', namespace: 'shop', uid: 'u-1', labels: {app: 'shop'}},
			spec: {ingressClassName: 'nginx', rules: [{host: 'shop.example.com'}]},
		};
		expect(describeLines(ingress, [], NOW, false, {}, UTC)).toEqual([
			'Name:         shop',
			'Namespace:    shop',
			'Labels:       app=shop',
			'Annotations:  <none>',
			'API Version:  networking.k8s.io/v1',
			'Kind:         Ingress',
			'Metadata:',
			'  UID:  u-1',
			'Spec:',
			'  Ingress Class Name:  nginx',
			'  Rules:',
			'    Host:  shop.example.com',
			'Events:    <none>',
		]);
	});

	it('describes anything from the Secrets view as a Secret, so no value ever shows', () => {
		const projection = {
			metadata: {name: 's', namespace: 'shop'},
			type: 'Opaque',
			data: {password: Buffer.from('hunter2').toString('base64')},
		};
		const text = describeLines(projection, [], NOW, true).join('\n');
		expect(text).toContain('password:  7 bytes');
		expect(text).not.toContain('aHVudGVyMg');
		expect(text).not.toContain('hunter2');
	});

	it('leaves out the sections whose related objects were not given', () => {
		const service = {
			kind: 'Service',
			metadata: {name: 'api', namespace: 'shop'},
			spec: {type: 'ClusterIP', ports: [{name: 'http', port: 80, targetPort: 8080, protocol: 'TCP'}]},
		};
		expect(describeLines(service, [], NOW).join('\n')).not.toContain('Endpoints:');
		expect(describeLines(service, [], NOW, false, {endpointSlices: []}).join('\n')).toContain('Endpoints:         <none>');
	});

	it('strips escape sequences from what the cluster sent', () => {
		const configMap = {
			kind: 'ConfigMap',
			metadata: {name: 'evil\u001b]0;pwned\u0007', namespace: 'x\u001b[2J'},
			data: {k: 'v\u001b[31mred'},
		};
		const text = describeLines(configMap, [], NOW).join('\n');
		expect(text.includes('\u001b')).toBe(false);
		expect(text).toContain('Name:         evil');
		expect(text).toContain('vred');
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
			'  ----     ------     ----               ----               -------',
			'  Normal   Scheduled  15m                default-scheduler  Successfully assigned shop/web-1 to node-1',
			'  Warning  BackOff    30s (x5 over 10m)  kubelet            Back-off restarting failed container',
		]);
	});

	it('keeps a multi-line message on one line', () => {
		const lines = eventLines(
			[{type: 'Warning', reason: 'Failed', message: 'first\n  second', lastTimestamp: ago(5), firstTimestamp: ago(5)}],
			NOW,
		);
		expect(lines.at(-1)).toMatch(/first second$/);
	});
});
