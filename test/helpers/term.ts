/**
 * Drives the real kview binary in a pseudo-terminal and reads the screen back from a
 * headless xterm, the way a user's terminal would show it.
 *
 *   const t = await startKview({args: ['--demo-memory'], cols: 120, rows: 40});
 *   await t.waitFor('● live');
 *   await t.press('j');
 *   expect(t.selectedRow()?.text).toContain('api-');
 *
 * Every test file calls `afterEach(stopAll)` so a failing test leaves no process behind.
 */
import {spawn, type IPty} from '@lydell/node-pty';
import type {IBufferCell, Terminal as XTerminal} from '@xterm/headless';
import {Terminal} from '@xterm/headless/lib-headless/xterm-headless.mjs';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {node22, root} from './build.js';

/** Raw bytes for keys that are not printable characters. */
export const keys = {
	enter: '\r',
	esc: '\x1b',
	tab: '\t',
	shiftTab: '\x1b[Z',
	backspace: '\x7f',
	up: '\x1b[A',
	down: '\x1b[B',
	right: '\x1b[C',
	left: '\x1b[D',
	home: '\x1b[H',
	end: '\x1b[F',
	pageUp: '\x1b[5~',
	pageDown: '\x1b[6~',
} as const;

/** The byte a terminal sends for ctrl+<letter> (`ctrl('d')` is 0x04). */
export function ctrl(letter: string): string {
	const code = letter.toLowerCase().charCodeAt(0);
	if (code < 0x61 || code > 0x7a || letter.length !== 1) throw new Error(`ctrl() takes one letter, got ${JSON.stringify(letter)}`);
	return String.fromCharCode(code - 0x60);
}

/** How to start kview. */
export type KviewOptions = {
	/** Command-line arguments after `bin/kview.js`. */
	readonly args?: readonly string[];
	readonly cols?: number;
	readonly rows?: number;
	/** Extra environment (e.g. NO_COLOR); the rest is a clean, minimal environment. */
	readonly env?: Readonly<Record<string, string>>;
	/** Objects for the in-memory source, written to a file and passed as `--fixture`. */
	readonly fixture?: Readonly<Record<string, readonly unknown[]>>;
	/** Contents of $XDG_CONFIG_HOME/kview/config.yaml. */
	readonly config?: string;
};

/** What a screen predicate may be: text on the screen, a pattern over it, or a function of its lines. */
export type ScreenCondition = string | RegExp | ((lines: string[]) => unknown);

/** How the process ended. */
export type ExitInfo = {readonly exitCode: number; readonly signal: number | undefined};

/** A running kview in a pty. */
export type Kview = {
	readonly pty: IPty;
	readonly term: XTerminal;
	/** The temporary HOME; $XDG_CONFIG_HOME is `<home>/.config`. */
	readonly home: string;
	/** The config file path (it exists only when `config` was given). */
	readonly configFile: string;
	/** Milliseconds since spawn. */
	elapsed(): number;
	/** The visible lines, always `rows` of them; cells never written are trimmed, the app's padding spaces are kept. */
	screen(): string[];
	/** The visible lines joined with newlines. */
	text(): string;
	/** One visible line (0-based). */
	line(index: number): string;
	/** One cell of the visible screen (0-based column and line). */
	cell(x: number, y: number): IBufferCell | undefined;
	/** The first table row drawn highlighted (inverse or with a background), below the table header. */
	selectedRow(): {readonly index: number; readonly text: string} | undefined;
	/** Resolves when the condition holds; rejects after `timeoutMs` with the screen in the message. */
	waitFor(condition: ScreenCondition, timeoutMs?: number): Promise<string[]>;
	/** Resolves once nothing has been written for `quietMs` counted from the call (and xterm has parsed it all). */
	waitForQuiet(quietMs?: number, timeoutMs?: number): Promise<void>;
	/**
	 * Writes each chunk as one write, pausing briefly between chunks and 100 ms after a bare esc (Ink reads
	 * esc + a quick next byte as alt+key). A busy app can still read two chunks at once: when the next key
	 * depends on the previous one having been handled, wait for its effect on the screen in between.
	 */
	press(...chunks: string[]): Promise<void>;
	/** Writes raw bytes at once: a burst the app must read as one input event. */
	write(data: string): void;
	/** Resizes the pty (the app gets SIGWINCH) and the emulator together. */
	resize(cols: number, rows: number): void;
	/** Bytes the app has written to the terminal so far. */
	readonly bytesWritten: number;
	/** Everything the app has written so far. */
	raw(): string;
	/** A position in the output stream, for `since`. */
	mark(): number;
	/** Output written after a mark. */
	since(mark: number): {readonly bytes: number; readonly text: string};
	/** Whether the terminal currently shows the alternate screen. */
	isAlternateScreen(): boolean;
	/** Whether the last cursor show/hide (DECTCEM) in the output showed it; true if none was sent. */
	cursorVisible(): boolean;
	/** Every window title the app set (OSC 0/2). */
	readonly titles: readonly string[];
	/** Resolves when the process ends. */
	readonly exit: Promise<ExitInfo>;
	/** Whether the process has ended. */
	exited(): boolean;
	/** Resolves once the process has ended; rejects after `timeoutMs` with the screen in the message. */
	waitForExit(timeoutMs?: number): Promise<ExitInfo>;
	/** Waits until xterm has parsed all output received so far. */
	flush(): Promise<void>;
	/** Kills the process (SIGKILL) if it still runs, and frees the emulator and temp files. */
	kill(): Promise<void>;
};

const running = new Set<Kview>();

/** Kills every kview this worker started; call it from afterEach. */
export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((t) => t.kill()));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Ink waits 20 ms for more bytes after a lone ESC before it reports esc; give it time to stand alone. */
const ESC_PAUSE_MS = 100;
/** Between chunks of one press(): long enough for the app to read each separately. */
const CHUNK_PAUSE_MS = 30;

/** Starts `node bin/kview.js ...args` in a pty of the given size with a fresh HOME and config dir. */
export function startKview(options: KviewOptions = {}): Promise<Kview> {
	const cols = options.cols ?? 120;
	const rows = options.rows ?? 40;
	const home = mkdtempSync(path.join(os.tmpdir(), 'kview-e2e-'));
	const configHome = path.join(home, '.config');
	const configFile = path.join(configHome, 'kview', 'config.yaml');
	mkdirSync(path.dirname(configFile), {recursive: true});
	if (options.config !== undefined) writeFileSync(configFile, options.config);
	const args = [path.join(root, 'bin/kview.js'), ...(options.args ?? [])];
	if (options.fixture) {
		const file = path.join(home, 'fixture.json');
		writeFileSync(file, JSON.stringify(options.fixture));
		args.push('--fixture', file);
	}
	// A clean environment: the developer's NO_COLOR, CI (Ink renders nothing interactive in CI), config or
	// NODE_OPTIONS must not change what the tests see.
	const env: Record<string, string> = {
		PATH: process.env['PATH'] ?? '/usr/bin:/bin',
		HOME: home,
		XDG_CONFIG_HOME: configHome,
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		TZ: 'UTC',
		...options.env,
	};

	const term = new Terminal({cols, rows, allowProposedApi: true, scrollback: 1000});
	const titles: string[] = [];
	term.onTitleChange((title) => titles.push(title));
	let output = '';
	let bytes = 0;
	let lastDataAt = performance.now();
	const startedAt = performance.now();

	const pty = spawn(node22, args, {name: env['TERM'] ?? 'xterm-256color', cols, rows, cwd: home, env});
	pty.onData((data) => {
		output += data;
		bytes += Buffer.byteLength(data, 'utf8');
		lastDataAt = performance.now();
		term.write(data);
	});
	let exitInfo: ExitInfo | undefined;
	const exit = new Promise<ExitInfo>((resolve) => {
		pty.onExit(({exitCode, signal}) => {
			exitInfo = {exitCode, signal: signal || undefined};
			resolve(exitInfo);
		});
	});

	const flush = () => new Promise<void>((resolve) => term.write('', resolve));

	const screen = (): string[] => {
		const buffer = term.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < term.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines;
	};
	const cell = (x: number, y: number): IBufferCell | undefined => {
		const buffer = term.buffer.active;
		return buffer.getLine(buffer.viewportY + y)?.getCell(x);
	};
	const describe = (): string => {
		const lines = screen();
		const width = String(lines.length).length;
		const status = exitInfo
			? `process exited with code ${exitInfo.exitCode}${exitInfo.signal ? ` (signal ${exitInfo.signal})` : ''}`
			: 'process running';
		// `#` marks a highlighted line (inverse or with a background at its first cell), `|` the others.
		const mark = (y: number) => {
			const c = cell(0, y);
			return c && (c.isInverse() || !c.isBgDefault()) ? '#' : '|';
		};
		return [
			`screen ${term.cols}x${term.rows}, ${status} (# marks highlighted lines):`,
			...lines.map((l, i) => `${String(i + 1).padStart(width)}${mark(i)}${l.trimEnd()}`),
		].join('\n');
	};
	const test = (condition: ScreenCondition, lines: string[]): boolean => {
		if (typeof condition === 'string') return lines.join('\n').includes(condition);
		if (condition instanceof RegExp) return condition.test(lines.join('\n'));
		return Boolean(condition(lines));
	};
	const conditionName = (condition: ScreenCondition): string =>
		typeof condition === 'string' ? JSON.stringify(condition) : condition instanceof RegExp ? String(condition) : condition.toString();

	let killed = false;
	const t: Kview = {
		pty,
		term,
		home,
		configFile,
		elapsed: () => performance.now() - startedAt,
		screen,
		text: () => screen().join('\n'),
		line: (index) => screen()[index] ?? '',
		cell,
		selectedRow: () => {
			const lines = screen();
			// Line 0 is the header, 1 the breadcrumbs (highlighted themselves), 2 the table header.
			for (let y = 3; y < lines.length; y++) {
				const c = cell(0, y);
				// The shipped themes mark the cursor with inverse or a palette background; a just-changed row's mark is an RGB background.
				if ((lines[y] ?? '') !== '' && c && (c.isInverse() || c.isBgPalette())) return {index: y, text: lines[y] ?? ''};
			}
			return undefined;
		},
		async waitFor(condition, timeoutMs = 5000) {
			const deadline = performance.now() + timeoutMs;
			for (;;) {
				await flush();
				// Ink wraps each frame in a synchronized update (DEC 2026); a pty read can end inside
				// one, and the screen is only meaningful once the frame is complete.
				const midFrame = term.modes.synchronizedOutputMode && !exitInfo;
				const lines = screen();
				if (!midFrame && test(condition, lines)) return lines;
				if (performance.now() > deadline)
					throw new Error(`waitFor(${conditionName(condition)}) timed out after ${timeoutMs} ms\n${describe()}`);
				if (exitInfo) throw new Error(`waitFor(${conditionName(condition)}): the process ended first\n${describe()}`);
				await sleep(15);
			}
		},
		async waitForQuiet(quietMs = 300, timeoutMs = 5000) {
			const start = performance.now();
			const deadline = start + timeoutMs;
			for (;;) {
				// Quiet since the call, not just since the last output: a key pressed just before has not been answered yet.
				const quietFor = performance.now() - Math.max(lastDataAt, start);
				if (quietFor >= quietMs) return flush();
				if (performance.now() > deadline)
					throw new Error(`output never went quiet for ${quietMs} ms within ${timeoutMs} ms\n${describe()}`);
				await sleep(Math.max(10, quietMs - quietFor));
			}
		},
		async press(...chunks) {
			for (const [i, chunk] of chunks.entries()) {
				pty.write(chunk);
				if (chunk === keys.esc) await sleep(ESC_PAUSE_MS);
				else if (i < chunks.length - 1) await sleep(CHUNK_PAUSE_MS);
			}
		},
		write: (data) => pty.write(data),
		resize(newCols, newRows) {
			pty.resize(newCols, newRows);
			term.resize(newCols, newRows);
		},
		get bytesWritten() {
			return bytes;
		},
		raw: () => output,
		mark: () => output.length,
		since(mark) {
			const text = output.slice(mark);
			return {bytes: Buffer.byteLength(text, 'utf8'), text};
		},
		isAlternateScreen: () => term.buffer.active.type === 'alternate',
		cursorVisible: () => output.lastIndexOf('\x1b[?25h') >= output.lastIndexOf('\x1b[?25l'),
		titles,
		exit,
		exited: () => exitInfo !== undefined,
		async waitForExit(timeoutMs = 3000) {
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`the process did not exit within ${timeoutMs} ms\n${describe()}`)), timeoutMs);
			});
			try {
				const info = await Promise.race([exit, timeout]);
				await flush();
				return info;
			} finally {
				clearTimeout(timer);
			}
		},
		flush,
		async kill() {
			if (killed) return;
			killed = true;
			running.delete(t);
			if (!exitInfo) {
				try {
					pty.kill('SIGKILL');
				} catch {
					// Already gone.
				}
				await Promise.race([exit, sleep(2000)]);
			}
			term.dispose();
			rmSync(home, {recursive: true, force: true});
		},
	};
	running.add(t);
	// A promise so callers need not change if starting ever waits for something (a sim, a socket).
	return Promise.resolve(t);
}

/** A minimal Kubernetes pod for fixtures. */
export function pod(
	namespace: string,
	name: string,
	extra: {labels?: Record<string, string>; phase?: string; created?: string; restarts?: number} = {},
): Record<string, unknown> {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			namespace,
			name,
			uid: `uid-${namespace}-${name}`,
			labels: extra.labels ?? {app: name.split('-')[0] ?? name},
			creationTimestamp: extra.created ?? '2024-01-01T00:00:00Z',
		},
		spec: {nodeName: 'node-1', containers: [{name: 'main', image: 'example/app:1'}]},
		status: {
			phase: extra.phase ?? 'Running',
			containerStatuses: [{name: 'main', ready: true, restartCount: extra.restarts ?? 0, state: {running: {}}}],
		},
	};
}

/** `count` running pods `pod-000`, `pod-001`... in namespace `ns` (they sort by name in index order). */
export function podFixture(count: number, ns = 'default'): {pods: Record<string, unknown>[]} {
	return {
		pods: Array.from({length: count}, (_, i) => pod(ns, `pod-${String(i).padStart(3, '0')}`, {labels: {app: i % 2 ? 'odd' : 'even'}})),
	};
}
