import {readFileSync} from 'node:fs';
import meow from 'meow';
import {formatDataError, loadConfig} from './config/index.js';
import {USAGE} from './usage.js';
import {exitCodeFor, oneLine, UsageError} from './errors.js';
import {fillDemoWorld, startChurn} from './sources/memory/demoWorld.js';
import {MemorySource} from './sources/memory/memorySource.js';
import type {ResourceObject} from './sources/types.js';
import {Store} from './store/index.js';

const cli = meow(USAGE, {
	importMeta: import.meta,
	description: false,
	flags: {
		demo: {type: 'boolean', default: false},
		namespace: {type: 'string', shortFlag: 'n'},
		allNamespaces: {type: 'boolean', shortFlag: 'A', default: false},
		view: {type: 'string', default: 'pods'},
		keymap: {type: 'string'},
		theme: {type: 'string'},
		readonly: {type: 'boolean'},
		// For tests and benchmarks: the demo's size and churn, and a fixture file for the memory source.
		demoPods: {type: 'number', default: 60},
		demoChurn: {type: 'number', default: 0},
		fixture: {type: 'string'},
	},
});

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

async function main(): Promise<number> {
	const {flags} = cli;
	if (cli.input.length > 0) throw new UsageError(`unknown command "${cli.input[0]}" (see kview --help)`);
	if (!process.stdout.isTTY || !process.stdin.isTTY)
		throw new UsageError('needs an interactive terminal: run it in a terminal, not with stdin or stdout redirected');
	if (!flags.demo && !flags.fixture) {
		throw new UsageError('connecting to clusters and Docker engines is not built yet; run `kview --demo` to explore the demo cluster');
	}
	const {config, errors} = loadConfig({
		...(flags.keymap ? {keymap: flags.keymap} : {}),
		...(flags.theme ? {theme: flags.theme} : {}),
		...(flags.readonly !== undefined ? {readonly: flags.readonly} : {}),
	});
	if (!config.views.has(config.aliases.get(flags.view) ?? flags.view)) throw new UsageError(`no view called "${flags.view}"`);

	const source = new MemorySource('memory', flags.fixture ? 'fixture' : 'demo');
	for (const kind of config.views.keys()) source.defineKind(kind);
	if (flags.fixture) loadFixture(source, flags.fixture);
	else fillDemoWorld(source, {pods: flags.demoPods});
	const stopChurn = startChurn(source, flags.demoChurn);

	const store = new Store();
	// Ink and React load after the checks above, so a usage error answers without paying for them.
	const {runApp} = await import('./ui/run.js');
	await runApp({
		config,
		store,
		source,
		initialView: config.aliases.get(flags.view) ?? flags.view,
		namespace: flags.allNamespaces ? undefined : flags.namespace,
		notices: errors.map(formatDataError),
	});
	stopChurn();
	store.closeAll();
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`kview: ${oneLine(error)}\n`);
		process.exit(exitCodeFor(error));
	},
);
