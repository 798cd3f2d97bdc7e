import {Box, Text} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import {THEME_TOKENS, type ThemeToken} from '../config/theme.js';
import {LogBuffer, type LogLine} from '../model/logBuffer.js';
import {logStreams, podContainers, sourceColour, type LogStream} from '../model/logSelection.js';
import {sanitizeLogLine} from '../model/logText.js';
import {matchParts, plainText, savedText, sharedPrefix, sinceName, wrapPieces, wrapTop} from '../model/logView.js';
import type {LogsScreen} from '../model/screens.js';
import {displayWidth, fitText} from '../model/textWidth.js';
import {clampCursor, motionFor, moveCursor, type Cursor} from '../model/viewport.js';
import type {LogState, ResourceObject, Source, Subscription} from '../sources/types.js';
import type {Feed, Store} from '../store/index.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';
import {useFeed} from './useFeed.js';

/** Props of a log pane. */
export type LogPaneProps = {
	readonly screen: LogsScreen;
	readonly width: number;
	/** Lines for the pane: its title (in a split), the log and the status line. */
	readonly height: number;
	readonly api: ScreenApi;
	readonly store: Store;
	/** The source of the target's kind; a multi-source tail follows its feed to see who joins. */
	readonly source: Source | undefined;
	/** Lines the pane keeps. */
	readonly capacity: number;
	/** Whether keys come here (in a split, the table may have them). */
	readonly focused: boolean;
	/** The key that moves the keys between a split's halves, as the keymap names it. */
	readonly focusKey: string;
};

/** Redraws at most this often while lines pour in: a fast log must not starve the keys. */
const DRAW_EVERY_MS = 100;
/** Streams followed at once; more wait their turn (stern gives up at 50, and an API server limits a client's streams). */
const MAX_STREAMS = 50;
/** A source prefix is cut to this many columns, so the text keeps its room. */
const MAX_PREFIX = 28;
// The theme's palette for source prefixes, however many it has.
const SOURCE_TOKENS: readonly ThemeToken[] = THEME_TOKENS.filter((token) => token.startsWith('logs.source'));
const SINCE: Readonly<Record<string, number | 'all' | undefined>> = {
	'logs.sinceAll': undefined,
	'logs.since1m': 60,
	'logs.since5m': 300,
	'logs.since15m': 900,
	'logs.since1h': 3600,
	'logs.sinceEver': 'all',
};

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

/** One line for many streams: how many stand how, and the first trouble by name. */
function streamsText(states: ReadonlyMap<string, {label: string; state: LogState}>, now: number): string {
	if (states.size === 0) return '○ waiting for pods or containers to tail';
	if (states.size === 1) return stateText([...states.values()][0]?.state ?? {phase: 'connecting'}, now);
	const counts = new Map<string, number>();
	let trouble: string | undefined;
	for (const {label, state} of states.values()) {
		counts.set(state.phase, (counts.get(state.phase) ?? 0) + 1);
		if (trouble === undefined && state.phase !== 'following' && state.phase !== 'connecting')
			trouble = `${label}: ${stateText(state, now)}`;
	}
	const phases = [...counts].map(([phase, n]) => `${n} ${phase === 'following' ? 'streaming' : phase}`).join(', ');
	return `${states.size} streams: ${phases}${trouble ? ` · ${trouble}` : ''}`;
}

const NO_OBJECTS: Feed['objects'] = new Map();

/**
 * A log pane, full screen or under its table: one log, or every pod or container of a
 * selection merged by time with a coloured source prefix. Lines go into a bounded buffer
 * as they come (made safe to draw on the way in) and the pane redraws at most every 100 ms.
 */
export function LogPane(props: LogPaneProps) {
	const {screen, source} = props;
	if (screen.target.type === 'many' && source) return <FeedLogPane {...props} source={source} />;
	return <LogView {...props} objects={NO_OBJECTS} feedVersion={0} />;
}

/** A multi-source tail: the feed of the selection's kind says which pods or containers to tail. */
function FeedLogPane(props: LogPaneProps & {readonly source: Source}) {
	const {screen, store, source} = props;
	const target = screen.target;
	const kind = target.type === 'many' ? target.kind : '';
	const scope = target.type === 'many' ? target.scope : {};
	const {feed, version} = useFeed(store, source, kind, scope);
	return <LogView {...props} objects={feed.objects} feedVersion={version} />;
}

type ViewProps = LogPaneProps & {readonly objects: Feed['objects']; readonly feedVersion: number};

function LogView({screen, width, height, api, capacity, focused, focusKey, objects, feedVersion}: ViewProps) {
	const s = useStyles();
	const [, setVersion] = useState(0);
	const {target, window} = screen;
	// Everything of one run of the streams; a new target or window starts a new one, so the
	// very frame that shows the change shows none of the old lines.
	const run = useMemo(
		() => ({
			lines: new LogBuffer(capacity),
			states: new Map<string, {label: string; state: LogState}>(),
			running: new Map<string, Subscription>(),
			// Why each stream last stopped, until its next line comes.
			gaps: new Map<string, string>(),
			// Streams waiting for a free place (more than MAX_STREAMS selected).
			queued: 0,
		}),
		[capacity, target, window],
	);
	const {lines, states, running, gaps} = run;

	// Which streams the target needs now; a pod that joins the selection gets one, one that goes has its stopped.
	const streams = useMemo(
		() => logStreams(target, objects, window),
		// feedVersion stands for the objects' contents, which change in place.
		[target, window, objects, feedVersion],
	);

	const redrawTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	const redraw = useRef(() => {
		redrawTimer.current ??= setTimeout(() => {
			redrawTimer.current = undefined;
			setVersion((v) => v + 1);
		}, DRAW_EVERY_MS);
	});

	// The old run's streams stop when a new one starts (or the pane closes).
	useEffect(
		() => () => {
			for (const subscription of run.running.values()) subscription.stop();
			run.running.clear();
		},
		[run],
	);
	useEffect(() => () => clearTimeout(redrawTimer.current), []);

	useEffect(() => {
		const wanted = new Map(streams.map((stream) => [stream.id, stream]));
		for (const [id, subscription] of running)
			if (!wanted.has(id)) {
				subscription.stop();
				running.delete(id);
				const known = states.get(id);
				if (known) states.set(id, {label: known.label, state: {phase: 'ended', reason: 'no longer selected'}});
			}
		for (const stream of wanted.values()) if (!running.has(stream.id) && running.size < MAX_STREAMS) running.set(stream.id, start(stream));
		run.queued = Math.max(0, wanted.size - running.size);
		redraw.current();

		function start(stream: LogStream): Subscription {
			return api.openLogs(stream.request, {
				// Colours are kept on the way in and dropped when drawn, so turning them on shows them on old lines too.
				line: (text, time) => {
					// The first line after the stream stopped or broke: the time between is a gap worth seeing (the lines themselves resume exactly).
					const gap = gaps.get(stream.id);
					if (gap !== undefined) {
						gaps.delete(stream.id);
						lines.push(stream.label, `⋯ resumed after: ${gap}`, time, true);
					}
					lines.push(stream.label, sanitizeLogLine(text, true), time);
					redraw.current();
				},
				state: (state) => {
					const known = states.get(stream.id);
					if (known && JSON.stringify(known.state) === JSON.stringify(state)) return;
					if (state.phase === 'ended' || state.phase === 'retrying') gaps.set(stream.id, state.reason);
					states.set(stream.id, {label: stream.label, state});
					redraw.current();
				},
			});
		}
	}, [api, run, streams]);

	const titleLines = screen.split ? 1 : 0;
	const bodyHeight = Math.max(1, height - 1 - titleLines);
	// The lines shown: all, or with a filter only those that match (positions into the buffer).
	const shown: number[] | undefined = screen.filter === '' ? undefined : lines.matches(screen.filter);
	const count = shown ? shown.length : lines.size;
	const lineAt = (position: number): LogLine | undefined => lines.at(shown ? (shown[position] ?? -1) : position);

	const multi = target.type === 'many';
	// What every source's name starts with (a deployment's pods share `web-7d9f8c6b5-`) is said by the title; the rest tells them apart.
	const shared = useMemo(() => sharedPrefix(streams.map((stream) => stream.label)), [streams]);
	const shortName = (source: string) => (shared !== '' && source.startsWith(shared) ? `…${source.slice(shared.length)}` : source);
	const prefixWidth = multi ? Math.min(MAX_PREFIX, Math.max(0, ...streams.map((stream) => displayWidth(shortName(stream.label))))) : 0;
	const stampWidth = screen.timestamps ? 13 : 0;
	const textWidth = Math.max(1, width - stampWidth - (prefixWidth > 0 ? prefixWidth + 1 : 0));
	const heightOf = (position: number) => {
		const line = lineAt(position);
		return screen.wrap && line ? wrapPieces(plainText(line.text), textWidth).length : 1;
	};
	const cursor: Cursor = (() => {
		const base = screen.follow ? {selected: count - 1, top: count - bodyHeight} : screen;
		const clamped = clampCursor(base, count, bodyHeight);
		return screen.wrap ? {selected: clamped.selected, top: wrapTop(clamped.selected, clamped.top, bodyHeight, heightOf)} : clamped;
	})();

	const jumpToMatch = (from: number, forward: boolean, query: string) => {
		const found = lines.matches(query);
		const positions = shown ? found.map((index) => shown.indexOf(index)).filter((p) => p >= 0) : found;
		const next = forward ? positions.find((p) => p > from) : positions.findLast((p) => p < from);
		if (next === undefined) return api.flash('warn', positions.length === 0 ? `no line holds "${query}"` : 'no more matches that way');
		api.update<LogsScreen>(screen.id, (current) => ({
			...current,
			follow: false,
			...clampCursor({selected: next, top: next - Math.floor(bodyHeight / 2)}, count, bodyHeight),
		}));
	};

	const containersToPick = (): string[] => {
		if (target.type === 'one') return [...(target.containers ?? [])];
		return [...new Set([...objects.values()].flatMap((object: ResourceObject) => podContainers(object)))];
	};

	api.setHandler(screen.id, (command) => {
		const toggle = (field: 'timestamps' | 'wrap' | 'colours') =>
			api.update<LogsScreen>(screen.id, (current) => ({...current, [field]: !current[field]}));
		switch (command) {
			case 'logs.follow':
				api.update<LogsScreen>(screen.id, (current) => ({...current, follow: !current.follow, ...cursor}));
				return true;
			case 'logs.timestamps':
			case 'logs.wrap':
			case 'logs.colours':
				toggle(command.slice('logs.'.length) as 'timestamps' | 'wrap' | 'colours');
				return true;
			case 'logs.search':
				api.ask('/', screen.search, [], (text) => {
					const query = text.trim();
					api.update<LogsScreen>(screen.id, (current) => ({...current, search: query}));
					// The newest match at or above where the eye is: a log is read from the bottom.
					if (query !== '') jumpToMatch(cursor.selected + 1, false, query);
				});
				return true;
			case 'logs.next':
			case 'logs.prev':
				if (screen.search === '') api.flash('warn', 'search first: /');
				else jumpToMatch(cursor.selected, command === 'logs.next', screen.search);
				return true;
			case 'logs.filter':
				api.ask('&', screen.filter, [], (text) =>
					api.update<LogsScreen>(screen.id, (current) => ({...current, filter: text.trim(), follow: true, selected: 0, top: 0})),
				);
				return true;
			case 'logs.tail':
				api.ask('tail lines: ', typeof window.tailLines === 'number' ? String(window.tailLines) : '', [], (text) => {
					const n = Number(text.trim());
					if (!Number.isInteger(n) || n < 1)
						return api.flash('error', `"${text.trim()}" is not a number of lines; give a whole number such as 500`);
					api.update<LogsScreen>(screen.id, (current) => ({
						...current,
						window: {...current.window, tailLines: n, sinceSeconds: undefined},
						follow: true,
					}));
				});
				return true;
			case 'logs.previous': {
				const previous = !window.previous;
				api.update<LogsScreen>(screen.id, (current) => ({...current, window: {...current.window, previous}, follow: true}));
				api.flash('info', previous ? "the previous run's log (p: back to the live one)" : 'the live log');
				return true;
			}
			case 'logs.container': {
				const names = containersToPick();
				if (names.length < 2 && window.container === undefined) {
					api.flash('warn', names.length === 1 ? `only one container here: ${names[0] ?? ''}` : 'no containers to pick from here');
					return true;
				}
				const all = target.type === 'one' ? [] : ['all'];
				api.ask('container: ', '', [...all, ...names], (text) => {
					const chosen = text.trim();
					if (chosen !== 'all' && !names.includes(chosen))
						return api.flash('error', `no container "${chosen}" here; pick one of ${names.join(', ')}`);
					api.update<LogsScreen>(screen.id, (current) => ({
						...current,
						window: {...current.window, container: chosen === 'all' ? undefined : chosen},
						follow: true,
					}));
				});
				return true;
			}
			case 'logs.save': {
				const name = target.label.replace(/[^\w.-]+/g, '-');
				api.saveLog(name, savedText(lines.slice(0, lines.size))).then(
					(file) => api.flash('info', `saved ${lines.size} lines to ${file}`),
					(error: unknown) => api.flash('error', `could not save: ${error instanceof Error ? error.message : String(error)}`),
				);
				return true;
			}
			case 'logs.clear':
				lines.clear();
				api.update<LogsScreen>(screen.id, (current) => ({...current, follow: true, selected: 0, top: 0}));
				return true;
			case 'logs.split':
				api.update<LogsScreen>(screen.id, (current) => ({...current, split: !current.split, tableFocused: false}));
				return true;
		}
		if (command in SINCE) {
			const since = SINCE[command];
			api.update<LogsScreen>(screen.id, (current) => ({
				...current,
				window:
					typeof since === 'number'
						? {...current.window, sinceSeconds: since, tailLines: undefined}
						: {...current.window, sinceSeconds: undefined, tailLines: since},
				follow: true,
			}));
			return true;
		}
		const motion = motionFor(command);
		if (!motion) return false;
		api.update<LogsScreen>(screen.id, (current) => {
			const from = current.follow ? cursor : clampCursor(current, count, bodyHeight);
			const next = moveCursor(from, motion, count, bodyHeight);
			// At the newest line (G, or scrolling down to it) the pane follows again; anywhere else it holds still.
			return {...current, ...next, follow: next.selected >= count - 1};
		});
		return true;
	});

	// The rows to draw: whole lines from the window's top, a wrapped one taking several.
	const rows: {key: string; line: LogLine; piece: string; first: boolean; selected: boolean}[] = [];
	for (let position = cursor.top; position < count && rows.length < bodyHeight; position++) {
		const line = lineAt(position);
		if (!line) break;
		const selected = !screen.follow && position === cursor.selected;
		if (!screen.wrap) {
			rows.push({key: String(line.seq), line, piece: line.text, first: true, selected});
			continue;
		}
		wrapPieces(plainText(line.text), textWidth).forEach((piece, i) => {
			if (rows.length < bodyHeight) rows.push({key: `${line.seq}:${i}`, line, piece, first: i === 0, selected});
		});
	}

	const now = Date.now();
	const searchCount = screen.search === '' ? 0 : lines.matches(screen.search).length;
	const status = [
		streamsText(states, now),
		run.queued > 0 ? `${run.queued} more queued (at most ${MAX_STREAMS} at once)` : '',
		screen.follow ? 'following' : 'paused (G follows)',
		`${count}${shown ? `/${lines.size}` : ''} lines${lines.dropped > 0 ? `, ${lines.dropped} older dropped` : ''}`,
		window.previous ? 'previous run' : '',
		window.sinceSeconds !== undefined ? `since ${sinceName(window.sinceSeconds)}` : window.tailLines === 'all' ? 'from the start' : '',
		typeof window.tailLines === 'number' ? `tail ${window.tailLines}` : '',
		window.container !== undefined ? `container ${window.container}` : '',
		screen.filter !== '' ? `&${screen.filter}` : '',
		screen.search !== '' ? `/${screen.search} (${searchCount})` : '',
		screen.wrap ? 'wrap' : '',
	]
		.filter((part) => part !== '')
		.join(' · ');
	const failed = [...states.values()].some(({state}) => state.phase === 'failed');

	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{screen.split ? (
				<Text wrap="truncate" {...s(focused ? 'crumb.active' : 'crumb.inactive')}>
					{fitText(` ${screen.crumb}${focused ? '' : `  (${focusKey}: back here)`}`, width)}
				</Text>
			) : null}
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{rows.map((row) => {
					const stamp = screen.timestamps ? (row.first ? `${clock(row.line.time)} ` : ' '.repeat(stampWidth)) : '';
					const prefix =
						prefixWidth > 0 ? (row.first ? `${fitText(shortName(row.line.source), prefixWidth)} ` : ' '.repeat(prefixWidth + 1)) : '';
					const style = s(row.selected ? 'table.selected' : row.line.note ? 'text.dim' : 'text.normal');
					return (
						<Text key={row.key} wrap="truncate" {...style}>
							{stamp ? <Text {...s('text.dim')}>{stamp}</Text> : null}
							{prefix ? (
								<Text {...s(SOURCE_TOKENS[sourceColour(row.line.source, SOURCE_TOKENS.length)] ?? 'text.accent')}>{prefix}</Text>
							) : null}
							<LineText text={row.piece} colours={screen.colours} search={screen.search} width={textWidth} match={s('logs.match')} />
						</Text>
					);
				})}
			</Box>
			<Text wrap="truncate" {...s(failed ? 'flash.error' : 'text.dim')}>
				{fitText(status, width)}
			</Text>
		</Box>
	);
}

/** A line's text: its own colours when asked (and then no highlights: they would cut through them), else plain with the search marked. */
function LineText({
	text,
	colours,
	search,
	width,
	match,
}: {
	readonly text: string;
	readonly colours: boolean;
	readonly search: string;
	readonly width: number;
	readonly match: ReturnType<ReturnType<typeof useStyles>>;
}) {
	if (colours && text.includes('\u001b')) return <Text>{`${text}\u001b[0m`}</Text>;
	const plain = plainText(text);
	if (search === '') return <Text>{fitText(plain, width)}</Text>;
	const parts = matchParts(fitText(plain, width), search);
	return (
		<>
			{parts.map((part, i) =>
				part.match ? (
					<Text key={i} {...match}>
						{part.text}
					</Text>
				) : (
					part.text
				),
			)}
		</>
	);
}
