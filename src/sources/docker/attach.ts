import {sleep} from '../sleep.js';
import type {ExecSession, ExecSink} from '../types.js';
import type {DockerClient} from './client.js';
import {refusal} from './exec.js';
import {frameDemuxer} from './logs.js';
import {TerminalLink} from './terminalLink.js';

const esc = encodeURIComponent;

/** What attach needs of a container's inspect. */
type ContainerInfo = {
	readonly Config?: {readonly Tty?: boolean};
	readonly State?: {readonly Running?: boolean; readonly Paused?: boolean; readonly Restarting?: boolean; readonly ExitCode?: number};
};

/** Why a container cannot be attached to now, or undefined when it can. */
function notAttachable(info: ContainerInfo, name: string): string | undefined {
	if (info.State?.Paused) return `container ${name} is paused: unpause it first`;
	if (info.State?.Restarting) return `container ${name} is restarting: try again once it runs`;
	if (!info.State?.Running) return `container ${name} is not running: start it first`;
	return undefined;
}

/**
 * Output without a TTY as a terminal shows it: a line feed also returns the carriage, as a
 * pty's onlcr would have done. A CR already before it (at the end of the last chunk too) is kept single.
 */
export function carriageReturns(): (bytes: Buffer) => Buffer {
	let last = -1;
	return (bytes) => {
		const before = last;
		let bare = 0;
		for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a && (i === 0 ? before : bytes[i - 1]) !== 0x0d) bare++;
		last = bytes.at(-1) ?? last;
		if (bare === 0) return bytes;
		const out = Buffer.alloc(bytes.length + bare);
		let at = 0;
		for (let i = 0; i < bytes.length; i++) {
			const byte = bytes[i] ?? 0;
			if (byte === 0x0a && (i === 0 ? before : bytes[i - 1]) !== 0x0d) out[at++] = 0x0d;
			out[at++] = byte;
		}
		return out;
	};
}

/**
 * Attaches to a running container's main process, as `docker attach` does: its TTY when it
 * has one (sized to the pane), else its stdout and stderr, multiplexed, onto one screen. Stopping
 * detaches; the process runs on. When the stream ends the container's exit code is read.
 */
export function dockerAttach(client: DockerClient, key: string, cols: number, rows: number, sink: ExecSink, name: string): ExecSession {
	const link = new TerminalLink(sink, cols, rows);
	const container = `/containers/${esc(key)}`;
	void (async () => {
		const info = await client.get<ContainerInfo>(`${container}/json`, link.signal);
		const refused = notAttachable(info, name);
		if (refused !== undefined) return link.state({phase: 'failed', reason: refused});
		const tty = info.Config?.Tty === true;
		const socket = await client.hijack(`${container}/attach?stream=1&stdin=1&stdout=1&stderr=1`, undefined, link.signal);
		const toScreen = carriageReturns();
		const ended = link.connect(
			socket,
			tty ? (chunk) => link.output(chunk) : frameDemuxer((_stream, payload) => link.output(toScreen(payload))),
		);
		// Stopped since the look above: after the attach took hold, its stream ends at once; before,
		// the attach waits for the container's next start, and must not hang the pane.
		if (!(await client.get<ContainerInfo>(`${container}/json`, link.signal)).State?.Running) {
			const timeout = new AbortController();
			const over = await Promise.race([ended, sleep(1000, timeout.signal).then(() => undefined)]);
			timeout.abort();
			if (over === undefined) {
				return link.fail(`container ${name} is not running: start it first`);
			}
		}
		link.state({phase: 'running', command: 'attach'});
		if (tty) link.resizeWith((c, r) => client.request('POST', `${container}/resize?h=${r}&w=${c}`));
		const how = await ended;
		if (link.stopped) return;
		const after = await client.get<ContainerInfo>(`${container}/json`, link.signal);
		if (!after.State?.Running) link.state({phase: 'exited', code: after.State?.ExitCode});
		else if (how === 'broke') link.state({phase: 'failed', reason: `the connection to ${client.label} broke: attach again`});
		else link.state({phase: 'exited', code: undefined, reason: 'detached; the container runs on'});
	})().catch((error: unknown) => link.fail(refusal(error, name)));
	return link.session;
}
