import {describe, expect, it} from 'vitest';
import {project} from '../../../src/sources/kube/projection.js';

// What the store keeps of each object: enough for views, xray and pulse, and nothing
// that only describe/YAML needs (they fetch the whole object).

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const managedFields = [{manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: {'f:spec': {}}}];

function meta(extra: Record<string, unknown> = {}) {
	return {
		name: 'web-1',
		namespace: 'shop',
		uid: 'u-1',
		resourceVersion: '42',
		labels: {app: 'web'},
		annotations: {[LAST_APPLIED]: '{"big":"json"}', 'team.example/owner': 'shop'},
		ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1', controller: true}],
		managedFields,
		...extra,
	};
}

type Json = Record<string, unknown>;
const asJson = (value: unknown) => value as Json;

const pod = {
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: meta(),
	spec: {
		nodeName: 'node-1',
		restartPolicy: 'Always',
		serviceAccountName: 'web',
		readinessGates: [{conditionType: 'example.com/ready'}],
		volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'data'}}],
		tolerations: [{key: 'dedicated', operator: 'Exists'}],
		affinity: {nodeAffinity: {}},
		initContainers: [
			{name: 'migrate', image: 'migrate:1', env: [{name: 'DB_PASSWORD', value: 'hunter2'}]},
			{name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', ports: [{containerPort: 15000}]},
		],
		containers: [
			{
				name: 'web',
				image: 'web:2',
				ports: [{containerPort: 8080, protocol: 'TCP'}],
				env: [{name: 'API_KEY', value: 'sk-live'}],
				envFrom: [{secretRef: {name: 'web-env'}}],
				volumeMounts: [{name: 'data', mountPath: '/data'}],
				livenessProbe: {httpGet: {path: '/healthz', port: 8080}},
				resources: {requests: {cpu: '100m'}},
				command: ['/web', '--secret=abc'],
			},
			{name: 'sidecar', image: 'log:1'},
		],
	},
	status: {
		phase: 'Running',
		podIP: '10.0.0.5',
		conditions: [{type: 'Ready', status: 'True'}],
		initContainerStatuses: [{name: 'migrate', ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed'}}}],
		containerStatuses: [
			{name: 'web', ready: true, restartCount: 3, state: {running: {startedAt: '2024-01-01T00:00:00Z'}}},
			{name: 'sidecar', ready: true, restartCount: 0, state: {running: {}}},
		],
	},
};

describe('project', () => {
	it('drops managedFields and the last-applied annotation but keeps the other metadata', () => {
		const out = asJson(project('services', {apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: {type: 'ClusterIP'}}));
		const m = asJson(out['metadata']);
		expect(m['managedFields']).toBeUndefined();
		expect(m['annotations']).toEqual({'team.example/owner': 'shop'});
		expect(m['labels']).toEqual({app: 'web'});
		expect(m['ownerReferences']).toEqual(meta().ownerReferences);
		expect(m['resourceVersion']).toBe('42');
		expect(out['spec']).toEqual({type: 'ClusterIP'});
	});

	it('keeps annotations untouched when there is no last-applied copy, and does not add any', () => {
		const onlyOwn = asJson(project('services', {metadata: {name: 's', annotations: {a: '1'}}}));
		expect(asJson(onlyOwn['metadata'])['annotations']).toEqual({a: '1'});
		const none = asJson(project('services', {metadata: {name: 's'}}));
		expect(asJson(none['metadata'])).toEqual({name: 's'});
	});

	it('leaves the input object alone', () => {
		const input = structuredClone(pod);
		project('pods', input);
		expect(input).toEqual(pod);
	});

	it('keeps what pod status, READY, RESTARTS and drill-downs read', () => {
		const out = asJson(project('pods', pod));
		const spec = asJson(out['spec']);
		expect(spec['nodeName']).toBe('node-1');
		expect(spec['restartPolicy']).toBe('Always');
		expect(spec['serviceAccountName']).toBe('web');
		expect(spec['readinessGates']).toEqual([{conditionType: 'example.com/ready'}]);
		expect(spec['containers']).toEqual([
			{name: 'web', image: 'web:2', ports: [{containerPort: 8080, protocol: 'TCP'}]},
			{name: 'sidecar', image: 'log:1'},
		]);
		// A native sidecar is an init container with restartPolicy Always: READY counts it.
		expect(spec['initContainers']).toEqual([
			{name: 'migrate', image: 'migrate:1'},
			{name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', ports: [{containerPort: 15000}]},
		]);
		expect(out['status']).toEqual(pod.status);
		expect(out['kind']).toBe('Pod');
		expect(asJson(out['metadata'])['ownerReferences']).toEqual(meta().ownerReferences);
	});

	it('drops env, volumes, probes and the rest of a pod spec', () => {
		const out = asJson(project('pods', pod));
		const spec = asJson(out['spec']);
		for (const key of ['volumes', 'tolerations', 'affinity']) expect(spec, key).not.toHaveProperty(key);
		const text = JSON.stringify(out);
		for (const key of ['env', 'envFrom', 'volumeMounts', 'livenessProbe', 'resources', 'command', 'managedFields'])
			expect(text, key).not.toContain(`"${key}":`);
		for (const value of ['hunter2', 'sk-live']) expect(text, value).not.toContain(value);
	});

	it('gives a pod without init containers none', () => {
		const out = asJson(project('pods', {metadata: {name: 'p'}, spec: {containers: [{name: 'c', image: 'i', env: []}]}}));
		expect(out['spec']).toEqual({containers: [{name: 'c', image: 'i'}]});
	});

	it('trims a workload to its selector, counts and container images', () => {
		const deployment = {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: meta(),
			spec: {
				replicas: 3,
				selector: {matchLabels: {app: 'web'}},
				strategy: {type: 'RollingUpdate'},
				template: {
					metadata: {labels: {app: 'web'}, annotations: {'checksum/config': 'abc'}},
					spec: pod.spec,
				},
			},
			status: {replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2},
		};
		for (const resource of ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'replicationcontrollers']) {
			const out = asJson(project(resource, deployment));
			const spec = asJson(out['spec']);
			expect(spec['replicas'], resource).toBe(3);
			expect(spec['selector'], resource).toEqual({matchLabels: {app: 'web'}});
			expect(spec['template'], resource).toEqual({
				metadata: {labels: {app: 'web'}},
				spec: {
					containers: [
						{name: 'web', image: 'web:2'},
						{name: 'sidecar', image: 'log:1'},
					],
				},
			});
			expect(out['status'], resource).toEqual(deployment.status);
			expect(JSON.stringify(out), resource).not.toContain('sk-live');
		}
	});

	it("keeps a pod template's nodeSelector (the daemonset NODE SELECTOR column)", () => {
		const daemonSet = {metadata: meta(), spec: {template: {spec: {nodeSelector: {'kubernetes.io/os': 'linux'}, containers: []}}}};
		const template = asJson(asJson(asJson(project('daemonsets', daemonSet))['spec'])['template']);
		expect(asJson(template['spec'])['nodeSelector']).toEqual({'kubernetes.io/os': 'linux'});
	});

	it('blanks secret values but keeps their keys and type', () => {
		const secret = {
			apiVersion: 'v1',
			kind: 'Secret',
			metadata: meta({annotations: {[LAST_APPLIED]: '{"data":{"password":"aHVudGVyMg=="}}'}}),
			type: 'kubernetes.io/basic-auth',
			data: {username: 'YWRtaW4=', password: 'aHVudGVyMg=='},
		};
		const out = asJson(project('secrets', secret));
		expect(out['data']).toEqual({username: '', password: ''});
		expect(out['type']).toBe('kubernetes.io/basic-auth');
		// last-applied would carry the values too.
		expect(JSON.stringify(out)).not.toContain('aHVudGVyMg==');
		expect(JSON.stringify(out)).not.toContain('YWRtaW4=');
	});

	it('blanks configmap values and binaryData, keys kept (the DATA column counts both)', () => {
		const configMap = {
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: meta(),
			data: {'app.yaml': 'x'.repeat(10_000), level: 'debug'},
			binaryData: {'logo.png': 'iVBORw0KGgo='},
		};
		const out = asJson(project('configmaps', configMap));
		expect(out['data']).toEqual({'app.yaml': '', level: ''});
		expect(out['binaryData']).toEqual({'logo.png': ''});
		expect(JSON.stringify(out).length).toBeLessThan(1000);
	});

	it('gives a secret or configmap without data an empty map', () => {
		expect(asJson(project('secrets', {metadata: {name: 's'}}))['data']).toEqual({});
		expect(asJson(project('configmaps', {metadata: {name: 'c'}}))['data']).toEqual({});
	});

	it('changes nothing of an unknown kind but its managedFields and last-applied copy', () => {
		const widget = {
			apiVersion: 'example.com/v1',
			kind: 'Widget',
			metadata: meta(),
			spec: {size: 3, template: {spec: {containers: [{name: 'c', env: [{name: 'A', value: 'b'}]}]}}},
			data: {keep: 'me'},
			status: {ok: true},
		};
		const out = asJson(project('widgets', widget));
		const metadata: Record<string, unknown> = {...widget.metadata, annotations: {'team.example/owner': 'shop'}};
		delete metadata['managedFields'];
		expect(out).toEqual({...widget, metadata});
	});
});
