import type {Source} from '../sources/types.js';

/** A context of an engine, opened: its source and, for Kubernetes, the namespace it starts in. */
export type OpenedEngine = {readonly source: Source; readonly namespace?: string | undefined};

/**
 * How the app reaches one engine: opened the first time a view of it shows (a Docker-only
 * user never pays for Kubernetes, nor the other way round), and switched by `:ctx`/`:dctx`.
 */
export type EngineAccess = {
	/** Opens the current context; rejects with a one-line reason (no kubeconfig, a bad DOCKER_HOST). */
	readonly open: () => Promise<OpenedEngine>;
	/** Opens another context by name; rejects with a one-line reason. */
	readonly openContext: (name: string) => Promise<OpenedEngine>;
	/** Context names, for completion. */
	readonly contexts: () => readonly string[];
	/** Lines that arrive while the UI runs (an exec plugin's device-code prompt); returns the unsubscribe. */
	readonly subscribeMessages?: (listener: (text: string) => void) => () => void;
};
