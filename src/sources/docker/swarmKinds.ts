import type {ResourceObject} from '../types.js';
import type {ListedService, ListedTask} from './api.js';
import type {MirrorSnapshot} from './mirror.js';

// Swarm services, tasks and nodes as rows, as `docker service ls`, `docker service ps`
// and `docker node ls` show them; present only where the engine is a swarm manager.

/** An image reference without its pinned digest, as `docker service ls` prints it. */
const shortImage = (image: string | undefined) => (image ?? '').replace(/@sha256:[0-9a-f]+$/, '');

const running = (t: ListedTask) => t.Status?.State === 'running' && t.DesiredState === 'running';

/** `*:8080->80/tcp`, as `docker service ls` prints published ports. */
function servicePorts(s: ListedService): string {
	return (s.Endpoint?.Ports ?? [])
		.filter((p) => p.PublishedPort)
		.map((p) => `*:${p.PublishedPort}->${p.TargetPort ?? ''}/${p.Protocol ?? 'tcp'}`)
		.join(', ');
}

/** A task's name: the service's with its slot (replicated) or node (global), as `docker service ps` names it. */
function taskName(t: ListedTask, services: MirrorSnapshot['services']): string {
	const service = services.get(t.ServiceID ?? '')?.Spec?.Name ?? (t.ServiceID ?? '').slice(0, 12);
	return t.Slot ? `${service}.${t.Slot}` : `${service}.${t.NodeID ?? ''}`;
}

export function serviceRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const runningBy = new Map<string, number>();
	const nodes = [...snap.nodes.values()].filter((n) => n.Status?.State === 'ready' && n.Spec?.Availability === 'active').length;
	for (const t of snap.tasks.values()) if (running(t)) runningBy.set(t.ServiceID ?? '', (runningBy.get(t.ServiceID ?? '') ?? 0) + 1);
	const rows = new Map<string, ResourceObject>();
	for (const s of snap.services.values()) {
		const global = s.Spec?.Mode?.Global !== undefined;
		const desired = global ? nodes : (s.Spec?.Mode?.Replicated?.Replicas ?? 0);
		const up = runningBy.get(s.ID) ?? 0;
		rows.set(s.ID, {
			metadata: {
				name: s.Spec?.Name ?? s.ID,
				uid: s.ID,
				...(s.CreatedAt ? {creationTimestamp: s.CreatedAt} : {}),
				labels: s.Spec?.Labels ?? {},
			},
			docker: {
				id: s.ID,
				shortId: s.ID.slice(0, 12),
				mode: global ? 'global' : 'replicated',
				running: up,
				total: desired,
				image: shortImage(s.Spec?.TaskTemplate?.ContainerSpec?.Image),
				ports: servicePorts(s),
			},
		});
	}
	return rows;
}

export function taskRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const rows = new Map<string, ResourceObject>();
	for (const t of snap.tasks.values()) {
		const node = snap.nodes.get(t.NodeID ?? '');
		rows.set(t.ID, {
			metadata: {name: taskName(t, snap.services), uid: t.ID, ...(t.CreatedAt ? {creationTimestamp: t.CreatedAt} : {})},
			docker: {
				id: t.ID,
				shortId: t.ID.slice(0, 12),
				serviceId: t.ServiceID ?? '',
				nodeId: t.NodeID ?? '',
				node: node?.Description?.Hostname ?? (t.NodeID ?? '').slice(0, 12),
				image: shortImage(t.Spec?.ContainerSpec?.Image),
				desiredState: t.DesiredState ?? '',
				state: t.Status?.State ?? '',
				...(t.Status?.Timestamp ? {since: Date.parse(t.Status.Timestamp)} : {}),
				error: t.Status?.Err ?? '',
			},
		});
	}
	return rows;
}

export function nodeRows(snap: MirrorSnapshot): Map<string, ResourceObject> {
	const tasksOn = new Map<string, number>();
	for (const t of snap.tasks.values()) if (running(t)) tasksOn.set(t.NodeID ?? '', (tasksOn.get(t.NodeID ?? '') ?? 0) + 1);
	const rows = new Map<string, ResourceObject>();
	for (const n of snap.nodes.values()) {
		const manager = n.ManagerStatus ? (n.ManagerStatus.Leader ? 'Leader' : (n.ManagerStatus.Reachability ?? '')) : '';
		rows.set(n.ID, {
			metadata: {
				name: n.Description?.Hostname ?? n.ID,
				uid: n.ID,
				...(n.CreatedAt ? {creationTimestamp: n.CreatedAt} : {}),
				labels: n.Spec?.Labels ?? {},
			},
			docker: {
				id: n.ID,
				shortId: n.ID.slice(0, 12),
				status: n.Status?.State ?? '',
				availability: n.Spec?.Availability ?? '',
				manager: manager.replace(/^./, (c) => c.toUpperCase()),
				role: n.Spec?.Role ?? '',
				engineVersion: n.Description?.Engine?.EngineVersion ?? '',
				address: n.Status?.Addr ?? '',
				tasks: tasksOn.get(n.ID) ?? 0,
			},
		});
	}
	return rows;
}
