import {Box, Text} from 'ink';
import {fitText} from '../model/textWidth.js';
import {useStyles} from './theme.js';

/** Props of the `:` / `/` prompt. */
export type PromptLineProps = {
	/** `:` or `/`. */
	readonly symbol: string;
	readonly text: string;
	/** Completions shown above the line, best first. */
	readonly completions: readonly string[];
	/** Index of the highlighted completion. */
	readonly selected: number;
	readonly width: number;
};

/** The prompt at the bottom, with its completions stacked above it. */
export function PromptLine({symbol, text, completions, selected, width}: PromptLineProps) {
	const s = useStyles();
	const ghost = completions[selected]?.startsWith(text) ? (completions[selected] ?? '').slice(text.length) : '';
	return (
		<Box flexDirection="column">
			{completions.map((word, i) => (
				<Text key={word} {...s(i === selected ? 'prompt.selected' : 'prompt.completion')} wrap="truncate">
					{fitText(`  ${word}`, Math.min(width, 30))}
				</Text>
			))}
			<Text wrap="truncate">
				<Text {...s('prompt.border')}>{symbol}</Text>
				<Text {...s('prompt.text')}>{text}</Text>
				{/* The cursor sits on the first character of the completion, as in a shell. */}
				<Text inverse>{ghost.charAt(0) || ' '}</Text>
				<Text {...s('prompt.completion')}>{ghost.slice(1)}</Text>
			</Text>
		</Box>
	);
}
