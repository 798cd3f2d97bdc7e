/** Printers for core/v1 kinds without much logic: Namespace, Node, ConfigMap, Secret, ServiceAccount. */
import type {KubeObject, Printer} from '../types.js';
import {AGE, NAME, column} from './columns.js';
import {age} from './format.js';
import {rec, recs, str, strMap} from '../../model/json.js';

/** kubectl get namespaces: Name, Status, Age. */
export const namespacePrinter: Printer = {
	columns: [NAME, column('Status', 'string', 'The status of the namespace'), AGE],
	// The API server sets phase Active on create.
	cells: (o, now) => [o.metadata.name, str(rec(o.status).phase, 'Active'), age(o, now)],
};

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted and unique. */
function nodeRoles(node: KubeObject): string {
	const roles = new Set<string>();
	for (const [key, value] of Object.entries(strMap(node.metadata.labels))) {
		if (key.startsWith(ROLE_PREFIX)) {
			const role = key.slice(ROLE_PREFIX.length);
			if (role !== '') roles.add(role);
		} else if (key === 'kubernetes.io/role' && value !== '') {
			roles.add(value);
		}
	}
	return [...roles].sort().join(',') || '<none>';
}

function nodeStatus(node: KubeObject): string {
	// Only the Ready condition counts; the last one of that type wins, as in printNode's map.
	const ready = recs(rec(node.status).conditions).filter((c) => c.type === 'Ready');
	const last = ready[ready.length - 1];
	const status = [last === undefined ? 'Unknown' : last.status === 'True' ? 'Ready' : 'NotReady'];
	if (rec(node.spec).unschedulable === true) status.push('SchedulingDisabled');
	return status.join(',');
}

function nodeAddress(node: KubeObject, type: string): string {
	return str(recs(rec(node.status).addresses).find((a) => a.type === type)?.address) || '<none>';
}

/** kubectl get nodes: Name, Status, Roles, Age, Version; wide Internal-IP, External-IP, OS-Image, Kernel-Version, Container-Runtime. */
export const nodePrinter: Printer = {
	columns: [
		NAME,
		column('Status', 'string', 'The status of the node'),
		column('Roles', 'string', 'The roles of the node'),
		AGE,
		column('Version', 'string', 'Kubelet Version reported by the node.'),
		column('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
		column('External-IP', 'string', 'List of addresses reachable to the node.', 1),
		column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
		column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
		column(
			'Container-Runtime',
			'string',
			'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
			1,
		),
	],
	cells: (o, now) => {
		const info = rec(rec(o.status).nodeInfo);
		return [
			o.metadata.name,
			nodeStatus(o),
			nodeRoles(o),
			age(o, now),
			str(info.kubeletVersion),
			nodeAddress(o, 'InternalIP'),
			nodeAddress(o, 'ExternalIP'),
			str(info.osImage) || '<unknown>',
			str(info.kernelVersion) || '<unknown>',
			str(info.containerRuntimeVersion) || '<unknown>',
		];
	},
};

/** kubectl get configmaps: Name, Data (keys in data plus binaryData), Age. */
export const configMapPrinter: Printer = {
	columns: [NAME, column('Data', 'string', 'Data contains the configuration data.'), AGE],
	cells: (o, now) => [o.metadata.name, Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length, age(o, now)],
};

/** kubectl get secrets: Name, Type, Data, Age. */
export const secretPrinter: Printer = {
	columns: [
		NAME,
		column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
		column('Data', 'string', 'Data contains the secret data.'),
		AGE,
	],
	cells: (o, now) => {
		// The API server merges stringData into data on write and defaults the type to Opaque.
		const keys = new Set([...Object.keys(rec(o.data)), ...Object.keys(rec(o.stringData))]);
		return [o.metadata.name, str(o.type) || 'Opaque', keys.size, age(o, now)];
	},
};

/**
 * kubectl get serviceaccounts: Name, Age. Since v1.35 (kubernetes#117160) there is no
 * Secrets column; v1.20 printed Name, Secrets (the count of `secrets`), Age.
 */
export const serviceAccountPrinter: Printer = {
	columns: [NAME, AGE],
	cells: (o, now) => [o.metadata.name, age(o, now)],
};
