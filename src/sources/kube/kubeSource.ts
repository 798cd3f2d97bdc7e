import {followLog} from '../logFollow.js';
import type {
	ActionRequest,
	DiscoveredKind,
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
import * as actions from './actions.js';
import {ApiError, type KubeClient} from './client.js';
import {collectionPath, discover, type ApiResource} from './discovery.js';
import {startExec} from './exec.js';
import {ForwardRegistry} from './portForward.js';
import {sleep} from '../sleep.js';
import {DEFAULT_TIMING, Reflector, selectorQuery, TABLE_ACCEPT, type ReflectorTiming} from './reflector.js';

function message(error: unknown): string {
	return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

/** The view kind that lists this context's port-forwards. */
export const FORWARDS_KIND = 'portforwards';
/** The view kind that lists the kubeconfig's contexts. */
export const CONTEXTS_KIND = 'contexts';

/**
 * One Kubernetes context as a source: discovery once (retried while it fails),
 * then a reflector per watched (kind, scope). Kinds are resource plurals as the
 * views name them (`pods`, `deployments`).
 */
export class KubeSource implements Source {
	readonly engine = 'kubernetes' as const;
	readonly id: string;
	private discovered: Promise<ApiResource[]> | undefined;
	private readonly forwards: ForwardRegistry;
	/** Kinds followed as server-side Table rows (no view file knows their fields). */
	private readonly tableKinds = new Set<string>();

	constructor(
		private readonly client: KubeClient,
		readonly label: string,
		private readonly viewKinds: readonly string[],
		private readonly timing: ReflectorTiming = DEFAULT_TIMING,
		/** The kubeconfig's contexts as rows, for `:ctx`. */
		private readonly contexts: readonly (readonly [key: string, object: ResourceObject])[] = [],
	) {
		this.id = `kube:${label}`;
		this.forwards = new ForwardRegistry(client);
	}

	kinds(): readonly string[] {
		return [...this.viewKinds, ...this.tableKinds];
	}

	/** Everything the cluster serves, asked once and shared (a failure is asked again next time). */
	private async resources(): Promise<ApiResource[]> {
		// Shared by every watch, so no one watch's signal may abort it.
		this.discovered ??= discover(this.client);
		try {
			return await this.discovered;
		} catch (error) {
			this.discovered = undefined;
			throw error;
		}
	}

	/** The served resource for a view kind (`pods`, or `plural.group`); core group first, as kubectl resolves names. */
	private async resolve(kind: string): Promise<ApiResource | undefined> {
		const resources = await this.resources();
		const matches = (r: ApiResource) => r.resource === kind || `${r.resource}.${r.group}` === kind;
		return resources.find((r) => matches(r) && r.verbs.includes('watch')) ?? resources.find(matches);
	}

	/**
	 * A served kind by any name kubectl takes (plural, singular, short name,
	 * `plural.group`), with the server's Table columns for a generic view.
	 */
	async discoverKind(name: string): Promise<DiscoveredKind | undefined> {
		const wanted = name.toLowerCase();
		const resources = (await this.resources()).filter((r) => r.verbs.includes('list'));
		const names = (r: ApiResource) => [r.resource, r.kind.toLowerCase(), ...r.shortNames, `${r.resource}.${r.group}`];
		const resource = resources.find((r) => names(r).includes(wanted));
		if (!resource) return undefined;
		const ambiguous = resources.filter((r) => r.resource === resource.resource).length > 1;
		const kind = ambiguous && resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
		const probe = await this.client.get<{kind?: string; columnDefinitions?: {name?: string; type?: string; priority?: number}[]}>(
			`${collectionPath(resource)}?limit=1`,
			undefined,
			TABLE_ACCEPT,
		);
		this.tableKinds.add(kind);
		return {
			kind,
			title: resource.kind,
			namespaced: resource.namespaced,
			aliases: [...new Set(names(resource))].filter((a) => a !== kind),
			columns: (probe.kind === 'Table' ? (probe.columnDefinitions ?? []) : []).map((c) => ({
				name: c.name ?? '',
				type: c.type ?? 'string',
				priority: c.priority ?? 0,
			})),
		};
	}

	watch(kind: string, scope: Scope, sink: FeedSink): Subscription {
		// kview's own port-forwards are a feed like any kind, so `:pf` is an ordinary table.
		if (kind === FORWARDS_KIND) return {stop: this.forwards.watch(sink)};
		if (kind === CONTEXTS_KIND) {
			sink.state({phase: 'live'});
			sink.changes([{type: 'reset', objects: this.contexts}]);
			return {stop: () => undefined};
		}
		const controller = new AbortController();
		let reflector: Reflector | undefined;
		sink.state({phase: 'connecting'});
		const start = async () => {
			let delay = this.timing.initialBackoffMs;
			while (!controller.signal.aborted) {
				try {
					const resource = await this.resolve(kind);
					if (controller.signal.aborted) return;
					if (!resource) {
						sink.state({phase: 'failed', reason: `${this.label} does not serve "${kind}"`});
						return;
					}
					reflector = new Reflector(this.client, resource, scope, sink, this.timing, this.tableKinds.has(kind));
					reflector.start();
					return;
				} catch (error) {
					if (controller.signal.aborted) return;
					// Refused credentials will not fix themselves: said once, asked again when the view reopens.
					if (error instanceof ApiError && (error.code === 401 || error.code === 403)) {
						sink.state({phase: 'failed', reason: message(error)});
						return;
					}
					sink.state({phase: 'reconnecting', retryAt: Date.now() + delay, reason: message(error)});
					await sleep(delay, controller.signal);
					delay = Math.min(delay * 2, this.timing.maxBackoffMs);
				}
			}
		};
		void start();
		return {
			stop: () => {
				controller.abort();
				reflector?.stop();
			},
		};
	}

	async fetch(kind: string, key: string): Promise<ResourceObject> {
		const resource = await this.resolve(kind);
		if (!resource) throw new Error(`${this.label} does not serve "${kind}"`);
		const [namespace, name] = splitKey(key);
		return this.client.get<ResourceObject>(`${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`);
	}

	async list(kind: string, scope: Scope): Promise<readonly ResourceObject[] | undefined> {
		const resource = await this.resolve(kind);
		if (!resource) return undefined;
		const query = selectorQuery(scope);
		const body = await this.client.get<{items?: ResourceObject[]}>(
			`${collectionPath(resource, resource.namespaced ? scope.namespace : undefined)}${query ? `?${query}` : ''}`,
		);
		return body.items ?? [];
	}

	async events(object: ResourceObject): Promise<readonly ResourceObject[]> {
		const meta = (object['metadata'] ?? {}) as {uid?: string; name?: string; namespace?: string};
		if (!meta.uid) return [];
		const base = meta.namespace ? `/api/v1/namespaces/${encodeURIComponent(meta.namespace)}/events` : '/api/v1/events';
		const byUid = (uid: string) =>
			this.client.get<{items?: ResourceObject[]}>(`${base}?fieldSelector=${encodeURIComponent(`involvedObject.uid=${uid}`)}`);
		// The kubelet files a node's events under the node's name as its uid; kubectl describe reads both.
		const lists = await Promise.all([byUid(meta.uid), ...(object['kind'] === 'Node' && meta.name ? [byUid(meta.name)] : [])]);
		return lists.flatMap((list) => list.items ?? []);
	}

	/**
	 * A pod container's log, followed through restarts (sources/logFollow.ts resumes): the API
	 * takes sinceTime to the second, the follower skips the overlap by the exact stamps.
	 */
	logs(request: LogRequest, sink: LogSink): Subscription {
		const [namespace, name] = splitKey(request.key);
		if (request.kind !== 'pods' || namespace === undefined) {
			sink.state({phase: 'failed', reason: `${request.kind} have no log of their own; open one of their pods`});
			return {stop: () => undefined};
		}
		const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log`;
		return followLog(
			{
				connect: (resumeAfter, onBytes, signal, onOpen) => {
					const query = new URLSearchParams({timestamps: 'true', follow: String(request.follow && !request.previous)});
					if (request.container) query.set('container', request.container);
					if (request.previous) query.set('previous', 'true');
					if (resumeAfter !== undefined) query.set('sinceTime', resumeAfter.replace(/\.\d+Z$/, 'Z'));
					else {
						if (request.tailLines !== undefined) query.set('tailLines', String(request.tailLines));
						if (request.sinceSeconds !== undefined) query.set('sinceSeconds', String(request.sinceSeconds));
					}
					return this.client.rawStream(`${path}?${query.toString()}`, (chunk) => onBytes('stdout', chunk), signal, onOpen);
				},
				// The pod is gone; a 400 (a container still starting) is retried, but not when asking for a previous run there is none of.
				gone: (error) =>
					error instanceof ApiError && (error.code === 404 || (request.previous === true && error.code === 400))
						? error.message
						: undefined,
				endedBecause: () => 'the container stopped',
			},
			// A previous run's log is whole and finished: it is read once, never followed.
			request.previous ? {...request, follow: false} : request,
			sink,
		);
	}

	/** A shell or command in a pod's container, or attach to its main process (exec.ts). */
	exec(request: ExecRequest, sink: ExecSink): ExecSession {
		return startExec(this.client, request, sink);
	}

	async act(request: ActionRequest): Promise<string> {
		const {kind, key} = request;
		if (request.action === 'stopForward') return this.forwards.stop(key);
		const resource = await this.resolve(kind);
		if (!resource) throw new Error(`${this.label} does not serve "${kind}"`);
		const [namespace, name] = splitKey(key);
		switch (request.action) {
			case 'delete':
				return actions.deleteObject(this.client, resource, namespace, name, key, request.gracePeriodSeconds);
			case 'kill':
				// k9s's kill: delete now, no grace period.
				return actions.deleteObject(this.client, resource, namespace, name, key, 0);
			case 'scale':
				return actions.scale(this.client, resource, namespace, name, key, request.replicas);
			case 'restart':
				return actions.restart(this.client, resource, namespace, name, key);
			case 'cordon':
			case 'uncordon':
				return actions.cordon(this.client, resource, name, request.action === 'cordon');
			case 'drain':
				return actions.drain(this.client, resource, name);
			case 'trigger':
				return actions.trigger(this.client, resource, namespace ?? 'default', name);
			case 'replace':
				return actions.replace(this.client, resource, namespace, name, key, request.object);
			case 'portForward': {
				const {pod, port} =
					kind === 'pods' ? {pod: name, port: request.remotePort} : await this.podFor(resource, namespace, name, request.remotePort);
				return this.forwards.start(namespace ?? 'default', pod, `${resource.kind.toLowerCase()}/${name}`, request.localPort, port);
			}
			default:
				throw new Error(`${request.action} is for Docker containers, not ${resource.resource}`);
		}
	}

	/**
	 * A running, ready pod behind a service or workload, as kubectl port-forward picks
	 * one, and the pod port a service port leads to (its targetPort, by number or name).
	 */
	private async podFor(
		resource: ApiResource,
		namespace: string | undefined,
		name: string,
		port: number,
	): Promise<{pod: string; port: number}> {
		type Selecting = {spec?: {selector?: Record<string, unknown>; ports?: {port?: number; targetPort?: number | string}[]}};
		const object = await this.client.get<Selecting>(actions.objectPath(resource, namespace, name));
		const selector = object.spec?.selector ?? {};
		// Services select with a plain map; workloads with matchLabels.
		const labels = (resource.kind === 'Service' ? selector : (selector['matchLabels'] ?? {})) as Record<string, string>;
		const query = Object.entries(labels)
			.map(([k, v]) => `${k}=${v}`)
			.join(',');
		if (!query) throw new Error(`${resource.kind.toLowerCase()} ${name} selects no pods`);
		const list = await this.client.get<{items?: PodLike[]}>(
			`/api/v1/namespaces/${encodeURIComponent(namespace ?? 'default')}/pods?labelSelector=${encodeURIComponent(query)}`,
		);
		const ready = (list.items ?? []).find(
			(p) =>
				p.status?.phase === 'Running' &&
				!p.metadata?.deletionTimestamp &&
				p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
		);
		if (!ready?.metadata?.name) throw new Error(`no running, ready pod behind ${resource.kind.toLowerCase()} ${name}`);
		if (resource.kind !== 'Service') return {pod: ready.metadata.name, port};
		const servicePort = object.spec?.ports?.find((p) => p.port === port);
		if (!servicePort) throw new Error(`service ${name} has no port ${port}`);
		const target = servicePort.targetPort ?? port;
		if (typeof target === 'number') return {pod: ready.metadata.name, port: target};
		const named = (ready.spec?.containers ?? []).flatMap((c) => c.ports ?? []).find((p) => p.name === target);
		if (!named?.containerPort) throw new Error(`pod ${ready.metadata.name} has no port named ${target}`);
		return {pod: ready.metadata.name, port: named.containerPort};
	}

	/** Ends what outlives a view: the port-forwards. */
	close(): void {
		this.forwards.stopAll();
	}
}

type PodLike = {
	metadata?: {name?: string; deletionTimestamp?: string};
	spec?: {containers?: {ports?: {name?: string; containerPort?: number}[]}[]};
	status?: {phase?: string; conditions?: {type?: string; status?: string}[]};
};

/** A store key back into namespace and name. */
function splitKey(key: string): [string | undefined, string] {
	const slash = key.indexOf('/');
	return slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
}
