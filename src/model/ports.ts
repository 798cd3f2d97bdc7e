type Json = Record<string, unknown>;

function containerPorts(podSpec: Json | undefined): number[] {
	const containers = (podSpec?.['containers'] ?? []) as {ports?: {containerPort?: number; protocol?: string}[]}[];
	return containers.flatMap((c) => (c.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort ?? 0));
}

/**
 * The ports one might forward to an object, first the likeliest: a service's
 * ports, a pod's container ports, a workload's pod-template ports.
 */
export function forwardPorts(object: Readonly<Json>): number[] {
	const spec = (object['spec'] ?? {}) as Json;
	const service = (spec['ports'] ?? []) as {port?: number; protocol?: string}[];
	const ports = [
		...service.filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.port ?? 0),
		...containerPorts(spec),
		...containerPorts((spec['template'] as Json | undefined)?.['spec'] as Json | undefined),
	];
	return [...new Set(ports.filter((p) => p > 0))];
}

/** A forward's ports as kubectl writes them: `8080:80`, `8080` (the same both sides) or `:80` (any free local port). */
export function parsePortPair(text: string): {local: number; remote: number} | {error: string} {
	const match = /^\s*(\d*)\s*(?::\s*(\d+))?\s*$/.exec(text);
	if (!match || (match[1] === '' && match[2] === undefined)) return {error: `"${text}" is not LOCAL:REMOTE, e.g. 8080:80`};
	const local = match[1] === '' ? 0 : Number(match[1]);
	const remote = Number(match[2] ?? match[1]);
	if (local > 65535 || remote < 1 || remote > 65535) return {error: `ports must be between 1 and 65535 (got ${text.trim()})`};
	return {local, remote};
}
