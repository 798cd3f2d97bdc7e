import type {Change, FeedSink, ResourceObject, Scope, Source, Subscription} from '../types.js';
import {DockerError, type DockerClient} from './client.js';
import {sleep} from '../sleep.js';

/** A container as /containers/json lists it (the fields kview reads). */
type ListedContainer = {
	Id: string;
	Names?: string[];
	Image?: string;
	ImageID?: string;
	Command?: string;
	Created?: number;
	State?: string;
	Status?: string;
	Ports?: {IP?: string; PrivatePort?: number; PublicPort?: number; Type?: string}[];
	Labels?: Record<string, string>;
	NetworkSettings?: {Networks?: Record<string, unknown>};
	Mounts?: {Type?: string; Name?: string; Source?: string; Destination?: string}[];
};

/** An /events message, as Docker and Podman send it. */
type EngineEvent = {
	Type?: string;
	Action?: string;
	status?: string;
	id?: string;
	Actor?: {ID?: string; Attributes?: Record<string, string>};
};

/** Knobs for tests; real use takes the defaults. */
export type DockerTiming = {readonly initialBackoffMs: number; readonly maxBackoffMs: number; readonly random: () => number};
export const DEFAULT_DOCKER_TIMING: DockerTiming = {initialBackoffMs: 1000, maxBackoffMs: 30_000, random: Math.random};

const COMPOSE_PROJECT = ['com.docker.compose.project', 'io.podman.compose.project'];
const COMPOSE_SERVICE = ['com.docker.compose.service', 'io.podman.compose.service'];

function label(labels: Record<string, string>, keys: readonly string[]): string | undefined {
	for (const key of keys) if (labels[key]) return labels[key];
	return undefined;
}

/**
 * A listed container in the shape views read: Kubernetes-like metadata (name,
 * creation time, labels, the compose project as its namespace) beside the
 * engine's own fields under `docker`, so age, label filters and grouping work
 * as they do for pods.
 */
export function projectContainer(c: ListedContainer): ResourceObject {
	const labels = c.Labels ?? {};
	const project = label(labels, COMPOSE_PROJECT);
	const service = label(labels, COMPOSE_SERVICE);
	return {
		metadata: {
			name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
			uid: c.Id,
			...(project ? {namespace: project} : {}),
			...(c.Created ? {creationTimestamp: new Date(c.Created * 1000).toISOString()} : {}),
			labels,
		},
		docker: {
			id: c.Id,
			image: c.Image ?? '',
			imageId: c.ImageID ?? '',
			command: c.Command ?? '',
			state: c.State ?? '',
			status: c.Status ?? '',
			ports: c.Ports ?? [],
			networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
			mounts: (c.Mounts ?? []).map((m) => ({type: m.Type, name: m.Name, source: m.Source, destination: m.Destination})),
			...(project ? {project} : {}),
			...(service ? {service} : {}),
		},
	};
}

/** Podman names some actions differently; these are the Docker ones. */
function normalAction(event: EngineEvent): string {
	const action = event.Action ?? event.status ?? '';
	if (action === 'died') return 'die';
	// Docker writes "health_status: healthy"; Podman "health_status" with the status apart.
	return action.startsWith('health_status') ? 'health_status' : action;
}

/**
 * One Docker engine as a source. A feed lists once, then follows /events: an
 * event updates the one container it names with one targeted list call (never an
 * inspect of everything, never size=true); a destroy removes it. The event stream
 * is opened before the list, so nothing that happens in between is missed; after
 * a broken stream it backs off, relists and follows again, for as long as the view
 * is open.
 */
export class DockerSource implements Source {
	readonly engine = 'docker' as const;
	readonly id: string;

	constructor(
		private readonly client: DockerClient,
		readonly label: string,
		private readonly timing: DockerTiming = DEFAULT_DOCKER_TIMING,
	) {
		this.id = `docker:${label}`;
	}

	kinds(): readonly string[] {
		return ['containers'];
	}

	watch(kind: string, _scope: Scope, sink: FeedSink): Subscription {
		const controller = new AbortController();
		sink.state({phase: 'connecting'});
		if (kind !== 'containers') {
			sink.state({phase: 'failed', reason: `the Docker source has no "${kind}" yet`});
			return {stop: () => undefined};
		}
		void this.follow(sink, controller.signal);
		return {stop: () => controller.abort()};
	}

	private async listOne(id: string, signal: AbortSignal): Promise<ListedContainer | undefined> {
		const filters = encodeURIComponent(JSON.stringify({id: [id]}));
		const found = await this.client.get<ListedContainer[]>(`/containers/json?all=1&filters=${filters}`, signal);
		return found.find((c) => c.Id === id);
	}

	private async follow(sink: FeedSink, signal: AbortSignal): Promise<void> {
		let delay = this.timing.initialBackoffMs;
		while (!signal.aborted) {
			// Events that arrive while the list is being read wait for it, then refresh their containers.
			let listed = false;
			const waiting = new Set<string>();
			let chain = Promise.resolve();
			const refresh = (id: string, gone: boolean) => {
				chain = chain.then(async () => {
					if (signal.aborted) return;
					const container = gone ? undefined : await this.listOne(id, signal).catch(() => undefined);
					const change: Change = container ? {type: 'update', key: id, object: projectContainer(container)} : {type: 'delete', key: id};
					sink.changes([change]);
				});
			};
			const stream = this.client.stream(
				`/events?filters=${encodeURIComponent(JSON.stringify({type: ['container']}))}`,
				(raw) => {
					const event = raw as EngineEvent;
					const id = event.Actor?.ID ?? event.id;
					if (!id) return;
					const gone = normalAction(event) === 'destroy';
					if (!listed) waiting.add(id);
					else refresh(id, gone);
				},
				signal,
				() => {
					void (async () => {
						try {
							const all = await this.client.get<ListedContainer[]>('/containers/json?all=1', signal);
							sink.changes([{type: 'reset', objects: all.map((c) => [c.Id, projectContainer(c)] as const)}]);
							sink.state({phase: 'live'});
							delay = this.timing.initialBackoffMs;
							listed = true;
							for (const id of waiting) refresh(id, false);
						} catch {
							// The stream's own failure (or the next one) says why; the loop relists.
						}
					})();
				},
			);
			try {
				await stream;
				if (signal.aborted) return;
				throw new DockerError(0, `the event stream from ${this.client.label} ended`);
			} catch (error) {
				if (signal.aborted) return;
				const reason = error instanceof Error ? error.message : String(error);
				const wait = delay * (0.8 + 0.4 * this.timing.random());
				sink.state({phase: 'reconnecting', retryAt: Date.now() + wait, reason});
				await sleep(wait, signal);
				delay = Math.min(delay * 2, this.timing.maxBackoffMs);
			}
		}
	}
}
