import {Box, Text} from 'ink';
import {useCallback, useEffect, useRef} from 'react';
import {expanders} from '../model/containers.js';
import type {TableScreen} from '../model/screens.js';
import {engineOf, ENGINE_TITLES, type ViewDef} from '../model/view.js';
import type {Source} from '../sources/types.js';
import type {Store} from '../store/index.js';
import {ResourceScreen} from './ResourceScreen.js';
import type {ScreenApi} from './screenApi.js';
import {useStyles} from './theme.js';
import {useFeed} from './useFeed.js';

/** Props of a table screen's data host. */
export type TableHostProps = {
	readonly store: Store;
	/** The view's engine; undefined while it opens or when it cannot be had. */
	readonly source: Source | undefined;
	/** Why the view's engine cannot be had (no kubeconfig, no Docker engine), shown instead of the table. */
	readonly unavailable?: string | undefined;
	readonly screen: TableScreen;
	readonly view: ViewDef;
	readonly liveFilter: string | undefined;
	readonly allNamespaces: boolean;
	readonly width: number;
	readonly height: number;
	readonly api: ScreenApi;
	readonly clock: () => number;
};

/** Keeps the screen's feed open while it shows and hands it to the table; says so plainly when the engine is not there. */
export function TableHost({source, unavailable, ...rest}: TableHostProps) {
	const s = useStyles();
	if (source) return <FeedTable source={source} {...rest} />;
	const title = ENGINE_TITLES[engineOf(rest.view)];
	// The body keeps its height, so the prompt and flash stay on the bottom line.
	return (
		<Box height={rest.height} flexDirection="column" overflowY="hidden">
			{unavailable ? (
				<Text wrap="wrap" {...s('flash.error')}>{`${title} is not available: ${unavailable}`}</Text>
			) : (
				<Text {...s('text.dim')}>{`connecting to ${title}…`}</Text>
			)}
		</Box>
	);
}

function FeedTable({store, source, screen, view, ...rest}: Omit<TableHostProps, 'unavailable'> & {readonly source: Source}) {
	// A view of another kind's parts (a pod's containers) follows that kind.
	const kind = view.rowsFrom ? (expanders[view.rowsFrom]?.kind ?? view.kind) : view.kind;
	const {feed, version} = useFeed(store, source, kind, screen.scope);
	// The source streams what only shown rows need (container stats) for the keys this screen reports.
	const token = useRef({});
	const onShowing = useCallback((keys: readonly string[]) => source.showing?.(token.current, kind, keys), [kind, source]);
	useEffect(() => () => source.showing?.(token.current, kind, []), [kind, source]);
	return <ResourceScreen screen={screen} view={view} feed={feed} version={version} onShowing={onShowing} {...rest} />;
}
