import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type {Duplex} from 'node:stream';
import tls from 'node:tls';

/** A proxy that cannot be used or reached, as one line naming it (never its password). */
export class ProxyError extends Error {
	override readonly name = 'ProxyError';
}

const SCHEMES = new Set(['http:', 'https:', 'socks5:', 'socks5h:']);
const DEFAULT_PORTS: Record<string, number> = {'http:': 80, 'https:': 443, 'socks5:': 1080, 'socks5h:': 1080};
/** How long reaching the proxy and opening the tunnel may take (client-go dials with a 30 s timeout). */
const TUNNEL_TIMEOUT_MS = 30_000;

/** A proxy for messages: scheme, host and port, never the user name or password. */
export function proxyLabel(proxy: URL): string {
	return `${proxy.protocol}//${proxy.hostname}:${proxyPort(proxy)}`;
}

function proxyPort(proxy: URL): number {
	return Number(proxy.port) || (DEFAULT_PORTS[proxy.protocol] ?? 80);
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '');

/**
 * Parses a proxy URL as Go's ProxyFromEnvironment does (a value without a scheme,
 * `proxy.corp:3128`, means http://), accepting the schemes kubectl's transport can
 * dial. `what` names where it came from, for the message.
 */
export function parseProxyUrl(text: string, what: string): URL {
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		// Not absolute: tried again with http:// below.
	}
	if (!url || !url.host) {
		try {
			url = new URL(`http://${text}`);
		} catch {
			throw new ProxyError(`${what} is not a valid proxy URL`);
		}
	}
	if (!SCHEMES.has(url.protocol))
		throw new ProxyError(`${what} has the unsupported scheme "${url.protocol.slice(0, -1)}" (use http, https, socks5 or socks5h)`);
	if (!url.hostname) throw new ProxyError(`${what} names no proxy host`);
	return url;
}

/**
 * The proxy kubectl would use to reach `server`: the cluster's `proxy-url` when it has
 * one (then the environment does not count), else HTTPS_PROXY (HTTP_PROXY for an
 * http:// server) unless the host is loopback or NO_PROXY names it. Undefined means
 * a direct connection. Throws ProxyError on a proxy URL it cannot use.
 */
export function proxyFor(server: URL, proxyUrl: string | undefined, env: NodeJS.ProcessEnv): URL | undefined {
	if (proxyUrl) return parseProxyUrl(proxyUrl, `proxy-url "${redact(proxyUrl)}"`);
	const name = server.protocol === 'https:' ? 'HTTPS_PROXY' : server.protocol === 'http:' ? 'HTTP_PROXY' : undefined;
	if (!name) return undefined;
	const [variable, value] = firstSet(env, name, name.toLowerCase());
	if (!value) return undefined;
	const port = server.port || (server.protocol === 'https:' ? '443' : '80');
	if (!useProxy(bare(server.hostname).toLowerCase(), port, firstSet(env, 'NO_PROXY', 'no_proxy')[1] ?? '')) return undefined;
	return parseProxyUrl(value, variable);
}

function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): [string, string | undefined] {
	for (const name of names) if (env[name]) return [name, env[name]];
	return [names[0] ?? '', undefined];
}

/** A URL as text with any password replaced, for messages about a URL that may not parse. */
function redact(text: string): string {
	return text.replace(/\/\/[^/@]*@/, '//***@');
}

// ::1, and IPv4-mapped 127.0.0.0/8, as Go's IP.IsLoopback.
const LOOPBACK6 = new net.BlockList();
LOOPBACK6.addAddress('::1', 'ipv6');
LOOPBACK6.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

function isLoopback(host: string): boolean {
	if (host === 'localhost') return true;
	if (net.isIPv4(host)) return host.startsWith('127.');
	return net.isIPv6(host) && LOOPBACK6.check(host, 'ipv6');
}

/**
 * Whether a request to host:port goes through the environment's proxy, as Go's
 * httpproxy decides: never for localhost or a loopback address; not when NO_PROXY
 * is `*` or has a matching entry: an IP or CIDR, `example.com` (that domain and
 * its subdomains), `.example.com` or `*.example.com` (subdomains only), each
 * optionally with `:port`.
 */
export function useProxy(host: string, port: string, noProxy: string): boolean {
	host = bare(host).toLowerCase();
	if (isLoopback(host)) return false;
	const ip = net.isIP(host) !== 0;
	for (const raw of noProxy.split(',')) {
		const entry = raw.trim().toLowerCase();
		if (!entry) continue;
		if (entry === '*') return false;
		const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
		if (cidr) {
			const [, base = '', bits = ''] = cidr;
			const family = net.isIPv4(base) ? 'ipv4' : net.isIPv6(base) ? 'ipv6' : undefined;
			if (family && ip) {
				const list = new net.BlockList();
				try {
					list.addSubnet(base, Number(bits), family);
					if (list.check(host, net.isIPv4(host) ? 'ipv4' : 'ipv6')) return false;
				} catch {
					// A prefix too long for its family: an entry Go cannot parse either; it matches nothing.
				}
			}
			continue;
		}
		let entryHost = entry;
		let entryPort = '';
		const withPort = /^\[([^\]]+)\](?::(\d+))?$|^([^:]+):(\d+)$/.exec(entry);
		if (withPort) {
			entryHost = withPort[1] ?? withPort[3] ?? '';
			entryPort = withPort[2] ?? withPort[4] ?? '';
		}
		if (!entryHost) continue;
		const portMatches = entryPort === '' || entryPort === port;
		if (net.isIP(entryHost)) {
			if (ip && sameIp(entryHost, host) && portMatches) return false;
			continue;
		}
		if (entryHost.startsWith('*.')) entryHost = entryHost.slice(1);
		const matchesHost = !entryHost.startsWith('.');
		const suffix = matchesHost ? `.${entryHost}` : entryHost;
		if ((host.endsWith(suffix) || (matchesHost && host === suffix.slice(1))) && portMatches) return false;
	}
	return true;
}

function sameIp(a: string, b: string): boolean {
	if (net.isIP(a) !== net.isIP(b)) return false;
	const list = new net.BlockList();
	list.addAddress(a, net.isIPv4(a) ? 'ipv4' : 'ipv6');
	return list.check(b, net.isIPv4(b) ? 'ipv4' : 'ipv6');
}

/** What opening a tunnel needs besides the proxy and the target. */
export type TunnelOptions = {
	/** TLS settings for an https:// proxy (CA, verification); ignored for others. */
	readonly proxyTls?: tls.ConnectionOptions;
	/** How long reaching the proxy and opening the tunnel may take. */
	readonly timeoutMs?: number;
};

/**
 * Opens a byte stream to host:port through the proxy: HTTP CONNECT for http:// and
 * https:// proxies (the user and password of the URL as Basic Proxy-Authorization),
 * SOCKS5 for socks5:// and socks5h:// (the proxy resolves names in both, as Go's
 * dialer; no authentication, or the URL's user and password). Rejects with a
 * ProxyError naming the proxy.
 */
export function openTunnel(proxy: URL, host: string, port: number, options: TunnelOptions = {}): Promise<net.Socket> {
	const label = proxyLabel(proxy);
	const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
	const timeoutMs = options.timeoutMs ?? TUNNEL_TIMEOUT_MS;
	return new Promise((resolve, reject) => {
		const proxyHost = bare(proxy.hostname);
		const socket: net.Socket =
			proxy.protocol === 'https:'
				? tls.connect({
						...options.proxyTls,
						host: proxyHost,
						port: proxyPort(proxy),
						...(net.isIP(proxyHost) ? {} : {servername: proxyHost}),
					})
				: net.connect({host: proxyHost, port: proxyPort(proxy)});
		const reader = new HandshakeReader(socket);
		let done = false;
		const fail = (error: ProxyError) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			socket.destroy();
			reject(error);
		};
		const timer = setTimeout(() => fail(new ProxyError(`proxy ${label} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
		reader.onFailure = (error) => fail(connectFailure(error, label, target));
		socket.once(proxy.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
			socket.setKeepAlive(true, 30_000);
			const handshake = proxy.protocol.startsWith('socks')
				? socks5(socket, reader, proxy, host, port, label)
				: connect(socket, reader, proxy, target, label);
			handshake.then(
				() => {
					if (done) return;
					done = true;
					clearTimeout(timer);
					reader.release();
					resolve(socket);
				},
				(error: unknown) => fail(error instanceof ProxyError ? error : new ProxyError(`proxy ${label} failed: ${String(error)}`)),
			);
		});
	});
}

/** Why a proxy could not be reached, as one line. */
function connectFailure(error: NodeJS.ErrnoException | undefined, label: string, target: string): ProxyError {
	if (!error) return new ProxyError(`proxy ${label} closed the connection while opening a tunnel to ${target}`);
	const code = error.code ?? '';
	switch (code) {
		case 'ECONNREFUSED':
			return new ProxyError(`cannot reach proxy ${label}: connection refused`);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return new ProxyError(`cannot resolve the host of proxy ${label}`);
		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return new ProxyError(`cannot reach proxy ${label}: ${code}`);
		case 'ECONNRESET':
		case 'EPIPE':
			return new ProxyError(`proxy ${label} reset the connection while opening a tunnel to ${target}`);
		default:
			if (/CERT|SELF_SIGNED|UNABLE_TO|ALTNAME/.test(code))
				return new ProxyError(`the certificate of proxy ${label} is not trusted (${code})`);
			return new ProxyError(`cannot reach proxy ${label}: ${(error.message.split('\n')[0] ?? '') || code}`);
	}
}

/** Reads a handshake's replies off a socket, then hands the socket back untouched. */
class HandshakeReader {
	private buffer = Buffer.alloc(0);
	private wanted: {size: (buffer: Buffer) => number | undefined; resolve: (bytes: Buffer) => void} | undefined;
	/** Called once when the socket fails or closes before the handshake is over. */
	onFailure: (error: NodeJS.ErrnoException | undefined) => void = () => undefined;
	private readonly onData = (chunk: Buffer) => {
		this.buffer = Buffer.concat([this.buffer, chunk]);
		this.deliver();
	};
	private readonly onError = (error: NodeJS.ErrnoException) => this.onFailure(error);
	private readonly onClose = () => this.onFailure(undefined);

	constructor(private readonly socket: net.Socket) {
		socket.on('data', this.onData);
		socket.on('error', this.onError);
		socket.on('close', this.onClose);
	}

	/** Resolves with the next reply: `size` says how long it is once enough has arrived (undefined: not yet). */
	read(size: (buffer: Buffer) => number | undefined): Promise<Buffer> {
		return new Promise((resolve) => {
			this.wanted = {size, resolve};
			this.deliver();
		});
	}

	private deliver(): void {
		if (!this.wanted) return;
		const size = this.wanted.size(this.buffer);
		if (size === undefined) return;
		const {resolve} = this.wanted;
		this.wanted = undefined;
		const reply = this.buffer.subarray(0, size);
		this.buffer = this.buffer.subarray(size);
		resolve(reply);
	}

	/** Stops reading; anything past the last reply is the tunnel's and goes back to the socket. */
	release(): void {
		this.socket.off('data', this.onData);
		this.socket.off('error', this.onError);
		this.socket.off('close', this.onClose);
		this.socket.pause();
		if (this.buffer.length) this.socket.unshift(this.buffer);
		// Whoever takes the socket listens from now on; an error in between must not go unhandled.
		this.socket.on('error', () => undefined);
	}
}

/** The URL's user and password, decoded; undefined when it has none. */
function credentials(proxy: URL): {user: string; password: string} | undefined {
	if (!proxy.username && !proxy.password) return undefined;
	return {user: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password)};
}

const MAX_CONNECT_REPLY = 16 * 1024;

/** HTTP CONNECT, as Go's transport sends it; only 200 opens the tunnel. */
async function connect(socket: net.Socket, reader: HandshakeReader, proxy: URL, target: string, label: string): Promise<void> {
	const auth = credentials(proxy);
	const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`, 'User-Agent: kview'];
	if (auth) lines.push(`Proxy-Authorization: Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`);
	socket.write(`${lines.join('\r\n')}\r\n\r\n`);
	const reply = await reader.read((buffer) => {
		const end = buffer.indexOf('\r\n\r\n');
		if (end >= 0) return end + 4;
		if (buffer.length > MAX_CONNECT_REPLY) return buffer.length;
		return undefined;
	});
	const status = /^HTTP\/1\.[01] (\d{3})(?: ([^\r\n]*))?\r\n/.exec(reply.toString('latin1'));
	if (!status) throw new ProxyError(`proxy ${label} answered CONNECT with something that is not HTTP`);
	const code = Number(status[1]);
	if (code === 200) return;
	const text = `${code} ${(status[2] ?? '').trim() || (http.STATUS_CODES[code] ?? '')}`.trim();
	if (code === 407)
		throw new ProxyError(
			auth
				? `proxy ${label} rejected the user name and password in the proxy URL (${text})`
				: `proxy ${label} wants a user name and password (${text}): put them in the proxy URL`,
		);
	if (code >= 500) throw new ProxyError(`proxy ${label} could not connect to ${target} (${text})`);
	throw new ProxyError(`proxy ${label} refused the tunnel to ${target} (${text})`);
}

const SOCKS_REPLIES: Record<number, string> = {
	1: 'general failure',
	2: 'not allowed by its rules',
	3: 'network unreachable',
	4: 'host unreachable',
	5: 'connection refused',
	6: 'TTL expired',
	7: 'command not supported',
	8: 'address type not supported',
};

/** SOCKS5 (RFC 1928) CONNECT, with username/password authentication (RFC 1929) when the URL has them. */
async function socks5(socket: net.Socket, reader: HandshakeReader, proxy: URL, host: string, port: number, label: string): Promise<void> {
	const auth = credentials(proxy);
	socket.write(Buffer.from(auth ? [5, 2, 0, 2] : [5, 1, 0]));
	const [version, method] = await reader.read((b) => (b.length >= 2 ? 2 : undefined));
	if (version !== 5) throw new ProxyError(`proxy ${label} does not speak SOCKS5`);
	if (method === 2 && auth) {
		const user = Buffer.from(auth.user);
		const password = Buffer.from(auth.password);
		if (user.length > 255 || password.length > 255)
			throw new ProxyError(`the user name or password of proxy ${label} is too long for SOCKS5`);
		socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([password.length]), password]));
		const [, status] = await reader.read((b) => (b.length >= 2 ? 2 : undefined));
		if (status !== 0) throw new ProxyError(`proxy ${label} rejected the user name and password in the proxy URL`);
	} else if (method !== 0) {
		throw new ProxyError(
			auth || method !== 0xff
				? `proxy ${label} accepts none of the SOCKS5 authentication methods kview offers`
				: `proxy ${label} wants a user name and password: put them in the proxy URL`,
		);
	}
	let address: Buffer;
	if (net.isIPv4(host)) address = Buffer.from([1, ...host.split('.').map(Number)]);
	else if (net.isIPv6(host)) address = Buffer.concat([Buffer.from([4]), ipv6Bytes(host)]);
	else {
		const name = Buffer.from(host);
		if (name.length > 255) throw new ProxyError(`the host name ${host} is too long for SOCKS5`);
		address = Buffer.concat([Buffer.from([3, name.length]), name]);
	}
	socket.write(Buffer.concat([Buffer.from([5, 1, 0]), address, Buffer.from([port >> 8, port & 0xff])]));
	const reply = await reader.read((b) => {
		if (b.length < 5) return undefined;
		const size = b[3] === 1 ? 10 : b[3] === 4 ? 22 : b[3] === 3 ? 7 + (b[4] ?? 0) : 4;
		return b.length >= size ? size : undefined;
	});
	const code = reply[1] ?? 1;
	if (reply[0] !== 5) throw new ProxyError(`proxy ${label} does not speak SOCKS5`);
	if (code !== 0)
		throw new ProxyError(`proxy ${label} could not connect to ${host}:${port} (${SOCKS_REPLIES[code] ?? `SOCKS error ${code}`})`);
}

function ipv6Bytes(address: string): Buffer {
	const [head = '', tail = ''] = address.split('::');
	const groups = (part: string) => (part ? part.split(':') : []);
	const expand = (parts: string[]) =>
		parts.flatMap((p) => {
			if (!net.isIPv4(p)) return [p];
			const [a = 0, b = 0, c = 0, d = 0] = p.split('.').map(Number);
			return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
		});
	const left = expand(groups(head));
	const right = expand(groups(tail));
	const all = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
	const bytes = Buffer.alloc(16);
	all.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16) || 0, i * 2));
	return bytes;
}

/**
 * TLS settings for an https:// proxy: the system's roots plus the cluster's CA (Go
 * would trust only the cluster's CA when one is set), and insecure-skip-tls-verify
 * applies to it as in Go's transport. No client certificate goes to the proxy.
 */
function proxyTlsFor(options: tls.ConnectionOptions): tls.ConnectionOptions {
	const extra = options.ca === undefined ? [] : Array.isArray(options.ca) ? options.ca : [options.ca];
	return {
		...(extra.length ? {ca: [...tls.getCACertificates('default'), ...extra]} : {}),
		...(options.rejectUnauthorized === false ? {rejectUnauthorized: false} : {}),
	};
}

/** The callback an Agent gives createConnection: a stream, or the reason there is none. */
type OnConnection = (err: Error | null, stream: Duplex) => void;

/** The target of a request, from the options an Agent hands createConnection. */
function targetOf(options: http.ClientRequestArgs, secure: boolean): {host: string; port: number} {
	return {host: bare(options.host ?? options.hostname ?? 'localhost'), port: Number(options.port) || (secure ? 443 : 80)};
}

/**
 * An Agent's createConnection through the proxy: opens the tunnel, then hands
 * `wrap(tunnel)` (TLS to the server, or the tunnel itself) or the failure to the
 * Agent's callback.
 */
function connectThrough(
	proxy: URL,
	settings: ProxyAgentOptions,
	options: http.ClientRequestArgs,
	secure: boolean,
	callback: OnConnection | undefined,
	wrap: (tunnel: net.Socket) => Duplex | null | undefined,
): undefined {
	const {host, port} = targetOf(options, secure);
	openTunnel(proxy, host, port, {proxyTls: proxyTlsFor(options as tls.ConnectionOptions), ...settings}).then(
		(tunnel) => {
			let stream: Duplex | null | undefined;
			try {
				stream = wrap(tunnel);
			} catch (error) {
				tunnel.destroy();
				callback?.(error as Error, tunnel);
				return;
			}
			if (stream) callback?.(null, stream);
		},
		(error: unknown) => callback?.(error as Error, undefined as unknown as Duplex),
	);
	return undefined;
}

/** Options for the agents that tunnel through a proxy. */
export type ProxyAgentOptions = {
	/** How long reaching the proxy and opening a tunnel may take; 30 s by default. */
	readonly timeoutMs?: number;
};

/**
 * An https.Agent whose connections go through a proxy tunnel: TLS to the API server
 * runs inside it (SNI and certificate checks for the server, as a direct connection),
 * so plain requests, watches and WebSocket upgrades all work through it.
 */
export class HttpsProxyAgent extends https.Agent {
	constructor(
		/** The proxy, credentials included. */
		readonly proxy: URL,
		private readonly settings: ProxyAgentOptions = {},
	) {
		super();
	}

	override createConnection(options: https.RequestOptions, callback?: OnConnection): undefined {
		// https.Agent's own createConnection: tls.connect over the tunnel, with its TLS session cache.
		return connectThrough(this.proxy, this.settings, options, true, callback, (socket) =>
			super.createConnection({...options, socket} as https.RequestOptions),
		);
	}
}

/** An http.Agent for an http:// API server (insecure-skip-tls-verify) reached through a proxy tunnel. */
export class HttpProxyAgent extends http.Agent {
	constructor(
		/** The proxy, credentials included. */
		readonly proxy: URL,
		private readonly settings: ProxyAgentOptions = {},
	) {
		super();
	}

	override createConnection(options: http.ClientRequestArgs, callback?: OnConnection): undefined {
		return connectThrough(this.proxy, this.settings, options, false, callback, (socket) => socket);
	}
}

/** The agent for requests to `server` through `proxy`. */
export function proxyAgent(server: URL, proxy: URL, options: ProxyAgentOptions = {}): http.Agent {
	return server.protocol === 'https:' ? new HttpsProxyAgent(proxy, options) : new HttpProxyAgent(proxy, options);
}
