import type {Writer} from './writer.js';

/** A JSON object as the API returns it. */
export type Json = Readonly<Record<string, unknown>>;

/** An Event as describe lists it under the object (core/v1 fields). */
export type DescribeEvent = {
	readonly type?: string;
	readonly reason?: string;
	readonly message?: string;
	readonly source?: {readonly component?: string; readonly host?: string};
	readonly reportingComponent?: string;
	readonly count?: number;
	readonly firstTimestamp?: string | null;
	readonly lastTimestamp?: string | null;
	readonly eventTime?: string | null;
	readonly series?: {readonly count?: number; readonly lastObservedTime?: string} | null;
};

/**
 * Objects besides the described one that kubectl reads for some kinds. Each is
 * optional: a section whose objects were not given is left out.
 */
export type DescribeRelated = {
	/**
	 * Pods: for a Node, the pods bound to it (spec.nodeName; terminated ones are skipped
	 * here), for its Non-terminated Pods table and Allocated resources; for a ReplicaSet,
	 * StatefulSet or DaemonSet, the pods of its namespace matching its selector (those it
	 * controls are counted), for Pods Status.
	 */
	readonly pods?: readonly Json[];
	/** For a Deployment: the ReplicaSets of its namespace matching its selector (those it controls are used). */
	readonly replicaSets?: readonly Json[];
	/** For a Service: the discovery.k8s.io/v1 EndpointSlices labelled kubernetes.io/service-name=<service>. */
	readonly endpointSlices?: readonly Json[];
	/** For a Service when no EndpointSlices were given: its core/v1 Endpoints object. */
	readonly endpoints?: Json;
	/** For a Node: its Lease in kube-node-lease. */
	readonly lease?: Json;
	/** For a Namespace: its ResourceQuotas. */
	readonly resourceQuotas?: readonly Json[];
	/** For a Namespace: its LimitRanges. */
	readonly limitRanges?: readonly Json[];
};

/** The time zone timestamps are written in: kubectl writes the local one. */
export type DescribeZone = 'local' | 'utc';

/** Everything a describer reads besides the object. */
export type DescribeContext = {
	/** The object's events; undefined leaves the Events section out, as kubectl does when it shows none. */
	readonly events: readonly DescribeEvent[] | undefined;
	/** The clock ages are measured against (epoch ms). */
	readonly now: number;
	readonly zone: DescribeZone;
	readonly related: DescribeRelated;
	/** Show a service-account token's value, as kubectl does; otherwise only its size. */
	readonly reveal: boolean;
};

/** Writes one kind's description. */
export type Describer = (w: Writer, object: Json, ctx: DescribeContext) => void;
