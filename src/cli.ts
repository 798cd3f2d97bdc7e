import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import meow from 'meow';
import {formatDataError, loadConfig} from './config/index.js';
import {configDir} from './config/paths.js';
import {USAGE} from './usage.js';
import {exitCodeFor, Interrupted, oneLine, UsageError} from './errors.js';
import {fillDemoWorld, startChurn} from './sources/memory/demoWorld.js';
import {MemorySource} from './sources/memory/memorySource.js';
import {engineOf, type EngineName} from './model/view.js';
import type {DockerEngines} from './sources/docker/index.js';
import type {ResourceObject, Source} from './sources/types.js';
import type {EngineAccess} from './ui/engines.js';
import {Store} from './store/index.js';

const FLAGS = {
	demo: {type: 'boolean', default: false},
	namespace: {type: 'string', shortFlag: 'n'},
	allNamespaces: {type: 'boolean', shortFlag: 'A', default: false},
	view: {type: 'string'},
	keymap: {type: 'string'},
	theme: {type: 'string'},
	readonly: {type: 'boolean'},
	kubeconfig: {type: 'string'},
	context: {type: 'string'},
	// kview dump: wide or json.
	output: {type: 'string', shortFlag: 'o'},
	// For tests and benchmarks: a generated in-memory world (its size and churn), or a fixture file for the memory source.
	demoMemory: {type: 'boolean', default: false},
	demoPods: {type: 'number', default: 60},
	demoChurn: {type: 'number', default: 0},
	demoLogRate: {type: 'number', default: 0},
	fixture: {type: 'string'},
	// kview sim
	port: {type: 'number', default: 0},
	scenario: {type: 'string', default: 'demo'},
	pods: {type: 'number', default: 0},
	churn: {type: 'number', default: 0},
	kubeconfigOut: {type: 'string'},
	dropWatches: {type: 'number', default: 0},
	errorRate: {type: 'number', default: 0},
	watchHistory: {type: 'number', default: 10_000},
} as const;

const cli = meow(USAGE, {importMeta: import.meta, description: false, flags: FLAGS});

/** The first command-line option meow does not know (it would ignore it silently). */
function unknownOption(argv: readonly string[]): string | undefined {
	const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
	const known = new Set(['help', 'version', ...Object.keys(FLAGS).map(kebab)]);
	const short = new Set(['n', 'A', 'o']);
	for (const arg of argv) {
		if (arg === '--') break;
		const long = /^--(?:no-)?([^=]+)/.exec(arg)?.[1];
		if (long !== undefined && !known.has(long)) return `--${long}`;
		if (long === undefined && /^-[^-]/.test(arg) && !short.has(arg.slice(1))) return arg;
	}
	return undefined;
}

/** Fills the memory source from a JSON file `{"pods": [{...}], ...}`, keyed namespace/name. */
function loadFixture(source: MemorySource, file: string): void {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new UsageError(`cannot read fixture ${file}: ${oneLine(error)}`);
	}
	if (!data || typeof data !== 'object') throw new UsageError(`fixture ${file}: expected an object of kind -> list of objects`);
	for (const [kind, list] of Object.entries(data as Record<string, unknown>)) {
		if (!Array.isArray(list)) throw new UsageError(`fixture ${file}: "${kind}" should be a list`);
		source.put(
			kind,
			(list as ResourceObject[]).map((o, i) => {
				const meta = (o['metadata'] ?? {}) as {name?: string; namespace?: string};
				return [meta.namespace ? `${meta.namespace}/${meta.name ?? i}` : (meta.name ?? String(i)), o] as const;
			}),
		);
	}
}

/** `kview sim`: serves the simulated cluster until SIGINT/SIGTERM. */
async function runSim(flags: typeof cli.flags): Promise<number> {
	if (flags.pods < 0 || flags.pods > 50_000) throw new UsageError('--pods must be between 0 and 50000');
	if (flags.errorRate < 0 || flags.errorRate > 1) throw new UsageError('--error-rate must be between 0 and 1');
	const {startSim, SIM_CONTEXT, SIM_RESTRICTED_CONTEXT} = await import('./sim/index.js');
	let sim;
	try {
		sim = await startSim({
			port: flags.port,
			scenario: flags.scenario,
			pods: flags.pods,
			churn: flags.churn,
			historyLimit: flags.watchHistory,
			faults: {dropWatchesEverySeconds: flags.dropWatches, errorRate: flags.errorRate},
			...(flags.kubeconfigOut ? {kubeconfigOut: flags.kubeconfigOut} : {}),
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE') throw new UsageError(`port ${flags.port} is in use; pick another with --port or leave it out`);
		if (code === 'ENOENT') throw new UsageError(`scenario file not found: ${flags.scenario}`);
		if (error instanceof Error && error.name === 'ScenarioError') throw new UsageError(`scenario ${flags.scenario}: ${oneLine(error)}`);
		throw error;
	}
	process.stdout.write(
		[
			`kview sim: serving ${sim.url}`,
			`kubeconfig: ${sim.kubeconfigPath} (contexts ${SIM_CONTEXT}, ${SIM_RESTRICTED_CONTEXT})`,
			`try: KUBECONFIG=${sim.kubeconfigPath} kubectl get pods -A`,
			'ctrl-c stops it',
			'',
		].join('\n'),
	);
	const running = sim;
	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await running.close();
	return 0;
}

type OpenedSource = {
	/** The source of the first view's engine, or the memory source serving every view. */
	source: Source;
	/** The namespace to start in when neither -n nor -A says: the context's, as kubectl; undefined is all. */
	defaultNamespace: string | undefined;
	close: () => Promise<void> | void;
	/** How the UI opens and switches each engine (the one not opened yet opens when a view of it shows). */
	engines?: Partial<Record<EngineName, EngineAccess>>;
	/** The first view, when the one asked for could not be had (no kubeconfig at all: Docker's containers). */
	view?: string;
	notices?: string[];
};

/** Docker for the UI and dumps: the engines are found (files only) and connected to when first asked. */
function dockerAccess(): EngineAccess {
	let found: DockerEngines | undefined;
	const engines = async () => {
		const {dockerEngines} = await import('./sources/docker/index.js');
		found ??= dockerEngines();
		return found;
	};
	return {
		open: async () => ({source: (await engines()).open()}),
		openContext: async (name) => ({source: (await engines()).open(name)}),
		// Read from the docker CLI's files on first ask (no engine is contacted); the next tab has them.
		contexts: () => {
			if (!found) void engines();
			return found?.resolution.engines.map((e) => e.name) ?? [];
		},
	};
}

/** The Docker engine the docker CLI would use, when it is a unix socket that does not exist (nothing listens there). */
async function absentDockerSocket(): Promise<string | undefined> {
	const {resolveLocalEngines} = await import('./sources/docker/engines.js');
	const resolution = resolveLocalEngines();
	const engine = resolution.engines.find((e) => e.name === resolution.current);
	return engine?.endpoint.kind === 'unix' && !existsSync(engine.endpoint.path) ? engine.host : undefined;
}

/** Problems in the docker CLI's files (a bad DOCKER_HOST, a broken context), for the flash line. */
async function dockerNotices(): Promise<string[]> {
	const {resolveLocalEngines} = await import('./sources/docker/engines.js');
	return resolveLocalEngines().errors.map((e) => `docker: ${e}`);
}

/**
 * Where the objects come from: the in-memory world (tests, --fixture), the simulated
 * cluster in this process (--demo), or the kubeconfig's context and the docker CLI's
 * engine. `engine` is the first view's: that one opens now (an exec plugin may prompt
 * before the UI starts); without any kubeconfig and no view asked for, Docker opens instead.
 */
async function openSource(
	flags: typeof cli.flags,
	engine: EngineName,
	kubeKinds: string[],
	allKinds: string[],
	options: {readonly fallback: boolean},
): Promise<OpenedSource> {
	if (flags.demoMemory || flags.fixture) {
		const source = new MemorySource('memory', flags.fixture ? 'fixture' : 'demo');
		for (const kind of allKinds) source.defineKind(kind);
		if (flags.fixture) loadFixture(source, flags.fixture);
		else fillDemoWorld(source, {pods: flags.demoPods});
		if (flags.demoLogRate > 0) {
			const {floodLogs} = await import('./sources/memory/logFlood.js');
			source.logs = floodLogs(flags.demoLogRate);
		}
		const stopChurn = startChurn(source, flags.demoChurn);
		return {source, defaultNamespace: undefined, close: stopChurn};
	}
	const {openKube, KubeconfigError, ExecCredentialError, onExecPluginMessage} = await import('./sources/kube/index.js');
	const open = (options: {kubeconfig?: string | undefined; context?: string | undefined}) => {
		try {
			return openKube(
				{...(options.kubeconfig ? {kubeconfig: options.kubeconfig} : {}), ...(options.context ? {context: options.context} : {})},
				kubeKinds,
			);
		} catch (error) {
			if (error instanceof KubeconfigError) throw new UsageError(error.message, {cause: error});
			throw error;
		}
	};
	const prime = async (opened: ReturnType<typeof openKube>, interactive: boolean) => {
		try {
			await opened.primeCredentials(interactive);
		} catch (error) {
			if (error instanceof ExecCredentialError && error.interrupted) throw new Interrupted();
			// Not a usage mistake: the plugin ran and failed (its own messages are above).
			throw new Error(oneLine(error), {cause: error});
		}
	};
	let contexts: readonly string[] = [];
	const kubeAccess = (kubeconfig: string | undefined, context: string | undefined): EngineAccess => ({
		open: async () => {
			const opened = open({kubeconfig, context});
			contexts = opened.contexts;
			await prime(opened, false);
			return {source: opened.source, namespace: opened.namespace};
		},
		openContext: (name) =>
			Promise.resolve().then(() => {
				const opened = open({kubeconfig, context: name});
				contexts = opened.contexts;
				return {source: opened.source, namespace: opened.namespace};
			}),
		contexts: () => contexts,
		subscribeMessages: (listener) => onExecPluginMessage((m) => listener(`exec plugin ${m.plugin}: ${m.line}`)),
	});
	const docker = dockerAccess();
	const dockerFirst = async (notices: string[]): Promise<OpenedSource> => {
		let source: Source;
		try {
			({source} = await docker.open());
		} catch (error) {
			throw new UsageError(oneLine(error), {cause: error});
		}
		return {source, defaultNamespace: undefined, close: () => undefined, notices: [...notices, ...(await dockerNotices())]};
	};

	if (!flags.demo) {
		const kube = kubeAccess(flags.kubeconfig, flags.context);
		const engines = {kubernetes: kube, docker};
		if (engine === 'docker') return {...(await dockerFirst([])), engines};
		let opened;
		try {
			opened = open({kubeconfig: flags.kubeconfig, context: flags.context});
		} catch (error) {
			// Nothing to browse on Kubernetes and nothing asked of it: a Docker user's laptop.
			const missing = error instanceof UsageError && error.cause instanceof KubeconfigError && error.cause.missing;
			if (!missing || !options.fallback || flags.kubeconfig || flags.context) throw error;
			// Neither engine: one line saying both, rather than an empty screen.
			const absent = await absentDockerSocket();
			if (absent)
				throw new UsageError(
					`no kubeconfig found and no Docker engine at ${absent}: set KUBECONFIG or --kubeconfig, start dockerd or set DOCKER_HOST, or try kview --demo`,
				);
			return {...(await dockerFirst([`${oneLine(error)}; showing Docker`])), engines, view: 'containers'};
		}
		contexts = opened.contexts;
		// The exec plugin's first run gets the terminal, before anything else asks the cluster: MFA and device-code prompts show and can be answered.
		await prime(opened, process.stdin.isTTY && process.stderr.isTTY);
		return {source: opened.source, defaultNamespace: opened.namespace, close: () => undefined, engines};
	}
	if (flags.pods < 0 || flags.pods > 50_000) throw new UsageError('--pods must be between 0 and 50000');
	const {startSim} = await import('./sim/index.js');
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-demo-'));
	const sim = await startSim({kubeconfigOut: path.join(dir, 'kubeconfig'), pods: flags.pods, churn: flags.churn});
	const close = async () => {
		await sim.close();
		rmSync(dir, {recursive: true, force: true});
	};
	const engines = {kubernetes: kubeAccess(sim.kubeconfigPath, undefined), docker};
	if (engine === 'docker') return {...(await dockerFirst([])), engines, close};
	const opened = open({kubeconfig: sim.kubeconfigPath});
	contexts = opened.contexts;
	// The demo is a tour of a whole cluster, so it opens across all namespaces.
	return {source: opened.source, defaultNamespace: undefined, engines, close};
}

/** Writes and waits until the text is out: a pipe is asynchronous on macOS, and main() exits right after. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
	if (text === '') return Promise.resolve();
	return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** `kview dump VIEW`: the table once on stdout, no terminal needed (src/dump.ts). */
async function dump(flags: typeof cli.flags, args: readonly string[]): Promise<number> {
	const [view, ...extra] = args;
	if (view === undefined) throw new UsageError('kview dump needs a view, e.g. kview dump pods (see kview --help)');
	if (extra.length > 0) throw new UsageError(`kview dump takes one view, not "${args.join(' ')}"`);
	// `kview dump pods | head -1`: the reader has what it wanted; leave quietly, not with an EPIPE stack trace.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
	const {config, errors} = loadConfig();
	// A broken user file is reported, as the UI's notices do, and the shipped defaults serve.
	for (const error of errors) process.stderr.write(`kview: ${formatDataError(error)}\n`);
	const {runDump} = await import('./dump.js');
	return runDump({
		view,
		output: flags.output,
		namespace: flags.namespace,
		allNamespaces: flags.allNamespaces,
		config,
		open: (engine, kubeKinds, allKinds) => openSource(flags, engine, kubeKinds, allKinds, {fallback: false}),
		stdout: (text) => write(process.stdout, text),
		stderr: (text) => write(process.stderr, text),
	});
}

async function main(): Promise<number> {
	const {flags} = cli;
	// meow answers --help by itself only when no command is given.
	if (process.argv.includes('--help')) cli.showHelp(0);
	const unknown = unknownOption(process.argv.slice(2));
	if (unknown) throw new UsageError(`unknown option ${unknown} (see kview --help)`);
	if (cli.input[0] === 'sim' && cli.input.length === 1) return runSim(flags);
	if (cli.input[0] === 'dump') return dump(flags, cli.input.slice(1));
	if (cli.input.length > 0) throw new UsageError(`unknown command "${cli.input.join(' ')}" (see kview --help)`);
	if (flags.output !== undefined) throw new UsageError('-o/--output is for kview dump (see kview --help)');
	const {config, errors} = loadConfig({
		...(flags.keymap ? {keymap: flags.keymap} : {}),
		...(flags.theme ? {theme: flags.theme} : {}),
		...(flags.readonly !== undefined ? {readonly: flags.readonly} : {}),
	});
	const asked = flags.view ?? 'pods';
	const first = config.views.get(config.aliases.get(asked) ?? asked);
	if (!first) throw new UsageError(`no view called "${asked}"`);

	const opened = await openSource(
		flags,
		engineOf(first),
		[...config.views.values()].filter((v) => v.engine === 'kubernetes').map((v) => v.kind),
		[...config.views.keys()],
		{fallback: flags.view === undefined},
	);
	const {source} = opened;
	// After the source, so a broken kubeconfig is reported even where no terminal is.
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		await opened.close();
		throw new UsageError('needs an interactive terminal: run it in a terminal, not with stdin or stdout redirected');
	}
	const store = new Store();
	// Ink and React load after the checks above, so a usage error answers without paying for them.
	const {runApp} = await import('./ui/run.js');
	await runApp({
		config,
		store,
		source,
		initialView: opened.view ?? first.kind,
		namespace: flags.allNamespaces ? undefined : (flags.namespace ?? opened.defaultNamespace),
		namespaceGiven: flags.allNamespaces || flags.namespace !== undefined,
		notices: [...errors.map(formatDataError), ...(opened.notices ?? [])],
		...(opened.engines ? {engines: opened.engines} : {}),
		stateDir: configDir(),
	});
	store.closeAll();
	await opened.close();
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`kview: ${oneLine(error)}\n`);
		process.exit(exitCodeFor(error));
	},
);
