import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import meow from 'meow';
import {formatDataError, loadConfig} from './config/index.js';
import {configDir} from './config/paths.js';
import {USAGE} from './usage.js';
import {exitCodeFor, Interrupted, oneLine, UsageError} from './errors.js';
import {fillDemoWorld, startChurn} from './sources/memory/demoWorld.js';
import {MemorySource} from './sources/memory/memorySource.js';
import type {ResourceObject, Source} from './sources/types.js';
import {Store} from './store/index.js';

const FLAGS = {
	demo: {type: 'boolean', default: false},
	namespace: {type: 'string', shortFlag: 'n'},
	allNamespaces: {type: 'boolean', shortFlag: 'A', default: false},
	view: {type: 'string', default: 'pods'},
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
	source: Source;
	/** The namespace to start in when neither -n nor -A says: the context's, as kubectl; undefined is all. */
	defaultNamespace: string | undefined;
	close: () => Promise<void> | void;
	/** Lines an exec plugin writes while the UI runs (a background refresh's prompt). */
	subscribeMessages?: (listener: (text: string) => void) => () => void;
	/** For `:ctx`: opens another context of the same kubeconfig. */
	openContext?: (name: string) => {source: Source; namespace: string | undefined};
	contexts?: readonly string[];
};

/**
 * Where the objects come from: the in-memory world (tests, --fixture), the
 * simulated cluster in this process (--demo), or the kubeconfig's context.
 */
async function openSource(flags: typeof cli.flags, kubeKinds: string[], allKinds: string[]): Promise<OpenedSource> {
	if (flags.demoMemory || flags.fixture) {
		const source = new MemorySource('memory', flags.fixture ? 'fixture' : 'demo');
		for (const kind of allKinds) source.defineKind(kind);
		if (flags.fixture) loadFixture(source, flags.fixture);
		else fillDemoWorld(source, {pods: flags.demoPods});
		const stopChurn = startChurn(source, flags.demoChurn);
		return {source, defaultNamespace: undefined, close: stopChurn};
	}
	const {openKube, KubeconfigError, ExecCredentialError, onExecPluginMessage} = await import('./sources/kube/index.js');
	const open = (options: {kubeconfig?: string; context?: string}) => {
		try {
			return openKube(options, kubeKinds);
		} catch (error) {
			if (error instanceof KubeconfigError) throw new UsageError(error.message);
			throw error;
		}
	};
	const kubeconfig = flags.demo ? undefined : flags.kubeconfig;
	const switcher = (file: string | undefined) => (name: string) => {
		const next = open({...(file ? {kubeconfig: file} : {}), context: name});
		return {source: next.source, namespace: next.namespace};
	};
	if (!flags.demo) {
		const opened = open({...(kubeconfig ? {kubeconfig} : {}), ...(flags.context ? {context: flags.context} : {})});
		// The exec plugin's first run gets the terminal, before anything else asks the cluster: MFA and device-code prompts show and can be answered.
		try {
			await opened.primeCredentials(process.stdin.isTTY && process.stderr.isTTY);
		} catch (error) {
			if (error instanceof ExecCredentialError && error.interrupted) throw new Interrupted();
			// Not a usage mistake: the plugin ran and failed (its own messages are above).
			throw new Error(oneLine(error), {cause: error});
		}
		return {
			source: opened.source,
			defaultNamespace: opened.namespace,
			close: () => undefined,
			subscribeMessages: (listener) => onExecPluginMessage((m) => listener(`exec plugin ${m.plugin}: ${m.line}`)),
			openContext: switcher(kubeconfig),
			contexts: opened.contexts,
		};
	}
	if (flags.pods < 0 || flags.pods > 50_000) throw new UsageError('--pods must be between 0 and 50000');
	const {startSim} = await import('./sim/index.js');
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-demo-'));
	const sim = await startSim({kubeconfigOut: path.join(dir, 'kubeconfig'), pods: flags.pods, churn: flags.churn});
	const opened = open({kubeconfig: sim.kubeconfigPath});
	return {
		source: opened.source,
		// The demo is a tour of a whole cluster, so it opens across all namespaces.
		defaultNamespace: undefined,
		openContext: switcher(sim.kubeconfigPath),
		contexts: opened.contexts,
		close: async () => {
			await sim.close();
			rmSync(dir, {recursive: true, force: true});
		},
	};
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
		open: (kubeKinds, allKinds) => openSource(flags, kubeKinds, allKinds),
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
	if (!config.views.has(config.aliases.get(flags.view) ?? flags.view)) throw new UsageError(`no view called "${flags.view}"`);

	const opened = await openSource(
		flags,
		[...config.views.values()].filter((v) => v.engine === 'kubernetes').map((v) => v.kind),
		[...config.views.keys()],
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
		initialView: config.aliases.get(flags.view) ?? flags.view,
		namespace: flags.allNamespaces ? undefined : (flags.namespace ?? opened.defaultNamespace),
		notices: errors.map(formatDataError),
		...(opened.openContext ? {openContext: opened.openContext} : {}),
		...(opened.contexts ? {contexts: opened.contexts} : {}),
		...(opened.subscribeMessages ? {subscribeMessages: opened.subscribeMessages} : {}),
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
