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
	/** The Events about one object (for describe). */
	readonly events?: (object: ResourceObject) => Promise<readonly ResourceObject[]>;
	/** Carry out a mutating action on one object; resolves to a short message for the flash line. */
	readonly act?: (action: string, kind: string, key: string) => Promise<string>;
};
