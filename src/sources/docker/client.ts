import http from 'node:http';
import https from 'node:https';
import type {Duplex} from 'node:stream';
import {jsonChunkReader, pumpChunks} from '../jsonLines.js';
import {SshAgent, SshError, sshDial} from './sshDial.js';
import {UNTRUSTED_CERTIFICATE} from '../tlsErrors.js';

/** Where an engine listens: a unix socket, TCP (with TLS when `tls` is set), or a host reached by ssh. */
export type DockerEndpoint =
	| {readonly kind: 'unix'; readonly path: string}
	| {readonly kind: 'ssh'; readonly host: string; readonly user?: string | undefined; readonly port?: number | undefined}
	| {
			readonly kind: 'tcp';
			readonly host: string;
			readonly port: number;
			readonly tls?: {readonly ca?: Buffer; readonly cert?: Buffer; readonly key?: Buffer; readonly verify: boolean};
	  };

/** A failed Docker API call: the engine's status and message (0 for a connection that failed). */
export class DockerError extends Error {
	override readonly name = 'DockerError';
	constructor(
		readonly status: number,
		message: string,
		/** Asking again will not help until the user changes something (the socket refuses them, the API is too old). */
		readonly permanent = false,
	) {
		super(message);
	}
}

/** The API version kview speaks at most; an older engine is spoken to at its own version. */
export const MAX_API_VERSION = '1.45';
/** The oldest API kview can use (Docker 1.12, 2016). */
export const MIN_API_VERSION = '1.24';

function versionNumber(v: string): number {
	const [major = 0, minor = 0] = v.split('.').map(Number);
	return major * 1000 + minor;
}

/** Why a connection to an engine failed, as one line a person can act on. */
export function connectionMessage(error: NodeJS.ErrnoException, where: string): string {
	if (UNTRUSTED_CERTIFICATE.has(error.code ?? ''))
		return `the certificate of ${where} is not trusted (${error.code}): check ca.pem in DOCKER_CERT_PATH (or the context's TLS files)`;
	switch (error.code) {
		case 'EACCES':
			return `permission denied on ${where}: add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or set DOCKER_HOST to an engine you may use`;
		case 'ENOENT':
			return `no Docker engine at ${where} (is dockerd running? DOCKER_HOST and the docker context choose another)`;
		case 'ECONNREFUSED':
			return `the Docker engine at ${where} refused the connection (is dockerd running?)`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `cannot resolve the host of ${where}`;
		case 'ETIMEDOUT':
			return `the connection to ${where} timed out`;
		default:
			// The engine's TLS alert about kview's own certificate (missing, or not signed by its CA).
			if (/ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|UNKNOWN_CA)/.test(error.code ?? ''))
				return `${where} refused kview's client certificate: check cert.pem and key.pem in DOCKER_CERT_PATH (or the context's TLS files)`;
			return `request to ${where} failed: ${(error.message.split('\n')[0] ?? '') || (error.code ?? 'unknown error')}`;
	}
}

/**
 * Raw HTTP to one Docker engine (unix socket or TCP/TLS): JSON stays JSON, and
 * streams (/events) are read line by line. The API version is agreed once, the
 * lower of the engine's and kview's, as the docker CLI negotiates it.
 */
export class DockerClient {
	private apiVersion: Promise<string> | undefined;

	constructor(
		private readonly endpoint: DockerEndpoint,
		/** How messages name the engine, e.g. `unix:///var/run/docker.sock`. */
		readonly label: string,
	) {}

	/** ssh sessions kept for plain requests, so a burst of them does not start a handshake each. */
	private sshRequests: SshAgent | undefined;

	/** Whether the engine is reached over ssh (each connection a process and a session on the far host). */
	get overSsh(): boolean {
		return this.endpoint.kind === 'ssh';
	}

	/** Sends one request; `fail` gets a connection failure as a DockerError (an abort as itself). */
	private send(
		method: string,
		path: string,
		body: string | undefined,
		fail: (error: Error) => void,
		{signal, streaming = false, upgrade = false}: {signal?: AbortSignal | undefined; streaming?: boolean; upgrade?: boolean} = {},
	): http.ClientRequest {
		const headers: http.OutgoingHttpHeaders = {Accept: 'application/json', 'User-Agent': 'kview'};
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
			headers['Content-Length'] = Buffer.byteLength(body);
		}
		if (upgrade) Object.assign(headers, {Connection: 'Upgrade', Upgrade: 'tcp'});
		const e = this.endpoint;
		const options: https.RequestOptions = {method, path, headers, ...(signal ? {signal} : {})};
		if (e.kind === 'unix') options.socketPath = e.path;
		else if (e.kind === 'ssh') {
			// Connections are `docker system dial-stdio` over ssh, as the docker CLI makes them: a stream
			// holds one of its own (http uses createConnection only without an agent); requests share a few.
			if (streaming || upgrade) options.createConnection = () => sshDial(e);
			else options.agent = this.sshRequests ??= new SshAgent(e);
		} else {
			options.host = e.host;
			options.port = e.port;
			if (e.tls) Object.assign(options, {ca: e.tls.ca, cert: e.tls.cert, key: e.tls.key, rejectUnauthorized: e.tls.verify});
		}
		const transport = e.kind === 'tcp' && e.tls ? https : http;
		const req = transport.request(options);
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (error.name === 'AbortError') return fail(error);
			// ssh's own words (a refused key, an unknown host) say it better than a socket error would.
			if (error instanceof SshError) return fail(new DockerError(0, error.message));
			fail(new DockerError(0, connectionMessage(error, this.label), error.code === 'EACCES'));
		});
		req.end(body);
		return req;
	}

	private open(method: string, path: string, body?: string, signal?: AbortSignal, streaming = false): Promise<http.IncomingMessage> {
		return new Promise((resolve, reject) => this.send(method, path, body, reject, {signal, streaming}).on('response', resolve));
	}

	private async read(res: http.IncomingMessage): Promise<string> {
		const chunks: Buffer[] = [];
		for await (const chunk of res) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	}

	private async failure(res: http.IncomingMessage): Promise<DockerError> {
		const text = await this.read(res);
		let message = text.trim();
		try {
			message = (JSON.parse(text) as {message?: string}).message ?? message;
		} catch {
			// Not JSON (a proxy's page): the text as it came.
		}
		return new DockerError(res.statusCode ?? 0, (message.split('\n')[0] ?? '') || `${res.statusCode ?? 0} ${res.statusMessage ?? ''}`);
	}

	/** The API version to speak: asked of the engine once (unversioned /version), refused below MIN_API_VERSION. */
	version(): Promise<string> {
		this.apiVersion ??= (async () => {
			const res = await this.open('GET', '/version');
			if ((res.statusCode ?? 0) !== 200) throw await this.failure(res);
			const info = JSON.parse(await this.read(res)) as {ApiVersion?: string};
			const theirs = info.ApiVersion ?? MIN_API_VERSION;
			if (versionNumber(theirs) < versionNumber(MIN_API_VERSION))
				throw new DockerError(
					0,
					`the Docker engine at ${this.label} speaks API ${theirs}; kview needs ${MIN_API_VERSION} or newer (Docker 1.12+)`,
					true,
				);
			return versionNumber(theirs) < versionNumber(MAX_API_VERSION) ? theirs : MAX_API_VERSION;
		})();
		// A failure is asked again next time (the engine may have come up).
		this.apiVersion.catch(() => (this.apiVersion = undefined));
		return this.apiVersion;
	}

	/** Any call on the versioned API with an optional JSON body; resolves with the parsed answer (undefined for no content). */
	async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
		const version = await this.version();
		const res = await this.open(method, `/v${version}${path}`, body === undefined ? undefined : JSON.stringify(body), signal);
		const status = res.statusCode ?? 0;
		if (status < 200 || status > 299) throw await this.failure(res);
		const text = await this.read(res);
		if (text.trim() === '') return undefined as T;
		try {
			return JSON.parse(text) as T;
		} catch {
			throw new DockerError(status, `${this.label} answered ${path} with something that is not JSON`);
		}
	}

	/** GET on the versioned API. */
	get<T>(path: string, signal?: AbortSignal): Promise<T> {
		return this.request<T>('GET', path, undefined, signal);
	}

	/**
	 * Follows a stream of JSON lines (/events): `onLine` gets each object as it
	 * completes; chunks may cut an object anywhere, so lines are split here. Resolves
	 * when the engine ends the stream or `signal` stops it, rejects when the connection breaks.
	 */
	async stream(path: string, onLine: (value: unknown) => void, signal?: AbortSignal, onOpen?: () => void): Promise<void> {
		const read = jsonChunkReader(onLine, () => new DockerError(0, `${this.label} sent an event line that is not JSON`));
		await this.rawStream(path, read, signal, onOpen);
	}

	/**
	 * Follows a stream of bytes (logs, an event stream): `onChunk` gets each as it comes and may
	 * throw to end the stream with that error. Resolves when the engine ends it or `signal`
	 * stops it, rejects when the connection breaks.
	 */
	async rawStream(path: string, onChunk: (chunk: Buffer) => void, signal?: AbortSignal, onOpen?: () => void): Promise<void> {
		const version = await this.version();
		const res = await this.open('GET', `/v${version}${path}`, undefined, signal, true);
		if ((res.statusCode ?? 0) !== 200) throw await this.failure(res);
		onOpen?.();
		const broke = () => new DockerError(0, `the stream from ${this.label} broke`);
		await new Promise<void>((resolve, reject) => {
			pumpChunks(res, onChunk, reject, broke);
			res.on('end', resolve);
			// Stopped by the caller: an end, not a failure.
			res.on('error', () => (signal?.aborted ? resolve() : reject(broke())));
			res.on('close', () => (res.complete || signal?.aborted ? resolve() : reject(broke())));
		});
	}

	/**
	 * Opens a hijacked connection (an exec's start, an attach): the request asks to upgrade, the
	 * engine answers 101 and from then on the connection carries the process's bytes both ways.
	 * The same on every transport: the unix socket or TCP/TLS socket itself, or over ssh the pipes
	 * of a `docker system dial-stdio` of its own. Any other answer rejects with the engine's reason.
	 */
	async hijack(path: string, body: unknown, signal?: AbortSignal): Promise<Duplex> {
		const version = await this.version();
		return new Promise((resolve, reject) => {
			const req = this.send('POST', `/v${version}${path}`, JSON.stringify(body), reject, {signal, upgrade: true});
			req.on('upgrade', (_res, socket: Duplex, head: Buffer) => {
				// Bytes that came with the 101 belong to the stream.
				if (head.length > 0) socket.unshift(head);
				resolve(socket);
			});
			// A refusal (409 paused, 404) comes as an ordinary answer, sometimes with no length, ended by the close.
			req.on('response', (res) => void this.failure(res).then(reject, reject));
		});
	}
}
