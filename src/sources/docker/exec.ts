import {randomBytes} from 'node:crypto';
import {sleep} from '../sleep.js';
import type {ExecRequest, ExecSession, ExecSink} from '../types.js';
import {DockerError, type DockerClient} from './client.js';
import {TerminalLink} from './terminalLink.js';

const esc = encodeURIComponent;

/** What /exec/{id}/json tells: ExitCode stays null until the process ended, Pid 0 until it started. */
type ExecInfo = {readonly Running?: boolean; readonly ExitCode?: number | null; readonly Pid?: number};

/** The variable that tags an exec's processes, so that a stop can find them (hangUp). */
const TAG = 'KVIEW_EXEC_SESSION';

/** The shells tried, in order, when the request names no command. */
const SHELLS: readonly (readonly string[])[] = [['bash'], ['sh']];

/** A Docker API refusal as one line that says what to do; `name` is what the user calls the container. */
export function refusal(error: unknown, name: string): string {
	if (!(error instanceof Error)) return String(error);
	if (!(error instanceof DockerError) || error.status === 0) return error.message;
	const message = error.message;
	if (error.status === 404) return `container ${name} is gone (it was removed): pick another`;
	if (/is paused/i.test(message)) return `container ${name} is paused: unpause it first`;
	if (/is restarting/i.test(message)) return `container ${name} is restarting: try again once it runs`;
	if (/is not running/i.test(message)) return `container ${name} is not running: start it first`;
	return message;
}

/**
 * Why a process never started, from what Docker wrote on the stream instead of its output
 * (the runtime's error, e.g. `OCI runtime exec failed: ... exec: "vim": executable file not
 * found in $PATH: unknown`), as one line.
 */
function startFailure(text: string, command: string, name: string): string {
	const line = text.trim().split('\n').at(-1)?.trim() ?? '';
	if (/executable file not found|no such file or directory/i.test(line))
		return `${command} is not in container ${name}: run a command it has`;
	if (/permission denied/i.test(line)) return `${command} cannot be run in container ${name}: permission denied`;
	if (/is (paused|restarting|not running)/i.test(line)) return refusal(new DockerError(409, line), name);
	return line || `${command} did not start in container ${name}`;
}

/**
 * Runs a command (by default a shell: bash, else sh) in a running container on a TTY, as
 * `docker exec -it` does: create the exec, start it on a hijacked connection, size its
 * terminal, and when the stream ends read the exit code from /exec/{id}/json.
 */
export function dockerExec(client: DockerClient, request: ExecRequest, sink: ExecSink, name: string): ExecSession {
	const link = new TerminalLink(sink, request.cols, request.rows);
	const tag = randomBytes(8).toString('hex');
	void (async () => {
		const commands = request.command ? [request.command] : SHELLS;
		for (const [i, command] of commands.entries()) {
			const missing = await runOnce(client, link, request.key, command, tag, name);
			if (missing === undefined) return;
			if (i < commands.length - 1) continue;
			const reason = request.command
				? startFailure(missing, command.join(' '), name)
				: `container ${name} has no shell (neither bash nor sh): attach to it or read its logs instead`;
			link.state({phase: 'failed', reason});
		}
	})().catch((error: unknown) => link.fail(refusal(error, name)));
	return link.session;
}

/**
 * One exec. Docker answers the start with 101 even when the binary is missing: it then writes
 * the runtime's error on the stream and closes it, and the exec shows ExitCode 126 (127 on some
 * engines) with Pid 0. So the output is held until the process is seen running, and such a
 * start resolves to what Docker wrote, with nothing shown, for the caller to try another command.
 */
async function runOnce(
	client: DockerClient,
	link: TerminalLink,
	key: string,
	command: readonly string[],
	tag: string,
	name: string,
): Promise<string | undefined> {
	const shown = command.join(' ');
	// [rows, cols]: engines from API 1.42 (and podman) size the TTY at create; older ones wait for the resize.
	const size = [link.rows, link.cols];
	const {Id: id} = await client.request<{Id: string}>(
		'POST',
		`/containers/${esc(key)}/exec`,
		{
			AttachStdin: true,
			AttachStdout: true,
			AttachStderr: true,
			Tty: true,
			Cmd: command,
			Env: ['TERM=xterm-256color', `${TAG}=${tag}`],
			ConsoleSize: size,
		},
		link.signal,
	);
	if (link.stopped) return;
	link.hangUp = () => void hangUp(client, key, id, tag).catch(() => undefined);
	const socket = await client
		.hijack(`/exec/${esc(id)}/start`, {Detach: false, Tty: true, ConsoleSize: size}, link.signal)
		.catch((error: unknown) => {
			// Engines that refuse the start of a missing binary outright (podman) instead of upgrading first.
			if (error instanceof DockerError && /executable file\b.*\bnot found/i.test(error.message)) return error.message;
			throw error;
		});
	if (typeof socket === 'string') return socket;
	const held: Buffer[] = [];
	let running = false;
	const show = (alive: boolean) => {
		running = true;
		link.state({phase: 'running', command: shown});
		for (const chunk of held.splice(0)) link.output(chunk);
		if (alive) link.resizeWith((cols, rows) => client.request('POST', `/exec/${esc(id)}/resize?h=${rows}&w=${cols}`));
	};
	let over = false;
	const ended = link.connect(socket, (chunk) => (running ? link.output(chunk) : held.push(chunk)));
	void ended.then(() => (over = true));
	if (await started(client, id, () => over, link.signal)) show(true);
	const how = await ended;
	if (link.stopped) return;
	const info = await settled(client, id, link.signal);
	if (link.stopped) return;
	if (!running) {
		if (!info.Running && !info.Pid) {
			const text = Buffer.concat(held).toString('utf8');
			if (info.ExitCode === 126 || info.ExitCode === 127) return text;
			link.state({phase: 'failed', reason: startFailure(text, shown, name)});
			return;
		}
		// It ran and ended between two looks (a quick command): its output still counts.
		show(false);
	}
	if (info.Running)
		link.state(
			how === 'broke'
				? {phase: 'failed', reason: `the connection to ${client.label} broke; ${shown} still runs in the container`}
				: {phase: 'exited', code: undefined, reason: `detached; ${shown} still runs in the container`},
		);
	else link.state({phase: 'exited', code: info.ExitCode ?? undefined});
}

/** Whether the exec's process has started; false when it ended (or never started) first. */
async function started(client: DockerClient, id: string, over: () => boolean, signal: AbortSignal): Promise<boolean> {
	// Docker sets Pid only once the runtime started the process; engines that never do get two seconds.
	for (let look = 0; look < 40; look++) {
		if (over() || signal.aborted) return false;
		const info = await client.get<ExecInfo>(`/exec/${esc(id)}/json`, signal);
		if (info.ExitCode !== null && info.ExitCode !== undefined) return false;
		if (info.Running && (info.Pid ?? 0) > 0) return true;
		await sleep(50, signal);
	}
	return !over();
}

/** The exec once its stream ended; an engine may record the exit a moment after it closes the stream. */
async function settled(client: DockerClient, id: string, signal: AbortSignal): Promise<ExecInfo> {
	let info = await client.get<ExecInfo>(`/exec/${esc(id)}/json`, signal);
	for (let look = 0; look < 10 && info.Running && !signal.aborted; look++) {
		await sleep(100, signal);
		info = await client.get<ExecInfo>(`/exec/${esc(id)}/json`, signal);
	}
	return info;
}

/**
 * Docker has no call that ends an exec, and closing its stream does not either: the TTY stays
 * open in the runtime, so the process gets no hangup and runs on (moby#9098). A closed terminal's
 * SIGHUP is sent by hand instead, from a second exec, to every process carrying the session's tag.
 * Needs sh and cat in the image; without them the process is left as Docker leaves it.
 */
async function hangUp(client: DockerClient, key: string, id: string, tag: string): Promise<void> {
	const info = await client.get<ExecInfo>(`/exec/${esc(id)}/json`);
	if (!info.Running) return;
	// environ is NUL-separated; the shells drop the NULs in a substitution, and the tag is unique enough to match anyway.
	const script = `for f in /proc/[0-9]*/environ; do case "$(cat "$f" 2>/dev/null)" in *${TAG}=${tag}*) p=\${f#/proc/}; kill -HUP "\${p%/environ}";; esac; done`;
	const killer = await client.request<{Id: string}>('POST', `/containers/${esc(key)}/exec`, {Cmd: ['sh', '-c', script]});
	await client.request('POST', `/exec/${esc(killer.Id)}/start`, {Detach: true, Tty: false});
}
