import http from 'node:http';
import https from 'node:https';
import WebSocket from 'ws';
import {credentialRejected, ExecCredentialError} from './execCredential.js';
import {CredentialError, type Kubeconfig} from './kubeconfigFile.js';
import {ProxyError, proxyAgent, proxyFor} from './proxy.js';
import {jsonChunkReader, pumpChunks} from '../jsonLines.js';
import {UNTRUSTED_CERTIFICATE} from '../tlsErrors.js';

/** An API error with the Status the server sent (or a network failure, code 0; or 401 when the exec credential plugin failed). */
export class ApiError extends Error {
	override readonly name = 'ApiError';
	constructor(
		readonly code: number,
		readonly reason: string,
		message: string,
	) {
		super(message);
	}
}

type Status = {kind?: string; code?: number; reason?: string; message?: string};

/** Why a request failed, as one line a person can act on. */
function networkMessage(error: NodeJS.ErrnoException, server: string): string {
	if (error instanceof ProxyError) return error.message;
	if (UNTRUSTED_CERTIFICATE.has(error.code ?? ''))
		return `the certificate of ${server} is not trusted (${error.code}): check certificate-authority in the kubeconfig`;
	switch (error.code) {
		case 'ECONNREFUSED':
			return `cannot reach ${server}: connection refused (is the cluster up?)`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `cannot resolve the host of ${server}`;
		case 'ETIMEDOUT':
		case 'ECONNRESET':
			return `the connection to ${server} ${error.code === 'ETIMEDOUT' ? 'timed out' : 'was reset'}`;
		default:
			return `request to ${server} failed: ${error.message.split('\n')[0] ?? error.code ?? 'unknown error'}`;
	}
}

/** Turns a non-2xx answer into an ApiError carrying the server's Status message. */
function statusError(code: number, body: string, server: string): ApiError {
	let status: Status = {};
	try {
		status = JSON.parse(body) as Status;
	} catch {
		// Not a Status (a proxy's HTML page, say): fall back to the code.
	}
	const reason = status.reason ?? http.STATUS_CODES[code] ?? 'Error';
	if (code === 401)
		return new ApiError(
			401,
			'Unauthorized',
			`${server} rejected the credentials (401 Unauthorized): log in again or check the user in the kubeconfig`,
		);
	return new ApiError(code, reason, status.message ?? `${code} ${reason}`);
}

/**
 * Raw HTTP to one cluster with the kubeconfig's TLS and credentials: JSON
 * stays JSON (no client-library classes) and watches stream line by line.
 */
export class KubeClient {
	private readonly server: URL;
	/** kview's own agent (a proxy tunnel, or direct): TLS settings come with each request, so a renewed client certificate is used. */
	private readonly agent: http.Agent | ProxyError;

	/** `env` is where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read when the cluster has no proxy-url. */
	constructor(
		private readonly kc: Kubeconfig,
		server: string,
		env: NodeJS.ProcessEnv = process.env,
	) {
		this.server = new URL(server);
		try {
			const proxy = proxyFor(this.server, kc.getCurrentCluster()?.proxyUrl, env);
			this.agent = proxy ? proxyAgent(this.server, proxy) : this.server.protocol === 'https:' ? new https.Agent() : new http.Agent();
		} catch (error) {
			if (!(error instanceof ProxyError)) throw error;
			this.agent = error;
		}
	}

	/** The server's URL, for messages. */
	get url(): string {
		return this.server.origin;
	}

	private async options(
		method: string,
		pathAndQuery: string,
		headers: Record<string, string>,
		signal?: AbortSignal,
	): Promise<https.RequestOptions> {
		const options: https.RequestOptions = {
			protocol: this.server.protocol,
			hostname: this.server.hostname.replace(/^\[|\]$/g, ''),
			port: this.server.port || (this.server.protocol === 'https:' ? 443 : 80),
			path: `${this.server.pathname.replace(/\/$/, '')}${pathAndQuery}`,
			method,
			headers: {Accept: 'application/json', 'User-Agent': 'kview', ...headers},
			...(signal ? {signal} : {}),
		};
		if (this.agent instanceof ProxyError) throw new ApiError(0, 'ProxyError', this.agent.message);
		// Sets CA, client certificates and tokens; exec plugins run in execCredential.ts (cached until they expire).
		try {
			await this.kc.applyToHTTPSOptions(options);
		} catch (error) {
			if (error instanceof ExecCredentialError) throw new ApiError(401, 'CredentialPluginFailed', error.message);
			if (error instanceof CredentialError) throw new ApiError(401, 'CredentialUnavailable', error.message);
			throw error;
		}
		// kview's agent, not one whose TLS settings are fixed at its first request.
		options.agent = this.agent;
		return options;
	}

	private async open(
		method: string,
		pathAndQuery: string,
		headers: Record<string, string>,
		signal?: AbortSignal,
		body?: string,
	): Promise<http.IncomingMessage> {
		const options = await this.options(
			method,
			pathAndQuery,
			// Node sends a DELETE's body unframed unless told its length; the server would read it as the next request.
			body === undefined ? headers : {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers},
			signal,
		);
		const transport = this.server.protocol === 'https:' ? https : http;
		return new Promise((resolve, reject) => {
			const req = transport.request(options, (res) => {
				// Rejected: a cached exec credential is run for again next time, as client-go does.
				if (res.statusCode === 401) credentialRejected((options.headers as http.OutgoingHttpHeaders | undefined)?.['Authorization']);
				resolve(res);
			});
			req.on('error', (error: NodeJS.ErrnoException) => {
				if (error.name === 'AbortError') reject(error);
				else reject(new ApiError(0, 'NetworkError', networkMessage(error, this.url)));
			});
			req.end(body);
		});
	}

	/** GET a path and parse the JSON answer; non-2xx answers reject with the server's Status. */
	get<T>(pathAndQuery: string, signal?: AbortSignal, accept?: string): Promise<T> {
		return this.request<T>('GET', pathAndQuery, undefined, signal, accept);
	}

	/** Any verb, with an optional JSON body; resolves with the parsed answer. */
	request<T>(method: string, pathAndQuery: string, body?: unknown, signal?: AbortSignal, accept?: string): Promise<T> {
		return this.send<T>(method, pathAndQuery, body, accept ? {Accept: accept} : {}, signal);
	}

	/** PATCH as kubectl does: a JSON merge patch, a strategic merge patch (built-in kinds only) or a JSON patch. */
	patch<T>(pathAndQuery: string, body: unknown, type: 'merge' | 'strategic' | 'json'): Promise<T> {
		const contentType = {
			merge: 'application/merge-patch+json',
			strategic: 'application/strategic-merge-patch+json',
			json: 'application/json-patch+json',
		}[type];
		return this.send<T>('PATCH', pathAndQuery, body, {'Content-Type': contentType});
	}

	/**
	 * Opens a WebSocket to a streaming subresource (exec, attach, portforward) with the
	 * kubeconfig's TLS and credentials, offering the given channel protocols. The socket
	 * comes paused: attach the listeners, then resume() it.
	 */
	async websocket(pathAndQuery: string, protocols: readonly string[]): Promise<WebSocket> {
		const options = await this.options('GET', pathAndQuery, {});
		const scheme = this.server.protocol === 'https:' ? 'wss:' : 'ws:';
		const url = `${scheme}//${this.server.host}${options.path ?? pathAndQuery}`;
		const socket = new WebSocket(url, [...protocols], {...(options as WebSocket.ClientOptions), handshakeTimeout: 10_000});
		return new Promise((resolve, reject) => {
			socket.once('open', () => {
				// Frames that came in the same read as the upgrade are emitted before an awaiting caller runs, and would be lost.
				socket.pause();
				resolve(socket);
			});
			socket.once('unexpected-response', (_req, res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => reject(statusError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), this.url)));
			});
			socket.once('error', (error: NodeJS.ErrnoException) => reject(new ApiError(0, 'NetworkError', networkMessage(error, this.url))));
		});
	}

	private async send<T>(
		method: string,
		pathAndQuery: string,
		body: unknown,
		headers: Record<string, string>,
		signal?: AbortSignal,
	): Promise<T> {
		const res = await this.open(method, pathAndQuery, headers, signal, body === undefined ? undefined : JSON.stringify(body));
		const chunks: Buffer[] = [];
		for await (const chunk of res) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const code = res.statusCode ?? 0;
		if (code < 200 || code > 299) throw statusError(code, text, this.url);
		try {
			return JSON.parse(text) as T;
		} catch {
			throw new ApiError(code, 'BadResponse', `${this.url} answered ${pathAndQuery} with something that is not JSON`);
		}
	}

	/**
	 * Opens a watch and calls `onEvent` for each JSON line (and `onOpen` once the
	 * server accepts); resolves when the server ends the stream, rejects on a
	 * non-2xx answer or a broken connection.
	 */
	async stream(
		pathAndQuery: string,
		onEvent: (event: unknown) => void,
		signal?: AbortSignal,
		onOpen?: () => void,
		accept?: string,
	): Promise<void> {
		const read = jsonChunkReader(onEvent, () => new ApiError(0, 'BadResponse', `${this.url} sent a watch line that is not JSON`));
		await this.rawStream(pathAndQuery, read, signal, onOpen, accept);
	}

	/**
	 * A stream of bytes (a watch, a pod's log): `onChunk` gets each as it comes and may throw to
	 * end it with that error. Resolves when the server ends the stream, rejects on a non-2xx
	 * answer or a broken connection.
	 */
	async rawStream(
		pathAndQuery: string,
		onChunk: (chunk: Buffer) => void,
		signal?: AbortSignal,
		onOpen?: () => void,
		accept?: string,
	): Promise<void> {
		const res = await this.open('GET', pathAndQuery, accept ? {Accept: accept} : {}, signal);
		const code = res.statusCode ?? 0;
		if (code < 200 || code > 299) {
			const chunks: Buffer[] = [];
			for await (const chunk of res) chunks.push(chunk as Buffer);
			throw statusError(code, Buffer.concat(chunks).toString('utf8'), this.url);
		}
		onOpen?.();
		await new Promise<void>((resolve, reject) => {
			pumpChunks(res, onChunk, reject, () => new ApiError(0, 'BadResponse', `${this.url} sent something unreadable`));
			res.on('end', resolve);
			res.on('error', (error: NodeJS.ErrnoException) =>
				error.name === 'AbortError' ? reject(error) : reject(new ApiError(0, 'NetworkError', networkMessage(error, this.url))),
			);
			// A stream that closes before its end was cut (server gone, proxy timeout), not finished.
			res.on('close', () => (res.complete ? resolve() : reject(new ApiError(0, 'NetworkError', `the stream from ${this.url} broke`))));
		});
	}
}
