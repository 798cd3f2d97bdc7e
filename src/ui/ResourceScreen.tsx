import {Box, Text} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import {expanders} from '../model/containers.js';
import {drillTarget, ownedBy} from '../model/drill.js';
import {getField, valueText} from '../model/fieldPath.js';
import {sanitizeCell} from '../model/sanitize.js';
import {parseFilter} from '../model/filter.js';
import {fitColumns, formatLine} from '../model/layout.js';
import {displayWidth} from '../model/textWidth.js';
import {describeLines} from '../model/describe.js';
import {defaultContainer, execTargetFor, logTargetFor} from '../model/logTarget.js';
import {
	execScreen,
	restyleYaml,
	tableScreen,
	textScreen,
	yamlScreen,
	type TableScreen,
	type TextScreen as TextScreenState,
} from '../model/screens.js';
import {TableModel, type Row, type SortState, type TableResult} from '../model/table.js';
import type {ViewDef} from '../model/view.js';
import {clampCursor, motionFor, moveCursor} from '../model/viewport.js';
import type {Feed} from '../store/index.js';
import {describeRow} from './describeLoader.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';

/** Props of a resource table screen. */
export type ResourceScreenProps = {
	readonly screen: TableScreen;
	readonly view: ViewDef;
	readonly feed: Feed;
	/** Feed version; a new one rebuilds rows. */
	readonly version: number;
	/** Filter text being typed (live), overriding the screen's applied filter. */
	readonly liveFilter: string | undefined;
	/** Whether the view spans every namespace (shows the NAMESPACE column). */
	readonly allNamespaces: boolean;
	readonly width: number;
	/** Lines for the table, header included. */
	readonly height: number;
	readonly api: ScreenApi;
	readonly clock: () => number;
	/** Told the keys of the rows on screen whenever they change (container stats stream only for those). */
	readonly onShowing?: (keys: readonly string[]) => void;
};

/** A row's object name as written (a row's filter name is lower-cased and namespace-prefixed). */
function nameOf(row: Row): string {
	return sanitizeCell(valueText(getField(row.object, 'metadata.name'))) || row.key;
}

/** How long a changed row stays marked. */
const CHANGED_MS = 1500;

/** Resolves the screen's sort (by header) to a column index of the active columns. */
function resolveSort(model: TableModel, screen: TableScreen, view: ViewDef): SortState {
	const wanted = screen.sort ?? view.sort;
	const index = model.columnIndex(wanted.column);
	return index >= 0 ? {column: index, descending: wanted.descending} : {column: Math.max(0, model.columnIndex('NAME')), descending: false};
}

/**
 * A virtualized resource table: rows are built for the whole feed (cached per
 * object), but only the visible window is laid out and rendered, one <Text> per row.
 */
export function ResourceScreen({
	screen,
	view,
	feed,
	version,
	liveFilter,
	allNamespaces,
	width,
	height,
	api,
	clock,
	onShowing,
}: ResourceScreenProps) {
	const s = useStyles();
	const model = useMemo(() => new TableModel(view, {wide: screen.wide, allNamespaces}, clock), [view, screen.wide, allNamespaces, clock]);
	const sort = resolveSort(model, screen, view);
	const filterText = liveFilter ?? screen.filter;
	const filter = useMemo(() => parseFilter(filterText), [filterText]);
	// A drill-down by owner (cronjob -> its jobs) keeps the rows that name the owner; the API cannot select them.
	// The feed's map is mutated in place, so its version is what says it changed.
	const owner = screen.owner;
	const expand = view.rowsFrom ? expanders[view.rowsFrom]?.expand : undefined;
	const objects = useMemo(() => {
		const owned = owner ? new Map([...feed.objects].filter(([, object]) => ownedBy(object, owner))) : feed.objects;
		return expand ? expand(owned) : owned;
	}, [feed.objects, version, owner, expand]);
	const result: TableResult = model.build(objects, version, sort, filter);
	const bodyHeight = Math.max(1, height - 1);

	// The selection follows its row by key while rows move; by index when the row left.
	let cursorIndex = screen.selected;
	let found = screen.selectedKey === undefined ? -1 : screen.selected;
	if (screen.selectedKey !== undefined && result.rows[screen.selected]?.key !== screen.selectedKey) {
		found = result.rows.findIndex((r) => r.key === screen.selectedKey);
		if (found >= 0) cursorIndex = found;
	}
	const cursor = clampCursor({selected: cursorIndex, top: screen.top}, result.rows.length, bodyHeight);
	// The selected object is gone (deleted): the cursor now belongs to the row that took its place, or later
	// changes above it would carry the cursor on to yet another row. A row only filtered out keeps its claim,
	// so clearing the filter finds it again.
	const adopted =
		screen.selectedKey !== undefined && found < 0 && !objects.has(screen.selectedKey) ? result.rows[cursor.selected]?.key : undefined;
	useEffect(() => {
		if (adopted !== undefined)
			api.update<TableScreen>(screen.id, (current) =>
				current.selectedKey === adopted ? current : {...current, selected: cursor.selected, selectedKey: adopted},
			);
	}, [api, screen.id, adopted, cursor.selected]);
	/**
	 * The row under the cursor when a key runs: a burst of keys ("jjjD") reaches the
	 * handler before a re-render, so read the screen's latest state, not this render's.
	 */
	const rowAtCursor = () => {
		const current = api.screen(screen.id);
		if (current?.type !== 'table' || current === screen) return result.rows[cursor.selected];
		const byKey = current.selectedKey === undefined ? undefined : result.rows.find((r) => r.key === current.selectedKey);
		return byKey ?? result.rows[Math.min(current.selected, result.rows.length - 1)];
	};

	useEffect(() => {
		api.setCounts({shown: result.rows.length, total: result.total});
	}, [api, result.rows.length, result.total]);
	useEffect(() => {
		api.setConnection(feed.state);
	}, [api, feed.state]);
	useEffect(() => {
		if (filter.type === 'invalid') api.flash('error', `filter: ${filter.message}`);
	}, [api, filter]);

	api.setHandler(screen.id, (command) => {
		const motion = motionFor(command);
		if (motion) {
			api.update<TableScreen>(screen.id, (current) => {
				// Keys of one burst ("jjj") arrive before a re-render: each moves on from the last.
				const from = current === screen ? cursor : {selected: current.selected, top: current.top};
				const next = moveCursor(from, motion, result.rows.length, bodyHeight);
				return {...current, ...next, selectedKey: result.rows[next.selected]?.key};
			});
			return true;
		}
		const selectedRow = rowAtCursor();
		switch (command) {
			case 'table.sortNext':
			case 'table.sortPrev': {
				const step = command === 'table.sortNext' ? 1 : -1;
				const next = (sort.column + step + model.columns.length) % model.columns.length;
				const column = model.columns[next]?.header ?? 'NAME';
				api.update<TableScreen>(screen.id, (current) => ({...current, sort: {column, descending: false}}));
				return true;
			}
			case 'table.sortReverse': {
				const column = model.columns[sort.column]?.header ?? 'NAME';
				api.update<TableScreen>(screen.id, (current) => ({...current, sort: {column, descending: !sort.descending}}));
				return true;
			}
			case 'table.wide':
				api.update<TableScreen>(screen.id, (current) => ({...current, wide: !current.wide}));
				return true;
			case 'nav.drill': {
				if (!selectedRow) return true;
				if (view.enterCommand) {
					api.runCommandLine(view.enterCommand.replaceAll('{name}', nameOf(selectedRow)));
					return true;
				}
				if (!view.drillDown) {
					api.flash('warn', `${view.title} have nothing to open`);
					return true;
				}
				const target = drillTarget(view.drillDown, selectedRow.object, nameOf(selectedRow));
				if ('error' in target) api.flash('warn', target.error);
				else api.push(tableScreen(target.kind, target.scope, target.crumb, target.owner));
				return true;
			}
			case 'resource.describe': {
				if (!selectedRow) return true;
				if (!view.actions.includes('resource.describe')) return false;
				const row = selectedRow;
				const secret = view.kind === 'secrets';
				const screen = textScreen(`describe(${nameOf(row)})`, describeLines(row.object, [], Date.now(), secret));
				api.push(screen);
				// Events, related objects and the whole object come from the source; until then the projection stands in.
				void describeRow(api, view.kind, row, secret).then((lines) =>
					api.update<TextScreenState>(screen.id, (current) => ({...current, lines})),
				);
				return true;
			}
			case 'resource.yaml': {
				if (!selectedRow) return true;
				// The store holds a projection; show it at once and swap in the whole object when it arrives.
				const screen = yamlScreen(
					`yaml(${nameOf(selectedRow)})`,
					selectedRow.object,
					view.kind === 'secrets',
					view.engine === 'docker' && view.kind === 'containers',
				);
				api.push(screen);
				api.fetchObject(view.kind, selectedRow.key).then(
					(full) => {
						if (full) api.update<TextScreenState>(screen.id, (current) => restyleYaml(current, {object: full}));
					},
					(error: unknown) =>
						api.flash(
							'error',
							`could not fetch ${nameOf(selectedRow)}: ${error instanceof Error ? error.message : String(error)}; showing what kview keeps`,
						),
				);
				return true;
			}
			case 'resource.logs': {
				if (!selectedRow || !view.actions.includes(command)) return false;
				const target = logTargetFor(view, selectedRow.key, selectedRow.object, nameOf(selectedRow));
				if ('error' in target) api.flash('warn', target.error);
				else api.showLogs(`logs(${nameOf(selectedRow)})`, target);
				return true;
			}
			case 'resource.shell':
			case 'resource.attach': {
				if (!selectedRow || !view.actions.includes(command)) return false;
				const target = execTargetFor(view.kind, selectedRow.key);
				if (!target) return false;
				const attach = command === 'resource.attach';
				const name = nameOf(selectedRow);
				const open = (container?: string) =>
					api.push(
						execScreen(`${attach ? 'attach' : 'shell'}(${name}${container ? `/${container}` : ''})`, {
							...target,
							...(container ? {container} : {}),
							...(attach ? {attach} : {}),
						}),
					);
				// A pod with several containers asks which, as k9s does; the default one is offered first (init containers have ended: not offered).
				const containers =
					target.kind === 'pods' && !target.container
						? ((getField(selectedRow.object, 'spec.containers') as {name?: unknown}[] | undefined) ?? []).flatMap((c) =>
								typeof c.name === 'string' ? [c.name] : [],
							)
						: [];
				if (containers.length < 2) open();
				else {
					const first = defaultContainer(selectedRow.object);
					const choices = [...new Set([...(first ? [first] : []), ...containers])];
					api.ask('container: ', '', choices, (text) => {
						const chosen = text.trim();
						if (!choices.includes(chosen))
							return api.flash('error', `no container "${chosen}" in ${name}; pick one of ${choices.join(', ')}`);
						open(chosen);
					});
				}
				return true;
			}
			case 'resource.top':
			case 'resource.history': {
				if (!selectedRow || !view.actions.includes(command)) return false;
				const report = command.slice('resource.'.length);
				const screen = textScreen(`${report}(${nameOf(selectedRow)})`, [`asking the engine for ${report}…`]);
				api.push(screen);
				api.report(view.kind, selectedRow.key, report).then(
					(lines) => api.update<TextScreenState>(screen.id, (current) => ({...current, lines: lines.length > 0 ? lines : ['(nothing)']})),
					(error: unknown) =>
						api.update<TextScreenState>(screen.id, (current) => ({
							...current,
							lines: [`${report}: ${error instanceof Error ? error.message : String(error)}`],
						})),
				);
				return true;
			}
			case 'resource.prune':
				if (!view.actions.includes(command)) return false;
				// The engine prunes everywhere: a summary of a drilled-down subset would not say what goes.
				if (Object.keys(screen.scope).length > 0 || screen.owner) {
					api.flash('warn', `prune works on the whole engine: open :${view.kind} and prune there`);
					return true;
				}
				api.resourceAction(
					command,
					view,
					undefined,
					// Everything the engine would prune, filtered out or not.
					[...objects].map(([key, object]) => ({key, name: sanitizeCell(valueText(getField(object, 'metadata.name'))) || key, object})),
				);
				return true;
			default:
				if (command.startsWith('resource.') && selectedRow) {
					api.resourceAction(command, view, {key: selectedRow.key, name: nameOf(selectedRow), object: selectedRow.object});
					return true;
				}
				return false;
		}
	});

	const headerCells = model.columns.map((c, i) => (i === sort.column ? `${c.header}${sort.descending ? '↓' : '↑'}` : c.header));
	// The sort arrow widens its header by one; an empty or narrow column must still show it whole.
	const natural = result.widths.map((w, i) => (i === sort.column ? Math.max(w, displayWidth(headerCells[i] ?? '')) : w));
	const fit = fitColumns(
		natural,
		model.columns.map((c) => c.maxWidth),
		width,
		model.columns.map((c) => (c.shrinkFirst ? Math.max(3, displayWidth(c.header)) : undefined)),
	);
	const aligns = model.columns.map((c) => c.align);
	const visible = result.rows.slice(cursor.top, cursor.top + bodyHeight);
	const shownKeys = visible.map((row) => row.key).join('\n');
	useEffect(() => {
		onShowing?.(shownKeys === '' ? [] : shownKeys.split('\n'));
	}, [onShowing, shownKeys]);
	// Rows that changed a moment ago stand out; the wall clock, as the store stamps changes with it.
	const now = Date.now();
	const freshUntil = visible.map((row) => (feed.changedAt.get(row.key) ?? -Infinity) + CHANGED_MS);
	const nextExpiry = Math.min(...freshUntil.filter((t) => t > now));
	const empty = result.rows.length === 0;
	// Before the first list the body has room to say in full what the header can only begin to.
	const state = feed.state;
	const emptyText = feed.synced
		? result.total === 0
			? (view.emptyText ?? `no ${view.title.toLowerCase()} here`)
			: 'no rows match the filter'
		: state.phase === 'failed'
			? `✕ ${state.reason}`
			: state.phase === 'reconnecting'
				? `◌ ${state.reason} (retrying)`
				: 'loading…';

	// One redraw when the last mark fades, then nothing: an idle table writes no bytes.
	const [, setFaded] = useState(0);
	useEffect(() => {
		if (!Number.isFinite(nextExpiry)) return;
		const timer = setTimeout(() => setFaded((n) => n + 1), nextExpiry - Date.now() + 5);
		return () => clearTimeout(timer);
	}, [nextExpiry]);

	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text {...s('table.header')} wrap="truncate">
				{formatLine(headerCells, fit, aligns, width)}
			</Text>
			{empty ? (
				<Text {...s(!feed.synced && state.phase === 'failed' ? 'status.error' : 'text.dim')} wrap={feed.synced ? 'truncate' : 'wrap'}>
					{` ${emptyText}`}
				</Text>
			) : (
				visible.map((row, i) => {
					const selected = cursor.top + i === cursor.selected;
					const token = selected ? 'table.selected' : row.health ? (`status.${row.health}` as const) : 'table.row';
					const style = !selected && (freshUntil[i] ?? 0) > now ? {...s(token), ...s('table.changed')} : s(token);
					return (
						<Text key={row.key} {...style} wrap="truncate">
							{formatLine(model.liveCells(row), fit, aligns, width)}
						</Text>
					);
				})
			)}
		</Box>
	);
}
