import {Box, Text} from 'ink';
import {useStyles} from './theme.js';

/** Props of a confirmation dialog. */
export type ConfirmDialogProps = {
	/** The question, e.g. "Delete pod shop/api-1?". */
	readonly message: string;
	/** Button labels; the first is Cancel and is where the dialog starts. */
	readonly buttons: readonly string[];
	/** Index of the highlighted button. */
	readonly selected: number;
	/** Columns available. */
	readonly width: number;
	/** One line without a border, for terminals too short for the box. */
	readonly compact: boolean;
};

/** A question with buttons; destructive dialogs start on Cancel so a stray enter does nothing. */
export function ConfirmDialog({message, buttons, selected, width, compact}: ConfirmDialogProps) {
	const s = useStyles();
	const row = buttons.map((label, i) => (
		<Text key={label}>
			<Text {...s(i === selected ? 'dialog.buttonActive' : 'dialog.button')}>{` ${label} `}</Text>
			<Text> </Text>
		</Text>
	));
	if (compact) {
		return (
			<Text wrap="truncate">
				<Text {...s('dialog.border')}>{`${message} `}</Text>
				{row}
			</Text>
		);
	}
	const border = s('dialog.border').color;
	return (
		<Box flexDirection="column" borderStyle="round" {...(border ? {borderColor: border} : {})} width={Math.min(width, 70)} paddingX={1}>
			<Text wrap="truncate-middle">{message}</Text>
			<Text>{row}</Text>
		</Box>
	);
}
