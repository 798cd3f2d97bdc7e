/**
 * Shapes the simulated API server deals in. Objects are plain JSON as they go over
 * the wire; the sim never holds client-library classes.
 */

/** metadata as the API server keeps it. */
export type ObjectMeta = {
	name: string;
	namespace?: string;
	uid: string;
	resourceVersion: string;
	generation?: number;
	creationTimestamp: string;
	deletionTimestamp?: string;
	deletionGracePeriodSeconds?: number;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: OwnerReference[];
	finalizers?: string[];
	generateName?: string;
	[key: string]: unknown;
};

/** A reference from a dependent to its owner (ReplicaSet -> Deployment, Pod -> ReplicaSet). */
export type OwnerReference = {
	apiVersion: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
	blockOwnerDeletion?: boolean;
};

/** Any Kubernetes object. `spec` and `status` are loosely typed JSON: each kind's code narrows them. */
export type KubeObject = {
	apiVersion: string;
	kind: string;
	metadata: ObjectMeta;
	// Kind-specific bodies are free-form JSON; controllers and printers read them by their own types.
	spec?: Record<string, unknown>;
	status?: Record<string, unknown>;
	[key: string]: unknown;
};

/** A column of server-side Table output (meta.k8s.io/v1 TableColumnDefinition). */
export type TableColumn = {
	name: string;
	type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
	format: string;
	description: string;
	/** 0 = always shown; 1 = only with -o wide. */
	priority: number;
};

/** How one kind prints as a Table, the way kubectl's printers do. */
export type Printer = {
	readonly columns: readonly TableColumn[];
	/** One row's cells, in column order; `now` is epoch ms (ages are relative to it). */
	readonly cells: (object: KubeObject, now: number) => unknown[];
};

/** One served resource: where it lives in the API and how it prints. */
export type ResourceDef = {
	/** API group; '' for core. */
	readonly group: string;
	readonly version: string;
	/** Plural, lower case: the URL segment (`pods`). */
	readonly resource: string;
	readonly kind: string;
	readonly singular: string;
	readonly namespaced: boolean;
	readonly shortNames: readonly string[];
	readonly categories: readonly string[];
	readonly verbs: readonly string[];
	/** Subresources served, e.g. `status`, `scale`, `log`, `exec`. */
	readonly subresources: readonly string[];
	/** Table printer; without one a Table has NAME and AGE only (like a CRD without printer columns). */
	readonly printer?: Printer;
	/** Field selectors beyond metadata.name / metadata.namespace: field -> path in the object. */
	readonly fields?: Readonly<Record<string, string>>;
};

/** A watch event as sent on the wire. */
export type WatchEvent = {
	type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
	object: KubeObject | Status;
};

/** meta/v1 Status, as every error reply carries. */
export type Status = {
	kind: 'Status';
	apiVersion: 'v1';
	metadata: Record<string, unknown>;
	status: 'Success' | 'Failure';
	message?: string;
	reason?: string;
	details?: {
		name?: string;
		group?: string;
		kind?: string;
		causes?: {reason?: string; message?: string; field?: string}[];
		retryAfterSeconds?: number;
	};
	code: number;
};
