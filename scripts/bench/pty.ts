import {spawn, type IPty} from '@lydell/node-pty';
import {stripVTControlCharacters} from 'node:util';

/** A process in a pseudo-terminal, with every output byte timed. */
export type PtyRun = {
	readonly pty: IPty;
	/** Total bytes written by the program so far. */
	bytes(): number;
	/** Time (performance.now) of the last output chunk. */
	lastOutputAt(): number;
	/** Resolves when the plain text of everything written so far matches. */
	waitForText(pattern: RegExp, timeoutMs: number): Promise<number>;
	/** Resolves when the plain text written after this call matches; returns the time it did. */
	waitForNew(pattern: RegExp, timeoutMs: number): Promise<number>;
	/** The last of the plain text written (up to 20,000 characters). */
	text(): string;
	/** Resolves once no output has arrived for `quietMs`; returns the time of the last chunk. */
	waitQuiet(quietMs: number, timeoutMs: number): Promise<number>;
	kill(): void;
};

/** Starts a command in a pty of a given size. */
export function startPty(file: string, args: readonly string[], cols: number, rows: number, env: NodeJS.ProcessEnv): PtyRun {
	const pty = spawn(file, [...args], {name: 'xterm-256color', cols, rows, env: env});
	let bytes = 0;
	let last = performance.now();
	let text = '';
	const waiters = new Set<(plain: string) => void>();
	pty.onData((data) => {
		bytes += Buffer.byteLength(data);
		last = performance.now();
		// Keep only a tail of plain text: enough to find a marker, bounded in memory.
		const plain = stripVTControlCharacters(data);
		text = (text + plain).slice(-20_000);
		for (const w of waiters) w(plain);
	});
	return {
		pty,
		bytes: () => bytes,
		lastOutputAt: () => last,
		waitForText: (pattern, timeoutMs) =>
			new Promise((resolve, reject) => {
				const check = () => {
					if (pattern.test(text)) {
						waiters.delete(check);
						clearTimeout(timer);
						resolve(performance.now());
					}
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`timed out waiting for ${pattern}; last output: ${text.slice(-500)}`));
				}, timeoutMs);
				waiters.add(check);
				check();
			}),
		waitForNew: (pattern, timeoutMs) =>
			new Promise((resolve, reject) => {
				let fresh = '';
				const check = (plain: string) => {
					fresh = (fresh + plain).slice(-20_000);
					if (pattern.test(fresh)) {
						waiters.delete(check);
						clearTimeout(timer);
						resolve(performance.now());
					}
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`timed out waiting for new ${pattern}; last output: ${text.slice(-500)}`));
				}, timeoutMs);
				waiters.add(check);
			}),
		text: () => text,
		waitQuiet: async (quietMs, timeoutMs) => {
			const start = performance.now();
			for (;;) {
				const idle = performance.now() - last;
				if (idle >= quietMs) return last;
				if (performance.now() - start > timeoutMs) throw new Error('output never went quiet');
				await new Promise((r) => setTimeout(r, Math.max(1, quietMs - idle)));
			}
		},
		kill: () => pty.kill('SIGKILL'),
	};
}
