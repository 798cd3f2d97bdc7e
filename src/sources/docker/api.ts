// The Docker Engine API's answers, as far as kview reads them (API 1.24-1.45; Podman's
// compatible API gives the same names). Everything is optional: engines and versions differ.

/** A container as /containers/json lists it. */
export type ListedContainer = {
	readonly Id: string;
	readonly Names?: readonly string[];
	readonly Image?: string;
	readonly ImageID?: string;
	readonly Command?: string;
	/** Unix seconds. */
	readonly Created?: number;
	readonly State?: string;
	/** "Up 5 minutes (healthy)", "Exited (0) 2 hours ago": the engine's words at list time. */
	readonly Status?: string;
	readonly Ports?: readonly ListedPort[];
	readonly Labels?: Readonly<Record<string, string>> | null;
	readonly NetworkSettings?: {readonly Networks?: Readonly<Record<string, {readonly NetworkID?: string; readonly IPAddress?: string}>>};
	readonly Mounts?: readonly {
		readonly Type?: string;
		readonly Name?: string;
		readonly Source?: string;
		readonly Destination?: string;
		readonly RW?: boolean;
	}[];
};

export type ListedPort = {readonly IP?: string; readonly PrivatePort?: number; readonly PublicPort?: number; readonly Type?: string};

/** An image as /images/json lists it. */
export type ListedImage = {
	readonly Id: string;
	readonly ParentId?: string;
	readonly RepoTags?: readonly string[] | null;
	readonly RepoDigests?: readonly string[] | null;
	/** Unix seconds. */
	readonly Created?: number;
	readonly Size?: number;
	readonly Labels?: Readonly<Record<string, string>> | null;
};

/** A volume as /volumes lists it. */
export type ListedVolume = {
	readonly Name: string;
	readonly Driver?: string;
	readonly Mountpoint?: string;
	readonly CreatedAt?: string;
	readonly Labels?: Readonly<Record<string, string>> | null;
	readonly Scope?: string;
};

/** A network as /networks lists it. */
export type ListedNetwork = {
	readonly Id: string;
	readonly Name: string;
	readonly Created?: string;
	readonly Scope?: string;
	readonly Driver?: string;
	readonly Internal?: boolean;
	readonly Attachable?: boolean;
	readonly IPAM?: {readonly Config?: readonly {readonly Subnet?: string; readonly Gateway?: string}[] | null};
	readonly Labels?: Readonly<Record<string, string>> | null;
};

/** An /events message, as Docker and Podman send it. */
export type EngineEvent = {
	readonly Type?: string;
	readonly Action?: string;
	/** Old engines and Podman: the action, or for images the name. */
	readonly status?: string;
	readonly id?: string;
	readonly Actor?: {readonly ID?: string; readonly Attributes?: Readonly<Record<string, string>>};
	/** Unix seconds, and the same in nanoseconds. */
	readonly time?: number;
	readonly timeNano?: number;
};

/** One sample of /containers/{id}/stats. */
export type StatsSample = {
	readonly read?: string;
	readonly cpu_stats?: CpuStats;
	readonly precpu_stats?: CpuStats;
	readonly memory_stats?: {
		readonly usage?: number;
		readonly limit?: number;
		readonly stats?: Readonly<Record<string, number>>;
	};
};

export type CpuStats = {
	readonly cpu_usage?: {readonly total_usage?: number; readonly percpu_usage?: readonly number[] | null};
	readonly system_cpu_usage?: number;
	readonly online_cpus?: number;
};

/** A swarm service as /services lists it. */
export type ListedService = {
	readonly ID: string;
	readonly CreatedAt?: string;
	readonly Spec?: {
		readonly Name?: string;
		readonly Labels?: Readonly<Record<string, string>> | null;
		readonly TaskTemplate?: {readonly ContainerSpec?: {readonly Image?: string}};
		readonly Mode?: {readonly Replicated?: {readonly Replicas?: number}; readonly Global?: object};
	};
	readonly Endpoint?: {
		readonly Ports?: readonly {readonly Protocol?: string; readonly TargetPort?: number; readonly PublishedPort?: number}[] | null;
	};
};

/** A swarm task as /tasks lists it. */
export type ListedTask = {
	readonly ID: string;
	readonly ServiceID?: string;
	readonly NodeID?: string;
	readonly Slot?: number;
	readonly CreatedAt?: string;
	readonly DesiredState?: string;
	readonly Spec?: {readonly ContainerSpec?: {readonly Image?: string}};
	readonly Status?: {readonly Timestamp?: string; readonly State?: string; readonly Message?: string; readonly Err?: string};
};

/** A swarm node as /nodes lists it. */
export type ListedNode = {
	readonly ID: string;
	readonly CreatedAt?: string;
	readonly Spec?: {readonly Role?: string; readonly Availability?: string; readonly Labels?: Readonly<Record<string, string>> | null};
	readonly Description?: {readonly Hostname?: string; readonly Engine?: {readonly EngineVersion?: string}};
	readonly Status?: {readonly State?: string; readonly Addr?: string};
	readonly ManagerStatus?: {readonly Leader?: boolean; readonly Reachability?: string};
};
