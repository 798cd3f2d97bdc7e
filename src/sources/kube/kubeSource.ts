import type {FeedSink, ResourceObject, Scope, Source, Subscription} from '../types.js';
import {ApiError, type KubeClient} from './client.js';
import {collectionPath, discover, type ApiResource} from './discovery.js';
import {DEFAULT_TIMING, Reflector, sleep, type ReflectorTiming} from './reflector.js';

function message(error: unknown): string {
	return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

/**
 * One Kubernetes context as a source: discovery once (retried while it fails),
 * then a reflector per watched (kind, scope). Kinds are resource plurals as the
 * views name them (`pods`, `deployments`).
 */
export class KubeSource implements Source {
	readonly engine = 'kubernetes' as const;
	readonly id: string;
	private discovered: Promise<ApiResource[]> | undefined;

	constructor(
		private readonly client: KubeClient,
		readonly label: string,
		private readonly viewKinds: readonly string[],
		private readonly timing: ReflectorTiming = DEFAULT_TIMING,
	) {
		this.id = `kube:${label}`;
	}

	kinds(): readonly string[] {
		return this.viewKinds;
	}

	/** The served resource for a view kind; core group first, as kubectl resolves names. */
	private async resolve(kind: string): Promise<ApiResource | undefined> {
		// Shared by every watch, so no one watch's signal may abort it.
		this.discovered ??= discover(this.client);
		try {
			const resources = await this.discovered;
			return resources.find((r) => r.resource === kind && r.verbs.includes('watch')) ?? resources.find((r) => r.resource === kind);
		} catch (error) {
			this.discovered = undefined;
			throw error;
		}
	}

	watch(kind: string, scope: Scope, sink: FeedSink): Subscription {
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
					reflector = new Reflector(this.client, resource, scope, sink, this.timing);
					reflector.start();
					return;
				} catch (error) {
					if (controller.signal.aborted) return;
					const refused = error instanceof ApiError && (error.code === 401 || error.code === 403);
					const wait = refused ? this.timing.maxBackoffMs : delay;
					sink.state(
						refused
							? {phase: 'failed', reason: message(error)}
							: {phase: 'reconnecting', retryAt: Date.now() + wait, reason: message(error)},
					);
					await sleep(wait, controller.signal);
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

	async events(object: ResourceObject): Promise<readonly ResourceObject[]> {
		const meta = (object['metadata'] ?? {}) as {uid?: string; namespace?: string};
		if (!meta.uid) return [];
		const selector = encodeURIComponent(`involvedObject.uid=${meta.uid}`);
		const base = meta.namespace ? `/api/v1/namespaces/${encodeURIComponent(meta.namespace)}/events` : '/api/v1/events';
		const list = await this.client.get<{items?: ResourceObject[]}>(`${base}?fieldSelector=${selector}`);
		return list.items ?? [];
	}

	async act(action: string, kind: string, key: string): Promise<string> {
		if (action !== 'delete') throw new Error(`${action} is not supported on Kubernetes yet`);
		const resource = await this.resolve(kind);
		if (!resource) throw new Error(`${this.label} does not serve "${kind}"`);
		const [namespace, name] = splitKey(key);
		await this.client.request('DELETE', `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`);
		return `deleted ${resource.resource.replace(/s$/, '')} ${key}`;
	}
}

/** A store key back into namespace and name. */
function splitKey(key: string): [string | undefined, string] {
	const slash = key.indexOf('/');
	return slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
}
