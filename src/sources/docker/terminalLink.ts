import type {Duplex} from 'node:stream';
import type {ExecSession, ExecSink, ExecState} from '../types.js';

/** How a hijacked stream ended: closed by the engine, or broken under it. */
export type StreamEnd = 'ended' | 'broke';

/**
 * The engine's end of an exec or attach pane, as exec.ts and attach.ts share it: keys go
 * to the stream the engine gave, sizes to whatever resizes the terminal there, and the sink
 * hears output and states until the session ends or the pane stops it, never after.
 */
export class TerminalLink {
	private socket: Duplex | undefined;
	private finished = false;
	private readonly controller = new AbortController();
	/** Sends a size to the engine, once there is a running terminal to resize. */
	private resizer: ((cols: number, rows: number) => Promise<void>) | undefined;
	/** The terminal's size now: a resize made while connecting is what the first resize sends. */
	private size: {cols: number; rows: number};
	/** Ends what runs on the engine's side when the pane leaves it running (an exec's process). */
	hangUp: (() => void) | undefined;

	constructor(
		private readonly sink: ExecSink,
		cols: number,
		rows: number,
	) {
		this.size = {cols, rows};
		sink.state({phase: 'connecting'});
	}

	/** Aborted when the pane stops the session: calls in flight end, and nothing more is started. */
	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get stopped(): boolean {
		return this.controller.signal.aborted;
	}

	get cols(): number {
		return this.size.cols;
	}

	get rows(): number {
		return this.size.rows;
	}

	output(bytes: Buffer): void {
		if (!this.stopped && !this.finished && bytes.length > 0) this.sink.output(bytes);
	}

	/** Reports a state; after `exited` or `failed`, or once stopped, nothing more is said. */
	state(state: ExecState): void {
		if (this.stopped || this.finished) return;
		if (state.phase === 'exited' || state.phase === 'failed') this.finished = true;
		this.sink.state(state);
	}

	/**
	 * Takes the stream the engine gave: keys go to it from now on. Resolves when it ends, and
	 * closes it then (over ssh a stream the engine ended would otherwise keep its process).
	 */
	connect(socket: Duplex, onData: (chunk: Buffer) => void): Promise<StreamEnd> {
		if (this.stopped) {
			socket.destroy();
			return Promise.resolve('ended');
		}
		this.socket = socket;
		return new Promise((resolve) => {
			const done = (how: StreamEnd) => {
				if (this.socket === socket) this.socket = undefined;
				socket.destroy();
				resolve(how);
			};
			socket.on('data', onData);
			socket.on('end', () => done('ended'));
			socket.on('error', () => done('broke'));
			socket.on('close', () => done('ended'));
		});
	}

	/** Ends the session with a failure: the sink is told, the stream closed and what still runs hung up. */
	fail(reason: string): void {
		if (this.stopped || this.finished) return;
		this.state({phase: 'failed', reason});
		this.close(true);
	}

	/** Aborts what is in flight, closes the stream and, when asked, hangs up what still runs. */
	private close(hangUp: boolean): void {
		this.controller.abort();
		this.socket?.destroy();
		this.socket = undefined;
		if (hangUp) this.hangUp?.();
	}

	/** From now on sizes go to `resize`; the current one is sent at once, and again after a refusal (the process may still be starting). */
	resizeWith(resize: (cols: number, rows: number) => Promise<void>): void {
		this.resizer = resize;
		void (async () => {
			for (let attempt = 1; attempt <= 3 && !this.stopped && !this.finished; attempt++) {
				try {
					return await resize(this.cols, this.rows);
				} catch {
					await new Promise((r) => setTimeout(r, 100 * attempt));
				}
			}
		})();
	}

	readonly session: ExecSession = {
		write: (data) => {
			const socket = this.socket;
			if (socket && socket.writable && !this.stopped) socket.write(data);
		},
		resize: (cols, rows) => {
			if (cols === this.size.cols && rows === this.size.rows) return;
			this.size = {cols, rows};
			if (!this.stopped && !this.finished) this.resizer?.(cols, rows).catch(() => undefined);
		},
		stop: () => {
			// After an exit or a detach what runs was not left by the pane: only a live session is hung up.
			if (!this.stopped) this.close(!this.finished);
		},
	};
}
