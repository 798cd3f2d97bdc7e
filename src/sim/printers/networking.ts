/** Printers for Service, Endpoints, EndpointSlice and Ingress. */
import type {KubeObject, Printer} from '../types.js';
import {formatEndpoints} from '../../model/endpointsText.js';
import {AGE, NAME, column} from './columns.js';
import {age, formatLabels, listWithMore} from './format.js';
import {int, optInt, optStr, rec, recs, str, strs} from '../../model/json.js';

/**
 * The load balancer's ingress points, IPs before hostnames per entry, sorted and
 * unique. The API server prints Tables wide, so the 16-character clipping
 * kubectl's non-wide printer applies never happens server-side.
 */
function loadBalancerAddresses(status: unknown): string {
	const points = new Set<string>();
	for (const ingress of recs(rec(rec(status).loadBalancer).ingress)) {
		const point = str(ingress.ip) || str(ingress.hostname);
		if (point !== '') points.add(point);
	}
	return [...points].sort().join(',');
}

function externalIP(service: KubeObject, type: string): string {
	const spec = rec(service.spec);
	const externalIPs = strs(spec.externalIPs);
	switch (type) {
		case 'ClusterIP':
		case 'NodePort':
			return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
		case 'LoadBalancer': {
			const lb = loadBalancerAddresses(service.status);
			if (externalIPs.length > 0) return [...(lb === '' ? [] : lb.split(',')), ...externalIPs].join(',');
			return lb === '' ? '<pending>' : lb;
		}
		case 'ExternalName':
			return str(spec.externalName);
		default:
			return '<unknown>';
	}
}

function servicePorts(spec: Readonly<Record<string, unknown>>): string {
	const ports = recs(spec.ports).map((p) => {
		// The API server defaults a port's protocol to TCP.
		const protocol = str(p.protocol, 'TCP');
		const nodePort = int(p.nodePort);
		return nodePort > 0 ? `${int(p.port)}:${nodePort}/${protocol}` : `${int(p.port)}/${protocol}`;
	});
	return ports.join(',') || '<none>';
}

/** kubectl get services: Name, Type, Cluster-IP, External-IP, Port(s), Age; wide Selector. */
export const servicePrinter: Printer = {
	columns: [
		NAME,
		column('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP.'),
		column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
		column(
			'External-IP',
			'string',
			'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
		),
		column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
		AGE,
		column('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
	],
	cells: (o, now) => {
		const spec = rec(o.spec);
		// The API server defaults type to ClusterIP and fills clusterIPs from clusterIP.
		const type = str(spec.type, 'ClusterIP');
		const clusterIP = strs(spec.clusterIPs)[0] ?? (optStr(spec.clusterIP) || '<none>');
		return [o.metadata.name, type, clusterIP, externalIP(o, type), servicePorts(spec), age(o, now), formatLabels(spec.selector)];
	},
};

/** kubectl get endpoints: Name, Endpoints, Age. */
export const endpointsPrinter: Printer = {
	columns: [NAME, column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'), AGE],
	cells: (o, now) => [o.metadata.name, formatEndpoints(o), age(o, now)],
};

/** kubectl get endpointslices: Name, AddressType, Ports, Endpoints, Age. */
export const endpointSlicePrinter: Printer = {
	columns: [
		NAME,
		column('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
		column('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
		column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
		AGE,
	],
	cells: (o, now) => {
		const ports = recs(o.ports).map((p) => {
			const port = optInt(p.port);
			return port !== undefined ? String(port) : (optStr(p.name) ?? '*');
		});
		const addresses = recs(o.endpoints).flatMap((e) => strs(e.addresses));
		return [o.metadata.name, str(o.addressType), listWithMore(ports, 3), listWithMore(addresses, 3), age(o, now)];
	},
};

/** formatHosts: the first three rule hosts, then `+ N more...` counting every rule past the third; `*` when none has a host. */
function ingressHosts(rules: readonly Readonly<Record<string, unknown>>[]): string {
	const max = 3;
	const hosts: string[] = [];
	let more = false;
	for (const rule of rules) {
		if (hosts.length === max) more = true;
		const host = str(rule.host);
		if (!more && host !== '') hosts.push(host);
	}
	if (hosts.length === 0) return '*';
	return more ? `${hosts.join(',')} + ${rules.length - max} more...` : hosts.join(',');
}

/** kubectl get ingresses: Name, Class, Hosts, Address, Ports, Age. */
export const ingressPrinter: Printer = {
	columns: [
		NAME,
		column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
		column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
		column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
		column('Ports', 'string', 'Ports of TLS configurations that open'),
		AGE,
	],
	cells: (o, now) => {
		const spec = rec(o.spec);
		return [
			o.metadata.name,
			optStr(spec.ingressClassName) ?? '<none>',
			ingressHosts(recs(spec.rules)),
			loadBalancerAddresses(o.status),
			recs(spec.tls).length > 0 ? '80, 443' : '80',
			age(o, now),
		];
	},
};
