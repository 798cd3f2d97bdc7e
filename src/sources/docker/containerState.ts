import type {ListedContainer, ListedPort} from './api.js';

// A container's state as a moment and a few facts (running since, exit code, health),
// so its STATUS stays current without asking the engine again: read exactly from an
// inspect, or worked back from the words of a list (`Up 5 minutes (healthy)`).

/** go-units HumanDuration's words, the ones `docker ps` prints, back to seconds (their lower bound). */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
	second: 1,
	minute: 60,
	hour: 3600,
	day: 86_400,
	week: 604_800,
	month: 2_592_000,
	year: 31_536_000,
};

/** Seconds in a duration as the engine words it ("5 minutes", "About an hour"); undefined if it is not one. */
export function parseHumanDuration(text: string): number | undefined {
	if (text === 'Less than a second') return 0;
	if (text === 'About a minute') return 60;
	if (text === 'About an hour') return 3600;
	const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(text);
	return m ? Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 0) : undefined;
}

/** What a container's status line says, with its time as a moment, so the text can stay current. */
export type StatusParts = {
	/** Running, exited or restarting since then (ms); undefined for created/dead. */
	readonly since?: number;
	readonly exitCode?: number;
	/** healthy, unhealthy or starting, when the container has a health check. */
	readonly health?: string;
	readonly paused?: boolean;
};

/** Reads the engine's status text ("Up 5 minutes (healthy)", "Exited (0) 2 hours ago"), as it stood at `listedAt`. */
export function parseStatus(status: string, listedAt: number): StatusParts {
	const health = /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1]?.replace('health: ', '');
	const up = /^Up (.+?)(?: \((?:Paused|healthy|unhealthy|health: starting)\))*$/.exec(status);
	if (up) {
		const seconds = parseHumanDuration(up[1] ?? '');
		return {
			...(seconds !== undefined ? {since: listedAt - seconds * 1000} : {}),
			...(health ? {health} : {}),
			...(status.includes('(Paused)') ? {paused: true} : {}),
		};
	}
	const done = /^(?:Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(status);
	if (done) {
		const seconds = parseHumanDuration(done[2] ?? '');
		return {exitCode: Number(done[1]), ...(seconds !== undefined ? {since: listedAt - seconds * 1000} : {})};
	}
	return health ? {health} : {};
}

/** A container as GET /containers/{id}/json answers (the fields kview reads). */
export type InspectedContainer = {
	readonly Id: string;
	readonly Name?: string;
	readonly Created?: string;
	readonly Path?: string;
	readonly Args?: readonly string[];
	readonly Image?: string;
	readonly State?: {
		readonly Status?: string;
		readonly ExitCode?: number;
		readonly StartedAt?: string;
		readonly FinishedAt?: string;
		readonly Health?: {readonly Status?: string};
	};
	readonly Config?: {readonly Image?: string; readonly Labels?: Readonly<Record<string, string>> | null};
	readonly Mounts?: ListedContainer['Mounts'];
	readonly NetworkSettings?: {
		readonly Ports?: Readonly<Record<string, readonly {readonly HostIp?: string; readonly HostPort?: string}[] | null>> | null;
		readonly Networks?: Readonly<Record<string, {readonly NetworkID?: string; readonly IPAddress?: string}>>;
	};
};

/** A list entry with the state parts an inspect gave, which beat reading the Status words. */
export type KnownContainer = ListedContainer & {readonly kview?: StatusParts};

const moment = (text: string | undefined) => {
	const ms = text ? Date.parse(text) : NaN;
	// Docker writes 0001-01-01T00:00:00Z for "never".
	return Number.isFinite(ms) && ms > 0 ? ms : undefined;
};

const STATE_WORDS: Readonly<Record<string, string>> = {created: 'Created', dead: 'Dead', removing: 'Removal In Progress'};

/** An inspect in the shape of a list entry, its state exact. */
export function fromInspect(c: InspectedContainer): KnownContainer {
	const state = c.State ?? {};
	const ports: ListedPort[] = [];
	for (const [spec, bindings] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
		const [port = '', type = 'tcp'] = spec.split('/');
		if (!bindings || bindings.length === 0) ports.push({PrivatePort: Number(port), Type: type});
		else for (const b of bindings) ports.push({IP: b.HostIp ?? '', PrivatePort: Number(port), PublicPort: Number(b.HostPort), Type: type});
	}
	const status = state.Status ?? '';
	const since = status === 'running' || status === 'paused' ? moment(state.StartedAt) : moment(state.FinishedAt);
	const created = moment(c.Created);
	const kview: StatusParts = {
		...(since !== undefined && status !== 'created' ? {since} : {}),
		...(status === 'exited' || status === 'restarting' ? {exitCode: state.ExitCode ?? 0} : {}),
		...(state.Health?.Status && state.Health.Status !== 'none' ? {health: state.Health.Status} : {}),
		...(status === 'paused' ? {paused: true} : {}),
	};
	return {
		Id: c.Id,
		Names: [c.Name ?? `/${c.Id.slice(0, 12)}`],
		Image: c.Config?.Image ?? '',
		ImageID: c.Image ?? '',
		Command: [c.Path ?? '', ...(c.Args ?? [])].filter(Boolean).join(' '),
		...(created !== undefined ? {Created: Math.floor(created / 1000)} : {}),
		State: status,
		// The words of the states that have no time to keep current, as the engine puts them.
		Status: STATE_WORDS[status] ?? '',
		Ports: ports,
		Labels: c.Config?.Labels ?? {},
		NetworkSettings: {Networks: c.NetworkSettings?.Networks ?? {}},
		Mounts: c.Mounts ?? [],
		kview,
	};
}
