import {describe, expect, it} from 'vitest';
import {forwardPorts, parsePortPair} from '../../src/model/ports.js';

type Json = Record<string, unknown>;

/** A container with these ports (`protocol` left out when undefined, as the API may). */
const container = (name: string, ports: {containerPort?: number; protocol?: string; name?: string}[] | undefined): Json =>
	ports === undefined ? {name, image: 'img'} : {name, image: 'img', ports};

const pod = (...containers: Json[]): Json => ({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers}});

const deployment = (...containers: Json[]): Json => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'd'},
	spec: {replicas: 1, selector: {matchLabels: {app: 'd'}}, template: {metadata: {labels: {app: 'd'}}, spec: {containers}}},
});

const service = (ports: Json[] | undefined): Json => ({
	apiVersion: 'v1',
	kind: 'Service',
	metadata: {name: 's'},
	spec: ports === undefined ? {type: 'ClusterIP'} : {type: 'ClusterIP', selector: {app: 'd'}, ports},
});

describe('forwardPorts', () => {
	it.each<[string, Json, number[]]>([
		[
			'a service: its ports in order',
			service([
				{name: 'http', port: 80, targetPort: 8080},
				{name: 'https', port: 443, targetPort: 'https'},
			]),
			[80, 443],
		],
		['a service: the port, not the targetPort', service([{port: 80, targetPort: 8080, protocol: 'TCP'}]), [80]],
		[
			'a service: UDP ports are skipped',
			service([{name: 'dns', port: 53, protocol: 'UDP'}, {name: 'dns-tcp', port: 53, protocol: 'TCP'}, {port: 9153}]),
			[53, 9153],
		],
		['a service: SCTP ports are skipped', service([{port: 9000, protocol: 'SCTP'}, {port: 80}]), [80]],
		['a service with only UDP ports has none', service([{port: 53, protocol: 'UDP'}]), []],
		['a service without ports (headless, ExternalName)', service(undefined), []],
		['a service with an empty port list', service([]), []],
		[
			'a pod: its containers ports in order',
			pod(container('a', [{containerPort: 8080}, {containerPort: 9090}]), container('b', [{containerPort: 5432}])),
			[8080, 9090, 5432],
		],
		[
			'a pod: UDP container ports are skipped',
			pod(
				container('dns', [
					{containerPort: 53, protocol: 'UDP'},
					{containerPort: 8053, protocol: 'TCP'},
				]),
			),
			[8053],
		],
		[
			'a pod: containers without ports are passed over',
			pod(container('sidecar', undefined), container('web', [{containerPort: 80}])),
			[80],
		],
		['a pod without any ports', pod(container('a', undefined), container('b', [])), []],
		['a pod: a port entry without containerPort is ignored', pod(container('a', [{name: 'x'}, {containerPort: 80}])), [80]],
		[
			'a deployment: its pod template ports',
			deployment(container('web', [{containerPort: 80}, {containerPort: 443}]), container('metrics', [{containerPort: 9100}])),
			[80, 443, 9100],
		],
		[
			'a deployment: UDP template ports are skipped',
			deployment(container('web', [{containerPort: 514, protocol: 'UDP'}, {containerPort: 80}])),
			[80],
		],
		['a deployment without ports', deployment(container('worker', undefined)), []],
		[
			'duplicates across containers are removed',
			pod(container('a', [{containerPort: 80}]), container('b', [{containerPort: 80}, {containerPort: 81}])),
			[80, 81],
		],
		[
			'the same port TCP and UDP is listed once',
			pod(
				container('a', [
					{containerPort: 53, protocol: 'UDP'},
					{containerPort: 53, protocol: 'TCP'},
				]),
			),
			[53],
		],
		[
			'a service port listed twice is listed once',
			service([
				{port: 80, name: 'a'},
				{port: 80, name: 'b'},
			]),
			[80],
		],
		['an object with no spec', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {}}, []],
		['an empty object', {}, []],
		['a pod with an empty spec', {kind: 'Pod', spec: {}}, []],
	])('%s', (_name, object, want) => {
		expect(forwardPorts(object)).toEqual(want);
	});
});

describe('parsePortPair', () => {
	it.each<[string, string, {local: number; remote: number}]>([
		['local:remote', '8080:80', {local: 8080, remote: 80}],
		['one port: the same both sides', '8080', {local: 8080, remote: 8080}],
		[':remote: any free local port', ':80', {local: 0, remote: 80}],
		['0:remote: any free local port too', '0:80', {local: 0, remote: 80}],
		['spaces around', '  8080:80  ', {local: 8080, remote: 80}],
		['spaces around the colon', '8080 : 80', {local: 8080, remote: 80}],
		['spaces around one port', ' 5432 ', {local: 5432, remote: 5432}],
		['spaces around :remote', ' : 80 ', {local: 0, remote: 80}],
		['the highest port', '65535:65535', {local: 65535, remote: 65535}],
		['the lowest remote port', '1:1', {local: 1, remote: 1}],
		['leading zeros are the number', '08080:080', {local: 8080, remote: 80}],
	])('%s: %j', (_name, text, want) => {
		expect(parsePortPair(text)).toEqual(want);
	});

	it.each<[string, string, RegExp]>([
		['empty', '', /is not LOCAL:REMOTE, e\.g\. 8080:80$/],
		['blank', '   ', /is not LOCAL:REMOTE/],
		['letters', 'abc', /^"abc" is not LOCAL:REMOTE/],
		['a port name', 'http:80', /is not LOCAL:REMOTE/],
		['no remote after the colon', '80:', /^"80:" is not LOCAL:REMOTE/],
		['a colon alone', ':', /is not LOCAL:REMOTE/],
		['three parts', '1:2:3', /^"1:2:3" is not LOCAL:REMOTE/],
		['two ports without a colon', '8080 80', /is not LOCAL:REMOTE/],
		['a negative port', '-1:80', /is not LOCAL:REMOTE/],
		['a decimal', '80.5:80', /is not LOCAL:REMOTE/],
		['local above 65535', '70000:80', /^ports must be between 1 and 65535 \(got 70000:80\)$/],
		['remote above 65535', '80:70000', /^ports must be between 1 and 65535/],
		['one port above 65535', '65536', /^ports must be between 1 and 65535 \(got 65536\)$/],
		['remote 0', '80:0', /^ports must be between 1 and 65535 \(got 80:0\)$/],
		['one port 0', '0', /^ports must be between 1 and 65535/],
		[':0', ':0', /^ports must be between 1 and 65535/],
		['the message shows the text trimmed', ' 80:0 ', /\(got 80:0\)$/],
	])('%s is an error: %j', (_name, text, message) => {
		const result = parsePortPair(text);
		expect(result).not.toHaveProperty('local');
		expect('error' in result && result.error).toMatch(message);
	});
});
