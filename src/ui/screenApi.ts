import type {LogTarget} from '../model/logSelection.js';
import type {Screen} from '../model/screens.js';
import type {ViewDef} from '../model/view.js';
import type {KeyToken} from '../keys/keySpec.js';
import type {ConnectionState, ExecRequest, ExecSession, ExecSink, LogRequest, LogSink, Scope, Subscription} from '../sources/types.js';
import type {ActionRow} from './resourceActions.js';

/** Flash line severity. */
export type FlashLevel = 'info' | 'warn' | 'error';

/** What a screen may ask of the app shell; created once per app, so it is safe in effect deps. */
export type ScreenApi = {
	/** Updates a screen on the stack by id (functional, so bursts of keys compose). */
	readonly update: <S extends Screen>(id: number, fn: (screen: S) => S) => void;
	/** A screen's latest state by id, including changes a render has not shown yet. */
	readonly screen: (id: number) => Screen | undefined;
	/** Opens a screen on top of the stack. */
	readonly push: (screen: Screen) => void;
	/** Runs a `:` command line, as if typed. */
	readonly runCommandLine: (text: string) => void;
	/** Shows a message in the flash line. */
	readonly flash: (level: FlashLevel, text: string) => void;
	/** A screen's command handler (by screen id; keys go to the focused screen's); returns whether it handled the command. */
	readonly setHandler: (id: number, handler: (command: string) => boolean) => void;
	/** Row counts for the header. */
	readonly setCounts: (counts: {shown: number; total: number}) => void;
	/** Connection state for the header. */
	readonly setConnection: (state: ConnectionState) => void;
	/** The whole object from its source (the store keeps a projection); undefined when the source has no more than the store. */
	readonly fetchObject: (kind: string, key: string) => Promise<Readonly<Record<string, unknown>> | undefined>;
	/** Whole objects of a kind in a scope, once; undefined where the source cannot say. */
	readonly listObjects: (kind: string, scope: Scope) => Promise<readonly Readonly<Record<string, unknown>>[] | undefined>;
	/** The Events about an object; empty when the source keeps none. */
	readonly fetchEvents: (object: Readonly<Record<string, unknown>>) => Promise<readonly Readonly<Record<string, unknown>>[]>;
	/** Follows a log from the source of the request's kind; the sink hears lines and how the stream stands. */
	readonly openLogs: (request: LogRequest, sink: LogSink) => Subscription;
	/** Starts a shell or an attach through the source of the request's kind. */
	readonly openExec: (request: ExecRequest, sink: ExecSink) => ExecSession;
	/** Where a screen that takes raw keys (a shell) gets every key its mode's commands do not claim. */
	readonly setRawKeys: (id: number, handler: (token: KeyToken) => boolean) => void;
	/** Runs a function with the terminal handed over (Ink's UI stopped), and redraws after. */
	readonly suspend: (run: () => Promise<void>) => Promise<void>;
	/** Opens a log pane on a target: a new one, or in place of the split pane the table was showing. */
	readonly showLogs: (crumb: string, target: LogTarget) => void;
	/** Asks a one-line question in the prompt line; with choices, enter on an empty answer takes the highlighted one. */
	readonly ask: (label: string, initial: string, choices: readonly string[], onSubmit: (text: string) => void) => void;
	/** Writes a log pane's lines to a private file and resolves to its path. */
	readonly saveLog: (name: string, text: string) => Promise<string>;
	/** A printed table the source makes on request (`top`, `history`), as lines. */
	readonly report: (kind: string, key: string, report: string) => Promise<string[]>;
	/** Runs (after confirmation where destructive) a resource action on one row, or on the whole view (prune: `row` absent, `rows` all of them). */
	readonly resourceAction: (command: string, view: ViewDef, row: ActionRow | undefined, rows?: readonly ActionRow[]) => void;
};
