/** describeNode, with its lease and the pods bound to it when those are given. */
import {describeEvents} from './events.js';
import {byteOrder, clean, isRec, printLabelsAndAnnotations, printTaints, rec, recs, rfc1123z, since, str, strMap, strs} from './format.js';
import {
	addResources,
	formatQuantity,
	milliValue,
	parseQuantity,
	percent,
	podRequestsAndLimits,
	quantityText,
	resourceList,
	sortedNames,
	wholeValue,
	type Quantity,
	type ResourceList,
} from './resources.js';
import type {Describer, DescribeZone, Json} from './types.js';
import type {Writer} from './writer.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
function nodeRoles(labels: unknown): string[] {
	const roles = new Set<string>();
	for (const [key, value] of Object.entries(strMap(labels))) {
		if (key.startsWith(ROLE_PREFIX)) {
			if (key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length));
		} else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
	}
	return [...roles].sort(byteOrder);
}

function describeLease(w: Writer, lease: Json, zone: DescribeZone): void {
	const spec = rec(lease['spec']);
	const time = (value: unknown) => (value === undefined || value === null ? '<unset>' : rfc1123z(value, zone));
	w.write(0, 'Lease:\n');
	w.write(1, `HolderIdentity:\t${typeof spec['holderIdentity'] === 'string' ? clean(spec['holderIdentity']) : '<unset>'}\n`);
	w.write(1, `AcquireTime:\t${time(spec['acquireTime'])}\n`);
	w.write(1, `RenewTime:\t${time(spec['renewTime'])}\n`);
}

const ZERO: Quantity = parseQuantity('0');
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

/** `quantity (N%)` of a part against the node's allocatable. */
function share(part: Quantity, whole: Quantity, milli: boolean, guard: boolean): string {
	const [p, t] = milli ? [milliValue(part), milliValue(whole)] : [wholeValue(part), wholeValue(whole)];
	return `${formatQuantity(part)} (${guard && t === 0n ? '0' : percent(p, t)}%)`;
}

/** describeNodeResource: the Non-terminated Pods table and the Allocated resources totals. */
function describeNodeResources(w: Writer, node: Json, pods: readonly Json[], now: number): void {
	const status = rec(node['status']);
	const allocatable = resourceList(Object.keys(rec(status['allocatable'])).length > 0 ? status['allocatable'] : status['capacity']);
	const alloc = (name: string) => allocatable.get(name) ?? ZERO;
	w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
	w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
	w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
	const totalRequests: ResourceList = new Map();
	const totalLimits: ResourceList = new Map();
	for (const pod of pods) {
		const {requests, limits} = podRequestsAndLimits(pod);
		addResources(totalRequests, requests);
		addResources(totalLimits, limits);
		const meta = rec(pod['metadata']);
		const cpu = (list: ResourceList) => share(list.get('cpu') ?? ZERO, alloc('cpu'), true, false);
		const memory = (list: ResourceList) => share(list.get('memory') ?? ZERO, alloc('memory'), false, false);
		w.write(
			1,
			`${clean(meta['namespace'])}\t${clean(meta['name'])}\t\t${cpu(requests)}\t${cpu(limits)}\t${memory(requests)}\t${memory(limits)}\t${since(meta['creationTimestamp'], now)}\n`,
		);
	}
	w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
	w.write(1, 'Resource\tRequests\tLimits\n');
	w.write(1, '--------\t--------\t------\n');
	for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
		const total = (list: ResourceList) => share(list.get(name) ?? ZERO, alloc(name), name === 'cpu', true);
		w.write(1, `${name}\t${total(totalRequests)}\t${total(totalLimits)}\n`);
	}
	const names = sortedNames(allocatable);
	for (const name of names.filter((n) => n.startsWith('hugepages-'))) {
		const total = (list: ResourceList) => share(list.get(name) ?? ZERO, alloc(name), false, true);
		w.write(1, `${clean(name)}\t${total(totalRequests)}\t${total(totalLimits)}\n`);
	}
	for (const name of names.filter((n) => !n.startsWith('hugepages-') && !STANDARD.has(n))) {
		const total = (list: ResourceList) => formatQuantity(list.get(name) ?? ZERO);
		w.write(1, `${clean(name)}\t${total(totalRequests)}\t${total(totalLimits)}\n`);
	}
}

/**
 * The pods kubectl lists for a node: bound to it and neither Succeeded nor Failed, in
 * the API server's order (namespace, then name).
 */
function nonTerminatedPods(node: Json, pods: readonly Json[]): Json[] {
	const name = rec(node['metadata'])['name'];
	const key = (pod: Json) => `${str(rec(pod['metadata'])['namespace'])}/${str(rec(pod['metadata'])['name'])}`;
	return pods
		.filter((pod) => {
			const phase = rec(pod['status'])['phase'];
			return rec(pod['spec'])['nodeName'] === name && phase !== 'Succeeded' && phase !== 'Failed';
		})
		.sort((a, b) => byteOrder(key(a), key(b)));
}

/** kubectl describe node; Lease needs related.lease, the pods and Allocated resources need related.pods. */
export const describeNode: Describer = (w, node, ctx) => {
	const meta = rec(node['metadata']);
	const spec = rec(node['spec']);
	const status = rec(node['status']);
	w.write(0, `Name:\t${clean(meta['name'])}\n`);
	const roles = nodeRoles(meta['labels']);
	w.write(0, `Roles:\t${roles.length === 0 ? '<none>' : clean(roles.join(','))}\n`);
	printLabelsAndAnnotations(w, meta);
	w.write(0, `CreationTimestamp:\t${rfc1123z(meta['creationTimestamp'], ctx.zone)}\n`);
	printTaints(w, 'Taints', spec['taints']);
	w.write(0, `Unschedulable:\t${spec['unschedulable'] === true}\n`);
	if (isRec(ctx.related.lease)) describeLease(w, ctx.related.lease, ctx.zone);
	const conditions = recs(status['conditions']);
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
		w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
		for (const c of conditions) {
			const heartbeat = rfc1123z(c['lastHeartbeatTime'], ctx.zone);
			const transition = rfc1123z(c['lastTransitionTime'], ctx.zone);
			w.write(
				1,
				`${clean(c['type'])} \t${clean(c['status'])} \t${heartbeat} \t${transition} \t${clean(c['reason'])} \t${clean(c['message'])}\n`,
			);
		}
	}
	w.write(0, 'Addresses:\n');
	for (const a of recs(status['addresses'])) w.write(1, `${clean(a['type'])}:\t${clean(a['address'])}\n`);
	for (const [title, list] of [
		['Capacity', rec(status['capacity'])],
		['Allocatable', rec(status['allocatable'])],
	] as const) {
		if (Object.keys(list).length === 0) continue;
		w.write(0, `${title}:\n`);
		for (const name of sortedNames(list)) w.write(0, `  ${clean(name)}:\t${clean(quantityText(list[name]))}\n`);
	}
	const info = rec(status['nodeInfo']);
	w.write(0, 'System Info:\n');
	for (const [label, key] of [
		['Machine ID', 'machineID'],
		['System UUID', 'systemUUID'],
		['Boot ID', 'bootID'],
		['Kernel Version', 'kernelVersion'],
		['OS Image', 'osImage'],
		['Operating System', 'operatingSystem'],
		['Architecture', 'architecture'],
		['Container Runtime Version', 'containerRuntimeVersion'],
		['Kubelet Version', 'kubeletVersion'],
		['Kube-Proxy Version', 'kubeProxyVersion'],
	] as const)
		w.write(0, `  ${label}:\t${clean(info[key])}\n`);
	if (str(spec['podCIDR']) !== '') w.write(0, `PodCIDR:\t${clean(spec['podCIDR'])}\n`);
	const cidrs = strs(spec['podCIDRs']);
	if (cidrs.length > 0) w.write(0, `PodCIDRs:\t${clean(cidrs.join(','))}\n`);
	if (str(spec['providerID']) !== '') w.write(0, `ProviderID:\t${clean(spec['providerID'])}\n`);
	if (ctx.related.pods) describeNodeResources(w, node, nonTerminatedPods(node, ctx.related.pods), ctx.now);
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
