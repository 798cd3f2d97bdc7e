import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import type {ReactElement} from 'react';

/** A stdout that Ink renders into, with a size of our choosing. */
class FakeStdout extends EventEmitter {
	readonly frames: string[] = [];
	readonly isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (frame: string): boolean => {
		this.frames.push(frame);
		return true;
	};
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write(data: string): void {
		this.data = data;
		this.emit('readable');
	}
	read = (): string | null => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

/** A rendered component: its latest frame, and input. */
export type Rendered = {
	/** The latest full frame (debug mode writes whole frames). */
	readonly lastFrame: () => string;
	/** Types raw input, as a terminal would send it. */
	readonly press: (input: string) => Promise<void>;
	/** Resizes the fake terminal. */
	readonly resize: (columns: number, rows: number) => void;
	/** Waits until the frame satisfies a predicate. */
	readonly waitFor: (predicate: (frame: string) => boolean, timeoutMs?: number) => Promise<string>;
	readonly unmount: () => void;
};

/** Renders a tree into a fake terminal of a fixed size (gemini-cli's pattern: frames as strings at fixed widths). */
export function renderAt(tree: ReactElement, columns: number, rows: number): Rendered {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance = inkRender(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
		interactive: true,
	});
	const lastFrame = () => stdout.frames.at(-1) ?? '';
	const waitFor = async (predicate: (frame: string) => boolean, timeoutMs = 3000): Promise<string> => {
		const start = Date.now();
		for (;;) {
			const frame = lastFrame();
			if (predicate(frame)) return frame;
			if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; last frame:\n${frame}`);
			await new Promise((r) => setTimeout(r, 10));
		}
	};
	return {
		lastFrame,
		press: async (input) => {
			stdin.write(input);
			await new Promise((r) => setTimeout(r, 20));
		},
		resize: (c, r) => {
			stdout.columns = c;
			stdout.rows = r;
			stdout.emit('resize');
		},
		waitFor,
		unmount: () => instance.unmount(),
	};
}
