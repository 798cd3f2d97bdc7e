import type {ResourceObject} from '../sources/types.js';
import {dockerComputed, dockerHealth} from './dockerCells.js';
import {formatEndpoints} from './endpointsText.js';
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

type Json = Readonly<Record<string, unknown>>;

/** `value` when it is a JSON object, otherwise an empty one (a malformed object prints as a missing field). */
function rec(value: unknown): Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** The JSON objects in `value` when it is a list. */
function recs(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

/** The strings in `value` when it is a list. */
function strs(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function str(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null;
}

function textCell(text: string): Cell {
	return {text, sort: text};
}

/** A count: sorts as a number. */
function countCell(n: number): Cell {
	return {text: String(n), sort: n};
}

/** labels.FormatLabels: `k=v` sorted by key, `<none>` when empty. */
function formatLabels(value: unknown): string {
	const map = rec(value);
	const text = Object.keys(map)
		.sort()
		.map((k) => `${k}=${valueText(map[k])}`)
		.join(',');
	return text === '' ? '<none>' : text;
}

const OPERATORS: Readonly<Record<string, string>> = {In: ' in ', NotIn: ' notin ', Exists: '', DoesNotExist: ''};

/**
 * metav1.FormatLabelSelector: requirements sorted by key, matchLabels as `k=v`, expressions
 * as `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; `<none>` when it selects everything.
 */
function formatLabelSelector(value: unknown): string {
	const selector = rec(value);
	const requirements: {key: string; text: string}[] = [];
	for (const [key, v] of Object.entries(rec(selector['matchLabels']))) requirements.push({key, text: `${key}=${valueText(v)}`});
	for (const expr of recs(selector['matchExpressions'])) {
		const key = str(expr['key']);
		const operator = str(expr['operator']);
		const op = OPERATORS[operator];
		if (op === undefined) return '<error>';
		const values = strs(expr['values']).sort();
		if (operator === 'Exists') requirements.push({key, text: key});
		else if (operator === 'DoesNotExist') requirements.push({key, text: `!${key}`});
		else requirements.push({key, text: `${key}${op}(${values.join(',')})`});
	}
	const text = requirements
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.map((r) => r.text)
		.join(',');
	return text === '' ? '<none>' : text;
}

/** A time relative to now, sorting by the time itself (most recent first when ascending); `<unknown>` when absent. */
function sinceCell(value: unknown, ctx: ComputeContext, absent = '<unknown>'): Cell {
	const at = parseTime(value);
	if (at === undefined) return {text: absent, sort: -Infinity};
	return {text: humanDuration(ctx.now - at), sort: -at};
}

/** `ready/desired` of a workload, sorting by the ready fraction (a workload scaled to zero counts as whole). */
function readyOf(ready: number, want: number): Cell {
	return {text: `${ready}/${want}`, sort: want === 0 ? 1 : ready / want};
}

/** The pod spec inside a workload's template (a CronJob's one level further down). */
function templatePodSpec(o: ResourceObject): Json {
	const spec = rec(o['spec']);
	const jobTemplate = spec['jobTemplate'];
	const template = present(jobTemplate) ? rec(rec(rec(jobTemplate)['spec'])['template']) : rec(spec['template']);
	return rec(template['spec']);
}

function hasCondition(o: ResourceObject, type: string): boolean {
	// As kubectl's hasJobCondition: the first condition of the type decides.
	return recs(rec(o['status'])['conditions']).find((c) => c['type'] === type)?.['status'] === 'True';
}

/** The STATUS kubectl prints for a Job, checked in its order. */
function jobStatus(o: ResourceObject): string {
	if (hasCondition(o, 'Complete')) return 'Complete';
	if (hasCondition(o, 'Failed')) return 'Failed';
	if (present(getField(o, 'metadata.deletionTimestamp'))) return 'Terminating';
	if (hasCondition(o, 'Suspended')) return 'Suspended';
	if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
	if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
	return 'Running';
}

const ACCESS_MODES: readonly (readonly [string, string])[] = [
	['ReadWriteOnce', 'RWO'],
	['ReadOnlyMany', 'ROX'],
	['ReadWriteMany', 'RWX'],
	['ReadWriteOncePod', 'RWOP'],
];

/** GetAccessModesAsString: always in the order RWO, ROX, RWX, RWOP, whatever order the object lists them in. Shared with the sim's printers. */
export function accessModes(value: unknown): string {
	const modes = new Set(strs(value));
	return ACCESS_MODES.filter(([mode]) => modes.has(mode))
		.map(([, short]) => short)
		.join(',');
}

const BINARY: Readonly<Record<string, number>> = {Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60};
const DECIMAL: Readonly<Record<string, number>> = {n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18};

/** A Kubernetes quantity (`10Gi`, `500M`, `1e3`) as a number, for sorting; NaN when it is not one. */
export function quantityValue(text: string): number {
	const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(text.trim());
	if (!match) return Number.NaN;
	const [, digits = '', exponent, suffix = ''] = match;
	if (exponent) return Number(digits + exponent);
	return Number(digits) * (BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN);
}

/**
 * A storage quantity cell. The API server already writes quantities in canonical form,
 * so the text is kubectl's as it stands; an absent one is the zero quantity, `0`.
 */
function storageCell(resources: unknown): Cell {
	const value = rec(resources)['storage'];
	const text = present(value) ? valueText(value) : '0';
	const n = quantityValue(text);
	return {text, sort: Number.isNaN(n) ? -Infinity : n};
}

/** GetPersistentVolume(Claim)Class: the beta annotation wins over spec.storageClassName. */
function storageClass(o: ResourceObject): string {
	const annotation = rec(getField(o, 'metadata.annotations'))['volume.beta.kubernetes.io/storage-class'];
	return typeof annotation === 'string' ? annotation : str(getField(o, 'spec.storageClassName'));
}

/** PV and PVC phase: Terminating while being deleted; the API server defaults it to Pending. */
function volumePhase(o: ResourceObject): string {
	return present(getField(o, 'metadata.deletionTimestamp')) ? 'Terminating' : str(getField(o, 'status.phase'), 'Pending');
}

/** The load balancer's ingress points, an IP before a hostname per entry, sorted and unique. */
function loadBalancerAddresses(status: unknown): string {
	const points = new Set<string>();
	for (const ingress of recs(rec(rec(status)['loadBalancer'])['ingress'])) {
		const point = str(ingress['ip']) || str(ingress['hostname']);
		if (point !== '') points.add(point);
	}
	return [...points].sort().join(',');
}

/** `items` joined with commas, the first `max` of them, then `+ N more...`; `<unset>` when empty (listWithMoreString). */
function listWithMore(items: readonly string[], max: number): string {
	if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
	return items.length === 0 ? '<unset>' : items.join(',');
}

/** An event field: the core/v1 name first, the events.k8s.io/v1 name second. */
function eventField(o: ResourceObject, core: string, events: string): unknown {
	return o[core] ?? o[events];
}

/** printEvent's times and count: first and last seen (a series wins), a count of 1 for a singleton new-style event. */
function eventTimes(o: ResourceObject): {first: unknown; last: unknown; count: number} {
	const firstAt = eventField(o, 'firstTimestamp', 'deprecatedFirstTimestamp');
	const first = parseTime(firstAt) === undefined ? o['eventTime'] : firstAt;
	const lastAt = eventField(o, 'lastTimestamp', 'deprecatedLastTimestamp');
	const series = o['series'];
	if (present(series)) return {first, last: rec(series)['lastObservedTime'], count: num(rec(series)['count'])};
	const count = num(eventField(o, 'count', 'deprecatedCount'));
	return {first, last: parseTime(lastAt) === undefined ? first : lastAt, count: count === 0 ? 1 : count};
}

/** rbac SubjectsStrings: users, groups and `namespace/name` service accounts, each `, `-joined. */
function subjects(o: ResourceObject, kind: string): string {
	return recs(o['subjects'])
		.filter((s) => s['kind'] === kind)
		.map((s) => (kind === 'ServiceAccount' ? `${str(s['namespace'])}/${str(s['name'])}` : str(s['name'])))
		.join(', ');
}

/** A quantity as kubectl prints an optional one: a nil one is `<nil>`. */
function quantity(value: unknown): string {
	return present(value) ? valueText(value) : '<nil>';
}

function optInt(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

/** One metric of an HPA's TARGETS, given its spec and the status at the same index (formatHPAMetrics). */
function hpaMetric(spec: Json, status: Json | undefined): string {
	const type = str(spec['type']);
	const current = (key: string): Json | undefined =>
		status !== undefined && present(status[key]) ? rec(rec(status[key])['current']) : undefined;
	switch (type) {
		case 'External':
		case 'Object': {
			const key = type === 'External' ? 'external' : 'object';
			const target = rec(rec(spec[key])['target']);
			const now = current(key);
			if (present(target['averageValue'])) {
				const value = now !== undefined && present(now['averageValue']) ? quantity(now['averageValue']) : '<unknown>';
				return `${value}/${quantity(target['averageValue'])} (avg)`;
			}
			return `${now !== undefined ? quantity(now['value']) : '<unknown>'}/${quantity(target['value'])}`;
		}
		case 'Pods': {
			const now = current('pods');
			const target = rec(rec(spec['pods'])['target']);
			return `${now !== undefined ? quantity(now['averageValue']) : '<unknown>'}/${quantity(target['averageValue'])}`;
		}
		case 'Resource':
		case 'ContainerResource': {
			const key = type === 'Resource' ? 'resource' : 'containerResource';
			const metric = rec(spec[key]);
			const target = rec(metric['target']);
			const now = current(key);
			const name = str(metric['name']);
			if (present(target['averageValue']))
				return `${name}: ${now !== undefined ? quantity(now['averageValue']) : '<unknown>'}/${quantity(target['averageValue'])}`;
			const utilization = now !== undefined ? optInt(now['averageUtilization']) : undefined;
			const wanted = optInt(target['averageUtilization']);
			return `${name}: ${utilization !== undefined ? `${utilization}%` : '<unknown>'}/${wanted !== undefined ? `${wanted}%` : '<auto>'}`;
		}
		default:
			return '<unknown type>';
	}
}

const DEFAULT_CPU: Json = {type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}};

/** An HPA's metric specs and statuses in the autoscaling/v2 shape, whichever version the object came in. */
function hpaMetrics(o: ResourceObject): [specs: Json[], statuses: Json[]] {
	const spec = rec(o['spec']);
	const status = rec(o['status']);
	if (o['apiVersion'] === 'autoscaling/v1' || present(spec['targetCPUUtilizationPercentage'])) {
		const target = optInt(spec['targetCPUUtilizationPercentage']);
		if (target === undefined) return [[], []];
		const currentCPU = optInt(status['currentCPUUtilizationPercentage']);
		return [
			[{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: target}}}],
			currentCPU === undefined ? [] : [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: currentCPU}}}],
		];
	}
	// autoscaling/v2 defaulting gives an HPA without metrics a CPU target of 80%.
	const specs = recs(spec['metrics']);
	return [specs.length > 0 ? specs : [DEFAULT_CPU], recs(status['currentMetrics'])];
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

/** A node's address of one type, `<none>` when it has none (kubectl reads by type, not position). */
function nodeAddress(o: ResourceObject, type: string): string {
	return str(recs(getField(o, 'status.addresses')).find((a) => a['type'] === type)?.['address']) || '<none>';
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
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([k, v]) => `${k}=${v}`)
			.join(',');
		return {text: text || '<none>', sort: text};
	},
	/** A workload's spec.selector as kubectl writes a LabelSelector (matchExpressions too). */
	labelSelector: (o) => textCell(formatLabelSelector(getField(o, 'spec.selector'))),
	/** A CronJob's job template selector, as its wide SELECTOR column. */
	jobTemplateSelector: (o) => textCell(formatLabelSelector(getField(o, 'spec.jobTemplate.spec.selector'))),
	createdAt: (o) => {
		// Kinds without a printer (Role, ClusterRole, CRD) print the creation time as RFC 3339 in UTC, not as an age.
		const created = parseTime(getField(o, 'metadata.creationTimestamp'));
		if (created === undefined) return {text: '0001-01-01T00:00:00Z', sort: Infinity};
		return {text: new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z'), sort: created};
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
	podReadinessGates: (o) => {
		const gates = recs(getField(o, 'spec.readinessGates'));
		if (gates.length === 0) return textCell('<none>');
		const conditions = recs(getField(o, 'status.conditions'));
		const passed = gates.filter((gate) => conditions.find((c) => c['type'] === gate['conditionType'])?.['status'] === 'True').length;
		return {text: `${passed}/${gates.length}`, sort: passed / gates.length};
	},
	deploymentReady: (o) => readyOf(num(getField(o, 'status.readyReplicas')), num(getField(o, 'spec.replicas'))),
	/** READY of a Deployment or StatefulSet: ready replicas over spec.replicas. */
	replicasReady: (o) => readyOf(num(getField(o, 'status.readyReplicas')), num(getField(o, 'spec.replicas'))),
	templateContainers: (o) =>
		textCell(
			recs(templatePodSpec(o)['containers'])
				.map((c) => str(c['name']))
				.join(','),
		),
	templateImages: (o) =>
		textCell(
			recs(templatePodSpec(o)['containers'])
				.map((c) => str(c['image']))
				.join(','),
		),
	templateNodeSelector: (o) => textCell(formatLabels(templatePodSpec(o)['nodeSelector'])),
	jobStatus: (o) => textCell(jobStatus(o)),
	jobCompletions: (o) => {
		const spec = rec(o['spec']);
		const succeeded = num(getField(o, 'status.succeeded'));
		const completions = optInt(spec['completions']);
		if (completions !== undefined) return {text: `${succeeded}/${completions}`, sort: completions === 0 ? 1 : succeeded / completions};
		// Without completions a job is done when one pod succeeds, however many run in parallel.
		const parallelism = num(spec['parallelism']);
		return {text: parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`, sort: Math.min(succeeded, 1)};
	},
	jobDuration: (o, ctx) => {
		const start = parseTime(getField(o, 'status.startTime'));
		if (start === undefined) return {text: '', sort: -Infinity};
		const ms = (parseTime(getField(o, 'status.completionTime')) ?? ctx.now) - start;
		return {text: humanDuration(ms), sort: ms};
	},
	cronJobSuspend: (o) => textCell(getField(o, 'spec.suspend') === true ? 'True' : 'False'),
	cronJobActive: (o) => countCell(recs(getField(o, 'status.active')).length),
	cronJobLastSchedule: (o, ctx) => sinceCell(getField(o, 'status.lastScheduleTime'), ctx, '<none>'),
	/** DATA of a ConfigMap: its keys in data and binaryData. */
	configMapData: (o) => countCell(Object.keys(rec(o['data'])).length + Object.keys(rec(o['binaryData'])).length),
	/** DATA of a Secret: its keys (the kube source blanks the values but keeps the keys). */
	secretData: (o) => countCell(new Set([...Object.keys(rec(o['data'])), ...Object.keys(rec(o['stringData']))]).size),
	ingressHosts: (o) => {
		// formatHosts: the first three hosts, then `+ N more...` counting every rule past the third; `*` when none has one.
		const rules = recs(getField(o, 'spec.rules'));
		const max = 3;
		const hosts: string[] = [];
		let more = false;
		for (const rule of rules) {
			if (hosts.length === max) more = true;
			const host = str(rule['host']);
			if (!more && host !== '') hosts.push(host);
		}
		if (hosts.length === 0) return textCell('*');
		return textCell(more ? `${hosts.join(',')} + ${rules.length - max} more...` : hosts.join(','));
	},
	ingressAddress: (o) => textCell(loadBalancerAddresses(o['status'])),
	ingressPorts: (o) => textCell(recs(getField(o, 'spec.tls')).length > 0 ? '80, 443' : '80'),
	endpoints: (o) => textCell(formatEndpoints(o)),
	endpointSlicePorts: (o) =>
		textCell(
			listWithMore(
				recs(o['ports']).map((p) => (typeof p['port'] === 'number' ? String(p['port']) : str(p['name'], '*'))),
				3,
			),
		),
	endpointSliceEndpoints: (o) =>
		textCell(
			listWithMore(
				recs(o['endpoints']).flatMap((e) => strs(e['addresses'])),
				3,
			),
		),
	volumeStatus: (o) => textCell(volumePhase(o)),
	storageClass: (o) => textCell(storageClass(o)),
	/** A PVC's CAPACITY: shown once it is bound to a volume. */
	claimCapacity: (o) =>
		str(getField(o, 'spec.volumeName')) === '' ? {text: '', sort: -Infinity} : storageCell(getField(o, 'status.capacity')),
	/** A PVC's ACCESS MODES: shown once it is bound to a volume. */
	claimAccessModes: (o) => textCell(str(getField(o, 'spec.volumeName')) === '' ? '' : accessModes(getField(o, 'status.accessModes'))),
	volumeCapacity: (o) => storageCell(getField(o, 'spec.capacity')),
	volumeAccessModes: (o) => textCell(accessModes(getField(o, 'spec.accessModes'))),
	volumeClaim: (o) => {
		const ref = getField(o, 'spec.claimRef');
		return textCell(present(ref) ? `${str(rec(ref)['namespace'])}/${str(rec(ref)['name'])}` : '');
	},
	/** ROLE of a (Cluster)RoleBinding: `Kind/name` of its roleRef. */
	roleRef: (o) => textCell(`${str(getField(o, 'roleRef.kind'))}/${str(getField(o, 'roleRef.name'))}`),
	bindingUsers: (o) => textCell(subjects(o, 'User')),
	bindingGroups: (o) => textCell(subjects(o, 'Group')),
	bindingServiceAccounts: (o) => textCell(subjects(o, 'ServiceAccount')),
	hpaReference: (o) => textCell(`${str(getField(o, 'spec.scaleTargetRef.kind'))}/${str(getField(o, 'spec.scaleTargetRef.name'))}`),
	hpaTargets: (o) => {
		const [specs, statuses] = hpaMetrics(o);
		if (specs.length === 0) return textCell('<none>');
		const list = specs.map((spec, i) => hpaMetric(spec, statuses[i]));
		const max = 2;
		return textCell(list.length > max ? `${list.slice(0, max).join(', ')} + ${list.length - max} more...` : list.join(', '));
	},
	eventLastSeen: (o, ctx) => sinceCell(eventTimes(o).last, ctx),
	eventFirstSeen: (o, ctx) => sinceCell(eventTimes(o).first, ctx),
	eventCount: (o) => countCell(eventTimes(o).count),
	/** OBJECT of an event: `kind/name` of what it is about, the kind lower-cased. */
	eventObject: (o) => {
		const involved = rec(eventField(o, 'involvedObject', 'regarding'));
		const kind = str(involved['kind']).toLowerCase();
		const name = str(involved['name']);
		return textCell(name === '' ? kind : `${kind}/${name}`);
	},
	eventSubobject: (o) => textCell(str(rec(eventField(o, 'involvedObject', 'regarding'))['fieldPath'])),
	eventSource: (o) => {
		// formatEventSource: component (or reporting controller), then `, host` (or reporting instance).
		const from = rec(eventField(o, 'source', 'deprecatedSource'));
		const component = str(from['component']) || str(o['reportingController']) || str(o['reportingComponent']);
		const instance = str(from['host']) || str(o['reportingInstance']);
		return textCell(instance === '' ? component : `${component}, ${instance}`);
	},
	eventMessage: (o) => textCell(str(eventField(o, 'message', 'note')).trim()),
	nodeInternalIP: (o) => textCell(nodeAddress(o, 'InternalIP')),
	nodeExternalIP: (o) => textCell(nodeAddress(o, 'ExternalIP')),
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
	...dockerComputed,
};

const POD_OK = new Set(['Running']);
const POD_DONE = new Set(['Completed', 'Succeeded']);
const POD_PENDING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'SchedulingGated']);

/** Health ratings by the name views/*.json use. */
export const healthFields: Readonly<Record<string, HealthField>> = {
	/** Rows of the containers view carry their rating (see containers.ts). */
	containerHealth: (o) => (valueText(getField(o, 'kviewContainer.health')) as Health) || 'pending',
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
	/** StatefulSets and ReplicaSets: ready replicas against spec.replicas, as deployments. */
	replicasHealth: (o) => {
		const want = num(getField(o, 'spec.replicas'));
		const ready = num(getField(o, 'status.readyReplicas'));
		if (ready >= want) return 'ok';
		return ready === 0 ? 'error' : 'warning';
	},
	daemonSetHealth: (o) => {
		const want = num(getField(o, 'status.desiredNumberScheduled'));
		const ready = num(getField(o, 'status.numberReady'));
		if (ready >= want) return 'ok';
		return ready === 0 ? 'error' : 'warning';
	},
	jobHealth: (o) => {
		switch (jobStatus(o)) {
			case 'Complete':
			case 'SuccessCriteriaMet':
				return 'done';
			case 'Failed':
			case 'FailureTarget':
				return 'error';
			case 'Running':
				return 'ok';
			default:
				return 'pending';
		}
	},
	cronJobHealth: (o) => (getField(o, 'spec.suspend') === true ? 'pending' : 'ok'),
	/** PVs and PVCs: bound (or free, for a volume) is fine; a lost claim or failed volume is not. */
	volumeHealth: (o) => {
		const phase = volumePhase(o);
		if (phase === 'Bound' || phase === 'Available') return 'ok';
		if (phase === 'Lost' || phase === 'Failed') return 'error';
		if (phase === 'Released') return 'warning';
		return 'pending';
	},
	eventHealth: (o) => (o['type'] === 'Warning' ? 'warning' : 'ok'),
	...dockerHealth,
};
