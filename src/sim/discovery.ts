import {apiVersionOf} from './resources.js';
import type {ResourceDef} from './types.js';

/** The content type that marks an aggregated discovery reply; kubectl decides the format by it. */
export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Which aggregated discovery version the Accept header asks for, if any. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
	if (!accept) return undefined;
	// The first acceptable entry wins, as content negotiation goes.
	for (const entry of accept.split(',')) {
		if (/as=APIGroupDiscoveryList/.test(entry) && /g=apidiscovery\.k8s\.io/.test(entry)) {
			if (/v=v2beta1/.test(entry)) return 'v2beta1';
			if (/v=v2(;|$)/.test(entry)) return 'v2';
		}
		if (/^\s*application\/json\s*$/.test(entry)) return undefined;
	}
	return undefined;
}

/** The content type for an aggregated reply of a version. */
export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
	return version === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1;
}

/** Groups in the order a real server lists them (core first, then by first appearance). */
function groupsOf(resources: readonly ResourceDef[]): Map<string, Map<string, ResourceDef[]>> {
	const groups = new Map<string, Map<string, ResourceDef[]>>();
	for (const def of resources) {
		let versions = groups.get(def.group);
		if (!versions) {
			versions = new Map();
			groups.set(def.group, versions);
		}
		const list = versions.get(def.version) ?? [];
		list.push(def);
		versions.set(def.version, list);
	}
	return groups;
}

function subresourceVerbs(sub: string): string[] {
	if (sub === 'exec' || sub === 'attach' || sub === 'portforward') return ['create', 'get'];
	if (sub === 'log') return ['get'];
	if (sub === 'eviction') return ['create'];
	return ['get', 'patch', 'update'];
}

function subresourceKind(def: ResourceDef, sub: string): {group: string; version: string; kind: string} {
	if (sub === 'scale') return {group: 'autoscaling', version: 'v1', kind: 'Scale'};
	if (sub === 'eviction') return {group: 'policy', version: 'v1', kind: 'Eviction'};
	if (sub === 'exec' || sub === 'attach' || sub === 'portforward')
		return {
			group: '',
			version: 'v1',
			kind: `Pod${sub === 'portforward' ? 'PortForward' : `${sub[0]?.toUpperCase() ?? ''}${sub.slice(1)}`}Options`,
		};
	return {group: def.group, version: def.version, kind: def.kind};
}

/** The aggregated discovery document for the core group (/api) or the named groups (/apis). */
export function aggregatedDiscovery(resources: readonly ResourceDef[], core: boolean, version: 'v2' | 'v2beta1'): unknown {
	const items = [];
	for (const [group, versions] of groupsOf(resources)) {
		if ((group === '') !== core) continue;
		items.push({
			metadata: {name: group, creationTimestamp: null},
			versions: [...versions].map(([v, defs]) => ({
				version: v,
				resources: defs.map((def) => ({
					resource: def.resource,
					responseKind: {group: def.group, version: def.version, kind: def.kind},
					scope: def.namespaced ? 'Namespaced' : 'Cluster',
					singularResource: def.singular,
					verbs: [...def.verbs],
					...(def.shortNames.length > 0 ? {shortNames: [...def.shortNames]} : {}),
					...(def.categories.length > 0 ? {categories: [...def.categories]} : {}),
					...(def.subresources.length > 0
						? {
								subresources: def.subresources.map((sub) => ({
									subresource: sub,
									responseKind: subresourceKind(def, sub),
									verbs: subresourceVerbs(sub),
								})),
							}
						: {}),
				})),
				freshness: 'Current',
			})),
		});
	}
	return {kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items};
}

/** Legacy /api. */
export function apiVersions(address: string): unknown {
	return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress: address}]};
}

/** Legacy /apis. */
export function apiGroupList(resources: readonly ResourceDef[]): unknown {
	const groups = [];
	for (const [group, versions] of groupsOf(resources)) {
		if (group === '') continue;
		groups.push(apiGroup(group, [...versions.keys()]));
	}
	return {kind: 'APIGroupList', apiVersion: 'v1', groups};
}

/** Legacy /apis/<group>; undefined when the group is not served. */
export function apiGroupDoc(resources: readonly ResourceDef[], group: string): unknown {
	const versions = groupsOf(resources).get(group);
	if (!versions || group === '') return undefined;
	return {kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, [...versions.keys()])};
}

function apiGroup(group: string, versions: readonly string[]) {
	const list = versions.map((v) => ({groupVersion: `${group}/${v}`, version: v}));
	return {name: group, versions: list, preferredVersion: list[0]};
}

/** Legacy /api/v1 or /apis/<group>/<version>; undefined when not served. */
export function apiResourceList(resources: readonly ResourceDef[], group: string, version: string): unknown {
	const defs = resources.filter((d) => d.group === group && d.version === version);
	if (defs.length === 0) return undefined;
	const list = [];
	for (const def of defs) {
		list.push({
			name: def.resource,
			singularName: def.singular,
			namespaced: def.namespaced,
			kind: def.kind,
			verbs: [...def.verbs],
			...(def.shortNames.length > 0 ? {shortNames: [...def.shortNames]} : {}),
			...(def.categories.length > 0 ? {categories: [...def.categories]} : {}),
		});
		for (const sub of def.subresources) {
			const kind = subresourceKind(def, sub);
			list.push({
				name: `${def.resource}/${sub}`,
				singularName: '',
				namespaced: def.namespaced,
				...(kind.group !== def.group || kind.version !== def.version ? {group: kind.group, version: kind.version} : {}),
				kind: kind.kind,
				verbs: subresourceVerbs(sub),
			});
		}
	}
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({group, version}), resources: list};
}
