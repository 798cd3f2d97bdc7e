import type {KubeClient} from './client.js';

/** One API resource a cluster serves. */
export type ApiResource = {
	readonly group: string;
	readonly version: string;
	/** Plural, as in the URL: `pods`. */
	readonly resource: string;
	readonly kind: string;
	readonly namespaced: boolean;
	readonly verbs: readonly string[];
	readonly shortNames: readonly string[];
};

type LegacyList = {resources?: {name: string; kind: string; namespaced: boolean; verbs?: string[]; shortNames?: string[]}[]};
type GroupList = {groups?: {name: string; preferredVersion?: {version: string}; versions?: {version: string}[]}[]};
type AggregatedList = {
	items?: {
		metadata?: {name?: string};
		versions?: {
			version: string;
			resources?: {resource: string; responseKind?: {kind?: string}; scope?: string; verbs?: string[]; shortNames?: string[]}[];
		}[];
	}[];
};

const AGGREGATED =
	'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

/**
 * One entry per (group, resource): the preferred version's where it serves it,
 * else the next version that does — on 1.20, batch/v1 is preferred but CronJob
 * lives only in batch/v1beta1, and kubectl finds it there.
 */
function firstPerResource(resources: readonly ApiResource[]): ApiResource[] {
	const seen = new Set<string>();
	return resources.filter((r) => {
		const id = `${r.group}/${r.resource}`;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

function fromAggregated(list: AggregatedList): ApiResource[] {
	const out: ApiResource[] = [];
	// Versions are listed preferred first.
	for (const group of list.items ?? []) {
		for (const version of group.versions ?? []) {
			for (const r of version.resources ?? []) {
				out.push({
					group: group.metadata?.name ?? '',
					version: version.version,
					resource: r.resource,
					kind: r.responseKind?.kind ?? '',
					namespaced: r.scope === 'Namespaced',
					verbs: r.verbs ?? [],
					shortNames: r.shortNames ?? [],
				});
			}
		}
	}
	return firstPerResource(out);
}

function fromLegacy(group: string, version: string, list: LegacyList): ApiResource[] {
	return (list.resources ?? [])
		.filter((r) => !r.name.includes('/'))
		.map((r) => ({
			group,
			version,
			resource: r.name,
			kind: r.kind,
			namespaced: r.namespaced,
			verbs: r.verbs ?? [],
			shortNames: r.shortNames ?? [],
		}));
}

/**
 * What the cluster serves, core group first as kubectl ranks it. Aggregated
 * discovery takes two requests; older servers (before 1.26) answer the plain
 * group list, and then each group-version is asked in parallel.
 */
export async function discover(client: KubeClient, signal?: AbortSignal): Promise<ApiResource[]> {
	const [core, apis] = await Promise.all([
		client.get<AggregatedList & LegacyList & {kind?: string}>('/api', signal, AGGREGATED),
		client.get<AggregatedList & GroupList & {kind?: string}>('/apis', signal, AGGREGATED),
	]);
	if (core.kind === 'APIGroupDiscoveryList' && apis.kind === 'APIGroupDiscoveryList')
		return [...fromAggregated(core), ...fromAggregated(apis)];
	const versions: [string, string][] = [['', 'v1']];
	for (const g of apis.groups ?? []) {
		const preferred = g.preferredVersion?.version ?? g.versions?.[0]?.version;
		const all = (g.versions ?? []).map((v) => v.version).filter((v) => v !== preferred);
		for (const v of preferred ? [preferred, ...all] : all) versions.push([g.name, v]);
	}
	const lists = await Promise.all(
		versions.map(async ([group, version]) => {
			try {
				return fromLegacy(group, version, await client.get<LegacyList>(group ? `/apis/${group}/${version}` : '/api/v1', signal));
			} catch {
				// One broken aggregated API (metrics-server down, say) must not hide the rest, as kubectl warns and goes on.
				return [];
			}
		}),
	);
	return firstPerResource(lists.flat());
}

/** The URL path of a resource's collection, in one namespace or across all. */
export function collectionPath(r: ApiResource, namespace?: string): string {
	const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
	return r.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.resource}` : `${base}/${r.resource}`;
}
