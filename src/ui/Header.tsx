import {Text} from 'ink';
import type {ConnectionState, Engine} from '../sources/types.js';
import {useStyles} from './theme.js';

/** Props of the header line. */
export type HeaderProps = {
	/** Context or engine name. */
	readonly source: string;
	/** Which engine the source is. */
	readonly engine: Engine;
	/** Current namespace; undefined is all namespaces. */
	readonly namespace: string | undefined;
	/** Rows shown after the filter, and before it. */
	readonly counts: {readonly shown: number; readonly total: number} | undefined;
	/** Title of the current screen. */
	readonly title: string;
	/** Connection of the current screen's feed. */
	readonly connection: ConnectionState | undefined;
	/** Whether mutating actions are refused. */
	readonly readonly: boolean;
	/** Ticks once a second while reconnecting, for the countdown. */
	readonly now: number;
};

function connectionText(state: ConnectionState, now: number): string {
	switch (state.phase) {
		case 'live':
			return '● live';
		case 'connecting':
			return '○ connecting';
		case 'reconnecting':
			return `◌ reconnecting in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))} s: ${state.reason}`;
		case 'failed':
			return `✕ ${state.reason}`;
	}
}

/** The top line: where you are, how much there is, and whether the data is live. */
export function Header({source, engine, namespace, counts, title, connection, readonly, now}: HeaderProps) {
	const s = useStyles();
	return (
		<Text wrap="truncate">
			<Text {...s('header.title')}> kview </Text>
			<Text {...s('header.key')}>{engine === 'kubernetes' ? 'ctx ' : engine === 'docker' ? 'engine ' : 'source '}</Text>
			<Text {...s('header.value')}>{source}</Text>
			<Text {...s('text.dim')}>{` (${engine})`}</Text>
			{engine === 'docker' ? null : (
				<>
					<Text {...s('header.key')}> ns </Text>
					<Text {...s('header.value')}>{namespace ?? 'all'}</Text>
				</>
			)}
			<Text {...s('header.key')}> │ </Text>
			<Text {...s('header.value')}>{title}</Text>
			{counts ? <Text {...s('text.dim')}> {counts.shown === counts.total ? counts.total : `${counts.shown}/${counts.total}`}</Text> : null}
			{readonly ? <Text {...s('flash.warn')}> [readonly]</Text> : null}
			{connection ? (
				<>
					<Text {...s('header.key')}> │ </Text>
					<Text {...s(`conn.${connection.phase}`)}>{connectionText(connection, now)}</Text>
				</>
			) : null}
		</Text>
	);
}
