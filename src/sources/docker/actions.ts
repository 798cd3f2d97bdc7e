import {decimalSize} from '../../model/byteSize.js';
import {dockerDuration} from '../../model/dockerCells.js';
import {formatTextTable} from '../../model/textTable.js';
import type {ActionRequest} from '../types.js';
import {DockerError, type DockerClient} from './client.js';

const esc = encodeURIComponent;

/** A call that answers 304 when there is nothing to do (start a running container): said plainly, not as a failure. */
async function post(client: DockerClient, path: string, done: string, already: string): Promise<string> {
	try {
		await client.request('POST', path);
		return done;
	} catch (error) {
		if (error instanceof DockerError && error.status === 304) return already;
		throw error;
	}
}

/** Words for what a prune freed. */
function reclaimed(bytes: number | undefined): string {
	return bytes ? `, ${decimalSize(bytes)} freed` : '';
}

async function prune(client: DockerClient, kind: string): Promise<string> {
	switch (kind) {
		case 'containers': {
			const r = await client.request<{ContainersDeleted?: string[] | null; SpaceReclaimed?: number}>('POST', '/containers/prune');
			return `removed ${r.ContainersDeleted?.length ?? 0} stopped containers${reclaimed(r.SpaceReclaimed)}`;
		}
		case 'images': {
			const r = await client.request<{ImagesDeleted?: {Deleted?: string; Untagged?: string}[] | null; SpaceReclaimed?: number}>(
				'POST',
				'/images/prune',
			);
			const deleted = (r.ImagesDeleted ?? []).filter((i) => i.Deleted).length;
			return `removed ${deleted} dangling images${reclaimed(r.SpaceReclaimed)}`;
		}
		case 'volumes': {
			// From API 1.42 a prune leaves named volumes unless asked; kview's summary counted every unused one.
			const version = await client.version();
			const all = Number(version.split('.')[1] ?? 0) >= 42 ? `?filters=${esc(JSON.stringify({all: ['true']}))}` : '';
			const r = await client.request<{VolumesDeleted?: string[] | null; SpaceReclaimed?: number}>('POST', `/volumes/prune${all}`);
			return `removed ${r.VolumesDeleted?.length ?? 0} unused volumes${reclaimed(r.SpaceReclaimed)}`;
		}
		case 'networks': {
			const r = await client.request<{NetworksDeleted?: string[] | null}>('POST', '/networks/prune');
			return `removed ${r.NetworksDeleted?.length ?? 0} unused networks`;
		}
		default:
			throw new Error(`${kind} cannot be pruned`);
	}
}

async function remove(client: DockerClient, request: Extract<ActionRequest, {action: 'delete'}>, name: string): Promise<string> {
	const {kind, key} = request;
	switch (kind) {
		case 'containers':
			// force: a running container is killed first, as `docker rm -f`; the dialog said so.
			await client.request('DELETE', `/containers/${esc(key)}?force=1${request.removeVolumes ? '&v=1' : ''}`);
			return `removed container ${name}${request.removeVolumes ? ' and its anonymous volumes' : ''}`;
		case 'images': {
			const r = await client.request<{Untagged?: string; Deleted?: string}[]>(
				'DELETE',
				`/images/${esc(key)}${request.force ? '?force=1' : ''}`,
			);
			const deleted = r.filter((i) => i.Deleted).length;
			return deleted > 0 ? `removed image ${key} (${deleted} layers)` : `untagged ${key}`;
		}
		case 'volumes':
			await client.request('DELETE', `/volumes/${esc(key)}`);
			return `removed volume ${key}`;
		case 'networks':
			await client.request('DELETE', `/networks/${esc(key)}`);
			return `removed network ${name}`;
		default:
			throw new Error(`${kind} cannot be removed`);
	}
}

/** Carries out an action on a Docker engine; `name` is what messages call the object. Resolves to a line for the flash, rejects with the engine's reason. */
export async function act(client: DockerClient, request: ActionRequest, name: string): Promise<string> {
	const {kind, key} = request;
	const container = `/containers/${esc(key)}`;
	const short = name;
	if (request.action === 'prune') return prune(client, kind);
	if (request.action === 'delete') return remove(client, request, name);
	if (kind !== 'containers') throw new Error(`${request.action} is for containers, not ${kind}`);
	switch (request.action) {
		case 'start':
			return post(client, `${container}/start`, `started ${short}`, `${short} is already running`);
		case 'stop':
			return post(client, `${container}/stop`, `stopped ${short}`, `${short} was not running`);
		case 'restart':
			return post(client, `${container}/restart`, `restarted ${short}`, `restarted ${short}`);
		case 'kill':
			return post(client, `${container}/kill`, `killed ${short}`, `${short} was not running`);
		case 'pause':
			return post(client, `${container}/pause`, `paused ${short}`, `${short} is already paused`);
		case 'unpause':
			return post(client, `${container}/unpause`, `unpaused ${short}`, `${short} was not paused`);
		case 'rename':
			await client.request('POST', `${container}/rename?name=${esc(request.name)}`);
			return `renamed ${short} to ${request.name}`;
		default:
			throw new Error(`${request.action} is not something a Docker engine does`);
	}
}

/** A table the engine makes on request, as the docker CLI prints it: `top` of a container, `history` of an image. */
export async function report(client: DockerClient, kind: string, key: string, name: string): Promise<string[]> {
	if (kind === 'containers' && name === 'top') {
		const top = await client.get<{Titles?: string[]; Processes?: string[][]}>(`/containers/${esc(key)}/top`);
		return formatTextTable(top.Titles ?? [], top.Processes ?? [])
			.replace(/\n$/, '')
			.split('\n');
	}
	if (kind === 'images' && name === 'history') {
		type Layer = {Id?: string; Created?: number; CreatedBy?: string; Size?: number; Comment?: string};
		const layers = await client.get<Layer[]>(`/images/${esc(key)}/history`);
		const now = Date.now();
		const rows = layers.map((l) => [
			l.Id && l.Id !== '<missing>' ? l.Id.replace(/^sha256:/, '').slice(0, 12) : '<missing>',
			l.Created ? `${dockerDuration(now - l.Created * 1000)} ago` : '',
			(l.CreatedBy ?? '').replace(/\s+/g, ' '),
			decimalSize(l.Size ?? 0),
			l.Comment ?? '',
		]);
		return formatTextTable(['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], rows).replace(/\n$/, '').split('\n');
	}
	throw new Error(`no ${name} for ${kind}`);
}
