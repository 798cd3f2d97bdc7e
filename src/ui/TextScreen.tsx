import {Box, Text} from 'ink';
import {fitText} from '../model/textWidth.js';
import {restyleYaml, type TextScreen as TextScreenState} from '../model/screens.js';
import {sanitizeCell} from '../model/sanitize.js';
import {clampCursor, motionFor, moveCursor} from '../model/viewport.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';

/** Props of a scrollable text screen. */
export type TextScreenProps = {
	readonly screen: TextScreenState;
	readonly width: number;
	readonly height: number;
	readonly api: ScreenApi;
};

/** Scrollable text (YAML, describe): the cursor line is highlighted, long lines are cut at the edge. */
export function TextScreen({screen, width, height, api}: TextScreenProps) {
	const s = useStyles();
	const cursor = clampCursor(screen, screen.lines.length, height);
	api.setHandler(screen.id, (command) => {
		if (command === 'yaml.managedFields' || command === 'yaml.reveal' || command === 'yaml.json') {
			const yaml = screen.yaml;
			if (!yaml) return false;
			if (command === 'yaml.reveal' && !yaml.secret && !yaml.env) {
				api.flash('info', "only a Secret or a container's environment has values to reveal");
				return true;
			}
			const change =
				command === 'yaml.reveal'
					? {revealed: !yaml.revealed}
					: command === 'yaml.json'
						? {json: !yaml.json}
						: {managedFields: !yaml.managedFields};
			api.update<TextScreenState>(screen.id, (current) => restyleYaml(current, change));
			if (command === 'yaml.managedFields') api.flash('info', yaml.managedFields ? 'managedFields hidden' : 'managedFields shown');
			return true;
		}
		const motion = motionFor(command);
		if (!motion) return false;
		api.update<TextScreenState>(screen.id, (current) => ({
			...current,
			...moveCursor(clampCursor(current, screen.lines.length, height), motion, screen.lines.length, height),
		}));
		return true;
	});
	const visible = screen.lines.slice(cursor.top, cursor.top + height);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{visible.map((line, i) => (
				// Lines have no identity beyond their position.
				<Text key={cursor.top + i} {...s(cursor.top + i === cursor.selected ? 'table.selected' : 'text.normal')} wrap="truncate">
					{fitText(sanitizeCell(line), width)}
				</Text>
			))}
		</Box>
	);
}
