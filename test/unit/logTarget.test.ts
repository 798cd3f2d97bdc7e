import {describe, expect, it} from 'vitest';
import {podContainerRows} from '../../src/model/containers.js';
import {defaultContainer, INITIAL_TAIL, logRequestFor} from '../../src/model/logTarget.js';

const pod = {
	metadata: {name: 'web-1', namespace: 'shop', annotations: {}},
	spec: {initContainers: [{name: 'migrate'}], containers: [{name: 'app'}, {name: 'proxy'}]},
};

describe('what l follows', () => {
	it('a pod: the default-container annotation, else the first container', () => {
		expect(defaultContainer(pod)).toBe('app');
		expect(defaultContainer({...pod, metadata: {...pod.metadata, annotations: {'kubectl.kubernetes.io/default-container': 'proxy'}}})).toBe(
			'proxy',
		);
		expect(logRequestFor('pods', 'shop/web-1', pod)).toEqual({
			kind: 'pods',
			key: 'shop/web-1',
			container: 'app',
			tailLines: INITIAL_TAIL,
			follow: true,
		});
	});

	it("a pod's container row: that pod and that container, init containers too", () => {
		const rows = podContainerRows('shop/web-1', pod);
		const [migrate] = rows;
		expect(migrate && logRequestFor('podcontainers', migrate[0], migrate[1])).toMatchObject({
			kind: 'pods',
			key: 'shop/web-1',
			container: 'migrate',
		});
		const proxy = rows.find(([key]) => key.endsWith(':proxy'));
		expect(proxy && logRequestFor('podcontainers', proxy[0], proxy[1])).toMatchObject({container: 'proxy'});
	});

	it('a Docker container; not yet a workload', () => {
		expect(logRequestFor('containers', 'abc123', {})).toEqual({kind: 'containers', key: 'abc123', tailLines: INITIAL_TAIL, follow: true});
		expect(logRequestFor('deployments', 'shop/web', {})).toBeUndefined();
	});
});
