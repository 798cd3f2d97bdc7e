import type {ConnectionState} from '../types.js';
import {sleep} from '../sleep.js';
import type {
	CpuStats,
	EngineEvent,
	ListedContainer,
	ListedImage,
	ListedNetwork,
	ListedNode,
	ListedService,
	ListedTask,
	ListedVolume,
	StatsSample,
} from './api.js';
import {DockerError, type DockerClient} from './client.js';
import {fromInspect, type InspectedContainer, type KnownContainer} from './containerState.js';
import {containerStats, type ContainerStats} from './stats.js';

/** What the engine lists, each kept only while some view needs it. */
export type Collection = 'containers' | 'images' | 'volumes' | 'networks' | 'services' | 'tasks' | 'nodes';

/** The engine as the mirror last saw it; maps are replaced, never changed, when something changes. */
export type MirrorSnapshot = {
	readonly containers: ReadonlyMap<string, KnownContainer>;
	readonly images: ReadonlyMap<string, ListedImage>;
	readonly volumes: ReadonlyMap<string, ListedVolume>;
	readonly networks: ReadonlyMap<string, ListedNetwork>;
	readonly services: ReadonlyMap<string, ListedService>;
	readonly tasks: ReadonlyMap<string, ListedTask>;
	readonly nodes: ReadonlyMap<string, ListedNode>;
	/** Stats of the containers some view shows, by container id. */
	readonly stats: ReadonlyMap<string, ContainerStats>;
	/** When each container's list entry was read (ms), so its "Up 5 minutes" can be kept current. */
	readonly listedAt: ReadonlyMap<string, number>;
};

/** Knobs for tests; real use takes the defaults. */
export type DockerTiming = {
	readonly initialBackoffMs: number;
	readonly maxBackoffMs: number;
	readonly random: () => number;
	/** How often stats samples reach the views (the engine sends one a second per container). */
	readonly statsFlushMs: number;
};
export const DEFAULT_DOCKER_TIMING: DockerTiming = {initialBackoffMs: 1000, maxBackoffMs: 30_000, random: Math.random, statsFlushMs: 1000};

/** At most this many stats streams at once (one HTTP connection each); a screenful. */
export const MAX_STATS_STREAMS = 60;
/** Over ssh, fewer: each is an ssh process and a session on the far host. */
export const MAX_SSH_STATS_STREAMS = 6;

type Watcher = {
	readonly collections: ReadonlySet<Collection>;
	readonly onChange: (snapshot: MirrorSnapshot) => void;
	readonly onState: (state: ConnectionState) => void;
};

/**
 * What each event type makes the mirror list again (containers are inspected one by one).
 * Tasks have no events of their own: a service, node or task container event stands in,
 * and a slow poll catches tasks on other nodes.
 */
const RELISTED: Readonly<Record<string, readonly Collection[]>> = {
	image: ['images'],
	volume: ['volumes'],
	network: ['networks'],
	service: ['services', 'tasks'],
	node: ['nodes', 'tasks'],
};
const SWARM_TASK_LABEL = 'com.docker.swarm.task.id';
/** How often tasks are listed again while a view shows them. */
const TASK_POLL_MS = 10_000;
/** After a swarm event, tasks are listed once more this much later: the manager records a task running a moment after its container starts. */
const TASK_SETTLE_MS = 1500;

/** Podman names some actions differently; these are Docker's. */
function normalAction(event: EngineEvent): string {
	const action = event.Action ?? event.status ?? '';
	if (action === 'died') return 'die';
	// Docker writes "health_status: healthy"; Podman "health_status" with the status apart.
	return action.startsWith('health_status') ? 'health_status' : action;
}

type Listing = {readonly path: string; readonly entries: (answer: unknown) => readonly {readonly key: string; readonly value: unknown}[]};
const byId = (answer: unknown) => (answer as {ID: string}[]).map((value) => ({key: value.ID, value}));
/** Where each collection but containers is listed, and how its answer becomes entries. */
const LISTS: Readonly<Record<Exclude<Collection, 'containers'>, Listing>> = {
	images: {path: '/images/json', entries: (a) => (a as ListedImage[]).map((value) => ({key: value.Id, value}))},
	volumes: {
		path: '/volumes',
		entries: (a) => ((a as {Volumes?: ListedVolume[] | null}).Volumes ?? []).map((value) => ({key: value.Name, value})),
	},
	networks: {path: '/networks', entries: (a) => (a as ListedNetwork[]).map((value) => ({key: value.Id, value}))},
	services: {path: '/services', entries: byId},
	tasks: {path: '/tasks', entries: byId},
	nodes: {path: '/nodes', entries: byId},
};

/**
 * One engine, mirrored for every view of it: one /events stream (opened before the
 * lists, so nothing between is missed), containers kept by one targeted list call per
 * burst of events (never an inspect of each, never size=true), images, volumes and
 * networks relisted when an event names their type. A broken stream backs off,
 * relists and follows again for as long as any view is open. Stats stream only for
 * the running containers views say they show.
 */
export class EngineMirror {
	private readonly watchers = new Set<Watcher>();
	private snap: MirrorSnapshot = {
		containers: new Map(),
		images: new Map(),
		volumes: new Map(),
		networks: new Map(),
		services: new Map(),
		tasks: new Map(),
		nodes: new Map(),
		stats: new Map(),
		listedAt: new Map(),
	};
	/** Collections listed since the stream last opened. */
	private readonly loaded = new Set<Collection>();
	private state: ConnectionState = {phase: 'connecting'};
	private controller: AbortController | undefined;
	private live = false;
	private pendingIds = new Set<string>();
	private refreshing = false;
	private readonly relisting = new Map<Collection, Promise<void>>();
	private readonly relistAgain = new Set<Collection>();
	/** Container ids each view shows, by the view's token. */
	private readonly visible = new Map<object, readonly string[]>();
	private readonly statsStreams = new Map<string, AbortController>();
	private pendingStats = new Map<string, ContainerStats>();
	private statsTimer: NodeJS.Timeout | undefined;
	/** Collections the engine will not list (swarm ones off a swarm manager), with its reason. */
	private readonly failures = new Map<Collection, string>();
	private taskPoll: NodeJS.Timeout | undefined;
	private taskSettle: NodeJS.Timeout | undefined;
	/** Ends the current attempt at following the engine with a reason; the loop backs off and lists again. */
	private failAttempt: (error: unknown) => void = () => undefined;

	constructor(
		private readonly client: DockerClient,
		private readonly timing: DockerTiming = DEFAULT_DOCKER_TIMING,
	) {}

	snapshot(): MirrorSnapshot {
		return this.snap;
	}

	/** Follows the given collections; returns the unsubscribe. The first onChange comes once they are all listed. */
	watch(collections: readonly Collection[], onChange: Watcher['onChange'], onState: Watcher['onState']): () => void {
		const watcher: Watcher = {collections: new Set(collections), onChange, onState};
		this.watchers.add(watcher);
		// Live only once what this view needs is listed too.
		onState(this.state.phase === 'live' && !collections.every((c) => this.loaded.has(c)) ? {phase: 'connecting'} : this.stateFor(watcher));
		if (!this.controller) {
			this.controller = new AbortController();
			void this.follow(this.controller.signal);
		} else if (this.live) {
			// Already following: list what this view adds, then it is live too.
			const {signal} = this.controller;
			// A collection the engine refused is asked again: the user may have started a swarm meanwhile.
			void Promise.all(collections.filter((c) => !this.loaded.has(c) || this.failures.has(c)).map((c) => this.relist(c, signal))).then(
				() => {
					if (!this.watchers.has(watcher) || !this.live) return;
					this.tellWatcher(watcher);
				},
				(error: unknown) => this.failAttempt(error),
			);
		}
		return () => {
			this.watchers.delete(watcher);
			if (this.watchers.size === 0) this.stop();
		};
	}

	/** Which containers a view shows (its token: any object); stats stream for the running ones among all views'. */
	setVisible(token: object, ids: readonly string[]): void {
		if (ids.length === 0) this.visible.delete(token);
		else this.visible.set(token, ids);
		if (this.updateStats()) this.notify('containers');
	}

	private stop(): void {
		clearInterval(this.taskPoll);
		this.taskPoll = undefined;
		clearTimeout(this.taskSettle);
		this.failures.clear();
		this.relisting.clear();
		this.relistAgain.clear();
		this.controller?.abort();
		this.controller = undefined;
		this.live = false;
		this.loaded.clear();
		this.pendingIds.clear();
		this.visible.clear();
		this.updateStats();
		this.state = {phase: 'connecting'};
	}

	private needed(): Set<Collection> {
		const all = new Set<Collection>();
		for (const w of this.watchers) for (const c of w.collections) all.add(c);
		return all;
	}

	/** The mirror's state as one view sees it: failed when the engine refuses what it needs. */
	private stateFor(w: Watcher): ConnectionState {
		const refused = [...w.collections].map((c) => this.failures.get(c)).find((reason) => reason !== undefined);
		return refused !== undefined && this.state.phase === 'live' ? {phase: 'failed', reason: refused} : this.state;
	}

	private setState(state: ConnectionState): void {
		this.state = state;
		for (const w of this.watchers) w.onState(this.stateFor(w));
	}

	/** Sends a view its rows, or why it has none. */
	private tellWatcher(w: Watcher): void {
		const state = this.stateFor(w);
		w.onState(state);
		if (state.phase === 'live') w.onChange(this.snap);
	}

	private notify(changed: Collection): void {
		for (const w of this.watchers)
			if (w.collections.has(changed) && [...w.collections].every((c) => this.loaded.has(c))) {
				if (this.failures.size > 0) this.tellWatcher(w);
				else w.onChange(this.snap);
			}
	}

	private async follow(signal: AbortSignal): Promise<void> {
		let delay = this.timing.initialBackoffMs;
		while (!signal.aborted) {
			this.live = false;
			this.loaded.clear();
			// One attempt: a list that fails while the stream still flows ends the attempt too, so the
			// reason shows and everything is listed again after the backoff (a view never waits forever).
			const attempt = new AbortController();
			const onAbort = () => attempt.abort();
			signal.addEventListener('abort', onAbort, {once: true});
			let failure: Error | undefined;
			this.failAttempt = (error) => {
				failure ??= error instanceof Error ? error : new DockerError(0, `a list from ${this.client.label} failed`);
				attempt.abort();
			};
			const stream = this.client.stream(
				// Unfiltered: an engine that does not know a type (Podman and swarm's) would refuse the filter.
				'/events',
				(raw) => this.onEvent(raw as EngineEvent, signal),
				attempt.signal,
				() => {
					void this.listNeeded(signal).then(
						() => {
							if (signal.aborted || attempt.signal.aborted) return;
							this.live = true;
							delay = this.timing.initialBackoffMs;
							this.state = {phase: 'live'};
							for (const w of this.watchers) this.tellWatcher(w);
							this.refreshContainers(signal);
							this.pollTasks(signal);
						},
						(error: unknown) => this.failAttempt(error),
					);
				},
			);
			try {
				await stream;
				if (signal.aborted) return;
				if (failure) throw failure;
				throw new DockerError(0, `the event stream from ${this.client.label} ended`);
			} catch (error) {
				if (signal.aborted) return;
				const reason = error instanceof Error ? error.message : String(error);
				// Said once, not retried (as a 403 is): reopening the view asks again.
				if (error instanceof DockerError && error.permanent) return this.setState({phase: 'failed', reason});
				const wait = delay * (0.8 + 0.4 * this.timing.random());
				this.setState({phase: 'reconnecting', retryAt: Date.now() + wait, reason});
				await sleep(wait, signal);
				delay = Math.min(delay * 2, this.timing.maxBackoffMs);
			} finally {
				signal.removeEventListener('abort', onAbort);
			}
		}
	}

	/** Lists every collection a view needs, again if a view arrived meanwhile wanting another. */
	private async listNeeded(signal: AbortSignal): Promise<void> {
		for (;;) {
			const missing = [...this.needed()].filter((c) => !this.loaded.has(c));
			if (missing.length === 0 || signal.aborted) return;
			await Promise.all(missing.map((c) => this.relist(c, signal)));
		}
	}

	/** Lists tasks now and then while a view shows them: tasks on other nodes send no events here. */
	private pollTasks(signal: AbortSignal): void {
		clearInterval(this.taskPoll);
		this.taskPoll = setInterval(() => {
			if (this.needed().has('tasks') && this.loaded.has('tasks') && !this.failures.has('tasks'))
				void this.relist('tasks', signal).catch(() => undefined);
		}, TASK_POLL_MS);
		this.taskPoll.unref();
	}

	/** Lists tasks now and once more when things have settled. */
	private relistTasks(signal: AbortSignal): void {
		if (!this.loaded.has('tasks') && !this.relisting.has('tasks')) return;
		void this.relist('tasks', signal).catch(() => undefined);
		clearTimeout(this.taskSettle);
		this.taskSettle = setTimeout(() => void this.relist('tasks', signal).catch(() => undefined), TASK_SETTLE_MS);
		this.taskSettle.unref();
	}

	private onEvent(event: EngineEvent, signal: AbortSignal): void {
		const type = event.Type ?? 'container';
		if (type === 'container') {
			const id = event.Actor?.ID ?? event.id;
			if (!id) return;
			if (event.Actor?.Attributes?.[SWARM_TASK_LABEL]) this.relistTasks(signal);
			if (!this.needed().has('containers')) return;
			if (normalAction(event) === 'destroy' && this.live) return this.removeContainer(id);
			this.pendingIds.add(id);
			if (this.live) this.refreshContainers(signal);
			return;
		}
		for (const collection of RELISTED[type] ?? [])
			if (collection === 'tasks') this.relistTasks(signal);
			// A first list still running queues one more, so what it missed is not lost.
			else if (this.loaded.has(collection) || this.relisting.has(collection)) void this.relist(collection, signal).catch(() => undefined);
	}

	private removeContainer(id: string): void {
		if (!this.snap.containers.has(id)) return;
		const containers = new Map(this.snap.containers);
		containers.delete(id);
		const listedAt = new Map(this.snap.listedAt);
		listedAt.delete(id);
		this.snap = {...this.snap, containers, listedAt};
		this.pendingIds.delete(id);
		this.updateStats();
		this.notify('containers');
	}

	/** One container as it is now, or undefined when it is gone (404). */
	private async inspect(id: string, signal: AbortSignal): Promise<KnownContainer | undefined> {
		try {
			return fromInspect(await this.client.get<InspectedContainer>(`/containers/${encodeURIComponent(id)}/json`, signal));
		} catch (error) {
			if (error instanceof DockerError && error.status === 404) return undefined;
			throw error;
		}
	}

	/**
	 * Inspects the containers events named since the last call. Not a filtered list: the
	 * engine logs an event (pause, unpause...) before the copy that lists read has the new
	 * state, while an inspect reads the container itself, and gives its times exactly.
	 */
	private refreshContainers(signal: AbortSignal): void {
		if (this.refreshing || this.pendingIds.size === 0 || !this.loaded.has('containers')) return;
		this.refreshing = true;
		const ids = [...this.pendingIds];
		this.pendingIds = new Set();
		void Promise.allSettled(ids.map((id) => this.inspect(id, signal))).then((results) => {
			this.refreshing = false;
			if (signal.aborted) return;
			const now = Date.now();
			const containers = new Map(this.snap.containers);
			const listedAt = new Map(this.snap.listedAt);
			const failed: string[] = [];
			ids.forEach((id, i) => {
				const result = results[i];
				if (result?.status === 'rejected') return void failed.push(id);
				if (result?.value) {
					containers.set(id, result.value);
					listedAt.set(id, now);
				} else {
					containers.delete(id);
					listedAt.delete(id);
				}
			});
			this.snap = {...this.snap, containers, listedAt};
			this.updateStats();
			this.notify('containers');
			// An inspect that failed (a hiccup over ssh) is asked again shortly, without waiting for the next event.
			if (failed.length > 0) {
				for (const id of failed) this.pendingIds.add(id);
				setTimeout(() => this.refreshContainers(signal), this.timing.initialBackoffMs).unref();
			} else this.refreshContainers(signal);
		});
	}

	/** Lists one collection whole; a call while one runs asks for one more afterwards (events come in bursts). */
	private relist(collection: Collection, signal: AbortSignal): Promise<void> {
		const running = this.relisting.get(collection);
		if (running) {
			this.relistAgain.add(collection);
			return running;
		}
		const run = this.listOnce(collection, signal).finally(() => {
			this.relisting.delete(collection);
			if (this.relistAgain.delete(collection) && !signal.aborted) void this.relist(collection, signal).catch(() => undefined);
		});
		this.relisting.set(collection, run);
		return run;
	}

	private async listOnce(collection: Collection, signal: AbortSignal): Promise<void> {
		const now = Date.now();
		if (collection === 'containers') {
			// Whatever events named before this list, the list has; those that come while it runs are inspected after.
			this.pendingIds.clear();
			const all = await this.client.get<ListedContainer[]>('/containers/json?all=1', signal);
			this.snap = {...this.snap, containers: new Map(all.map((c) => [c.Id, c])), listedAt: new Map(all.map((c) => [c.Id, now]))};
			this.updateStats();
		} else {
			const listing = LISTS[collection];
			let entries: readonly {key: string; value: unknown}[] = [];
			try {
				entries = listing.entries(await this.client.get<unknown>(listing.path, signal));
				this.failures.delete(collection);
			} catch (error) {
				// Off a swarm manager the engine answers 503 "This node is not a swarm manager...": the views say that.
				if (!(error instanceof DockerError) || error.status !== 503) throw error;
				this.failures.set(collection, `swarm is not active on this engine (${error.message.replace(/\.$/, '')})`);
			}
			this.snap = {...this.snap, [collection]: new Map(entries.map((e) => [e.key, e.value]))};
		}
		if (signal.aborted) return;
		const first = !this.loaded.has(collection);
		this.loaded.add(collection);
		// The first list of a stream is announced once all are in (follow's onOpen).
		if (!first || this.live) this.notify(collection);
		if (collection === 'containers' && this.live) this.refreshContainers(signal);
	}

	/** Starts stats streams for shown running containers, ends those no longer shown or running; says whether shown figures went. */
	private updateStats(): boolean {
		const wanted = new Set<string>();
		// Over ssh each stream is a session on the far host (sshd allows ten per connection by default).
		const cap = this.client.overSsh ? MAX_SSH_STATS_STREAMS : MAX_STATS_STREAMS;
		for (const ids of this.visible.values())
			for (const id of ids) {
				if (wanted.size >= cap) break;
				if (this.snap.containers.get(id)?.State === 'running') wanted.add(id);
			}
		for (const [id, controller] of this.statsStreams)
			if (!wanted.has(id)) {
				controller.abort();
				this.statsStreams.delete(id);
			}
		for (const id of wanted) if (!this.statsStreams.has(id)) this.streamStats(id);
		if (this.statsStreams.size === 0 && this.statsTimer) {
			clearInterval(this.statsTimer);
			this.statsTimer = undefined;
		} else if (this.statsStreams.size > 0 && !this.statsTimer) {
			this.statsTimer = setInterval(() => this.flushStats(), this.timing.statsFlushMs);
			this.statsTimer.unref();
		}
		// Stats of containers nobody shows any more are dropped, so a row shown again starts fresh.
		if (![...this.snap.stats.keys()].some((id) => !this.statsStreams.has(id))) return false;
		const stats = new Map([...this.snap.stats].filter(([id]) => this.statsStreams.has(id)));
		this.snap = {...this.snap, stats};
		return true;
	}

	private streamStats(id: string): void {
		const controller = new AbortController();
		this.statsStreams.set(id, controller);
		let previous: CpuStats | undefined;
		const ended = () => {
			if (this.statsStreams.get(id) === controller) this.statsStreams.delete(id);
		};
		this.client
			.stream(
				`/containers/${encodeURIComponent(id)}/stats?stream=true`,
				(raw) => {
					const sample = raw as StatsSample;
					this.pendingStats.set(id, containerStats(sample, previous));
					previous = sample.cpu_stats;
				},
				controller.signal,
			)
			// A stopped container's stream ends; it starts again if the container runs again while shown.
			.then(ended, ended);
	}

	private flushStats(): void {
		if (this.pendingStats.size === 0) return;
		const stats = new Map(this.snap.stats);
		for (const [id, s] of this.pendingStats) if (this.statsStreams.has(id)) stats.set(id, s);
		this.pendingStats = new Map();
		this.snap = {...this.snap, stats};
		this.notify('containers');
	}
}
