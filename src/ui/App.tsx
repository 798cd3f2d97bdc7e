import {Box, Text, useApp, useInput, useStdout, useWindowSize} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {Config} from '../config/index.js';
import os from 'node:os';
import {isDeepStrictEqual} from 'node:util';
import {EMPTY_STATE, lastNamespaceOf, loadState, rememberContext, rememberNamespace, saveState, type KviewState} from '../config/state.js';
import {commandById, isResourceCommand} from '../keys/commands.js';
import {tokensFromInk, type KeyToken} from '../keys/keySpec.js';
import {KeyMatcher} from '../keys/matcher.js';
import {argumentKind, commandWords, completeArgument, completeCommand, parseCommandLine} from '../model/commandLine.js';
import {discoveredView} from '../model/discoveredView.js';
import type {LogTarget} from '../model/logSelection.js';
import {healthFields} from '../model/computed.js';
import {XRAY_KINDS} from '../model/xray.js';
import {
	helpScreen,
	logsScreen,
	tableScreen,
	viewCrumb,
	xrayScreen,
	type LogsScreen,
	type Screen,
	type TableScreen,
} from '../model/screens.js';
import {engineOf, ENGINE_TITLES, type EngineName, type ViewDef} from '../model/view.js';
import type {ConnectionState, Scope, Source} from '../sources/types.js';
import type {Store} from '../store/index.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {Crumbs} from './Crumbs.js';
import {Header} from './Header.js';
import {HelpScreen} from './HelpScreen.js';
import {ExecPane} from './ExecPane.js';
import {XrayPane} from './XrayPane.js';
import {saveLogFile} from './logFile.js';
import {LogPane} from './LogPane.js';
import {PromptLine} from './PromptLine.js';
import type {FlashLevel, ScreenApi} from './screenApi.js';
import {ScreenBoundary} from './ScreenBoundary.js';
import {TableHost} from './TableHost.js';
import {TextScreen} from './TextScreen.js';
import {ThemeProvider, useStyles} from './theme.js';
import {actionRunner} from './resourceActions.js';
import type {EngineAccess} from './engines.js';
import {usePromptKeys, type Prompt} from './usePromptKeys.js';

/** Props of the whole app. */
export type AppProps = {
	readonly config: Config;
	readonly store: Store;
	/** The source opened before the UI: the first view's engine (the other opens when a view needs it), or the memory source serving every view. */
	readonly source: Source;
	/** How to open and switch each engine; without one, that engine's views say it is not available. */
	readonly engines?: Partial<Record<EngineName, EngineAccess>>;
	/** View kind to open first. */
	readonly initialView: string;
	/** Starting namespace; undefined is all namespaces. */
	readonly namespace: string | undefined;
	/** Problems found while loading data files, shown once in the flash line. */
	readonly notices: readonly string[];
	/** Clock for ages (fixed in golden tests). */
	readonly clock?: () => number;
	/** Where recently used contexts and namespaces are remembered; nothing is remembered without it. */
	readonly stateDir?: string;
	/**
	 * -n or -A was given, so `namespace` holds even for a Kubernetes engine opened later; otherwise a
	 * cluster opened after the UI started (Docker first) starts where its context says, as at startup.
	 */
	readonly namespaceGiven?: boolean;
};

type Dialog = {
	readonly message: string;
	readonly buttons: readonly string[];
	readonly selected: number;
	/** Called with the chosen button's index when it is not Cancel (index 0). */
	readonly onAccept: (index: number) => void;
};
type Flash = {readonly level: FlashLevel; readonly text: string};

/** Lines outside the screen body: header, crumbs, flash/prompt, and one spare so a frame never fills the terminal (ink#450). */
const CHROME_LINES = 4;
/** A table needs its header and one row to be worth drawing. */
const MIN_BODY = 2;

/** The app shell: header, crumbs, the top screen of the stack, and the flash or prompt line. */
export function App(props: AppProps) {
	return (
		<ThemeProvider value={props.config.theme}>
			<Shell {...props} />
		</ThemeProvider>
	);
}

function Shell({
	config,
	store,
	source: initialSource,
	initialView,
	namespace: initialNamespace,
	notices,
	clock = Date.now,
	engines,
	stateDir,
	namespaceGiven = false,
}: AppProps) {
	const {exit, suspendTerminal} = useApp();
	const {stdout} = useStdout();
	const {columns, rows} = useWindowSize();
	const s = useStyles();
	// Views made on the fly for kinds the cluster serves without a views file (CRDs); a ref, as a `:` line opens one at once.
	const discovered = useRef(new Map<string, ViewDef>());
	const viewOf = useCallback((kind: string) => config.views.get(kind) ?? discovered.current.get(kind), [config.views]);
	const firstView = viewOf(initialView);
	const [screens, setScreensState] = useState<readonly Screen[]>(() => [
		tableScreen(
			initialView,
			firstView?.namespaced && initialNamespace ? {namespace: initialNamespace} : {},
			viewCrumb(initialView, firstView?.namespaced ?? false, initialNamespace),
		),
	]);
	const [namespace, setNamespaceState] = useState(initialNamespace);
	// One source per engine: the memory source (tests) serves every view; otherwise each engine opens when a view of it first shows.
	const memory = initialSource.engine === 'memory';
	const [sources, setSourcesState] = useState<Partial<Record<EngineName, Source>>>(() =>
		memory ? {} : {[engineOf({engine: initialSource.engine})]: initialSource},
	);
	const [problems, setProblems] = useState<Partial<Record<EngineName, string>>>({});
	const liveSources = useRef(sources);
	const setSources = useCallback((fn: (all: Partial<Record<EngineName, Source>>) => Partial<Record<EngineName, Source>>) => {
		liveSources.current = fn(liveSources.current);
		setSourcesState(liveSources.current);
	}, []);
	/** The source behind a view (or a kind), if its engine is open. */
	const sourceOf = useCallback(
		(kindOrView: string | ViewDef | undefined): Source | undefined => {
			if (memory) return initialSource;
			const view = typeof kindOrView === 'string' ? viewOf(kindOrView) : kindOrView;
			return view ? liveSources.current[engineOf(view)] : undefined;
		},
		[initialSource, memory, viewOf],
	);
	// The Kubernetes source for what only it does (namespaces, contexts, discovery); the memory source stands in for tests.
	const kube = memory ? initialSource : sources.kubernetes;
	const kubeLabel = kube?.label ?? '';
	const recents = useRef<KviewState>(stateDir ? loadState(stateDir) : EMPTY_STATE);
	const remember = useCallback(
		(update: (state: KviewState) => KviewState) => {
			const next = update(recents.current);
			// Written only when something changed: a start in the same place writes nothing.
			if (isDeepStrictEqual(next, recents.current)) return undefined;
			recents.current = next;
			return stateDir ? saveState(stateDir, recents.current) : undefined;
		},
		[stateDir],
	);
	/** Moves to a namespace (undefined: all) and remembers it as where this context was left; returns a problem saving that, if any. */
	const setNamespace = useCallback(
		(ns: string | undefined, context: string) => {
			setNamespaceState(ns);
			return remember((st) => rememberNamespace(st, context, ns));
		},
		[remember],
	);
	// Where the user starts (-n, or the context's namespace) is where this context was last used.
	useEffect(() => {
		if (initialSource.engine === 'kubernetes') remember((st) => rememberNamespace(st, initialSource.label, initialNamespace));
	}, [initialNamespace, initialSource, remember]);
	const [prompt, setPromptState] = useState<Prompt | undefined>(undefined);
	const [dialog, setDialogState] = useState<Dialog | undefined>(undefined);
	const [flash, setFlash] = useState<Flash | undefined>(notices.length > 0 ? {level: 'warn', text: notices.join(' · ')} : undefined);
	const [counts, setCountsState] = useState<{shown: number; total: number} | undefined>(undefined);
	const [connection, setConnection] = useState<ConnectionState | undefined>(undefined);

	// Mirrors of state that a burst of keys in one input event must see updated between keys.
	const live = useRef({screens, prompt, dialog});
	const setScreens = useCallback((fn: (s: readonly Screen[]) => readonly Screen[]) => {
		live.current.screens = fn(live.current.screens);
		setScreensState(live.current.screens);
	}, []);
	const setPrompt = useCallback((next: Prompt | undefined) => {
		live.current.prompt = next;
		setPromptState(next);
	}, []);
	const setDialog = useCallback((next: Dialog | undefined) => {
		live.current.dialog = next;
		setDialogState(next);
	}, []);

	// Each screen's command handler, set as it renders; keys go to the focused screen's.
	const handlers = useRef(new Map<number, (command: string) => boolean>());
	// Screens that take raw keys (a shell): every key their mode's commands do not claim.
	const rawKeys = useRef(new Map<number, (token: KeyToken) => boolean>());
	useEffect(() => {
		for (const id of handlers.current.keys()) if (!screens.some((sc) => sc.id === id)) handlers.current.delete(id);
		for (const id of rawKeys.current.keys()) if (!screens.some((sc) => sc.id === id)) rawKeys.current.delete(id);
	}, [screens]);
	// Whether the last log pane was split, so the next opens the same way.
	const lastSplit = useRef(false);
	// Set once runCommandLine exists; screens run `:` lines through it (enter on a context).
	const commandLine = useRef<(text: string) => void>(() => undefined);
	const flashTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	const showFlash = useCallback((level: FlashLevel, text: string) => {
		setFlash({level, text});
		if (flashTimer.current) clearTimeout(flashTimer.current);
		flashTimer.current = setTimeout(() => setFlash(undefined), level === 'error' ? 8000 : 4000);
		flashTimer.current.unref();
	}, []);

	useEffect(() => engines?.kubernetes?.subscribeMessages?.((text) => showFlash('warn', text)), [engines, showFlash]);

	const api: ScreenApi = useMemo(
		() => ({
			update: (id, fn) => setScreens((all) => all.map((sc) => (sc.id === id ? fn(sc as never) : sc))),
			screen: (id) => live.current.screens.find((sc) => sc.id === id),
			push: (screen) => setScreens((all) => [...all, screen]),
			flash: showFlash,
			setHandler: (id, h) => {
				handlers.current.set(id, h);
			},
			setCounts: (next) => setCountsState((prev) => (prev && prev.shown === next.shown && prev.total === next.total ? prev : next)),
			setConnection,
			runCommandLine: (text) => commandLine.current(text),
			fetchObject: (kind, key) => sourceOf(kind)?.fetch?.(kind, key) ?? Promise.resolve(undefined),
			fetchEvents: (object) => sourceOf('events')?.events?.(object) ?? Promise.resolve([]),
			listObjects: (kind, scope) => sourceOf(kind)?.list?.(kind, scope) ?? Promise.resolve(undefined),
			openLogs: (request, sink) => {
				const source = sourceOf(request.kind);
				if (source?.logs) return source.logs(request, sink);
				sink.state({phase: 'failed', reason: `no logs here: the ${request.kind} source keeps none`});
				return {stop: () => undefined};
			},
			report: (kind, key, name) => sourceOf(kind)?.report?.(kind, key, name) ?? Promise.reject(new Error(`no ${name} here`)),
			openExec: (request, sink) => {
				const source = sourceOf(request.kind);
				if (source?.exec) return source.exec(request, sink);
				sink.state({phase: 'failed', reason: `no shell here: the ${request.kind} source cannot run commands`});
				return {write: () => undefined, resize: () => undefined, stop: () => undefined};
			},
			setRawKeys: (id, h) => {
				rawKeys.current.set(id, h);
			},
			suspend: (run) => suspendTerminal(run),
			showLogs: (crumb, target) =>
				setScreens((all) => {
					const top = all.at(-1);
					// `l` on the table of a split changes what the pane below shows, keeping how it shows it.
					if (top?.type === 'logs' && top.split && top.tableFocused)
						return [
							...all.slice(0, -1),
							{...logsScreen(crumb, target, true), tableFocused: true, timestamps: top.timestamps, wrap: top.wrap},
						];
					return [...all, logsScreen(crumb, target, lastSplit.current)];
				}),
			ask: (label, initial, choices, onSubmit) =>
				setPrompt({symbol: 'ask', text: initial, completions: choices, selected: 0, ask: {label, onSubmit}}),
			saveLog: (name, text) => {
				try {
					// Under kview's state directory, or the temp dir when it keeps none.
					return Promise.resolve(saveLogFile(stateDir ?? os.tmpdir(), name, text));
				} catch (error) {
					return Promise.reject(error instanceof Error ? error : new Error(String(error)));
				}
			},
			resourceAction: actionRunner({
				sourceOf,
				readonly: config.readonly,
				flash: showFlash,
				confirm: (message, buttons, onAccept) => setDialog({message, buttons, selected: 0, onAccept}),
				ask: (label, initial, onSubmit) => setPrompt({symbol: 'ask', text: initial, completions: [], selected: 0, ask: {label, onSubmit}}),
				suspend: (run) => suspendTerminal(run),
				// OSC 52: the terminal (even across SSH, and tmux with set-clipboard on) sets its clipboard; nothing moves on screen.
				clipboard: (text) => stdout.write(`\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`),
				fetchObject: (kind, key) => sourceOf(kind)?.fetch?.(kind, key) ?? Promise.resolve(undefined),
			}),
		}),
		[config.readonly, setDialog, setPrompt, setScreens, showFlash, sourceOf, stateDir, stdout, suspendTerminal],
	);

	const openView = useCallback(
		(kind: string, ns: string | undefined) => {
			const view = viewOf(kind);
			if (!view) return showFlash('error', `no view called "${kind}"`);
			// Asking for a view again retries an engine that could not be opened (the user may have logged in meanwhile).
			const engine = engineOf(view);
			setProblems((all) => (all[engine] === undefined ? all : withoutProblem(all, engine)));
			setCountsState(undefined);
			setScreens(() => [tableScreen(kind, view.namespaced && ns ? {namespace: ns} : {}, viewCrumb(kind, view.namespaced, ns))]);
		},
		[viewOf, setScreens, showFlash],
	);

	const runCommandLine = useCallback(
		(text: string) => {
			const action = parseCommandLine(text, config.aliases);
			switch (action.type) {
				case 'quit':
					return exit();
				case 'help':
					return setScreens((all) => [...all, helpScreen()]);
				case 'error':
					return showFlash('error', action.message);
				case 'unknown': {
					const known =
						discovered.current.get(action.word) ?? [...discovered.current.values()].find((v) => v.aliases.includes(action.word));
					const open = (view: ViewDef) => {
						const ns = action.namespace === undefined ? namespace : action.namespace === 'all' ? undefined : action.namespace;
						if (action.namespace !== undefined) setNamespace(ns, kubeLabel);
						openView(view.kind, ns);
					};
					if (known) return open(known);
					if (!kube?.discoverKind) return showFlash('error', action.message);
					kube.discoverKind(action.word).then(
						(kind) => {
							if (!kind) return showFlash('error', action.message);
							const view = discoveredView(kind);
							discovered.current.set(view.kind, view);
							open(view);
						},
						(error: unknown) => showFlash('error', `${action.word}: ${error instanceof Error ? error.message : String(error)}`),
					);
					return;
				}
				case 'logs': {
					// The engine of the table the user is on: a cluster's pods, or a Docker engine's containers.
					const table = live.current.screens.findLast((sc): sc is TableScreen => sc.type === 'table');
					const tableView = table ? viewOf(table.kind) : undefined;
					const docker = tableView !== undefined && engineOf(tableView) === 'docker';
					const ns = action.namespace === undefined ? namespace : action.namespace === 'all' ? undefined : action.namespace;
					const target: LogTarget = {
						type: 'many',
						kind: docker ? 'containers' : 'pods',
						scope: {...(!docker && ns ? {namespace: ns} : {}), labelSelector: action.selector},
						label: action.selector,
					};
					return setScreens((all) => [...all, logsScreen(`logs(${action.selector})`, target, lastSplit.current)]);
				}
				case 'xray': {
					const ns = action.namespace === undefined ? namespace : action.namespace === 'all' ? undefined : action.namespace;
					return setScreens((all) => [...all, xrayScreen(action.kind, viewOf(action.kind)?.namespaced === false ? undefined : ns)]);
				}
				case 'namespace': {
					const trouble = setNamespace(action.namespace, kubeLabel);
					const root = live.current.screens[0];
					if (root?.type === 'table') openView(root.kind, action.namespace);
					return showFlash(trouble ? 'warn' : 'info', trouble ?? `namespace: ${action.namespace ?? 'all'}`);
				}
				case 'context': {
					const {engine} = action;
					const access = engines?.[engine];
					if (!access)
						return showFlash('error', `contexts come from a kubeconfig or the docker CLI; this ${initialSource.engine} source has none`);
					access.openContext(action.context).then(
						(opened) => {
							const label = opened.source.label;
							// The old context's port-forwards would be unreachable from :pf; they end with it.
							liveSources.current[engine]?.close?.();
							setSources((all) => ({...all, [engine]: opened.source}));
							setProblems((all) => withoutProblem(all, engine));
							const root = live.current.screens[0];
							const rootView = root?.type === 'table' ? viewOf(root.kind) : undefined;
							const stay = rootView && engineOf(rootView) === engine && !rootView.enterCommand;
							if (engine === 'docker') {
								openView(stay ? rootView.kind : 'containers', namespace);
								return showFlash('info', `Docker engine: ${label}`);
							}
							// Back where the user last was in that context, else its kubeconfig namespace.
							const ns = lastNamespaceOf(recents.current, label, opened.namespace);
							setNamespace(ns, label);
							openView(stay ? rootView.kind : 'pods', ns);
							const trouble = remember((st) => rememberContext(st, label));
							return showFlash(trouble ? 'warn' : 'info', trouble ?? `context: ${label}`);
						},
						(error: unknown) => showFlash('error', error instanceof Error ? error.message : String(error)),
					);
					return;
				}
				case 'view': {
					const ns = action.namespace === undefined ? namespace : action.namespace === 'all' ? undefined : action.namespace;
					if (action.namespace !== undefined) setNamespace(ns, kubeLabel);
					return openView(action.kind, ns);
				}
			}
		},
		[
			config.aliases,
			engines,
			exit,
			initialSource.engine,
			kube,
			kubeLabel,
			namespace,
			openView,
			remember,
			setNamespace,
			setScreens,
			setSources,
			showFlash,
			viewOf,
		],
	);
	commandLine.current = runCommandLine;

	// The engine of the table on top of the stack (a YAML screen keeps its table's): opened here the first time it is needed.
	const tableOnTop = screens.findLast((sc): sc is TableScreen => sc.type === 'table');
	const tableView = tableOnTop ? viewOf(tableOnTop.kind) : undefined;
	const wanted = tableView && !memory ? engineOf(tableView) : undefined;
	const opening = useRef(new Set<EngineName>());
	useEffect(() => {
		if (!wanted || sources[wanted] || problems[wanted] || opening.current.has(wanted)) return;
		const access = engines?.[wanted];
		if (!access) {
			setProblems((all) => ({...all, [wanted]: `no ${ENGINE_TITLES[wanted]} here: kview was started without one`}));
			return;
		}
		opening.current.add(wanted);
		access
			.open()
			.then(
				(opened) => {
					// A :ctx or :dctx that finished first wins; this late one is closed unused.
					if (liveSources.current[wanted]) return opened.source.close?.();
					setSources((all) => ({...all, [wanted]: opened.source}));
					if (wanted !== 'kubernetes' || namespaceGiven) return;
					// Started on Docker: the cluster opens where its context (or the last visit) says, as kview starts.
					const ns = lastNamespaceOf(recents.current, opened.source.label, opened.namespace);
					setNamespace(ns, opened.source.label);
					const root = live.current.screens[0];
					const rootView = root?.type === 'table' ? viewOf(root.kind) : undefined;
					if (root?.type === 'table' && rootView?.namespaced && engineOf(rootView) === 'kubernetes' && root.scope.namespace === undefined)
						openView(root.kind, ns);
				},
				(error: unknown) => setProblems((all) => ({...all, [wanted]: error instanceof Error ? error.message : String(error)})),
			)
			.finally(() => opening.current.delete(wanted));
	}, [engines, namespaceGiven, openView, problems, setNamespace, setSources, sources, viewOf, wanted]);

	// How xray rates and names a node, from the views' data.
	const xrayHealth = useCallback(
		(kind: string, object: Readonly<Record<string, unknown>>) => {
			const rate = healthFields[viewOf(kind)?.health ?? ''];
			return rate ? rate(object, {now: clock()}) : 'ok';
		},
		[clock, viewOf],
	);
	const kindName = useCallback((kind: string) => viewOf(kind)?.aliases[0] ?? kind, [viewOf]);
	const openObject = useCallback(
		(kind: string, ns: string | undefined, name: string) => {
			const view = viewOf(kind);
			if (!view) return showFlash('warn', `no view for ${kind}`);
			setScreens((all) => [...all, {...tableScreen(kind, ns ? {namespace: ns} : {}, `${kind}(${name})`), filter: name}]);
		},
		[setScreens, showFlash, viewOf],
	);
	const words = useMemo(() => commandWords(config.aliases), [config.aliases]);
	const matcher = useMemo(() => new KeyMatcher(config.keymap.bindings), [config.keymap]);
	const promptKey = usePromptKeys({
		matcher,
		setPrompt,
		complete: (text) => {
			const argument = argumentKind(text);
			// Recent first, the one in use last: switching is what the line is for.
			const others = (names: readonly string[], current: string | undefined) => [
				...new Set([...names.filter((n) => n !== current), ...(current === undefined ? [] : [current])]),
			];
			if (argument === 'context')
				return completeArgument(text, others([...recents.current.recentContexts, ...(engines?.kubernetes?.contexts() ?? [])], kubeLabel));
			if (argument === 'dockerContext')
				return completeArgument(text, others([...(engines?.docker?.contexts() ?? [])], liveSources.current.docker?.label));
			if (argument === 'namespace')
				return completeArgument(text, others([...(recents.current.recentNamespaces[kubeLabel] ?? []), 'all'], namespace ?? 'all'));
			return completeCommand(text, words);
		},
		onAccept: (p) => {
			if (p.ask)
				p.ask.onSubmit(p.text.trim() === '' && p.completions[p.selected] !== undefined ? (p.completions[p.selected] ?? '') : p.text);
			else if (p.symbol === ':') {
				const chosen = p.completions[p.selected];
				const typed = p.text.trim();
				const first = typed.split(/\s+/)[0] ?? '';
				runCommandLine(config.aliases.has(first) || chosen === undefined || typed.includes(' ') ? typed : chosen);
			} else {
				const focused = focusedScreen(live.current.screens);
				if (focused?.type === 'table')
					api.update<TableScreen>(focused.id, (sc) => ({...sc, filter: p.text.trim(), selected: 0, top: 0, selectedKey: undefined}));
			}
		},
	});

	const runCommand = (command: string): void => {
		const top = live.current.screens.at(-1);
		const focused = focusedScreen(live.current.screens);
		switch (command) {
			case 'app.quit':
				// Like a pager, q first closes a YAML or help screen; on a table it quits.
				if (top && top.type !== 'table' && live.current.screens.length > 1) return setScreens((all) => all.slice(0, -1));
				return exit();
			case 'app.help':
				return setScreens((all) => {
					if (top?.type === 'help') return all.slice(0, -1);
					const view = focused?.type === 'table' ? viewOf(focused.kind) : undefined;
					return [...all, helpScreen(view ? {title: view.title, actions: view.actions} : undefined)];
				});
			case 'app.command':
				return setPrompt({symbol: ':', text: '', completions: completeCommand('', words), selected: 0});
			case 'app.filter':
				if (focused?.type === 'table') setPrompt({symbol: '/', text: focused.filter, completions: [], selected: 0});
				return;
			case 'exec.leave':
				if (top?.type === 'exec') setScreens((all) => all.slice(0, -1));
				return;
			case 'logs.focus':
				if (top?.type === 'logs' && top.split) api.update<LogsScreen>(top.id, (sc) => ({...sc, tableFocused: !sc.tableFocused}));
				return;
			case 'nav.back':
				if (focused?.type === 'table' && focused.filter !== '') return api.update<TableScreen>(focused.id, (sc) => ({...sc, filter: ''}));
				if (live.current.screens.length > 1) {
					setCountsState(undefined);
					setScreens((all) => all.slice(0, -1));
				}
				return;
			default:
				if (focused) handlers.current.get(focused.id)?.(command);
		}
	};

	const dialogKey = (token: KeyToken): void => {
		const current = live.current.dialog;
		if (!current) return;
		const result = matcher.feed(token, (id) => id.startsWith('dialog.'));
		if (result.type !== 'command') return;
		const n = current.buttons.length;
		if (result.command === 'dialog.next') setDialog({...current, selected: (current.selected + 1) % n});
		else if (result.command === 'dialog.prev') setDialog({...current, selected: (current.selected + n - 1) % n});
		else if (result.command === 'dialog.cancel') setDialog(undefined);
		else if (result.command === 'dialog.accept') {
			setDialog(undefined);
			if (current.selected > 0) current.onAccept(current.selected);
		}
	};

	useInput((input, key) => {
		for (const token of tokensFromInk(input, key)) {
			if (live.current.dialog) dialogKey(token);
			else if (live.current.prompt) promptKey(live.current.prompt, token);
			else {
				const focused = focusedScreen(live.current.screens);
				// A shell takes every key but its pane's own (leave, full screen) while it runs.
				const raw = focused ? rawKeys.current.get(focused.id) : undefined;
				if (raw) {
					const own = matcher.feed(token, (id) => commandById(id)?.mode === 'exec');
					if (own.type === 'command') {
						runCommand(own.command);
						continue;
					}
					if (raw(token)) continue;
				}
				const mode = focused?.type === 'table' || focused?.type === 'logs' || focused?.type === 'xray' ? focused.type : 'text';
				// Resource commands share keys across kinds: the one this view offers wins.
				const offered = focused?.type === 'table' ? viewOf(focused.kind)?.actions : undefined;
				const result = matcher.feed(
					token,
					(id) => {
						const m = commandById(id)?.mode;
						return m === 'global' || m === mode;
					},
					// The xray tree's own keys (h, l, enter) win over the shared ones.
					(id) => (isResourceCommand(id) && offered?.includes(id) === true) || (mode === 'xray' && id.startsWith('xray.')),
				);
				if (result.type === 'command') runCommand(result.command);
			}
		}
	});

	if (columns < 20 || rows < 6) return <Text>terminal too small for kview (need 20x6)</Text>;

	const width = columns;
	const top = screens.at(-1);
	const headerSource = sourceOf(tableView);
	// Without its engine the view has no feed to report a state; the header says why instead.
	const problem = wanted ? problems[wanted] : undefined;
	const engineState: ConnectionState = problem ? {phase: 'failed', reason: problem} : {phase: 'connecting'};
	// The middle of the frame holds the dialog, the completions and the screen; in a short
	// terminal the completions shrink and the dialog folds to one line before the frame may grow.
	const middle = rows - CHROME_LINES;
	const dialogLines = dialog ? (middle >= 4 + MIN_BODY ? 4 : 1) : 0;
	const completions = prompt ? prompt.completions.slice(0, Math.max(0, middle - dialogLines - MIN_BODY)) : [];
	const bodyHeight = middle - dialogLines - completions.length;
	// A split log pane shows under the table it was opened from; keys go to one of the two.
	const focused = focusedScreen(screens);
	const below = screens.at(-2);
	const splitTable = top?.type === 'logs' && top.split && below?.type === 'table' && bodyHeight >= 10 ? below : undefined;
	if (top?.type === 'logs') lastSplit.current = top.split;
	const tableShown = top?.type === 'table' ? top : splitTable;
	const shownView = tableShown ? viewOf(tableShown.kind) : undefined;
	const tableHeight = splitTable ? Math.max(MIN_BODY + 1, Math.floor(bodyHeight * 0.4)) : bodyHeight;
	const view = focused?.type === 'table' ? viewOf(focused.kind) : undefined;
	const liveFilter = prompt?.symbol === '/' ? prompt.text : undefined;
	const sortInfo = focused?.type === 'table' && focused.sort ? `sort:${focused.sort.column}${focused.sort.descending ? '↓' : '↑'} ` : '';
	const filterInfo = focused?.type === 'table' && (liveFilter ?? focused.filter) ? `filter:${liveFilter ?? focused.filter}` : '';
	// The xray screen's feeds: each kind its tree reads, in the screen's namespace where the kind has one.
	const xraySource = top?.type === 'xray' ? sourceOf(top.root) : undefined;
	// A new object each frame is fine: useFeeds keys its feeds by the scopes' text.
	const xrayScopes: Record<string, Scope> =
		top?.type === 'xray'
			? Object.fromEntries(
					(XRAY_KINDS[top.root] ?? [top.root])
						.filter((kind) => viewOf(kind))
						.map((kind) => [kind, viewOf(kind)?.namespaced && top.namespace ? {namespace: top.namespace} : {}]),
				)
			: {};
	const logSource = top?.type === 'logs' ? sourceOf(top.target.type === 'one' ? top.target.request.kind : top.target.kind) : undefined;

	return (
		<Box flexDirection="column" width={width} height={rows - 1}>
			<Header
				source={headerSource?.label ?? '—'}
				engine={headerSource?.engine ?? wanted ?? initialSource.engine}
				namespace={namespace}
				counts={focused?.type === 'table' ? counts : undefined}
				title={focused?.type === 'table' ? (view?.title ?? focused.kind) : (focused?.crumb ?? '')}
				connection={focused?.type !== 'table' ? undefined : headerSource ? connection : engineState}
				readonly={config.readonly}
				now={clock()}
			/>
			<Crumbs crumbs={screens.map((sc) => sc.crumb)} info={`${sortInfo}${filterInfo}`} />
			{dialog ? (
				<ConfirmDialog
					message={dialog.message}
					buttons={dialog.buttons}
					selected={dialog.selected}
					width={width}
					compact={dialogLines === 1}
				/>
			) : null}
			{splitTable && shownView ? (
				<ScreenBoundary key={splitTable.id} onError={(message) => showFlash('error', message)}>
					<TableHost
						store={store}
						source={sourceOf(shownView)}
						unavailable={problems[engineOf(shownView)]}
						screen={splitTable}
						view={shownView}
						liveFilter={focused === splitTable ? liveFilter : undefined}
						allNamespaces={shownView.namespaced && splitTable.scope.namespace === undefined}
						width={width}
						height={tableHeight}
						api={api}
						clock={clock}
					/>
				</ScreenBoundary>
			) : null}
			<ScreenBoundary key={top?.id} onError={(message) => showFlash('error', message)}>
				{top?.type === 'table' && view ? (
					<TableHost
						store={store}
						source={sourceOf(view)}
						unavailable={problems[engineOf(view)]}
						screen={top}
						view={view}
						liveFilter={liveFilter}
						allNamespaces={view.namespaced && top.scope.namespace === undefined}
						width={width}
						height={bodyHeight}
						api={api}
						clock={clock}
					/>
				) : top?.type === 'table' ? (
					<Text {...s('flash.error')}>{`no view for "${top.kind}"`}</Text>
				) : top?.type === 'text' ? (
					<TextScreen screen={top} width={width} height={bodyHeight} api={api} />
				) : top?.type === 'logs' ? (
					<LogPane
						screen={splitTable ? top : {...top, split: false}}
						width={width}
						height={splitTable ? bodyHeight - tableHeight : bodyHeight}
						api={api}
						store={store}
						source={logSource}
						capacity={config.logLines}
						focused={focused === top}
						focusKey={keyName(config, 'logs.focus')}
					/>
				) : top?.type === 'exec' ? (
					<ExecPane
						screen={top}
						width={width}
						height={bodyHeight}
						api={api}
						monochrome={config.theme.name === 'monochrome'}
						keyNames={{leave: keyName(config, 'exec.leave'), fullscreen: keyName(config, 'exec.fullscreen')}}
					/>
				) : top?.type === 'xray' ? (
					xraySource ? (
						<XrayPane
							screen={top}
							width={width}
							height={bodyHeight}
							api={api}
							store={store}
							source={xraySource}
							scopes={xrayScopes}
							health={xrayHealth}
							kindName={kindName}
							openObject={openObject}
						/>
					) : (
						<Text {...s('text.dim')}>{`connecting to ${ENGINE_TITLES[engineOf(viewOf(top.root) ?? {engine: 'kubernetes'})]}…`}</Text>
					)
				) : top?.type === 'help' ? (
					<HelpScreen screen={top} keymap={config.keymap} width={width} height={bodyHeight} api={api} />
				) : null}
			</ScreenBoundary>
			{prompt ? (
				<PromptLine
					symbol={prompt.ask ? prompt.ask.label : prompt.symbol}
					text={prompt.text}
					completions={completions}
					selected={prompt.selected}
					width={width}
				/>
			) : (
				<Text wrap="truncate" {...s(flash ? `flash.${flash.level}` : 'text.dim')}>
					{flash ? flash.text : hint(config, focused?.type)}
				</Text>
			)}
		</Box>
	);
}

/** The screen keys go to: the top one, or the table above a split log pane that handed them over. */
function focusedScreen(screens: readonly Screen[]): Screen | undefined {
	const top = screens.at(-1);
	const below = screens.at(-2);
	return top?.type === 'logs' && top.split && top.tableFocused && below?.type === 'table' ? below : top;
}

/** The problems without one engine's, so it is tried again. */
function withoutProblem(all: Partial<Record<EngineName, string>>, engine: EngineName): Partial<Record<EngineName, string>> {
	return Object.fromEntries(Object.entries(all).filter(([name]) => name !== engine));
}

/** How the keymap writes a command's first key (`ctrl+q`). */
function keyName(config: Config, id: string): string {
	return config.keymap.bindings.get(id)?.[0]?.join(' ') ?? '';
}

/** The keys worth knowing where the keys go now: in a shell every other key is the shell's. */
function hint(config: Config, where: Screen['type'] | undefined): string {
	const key = (id: string) => config.keymap.bindings.get(id)?.[0]?.join('') ?? '';
	if (where === 'exec') return `${keyName(config, 'exec.leave')} leaves  ${keyName(config, 'exec.fullscreen')} full screen`;
	if (where === 'logs')
		return `${key('logs.search')} search  ${key('logs.filter')} only matching  ${key('logs.split')} split  ${key('logs.follow')} follow  ${key('app.help')} help  ${key('nav.back')} back`;
	return `${key('app.command')} views  ${key('app.filter')} filter  ${key('app.help')} help  ${key('app.quit')} quit`;
}
