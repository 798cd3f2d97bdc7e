/** describeContainers and its parts: a container's image, ports, state, resources, probes, environment and mounts. */
import {clean, goList, int, isRec, optStr, orNone, printBool, rec, recs, rfc1123z, str, strs} from './format.js';
import {milliValue, parseQuantity, quantityText, sortedNames, wholeValue} from './resources.js';
import type {DescribeZone, Json} from './types.js';
import type {Writer} from './writer.js';

/** describeResources: Limits then Requests, each resource sorted by name. */
export function describeResources(w: Writer, resources: unknown, level: number): void {
	for (const [title, list] of [
		['Limits', rec(rec(resources)['limits'])],
		['Requests', rec(rec(resources)['requests'])],
	] as const) {
		const names = sortedNames(list);
		if (names.length > 0) w.write(level, `${title}:\n`);
		for (const name of names) w.write(level + 1, `${clean(name)}:\t${clean(quantityText(list[name]))}\n`);
	}
}

/** An IntOrString as its String(): the number, or the name. */
export function intOrString(value: unknown): string {
	return typeof value === 'number' ? String(Math.trunc(value)) : clean(value);
}

// url.URL's path escaping: letters, digits and -_.~$&+,/:;=@ stay; every other byte is %XX.
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@]/;
function escapePath(path: string): string {
	let out = '';
	for (const byte of Buffer.from(path, 'utf8')) {
		const c = String.fromCharCode(byte);
		out += byte < 0x80 && PATH_SAFE.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/** The URL an HTTP probe reaches, as url.URL.String() writes scheme, host:port and path. */
function probeUrl(get: Json): string {
	const scheme = str(get['scheme']).toLowerCase();
	const port = intOrString(get['port']);
	const host = str(get['host']);
	const hostPort = port === '' ? host : `${host.includes(':') ? `[${host}]` : host}:${port}`;
	const path = escapePath(str(get['path']));
	let text = scheme === '' ? '' : `${scheme}:`;
	if (scheme !== '' || hostPort !== '') {
		if (hostPort !== '' || path !== '') text += '//';
		text += hostPort;
	}
	if (path !== '' && !path.startsWith('/') && hostPort !== '') text += '/';
	return clean(text + path);
}

/** DescribeProbe: how the probe checks, then its timing. */
export function describeProbe(probe: Json): string {
	const n = (key: string) => int(probe[key]);
	const attrs = `delay=${n('initialDelaySeconds')}s timeout=${n('timeoutSeconds')}s period=${n('periodSeconds')}s #success=${n('successThreshold')} #failure=${n('failureThreshold')}`;
	if (isRec(probe['exec'])) return `exec ${goList(strs(probe['exec']['command']))} ${attrs}`;
	if (isRec(probe['httpGet'])) return `http-get ${probeUrl(probe['httpGet'])} ${attrs}`;
	if (isRec(probe['tcpSocket']))
		return `tcp-socket ${clean(probe['tcpSocket']['host'])}:${intOrString(probe['tcpSocket']['port'])} ${attrs}`;
	if (isRec(probe['grpc'])) return `grpc <pod>:${int(probe['grpc']['port'])} ${clean(probe['grpc']['service'])} ${attrs}`;
	return `unknown ${attrs}`;
}

/** describeStatus: one of a container's states (State or Last State). */
function describeState(w: Writer, name: string, state: Json, zone: DescribeZone): void {
	if (isRec(state['running'])) {
		w.write(2, `${name}:\tRunning\n`);
		w.write(3, `Started:\t${rfc1123z(state['running']['startedAt'], zone)}\n`);
	} else if (isRec(state['waiting'])) {
		w.write(2, `${name}:\tWaiting\n`);
		if (str(state['waiting']['reason']) !== '') w.write(3, `Reason:\t${clean(state['waiting']['reason'])}\n`);
	} else if (isRec(state['terminated'])) {
		const t = state['terminated'];
		w.write(2, `${name}:\tTerminated\n`);
		if (str(t['reason']) !== '') w.write(3, `Reason:\t${clean(t['reason'])}\n`);
		if (str(t['message']) !== '') w.write(3, `Message:\t${clean(t['message'])}\n`);
		w.write(3, `Exit Code:\t${int(t['exitCode'])}\n`);
		if (int(t['signal']) > 0) w.write(3, `Signal:\t${int(t['signal'])}\n`);
		w.write(3, `Started:\t${rfc1123z(t['startedAt'], zone)}\n`);
		w.write(3, `Finished:\t${rfc1123z(t['finishedAt'], zone)}\n`);
	} else w.write(2, `${name}:\tWaiting\n`);
}

/** ExtractContainerResourceValue: a resourceFieldRef's value, rounded up in units of its divisor. */
function resourceFieldValue(ref: Json, container: Json): string {
	const resource = str(ref['resource']);
	const divisor = parseQuantity(ref['divisor']);
	const one = divisor.nanos === 0n ? parseQuantity('1') : divisor;
	const dot = resource.indexOf('.');
	const list = rec(rec(container['resources'])[resource.slice(0, dot)]);
	const name = resource.slice(dot + 1);
	if (dot < 0 || !['limits', 'requests'].includes(resource.slice(0, dot))) return '';
	if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name.startsWith('hugepages-')) return '';
	const value = parseQuantity(list[name]);
	const ratio = name === 'cpu' ? Number(milliValue(value)) / Number(milliValue(one)) : Number(wholeValue(value)) / Number(wholeValue(one));
	return String(Math.ceil(ratio));
}

/** How an env var's fieldRef resolves: kubectl's scheme converts only metadata.name and metadata.namespace. */
export type FieldResolver = (fieldPath: string) => string;

function describeEnv(w: Writer, container: Json, resolve: FieldResolver | undefined): void {
	const env = recs(container['env']);
	w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
	for (const e of env) {
		const name = clean(e['name']);
		const from = e['valueFrom'];
		if (!isRec(from)) {
			str(e['value'])
				.split('\n')
				.forEach((line, i) => w.write(3, i === 0 ? `${name}:\t${clean(line)}\n` : `\t${clean(line)}\n`));
			continue;
		}
		if (isRec(from['fieldRef'])) {
			const ref = from['fieldRef'];
			const value = resolve ? resolve(str(ref['fieldPath'])) : '';
			w.write(3, `${name}:\t${clean(value)} (${clean(ref['apiVersion'])}:${clean(ref['fieldPath'])})\n`);
		} else if (isRec(from['resourceFieldRef'])) {
			const resource = str(from['resourceFieldRef']['resource']);
			let value = resourceFieldValue(from['resourceFieldRef'], container);
			if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
			w.write(3, `${name}:\t${value} (${clean(resource)})\n`);
		} else if (isRec(from['secretKeyRef'])) {
			const ref = from['secretKeyRef'];
			w.write(
				3,
				`${name}:\t<set to the key '${clean(ref['key'])}' in secret '${clean(ref['name'])}'>\tOptional: ${ref['optional'] === true}\n`,
			);
		} else if (isRec(from['configMapKeyRef'])) {
			const ref = from['configMapKeyRef'];
			w.write(
				3,
				`${name}:\t<set to the key '${clean(ref['key'])}' of config map '${clean(ref['name'])}'>\tOptional: ${ref['optional'] === true}\n`,
			);
		}
	}
}

function describeEnvFrom(w: Writer, container: Json): void {
	w.write(2, 'Environment Variables from:\n');
	for (const e of recs(container['envFrom'])) {
		const ref = isRec(e['configMapRef']) ? e['configMapRef'] : isRec(e['secretRef']) ? e['secretRef'] : undefined;
		const from = isRec(e['configMapRef']) ? 'ConfigMap' : isRec(e['secretRef']) ? 'Secret' : '';
		const prefix = str(e['prefix']);
		const optional = ref?.['optional'] === true;
		const source = prefix === '' ? from : `${from} with prefix '${clean(prefix)}'`;
		w.write(3, `${clean(ref?.['name'])}\t${source}\tOptional: ${optional}\n`);
	}
}

/** describeContainerVolumes: mounts sorted by path with (ro|rw[,path="sub"]), then devices. */
function describeMounts(w: Writer, container: Json): void {
	const mounts = recs(container['volumeMounts']);
	const none = mounts.length === 0 ? '\t<none>' : '';
	w.write(2, `Mounts:${none}\n`);
	for (const m of [...mounts].sort((a, b) =>
		str(a['mountPath']) < str(b['mountPath']) ? -1 : str(a['mountPath']) > str(b['mountPath']) ? 1 : 0,
	)) {
		const flags = [m['readOnly'] === true ? 'ro' : 'rw'];
		if (str(m['subPath']) !== '') flags.push(`path=${JSON.stringify(str(m['subPath']))}`);
		w.write(3, `${clean(m['mountPath'])} from ${clean(m['name'])} (${clean(flags.join(','))})\n`);
	}
	const devices = recs(container['volumeDevices']);
	if (devices.length === 0) return;
	// kubectl reuses the mounts' "<none>" here: a container with devices and no mounts prints both.
	w.write(2, `Devices:${none}\n`);
	for (const d of [...devices].sort((a, b) => (str(a['devicePath']) < str(b['devicePath']) ? -1 : 1)))
		w.write(3, `${clean(d['devicePath'])} from ${clean(d['name'])}\n`);
}

function describeBasics(w: Writer, container: Json, status: Json | undefined, space: string): void {
	w.write(1, `${space === '' ? '' : ' '}${clean(container['name'])}:\n`);
	if (status) w.write(2, `Container ID:\t${clean(status['containerID'])}\n`);
	w.write(2, `Image:\t${clean(container['image'])}\n`);
	if (status) w.write(2, `Image ID:\t${clean(status['imageID'])}\n`);
	// Since v1.35 a named port carries its name: `8080/TCP (http)`.
	const ports = recs(container['ports']);
	const named = (port: unknown, p: Json) => `${int(port)}/${clean(p['protocol'])}${str(p['name']) === '' ? '' : ` (${clean(p['name'])})`}`;
	const portText = ports.map((p) => named(p['containerPort'], p)).join(', ');
	const hostText = ports.map((p) => named(p['hostPort'], p)).join(', ');
	w.write(2, portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${orNone(portText)}\n`);
	w.write(2, hostText.includes(',') ? `Host Ports:\t${hostText}\n` : `Host Port:\t${orNone(hostText)}\n`);
	const seccomp = rec(rec(container['securityContext'])['seccompProfile']);
	if (isRec(rec(container['securityContext'])['seccompProfile'])) {
		w.write(2, `SeccompProfile:\t${clean(seccomp['type'])}\n`);
		if (seccomp['type'] === 'Localhost') w.write(3, `LocalhostProfile:\t${clean(seccomp['localhostProfile'])}\n`);
	}
}

/**
 * describeContainers: a titled list of containers; `statuses` (a pod's) add IDs and
 * states, `resolve` fills fieldRef values, `space` marks a pod template's nesting.
 */
export function describeContainers(
	w: Writer,
	label: string,
	containers: unknown,
	statuses: unknown,
	resolve: FieldResolver | undefined,
	space: string,
	zone: DescribeZone,
): void {
	const byName = new Map(recs(statuses).map((s) => [str(s['name']), s]));
	const list = recs(containers);
	w.write(0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
	for (const container of list) {
		const status = byName.get(str(container['name']));
		describeBasics(w, container, status, space);
		for (const [title, field] of [
			['Command', 'command'],
			['Args', 'args'],
		] as const) {
			const parts = strs(container[field]);
			if (parts.length === 0) continue;
			w.write(2, `${title}:\n`);
			for (const part of parts) for (const line of part.split('\n')) w.write(3, `${clean(line)}\n`);
		}
		if (status) {
			describeState(w, 'State', rec(status['state']), zone);
			if (isRec(rec(status['lastState'])['terminated'])) describeState(w, 'Last State', rec(status['lastState']), zone);
			w.write(2, `Ready:\t${printBool(status['ready'])}\n`);
			w.write(2, `Restart Count:\t${int(status['restartCount'])}\n`);
		}
		describeResources(w, container['resources'], 2);
		for (const [title, field] of [
			['Liveness', 'livenessProbe'],
			['Readiness', 'readinessProbe'],
			['Startup', 'startupProbe'],
		] as const) {
			const probe = container[field];
			if (isRec(probe)) w.write(2, `${title}:\t${describeProbe(probe)}\n`);
		}
		if (recs(container['envFrom']).length > 0) describeEnvFrom(w, container);
		describeEnv(w, container, resolve);
		describeMounts(w, container);
	}
}

/** EnvValueRetriever: a pod's own name and namespace; any other field path resolves to nothing in kubectl. */
export function podFieldResolver(pod: Json): FieldResolver {
	const meta = rec(pod['metadata']);
	return (path) => (path === 'metadata.name' || path === 'metadata.namespace' ? (optStr(meta[path.slice(9)]) ?? '') : '');
}
