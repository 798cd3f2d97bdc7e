// The xray tree: each object of a kind and what it depends on, built from the objects the
// store holds (no requests of its own), each node with a status and the worst status of
// everything under it. Pure, so it is tested without a cluster and rebuilt on every change.
import type {ResourceObject} from '../sources/types.js';
import type {Health} from './computed.js';
import {ownedBy} from './drill.js';
import {getField} from './fieldPath.js';
import {matchesLabels, parseLabelSelector} from './labelSelector.js';

/** A node's status: a health rating, or `broken` for a reference to an object that is not there. */
export type XrayStatus = Health | 'broken';

/** One node of the tree. */
export type XrayNode = {
	/** Unique in the tree: the path of kinds and names from the root. */
	readonly id: string;
	/** A view kind (`pods`, `configmaps`), or `container` / `image` for the parts of a pod. */
	readonly kind: string;
	/** The store key that opens the object in its view; undefined for a container or an image, or a missing object. */
	readonly key: string | undefined;
	readonly name: string;
	/** Its own status. */
	readonly status: XrayStatus;
	/** The worst status of it and everything under it. */
	readonly worst: XrayStatus;
	/** Why, where the status alone does not say (`CrashLoopBackOff`, `not found`). */
	readonly detail?: string;
	readonly children: readonly XrayNode[];
};

/** What the tree is built from: the objects of each kind the store follows, by key (`namespace/name`). */
export type XrayWorld = ReadonlyMap<string, ReadonlyMap<string, ResourceObject>>;

/** How healthy an object of a kind is (the views' health ratings). */
export type XrayHealth = (kind: string, object: ResourceObject) => Health;

/** What a pod's containers refer to: followed beside the pods, so a missing one shows as broken. */
const POD_REFERENCES = ['configmaps', 'secrets', 'persistentvolumeclaims', 'serviceaccounts'];

/** The kinds each root kind's tree reads, so the caller follows exactly those. */
export const XRAY_KINDS: Readonly<Record<string, readonly string[]>> = {
	deployments: ['deployments', 'replicasets', 'pods', ...POD_REFERENCES],
	statefulsets: ['statefulsets', 'pods', ...POD_REFERENCES],
	daemonsets: ['daemonsets', 'pods', ...POD_REFERENCES],
	jobs: ['jobs', 'pods', ...POD_REFERENCES],
	cronjobs: ['cronjobs', 'jobs', 'pods', ...POD_REFERENCES],
	services: ['services', 'pods', ...POD_REFERENCES],
	ingresses: ['ingresses', 'services', 'pods', ...POD_REFERENCES],
	nodes: ['nodes', 'pods', ...POD_REFERENCES],
	namespaces: ['namespaces', 'pods', ...POD_REFERENCES],
};

const RANK: Readonly<Record<XrayStatus, number>> = {done: 0, ok: 1, pending: 2, warning: 3, error: 4, broken: 5};

/** The worse of two statuses: broken, then error, warning, pending, ok, done. */
export function worse(a: XrayStatus, b: XrayStatus): XrayStatus {
	return RANK[b] > RANK[a] ? b : a;
}

type Ctx = {readonly world: XrayWorld; readonly health: XrayHealth};

function node(
	parent: string,
	kind: string,
	key: string | undefined,
	name: string,
	status: XrayStatus,
	children: readonly XrayNode[],
	detail?: string,
): XrayNode {
	const id = `${parent}>${kind}/${key ?? name}`;
	const worst = children.reduce<XrayStatus>((w, child) => worse(w, child.worst), status === 'done' ? 'ok' : status);
	return {id, kind, key, name, status, worst: status === 'done' && worst === 'ok' ? 'done' : worst, children, ...(detail ? {detail} : {})};
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const nameOf = (object: ResourceObject, key: string) => text(getField(object, 'metadata.name')) ?? key;
const namespaceOf = (object: ResourceObject) => text(getField(object, 'metadata.namespace'));
const keyOf = (namespace: string | undefined, name: string) => (namespace ? `${namespace}/${name}` : name);
const byName = <T extends {name: string}>(a: T, b: T) => a.name.localeCompare(b.name);

/** The objects of a kind, sorted by name. */
function objectsOf(ctx: Ctx, kind: string): [string, ResourceObject][] {
	return [...(ctx.world.get(kind) ?? new Map<string, ResourceObject>())].sort(([a], [b]) => a.localeCompare(b));
}

/** A pod's container: its state as kubectl words it, and the image and references under it. */
function containerNode(ctx: Ctx, parent: string, pod: ResourceObject, spec: Record<string, unknown>, init: boolean): XrayNode {
	const name = text(spec['name']) ?? '?';
	const statuses = (getField(pod, init ? 'status.initContainerStatuses' : 'status.containerStatuses') ?? []) as Record<string, unknown>[];
	const status = statuses.find((s) => s['name'] === name);
	const state = (status?.['state'] ?? {}) as Record<string, Record<string, unknown> | undefined>;
	let health: XrayStatus = 'pending';
	let detail: string | undefined;
	if (state['running']) health = status?.['ready'] === true || init ? 'ok' : 'warning';
	else if (state['waiting']) {
		detail = text(state['waiting']['reason']);
		health = detail && /BackOff|Err|Invalid|Failed/.test(detail) ? 'error' : 'pending';
	} else if (state['terminated']) {
		detail = text(state['terminated']['reason']);
		health = state['terminated']['exitCode'] === 0 ? 'done' : 'error';
	}
	const id = `${parent}>container/${name}`;
	const image = text(spec['image']);
	const namespace = namespaceOf(pod);
	const volumes = (getField(pod, 'spec.volumes') ?? []) as Record<string, unknown>[];
	const mounted = new Set(((spec['volumeMounts'] ?? []) as Record<string, unknown>[]).map((m) => m['name']));
	const refs = new Map<string, {kind: string; name: string}>();
	const ref = (kind: string, refName: unknown) => {
		const n = text(refName);
		if (n) refs.set(`${kind}/${n}`, {kind, name: n});
	};
	for (const from of (spec['envFrom'] ?? []) as Record<string, Record<string, unknown> | undefined>[]) {
		ref('configmaps', from['configMapRef']?.['name']);
		ref('secrets', from['secretRef']?.['name']);
	}
	for (const env of (spec['env'] ?? []) as {valueFrom?: Record<string, Record<string, unknown> | undefined>}[]) {
		ref('configmaps', env.valueFrom?.['configMapKeyRef']?.['name']);
		ref('secrets', env.valueFrom?.['secretKeyRef']?.['name']);
	}
	for (const volume of volumes.filter((v) => mounted.has(v['name']))) {
		const v = volume as Record<string, Record<string, unknown> | undefined>;
		ref('configmaps', v['configMap']?.['name']);
		ref('secrets', v['secret']?.['secretName']);
		ref('persistentvolumeclaims', v['persistentVolumeClaim']?.['claimName']);
		for (const source of (v['projected']?.['sources'] ?? []) as Record<string, Record<string, unknown> | undefined>[]) {
			ref('configmaps', source['configMap']?.['name']);
			ref('secrets', source['secret']?.['name']);
		}
	}
	const children = [
		...(image ? [node(id, 'image', undefined, image, 'ok', [])] : []),
		...[...refs.values()].sort(byName).map((r) => refNode(ctx, id, r.kind, namespace, r.name)),
	];
	return node(parent, 'container', undefined, init ? `${name} (init)` : name, health, children, detail);
}

/** A referenced object: its own health when the store has it, broken when its kind is followed and it is not there. */
function refNode(ctx: Ctx, parent: string, kind: string, namespace: string | undefined, name: string): XrayNode {
	const key = keyOf(namespace, name);
	const objects = ctx.world.get(kind);
	const object = objects?.get(key);
	if (object) return node(parent, kind, key, name, ctx.health(kind, object), []);
	// A kind the user may not read (a 403 on secrets) is not evidence the object is missing.
	if (!objects) return node(parent, kind, undefined, name, 'ok', [], 'not followed');
	return node(parent, kind, undefined, name, 'broken', [], 'not found');
}

function podNode(ctx: Ctx, parent: string, key: string, pod: ResourceObject): XrayNode {
	const id = `${parent}>pods/${key}`;
	const spec = (getField(pod, 'spec') ?? {}) as Record<string, unknown>;
	const containers = [
		...((spec['initContainers'] ?? []) as Record<string, unknown>[]).map((c) => containerNode(ctx, id, pod, c, true)),
		...((spec['containers'] ?? []) as Record<string, unknown>[]).map((c) => containerNode(ctx, id, pod, c, false)),
	];
	const account = text(spec['serviceAccountName']);
	const children = [...containers, ...(account ? [refNode(ctx, id, 'serviceaccounts', namespaceOf(pod), account)] : [])];
	return node(parent, 'pods', key, nameOf(pod, key), ctx.health('pods', pod), children);
}

/** The pods an owner owns, or a selector selects in a namespace. */
function podsOwnedBy(ctx: Ctx, parent: string, owner: ResourceObject): XrayNode[] {
	const uid = text(getField(owner, 'metadata.uid'));
	if (!uid) return [];
	return objectsOf(ctx, 'pods')
		.filter(([, pod]) => ownedBy(pod, {uid}))
		.map(([key, pod]) => podNode(ctx, parent, key, pod));
}

function podsSelected(ctx: Ctx, parent: string, namespace: string | undefined, selector: Record<string, string>): XrayNode[] {
	const wanted = Object.entries(selector)
		.map(([k, v]) => `${k}=${v}`)
		.join(',');
	// A selector-less service selects nothing (kubectl's endpoints agree).
	const parsed = parseLabelSelector(wanted);
	if ('error' in parsed || wanted === '') return [];
	return objectsOf(ctx, 'pods')
		.filter(
			([, pod]) =>
				namespaceOf(pod) === namespace && matchesLabels(parsed.selector, getField(pod, 'metadata.labels') as Record<string, string>),
		)
		.map(([key, pod]) => podNode(ctx, parent, key, pod));
}

function objectNode(ctx: Ctx, kind: string, key: string, object: ResourceObject, children: (id: string) => XrayNode[]): XrayNode {
	const id = `>${kind}/${key}`;
	return node('', kind, key, nameOf(object, key), ctx.health(kind, object), children(id));
}

/** One tree per object of the root kind, sorted by key. */
export function xrayTree(root: string, world: XrayWorld, health: XrayHealth): XrayNode[] {
	const ctx: Ctx = {world, health};
	const serviceNode = (parent: string, key: string, service: ResourceObject) =>
		node(
			parent,
			'services',
			key,
			nameOf(service, key),
			health('services', service),
			podsSelected(
				ctx,
				`${parent}>services/${key}`,
				namespaceOf(service),
				(getField(service, 'spec.selector') ?? {}) as Record<string, string>,
			),
		);
	return objectsOf(ctx, root).map(([key, object]) => {
		switch (root) {
			case 'deployments':
				return objectNode(ctx, root, key, object, (id) =>
					objectsOf(ctx, 'replicasets')
						.filter(([, rs]) => ownedBy(rs, {uid: text(getField(object, 'metadata.uid')) ?? '\0'}))
						.map(([rsKey, rs]) =>
							node(
								id,
								'replicasets',
								rsKey,
								nameOf(rs, rsKey),
								health('replicasets', rs),
								podsOwnedBy(ctx, `${id}>replicasets/${rsKey}`, rs),
							),
						),
				);
			case 'cronjobs':
				return objectNode(ctx, root, key, object, (id) =>
					objectsOf(ctx, 'jobs')
						.filter(([, job]) => ownedBy(job, {uid: text(getField(object, 'metadata.uid')) ?? '\0'}))
						.map(([jobKey, job]) =>
							node(id, 'jobs', jobKey, nameOf(job, jobKey), health('jobs', job), podsOwnedBy(ctx, `${id}>jobs/${jobKey}`, job)),
						),
				);
			case 'statefulsets':
			case 'daemonsets':
			case 'jobs':
				return objectNode(ctx, root, key, object, (id) => podsOwnedBy(ctx, id, object));
			case 'services':
				return serviceNode('', key, object);
			case 'ingresses':
				return objectNode(ctx, root, key, object, (id) => {
					const names = new Set<string>();
					const backend = (b: unknown) => text(getField(b, 'service.name'));
					const fallback = backend(getField(object, 'spec.defaultBackend'));
					if (fallback) names.add(fallback);
					for (const rule of (getField(object, 'spec.rules') ?? []) as ResourceObject[])
						for (const path of (getField(rule, 'http.paths') ?? []) as ResourceObject[]) {
							const name = backend(getField(path, 'backend'));
							if (name) names.add(name);
						}
					const namespace = namespaceOf(object);
					return [...names].sort().map((name) => {
						const serviceKey = keyOf(namespace, name);
						const service = world.get('services')?.get(serviceKey);
						return service ? serviceNode(id, serviceKey, service) : refNode(ctx, id, 'services', namespace, name);
					});
				});
			case 'nodes':
				return objectNode(ctx, root, key, object, (id) =>
					objectsOf(ctx, 'pods')
						.filter(([, pod]) => getField(pod, 'spec.nodeName') === nameOf(object, key))
						.map(([podKey, pod]) => podNode(ctx, id, podKey, pod)),
				);
			case 'namespaces':
				return objectNode(ctx, root, key, object, (id) =>
					objectsOf(ctx, 'pods')
						.filter(([, pod]) => namespaceOf(pod) === nameOf(object, key))
						.map(([podKey, pod]) => podNode(ctx, id, podKey, pod)),
				);
			default:
				return objectNode(ctx, root, key, object, () => []);
		}
	});
}
