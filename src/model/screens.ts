import type {ExecRequest, Scope} from '../sources/types.js';
import type {DrillOwner} from './drill.js';
import type {LogTarget, LogWindow} from './logSelection.js';
import type {Cursor} from './viewport.js';
import {yamlLines, type YamlOptions} from './yamlView.js';

/** A table of one kind in one scope. */
export type TableScreen = Cursor & {
	readonly type: 'table';
	readonly id: number;
	readonly kind: string;
	readonly scope: Scope;
	/** Breadcrumb text. */
	readonly crumb: string;
	/** Applied `/` filter text. */
	readonly filter: string;
	/** Sort by column header; undefined means the view's default. */
	readonly sort: {readonly column: string; readonly descending: boolean} | undefined;
	readonly wide: boolean;
	/** Key of the selected row, so the selection follows it while rows move. */
	readonly selectedKey: string | undefined;
	/** Only the objects this owner owns (a drill-down the API cannot express as a selector). */
	readonly owner?: DrillOwner;
};

/** Scrollable text: YAML, describe output. */
export type TextScreen = Cursor & {
	readonly type: 'text';
	readonly id: number;
	readonly crumb: string;
	readonly lines: readonly string[];
	/** For YAML: the object and how it is shown, so the toggles can redraw it. */
	readonly yaml?: {readonly object: Readonly<Record<string, unknown>>} & YamlOptions;
};

/** The generated key help. */
export type HelpScreen = Cursor & {
	readonly type: 'help';
	readonly id: number;
	readonly crumb: string;
	/** The view help was opened over: only its resource actions are listed (keys are shared across kinds). */
	readonly view?: {readonly title: string; readonly actions: readonly string[]};
};

/** A log followed live: the lines live in the pane's buffer, the screen holds how they are shown. */
export type LogsScreen = Cursor & {
	readonly type: 'logs';
	readonly id: number;
	readonly crumb: string;
	readonly target: LogTarget;
	/** Where the streams start and which container; a change starts them again. */
	readonly window: LogWindow;
	/** Stick to the newest line; scrolling back pauses, going to the bottom follows again. */
	readonly follow: boolean;
	/** Show each line's time. */
	readonly timestamps: boolean;
	/** Wrap long lines instead of cutting them at the edge. */
	readonly wrap: boolean;
	/** Keep the log's own SGR colours. */
	readonly colours: boolean;
	/** Highlighted text, '' for none; n/N jump between its lines. */
	readonly search: string;
	/** Only lines holding this, '' for all. */
	readonly filter: string;
	/** Drawn under the table it was opened from, rather than full screen. */
	readonly split: boolean;
	/** In a split, whether keys go to the table above. */
	readonly tableFocused: boolean;
};

/** A shell (or an attach) in a container, drawn by the pane's terminal emulator. */
export type ExecScreen = {
	readonly type: 'exec';
	readonly id: number;
	readonly crumb: string;
	/** What to run; the pane adds its size. */
	readonly request: Omit<ExecRequest, 'cols' | 'rows'>;
};

/** The xray tree of a kind: each object and what it depends on. */
export type XrayScreen = Cursor & {
	readonly type: 'xray';
	readonly id: number;
	readonly crumb: string;
	/** The root kind (`deployments`). */
	readonly root: string;
	/** Undefined: all namespaces. */
	readonly namespace: string | undefined;
	/** Ids of the nodes folded shut; every other node is open. */
	readonly collapsed: readonly string[];
	/** Only the nodes whose name holds this, with their ancestors; '' for all. */
	readonly filter: string;
};

/** One entry of the navigation stack; `esc` pops it. */
export type Screen = TableScreen | TextScreen | HelpScreen | LogsScreen | ExecScreen | XrayScreen;

let nextId = 1;

/** A fresh table screen. */
export function tableScreen(kind: string, scope: Scope, crumb: string, owner?: DrillOwner): TableScreen {
	return {
		...(owner ? {owner} : {}),
		type: 'table',
		id: nextId++,
		kind,
		scope,
		crumb,
		filter: '',
		sort: undefined,
		wide: false,
		selectedKey: undefined,
		selected: 0,
		top: 0,
	};
}

/** A fresh text screen. */
export function textScreen(crumb: string, lines: readonly string[]): TextScreen {
	return {type: 'text', id: nextId++, crumb, lines, selected: 0, top: 0};
}

/** A YAML screen for an object: managedFields hidden, a Secret's values (or a container's secret-looking environment) masked. */
export function yamlScreen(crumb: string, object: Readonly<Record<string, unknown>>, secret: boolean, env = false): TextScreen {
	const yaml = {object, managedFields: false, secret, env, revealed: false};
	return {...textScreen(crumb, yamlLines(object, yaml)), yaml};
}

/** The same YAML screen with its object or options changed; the cursor stays where it was. */
export function restyleYaml(screen: TextScreen, change: Partial<NonNullable<TextScreen['yaml']>>): TextScreen {
	if (!screen.yaml) return screen;
	const yaml = {...screen.yaml, ...change};
	return {...screen, yaml, lines: yamlLines(yaml.object, yaml)};
}

/** A fresh logs screen, following from the tail; `split` when opened in a split that was open before. */
export function logsScreen(crumb: string, target: LogTarget, split = false): LogsScreen {
	return {
		type: 'logs',
		id: nextId++,
		crumb,
		target,
		window: {},
		follow: true,
		timestamps: false,
		wrap: false,
		colours: false,
		search: '',
		filter: '',
		split,
		tableFocused: false,
		selected: 0,
		top: 0,
	};
}

/** A fresh exec screen. */
export function execScreen(crumb: string, request: Omit<ExecRequest, 'cols' | 'rows'>): ExecScreen {
	return {type: 'exec', id: nextId++, crumb, request};
}

/** A fresh xray screen, every node open. */
export function xrayScreen(root: string, namespace: string | undefined): XrayScreen {
	return {type: 'xray', id: nextId++, crumb: `xray(${root})`, root, namespace, collapsed: [], filter: '', selected: 0, top: 0};
}

/** A fresh help screen. */
export function helpScreen(view?: {readonly title: string; readonly actions: readonly string[]}): HelpScreen {
	return {type: 'help', id: nextId++, crumb: 'help', selected: 0, top: 0, ...(view ? {view} : {})};
}

/** The crumb for a view opened from `:`: `pods(shop)` or `pods(all)`. */
export function viewCrumb(kind: string, namespaced: boolean, namespace: string | undefined): string {
	return namespaced ? `${kind}(${namespace ?? 'all'})` : kind;
}
