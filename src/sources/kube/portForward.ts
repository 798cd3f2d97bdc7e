import net from 'node:net';
import type WebSocket from 'ws';
import type {Change, FeedSink, ResourceObject} from '../types.js';
import type {KubeClient} from './client.js';

/** One local port forwarded to a pod's port; shown as a row of the `portforwards` view. */
type Forward = {
	readonly key: string;
	readonly namespace: string;
	readonly pod: string;
	/** What the user asked to forward, e.g. `service/web`; the pod is the one it resolved to. */
	readonly target: string;
	readonly localPort: number;
	readonly remotePort: number;
	readonly started: string;
	connections: number;
	/** The last failure of a connection, shown until the next one succeeds. */
	error: string | undefined;
	readonly server: net.Server;
	readonly sockets: Set<net.Socket>;
};

/** Bytes of the port header that opens each channel of a v4 port-forward stream. */
const PORT_HEADER = 2;

/**
 * The port-forwards one context runs: each listens on 127.0.0.1 and opens a
 * WebSocket (v4.channel.k8s.io, as client-go's websocket dialer) per accepted
 * connection. The registry is a feed of its own so `:pf` is an ordinary table.
 */
export class ForwardRegistry {
	private readonly forwards = new Map<string, Forward>();
	private readonly sinks = new Set<FeedSink>();

	constructor(private readonly client: KubeClient) {}

	/** Follows the running forwards: a reset, then a change per start, stop and connection. */
	watch(sink: FeedSink): () => void {
		this.sinks.add(sink);
		sink.state({phase: 'live'});
		sink.changes([{type: 'reset', objects: [...this.forwards.values()].map((f) => [f.key, row(f)] as const)}]);
		return () => {
			this.sinks.delete(sink);
		};
	}

	/** Listens on the local port (0 picks one) and resolves once it is bound; a taken port rejects with a one-line reason. */
	async start(namespace: string, pod: string, target: string, localPort: number, remotePort: number): Promise<string> {
		const server = net.createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', (error: NodeJS.ErrnoException) =>
				reject(
					new Error(
						error.code === 'EADDRINUSE'
							? `local port ${localPort} is in use; pick another`
							: error.code === 'EACCES'
								? `local port ${localPort} needs privileges; pick one above 1023`
								: error.message,
					),
				),
			);
			server.listen(localPort, '127.0.0.1', resolve);
		});
		const bound = (server.address() as net.AddressInfo).port;
		const forward: Forward = {
			key: `${namespace}/${pod}:${bound}`,
			namespace,
			pod,
			target,
			localPort: bound,
			remotePort,
			started: new Date().toISOString(),
			connections: 0,
			error: undefined,
			server,
			sockets: new Set(),
		};
		server.on('connection', (socket) => this.connect(forward, socket));
		this.forwards.set(forward.key, forward);
		this.emit({type: 'add', key: forward.key, object: row(forward)});
		return `forwarding 127.0.0.1:${bound} -> ${target === `pod/${pod}` ? '' : `${target} `}pod ${namespace}/${pod}:${remotePort}`;
	}

	/** Stops one forward and its open connections. */
	stop(key: string): string {
		const forward = this.forwards.get(key);
		if (!forward) throw new Error(`no port-forward ${key}`);
		forward.server.close();
		for (const socket of forward.sockets) socket.destroy();
		this.forwards.delete(key);
		this.emit({type: 'delete', key});
		return `stopped port-forward 127.0.0.1:${forward.localPort} -> ${forward.namespace}/${forward.pod}:${forward.remotePort}`;
	}

	/** Stops every forward (the app is quitting). */
	stopAll(): void {
		for (const key of [...this.forwards.keys()]) this.stop(key);
	}

	private emit(change: Change): void {
		for (const sink of this.sinks) sink.changes([change]);
	}

	private update(forward: Forward): void {
		if (this.forwards.has(forward.key)) this.emit({type: 'update', key: forward.key, object: row(forward)});
	}

	private connect(forward: Forward, socket: net.Socket): void {
		forward.sockets.add(socket);
		forward.connections++;
		this.update(forward);
		socket.pause();
		const path = `/api/v1/namespaces/${encodeURIComponent(forward.namespace)}/pods/${encodeURIComponent(forward.pod)}/portforward?ports=${forward.remotePort}`;
		let ws: WebSocket | undefined;
		const done = () => {
			forward.sockets.delete(socket);
			forward.connections--;
			this.update(forward);
			ws?.close();
			socket.destroy();
		};
		socket.once('close', done);
		socket.on('error', () => socket.destroy());
		this.client.websocket(path, ['v4.channel.k8s.io']).then(
			(opened) => {
				ws = opened;
				if (socket.destroyed) {
					// Resumed so the server's answer to the close is read.
					opened.resume();
					return opened.close();
				}
				// Each channel's first frame names the port; what follows is data (channel 0) or an error text (channel 1).
				const seen = new Set<number>();
				opened.on('message', (raw: Buffer) => {
					const channel = raw[0];
					if (channel === undefined) return;
					const body = raw.subarray(1);
					if (!seen.has(channel)) {
						seen.add(channel);
						if (body.length <= PORT_HEADER) return;
					}
					if (channel === 0) socket.write(body);
					else if (channel === 1 && body.length > 0) {
						forward.error = body.toString('utf8').split('\n')[0];
						this.update(forward);
						socket.destroy();
					}
				});
				opened.on('close', () => socket.end());
				opened.on('error', () => socket.destroy());
				socket.on('data', (chunk: Buffer) => opened.send(Buffer.concat([Buffer.from([0]), chunk])));
				socket.on('end', () => opened.close());
				opened.resume();
				socket.resume();
				if (forward.error) {
					forward.error = undefined;
					this.update(forward);
				}
			},
			(error: unknown) => {
				forward.error = error instanceof Error ? error.message : String(error);
				socket.destroy();
			},
		);
	}
}

/** The row a forward shows as: a Kubernetes-like object so the view reads it by field path. */
function row(f: Forward): ResourceObject {
	return {
		metadata: {name: f.pod, namespace: f.namespace, creationTimestamp: f.started},
		spec: {target: f.target, localPort: f.localPort, remotePort: f.remotePort, address: `127.0.0.1:${f.localPort}`},
		status: {connections: f.connections, ...(f.error ? {error: f.error} : {})},
	};
}
