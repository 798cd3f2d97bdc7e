import {Box, Text} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {keyBytes} from '../keys/keyBytes.js';
import type {ExecScreen} from '../model/screens.js';
import type {TerminalScreen} from '../model/terminalScreen.js';
import {fitText} from '../model/textWidth.js';
import type {ExecSession, ExecState} from '../sources/types.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';

/** Props of a shell pane. */
export type ExecPaneProps = {
	readonly screen: ExecScreen;
	readonly width: number;
	/** Lines for the terminal and its status line. */
	readonly height: number;
	readonly api: ScreenApi;
	/** The monochrome theme (NO_COLOR): the remote's colours are dropped too. */
	readonly monochrome: boolean;
	/** How the keymap names the pane's own keys, for the status line. */
	readonly keyNames: {readonly leave: string; readonly fullscreen: string};
};

/** Redraws at most this often while output pours in (a `yes` must not starve the keys). */
const DRAW_EVERY_MS = 30;
/** The byte that ends a full-screen takeover, when the keymap's key is ctrl+<char>. */
const controlByte = (key: string): number | undefined => {
	const match = /^ctrl\+(.)$/.exec(key);
	const ch = match?.[1];
	if (ch === undefined) return undefined;
	const code = ch.toUpperCase().charCodeAt(0);
	return code >= 0x40 && code <= 0x5f ? code - 0x40 : undefined;
};

function stateText(state: ExecState): string {
	switch (state.phase) {
		case 'connecting':
			return '○ connecting';
		case 'running':
			return `● ${state.command}`;
		case 'exited':
			return `■ exited${state.code === undefined ? '' : ` with code ${state.code}`}${state.reason ? `: ${state.reason}` : ''}`;
		case 'failed':
			return `✕ ${state.reason}`;
	}
}

/**
 * A shell in a container, inside the UI: the remote output runs through a terminal emulator
 * (loaded on first use) and the pane draws the emulated screen from its cells, so nothing the
 * remote sends reaches the real terminal. Keys the keymap does not claim go to the shell; the
 * size follows the pane. The full-screen key hands the real terminal to the session for
 * programs that need all of it, and the same key hands it back.
 */
export function ExecPane({screen, width, height, api, monochrome, keyNames}: ExecPaneProps) {
	const s = useStyles();
	const [state, setState] = useState<ExecState>({phase: 'connecting'});
	const [, setVersion] = useState(0);
	// Lines scrolled back from the live screen; 0 is live.
	const [scroll, setScroll] = useState(0);
	const term = useRef<TerminalScreen | undefined>(undefined);
	const session = useRef<ExecSession | undefined>(undefined);
	// While the real terminal is handed over, output goes there as well as to the emulator.
	const passthrough = useRef<((bytes: Buffer) => void) | undefined>(undefined);
	// Ends a takeover when the session ends under it.
	const endTakeover = useRef<(() => void) | undefined>(undefined);
	const rows = Math.max(1, height - 1);
	const size = useRef({cols: width, rows});
	size.current = {cols: width, rows};
	const {request} = screen;

	useEffect(() => {
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		const redraw = () => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setVersion((v) => v + 1);
			}, DRAW_EVERY_MS);
		};
		// The emulator is a few hundred KB of code: it loads when the first shell opens, not at startup.
		void import('../model/terminalScreen.js').then(({TerminalScreen}) => {
			if (stopped) return;
			const {cols, rows: height} = size.current;
			const emulator = new TerminalScreen({
				cols,
				rows: height,
				colors: monochrome ? 'none' : 'truecolor',
				reply: (data) => session.current?.write(data),
			});
			term.current = emulator;
			emulator.onChange(redraw);
			session.current = api.openExec(
				{...request, cols, rows: height},
				{
					output: (bytes) => {
						emulator.write(bytes);
						passthrough.current?.(bytes);
					},
					state: (next) => {
						if (next.phase !== 'running' && next.phase !== 'connecting') endTakeover.current?.();
						setState(next);
						redraw();
					},
				},
			);
		});
		return () => {
			stopped = true;
			clearTimeout(timer);
			endTakeover.current?.();
			session.current?.stop();
			term.current?.dispose();
			session.current = undefined;
			term.current = undefined;
		};
	}, [api, monochrome, request]);

	// The remote's size follows the pane.
	useEffect(() => {
		const emulator = term.current;
		if (!emulator || (emulator.cols === width && emulator.rows === rows)) return;
		emulator.resize(width, rows);
		session.current?.resize(width, rows);
	}, [width, rows, state.phase]);

	const running = state.phase === 'running';
	api.setRawKeys(screen.id, (token) => {
		const emulator = term.current;
		// Once the shell is gone, keys are kview's again (esc goes back).
		if (!running || !emulator) return false;
		const bytes = keyBytes(token, {applicationCursorKeys: emulator.applicationCursorKeys});
		if (bytes !== undefined) session.current?.write(bytes);
		// Typing returns to the live screen, as a terminal does.
		setScroll(0);
		return true;
	});
	api.setHandler(screen.id, (command) => {
		if (command === 'exec.scrollUp' || command === 'exec.scrollDown') {
			const emulator = term.current;
			// A full-screen program (the alternate screen) keeps no history to scroll.
			if (!emulator || emulator.alternateScreen) return true;
			const page = Math.max(1, rows - 1) * (command === 'exec.scrollUp' ? 1 : -1);
			setScroll((back) => Math.min(emulator.scrollbackLength, Math.max(0, back + page)));
			return true;
		}
		if (command !== 'exec.fullscreen') return false;
		const live = session.current;
		if (running && live) void api.suspend(() => takeOver(live));
		return true;
	});

	/** Hands the real terminal to the session until the full-screen key comes again or the session ends. */
	async function takeOver(live: ExecSession): Promise<void> {
		const {stdin, stdout} = process;
		const back = controlByte(keyNames.fullscreen);
		live.resize(stdout.columns, stdout.rows);
		// Clear what Ink left; the resize makes the program draw itself again at the full size.
		stdout.write('\u001b[2J\u001b[H');
		await new Promise<void>((resolve) => {
			// Ink may have set an encoding on stdin: bytes either way.
			const onData = (chunk: Buffer | string) => {
				const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				const at = back === undefined ? -1 : data.indexOf(back);
				if (at < 0) return live.write(data);
				if (at > 0) live.write(data.subarray(0, at));
				finish();
			};
			const onResize = () => live.resize(stdout.columns, stdout.rows);
			const finish = () => {
				stdin.off('data', onData);
				stdout.off('resize', onResize);
				passthrough.current = undefined;
				endTakeover.current = undefined;
				resolve();
			};
			passthrough.current = (bytes) => stdout.write(bytes);
			endTakeover.current = finish;
			stdin.setRawMode(true);
			stdin.on('data', onData);
			stdin.resume();
			stdout.on('resize', onResize);
		});
		// Leave whatever screen mode the program left behind; the pane's size is the remote's again.
		stdout.write('\u001b[?1049l\u001b[?25h\u001b[0m');
		live.resize(size.current.cols, size.current.rows);
	}

	const emulator = term.current;
	const back = emulator && !emulator.alternateScreen ? Math.min(scroll, emulator.scrollbackLength) : 0;
	const lines = !emulator ? [] : back > 0 ? emulator.scrollbackLines(emulator.scrollbackLength - back, rows) : emulator.lines(running);
	const status = [
		stateText(state),
		back > 0 ? `${back} lines back (any key returns)` : '',
		emulator?.title ? `“${emulator.title}”` : '',
		running ? `${keyNames.leave} leaves · ${keyNames.fullscreen} full screen` : 'esc goes back',
	]
		.filter((part) => part !== '')
		.join(' · ');
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Box flexDirection="column" height={rows} overflow="hidden">
				{lines.map((line, i) => (
					// kview made every escape in these lines itself, from the emulator's cells.
					<Text key={i} wrap="truncate">
						{line}
					</Text>
				))}
			</Box>
			<Text wrap="truncate" {...s(state.phase === 'failed' ? 'flash.error' : 'text.dim')}>
				{fitText(status, width)}
			</Text>
		</Box>
	);
}
