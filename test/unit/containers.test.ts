import {describe, expect, it} from 'vitest';
import {expandPodContainers, podContainerRows} from '../../src/model/containers.js';

// A pod's containers as rows: order, state text, health, and keys that follow the pod.

const pod = {
	metadata: {name: 'ledger-1', namespace: 'payments', creationTimestamp: '2026-01-01T00:00:00Z', labels: {app: 'ledger'}},
	spec: {
		initContainers: [
			{name: 'migrate', image: 'migrate:1'},
			{name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', ports: [{name: 'admin', containerPort: 9901}]},
		],
		containers: [{name: 'ledger', image: 'ledger:3', ports: [{containerPort: 8080}, {containerPort: 53, protocol: 'UDP'}]}],
	},
	status: {
		initContainerStatuses: [
			{
				name: 'migrate',
				ready: false,
				restartCount: 0,
				state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:05Z'}},
			},
			{name: 'proxy', ready: true, restartCount: 1, state: {running: {startedAt: '2026-01-01T00:00:10Z'}}},
		],
		containerStatuses: [{name: 'ledger', ready: false, restartCount: 4, state: {waiting: {reason: 'CrashLoopBackOff'}}}],
	},
};

describe('podContainerRows', () => {
	it('lists init containers, sidecars and containers in spec order, keyed by pod, place and name', () => {
		const rows = podContainerRows('payments/ledger-1', pod);
		expect(rows.map(([key]) => key)).toEqual([
			'payments/ledger-1/000:migrate',
			'payments/ledger-1/001:proxy',
			'payments/ledger-1/002:ledger',
		]);
		expect(rows.map(([, o]) => (o['kviewContainer'] as {init: string}).init)).toEqual(['init', 'sidecar', '']);
	});

	it('says each state as k9s does and rates its health', () => {
		const view = podContainerRows('payments/ledger-1', pod).map(([, o]) => o['kviewContainer']);
		expect(view).toEqual([
			expect.objectContaining({state: 'Terminated:Completed', ready: 'false', restarts: 0, health: 'done'}),
			expect.objectContaining({state: 'Running', ready: 'true', restarts: 1, health: 'ok', ports: 'admin:9901/TCP'}),
			expect.objectContaining({state: 'Waiting:CrashLoopBackOff', ready: 'false', restarts: 4, health: 'error', ports: '8080/TCP,53/UDP'}),
		]);
	});

	it('ages a row from its container’s start, else the pod’s creation', () => {
		const created = podContainerRows('k', pod).map(([, o]) => (o['metadata'] as {creationTimestamp: string}).creationTimestamp);
		expect(created).toEqual(['2026-01-01T00:00:05Z', '2026-01-01T00:00:10Z', '2026-01-01T00:00:00Z']);
	});

	it('a container with no status yet is Waiting and pending; a failed one is an error', () => {
		const fresh = {
			metadata: {name: 'p'},
			spec: {containers: [{name: 'a'}, {name: 'b'}]},
			status: {containerStatuses: [{name: 'b', state: {terminated: {exitCode: 137, reason: 'OOMKilled'}}}]},
		};
		const rows = podContainerRows('p', fresh).map(([, o]) => o['kviewContainer']);
		expect(rows).toEqual([
			expect.objectContaining({state: 'Waiting', health: 'pending'}),
			expect.objectContaining({state: 'Terminated:OOMKilled', health: 'error'}),
		]);
	});
});

describe('expandPodContainers', () => {
	it('expands every pod of a feed', () => {
		const other = {metadata: {name: 'web'}, spec: {containers: [{name: 'nginx'}]}};
		const rows = expandPodContainers(
			new Map([
				['payments/ledger-1', pod],
				['shop/web', other],
			]),
		);
		expect([...rows.keys()]).toEqual([
			'payments/ledger-1/000:migrate',
			'payments/ledger-1/001:proxy',
			'payments/ledger-1/002:ledger',
			'shop/web/000:nginx',
		]);
	});
});
