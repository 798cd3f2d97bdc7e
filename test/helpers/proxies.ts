import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** A proxy a test runs on 127.0.0.1: its URL and the targets it was asked for. */
export type TestProxy = {
	/** scheme://127.0.0.1:port, without credentials. */
	readonly url: string;
	readonly port: number;
	/** Every target asked for (host:port), in order, whether opened or refused. */
	readonly targets: string[];
	readonly close: () => Promise<void>;
};

/** How a test proxy behaves. */
export type ProxyBehaviour = {
	/** Credentials it demands (407 / SOCKS5 method 2); none by default. */
	readonly auth?: {readonly user: string; readonly password: string};
	/** Host names it resolves itself (e.g. api.kview.test -> 127.0.0.1), as a proxy with its own DNS would. */
	readonly hosts?: Readonly<Record<string, string>>;
	/** Answer every CONNECT with this status instead of opening the tunnel (e.g. 403). */
	readonly refuse?: number;
	/** Serve the proxy over TLS (an https:// proxy) with this certificate. */
	readonly tls?: {readonly cert: string; readonly key: string};
};

function tracked(server: net.Server): Set<net.Socket> {
	const sockets = new Set<net.Socket>();
	server.on('connection', (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return sockets;
}

async function listen(server: net.Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as net.AddressInfo).port;
}

function closer(server: net.Server, sockets: Set<net.Socket>, upstreams: Set<net.Socket>): () => Promise<void> {
	return async () => {
		for (const s of [...sockets, ...upstreams]) s.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
}

/** Splices two sockets together until either ends. */
function splice(a: net.Socket, b: net.Socket): void {
	a.on('error', () => b.destroy());
	b.on('error', () => a.destroy());
	a.on('close', () => b.destroy());
	b.on('close', () => a.destroy());
	a.pipe(b).pipe(a);
}

/** An HTTP CONNECT proxy (http:// or, with `tls`, https://), as squid or tinyproxy answer. */
export async function connectProxy(behaviour: ProxyBehaviour = {}): Promise<TestProxy> {
	const targets: string[] = [];
	const upstreams = new Set<net.Socket>();
	const server = behaviour.tls ? https.createServer({cert: behaviour.tls.cert, key: behaviour.tls.key}) : http.createServer();
	server.on('request', (_req, res: http.ServerResponse) => {
		res.writeHead(405).end();
	});
	server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
		const target = req.url ?? '';
		targets.push(target);
		client.on('error', () => undefined);
		const answer = (status: number, extra = '') =>
			client.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n${extra}Content-Length: 0\r\n\r\n`);
		if (behaviour.auth) {
			const expected = `Basic ${Buffer.from(`${behaviour.auth.user}:${behaviour.auth.password}`).toString('base64')}`;
			if (req.headers['proxy-authorization'] !== expected) return answer(407, 'Proxy-Authenticate: Basic realm="test"\r\n');
		}
		if (behaviour.refuse) return answer(behaviour.refuse);
		const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
		if (!match) return answer(400);
		const host = behaviour.hosts?.[match[1] ?? ''] ?? match[1] ?? '';
		const upstream = net.connect(Number(match[2]), host);
		upstreams.add(upstream);
		upstream.on('close', () => upstreams.delete(upstream));
		upstream.once('error', () => answer(502));
		upstream.once('connect', () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) upstream.write(head);
			splice(client, upstream);
		});
	});
	const sockets = tracked(server);
	// TLS connections are tracked on the secure socket too.
	server.on('secureConnection', (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const port = await listen(server);
	return {url: `${behaviour.tls ? 'https' : 'http'}://127.0.0.1:${port}`, port, targets, close: closer(server, sockets, upstreams)};
}

/** A SOCKS5 proxy (RFC 1928, with RFC 1929 user/password when `auth` is set); the target is resolved by the proxy. */
export async function socksProxy(behaviour: ProxyBehaviour = {}): Promise<TestProxy> {
	const targets: string[] = [];
	const upstreams = new Set<net.Socket>();
	const server = net.createServer((client) => {
		client.on('error', () => undefined);
		let buffer = Buffer.alloc(0);
		let stage: 'greeting' | 'auth' | 'request' | 'open' = 'greeting';
		const onData = (chunk: Buffer) => {
			buffer = Buffer.concat([buffer, chunk]);
			for (;;) {
				if (stage === 'greeting') {
					if (buffer.length < 2 || buffer.length < 2 + (buffer[1] ?? 0)) return;
					const methods = [...buffer.subarray(2, 2 + (buffer[1] ?? 0))];
					buffer = buffer.subarray(2 + (buffer[1] ?? 0));
					const method = behaviour.auth ? 2 : 0;
					if (!methods.includes(method)) return void client.end(Buffer.from([5, 0xff]));
					client.write(Buffer.from([5, method]));
					stage = behaviour.auth ? 'auth' : 'request';
				} else if (stage === 'auth') {
					const ulen = buffer[1] ?? 0;
					if (buffer.length < 3 + ulen || buffer.length < 3 + ulen + (buffer[2 + ulen] ?? 0)) return;
					const plen = buffer[2 + ulen] ?? 0;
					const user = buffer.subarray(2, 2 + ulen).toString();
					const password = buffer.subarray(3 + ulen, 3 + ulen + plen).toString();
					buffer = buffer.subarray(3 + ulen + plen);
					if (user !== behaviour.auth?.user || password !== behaviour.auth.password) return void client.end(Buffer.from([1, 1]));
					client.write(Buffer.from([1, 0]));
					stage = 'request';
				} else if (stage === 'request') {
					if (buffer.length < 5) return;
					const type = buffer[3];
					const size = type === 1 ? 10 : type === 4 ? 22 : 7 + (buffer[4] ?? 0);
					if (buffer.length < size) return;
					const address =
						type === 1
							? [...buffer.subarray(4, 8)].join('.')
							: type === 4
								? (buffer.subarray(4, 20).toString('hex').match(/.{4}/g) ?? []).join(':')
								: buffer.subarray(5, 5 + (buffer[4] ?? 0)).toString();
					const port = buffer.readUInt16BE(size - 2);
					const rest = buffer.subarray(size);
					targets.push(`${type === 4 ? `[${address}]` : address}:${port}`);
					stage = 'open';
					client.off('data', onData);
					client.pause();
					const reply = (code: number) => Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
					if (behaviour.refuse) return void client.end(reply(behaviour.refuse));
					const upstream = net.connect(port, behaviour.hosts?.[address] ?? address);
					upstreams.add(upstream);
					upstream.on('close', () => upstreams.delete(upstream));
					upstream.once('error', () => client.end(reply(5)));
					upstream.once('connect', () => {
						client.write(reply(0));
						if (rest.length) upstream.write(rest);
						splice(client, upstream);
						client.resume();
					});
					return;
				} else return;
			}
		};
		client.on('data', onData);
	});
	const sockets = tracked(server);
	const port = await listen(server);
	return {url: `socks5://127.0.0.1:${port}`, port, targets, close: closer(server, sockets, upstreams)};
}

/** A TCP server that accepts connections and never says a word (a proxy that hangs). */
export async function silentServer(): Promise<TestProxy> {
	const server = net.createServer(() => undefined);
	const sockets = tracked(server);
	const port = await listen(server);
	return {url: `http://127.0.0.1:${port}`, port, targets: [], close: closer(server, sockets, new Set())};
}
