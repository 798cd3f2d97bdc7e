import type {ServerResponse} from 'node:http';
import {badRequest} from '../errors.js';
import type {KubeObject} from '../types.js';

type ContainerStatus = {
	name?: string;
	restartCount?: number;
	state?: {running?: {startedAt?: string}; terminated?: {startedAt?: string; finishedAt?: string}};
	lastState?: {terminated?: {startedAt?: string; finishedAt?: string}};
};

/** Lines a second each container writes. */
export const DEFAULT_LOG_INTERVAL_MS = 1000;

const PATHS = ['/', '/api/cart', '/api/products?page=2', '/healthz', '/api/checkout', '/static/app.js', '/api/login'];
const CODES = [200, 200, 200, 200, 201, 304, 404, 500];

/** A deterministic pseudo-random number in [0,1) from a seed. */
function noise(seed: number): number {
	const x = Math.sin(seed * 12.9898) * 43758.5453;
	return x - Math.floor(x);
}

function hashString(text: string): number {
	let h = 0;
	for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
	return Math.abs(h);
}

/**
 * The text of line `n` of a container's log: plausible for what the container is
 * (an access log for a web server, JSON for an API, ...), and the same every time
 * it is asked for, so tails, follows and resumes agree.
 */
export function logLine(image: string, seed: number, n: number, crashed: boolean, last: boolean): string {
	const r = noise(seed + n);
	if (crashed && last)
		return 'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4b3c2e]';
	if (/redis/.test(image)) return `1:M ${Math.floor(r * 60)} * ${Math.floor(r * 1000)} changes in 60 seconds. Saving...`;
	if (/postgres/.test(image))
		return `LOG:  checkpoint complete: wrote ${Math.floor(r * 500)} buffers (${(r * 3).toFixed(1)}%); 0 WAL file(s) added`;
	if (/nginx|frontend|web/.test(image)) {
		const code = CODES[Math.floor(r * CODES.length)] ?? 200;
		return `10.244.0.${Math.floor(r * 250)} - - "GET ${PATHS[Math.floor(noise(seed + n + 1) * PATHS.length)] ?? '/'} HTTP/1.1" ${code} ${Math.floor(r * 5000)} "-" "Mozilla/5.0" ${(r * 0.2).toFixed(3)}`;
	}
	if (/worker|job|batch|busybox/.test(image))
		return `processed job id=${seed % 10_000}-${n} queue=default duration=${Math.floor(r * 900)}ms`;
	const level = r < 0.05 ? 'error' : r < 0.15 ? 'warn' : 'info';
	return JSON.stringify({
		level,
		msg: level === 'error' ? 'upstream request failed' : 'request served',
		path: PATHS[Math.floor(r * PATHS.length)],
		status: level === 'error' ? 502 : 200,
		latency_ms: Math.floor(r * 120),
	});
}

type Instance = {start: number; end: number | undefined; seed: number; crashed: boolean};

/** The current (or previous) instance of a container: when it ran and its seed. */
function instance(pod: KubeObject, container: string, previous: boolean, now: number): Instance {
	const statuses = [
		...((pod.status as {containerStatuses?: ContainerStatus[]} | undefined)?.containerStatuses ?? []),
		...((pod.status as {initContainerStatuses?: ContainerStatus[]} | undefined)?.initContainerStatuses ?? []),
	];
	const status = statuses.find((s) => s.name === container);
	const restarts = status?.restartCount ?? 0;
	if (previous) {
		const last = status?.lastState?.terminated;
		if (!last) throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
		return {
			start: Date.parse(last.startedAt ?? '') || now - 60_000,
			end: Date.parse(last.finishedAt ?? '') || now,
			seed: hashString(pod.metadata.uid + container) + restarts - 1,
			crashed: true,
		};
	}
	const running = status?.state?.running?.startedAt;
	const terminated = status?.state?.terminated;
	if (!running && !terminated) {
		throw badRequest(
			`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${restarts > 0 ? 'CrashLoopBackOff' : 'ContainerCreating'}`,
		);
	}
	return {
		start: Date.parse(running ?? terminated?.startedAt ?? '') || now,
		end: terminated ? Date.parse(terminated.finishedAt ?? '') || now : undefined,
		seed: hashString(pod.metadata.uid + container) + restarts,
		crashed: false,
	};
}

/** Where a log stream goes: an HTTP response for GET .../log, a WebSocket for attach. */
export type LogSink = {
	/** Called once the request is known to be good, before the first line. */
	readonly begin: () => void;
	readonly write: (text: string) => void;
	readonly end: () => void;
	/** Registers what to do when the reader goes away. */
	readonly onClose: (stop: () => void) => void;
};

/**
 * Serves GET .../pods/<name>/log with every parameter clients use: container,
 * follow, previous, sinceSeconds/sinceTime, timestamps, tailLines, limitBytes.
 * Chunked text/plain, as the kubelet streams it.
 */
export function serveLogs(
	pod: KubeObject,
	container: string,
	query: URLSearchParams,
	res: ServerResponse,
	intervalMs: number,
	clock: () => number,
	isGone: () => boolean,
): void {
	streamLogs(
		pod,
		container,
		query,
		{
			begin: () => res.writeHead(200, {'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked'}),
			write: (text) => res.write(text),
			end: () => res.end(),
			onClose: (stop) => res.on('close', stop),
		},
		intervalMs,
		clock,
		isGone,
	);
}

/** Writes a container's log to `sink` as the log parameters in `query` ask; throws a 400 for a container with no log to give. */
export function streamLogs(
	pod: KubeObject,
	container: string,
	query: URLSearchParams,
	sink: LogSink,
	intervalMs: number,
	clock: () => number,
	isGone: () => boolean,
): void {
	const now = clock();
	const previous = query.get('previous') === 'true';
	const inst = instance(pod, container, previous, now);
	const image =
		((pod.spec as {containers?: {name?: string; image?: string}[]} | undefined)?.containers ?? []).find((c) => c.name === container)
			?.image ?? container;
	const timestamps = query.get('timestamps') === 'true';
	const follow = query.get('follow') === 'true' && !previous && inst.end === undefined;
	const limitBytes = query.get('limitBytes') ? Number(query.get('limitBytes')) : Infinity;
	const sinceSeconds = query.get('sinceSeconds');
	const sinceTime = query.get('sinceTime');
	const since = sinceSeconds ? now - Number(sinceSeconds) * 1000 : sinceTime ? Date.parse(sinceTime) : -Infinity;
	const end = inst.end ?? now;
	const count = Math.max(0, Math.floor((end - inst.start) / intervalMs));
	let first = 0;
	if (since > inst.start) first = Math.max(0, Math.ceil((since - inst.start) / intervalMs));
	const tail = query.get('tailLines');
	if (tail !== null) first = Math.max(first, count - Math.max(0, Number(tail)));

	let written = 0;
	const line = (n: number): string => {
		const at = inst.start + n * intervalMs;
		const text = logLine(image, inst.seed, n, inst.crashed, n === count - 1);
		const withTime = timestamps
			? text
					.split('\n')
					.map((l) => `${new Date(at).toISOString().replace(/Z$/, '000000Z')} ${l}`)
					.join('\n')
			: text;
		return `${withTime}\n`;
	};
	sink.begin();
	const send = (text: string): boolean => {
		if (written >= limitBytes) return false;
		const room = limitBytes - written;
		const chunk = Buffer.byteLength(text) > room ? Buffer.from(text).subarray(0, room).toString('utf8') : text;
		written += Buffer.byteLength(chunk);
		sink.write(chunk);
		return written < limitBytes;
	};
	let buffer = '';
	for (let n = first; n < count; n++) {
		buffer += line(n);
		if (buffer.length > 64 * 1024) {
			if (!send(buffer)) return sink.end();
			buffer = '';
		}
	}
	if (buffer && !send(buffer)) return sink.end();
	if (!follow) return sink.end();
	let next = count;
	const timer = setInterval(
		() => {
			if (isGone()) {
				clearInterval(timer);
				sink.end();
				return;
			}
			const due = Math.floor((clock() - inst.start) / intervalMs);
			let chunk = '';
			for (; next < due; next++) chunk += line(next);
			if (chunk && !send(chunk)) {
				clearInterval(timer);
				sink.end();
			}
		},
		Math.min(intervalMs, 250),
	);
	sink.onClose(() => clearInterval(timer));
}
