/** An object as a source delivers it: a JSON projection, never a client-library class. */
export type ResourceObject = Readonly<Record<string, unknown>>;

/** Which slice of a kind a feed follows; sources that can filter server-side do so. */
export type Scope = {
	/** Namespace to follow; undefined means all namespaces (or a cluster-scoped kind). */
	readonly namespace?: string;
	/** A Kubernetes-style label selector, e.g. `app=web,tier!=db`. */
	readonly labelSelector?: string;
	/** Exact field matches, e.g. `{"spec.nodeName": "node-1"}`. */
	readonly fieldSelector?: Readonly<Record<string, string>>;
};

/** One change to a feed; Kubernetes watch events and Docker events both become these. */
export type Change =
	| {readonly type: 'add' | 'update'; readonly key: string; readonly object: ResourceObject}
	| {readonly type: 'delete'; readonly key: string}
	| {readonly type: 'reset'; readonly objects: ReadonlyArray<readonly [key: string, object: ResourceObject]>};

/** How a feed's connection stands, as the header shows it. */
export type ConnectionState =
	| {readonly phase: 'connecting'}
	| {readonly phase: 'live'}
	| {readonly phase: 'reconnecting'; readonly retryAt: number; readonly reason: string}
	| {readonly phase: 'failed'; readonly reason: string};

/** Where a source pushes what it learns about one feed. */
export type FeedSink = {
	/** Apply changes, in order. */
	readonly changes: (changes: readonly Change[]) => void;
	/** Report a new connection state. */
	readonly state: (state: ConnectionState) => void;
};

/** A running list+watch; stop it when no view needs it any more. */
export type Subscription = {
	readonly stop: () => void;
};

/** The engine a source talks to. */
export type Engine = 'kubernetes' | 'docker' | 'memory';

/** A source of objects: a cluster context, a Docker engine, or the in-memory test source. */
export type Source = {
	/** Stable id, e.g. `memory`, `kube:prod`, `docker:default`. */
	readonly id: string;
	/** The engine behind it. */
	readonly engine: Engine;
	/** What the header calls it (context or engine name). */
	readonly label: string;
	/** Kinds this source can follow. */
	readonly kinds: () => readonly string[];
	/** Start following one kind in one scope: a full `reset`, then changes. */
	readonly watch: (kind: string, scope: Scope, sink: FeedSink) => Subscription;
	/** The whole object, for YAML and describe (feeds may hold projections). */
	readonly fetch?: (kind: string, key: string) => Promise<ResourceObject>;
	/** Whole objects of a kind in a scope, once (describe's related objects); undefined where the kind is not served. */
	readonly list?: (kind: string, scope: Scope) => Promise<readonly ResourceObject[] | undefined>;
	/** The Events about one object (for describe). */
	readonly events?: (object: ResourceObject) => Promise<readonly ResourceObject[]>;
	/** Finds a kind the source serves but no view file describes (a CRD), by any name kubectl takes for it. */
	readonly discoverKind?: (name: string) => Promise<DiscoveredKind | undefined>;
	/** Ends what the source keeps running beyond its feeds (port-forwards) when it is left. */
	readonly close?: () => void;
	/** Carry out an action on one object; resolves to a short message for the flash line. */
	readonly act?: (request: ActionRequest) => Promise<string>;
	/** Which rows of a kind a view (its token) shows now, so the source can stream what only shown rows need (container stats). */
	readonly showing?: (token: object, kind: string, keys: readonly string[]) => void;
	/** A printed table the engine makes on request (`top` of a container, `history` of an image), as lines. */
	readonly report?: (kind: string, key: string, report: string) => Promise<string[]>;
	/** Follows one object's log (a pod's container, a Docker container); the sink gets lines until stopped. */
	readonly logs?: (request: LogRequest, sink: LogSink) => Subscription;
	/** Runs a command (by default a shell) in a container, or attaches to its main process, on a terminal of the given size. */
	readonly exec?: (request: ExecRequest, sink: ExecSink) => ExecSession;
};

/** What to run in which container, on a terminal of which size. */
export type ExecRequest = {
	/** `pods` or `containers`. */
	readonly kind: string;
	readonly key: string;
	/** A pod's container; undefined: the pod's default one. Docker containers have one. */
	readonly container?: string;
	/** The command; undefined means a shell: bash where the image has it, else sh. */
	readonly command?: readonly string[];
	/** Attach to the container's main process instead of starting a command. */
	readonly attach?: boolean;
	/** The terminal's size when it starts; later sizes go through the session. */
	readonly cols: number;
	readonly rows: number;
};

/** How an exec session stands, for the pane to say. */
export type ExecState =
	| {readonly phase: 'connecting'}
	/** Running; `command` is what runs, as the pane names it (`/bin/bash`, `attach`). */
	| {readonly phase: 'running'; readonly command: string}
	/** The command ended: its exit code where the engine says it, and a one-line reason otherwise. */
	| {readonly phase: 'exited'; readonly code: number | undefined; readonly reason?: string}
	/** It could not start or the connection broke; a one-line reason that says what to do. */
	| {readonly phase: 'failed'; readonly reason: string};

/** Where an exec session's output goes: raw terminal bytes (the pane's emulator makes them safe to draw). */
export type ExecSink = {
	readonly output: (bytes: Buffer) => void;
	readonly state: (state: ExecState) => void;
};

/** A running exec session. */
export type ExecSession = {
	/** Keys typed (bytes as a terminal sends them). */
	readonly write: (data: string | Buffer) => void;
	/** The terminal's new size. */
	readonly resize: (cols: number, rows: number) => void;
	/** Ends the session (closes the stream; the remote shell gets a hangup). */
	readonly stop: () => void;
};

/** Which log to follow and from where. */
export type LogRequest = {
	readonly kind: string;
	readonly key: string;
	/** A pod's container; Docker containers have one log. */
	readonly container?: string;
	/** Start with this many of the last lines (the engines' tail); undefined: all. */
	readonly tailLines?: number;
	/** Start this many seconds back instead. */
	readonly sinceSeconds?: number;
	/** Keep following new lines (and come back after the container restarts). */
	readonly follow: boolean;
};

/** How a log stream stands, for the pane to say. */
export type LogState =
	| {readonly phase: 'connecting'}
	| {readonly phase: 'following'}
	/** The container stopped (the pane says so; a follow resumes when it runs again). */
	| {readonly phase: 'ended'; readonly reason: string}
	| {readonly phase: 'retrying'; readonly retryAt: number; readonly reason: string}
	| {readonly phase: 'failed'; readonly reason: string};

/** Where a log stream goes: whole lines, the engine's timestamp taken off, the text still untrusted. */
export type LogSink = {
	readonly line: (text: string, time: number | undefined, stream: 'stdout' | 'stderr') => void;
	readonly state: (state: LogState) => void;
};

/** Which object an action is for: a view kind and the store key (`namespace/name` or `name`). */
type Target = {readonly kind: string; readonly key: string};

/**
 * An action on one object, engine-neutral: each source maps it onto its API and
 * rejects with a one-line message the flash line can show.
 */
export type ActionRequest = Target &
	/** Delete: a pod's grace period; a container's anonymous volumes with it; an image even when stopped containers use it. */
	(
		| {readonly action: 'delete'; readonly gracePeriodSeconds?: number; readonly removeVolumes?: boolean; readonly force?: boolean}
		/** Stop at once: a pod is deleted with no grace period, a container gets SIGKILL. */
		| {readonly action: 'kill'}
		| {readonly action: 'start' | 'stop' | 'pause' | 'unpause'}
		| {readonly action: 'rename'; readonly name: string}
		/** Remove every unused object of the kind (stopped containers, dangling images...); the key is ignored. */
		| {readonly action: 'prune'}
		| {readonly action: 'scale'; readonly replicas: number}
		| {readonly action: 'restart' | 'cordon' | 'uncordon' | 'drain' | 'trigger'}
		/** Replace the object with an edited copy; its metadata.resourceVersion guards against a lost update. */
		| {readonly action: 'replace'; readonly object: ResourceObject}
		/** Forward a local port to a port of the object (a pod, or a service/workload's first ready pod). */
		| {readonly action: 'portForward'; readonly localPort: number; readonly remotePort: number}
		/** Stop a running port-forward (its key in the `portforwards` feed). */
		| {readonly action: 'stopForward'}
	);

/** The action names, for lookups by command id (`resource.scale` -> `scale`). */
export type ActionName = ActionRequest['action'];

/** A served kind without a view file: what a generic view of it needs. */
export type DiscoveredKind = {
	/** The kind id for watch(): the plural, or `plural.group` where the plural alone is ambiguous. */
	readonly kind: string;
	/** Its Kind, e.g. `Database`. */
	readonly title: string;
	readonly namespaced: boolean;
	/** Names it answers to: singular, short names, `plural.group`. */
	readonly aliases: readonly string[];
	/** The server's Table columns, as its printer defines them; the feed's objects carry the cells as `kviewTable.c<i>`. */
	readonly columns: readonly {readonly name: string; readonly type: string; readonly priority: number}[];
};
