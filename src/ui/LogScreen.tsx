import {Box, Text} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {LogBuffer} from '../model/logBuffer.js';
import {sanitizeLogLine} from '../model/logText.js';
import type {LogsScreen} from '../model/screens.js';
import {fitText} from '../model/textWidth.js';
import {clampCursor, motionFor, moveCursor} from '../model/viewport.js';
import type {LogState} from '../sources/types.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';

/** Props of a logs screen. */
export type LogScreenProps = {
	readonly screen: LogsScreen;
	readonly width: number;
	/** Lines for the log and its status line. */
	readonly height: number;
	readonly api: ScreenApi;
};

/** Redraws at most this often while lines pour in: a fast log must not starve the keys. */
const DRAW_EVERY_MS = 100;

/** `10:04:05.123`, the local time of a line. */
function clock(time: number | undefined): string {
	if (time === undefined) return '            ';
	const d = new Date(time);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function stateText(state: LogState, now: number): string {
	switch (state.phase) {
		case 'connecting':
			return '○ connecting';
		case 'following':
			return '● streaming';
		case 'ended':
			return `■ ${state.reason}`;
		case 'retrying':
			return `◌ retrying in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))} s: ${state.reason}`;
		case 'failed':
			return `✕ ${state.reason}`;
	}
}

/**
 * A log followed live, full screen: the lines go into a bounded buffer as they come
 * (made safe to draw on the way in) and the screen redraws at most every 100 ms.
 * Following sticks to the newest line; scrolling back pauses, G or f follows again.
 */
export function LogScreen({screen, width, height, api}: LogScreenProps) {
	const s = useStyles();
	const buffer = useRef(new LogBuffer());
	const [, setVersion] = useState(0);
	const [state, setState] = useState<LogState>({phase: 'connecting'});
	const {request} = screen;

	useEffect(() => {
		const lines = buffer.current;
		let timer: NodeJS.Timeout | undefined;
		const redraw = () => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setVersion((v) => v + 1);
			}, DRAW_EVERY_MS);
		};
		const subscription = api.openLogs(request, {
			line: (text, time) => {
				lines.push('', sanitizeLogLine(text), time);
				redraw();
			},
			state: (next) => setState((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next)),
		});
		return () => {
			clearTimeout(timer);
			subscription.stop();
		};
	}, [api, request]);

	const bodyHeight = Math.max(1, height - 1);
	const count = buffer.current.size;
	const cursor = screen.follow
		? clampCursor({selected: count - 1, top: count - bodyHeight}, count, bodyHeight)
		: clampCursor(screen, count, bodyHeight);

	api.setHandler((command) => {
		if (command === 'logs.follow') {
			api.update<LogsScreen>(screen.id, (current) => ({...current, follow: !current.follow, ...cursor}));
			return true;
		}
		if (command === 'logs.timestamps') {
			api.update<LogsScreen>(screen.id, (current) => ({...current, timestamps: !current.timestamps}));
			return true;
		}
		const motion = motionFor(command);
		if (!motion) return false;
		api.update<LogsScreen>(screen.id, (current) => {
			const size = buffer.current.size;
			const from = current.follow ? cursor : clampCursor(current, size, bodyHeight);
			const next = moveCursor(from, motion, size, bodyHeight);
			// At the newest line (G, or scrolling down to it) the pane follows again; anywhere else it holds still.
			return {...current, ...next, follow: next.selected >= size - 1};
		});
		return true;
	});

	const visible = buffer.current.slice(cursor.top, cursor.top + bodyHeight);
	const dropped = buffer.current.dropped;
	const status = [
		stateText(state, Date.now()),
		screen.follow ? 'following' : 'paused (G follows)',
		`${count} lines${dropped > 0 ? `, ${dropped} older dropped` : ''}`,
	].join(' · ');
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{visible.map((line, i) => (
					<Text
						key={line.seq}
						{...s(!screen.follow && cursor.top + i === cursor.selected ? 'table.selected' : 'text.normal')}
						wrap="truncate"
					>
						{fitText(screen.timestamps ? `${clock(line.time)} ${line.text}` : line.text, width)}
					</Text>
				))}
			</Box>
			<Text wrap="truncate" {...s(state.phase === 'failed' ? 'flash.error' : 'text.dim')}>
				{status}
			</Text>
		</Box>
	);
}
