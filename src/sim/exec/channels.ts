import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type RawData, type WebSocket} from 'ws';
import {badRequest, refuseUpgrade} from '../errors.js';

/** Stream ids of the Kubernetes channel protocols (first byte of every binary message). */
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
/** v5: `[255, id]` closes stream `id` (the client's end of stdin). */
export const CLOSE = 255;

/** Versions of the remotecommand protocol, newest first: the server picks the first the client offers. */
const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'] as const;
const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io', 'channel.k8s.io'] as const;

export type ExecProtocol = (typeof EXEC_PROTOCOLS)[number];

/** The protocol version as a number: 1 for plain channel.k8s.io. */
export function protocolVersion(protocol: string): number {
	return Number(/^v(\d+)\./.exec(protocol)?.[1] ?? 1);
}

function server(supported: readonly string[]): WebSocketServer {
	return new WebSocketServer({
		noServer: true,
		perMessageDeflate: false,
		handleProtocols: (offered) => supported.find((p) => offered.has(p)) ?? false,
	});
}

const execServer = server(EXEC_PROTOCOLS);
const portForwardServer = server(PORT_FORWARD_PROTOCOLS);

/**
 * Completes the WebSocket handshake for exec/attach (or port-forward), or answers
 * 400 when the client offers none of the channel protocols, as the API server does.
 */
export function accept(
	kind: 'exec' | 'portforward',
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	onOpen: (ws: WebSocket, protocol: string) => void,
): void {
	const supported: readonly string[] = kind === 'exec' ? EXEC_PROTOCOLS : PORT_FORWARD_PROTOCOLS;
	const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
	if (!offered.some((p) => supported.includes(p))) {
		refuseUpgrade(
			socket,
			badRequest(`unable to upgrade: no supported protocol among ${offered.join(', ') || '(none)'}; use one of ${supported.join(', ')}`),
		);
		return;
	}
	(kind === 'exec' ? execServer : portForwardServer).handleUpgrade(req, socket, head, (ws) => onOpen(ws, ws.protocol));
}

/** Sends `data` on channel `id`. */
export function send(ws: WebSocket, id: number, data: string | Buffer): void {
	if (ws.readyState !== ws.OPEN) return;
	const body = typeof data === 'string' ? Buffer.from(data) : data;
	ws.send(Buffer.concat([Buffer.from([id]), body]), {binary: true});
}

/** Splits a received message into its channel and payload. */
export function receive(raw: RawData): {id: number; data: Buffer} | undefined {
	const message = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
	if (message.length === 0) return undefined;
	return {id: message[0] ?? 0, data: message.subarray(1)};
}
