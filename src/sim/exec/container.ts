import type {KubeObject} from '../types.js';

/** What the sim's exec needs to read from the cluster: config maps, secrets and services by namespace. */
export type ClusterLookup = {
	readonly configMap: (namespace: string, name: string) => KubeObject | undefined;
	readonly secret: (namespace: string, name: string) => KubeObject | undefined;
	readonly services: (namespace: string) => readonly KubeObject[];
};

/** A process as `ps` shows it. */
export type Process = {readonly pid: number; readonly user: string; readonly command: string};

/** Everything a command inside a simulated container can see. */
export type ContainerContext = {
	readonly pod: string;
	readonly namespace: string;
	readonly container: string;
	readonly image: string;
	/** Environment as the kubelet builds it: the container's env (references resolved), service links, defaults. */
	readonly env: ReadonlyMap<string, string>;
	/** Regular files by absolute path; directories are implied by the paths. */
	readonly files: ReadonlyMap<string, string>;
	/** PID 1 and friends. */
	readonly processes: readonly Process[];
	/** TCP ports the container listens on. */
	readonly ports: readonly number[];
};

type EnvVar = {
	name?: string;
	value?: string;
	valueFrom?: {
		configMapKeyRef?: {name?: string; key?: string};
		secretKeyRef?: {name?: string; key?: string};
		fieldRef?: {fieldPath?: string};
	};
};
type EnvFrom = {prefix?: string; configMapRef?: {name?: string}; secretRef?: {name?: string}};
type Container = {
	name?: string;
	image?: string;
	command?: string[];
	args?: string[];
	env?: EnvVar[];
	envFrom?: EnvFrom[];
	ports?: {containerPort?: number}[];
	volumeMounts?: {name?: string; mountPath?: string; subPath?: string}[];
};
type Volume = {
	name?: string;
	configMap?: {name?: string};
	secret?: {secretName?: string};
	emptyDir?: object;
	persistentVolumeClaim?: {claimName?: string};
};
type PodSpec = {containers?: Container[]; initContainers?: Container[]; volumes?: Volume[]; serviceAccountName?: string; nodeName?: string};

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function data(object: KubeObject | undefined, secret: boolean): Record<string, string> {
	if (!object) return {};
	const plain = (object['data'] ?? {}) as Record<string, string>;
	if (!secret) return plain;
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(plain)) out[k] = Buffer.from(v, 'base64').toString('utf8');
	for (const [k, v] of Object.entries((object['stringData'] ?? {}) as Record<string, string>)) out[k] = v;
	return out;
}

function fieldValue(pod: KubeObject, fieldPath: string): string {
	const status = (pod.status ?? {}) as {podIP?: string; hostIP?: string};
	const spec = (pod.spec ?? {}) as PodSpec;
	switch (fieldPath) {
		case 'metadata.name':
			return pod.metadata.name;
		case 'metadata.namespace':
			return pod.metadata.namespace ?? '';
		case 'metadata.uid':
			return pod.metadata.uid;
		case 'spec.nodeName':
			return spec.nodeName ?? '';
		case 'spec.serviceAccountName':
			return spec.serviceAccountName ?? 'default';
		case 'status.podIP':
			return status.podIP ?? '';
		case 'status.hostIP':
			return status.hostIP ?? '';
		default: {
			const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
			if (label?.[1] && label[2]) return (pod.metadata[label[1]] as Record<string, string> | undefined)?.[label[2]] ?? '';
			return '';
		}
	}
}

/** The docker-link style variables the kubelet injects for every service in the namespace. */
function serviceEnv(services: readonly KubeObject[], env: Map<string, string>): void {
	for (const svc of services) {
		const spec = (svc.spec ?? {}) as {clusterIP?: string; ports?: {name?: string; port?: number; protocol?: string}[]};
		if (!spec.clusterIP || spec.clusterIP === 'None') continue;
		const prefix = svc.metadata.name.toUpperCase().replace(/-/g, '_');
		const ports = spec.ports ?? [];
		const first = ports[0];
		env.set(`${prefix}_SERVICE_HOST`, spec.clusterIP);
		if (first?.port) env.set(`${prefix}_SERVICE_PORT`, String(first.port));
		for (const p of ports) {
			if (p.name && p.port) env.set(`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port));
		}
		if (first?.port) {
			const proto = (first.protocol ?? 'TCP').toLowerCase();
			env.set(`${prefix}_PORT`, `${proto}://${spec.clusterIP}:${first.port}`);
		}
	}
}

/** A plausible PID 1 for an image when the pod spec does not say. */
function entrypoint(image: string): string {
	if (/nginx/.test(image)) return 'nginx: master process nginx -g daemon off;';
	if (/redis/.test(image)) return 'redis-server *:6379';
	if (/postgres/.test(image)) return 'postgres';
	if (/node-exporter/.test(image)) return '/bin/node_exporter';
	if (/busybox|alpine/.test(image)) return 'sh';
	const base = image.split('/').pop()?.split(':')[0] ?? 'app';
	return `/app/${base}`;
}

/**
 * Builds what a command in `container` of `pod` sees: environment, a few files
 * (hostname, hosts, resolv.conf, the service account, mounted config maps and
 * secrets), the processes and the listening ports.
 */
export function containerContext(pod: KubeObject, container: string, cluster: ClusterLookup): ContainerContext {
	const namespace = pod.metadata.namespace ?? 'default';
	const spec = (pod.spec ?? {}) as PodSpec;
	const c = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((x) => x.name === container) ?? {};
	const image = c.image ?? 'unknown';
	const status = (pod.status ?? {}) as {podIP?: string};

	const env = new Map<string, string>([
		['PATH', DEFAULT_PATH],
		['HOSTNAME', pod.metadata.name],
		['HOME', '/root'],
	]);
	serviceEnv(cluster.services(namespace), env);
	env.set('KUBERNETES_SERVICE_HOST', '10.96.0.1');
	env.set('KUBERNETES_SERVICE_PORT', '443');
	env.set('KUBERNETES_SERVICE_PORT_HTTPS', '443');
	env.set('KUBERNETES_PORT', 'tcp://10.96.0.1:443');
	for (const from of c.envFrom ?? []) {
		const values = from.configMapRef?.name
			? data(cluster.configMap(namespace, from.configMapRef.name), false)
			: from.secretRef?.name
				? data(cluster.secret(namespace, from.secretRef.name), true)
				: {};
		for (const [k, v] of Object.entries(values)) env.set(`${from.prefix ?? ''}${k}`, v);
	}
	for (const e of c.env ?? []) {
		if (!e.name) continue;
		const ref = e.valueFrom;
		let value = e.value ?? '';
		if (ref?.configMapKeyRef?.name && ref.configMapKeyRef.key)
			value = data(cluster.configMap(namespace, ref.configMapKeyRef.name), false)[ref.configMapKeyRef.key] ?? '';
		else if (ref?.secretKeyRef?.name && ref.secretKeyRef.key)
			value = data(cluster.secret(namespace, ref.secretKeyRef.name), true)[ref.secretKeyRef.key] ?? '';
		else if (ref?.fieldRef?.fieldPath) value = fieldValue(pod, ref.fieldRef.fieldPath);
		// $(VAR) refers to variables defined earlier, as the kubelet expands it.
		env.set(
			e.name,
			value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env.get(name) ?? whole),
		);
	}

	const files = new Map<string, string>();
	files.set('/etc/hostname', `${pod.metadata.name}\n`);
	files.set(
		'/etc/hosts',
		`127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${status.podIP ?? '10.244.0.2'}\t${pod.metadata.name}\n`,
	);
	files.set(
		'/etc/resolv.conf',
		`search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
	);
	files.set('/dev/null', '');
	files.set('/etc/os-release', 'NAME="kview sim"\nID=kview\nPRETTY_NAME="kview simulated container"\n');
	const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
	files.set(`${sa}/namespace`, namespace);
	files.set(`${sa}/token`, 'eyJhbGciOiJSUzI1NiJ9.kview-sim-service-account-token.signature');
	files.set(`${sa}/ca.crt`, '-----BEGIN CERTIFICATE-----\n(the sim cluster CA)\n-----END CERTIFICATE-----\n');
	const volumes = new Map((spec.volumes ?? []).map((v) => [v.name ?? '', v]));
	for (const mount of c.volumeMounts ?? []) {
		const volume = volumes.get(mount.name ?? '');
		if (!volume || !mount.mountPath) continue;
		const source = volume.configMap?.name
			? data(cluster.configMap(namespace, volume.configMap.name), false)
			: volume.secret?.secretName
				? data(cluster.secret(namespace, volume.secret.secretName), true)
				: undefined;
		if (!source) {
			// An empty directory still shows up in ls.
			files.set(`${mount.mountPath.replace(/\/$/, '')}/.keep`, '');
			continue;
		}
		if (mount.subPath) {
			if (source[mount.subPath] !== undefined) files.set(mount.mountPath, source[mount.subPath] ?? '');
			continue;
		}
		for (const [key, value] of Object.entries(source)) files.set(`${mount.mountPath.replace(/\/$/, '')}/${key}`, value);
	}

	const main = c.command || c.args ? [...(c.command ?? [entrypoint(image)]), ...(c.args ?? [])].join(' ') : entrypoint(image);
	files.set('/proc/1/cmdline', main.replace(/ /g, '\0'));
	const ports = (c.ports ?? []).map((p) => p.containerPort ?? 0).filter((p) => p > 0);
	return {pod: pod.metadata.name, namespace, container, image, env, files, processes: [{pid: 1, user: 'root', command: main}], ports};
}
