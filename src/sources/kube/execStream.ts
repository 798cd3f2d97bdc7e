import type WebSocket from 'ws';

/** The remotecommand protocols kview offers, newest first as kubectl offers them (v5 can end stdin alone). */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

/** Channel ids: the first byte of every binary message. */
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
/** v5: `[255, id]` closes stream `id`. */
const CLOSE = 255;

/** How long a closing socket may wait for the server's answer before it is cut (a dead link never answers). */
const CLOSE_GRACE_MS = 2000;

/** The metav1.Status the error channel carries when the process ends. */
export type ExecStatus = {
	readonly status?: string;
	readonly reason?: string;
	readonly message?: string;
	readonly details?: {readonly causes?: readonly {readonly reason?: string; readonly message?: string}[]};
};

/** How a stream ended: with the Status the server sent, or closed without one (and why, when the socket said). */
export type StreamEnd = {readonly status: ExecStatus} | {readonly status: undefined; readonly error?: string};

/** The exit code a Status means: 0 for Success, N from a NonZeroExitCode's ExitCode cause, undefined for any other failure. */
export function exitCode(status: ExecStatus): number | undefined {
	if (status.status === 'Success') return 0;
	if (status.reason !== 'NonZeroExitCode') return undefined;
	const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
	const code = Number(cause?.message);
	return cause?.message !== undefined && Number.isInteger(code) ? code : undefined;
}

function parseStatus(text: string): ExecStatus | undefined {
	try {
		const parsed = JSON.parse(text) as ExecStatus | null;
		return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/**
 * One exec or attach WebSocket (v4 or v5 channel protocol): stdout and stderr go to
 * `output` as they come; `ended` settles with the error channel's Status, or when the
 * socket closes without one.
 */
export class ExecStream {
	readonly ended: Promise<StreamEnd>;
	private readonly closesStdin: boolean;

	constructor(
		private readonly socket: WebSocket,
		output: (bytes: Buffer) => void,
	) {
		this.closesStdin = socket.protocol === 'v5.channel.k8s.io';
		this.ended = new Promise((resolve) => {
			const errorChannel: Buffer[] = [];
			let failure: string | undefined;
			socket.on('message', (raw: Buffer) => {
				const channel = raw[0];
				const body = raw.subarray(1);
				if ((channel === STDOUT || channel === STDERR) && body.length > 0) output(body);
				else if (channel === ERROR) {
					errorChannel.push(body);
					// The Status is the server's last word: once it is whole the process is over, whether or not the close follows.
					const status = parseStatus(Buffer.concat(errorChannel).toString('utf8'));
					if (status) {
						resolve({status});
						this.close();
					}
				}
			});
			socket.on('error', (error: Error) => (failure = error.message.split('\n')[0]));
			socket.on('close', () => {
				const text = Buffer.concat(errorChannel).toString('utf8').trim();
				// Text that is not a Status is still the server's reason (older kubelets write plain text).
				if (text) resolve({status: parseStatus(text) ?? {status: 'Failure', message: text}});
				else resolve({status: undefined, ...(failure ? {error: failure} : {})});
			});
		});
		socket.resume();
	}

	/** Bytes for the process's stdin. */
	write(data: Buffer): void {
		this.send(STDIN, data);
	}

	/** The terminal's size, as the kubelet reads it into the tty. */
	resize(cols: number, rows: number): void {
		this.send(RESIZE, Buffer.from(JSON.stringify({Width: cols, Height: rows})));
	}

	/**
	 * Ends the stream. On v5 stdin is closed first: a process without a tty only ends when
	 * its input does, and a dropped connection alone can leave it running in the container.
	 */
	close(): void {
		if (this.socket.readyState === this.socket.OPEN && this.closesStdin) this.socket.send(Buffer.from([CLOSE, STDIN]));
		if (this.socket.readyState === this.socket.CLOSED) return;
		this.socket.close(1000);
		setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
	}

	private send(channel: number, body: Buffer): void {
		if (this.socket.readyState !== this.socket.OPEN) return;
		this.socket.send(Buffer.concat([Buffer.from([channel]), body]));
	}
}
