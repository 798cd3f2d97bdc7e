import {spawn, type ChildProcess, type StdioOptions} from 'node:child_process';
import {readFileSync} from 'node:fs';
import type https from 'node:https';
import path from 'node:path';
import {sanitizeCell} from '../../model/sanitize.js';
import type {Cluster, Kubeconfig} from './kubeconfigFile.js';

// Exec credential plugins (users[].user.exec) run as kubectl runs them: stdin the
// terminal when a prompt can be answered, stderr shown as it comes, KUBERNETES_EXEC_INFO
// set, and interactiveMode, provideClusterInfo and the apiVersion honoured.

/** A credential plugin that failed or cannot run, as one line (never the credential). */
export class ExecCredentialError extends Error {
	override readonly name = 'ExecCredentialError';
	constructor(
		message: string,
		/** The user stopped it (ctrl-c) while it ran; a CLI exits 130 for this. */
		readonly interrupted = false,
	) {
		super(message);
	}
}

/** When a plugin may talk to the user on the terminal, as the kubeconfig's interactiveMode says. */
export type InteractiveMode = 'Never' | 'IfAvailable' | 'Always';

/** A kubeconfig's `users[].user.exec`, checked. */
export type ExecPlugin = {
	readonly apiVersion: 'client.authentication.k8s.io/v1' | 'client.authentication.k8s.io/v1beta1';
	/** The program: a name looked up on PATH, or a path (relative ones resolved against the kubeconfig's directory). */
	readonly command: string;
	readonly args: readonly string[];
	/** Added to kview's environment for the plugin. */
	readonly env: readonly {readonly name: string; readonly value: string}[];
	/** What to tell a user who does not have the program. */
	readonly installHint: string | undefined;
	/** Whether KUBERNETES_EXEC_INFO carries the cluster (server, CA, ...). */
	readonly provideClusterInfo: boolean;
	readonly interactiveMode: InteractiveMode;
};

/** What a plugin answered: a bearer token and/or a client certificate, until it expires. */
export type ExecCredential = {
	readonly token: string | undefined;
	readonly clientCertificateData: string | undefined;
	readonly clientKeyData: string | undefined;
	/** When it expires (ms since the epoch); undefined: until the server rejects it. */
	readonly expiresAt: number | undefined;
};

const API_VERSIONS = new Set(['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1']);
const MODES = new Set(['Never', 'IfAvailable', 'Always']);

/**
 * Checks a kubeconfig's exec entry as kubectl validates it (a command, a supported
 * apiVersion, an interactiveMode for v1); throws ExecCredentialError saying what is wrong.
 */
export function parseExecPlugin(raw: unknown): ExecPlugin {
	const exec = (raw ?? {}) as Record<string, unknown>;
	const command = typeof exec['command'] === 'string' ? exec['command'] : '';
	if (!command) throw new ExecCredentialError('exec has no command');
	const apiVersion = exec['apiVersion'];
	if (typeof apiVersion !== 'string' || !apiVersion) throw new ExecCredentialError(`exec ${command} has no apiVersion`);
	if (!API_VERSIONS.has(apiVersion))
		throw new ExecCredentialError(
			`exec ${command} asks for apiVersion ${apiVersion}, which kview does not support (use client.authentication.k8s.io/v1 or v1beta1)`,
		);
	const mode = exec['interactiveMode'];
	if (mode === undefined || mode === '') {
		if (apiVersion.endsWith('/v1')) throw new ExecCredentialError(`exec ${command} has no interactiveMode (required for ${apiVersion})`);
	} else if (typeof mode !== 'string' || !MODES.has(mode)) {
		throw new ExecCredentialError(
			`exec ${command} has an invalid interactiveMode ${JSON.stringify(mode)} (use Never, IfAvailable or Always)`,
		);
	}
	const args = Array.isArray(exec['args']) ? exec['args'].map(String) : [];
	const env = (Array.isArray(exec['env']) ? (exec['env'] as unknown[]) : []).map((entry) => {
		const {name, value} = (entry ?? {}) as {name?: unknown; value?: unknown};
		if (typeof name !== 'string' || !name) throw new ExecCredentialError(`exec ${command} has an env entry without a name`);
		const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
		return {name, value: text};
	});
	return {
		apiVersion: apiVersion as ExecPlugin['apiVersion'],
		command,
		args,
		env,
		installHint: typeof exec['installHint'] === 'string' ? exec['installHint'] : undefined,
		provideClusterInfo: exec['provideClusterInfo'] === true,
		interactiveMode: (mode || 'IfAvailable') as InteractiveMode,
	};
}

/**
 * The exec entry with a relative command path resolved against the kubeconfig's
 * directory, as kubectl does for a command holding a path separator (a bare name
 * is looked up on PATH).
 */
export function resolveExecCommand(raw: unknown, kubeconfigDir: string): unknown {
	const exec = raw as {command?: unknown} | null | undefined;
	if (!exec || typeof exec.command !== 'string' || !exec.command.includes(path.sep) || path.isAbsolute(exec.command)) return raw;
	return {...exec, command: path.join(kubeconfigDir, exec.command)};
}

/** The cluster as KUBERNETES_EXEC_INFO carries it (client.authentication.k8s.io Cluster). */
type ClusterInfo = {
	server: string;
	'tls-server-name'?: string;
	'insecure-skip-tls-verify'?: boolean;
	'certificate-authority-data'?: string;
	'proxy-url'?: string;
};

function clusterInfo(cluster: Cluster): ClusterInfo {
	let ca = cluster.caData;
	if (!ca && cluster.caFile) {
		try {
			ca = readFileSync(cluster.caFile).toString('base64');
		} catch {
			throw new ExecCredentialError(`cannot read certificate-authority ${cluster.caFile} for the exec plugin's cluster info`);
		}
	}
	return {
		server: cluster.server,
		...(cluster.tlsServerName ? {'tls-server-name': cluster.tlsServerName} : {}),
		...(cluster.insecureSkipTLSVerify ? {'insecure-skip-tls-verify': true} : {}),
		...(ca ? {'certificate-authority-data': ca} : {}),
		...(cluster.proxyUrl ? {'proxy-url': cluster.proxyUrl} : {}),
	};
}

/** How a run may use the terminal. */
type RunMode = {
	/** stdin and stderr are the user's terminal, free to use (before the UI starts). */
	readonly interactive: boolean;
	/** The terminal's file descriptors; 0 and 2 by default. */
	readonly terminal?: Terminal;
};

/** File descriptors of the user's terminal. */
export type Terminal = {readonly stdin: number; readonly stderr: number};

/** Credentials by plugin (and cluster, for plugins given it), shared by every KubeConfig in the process as client-go's cache is. */
const cache = new Map<string, ExecCredential>();
/** Runs in progress, so that many requests at once start one plugin. */
const inflight = new Map<string, Promise<ExecCredential>>();

function cacheKey(plugin: ExecPlugin, cluster: ClusterInfo | undefined): string {
	return JSON.stringify([plugin.apiVersion, plugin.command, plugin.args, plugin.env, plugin.interactiveMode, cluster ?? null]);
}

const fresh = (credential: ExecCredential) => credential.expiresAt === undefined || credential.expiresAt > Date.now();

/**
 * The plugin's credential: the cached one until its expirationTimestamp, else a new
 * run (one at a time per plugin and cluster).
 */
export function execCredential(plugin: ExecPlugin, cluster: Cluster | null | undefined, mode: RunMode): Promise<ExecCredential> {
	const info = plugin.provideClusterInfo && cluster ? clusterInfo(cluster) : undefined;
	const key = cacheKey(plugin, info);
	const cached = cache.get(key);
	if (cached && fresh(cached)) return Promise.resolve(cached);
	cache.delete(key);
	const running = inflight.get(key);
	if (running) return running;
	const run = runPlugin(plugin, info, mode).then(
		(credential) => {
			inflight.delete(key);
			cache.set(key, credential);
			return credential;
		},
		(error: unknown) => {
			inflight.delete(key);
			throw error;
		},
	);
	inflight.set(key, run);
	return run;
}

/** Drops a cached credential the server answered 401 to, so the next request runs the plugin again (as client-go does). */
export function credentialRejected(authorization: unknown): void {
	if (typeof authorization !== 'string') return;
	for (const [key, credential] of cache) if (credential.token && authorization === `Bearer ${credential.token}`) cache.delete(key);
}

/** Forgets every cached credential. */
export function forgetCredentials(): void {
	cache.clear();
}

/** A line a plugin wrote to stderr while kview's UI holds the terminal (a device code, say). */
export type ExecPluginMessage = {readonly plugin: string; readonly line: string};

const messageListeners = new Set<(message: ExecPluginMessage) => void>();

/** Calls `listener` with each stderr line of a plugin run while the UI holds the terminal; returns the unsubscribe. */
export function onExecPluginMessage(listener: (message: ExecPluginMessage) => void): () => void {
	messageListeners.add(listener);
	return () => messageListeners.delete(listener);
}

/** Children still running, killed when kview exits so none is left holding the terminal. */
const children = new Map<ChildProcess, {readonly group: boolean}>();
let exitHookInstalled = false;

function track(child: ChildProcess, group: boolean): void {
	children.set(child, {group});
	child.once('exit', () => children.delete(child));
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => {
		for (const [c, {group}] of children) kill(c, group, 'SIGKILL');
	});
}

function kill(child: ChildProcess | undefined, group: boolean, signal: NodeJS.Signals): void {
	if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	try {
		// A detached run leads its own process group: take any children of its own with it.
		if (group) process.kill(-child.pid, signal);
		else child.kill(signal);
	} catch {
		// Already gone.
	}
}

const MAX_STDOUT_CHARS = 4 * 1024 * 1024;
const STDERR_TAIL = 8 * 1024;
/** After SIGTERM, how long a plugin has to go before SIGKILL. */
const KILL_GRACE_MS = 400;
/** After it exits, how long to wait for its output pipes to close (a daemon it started may hold them). */
const CLOSE_GRACE_MS = 2000;

const nameOf = (plugin: ExecPlugin) => path.basename(plugin.command);
const lastLine = (text: string) =>
	sanitizeCell(
		text
			.split(/\r?\n|\r/)
			.map((l) => l.trim())
			.filter(Boolean)
			.at(-1) ?? '',
	).slice(0, 300);

/**
 * Runs the plugin once as client-go does: kview's environment plus the entry's env and
 * KUBERNETES_EXEC_INFO; stdin is the terminal only when the run is interactive; stdout
 * is the ExecCredential. With the terminal free, stderr is the terminal (prompts show at
 * once) and ctrl-c stops the plugin and kview; otherwise the plugin runs in a session
 * of its own with no terminal, and stderr is captured: each line goes to
 * onExecPluginMessage listeners and the last one into the error.
 */
function runPlugin(plugin: ExecPlugin, cluster: ClusterInfo | undefined, mode: RunMode): Promise<ExecCredential> {
	const name = nameOf(plugin);
	const canPrompt = mode.interactive;
	if (plugin.interactiveMode === 'Always' && !canPrompt)
		return Promise.reject(
			new ExecCredentialError(
				`exec plugin ${name} needs the terminal to log in (interactiveMode: Always), which kview's screen holds: quit and run kview again to log in`,
			),
		);
	const interactive = canPrompt && plugin.interactiveMode !== 'Never';
	const info = {
		kind: 'ExecCredential',
		apiVersion: plugin.apiVersion,
		spec: {...(cluster ? {cluster} : {}), interactive},
	};
	const env: NodeJS.ProcessEnv = {...process.env};
	for (const {name: key, value} of plugin.env) env[key] = value;
	env['KUBERNETES_EXEC_INFO'] = JSON.stringify(info);
	const terminal = mode.terminal ?? {stdin: 0, stderr: 2};
	const stdio: StdioOptions = [interactive ? terminal.stdin : 'ignore', 'pipe', canPrompt ? terminal.stderr : 'pipe'];

	return new Promise<ExecCredential>((resolve, reject) => {
		let stdout = '';
		let stdoutChars = 0;
		let stderr = '';
		let partial = '';
		let spawnError: NodeJS.ErrnoException | undefined;
		let interrupted = false;
		let settled = false;
		let closeTimer: NodeJS.Timeout | undefined;
		let child: ChildProcess | undefined;
		const finish = (error: Error | undefined, credential?: ExecCredential) => {
			if (settled) return;
			settled = true;
			clearTimeout(closeTimer);
			for (const signal of SIGNALS) process.off(signal, onSignal);
			if (error) reject(error);
			else if (credential) resolve(credential);
		};
		// ctrl-c while the plugin waits for input: the terminal sent SIGINT to both; make sure it goes, then kview can exit.
		const onSignal = () => {
			interrupted = true;
			kill(child, false, 'SIGTERM');
			setTimeout(() => kill(child, false, 'SIGKILL'), KILL_GRACE_MS).unref();
			setTimeout(() => finish(new ExecCredentialError(`exec plugin ${name} was interrupted`, true)), KILL_GRACE_MS + 200).unref();
		};
		// Before the spawn: the plugin may prompt, and the user press ctrl-c, before spawn() returns.
		if (canPrompt) for (const signal of SIGNALS) process.on(signal, onSignal);
		try {
			child = spawn(plugin.command, [...plugin.args], {env, stdio, detached: !canPrompt, windowsHide: true});
		} catch (error) {
			finish(new ExecCredentialError(`exec plugin ${name} cannot be started: ${(error as Error).message.split('\n')[0] ?? ''}`));
			return;
		}
		const proc = child;
		track(proc, !canPrompt);

		// Decoded as streams, so a character split between chunks stays whole.
		proc.stdout?.setEncoding('utf8');
		proc.stderr?.setEncoding('utf8');
		proc.stdout?.on('data', (chunk: string) => {
			stdoutChars += chunk.length;
			if (stdoutChars > MAX_STDOUT_CHARS) {
				kill(proc, !canPrompt, 'SIGKILL');
				finish(new ExecCredentialError(`exec plugin ${name} printed more than ${MAX_STDOUT_CHARS / 1024 / 1024} MiB`));
				return;
			}
			stdout += chunk;
		});
		proc.stderr?.on('data', (text: string) => {
			stderr = (stderr + text).slice(-STDERR_TAIL);
			const lines = (partial + text).split(/\r?\n|\r/);
			partial = lines.pop() ?? '';
			// A progress bar without newlines is passed on in pieces, not held without end.
			if (partial.length > STDERR_TAIL) {
				lines.push(partial);
				partial = '';
			}
			for (const line of lines) announce(name, line);
		});
		proc.on('error', (error: NodeJS.ErrnoException) => {
			// A program that never started (not found, not executable) may see no exit and no close.
			if (proc.pid === undefined) finish(startError(plugin, error));
			else spawnError = error;
		});
		proc.once('exit', () => {
			closeTimer = setTimeout(() => {
				proc.stdout?.destroy();
				proc.stderr?.destroy();
				done(proc.exitCode, proc.signalCode);
			}, CLOSE_GRACE_MS);
		});
		proc.once('close', (code: number | null, signal: NodeJS.Signals | null) => done(code, signal));

		const done = (code: number | null, signal: NodeJS.Signals | null) => {
			if (settled) return;
			if (partial) announce(name, partial);
			partial = '';
			if (interrupted) return finish(new ExecCredentialError(`exec plugin ${name} was interrupted`, true));
			if (spawnError) return finish(startError(plugin, spawnError));
			if (code !== 0) {
				const why = signal ? `killed by ${signal}` : `exit ${code}`;
				const message = canPrompt
					? `exec plugin ${name} failed (${why}); its messages are above`
					: lastLine(stderr)
						? `exec plugin ${name} failed (${why}): ${lastLine(stderr)}`
						: `exec plugin ${name} failed (${why}) and said nothing on stderr`;
				return finish(new ExecCredentialError(message));
			}
			try {
				finish(undefined, parseCredential(plugin, stdout));
			} catch (error) {
				finish(error as Error);
			}
		};
	});
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function announce(plugin: string, line: string): void {
	const clean = sanitizeCell(line).trim();
	if (!clean) return;
	for (const listener of messageListeners) listener({plugin, line: clean});
}

/** Why a plugin did not start, as kubectl says it (with the entry's installHint when the program is missing). */
function startError(plugin: ExecPlugin, error: NodeJS.ErrnoException): ExecCredentialError {
	const name = nameOf(plugin);
	if (error.code === 'ENOENT') {
		const hint = plugin.installHint
			?.split('\n')
			.map((l) => l.trim())
			.filter(Boolean)
			.join(' ');
		return new ExecCredentialError(
			`exec plugin ${plugin.command} not found${hint ? `: ${sanitizeCell(hint).slice(0, 300)}` : ' (is it installed and on PATH?)'}`,
		);
	}
	if (error.code === 'EACCES') return new ExecCredentialError(`exec plugin ${plugin.command} cannot be run: permission denied`);
	return new ExecCredentialError(`exec plugin ${name} cannot be started: ${error.message.split('\n')[0] ?? error.code ?? ''}`);
}

/** Reads the ExecCredential a plugin printed, checking it as client-go does. */
function parseCredential(plugin: ExecPlugin, stdout: string): ExecCredential {
	const name = nameOf(plugin);
	let parsed: {kind?: unknown; apiVersion?: unknown; status?: Record<string, unknown>};
	try {
		parsed = JSON.parse(stdout) as typeof parsed;
	} catch {
		throw new ExecCredentialError(`exec plugin ${name} printed something that is not an ExecCredential (not JSON)`);
	}
	if (!parsed || typeof parsed !== 'object' || parsed.kind !== 'ExecCredential')
		throw new ExecCredentialError(`exec plugin ${name} printed something that is not an ExecCredential`);
	if (parsed.apiVersion !== plugin.apiVersion)
		throw new ExecCredentialError(
			`exec plugin ${name} answered with apiVersion ${String(parsed.apiVersion)}, but the kubeconfig asks for ${plugin.apiVersion}`,
		);
	const status = parsed.status;
	if (!status || typeof status !== 'object') throw new ExecCredentialError(`exec plugin ${name} returned no status`);
	const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	const token = text(status['token']);
	const cert = text(status['clientCertificateData']);
	const key = text(status['clientKeyData']);
	if (!token && !cert && !key) throw new ExecCredentialError(`exec plugin ${name} returned neither a token nor a client certificate`);
	if (Boolean(cert) !== Boolean(key))
		throw new ExecCredentialError(`exec plugin ${name} returned a client certificate without its key, or a key without its certificate`);
	const expiry = status['expirationTimestamp'];
	let expiresAt: number | undefined;
	if (expiry !== undefined && expiry !== null && expiry !== '') {
		expiresAt = typeof expiry === 'string' ? Date.parse(expiry) : NaN;
		if (Number.isNaN(expiresAt))
			throw new ExecCredentialError(
				`exec plugin ${name} returned an expirationTimestamp that is not a time: ${sanitizeCell(JSON.stringify(expiry)).slice(0, 60)}`,
			);
	}
	return {token, clientCertificateData: cert, clientKeyData: key, expiresAt};
}

/** The exec plugins of one KubeConfig's users, by user name (an Error for an entry that does not check). */
type Plugins = ReadonlyMap<string, ExecPlugin | ExecCredentialError>;

const pluginsByConfig = new WeakMap<Kubeconfig, Plugins>();

/**
 * Takes over exec credentials for `kc`: `plugins` holds the exec entries (by user
 * name) that were removed from its users; requests through kc then get their
 * credential from here.
 */
export function installExecCredentials(kc: Kubeconfig, raw: ReadonlyMap<string, unknown>): void {
	const plugins = new Map<string, ExecPlugin | ExecCredentialError>();
	for (const [user, exec] of raw) {
		try {
			plugins.set(user, parseExecPlugin(exec));
		} catch (error) {
			plugins.set(user, error as ExecCredentialError);
		}
	}
	pluginsByConfig.set(kc, plugins);
	kc.setAuthenticator({
		claims: (user) => plugins.has(user.name),
		apply: async (user, opts) => {
			const credential = await execCredential(pluginOf(plugins, user.name), kc.getCurrentCluster(), {interactive: false});
			applyCredential(credential, opts);
		},
	});
}

/** The exec plugin of a user of `kc`, if it has one (throws ExecCredentialError if its entry does not check). */
export function execPluginOf(kc: Kubeconfig, user: string): ExecPlugin | undefined {
	const plugins = pluginsByConfig.get(kc);
	return plugins?.has(user) ? pluginOf(plugins, user) : undefined;
}

function pluginOf(plugins: Plugins, user: string): ExecPlugin {
	const plugin = plugins.get(user);
	if (!plugin) throw new ExecCredentialError(`user "${user}" has no exec plugin`);
	if (plugin instanceof ExecCredentialError) throw new ExecCredentialError(`user "${user}": ${plugin.message}`);
	return plugin;
}

function applyCredential(credential: ExecCredential, opts: https.RequestOptions): void {
	if (credential.clientCertificateData && credential.clientKeyData) {
		opts.cert = credential.clientCertificateData;
		opts.key = credential.clientKeyData;
	}
	if (credential.token) {
		const headers = (opts.headers ??= {}) as Record<string, string>;
		headers['Authorization'] = `Bearer ${credential.token}`;
	}
}

/** How primeCredentials may use the terminal. */
export type PrimeOptions = {
	/** stdin and stderr are the user's terminal and nothing else uses them yet (no UI): prompts can be shown and answered. */
	readonly interactive: boolean;
	/** The terminal's file descriptors, 0 and 2 by default (tests give others). */
	readonly terminal?: Terminal;
};

/**
 * Gets the first credential of the context's user before the UI starts, so an exec
 * plugin can prompt (MFA, device code) on the terminal and read the answer: stderr
 * is kview's, stdin too when the plugin's interactiveMode allows, and ctrl-c stops
 * it and rejects with `interrupted` set. The credential is cached for every client
 * of the same kubeconfig; later refreshes run without the terminal. Resolves at once
 * when the user has no exec plugin or a fresh credential is cached; rejects with
 * ExecCredentialError (one line) when the plugin fails.
 */
export async function primeCredentials(loaded: {readonly kc: Kubeconfig}, options: PrimeOptions): Promise<void> {
	const user = loaded.kc.getCurrentUser();
	if (!user) return;
	const plugin = execPluginOf(loaded.kc, user.name);
	if (!plugin) return;
	await execCredential(plugin, loaded.kc.getCurrentCluster(), {
		interactive: options.interactive,
		...(options.terminal ? {terminal: options.terminal} : {}),
	});
}
