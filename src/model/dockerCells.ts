import type {ResourceObject} from '../sources/types.js';
import {binarySize, decimalSize} from './byteSize.js';
import type {Cell, ComputedField, Health, HealthField} from './computed.js';

// Cells and health of the Docker views. Rows carry the engine's fields under `docker`
// (see sources/docker/dockerKinds.ts); times are moments, so "Up 5 minutes" stays
// current on every redraw without asking the engine again.

type DockerFields = {
	state?: string;
	status?: string;
	since?: number;
	exitCode?: number;
	health?: string;
	paused?: boolean;
	cpuPercent?: number | null;
	memoryBytes?: number;
	memoryLimit?: number;
	size?: number;
	running?: number;
	total?: number;
	containers?: number;
	dangling?: boolean;
};

const fields = (o: ResourceObject): DockerFields => {
	const d = o['docker'];
	return typeof d === 'object' && d !== null ? d : {};
};

/** go-units HumanDuration, the words `docker ps` uses ("5 minutes", "About an hour"). */
export function dockerDuration(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.floor(seconds / 60);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.floor(ms / 3_600_000 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
	return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** The STATUS column as `docker ps` words it, from the moment the state began. */
function containerStatus(o: ResourceObject, now: number): Cell {
	const d = fields(o);
	const since = d.since;
	if (since === undefined) return {text: d.status ?? '', sort: -Infinity};
	const ago = dockerDuration(Math.max(0, now - since));
	let text: string;
	switch (d.state) {
		case 'running':
		case 'paused':
			// The engine words a paused container without its health.
			text =
				d.paused || d.state === 'paused'
					? `Up ${ago} (Paused)`
					: `Up ${ago}${d.health ? ` (${d.health === 'starting' ? 'health: starting' : d.health})` : ''}`;
			break;
		case 'exited':
			text = `Exited (${d.exitCode ?? 0}) ${ago} ago`;
			break;
		case 'restarting':
			text = `Restarting (${d.exitCode ?? 0}) ${ago} ago`;
			break;
		default:
			text = d.status ?? '';
	}
	return {text, sort: since};
}

function text(value: string): Cell {
	return {text: value, sort: value};
}

/** Computed fields of the Docker views, by the names views/*.json use. */
export const dockerComputed: Readonly<Record<string, ComputedField>> = {
	containerState: (o) => {
		const d = fields(o);
		return text(d.health && d.state === 'running' ? `${d.state} (${d.health})` : (d.state ?? ''));
	},
	containerStatus: (o, ctx) => containerStatus(o, ctx.now),
	containerCpu: (o) => {
		const d = fields(o);
		if (d.state !== 'running') return {text: '', sort: -2};
		if (d.cpuPercent === undefined) return {text: '-', sort: -1};
		if (d.cpuPercent === null) return {text: 'n/a', sort: -1};
		return {text: `${d.cpuPercent.toFixed(2)}%`, sort: d.cpuPercent};
	},
	containerMemory: (o) => {
		const d = fields(o);
		if (d.state !== 'running') return {text: '', sort: -2};
		if (d.memoryBytes === undefined) return {text: '-', sort: -1};
		return {text: binarySize(d.memoryBytes), sort: d.memoryBytes};
	},
	containerMemoryLimit: (o) => {
		const d = fields(o);
		return d.memoryLimit ? {text: binarySize(d.memoryLimit), sort: d.memoryLimit} : {text: '', sort: -1};
	},
	imageSize: (o) => {
		const size = fields(o).size ?? 0;
		return {text: decimalSize(size), sort: size};
	},
	/** `Running 5 minutes ago`, as `docker service ps` words a task's current state. */
	taskState: (o, ctx) => {
		const d = fields(o);
		const state = (d.state ?? '').replace(/^./, (c) => c.toUpperCase());
		return d.since === undefined ? text(state) : {text: `${state} ${dockerDuration(Math.max(0, ctx.now - d.since))} ago`, sort: d.since};
	},
	composeReady: (o) => {
		const d = fields(o);
		return {text: `${d.running ?? 0}/${d.total ?? 0}`, sort: (d.running ?? 0) - (d.total ?? 0)};
	},
};

/** Health ratings of the Docker views. */
export const dockerHealth: Readonly<Record<string, HealthField>> = {
	dockerContainerHealth: (o): Health => {
		const d = fields(o);
		switch (d.state) {
			case 'running':
				return d.health === 'unhealthy' ? 'error' : d.health === 'starting' ? 'pending' : 'ok';
			case 'paused':
				return 'warning';
			case 'created':
				return 'pending';
			case 'exited':
				return d.exitCode ? 'error' : 'done';
			default:
				return 'error';
		}
	},
	composeHealth: (o): Health => {
		const d = fields(o);
		if ((d.running ?? 0) >= (d.total ?? 0)) return 'ok';
		return d.running ? 'warning' : 'done';
	},
	taskHealth: (o): Health => {
		switch (fields(o).state) {
			case 'running':
				return 'ok';
			case 'failed':
			case 'rejected':
			case 'orphaned':
				return 'error';
			case 'complete':
			case 'shutdown':
				return 'done';
			default:
				return 'pending';
		}
	},
	swarmNodeHealth: (o): Health => {
		const d = fields(o) as DockerFields & {availability?: string};
		if (d.status !== 'ready') return 'error';
		return d.availability === 'active' ? 'ok' : 'warning';
	},
	imageHealth: (o): Health => {
		const d = fields(o);
		if (d.dangling) return 'warning';
		return d.containers ? 'ok' : 'done';
	},
};
