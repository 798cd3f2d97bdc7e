import type {ResourceObject} from '../types.js';
import type {ListedContainer, ListedPort} from './api.js';
import type {Collection, MirrorSnapshot} from './mirror.js';
import type {ContainerStats} from './stats.js';
import {parseStatus, type KnownContainer} from './containerState.js';
import {nodeRows, serviceRows as swarmServiceRows, taskRows} from './swarmKinds.js';

// The Docker kinds as rows: Kubernetes-like metadata (name, uid, creation time, labels,
// the compose project as the namespace) so ages, label filters and drill-down scopes
// work as for pods, and the engine's own fields under `docker` for the columns.

const COMPOSE_PROJECT = ['com.docker.compose.project', 'io.podman.compose.project'];
const COMPOSE_SERVICE = ['com.docker.compose.service', 'io.podman.compose.service'];
const COMPOSE_CONFIG = ['com.docker.compose.project.config_files', 'io.podman.compose.project.config_files'];
const COMPOSE_DIR = ['com.docker.compose.project.working_dir', 'io.podman.compose.project.working_dir'];

function label(labels: Readonly<Record<string, string>> | null | undefined, keys: readonly string[]): string | undefined {
	for (const key of keys) if (labels?.[key]) return labels[key];
	return undefined;
}

const fromUnix = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000).toISOString() : undefined);

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Published and exposed ports as `docker ps` lists them: `0.0.0.0:8080->80/tcp, 443/tcp`. */
export function portsText(ports: readonly ListedPort[] | undefined): string {
	const seen = new Set<string>();
	const texts: string[] = [];
	const sorted = [...(ports ?? [])].sort(
		(a, b) =>
			// Host IPs compare byte by byte, as the docker CLI sorts them: 0.0.0.0 before [::].
			(a.PrivatePort ?? 0) - (b.PrivatePort ?? 0) || byBytes(a.IP ?? '', b.IP ?? '') || (a.PublicPort ?? 0) - (b.PublicPort ?? 0),
	);
	for (const p of sorted) {
		const inside = `${p.PrivatePort ?? ''}/${p.Type ?? 'tcp'}`;
		const text = p.PublicPort ? `${p.IP?.includes(':') ? `[${p.IP}]` : (p.IP ?? '')}:${p.PublicPort}->${inside}` : inside;
		if (!seen.has(text)) texts.push(text);
		seen.add(text);
	}
	return texts.join(', ');
}

const containerCache = new WeakMap<KnownContainer, {stats: ContainerStats | undefined; listedAt: number; row: ResourceObject}>();

/** One container as a row; `stats` when a view shows it running. Cached per listed object, so unchanged rows keep their identity. */
export function containerRow(c: KnownContainer, listedAt: number, stats: ContainerStats | undefined): ResourceObject {
	const cached = containerCache.get(c);
	if (cached && cached.stats === stats && cached.listedAt === listedAt) return cached.row;
	const labels = c.Labels ?? {};
	const project = label(labels, COMPOSE_PROJECT);
	const service = label(labels, COMPOSE_SERVICE);
	const status = c.kview ?? parseStatus(c.Status ?? '', listedAt);
	const mounts = c.Mounts ?? [];
	const row: ResourceObject = {
		metadata: {
			name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
			uid: c.Id,
			...(project ? {namespace: project} : {}),
			...(c.Created ? {creationTimestamp: fromUnix(c.Created)} : {}),
			labels,
		},
		docker: {
			id: c.Id,
			shortId: c.Id.slice(0, 12),
			image: c.Image ?? '',
			imageId: c.ImageID ?? '',
			command: c.Command ?? '',
			state: c.State ?? '',
			status: c.Status ?? '',
			...status,
			ports: portsText(c.Ports),
			networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
			volumes: mounts.filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name),
			mounts: mounts.map((m) => ({type: m.Type, name: m.Name, source: m.Source, destination: m.Destination})),
			...(project ? {project} : {}),
			...(service ? {service} : {}),
			...(stats ? {cpuPercent: stats.cpuPercent ?? null, memoryBytes: stats.memoryBytes, memoryLimit: stats.memoryLimit} : {}),
		},
	};
	containerCache.set(c, {stats, listedAt, row});
	return row;
}

/** Images as `docker images` lists them: one row per repository:tag, untagged ones as `<none>:<none>` keyed by id. */
function imageRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const using = new Map<string, number>();
	for (const c of snap.containers.values()) if (c.ImageID) using.set(c.ImageID, (using.get(c.ImageID) ?? 0) + 1);
	const rows = new Map<string, ResourceObject>();
	for (const image of snap.images.values()) {
		const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
		const base = {
			id: image.Id,
			shortId: image.Id.replace(/^sha256:/, '').slice(0, 12),
			size: image.Size ?? 0,
			containers: using.get(image.Id) ?? 0,
			dangling: tags.length === 0,
			digests: image.RepoDigests ?? [],
		};
		const row = (name: string, repository: string, tag: string): ResourceObject => ({
			metadata: {name, uid: image.Id, ...(image.Created ? {creationTimestamp: fromUnix(image.Created)} : {}), labels: image.Labels ?? {}},
			docker: {...base, repository, tag, tags},
		});
		if (tags.length === 0) {
			const digest = image.RepoDigests?.[0];
			rows.set(image.Id, row(`<none>:<none>`, digest ? (digest.split('@')[0] ?? '<none>') : '<none>', '<none>'));
		}
		for (const t of tags) {
			const at = t.lastIndexOf(':');
			rows.set(t, row(t, at > 0 ? t.slice(0, at) : t, at > 0 ? t.slice(at + 1) : ''));
		}
	}
	return rows;
}

/** Containers by what they use: names of containers per volume name and per network name. */
function usersOf(snap: MirrorSnapshot): {volumes: Map<string, string[]>; networks: Map<string, string[]>} {
	const volumes = new Map<string, string[]>();
	const networks = new Map<string, string[]>();
	const add = (map: Map<string, string[]>, key: string, name: string) => {
		const list = map.get(key);
		if (list) list.push(name);
		else map.set(key, [name]);
	};
	for (const c of snap.containers.values()) {
		const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
		for (const m of c.Mounts ?? []) if (m.Type === 'volume' && m.Name) add(volumes, m.Name, name);
		for (const [net, settings] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
			add(networks, net, name);
			if (settings.NetworkID && settings.NetworkID !== net) add(networks, settings.NetworkID, name);
		}
	}
	return {volumes, networks};
}

function volumeRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const {volumes: users} = usersOf(snap);
	const rows = new Map<string, ResourceObject>();
	for (const v of snap.volumes.values()) {
		const usedBy = users.get(v.Name) ?? [];
		const project = label(v.Labels, COMPOSE_PROJECT);
		rows.set(v.Name, {
			metadata: {name: v.Name, ...(v.CreatedAt ? {creationTimestamp: v.CreatedAt} : {}), labels: v.Labels ?? {}},
			docker: {
				driver: v.Driver ?? '',
				mountpoint: v.Mountpoint ?? '',
				scope: v.Scope ?? '',
				usedBy,
				containers: usedBy.length,
				...(project ? {project} : {}),
			},
		});
	}
	return rows;
}

function networkRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const {networks: users} = usersOf(snap);
	const rows = new Map<string, ResourceObject>();
	for (const n of snap.networks.values()) {
		const usedBy = [...new Set([...(users.get(n.Name) ?? []), ...(users.get(n.Id) ?? [])])];
		const project = label(n.Labels, COMPOSE_PROJECT);
		rows.set(n.Id, {
			metadata: {name: n.Name, uid: n.Id, ...(n.Created ? {creationTimestamp: n.Created} : {}), labels: n.Labels ?? {}},
			docker: {
				id: n.Id,
				shortId: n.Id.slice(0, 12),
				driver: n.Driver ?? '',
				scope: n.Scope ?? '',
				internal: n.Internal === true,
				subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter(Boolean),
				usedBy,
				containers: usedBy.length,
				...(project ? {project} : {}),
			},
		});
	}
	return rows;
}

/** `running(2), exited(1)`, as `docker compose ls` sums a project's containers up. */
function stateSummary(states: readonly string[]): string {
	const counts = new Map<string, number>();
	for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
	return [...counts]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([s, n]) => `${s}(${n})`)
		.join(', ');
}

/** Compose projects and their services, by the containers' labels only (never by their names). */
function composeGroups(snap: MirrorSnapshot): Map<string, Map<string, ListedContainer[]>> {
	const projects = new Map<string, Map<string, ListedContainer[]>>();
	for (const c of snap.containers.values()) {
		const project = label(c.Labels, COMPOSE_PROJECT);
		if (!project) continue;
		const service = label(c.Labels, COMPOSE_SERVICE) ?? '';
		let services = projects.get(project);
		if (!services) {
			services = new Map<string, ListedContainer[]>();
			projects.set(project, services);
		}
		const list = services.get(service);
		if (list) list.push(c);
		else services.set(service, [c]);
	}
	return projects;
}

const oldest = (containers: readonly ListedContainer[]) => fromUnix(Math.min(...containers.map((c) => c.Created ?? Infinity)));

function groupCounts(containers: readonly ListedContainer[]) {
	return {
		running: containers.filter((c) => c.State === 'running').length,
		total: containers.length,
		states: stateSummary(containers.map((c) => c.State ?? 'unknown')),
	};
}

function projectRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const rows = new Map<string, ResourceObject>();
	for (const [project, services] of composeGroups(snap)) {
		const all = [...services.values()].flat();
		const created = oldest(all);
		rows.set(project, {
			metadata: {name: project, ...(created ? {creationTimestamp: created} : {})},
			docker: {
				project,
				services: services.size,
				...groupCounts(all),
				configFiles: label(all[0]?.Labels, COMPOSE_CONFIG) ?? '',
				workingDir: label(all[0]?.Labels, COMPOSE_DIR) ?? '',
			},
		});
	}
	return rows;
}

function serviceRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const rows = new Map<string, ResourceObject>();
	for (const [project, services] of composeGroups(snap))
		for (const [service, containers] of services) {
			const created = oldest(containers);
			rows.set(`${project}/${service}`, {
				metadata: {name: service, namespace: project, ...(created ? {creationTimestamp: created} : {})},
				docker: {
					project,
					service,
					image: [...new Set(containers.map((c) => c.Image ?? ''))].join(', '),
					ports: portsText(containers.flatMap((c) => c.Ports ?? [])),
					...groupCounts(containers),
				},
			});
		}
	return rows;
}

function containerRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const rows = new Map<string, ResourceObject>();
	for (const [id, c] of snap.containers) rows.set(id, containerRow(c, snap.listedAt.get(id) ?? 0, snap.stats.get(id)));
	return rows;
}

/** A Docker kind: what it lists from the engine and how its rows are made. */
export type DockerKind = {
	readonly collections: readonly Collection[];
	readonly rows: (snap: MirrorSnapshot) => Map<string, ResourceObject>;
};

/** The kinds a Docker engine serves, by the view kind that shows them. */
export const DOCKER_KINDS: Readonly<Record<string, DockerKind>> = {
	containers: {collections: ['containers'], rows: containerRows},
	images: {collections: ['images', 'containers'], rows: imageRows},
	volumes: {collections: ['volumes', 'containers'], rows: volumeRows},
	networks: {collections: ['networks', 'containers'], rows: networkRows},
	composeprojects: {collections: ['containers'], rows: projectRows},
	composeservices: {collections: ['containers'], rows: serviceRows},
	swarmservices: {collections: ['services', 'tasks', 'nodes'], rows: swarmServiceRows},
	swarmtasks: {collections: ['tasks', 'services', 'nodes'], rows: taskRows},
	swarmnodes: {collections: ['nodes', 'tasks'], rows: nodeRows},
};
