import {Text} from 'ink';
import {useStyles} from './theme.js';

/** Props of the breadcrumb line. */
export type CrumbsProps = {
	/** Crumbs from the root screen to the current one. */
	readonly crumbs: readonly string[];
	/** Extra text at the end (sort and filter of the current table). */
	readonly info: string;
};

/** The second line: the navigation stack, newest last, then the table's sort and filter. */
export function Crumbs({crumbs, info}: CrumbsProps) {
	const s = useStyles();
	return (
		<Text wrap="truncate">
			{crumbs.map((crumb, i) => (
				<Text key={`${i}-${crumb}`}>
					<Text {...s(i === crumbs.length - 1 ? 'crumb.active' : 'crumb.inactive')}>{` ${crumb} `}</Text>
					<Text> </Text>
				</Text>
			))}
			<Text {...s('text.dim')}>{info}</Text>
		</Text>
	);
}
