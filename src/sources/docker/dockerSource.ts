import {scopeMatcher} from '../scope.js';
import type {
	ActionRequest,
	Change,
	ExecRequest,
	ExecSession,
	ExecSink,
	FeedSink,
	LogRequest,
	LogSink,
	ResourceObject,
	Scope,
	Source,
	Subscription,
} from '../types.js';
import {dockerAttach} from './attach.js';
import type {DockerClient} from './client.js';
import {DOCKER_KINDS} from './dockerKinds.js';
import * as actions from './actions.js';
import {dockerExec} from './exec.js';
import {followDockerLogs} from './logs.js';
import {DEFAULT_DOCKER_TIMING, EngineMirror, type DockerTiming} from './mirror.js';

/** The kind listing the user's engines (`:dctx`), served from what engines.ts found. */
export const DOCKER_CONTEXTS_KIND = 'dockercontexts';

/** Where the whole object of each kind is read for YAML (the feeds keep rows). */
const INSPECT: Readonly<Record<string, (key: string) => string>> = {
	containers: (id) => `/containers/${encodeURIComponent(id)}/json`,
	images: (name) => `/images/${encodeURIComponent(name)}/json`,
	volumes: (name) => `/volumes/${encodeURIComponent(name)}`,
	networks: (id) => `/networks/${encodeURIComponent(id)}`,
	swarmservices: (id) => `/services/${encodeURIComponent(id)}`,
	swarmtasks: (id) => `/tasks/${encodeURIComponent(id)}`,
	swarmnodes: (id) => `/nodes/${encodeURIComponent(id)}`,
};

/**
 * One Docker engine as a source: each view's rows are made from the engine's mirror
 * (one /events stream for all of them) and sent as changes against what the view
 * last got. Scopes (a compose project, a service, an image's or a network's
 * containers) are matched here, as an API server would.
 */
export class DockerSource implements Source {
	readonly engine = 'docker' as const;
	readonly id: string;
	private readonly mirror: EngineMirror;

	constructor(
		readonly client: DockerClient,
		readonly label: string,
		timing: DockerTiming = DEFAULT_DOCKER_TIMING,
		/** The rows of `:dctx`, one per engine the user has. */
		private readonly contexts: readonly (readonly [string, ResourceObject])[] = [],
	) {
		this.id = `docker:${label}`;
		this.mirror = new EngineMirror(client, timing);
	}

	kinds(): readonly string[] {
		return [...Object.keys(DOCKER_KINDS), DOCKER_CONTEXTS_KIND];
	}

	watch(kind: string, scope: Scope, sink: FeedSink): Subscription {
		if (kind === DOCKER_CONTEXTS_KIND) {
			sink.changes([{type: 'reset', objects: this.contexts}]);
			sink.state({phase: 'live'});
			return {stop: () => undefined};
		}
		const def = DOCKER_KINDS[kind];
		if (!def) {
			sink.state({phase: 'failed', reason: `a Docker engine has no "${kind}"`});
			return {stop: () => undefined};
		}
		const matches = scopeMatcher(scope);
		if ('error' in matches) {
			sink.state({phase: 'failed', reason: matches.error});
			return {stop: () => undefined};
		}
		let sent: Map<string, ResourceObject> | undefined;
		// The JSON of rows rebuilt on every change (images, volumes...), to tell a real change from a new copy.
		const texts = new Map<string, string>();
		const same = (key: string, before: ResourceObject | undefined, after: ResourceObject) => {
			if (before === after) return true;
			const text = JSON.stringify(after);
			const was = texts.get(key);
			texts.set(key, text);
			return was === text;
		};
		const unsubscribe = this.mirror.watch(
			def.collections,
			(snap) => {
				const rows = new Map<string, ResourceObject>();
				for (const [key, row] of def.rows(snap)) if (matches(row)) rows.set(key, row);
				if (!sent) {
					for (const [key, row] of rows) texts.set(key, JSON.stringify(row));
					sink.changes([{type: 'reset', objects: [...rows]}]);
				} else {
					const changes: Change[] = [];
					for (const [key, row] of rows)
						if (!same(key, sent.get(key), row)) changes.push({type: sent.has(key) ? 'update' : 'add', key, object: row});
					for (const key of sent.keys())
						if (!rows.has(key)) {
							texts.delete(key);
							changes.push({type: 'delete', key});
						}
					if (changes.length > 0) sink.changes(changes);
				}
				sent = rows;
			},
			(state) => sink.state(state),
		);
		return {stop: unsubscribe};
	}

	/** Which containers a view shows, so stats stream for them (and only them). */
	showing(token: object, kind: string, keys: readonly string[]): void {
		if (kind === 'containers') this.mirror.setVisible(token, keys);
	}

	async fetch(kind: string, key: string): Promise<ResourceObject> {
		const path = INSPECT[kind];
		if (!path) throw new Error(`a Docker engine has no "${kind}" to inspect`);
		return this.client.get<ResourceObject>(path(key));
	}

	async act(request: ActionRequest): Promise<string> {
		// Messages name what the user picked, not its 64-digit id; without a view open, the engine says.
		const snap = this.mirror.snapshot();
		const known =
			request.kind === 'networks' ? snap.networks.get(request.key)?.Name : snap.containers.get(request.key)?.Names?.[0]?.replace(/^\//, '');
		let name = known;
		if (name === undefined && request.kind === 'containers' && request.key !== '')
			name = await this.client
				.get<{Name?: string}>(`/containers/${encodeURIComponent(request.key)}/json`)
				.then((c) => c.Name?.replace(/^\//, ''))
				.catch(() => undefined);
		return actions.act(this.client, request, name ?? request.key.slice(0, 12));
	}

	/** A container's log, followed through restarts; whether it runs comes from the mirror when a view keeps it. */
	logs(request: LogRequest, sink: LogSink): Subscription {
		if (request.kind !== 'containers') {
			sink.state({phase: 'failed', reason: `${request.kind} have no log of their own`});
			return {stop: () => undefined};
		}
		if (request.previous) {
			sink.state({phase: 'failed', reason: 'Docker keeps one log per container, across restarts: it is all in this one'});
			return {stop: () => undefined};
		}
		return followDockerLogs(this.client, request, sink, () => {
			const state = this.mirror.snapshot().containers.get(request.key)?.State;
			return state === undefined ? undefined : state === 'running';
		});
	}

	/** A shell or a command in a running container, or an attach to its main process, on a TTY the pane sizes. */
	exec(request: ExecRequest, sink: ExecSink): ExecSession {
		if (request.kind !== 'containers') {
			sink.state({phase: 'failed', reason: `${request.kind} cannot run commands: pick a container`});
			return {write: () => undefined, resize: () => undefined, stop: () => undefined};
		}
		// Messages name the container as the list does, not by its 64-digit id.
		const known = this.mirror.snapshot().containers.get(request.key)?.Names?.[0]?.replace(/^\//, '');
		const name = known ?? (/^[0-9a-f]{64}$/.test(request.key) ? request.key.slice(0, 12) : request.key);
		return request.attach
			? dockerAttach(this.client, request.key, request.cols, request.rows, sink, name)
			: dockerExec(this.client, request, sink, name);
	}

	/** A table the engine makes on request: a container's processes, an image's layers. */
	report(kind: string, key: string, report: string): Promise<string[]> {
		return actions.report(this.client, kind, key, report);
	}
}
