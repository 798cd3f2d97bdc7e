import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {StringDecoder} from 'node:string_decoder';
import type {WebSocket} from 'ws';
import {badRequest, refuseUpgrade} from '../errors.js';
import type {KubeObject} from '../types.js';
import type {LogSink} from '../world/logs.js';
import {accept, CLOSE, ERROR, protocolVersion, receive, RESIZE, send, STDERR, STDIN, STDOUT} from './channels.js';
import {containerContext, type ClusterLookup} from './container.js';
import {servePortForward} from './portForward.js';
import {Shell} from './shell.js';

/** What exec, attach and port-forward need from the world. */
export type ExecWorld = {
	readonly cluster: ClusterLookup;
	readonly clock: () => number;
	/** True once the pod is deleted or replaced: its sessions end, as the kubelet kills them. */
	readonly isGone: (pod: KubeObject) => boolean;
	/** Streams what the container writes from now on (attach to a process that is not interactive). */
	readonly followOutput: (pod: KubeObject, container: string, sink: LogSink) => void;
};

/** An exec or attach request, from the query string. */
export type ExecRequest = {
	readonly pod: KubeObject;
	readonly container: string;
	readonly command: readonly string[];
	readonly tty: boolean;
	readonly stdin: boolean;
	readonly stdout: boolean;
	readonly stderr: boolean;
};

/** The JSON Status a v4+ client reads from the error channel when the process ends. */
function exitStatus(code: number, command: readonly string[]): object {
	if (code === 0) return {metadata: {}, status: 'Success'};
	return {
		metadata: {},
		status: 'Failure',
		message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
		reason: 'NonZeroExitCode',
		details: {causes: [{reason: 'ExitCode', message: String(code)}]},
	};
}

function wantsStdin(pod: KubeObject, container: string): boolean {
	const c = ((pod.spec as {containers?: {name?: string; stdin?: boolean}[]} | undefined)?.containers ?? []).find(
		(x) => x.name === container,
	);
	return c?.stdin === true;
}

/**
 * Serves exec and attach over the WebSocket channel protocols (v5 down to
 * channel.k8s.io): stdin on channel 0, stdout 1, stderr 2, the exit Status on
 * 3, terminal size on 4, and v5's close frame for the end of stdin.
 */
export function upgradeExec(
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	request: ExecRequest,
	kind: 'exec' | 'attach',
	world: ExecWorld,
): void {
	if (kind === 'exec' && !request.command.length)
		return refuseUpgrade(socket, badRequest('you must specify at least one command for the container'));
	if (!request.stdin && !request.stdout && !request.stderr)
		return refuseUpgrade(socket, badRequest('you must specify at least one of stdin, stdout, stderr'));
	accept('exec', req, socket, head, (ws, protocol) => {
		const version = protocolVersion(protocol);
		const interactive = kind === 'exec' || wantsStdin(request.pod, request.container);
		const shell = new Shell(
			containerContext(request.pod, request.container, world.cluster),
			{
				stdout: (text) => request.stdout && send(ws, STDOUT, text),
				stderr: (text) => request.stderr && send(ws, STDERR, text),
			},
			{tty: request.tty, clock: world.clock},
		);
		let finished = false;
		const finish = (code: number, command: readonly string[]) => {
			if (finished) return;
			finished = true;
			clearInterval(watchdog);
			if (version >= 4) send(ws, ERROR, JSON.stringify(exitStatus(code, command)));
			else if (code !== 0) send(ws, ERROR, `command terminated with non-zero exit code: exit code ${code}`);
			ws.close(1000);
		};
		const decoder = new StringDecoder('utf8');
		ws.on('message', (raw) => {
			const message = receive(raw);
			if (!message) return;
			if (message.id === STDIN) shell.write(decoder.write(message.data));
			// Resize came with v3; to older protocols channel 4 means nothing.
			else if (message.id === RESIZE && version >= 3) resize(shell, message.data);
			else if (message.id === CLOSE && version >= 5 && message.data[0] === STDIN) shell.end();
		});
		ws.on('close', () => {
			finished = true;
			clearInterval(watchdog);
			shell.kill();
		});
		const watchdog = setInterval(() => {
			if (!world.isGone(request.pod)) return;
			shell.kill();
			finish(137, request.command);
		}, 1000);
		watchdog.unref();
		if (!request.stdin) shell.end();

		if (interactive) {
			const argv = kind === 'exec' ? request.command : ['sh'];
			void shell.exec(argv).then((code) => finish(code, argv));
			return;
		}
		attachOutput(ws, request, world, () => finish(0, []));
	});
}

/** Attach to a process that reads no input: what it writes from now on, until it stops. */
function attachOutput(ws: WebSocket, request: ExecRequest, world: ExecWorld, done: () => void): void {
	try {
		world.followOutput(request.pod, request.container, {
			begin: () => undefined,
			write: (text) => request.stdout && send(ws, STDOUT, request.tty ? text.replace(/\n/g, '\r\n') : text),
			end: done,
			onClose: (stop) => ws.on('close', stop),
		});
	} catch (error) {
		send(ws, request.tty ? STDOUT : STDERR, `${error instanceof Error ? error.message : String(error)}\n`);
		done();
	}
}

function resize(shell: Shell, data: Buffer): void {
	try {
		const size = JSON.parse(data.toString('utf8')) as {Width?: number; Height?: number};
		shell.resize(size.Width ?? 0, size.Height ?? 0);
	} catch {
		// A malformed resize is ignored, as the kubelet logs and drops it.
	}
}

/** Serves port-forward over the WebSocket channel protocol into the pod's built-in web server. */
export function upgradePortForward(
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	pod: KubeObject,
	ports: readonly number[],
	world: ExecWorld,
): void {
	if (!ports.length) return refuseUpgrade(socket, badRequest('query parameter "port" is required'));
	accept('portforward', req, socket, head, (ws) => servePortForward(ws, pod, ports, () => world.isGone(pod)));
}
