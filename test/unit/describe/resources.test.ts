import {describe, expect, it} from 'vitest';
import {addQuantity, formatQuantity, parseQuantity, percent, podRequestsAndLimits} from '../../../src/model/describe/resources.js';

const text = (list: Map<string, ReturnType<typeof parseQuantity>>) => Object.fromEntries([...list].map(([k, q]) => [k, formatQuantity(q)]));
const sum = (...values: string[]) => formatQuantity(values.map(parseQuantity).reduce(addQuantity, parseQuantity('0')));

describe('quantities as describe prints them', () => {
	it('sums in the format of the first non-zero term, canonically', () => {
		expect(sum('64Mi', '64Mi', '128Mi')).toBe('256Mi');
		expect(sum('50m', '50m', '900m')).toBe('1');
		expect(sum('0', '100M', '1Gi')).toBe('1173741824');
		expect(sum('1Gi', '500M')).toBe('1573741824');
		expect(sum('512Mi', '512Mi')).toBe('1Gi');
		expect(sum('1500m')).toBe('1500m');
		expect(sum('1e3', '1e3')).toBe('2e3');
		expect(sum()).toBe('0');
	});

	it('prints a small or fractional binary quantity as decimal', () => {
		expect(formatQuantity(parseQuantity('0.5Ki'))).toBe('512');
		expect(formatQuantity(parseQuantity('1000Ki'))).toBe('1000Ki');
	});

	it('truncates percentages as Go converts a float to int64', () => {
		expect(percent(350n, 4000n)).toBe('8');
		expect(percent(1n, 3n)).toBe('33');
		expect(percent(5n, 0n)).toBe('-9223372036854775808');
	});
});

describe('podRequestsAndLimits', () => {
	it('sums the containers and takes the larger of that and each init container', () => {
		const pod = {
			spec: {
				containers: [
					{resources: {requests: {cpu: '100m', memory: '64Mi'}, limits: {memory: '128Mi'}}},
					{resources: {requests: {cpu: '100m'}}},
				],
				initContainers: [{resources: {requests: {cpu: '500m', memory: '32Mi'}, limits: {cpu: '1'}}}],
			},
		};
		const {requests, limits} = podRequestsAndLimits(pod);
		expect(text(requests)).toEqual({cpu: '500m', memory: '64Mi'});
		expect(text(limits)).toEqual({memory: '128Mi', cpu: '1'});
	});

	it('adds sidecar init containers to the sum and to every later init container', () => {
		const pod = {
			spec: {
				containers: [{resources: {requests: {cpu: '100m'}}}],
				initContainers: [{restartPolicy: 'Always', resources: {requests: {cpu: '200m'}}}, {resources: {requests: {cpu: '250m'}}}],
			},
		};
		expect(text(podRequestsAndLimits(pod).requests)).toEqual({cpu: '450m'});
	});

	it('adds the pod overhead to requests, and to limits only where one is set', () => {
		const pod = {spec: {overhead: {cpu: '10m', memory: '1Mi'}, containers: [{resources: {requests: {cpu: '90m'}, limits: {cpu: '190m'}}}]}};
		const {requests, limits} = podRequestsAndLimits(pod);
		expect(text(requests)).toEqual({cpu: '100m', memory: '1Mi'});
		expect(text(limits)).toEqual({cpu: '200m'});
	});
});
