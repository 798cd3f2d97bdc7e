import {describe, expect, it} from 'vitest';
import {describeLines, type DescribeRelated} from '../../../src/model/describe.js';
import {NOW, UTC} from './fixtures.js';

const SERVICE = {
	kind: 'Service',
	metadata: {name: 'web', namespace: 'shop', labels: {app: 'web'}},
	spec: {
		type: 'LoadBalancer',
		selector: {app: 'web'},
		ipFamilyPolicy: 'PreferDualStack',
		ipFamilies: ['IPv4', 'IPv6'],
		clusterIP: '10.96.0.10',
		clusterIPs: ['10.96.0.10', 'fd00::a'],
		externalIPs: ['1.2.3.4'],
		loadBalancerIP: '5.6.7.8',
		loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'],
		ports: [
			{name: 'http', port: 80, targetPort: 'web', protocol: 'TCP', nodePort: 30080},
			{port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 30443},
		],
		sessionAffinity: 'None',
		externalTrafficPolicy: 'Local',
		internalTrafficPolicy: 'Cluster',
		healthCheckNodePort: 32000,
		trafficDistribution: 'PreferClose',
	},
	status: {loadBalancer: {ingress: [{ip: '5.6.7.8', ipMode: 'VIP'}, {hostname: 'lb.example.com'}]}},
};

const endpoint = (address: string, ready?: boolean) => ({addresses: [address], conditions: ready === undefined ? {} : {ready}});

const run = (related: DescribeRelated, service: Record<string, unknown> = SERVICE) => describeLines(service, [], NOW, false, related, UTC);
const endpoints = (lines: string[]) => lines.filter((l) => l.startsWith('Endpoints:')).map((l) => l.replace(/^Endpoints:\s+/, ''));

describe('describe service', () => {
	it('prints every field of a dual-stack load balancer, with the first three ready endpoints of each port', () => {
		const slices = [
			{
				ports: [
					{name: 'http', port: 8080},
					{name: '', port: 8443},
				],
				endpoints: [
					endpoint('10.0.0.1', true),
					endpoint('10.0.0.2', false),
					endpoint('fd00::3'),
					endpoint('10.0.0.4', true),
					endpoint('10.0.0.5', true),
				],
			},
		];
		expect(run({endpointSlices: slices})).toEqual([
			'Name:                        web',
			'Namespace:                   shop',
			'Labels:                      app=web',
			'Annotations:                 <none>',
			'Selector:                    app=web',
			'Type:                        LoadBalancer',
			'IP Family Policy:            PreferDualStack',
			'IP Families:                 IPv4,IPv6',
			'IP:                          10.96.0.10',
			'IPs:                         10.96.0.10,fd00::a',
			'External IPs:                1.2.3.4',
			'Desired LoadBalancer IP:     5.6.7.8',
			'LoadBalancer Ingress:        5.6.7.8 (VIP), lb.example.com',
			'Port:                        http  80/TCP',
			'TargetPort:                  web/TCP',
			'NodePort:                    http  30080/TCP',
			'Endpoints:                   10.0.0.1:8080,[fd00::3]:8080,10.0.0.4:8080 + 1 more...',
			'Port:                        <unset>  443/TCP',
			'TargetPort:                  8443/TCP',
			'NodePort:                    <unset>  30443/TCP',
			'Endpoints:                   10.0.0.1:8443,[fd00::3]:8443,10.0.0.4:8443 + 1 more...',
			'Session Affinity:            None',
			'External Traffic Policy:     Local',
			'Internal Traffic Policy:     Cluster',
			'HealthCheck NodePort:        32000',
			'LoadBalancer Source Ranges:  10.0.0.0/8,192.168.0.0/16',
			'Traffic Distribution:        PreferClose',
			'Events:                      <none>',
		]);
	});

	it('writes <none> without slices, nothing for a port no slice serves, and the addresses alone for port-less slices', () => {
		expect(endpoints(run({endpointSlices: []}))).toEqual(['<none>', '<none>']);
		expect(endpoints(run({endpointSlices: [{ports: [{name: 'other', port: 1}], endpoints: [endpoint('10.0.0.1')]}]}))).toEqual(['', '']);
		expect(endpoints(run({endpointSlices: [{endpoints: [endpoint('10.0.0.1'), endpoint('10.0.0.2', false)]}]}))).toEqual([
			'10.0.0.1',
			'10.0.0.1',
		]);
	});

	it('counts "+ 0 more" when the list is full and only not-ready endpoints follow, as kubectl does', () => {
		const slice = {
			ports: [{name: 'http', port: 80}],
			endpoints: ['1', '2', '3'].map((n) => endpoint(`10.0.0.${n}`)).concat(endpoint('10.0.0.9', false)),
		};
		expect(endpoints(run({endpointSlices: [slice]}))[0]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...');
	});

	it('reads a core/v1 Endpoints object when no slices were given', () => {
		const legacy = {
			subsets: [{addresses: [{ip: '10.0.0.1'}], notReadyAddresses: [{ip: '10.0.0.2'}], ports: [{name: 'http', port: 8080}]}],
		};
		expect(endpoints(run({endpoints: legacy}))).toEqual(['10.0.0.1:8080', '']);
	});

	it('leaves Endpoints out when neither was given', () => {
		expect(endpoints(run({}))).toEqual([]);
	});

	it('prints an ExternalName service', () => {
		const service = {
			kind: 'Service',
			metadata: {name: 'db', namespace: 'shop'},
			spec: {type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None'},
		};
		expect(run({endpointSlices: []}, service)).toEqual([
			'Name:              db',
			'Namespace:         shop',
			'Labels:            <none>',
			'Annotations:       <none>',
			'Selector:          <none>',
			'Type:              ExternalName',
			'IP Families:       <none>',
			'IP:                ',
			'IPs:               <none>',
			'External Name:     db.example.com',
			'Session Affinity:  None',
			'Events:            <none>',
		]);
	});
});
