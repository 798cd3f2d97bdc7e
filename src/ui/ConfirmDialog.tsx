import {Box, Text} from 'ink';
import {useStyles} from './theme.js';

/** Props of a confirmation dialog. */
export type ConfirmDialogProps = {
	/** The question, e.g. "Delete pod shop/api-1?". */
	readonly message: string;
	/** Button labels; the first is Cancel and is where the dialog starts. */
	readonly buttons: readonly string[];
	readonly selected: number;
	readonly width: number;
};

/** A question with buttons; destructive dialogs start on Cancel so a stray enter does nothing. */
export function ConfirmDialog({message, buttons, selected, width}: ConfirmDialogProps) {
	const s = useStyles();
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			{...(s('dialog.border').color ? {borderColor: s('dialog.border').color} : {})}
			width={Math.min(width, 70)}
			paddingX={1}
		>
			<Text wrap="truncate-middle">{message}</Text>
			<Text>
				{buttons.map((label, i) => (
					<Text key={label} {...s(i === selected ? 'dialog.buttonActive' : 'dialog.button')}>
						{` ${label} `}
						<Text> </Text>
					</Text>
				))}
			</Text>
		</Box>
	);
}
