import type WebSocket from 'ws';
import {defaultContainer} from '../../model/logTarget.js';
import type {ExecRequest, ExecSession, ExecSink, ExecState, ResourceObject} from '../types.js';
import {ApiError, type KubeClient} from './client.js';
import {EXEC_PROTOCOLS, ExecStream, exitCode, type StreamEnd} from './execStream.js';

/**
 * How long the first try of a shell (bash) keeps its output back: a runtime that has no
 * bash says so within milliseconds, and that line should not reach the pane before sh starts.
 */
export const SHELL_HOLD_MS = 300;

/** How much of an attempt's first output is kept to recognise a runtime's "not found". */
const HEAD_CHARS = 1024;

/**
 * What runtimes say when the command is not in the image: runc through containerd puts it in
 * the Status message, runc through dockershim or CRI-O (and the sim) writes it to stdout and exits 126.
 */
const NOT_FOUND = /executable file not found|no such file or directory/i;

type ContainerSpec = {name?: string; stdin?: boolean; tty?: boolean};
type ContainerStatus = {name?: string; state?: {running?: object; waiting?: {reason?: string}; terminated?: {reason?: string}}};
type PodLike = {
	spec?: {containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[]};
	status?: {
		phase?: string;
		containerStatuses?: ContainerStatus[];
		initContainerStatuses?: ContainerStatus[];
		ephemeralContainerStatuses?: ContainerStatus[];
	};
};

/** The container to run in, and what its process was started with (attach follows those). */
type Target = {readonly container: string; readonly stdin: boolean; readonly tty: boolean};

/** One try at running something: how it ended, what it printed first, and its held output, if any, to let through. */
type Attempt = {readonly end: StreamEnd; readonly head: string; readonly keep: () => void};

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0] ?? text;
}

/** Why a request for the pod or the stream failed, as one line that says what to do. */
function reasonFor(error: unknown, key: string): string {
	if (error instanceof ApiError && error.code === 404) return `pod ${key} no longer exists; pick a running pod`;
	if (error instanceof ApiError && error.code === 403) return `${firstLine(error)}; ask a cluster admin for access`;
	return firstLine(error);
}

/**
 * The container a request means and whether it can run anything now: kubectl's default
 * container when none is named, and a one-line problem when the pod or container is not running.
 */
function targetOf(object: ResourceObject, wanted: string | undefined, key: string): Target | {readonly problem: string} {
	const pod = object as PodLike;
	const specs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
	const names = specs.flatMap((c) => (c.name ? [c.name] : []));
	const fallback = defaultContainer(object);
	// kubectl, too, falls back to the first container when the annotation names none of them.
	const name = wanted ?? (fallback && names.includes(fallback) ? fallback : pod.spec?.containers?.[0]?.name);
	if (!name) return {problem: `pod ${key} has no containers`};
	const spec = specs.find((c) => c.name === name);
	if (!spec) return {problem: `pod ${key} has no container ${name}; choose one of: ${names.join(', ')}`};
	const phase = pod.status?.phase;
	if (phase === 'Succeeded' || phase === 'Failed') return {problem: `pod ${key} has finished (${phase}); pick a running pod`};
	const statuses = [
		...(pod.status?.containerStatuses ?? []),
		...(pod.status?.initContainerStatuses ?? []),
		...(pod.status?.ephemeralContainerStatuses ?? []),
	];
	const state = statuses.find((s) => s.name === name)?.state;
	if (!state?.running) {
		const why = state?.waiting?.reason ?? state?.terminated?.reason ?? phase ?? 'no status yet';
		return {problem: `container ${name} of pod ${key} is not running (${why}); wait for it to start`};
	}
	return {container: name, stdin: spec.stdin === true, tty: spec.tty === true};
}

/** True when an attempt ended because the runtime found no such executable, rather than the command failing. */
function notFound(attempt: Attempt): boolean {
	const {status} = attempt.end;
	if (!status) return false;
	const code = exitCode(status);
	// A command's own exit is no runtime error, whatever its command line says.
	if (code === undefined && NOT_FOUND.test(status.message ?? '')) return true;
	// Nothing but the runtime's one line: a shell that ran and printed this itself had a prompt first.
	const head = attempt.head.trim();
	return (code === 126 || code === 127) && !head.includes('\n') && NOT_FOUND.test(head);
}

/** A tty's output discipline for streams that have none, so the pane's terminal does not stair-step. */
function onlcr(bytes: Buffer): Buffer {
	// Byte for byte: a character split between two frames stays whole, and no UTF-8 sequence holds a \n.
	return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/**
 * Exec into (or attach to) a pod's container over the WebSocket channel protocol, as kubectl
 * does: the pod is read first (default container, a clear reason when it is not running), then
 * the stream runs on a tty of the request's size.
 */
export function startExec(client: KubeClient, request: ExecRequest, sink: ExecSink): ExecSession {
	const session = new KubeExec(client, request, sink);
	void session.run();
	return {
		write: (data) => session.write(typeof data === 'string' ? Buffer.from(data) : data),
		resize: (cols, rows) => session.resize(cols, rows),
		stop: () => session.stop(),
	};
}

class KubeExec {
	private stopped = false;
	private readonly controller = new AbortController();
	private size: {cols: number; rows: number};
	/** The stream keys go to once it runs; until then they wait in `queued` (a shell may still change from bash to sh). */
	private live: ExecStream | undefined;
	private current: ExecStream | undefined;
	private queued: Buffer[] = [];
	private tty = true;
	/** False for an attach to a process started without stdin: keys have nowhere to go. */
	private stdin = true;

	constructor(
		private readonly client: KubeClient,
		private readonly request: ExecRequest,
		private readonly sink: ExecSink,
	) {
		this.size = {cols: request.cols, rows: request.rows};
	}

	write(data: Buffer): void {
		if (this.stopped || !this.stdin) return;
		if (this.live) this.live.write(data);
		else this.queued.push(data);
	}

	resize(cols: number, rows: number): void {
		this.size = {cols, rows};
		if (this.tty) this.current?.resize(cols, rows);
	}

	stop(): void {
		if (this.stopped) return;
		this.stopped = true;
		this.controller.abort();
		this.current?.close();
	}

	private state(state: ExecState): void {
		if (!this.stopped) this.sink.state(state);
	}

	private output(bytes: Buffer): void {
		if (!this.stopped) this.sink.output(this.tty ? bytes : onlcr(bytes));
	}

	async run(): Promise<void> {
		const {request} = this;
		const slash = request.key.indexOf('/');
		if (request.kind !== 'pods' || slash < 0) {
			this.state({phase: 'failed', reason: `${request.kind} have no shell of their own; open one of their pods`});
			return;
		}
		const namespace = request.key.slice(0, slash);
		const name = request.key.slice(slash + 1);
		const podPath = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
		this.state({phase: 'connecting'});
		let target: ReturnType<typeof targetOf>;
		try {
			target = targetOf(await this.client.get<ResourceObject>(podPath, this.controller.signal), request.container, request.key);
		} catch (error) {
			this.state({phase: 'failed', reason: reasonFor(error, request.key)});
			return;
		}
		if (this.stopped) return;
		if ('problem' in target) {
			this.state({phase: 'failed', reason: target.problem});
			return;
		}
		if (request.attach) {
			// As kubectl attach: a process started without stdin takes none, and without a tty gets none.
			this.stdin = target.stdin;
			this.tty = target.stdin && target.tty;
			const query = new URLSearchParams({
				container: target.container,
				stdin: String(target.stdin),
				stdout: 'true',
				stderr: String(!this.tty),
				tty: String(this.tty),
			});
			const attempt = await this.attempt(`${podPath}/attach?${query.toString()}`, 'attach', false);
			if (attempt) this.finish(attempt);
			return;
		}
		const command = request.command?.length ? request.command : undefined;
		/*
		 * No command: bash, and sh when the runtime says the image has no bash, as k9s falls
		 * back. k9s runs `sh -c "command -v bash >/dev/null && exec bash || exec sh"` instead;
		 * that costs no second connection, but needs a POSIX sh with `command` and `exec`
		 * (the sim's toy shell has neither and runs no nested interactive shell) and names no
		 * shell for the pane. Two tries work on both, and the pane can say which shell runs.
		 */
		const tries = command ? [command] : [['bash'], ['sh']];
		for (const [i, argv] of tries.entries()) {
			const query = new URLSearchParams({container: target.container});
			for (const arg of argv) query.append('command', arg);
			// With a tty stderr is folded into stdout: kubectl asks for no stderr stream.
			query.set('stdin', 'true');
			query.set('stdout', 'true');
			query.set('tty', 'true');
			const probing = !command && i === 0;
			const attempt = await this.attempt(`${podPath}/exec?${query.toString()}`, argv.join(' '), probing);
			if (!attempt) return;
			if (notFound(attempt)) {
				if (probing) continue;
				attempt.keep();
				this.state({
					phase: 'failed',
					reason: command
						? `"${argv[0] ?? ''}" was not found in container ${target.container}; check the command, or give its full path`
						: `container ${target.container} has no shell (neither bash nor sh); run a command it has instead`,
				});
				return;
			}
			this.finish(attempt);
			return;
		}
	}

	/**
	 * Opens one stream and waits for its end; undefined when it could not open (the failure is
	 * reported) or the session was stopped. A `hold` keeps its output back for SHELL_HOLD_MS.
	 */
	private async attempt(path: string, label: string, hold: boolean): Promise<Attempt | undefined> {
		let socket: WebSocket;
		try {
			socket = await this.client.websocket(path, EXEC_PROTOCOLS);
		} catch (error) {
			this.state({phase: 'failed', reason: reasonFor(error, this.request.key)});
			return undefined;
		}
		let head = '';
		let held: Buffer[] | undefined = hold ? [] : undefined;
		const stream = new ExecStream(socket, (bytes) => {
			if (head.length < HEAD_CHARS) head += bytes.toString('utf8');
			if (held) held.push(bytes);
			else this.output(bytes);
		});
		this.current = stream;
		if (this.stopped) {
			stream.close();
			return undefined;
		}
		// kubectl sends the size at once: the shell's first prompt is drawn at the pane's width.
		if (this.tty) stream.resize(this.size.cols, this.size.rows);
		const keep = () => {
			for (const bytes of held ?? []) this.output(bytes);
			held = undefined;
		};
		const goLive = () => {
			keep();
			this.live = stream;
			// Typed before the pod was read, so before it was known whether the process takes input.
			if (this.stdin) for (const data of this.queued) stream.write(data);
			this.queued = [];
			this.state({phase: 'running', command: label});
		};
		const timer = hold ? setTimeout(goLive, SHELL_HOLD_MS) : undefined;
		if (!hold) goLive();
		const end = await stream.ended;
		clearTimeout(timer);
		this.current = undefined;
		this.live = undefined;
		return this.stopped ? undefined : {end, head, keep};
	}

	/** Says how a stream ended: its exit code, the server's reason, or that the connection closed. */
	private finish(attempt: Attempt): void {
		attempt.keep();
		const {status} = attempt.end;
		if (!status) {
			const error = 'error' in attempt.end ? attempt.end.error : undefined;
			this.state({phase: 'exited', code: undefined, reason: error ? `the connection broke (${error})` : 'the connection closed'});
			return;
		}
		const code = exitCode(status);
		if (code !== undefined) this.state({phase: 'exited', code});
		else this.state({phase: 'failed', reason: firstLine(status.message ?? status.reason ?? 'the command failed')});
	}
}
