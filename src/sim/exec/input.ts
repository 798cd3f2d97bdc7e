/**
 * Standard input of a simulated process as a queue of lines. A tty delivers a
 * line per Enter and an end-of-file per ctrl-d on an empty line (after which
 * reading goes on, as a terminal's does); a pipe delivers its lines and then
 * end-of-file for good.
 */
export class LineInput {
	private readonly queue: (string | null)[] = [];
	private partial = '';
	private closed = false;
	private waiter: ((line: string | null) => void) | undefined;

	/** Bytes from a pipe: complete lines are queued, a trailing piece waits for its newline. */
	pushText(text: string): void {
		const parts = (this.partial + text).split('\n');
		this.partial = parts.pop() ?? '';
		for (const line of parts) this.push(line);
	}

	/** A finished line (from the tty's line discipline). */
	push(line: string | null): void {
		if (this.waiter) {
			const wake = this.waiter;
			this.waiter = undefined;
			wake(line);
		} else this.queue.push(line);
	}

	/** The pipe closed: what is left of the last line is delivered, then end-of-file forever. */
	close(): void {
		if (this.closed) return;
		if (this.partial) this.push(this.partial);
		this.partial = '';
		this.closed = true;
		this.push(null);
	}

	/** The next line, or null at end-of-file or when `signal` aborts the wait. */
	next(signal?: AbortSignal): Promise<string | null> {
		const queued = this.queue.shift();
		if (queued !== undefined) return Promise.resolve(queued);
		if (this.closed) return Promise.resolve(null);
		if (signal?.aborted) return Promise.resolve(null);
		return new Promise((resolve) => {
			const onAbort = () => {
				if (this.waiter === settle) this.waiter = undefined;
				resolve(null);
			};
			const settle = (line: string | null) => {
				signal?.removeEventListener('abort', onAbort);
				resolve(line);
			};
			this.waiter = settle;
			signal?.addEventListener('abort', onAbort, {once: true});
		});
	}
}

/** Lines already known, as the input of the second half of a pipe. */
export function fixedInput(text: string): LineInput {
	const input = new LineInput();
	input.pushText(text);
	input.close();
	return input;
}
