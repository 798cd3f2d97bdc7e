import type {ResourceObject} from '../sources/types.js';
import {humanDuration, parseTime} from './age.js';
import {getField, valueText} from './fieldPath.js';
import {summarizePod, type PodSummary} from './podStatus.js';

/** A cell: what is shown and what it sorts by. */
export type Cell = {readonly text: string; readonly sort: string | number};

/** How healthy a row is; the theme maps each to a colour. */
export type Health = 'ok' | 'warning' | 'error' | 'pending' | 'done';

/** What computed fields may depend on besides the object (a fixed clock in tests). */
export type ComputeContext = {readonly now: number};

/** A named computed column value. */
export type ComputedField = (object: ResourceObject, ctx: ComputeContext) => Cell;

/** A named health rating for row colouring. */
export type HealthField = (object: ResourceObject, ctx: ComputeContext) => Health;

// Three pod columns read one summary; summarise each pod object once.
const podSummaries = new WeakMap<ResourceObject, PodSummary>();
function podSummary(object: ResourceObject): PodSummary {
	let summary = podSummaries.get(object);
	if (!summary) {
		summary = summarizePod(object);
		podSummaries.set(object, summary);
	}
	return summary;
}

function num(value: unknown): number {
	return typeof value === 'number' ? value : 0;
}

/**
 * Ages are shown relative to now but sort by creation time (youngest first when
 * ascending): a key that does not move with the clock stays right in cached rows.
 */
function ageCell(value: unknown, ctx: ComputeContext): Cell {
	const created = parseTime(value);
	if (created === undefined) return {text: '<unknown>', sort: -Infinity};
	return {text: humanDuration(ctx.now - created), sort: -created};
}

/** Computed fields by the name views/*.json use. */
export const computedFields: Readonly<Record<string, ComputedField>> = {
	age: (o, ctx) => ageCell(getField(o, 'metadata.creationTimestamp'), ctx),
	labels: (o) => {
		const labels = (getField(o, 'metadata.labels') ?? {}) as Record<string, string>;
		const text = Object.entries(labels)
			.map(([k, v]) => `${k}=${v}`)
			.join(',');
		return {text, sort: text};
	},
	selector: (o) => {
		const selector = getField(o, 'spec.selector');
		const labels = (selector && typeof selector === 'object' && 'matchLabels' in selector ? selector.matchLabels : selector) ?? {};
		const text = Object.entries(labels as Record<string, string>)
			.map(([k, v]) => `${k}=${v}`)
			.join(',');
		return {text: text || '<none>', sort: text};
	},
	podReady: (o) => {
		const s = podSummary(o);
		return {text: `${s.ready}/${s.total}`, sort: s.total === 0 ? 0 : s.ready / s.total};
	},
	podStatus: (o) => {
		const {status} = podSummary(o);
		return {text: status, sort: status};
	},
	podRestarts: (o, ctx) => {
		const s = podSummary(o);
		const text =
			s.restarts !== 0 && s.lastRestart !== undefined
				? `${s.restarts} (${humanDuration(ctx.now - s.lastRestart)} ago)`
				: String(s.restarts);
		return {text, sort: s.restarts};
	},
	deploymentReady: (o) => {
		const ready = num(getField(o, 'status.readyReplicas'));
		const want = num(getField(o, 'spec.replicas'));
		return {text: `${ready}/${want}`, sort: want === 0 ? 1 : ready / want};
	},
	nodeStatus: (o) => {
		const conditions = (getField(o, 'status.conditions') ?? []) as {type?: string; status?: string}[];
		const ready = conditions.find((c) => c.type === 'Ready');
		let text = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
		if (getField(o, 'spec.unschedulable') === true) text += ',SchedulingDisabled';
		return {text, sort: text};
	},
	nodeRoles: (o) => {
		const labels = (getField(o, 'metadata.labels') ?? {}) as Record<string, string>;
		// kubectl reads roles from node-role.kubernetes.io/<role> keys and the older kubernetes.io/role value.
		const roles = new Set<string>();
		for (const [key, value] of Object.entries(labels)) {
			if (key.startsWith('node-role.kubernetes.io/')) roles.add(key.slice('node-role.kubernetes.io/'.length));
			else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
		}
		const sorted = [...roles].filter((r) => r !== '').sort();
		const text = sorted.length > 0 ? sorted.join(',') : '<none>';
		return {text, sort: text};
	},
	servicePorts: (o) => {
		const ports = (getField(o, 'spec.ports') ?? []) as {port?: number; nodePort?: number; protocol?: string}[];
		const text =
			ports.length === 0
				? '<none>'
				: ports.map((p) => `${p.port ?? ''}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
		return {text, sort: text};
	},
	serviceExternalIP: (o) => {
		const ingress = (getField(o, 'status.loadBalancer.ingress') ?? []) as {ip?: string; hostname?: string}[];
		const external = (getField(o, 'spec.externalIPs') ?? []) as string[];
		const ips = [...ingress.map((i) => i.ip ?? i.hostname ?? ''), ...external].filter((v) => v !== '');
		const type = getField(o, 'spec.type');
		if (type === 'ExternalName') {
			const name = valueText(getField(o, 'spec.externalName'));
			return {text: name || '<none>', sort: name};
		}
		const text = ips.length > 0 ? ips.join(',') : type === 'LoadBalancer' ? '<pending>' : '<none>';
		return {text, sort: text};
	},
};

const POD_OK = new Set(['Running']);
const POD_DONE = new Set(['Completed', 'Succeeded']);
const POD_PENDING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'SchedulingGated']);

/** Health ratings by the name views/*.json use. */
export const healthFields: Readonly<Record<string, HealthField>> = {
	podHealth: (o) => {
		const s = podSummary(o);
		if (POD_DONE.has(s.status)) return 'done';
		if (POD_PENDING.has(s.status) || /^Init:\d+\/\d+$/.test(s.status)) return 'pending';
		if (POD_OK.has(s.status)) return s.ready === s.total ? 'ok' : 'warning';
		return 'error';
	},
	deploymentHealth: (o) => {
		const want = num(getField(o, 'spec.replicas'));
		const ready = num(getField(o, 'status.readyReplicas'));
		if (ready >= want) return 'ok';
		return ready === 0 ? 'error' : 'warning';
	},
	nodeHealth: (o, ctx) => {
		const status = computedFields.nodeStatus?.(o, ctx).text ?? '';
		if (status.startsWith('Ready')) return status === 'Ready' ? 'ok' : 'warning';
		return 'error';
	},
	namespaceHealth: (o) => (getField(o, 'status.phase') === 'Terminating' ? 'pending' : 'ok'),
};
