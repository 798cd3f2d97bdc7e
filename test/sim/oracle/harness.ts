import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import type {IncomingHttpHeaders} from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import {parse as parseYaml} from 'yaml';
import {startSim, type RunningSim} from '../../../src/sim/index.js';

// The differential tier: the same requests go to the sim and to a real API server (the
// v1.20 control plane of ../shared/tools/real-cluster), and the tests compare what must
// agree. Without that cluster every oracle suite skips with the reason found here.

/** A reply, parsed when it is JSON. */
export type Reply = {readonly status: number; readonly headers: IncomingHttpHeaders; readonly text: string; readonly body: unknown};

/** How to send one request. */
export type RequestOptions = {
	/** A JSON value (serialised) or a raw string sent as is. */
	readonly body?: unknown;
	readonly contentType?: string;
	readonly accept?: string;
	/** Send as the read-only user (the viewer on the real cluster, the restricted user on the sim). */
	readonly viewer?: boolean;
};

/** One watch event as it came off the wire. */
export type WatchEvent = {readonly type: string; readonly object: Record<string, unknown>};

/** What a watch produced: the raw lines, the events, and whether the server ended it. */
export type WatchResult = {
	readonly status: number;
	readonly lines: readonly string[];
	readonly events: readonly WatchEvent[];
	readonly ended: boolean;
};

/** One API server the oracle tests talk to. */
export type Endpoint = {
	readonly name: 'sim' | 'real';
	request(method: string, apiPath: string, options?: RequestOptions): Promise<Reply>;
	/** Opens a watch and collects events until `until` holds, the server ends it, or timeoutMs passes. */
	watch(apiPath: string, options: {timeoutMs: number; until?: (events: readonly WatchEvent[]) => boolean}): Promise<WatchResult>;
};

type Connection = {readonly server: string; readonly ca: string; readonly adminToken: string; readonly viewerToken: string};

/** Where the real cluster's kubeconfig is: $KVIEW_REAL_KUBECONFIG, else where real-cluster writes it. */
function realKubeconfigPath(): string {
	const explicit = process.env['KVIEW_REAL_KUBECONFIG'];
	if (explicit) return explicit;
	const dir =
		process.env['KVIEW_REAL_K8S_DIR'] ?? path.join(process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'kview-real-k8s');
	return path.join(dir, 'run', 'kubeconfig');
}

type Kubeconfig = {
	clusters?: {name: string; cluster: {server?: string; 'certificate-authority'?: string; 'certificate-authority-data'?: string}}[];
	users?: {name: string; user: {token?: string}}[];
	contexts?: {name: string; context: {cluster: string; user: string}}[];
};

/** Reads the kubeconfig's admin (`real`) and viewer (`real-viewer`) contexts. */
function readConnection(file: string): Connection | string {
	const config = parseYaml(readFileSync(file, 'utf8')) as Kubeconfig;
	const tokenOf = (contextName: string): {server: string; ca: string; token: string} | undefined => {
		const context = config.contexts?.find((c) => c.name === contextName)?.context;
		const cluster = config.clusters?.find((c) => c.name === context?.cluster)?.cluster;
		const token = config.users?.find((u) => u.name === context?.user)?.user.token;
		if (!cluster?.server || !token) return undefined;
		const caFile = cluster['certificate-authority'];
		const ca = cluster['certificate-authority-data']
			? Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8')
			: caFile
				? readFileSync(path.resolve(path.dirname(file), caFile), 'utf8')
				: '';
		return {server: cluster.server, ca, token};
	};
	const admin = tokenOf('real');
	const viewer = tokenOf('real-viewer');
	if (!admin || !viewer) return `${file} lacks the contexts "real" and "real-viewer" with tokens`;
	return {server: admin.server, ca: admin.ca, adminToken: admin.token, viewerToken: viewer.token};
}

function send(
	base: string,
	ca: string,
	token: string,
	method: string,
	apiPath: string,
	options: RequestOptions,
	timeoutMs = 15_000,
): Promise<Reply> {
	const url = new URL(apiPath, base);
	const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	return new Promise((resolve, reject) => {
		const req = https.request(
			url,
			{
				method,
				ca,
				headers: {
					Authorization: `Bearer ${token}`,
					Accept: options.accept ?? 'application/json',
					...(payload !== undefined ? {'Content-Type': options.contentType ?? 'application/json'} : {}),
				},
				timeout: timeoutMs,
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => {
					let body: unknown;
					try {
						body = JSON.parse(text);
					} catch {
						// not JSON: the caller looks at text
					}
					resolve({status: res.statusCode ?? 0, headers: res.headers, text, body});
				});
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${apiPath} timed out`)));
		req.on('error', reject);
		req.end(payload);
	});
}

function openWatch(
	base: string,
	ca: string,
	token: string,
	apiPath: string,
	options: {timeoutMs: number; until?: (events: readonly WatchEvent[]) => boolean},
): Promise<WatchResult> {
	const url = new URL(apiPath, base);
	return new Promise((resolve, reject) => {
		const lines: string[] = [];
		const events: WatchEvent[] = [];
		let status = 0;
		let buffer = '';
		let done = false;
		const finish = (ended: boolean): void => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			req.destroy();
			resolve({status, lines, events, ended});
		};
		const req = https.request(url, {ca, headers: {Authorization: `Bearer ${token}`, Accept: 'application/json'}}, (res) => {
			status = res.statusCode ?? 0;
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buffer += chunk;
				for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
					const line = buffer.slice(0, nl);
					buffer = buffer.slice(nl + 1);
					if (line.trim() === '') continue;
					lines.push(line);
					events.push(JSON.parse(line) as WatchEvent);
				}
				if (options.until?.(events)) finish(false);
			});
			res.on('end', () => {
				if (buffer.trim() !== '') lines.push(buffer);
				finish(true);
			});
		});
		const timer = setTimeout(() => finish(false), options.timeoutMs);
		req.on('error', (error) => (done ? undefined : reject(error)));
		req.end();
	});
}

async function readyz(connection: Connection): Promise<string | undefined> {
	try {
		const reply = await send(connection.server, connection.ca, connection.adminToken, 'GET', '/readyz', {}, 3000);
		return reply.status === 200 ? undefined : `${connection.server}/readyz answered ${reply.status}`;
	} catch (error) {
		return `${connection.server}/readyz does not answer: ${error instanceof Error ? error.message : String(error)}`;
	}
}

/** Finds the real cluster: its connection, or why the oracle suites skip. */
async function findRealCluster(): Promise<{connection: Connection; skip?: undefined} | {connection?: undefined; skip: string}> {
	const file = realKubeconfigPath();
	if (!existsSync(file)) return {skip: `no real cluster: ${file} does not exist (../shared/tools/real-cluster start)`};
	let connection: Connection | string;
	try {
		connection = readConnection(file);
	} catch (error) {
		return {skip: `no real cluster: ${file}: ${error instanceof Error ? error.message : String(error)}`};
	}
	if (typeof connection === 'string') return {skip: `no real cluster: ${connection}`};
	const notReady = await readyz(connection);
	return notReady ? {skip: `no real cluster: ${notReady}`} : {connection};
}

/** The real cluster, found once per test file; `skip` says why the oracle suites do not run. */
export const real = await findRealCluster();
if (real.skip) console.warn(`oracle tests skipped: ${real.skip}`);

/** The pair of servers a suite compares, and the namespace created in both for it. */
export type Pair = {readonly sim: Endpoint; readonly real: Endpoint; readonly namespace: string; readonly running: RunningSim};

/**
 * Starts a sim (the demo scenario: nodes, so pods get scheduled as on the real cluster's
 * hollow nodes) and creates a fresh namespace `kview-oracle-<random>` in both servers,
 * then deletes it from the real cluster after the file's tests.
 */
export function usePair(): () => Pair {
	let pair: Pair | undefined;
	beforeAll(async () => {
		const connection = real.connection;
		if (!connection) throw new Error('usePair needs the real cluster (guard the suite with describe.skipIf(real.skip))');
		const running = await startSim({scenario: 'demo', logIntervalMs: 1000});
		const simCa = Buffer.from(/certificate-authority-data: (\S+)/.exec(running.kubeconfig)?.[1] ?? '', 'base64').toString('utf8');
		const endpoint = (name: 'sim' | 'real', base: string, ca: string, admin: string, viewer: string): Endpoint => ({
			name,
			request: (method, apiPath, options = {}) => send(base, ca, options.viewer ? viewer : admin, method, apiPath, options),
			watch: (apiPath, options) => openWatch(base, ca, admin, apiPath, options),
		});
		const namespace = `kview-oracle-${randomBytes(4).toString('hex')}`;
		pair = {
			sim: endpoint('sim', running.url, simCa, running.adminToken, running.restrictedToken),
			real: endpoint('real', connection.server, connection.ca, connection.adminToken, connection.viewerToken),
			namespace,
			running,
		};
		for (const side of [pair.sim, pair.real]) {
			const reply = await side.request('POST', '/api/v1/namespaces', {
				body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}},
			});
			if (reply.status !== 201) throw new Error(`${side.name}: creating namespace ${namespace}: ${reply.status} ${reply.text}`);
		}
		// The real ServiceAccount admission refuses pods until the namespace's default account
		// exists and, before v1.24 (this oracle is v1.20), until it has its token secret.
		const realVersion = (await pair.real.request('GET', '/version')).body as {minor?: string};
		const needsToken = Number.parseInt(realVersion.minor ?? '0', 10) < 24;
		await waitUntil('the default ServiceAccount on the real cluster', async () => {
			const reply = await pair?.real.request('GET', `/api/v1/namespaces/${namespace}/serviceaccounts/default`);
			return reply?.status === 200 && (!needsToken || ((reply.body as {secrets?: unknown[]}).secrets ?? []).length > 0);
		});
	});
	afterAll(async () => {
		if (!pair) return;
		await pair.real.request('DELETE', `/api/v1/namespaces/${pair.namespace}`).catch(() => undefined);
		await pair.running.close();
	});
	return () => {
		if (!pair) throw new Error('the pair is not started (usePair registers beforeAll)');
		return pair;
	};
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` is true, or throws naming `what` after timeoutMs. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(200);
	}
}

/** Runs the same request against both servers. */
export async function both(
	pair: Pair,
	method: string,
	apiPath: (namespace: string) => string,
	options: RequestOptions = {},
): Promise<{sim: Reply; real: Reply}> {
	const [sim, realReply] = await Promise.all([
		pair.sim.request(method, apiPath(pair.namespace), options),
		pair.real.request(method, apiPath(pair.namespace), options),
	]);
	return {sim, real: realReply};
}

/** A Status body's fields that must agree between servers (message left to the caller). */
export function statusShape(body: unknown): Record<string, unknown> {
	const status = (body ?? {}) as {
		kind?: unknown;
		apiVersion?: unknown;
		status?: unknown;
		reason?: unknown;
		code?: unknown;
		details?: {name?: unknown; kind?: unknown; group?: unknown; causes?: {reason?: unknown; field?: unknown}[]};
	};
	return {
		kind: status.kind,
		apiVersion: status.apiVersion,
		status: status.status,
		reason: status.reason,
		code: status.code,
		details: status.details
			? {
					name: status.details.name,
					kind: status.details.kind,
					group: status.details.group,
					causes: status.details.causes?.map((c) => ({reason: c.reason, field: c.field})),
				}
			: undefined,
	};
}

/** The message of a Status body. */
export function messageOf(body: unknown): string {
	const message = (body as {message?: unknown} | undefined)?.message;
	return typeof message === 'string' ? message : '';
}

/**
 * A deep copy of `value` without the listed paths: dotted keys, where `[]` after a key
 * means every element of that array (`spec.containers[].resources`).
 */
export function without(value: unknown, paths: readonly string[]): unknown {
	const copy = structuredClone(value);
	const drop = (node: unknown, keys: readonly string[]): void => {
		if (node === null || typeof node !== 'object') return;
		const [head = '', ...rest] = keys;
		const each = head.endsWith('[]');
		const key = each ? head.slice(0, -2) : head;
		const record = node as Record<string, unknown>;
		if (rest.length === 0 && !each) {
			Reflect.deleteProperty(record, key);
			return;
		}
		const child = record[key];
		if (each && Array.isArray(child)) for (const item of child) drop(item, rest);
		else drop(child, rest);
	};
	for (const dotted of paths) drop(copy, dotted.split('.'));
	return copy;
}
