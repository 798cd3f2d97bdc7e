import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {ThemeToken} from '../config/theme.js';
import type {XrayScreen} from '../model/screens.js';
import {fitText} from '../model/textWidth.js';
import {clampCursor, motionFor, moveCursor} from '../model/viewport.js';
import {xrayTree, type XrayHealth, type XrayStatus} from '../model/xray.js';
import {parentRow, xrayBranches, xrayRows} from '../model/xrayView.js';
import type {Scope, Source} from '../sources/types.js';
import type {Store} from '../store/index.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';
import {useFeeds} from './useFeed.js';

/** Props of an xray screen. */
export type XrayPaneProps = {
	readonly screen: XrayScreen;
	readonly width: number;
	readonly height: number;
	readonly api: ScreenApi;
	readonly store: Store;
	readonly source: Source;
	/** The feeds the tree is built from: each kind it reads, in its scope. */
	readonly scopes: Readonly<Record<string, Scope>>;
	readonly health: XrayHealth;
	/** How a kind is named on a node (`deploy`, `pod`). */
	readonly kindName: (kind: string) => string;
	/** Opens an object's view on it. */
	readonly openObject: (kind: string, namespace: string | undefined, name: string) => void;
};

const GLYPHS: Readonly<Record<XrayStatus, readonly [string, ThemeToken]>> = {
	ok: ['●', 'status.ok'],
	done: ['○', 'status.done'],
	pending: ['◌', 'status.pending'],
	warning: ['▲', 'status.warning'],
	error: ['✕', 'status.error'],
	broken: ['⊘', 'status.error'],
};

/**
 * The xray tree, live from the store: every object of the root kind and what it depends on,
 * each with a status glyph and, beside a folded node, the worst status under it.
 */
export function XrayPane({screen, width, height, api, store, source, scopes, health, kindName, openObject}: XrayPaneProps) {
	const s = useStyles();
	const {objects, version} = useFeeds(store, source, scopes);
	// version stands for the feeds' contents, which change in place.
	const trees = useMemo(() => xrayTree(screen.root, objects, health), [screen.root, objects, health, version]);
	const rows = useMemo(() => xrayRows(trees, new Set(screen.collapsed), screen.filter), [trees, screen.collapsed, screen.filter]);
	const bodyHeight = Math.max(1, height - 1);
	const cursor = clampCursor(screen, rows.length, bodyHeight);

	api.setHandler(screen.id, (command) => {
		// Keys of one burst (`zM` then `jjl`) each see what the one before did: the live screen, not this frame's.
		const live = (api.screen(screen.id) as XrayScreen | undefined) ?? screen;
		const rows = xrayRows(trees, new Set(live.collapsed), live.filter);
		const cursor = clampCursor(live, rows.length, bodyHeight);
		const selected = rows[cursor.selected];
		const setCollapsed = (change: (collapsed: Set<string>) => void, selectedIndex = cursor.selected) =>
			api.update<XrayScreen>(screen.id, (current) => {
				const next = new Set(current.collapsed);
				change(next);
				return {...current, collapsed: [...next], selected: selectedIndex};
			});
		const motion = motionFor(command);
		if (motion) {
			api.update<XrayScreen>(screen.id, (current) => ({...current, ...moveCursor(cursor, motion, rows.length, bodyHeight)}));
			return true;
		}
		if (!selected) return command.startsWith('xray.');
		const id = selected.node.id;
		switch (command) {
			case 'xray.expand':
				if (selected.open === false) setCollapsed((c) => c.delete(id));
				else if (selected.open) api.update<XrayScreen>(screen.id, (current) => ({...current, selected: cursor.selected + 1}));
				return true;
			case 'xray.collapse':
				if (selected.open) setCollapsed((c) => c.add(id));
				else {
					const parent = parentRow(rows, cursor.selected);
					if (parent >= 0) api.update<XrayScreen>(screen.id, (current) => ({...current, selected: parent}));
				}
				return true;
			case 'xray.open':
				setCollapsed((c) => c.delete(id));
				return true;
			case 'xray.close':
				if (selected.open !== undefined) setCollapsed((c) => c.add(id));
				return true;
			case 'xray.openAll':
				setCollapsed((c) => c.clear());
				return true;
			case 'xray.closeAll': {
				const branches = xrayBranches(trees);
				// The cursor goes to the root it was under, which stays in sight.
				let root = cursor.selected;
				while (root > 0 && (rows[root]?.depth ?? 0) > 0) root--;
				const rootIndex = rows.slice(0, root).filter((row) => row.depth === 0).length;
				setCollapsed((c) => branches.forEach((b) => c.add(b)), rootIndex);
				return true;
			}
			case 'xray.filter':
				api.ask('/', live.filter, [], (text) =>
					api.update<XrayScreen>(screen.id, (current) => ({...current, filter: text.trim(), selected: 0, top: 0})),
				);
				return true;
			case 'xray.view': {
				const {kind, key, name} = selected.node;
				if (key === undefined) {
					api.flash(
						'warn',
						selected.node.detail === 'not found'
							? `${name} is not there: nothing to open`
							: `${kindName(kind)} ${name} has no view of its own`,
					);
					return true;
				}
				const slash = key.indexOf('/');
				openObject(kind, slash > 0 ? key.slice(0, slash) : undefined, name);
				return true;
			}
			case 'nav.back':
				if (live.filter === '') return false;
				api.update<XrayScreen>(screen.id, (current) => ({...current, filter: '', selected: 0, top: 0}));
				return true;
		}
		return false;
	});

	const visible = rows.slice(cursor.top, cursor.top + bodyHeight);
	const counts = trees.reduce<Record<string, number>>((all, tree) => ({...all, [tree.worst]: (all[tree.worst] ?? 0) + 1}), {});
	const summary = Object.entries(counts)
		.map(([status, n]) => `${n} ${status}`)
		.join(', ');
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{rows.length === 0 ? (
					<Text {...s('text.dim')}>{screen.filter ? `nothing holds "${screen.filter}"` : `no ${screen.root} here`}</Text>
				) : (
					visible.map((row, i) => {
						const [glyph, token] = GLYPHS[row.node.status];
						// A folded node shows the worst status under it, so trouble is seen without opening it.
						const rolled = row.open === false && row.node.worst !== row.node.status ? GLYPHS[row.node.worst] : undefined;
						const isSelected = cursor.top + i === cursor.selected;
						const fold = row.open === undefined ? ' ' : row.open ? '▾' : '▸';
						const label = `${kindName(row.node.kind)} ${row.node.name}${row.node.detail ? ` (${row.node.detail})` : ''}`;
						const indent = '  '.repeat(row.depth);
						const rest = Math.max(0, width - indent.length - 4 - (rolled ? 2 : 0));
						return (
							<Text key={row.node.id} wrap="truncate" {...s(isSelected ? 'table.selected' : 'text.normal')}>
								{`${indent}${fold} `}
								<Text {...(isSelected ? {} : s(token))}>{glyph}</Text>
								{rolled ? <Text {...(isSelected ? {} : s(rolled[1]))}>{` ${rolled[0]}`}</Text> : null}
								{` ${fitText(label, rest)}`}
							</Text>
						);
					})
				)}
			</Box>
			<Text wrap="truncate" {...s('text.dim')}>
				{fitText(`${trees.length} ${screen.root}${summary ? ` (${summary})` : ''}${screen.filter ? ` · /${screen.filter}` : ''}`, width)}
			</Text>
		</Box>
	);
}
