import {expanders} from '../model/containers.js';
import type {TableScreen} from '../model/screens.js';
import type {ViewDef} from '../model/view.js';
import type {Source} from '../sources/types.js';
import type {Store} from '../store/index.js';
import {ResourceScreen} from './ResourceScreen.js';
import type {ScreenApi} from './screenApi.js';
import {useFeed} from './useFeed.js';

/** Props of a table screen's data host. */
export type TableHostProps = {
	readonly store: Store;
	readonly source: Source;
	readonly screen: TableScreen;
	readonly view: ViewDef;
	readonly liveFilter: string | undefined;
	readonly allNamespaces: boolean;
	readonly width: number;
	readonly height: number;
	readonly api: ScreenApi;
	readonly clock: () => number;
};

/** Keeps the screen's feed open while it shows and hands it to the table. */
export function TableHost({store, source, screen, view, ...rest}: TableHostProps) {
	// A view of another kind's parts (a pod's containers) follows that kind.
	const kind = view.rowsFrom ? (expanders[view.rowsFrom]?.kind ?? view.kind) : view.kind;
	const {feed, version} = useFeed(store, source, kind, screen.scope);
	return <ResourceScreen screen={screen} view={view} feed={feed} version={version} {...rest} />;
}
