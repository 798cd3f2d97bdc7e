import {Box, Text} from 'ink';
import type {Keymap} from '../config/index.js';
import {COMMANDS, isResourceCommand, type CommandDef} from '../keys/commands.js';
import {describeKey} from '../keys/keySpec.js';
import type {HelpScreen as HelpScreenState} from '../model/screens.js';
import {fitText} from '../model/textWidth.js';
import {clampCursor, motionFor, moveCursor} from '../model/viewport.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';

/** Props of the help screen. */
export type HelpScreenProps = {
	readonly screen: HelpScreenState;
	readonly keymap: Keymap;
	readonly width: number;
	readonly height: number;
	readonly api: ScreenApi;
};

type Line = {readonly group?: string; readonly keys?: string; readonly text?: string};

/**
 * Help lines: every command grouped, with its keys from the active keymap. Over a
 * view, the Resource group lists what that view offers (one key may mean scale
 * on deployments and shell on pods); elsewhere it lists every resource command.
 */
export function helpLines(keymap: Keymap, view?: HelpScreenState['view']): Line[] {
	const lines: Line[] = [];
	let group: CommandDef['group'] | undefined;
	for (const command of COMMANDS) {
		if (view && isResourceCommand(command.id) && !view.actions.includes(command.id)) continue;
		if (command.group !== group) {
			if (group) lines.push({});
			group = command.group;
			lines.push({group: group === 'Resource' && view ? `Resource (${view.title})` : group});
		}
		const keys = (keymap.bindings.get(command.id) ?? []).map((seq) => seq.map(describeKey).join(''));
		lines.push({keys: keys.length > 0 ? keys.join(' ') : '(unbound)', text: command.description});
	}
	return lines;
}

/** Two columns of help, the second starting at the group boundary nearest the middle. */
function splitAtGroup(lines: readonly Line[]): Line[][] {
	const half = lines.length / 2;
	let best = -1;
	lines.forEach((line, i) => {
		if (line.group && i > 0 && (best < 0 || Math.abs(i - half) < Math.abs(best - half))) best = i;
	});
	if (best < 0) return [[...lines]];
	// The blank line that separated the groups is not needed at the top of a column.
	const first = lines.slice(0, best);
	if (first.at(-1)?.group === undefined && first.at(-1)?.keys === undefined) first.pop();
	return [first, lines.slice(best)];
}

/** The key help, generated from the command list and the keymap so it can never drift from them. */
export function HelpScreen({screen, keymap, width, height, api}: HelpScreenProps) {
	const s = useStyles();
	const lines = helpLines(keymap, screen.view);
	// Two columns side by side when the terminal is wide enough to read them, split between groups.
	const columnLines = width >= 100 ? splitAtGroup(lines) : [lines];
	const columns = columnLines.length;
	const perColumn = Math.max(...columnLines.map((c) => c.length));
	// One cell between the columns, so a long description never runs into the next column's text.
	const columnWidth = Math.floor(width / columns) - (columns > 1 ? 1 : 0);
	const keyWidth = Math.min(22, Math.max(...lines.map((l) => (l.keys ?? '').length)) + 2);
	const cursor = clampCursor(screen, perColumn, height);
	api.setHandler(screen.id, (command) => {
		const motion = motionFor(command);
		if (!motion) return false;
		api.update<HelpScreenState>(screen.id, (current) => ({
			...current,
			...moveCursor(clampCursor(current, perColumn, height), motion, perColumn, height),
		}));
		return true;
	});
	const rows = Array.from({length: Math.min(height, perColumn - cursor.top)}, (_, i) => cursor.top + i);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{rows.map((row) => (
				<Text key={row} wrap="truncate">
					{Array.from({length: columns}, (_, c) => {
						const line = columnLines[c]?.[row] ?? {};
						if (line.group)
							return (
								<Text key={c} {...s('help.group')}>
									{fitText(` ${line.group}`, columnWidth + (c < columns - 1 ? 1 : 0))}
								</Text>
							);
						return (
							<Text key={c}>
								<Text {...s('help.key')}>{fitText(` ${line.keys ?? ''}`, keyWidth)}</Text>
								<Text {...s('text.normal')}>{fitText(line.text ?? '', columnWidth - keyWidth + (c < columns - 1 ? 1 : 0))}</Text>
							</Text>
						);
					})}
				</Text>
			))}
		</Box>
	);
}
