import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {duplexPair, type Duplex} from 'node:stream';
import type {WebSocket} from 'ws';
import type {KubeObject} from '../types.js';
import {receive, send} from './channels.js';

type Target = {readonly pod: KubeObject; readonly port: number};

/** Which pod and port each in-process connection reaches, for the page it serves. */
const targets = new WeakMap<object, Target>();

function page(req: IncomingMessage, res: ServerResponse): void {
	const target = targets.get(req.socket);
	const pod = target?.pod.metadata.name ?? 'unknown';
	const namespace = target?.pod.metadata.namespace ?? 'default';
	const url = new URL(req.url ?? '/', 'http://pod');
	if (url.pathname === '/healthz' || url.pathname === '/readyz') {
		res.writeHead(200, {'Content-Type': 'text/plain'}).end('ok\n');
		return;
	}
	if (url.pathname !== '/') {
		res.writeHead(404, {'Content-Type': 'text/plain'}).end(`404 page not found: ${url.pathname}\n`);
		return;
	}
	res
		.writeHead(200, {'Content-Type': 'text/plain', 'X-Served-By': pod})
		.end(`hello from ${namespace}/${pod} on port ${target?.port ?? 0}\n${req.method ?? 'GET'} ${req.url ?? '/'}\n`);
}

/** The small web server every simulated container runs on its declared ports; it never listens on a real socket. */
const httpd = createServer({keepAliveTimeout: 5000}, page);

/** Ports any container of the pod declares: containers share the pod's network namespace. */
export function podPorts(pod: KubeObject): number[] {
	const containers = (pod.spec as {containers?: {ports?: {containerPort?: number}[]}[]} | undefined)?.containers ?? [];
	return containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort ?? 0)).filter((p) => p > 0);
}

/**
 * Serves one port-forward WebSocket (v4.channel.k8s.io): for the i-th port,
 * channel 2i carries the data and 2i+1 errors, and each begins with the port
 * number (two bytes, little-endian). Data reaches the pod's web server when the
 * pod declares the port, else the error channel says the connection was refused.
 */
export function servePortForward(ws: WebSocket, pod: KubeObject, ports: readonly number[], isGone: () => boolean): void {
	const open = podPorts(pod);
	const connections = new Map<number, Duplex>();
	ports.forEach((port, i) => {
		const header = Buffer.from([port & 0xff, port >> 8]);
		send(ws, 2 * i, header);
		send(ws, 2 * i + 1, header);
		if (!open.includes(port)) {
			send(
				ws,
				2 * i + 1,
				`error forwarding port ${port} to pod ${pod.metadata.uid}, uid : failed to connect to localhost:${port} inside namespace of pod ${pod.metadata.name}: connect: connection refused`,
			);
			return;
		}
		const [client, server] = duplexPair();
		targets.set(server, {pod, port});
		httpd.emit('connection', server);
		client.on('data', (chunk: Buffer) => send(ws, 2 * i, chunk));
		client.on('end', () => ws.close(1000));
		client.on('error', () => ws.close(1011));
		connections.set(2 * i, client);
	});
	if (!connections.size) {
		ws.close(1000);
		return;
	}
	ws.on('message', (raw) => {
		const message = receive(raw);
		if (!message) return;
		connections.get(message.id)?.write(message.data);
	});
	const watchdog = setInterval(() => {
		if (isGone()) ws.close(1000);
	}, 1000);
	watchdog.unref();
	ws.on('close', () => {
		clearInterval(watchdog);
		for (const c of connections.values()) c.destroy();
	});
}
