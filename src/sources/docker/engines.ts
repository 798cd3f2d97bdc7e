import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';

// Which Docker engines a user has, worked out as the docker CLI does it
// (cli/command/cli.go resolveContextName, opts/hosts.go ParseHost, the context store):
// DOCKER_HOST wins, then DOCKER_CONTEXT, then config.json `currentContext`, then the
// built-in "default" context. Nothing here connects to anything; files come through an
// injected EngineFs so the rules are tested without a home directory.

/** The socket the docker CLI's built-in "default" context points at on Linux. */
export const DEFAULT_SOCKET = '/var/run/docker.sock';
/** The Windows named pipe the docker CLI uses when a npipe:// host names none. */
export const DEFAULT_NAMED_PIPE = '//./pipe/docker_engine';
/** The built-in context's name; the docker CLI reserves it. */
export const DEFAULT_CONTEXT = 'default';

/** An endpoint, parsed: where to open the connection. */
export type ParsedHost =
	| {readonly kind: 'unix'; readonly path: string}
	| {readonly kind: 'tcp'; readonly host: string; readonly port: number}
	| {readonly kind: 'ssh'; readonly user?: string | undefined; readonly host: string; readonly port?: number | undefined}
	| {readonly kind: 'npipe'; readonly path: string};

/** parseHost's answer: the endpoint, or one line saying what is wrong with the text. */
export type HostParse = {readonly ok: true; readonly value: ParsedHost} | {readonly ok: false; readonly error: string};

/** TLS for a tcp endpoint: PEM file paths (absent when the file does not exist) and whether to check the server. */
export type EngineTls = {
	readonly ca?: string | undefined;
	readonly cert?: string | undefined;
	readonly key?: string | undefined;
	readonly verify: boolean;
};

/** Where an engine came from: DOCKER_HOST, a docker CLI context, the built-in default or a rootless socket, or podman's socket. */
export type EngineSource = 'DOCKER_HOST' | 'context' | 'default' | 'podman';

/** One Docker (or Docker-compatible) engine a user can switch to with `:dctx`. */
export type Engine = {
	/** The context name as `docker context ls` shows it, or kview's name for a socket it found ("rootless", "podman"). */
	readonly name: string;
	/** The endpoint URL as written: unix:///path, tcp://host:port, ssh://user@host, npipe:////./pipe/name. */
	readonly host: string;
	/** The endpoint, parsed (tcp with its default port filled in). */
	readonly endpoint: ParsedHost;
	readonly tls?: EngineTls | undefined;
	readonly source: EngineSource;
	/** The context's description, or what kview says about a socket it found. */
	readonly description?: string | undefined;
};

/** What resolveEngines found: every engine, the name of the one to use, and one line per problem (never a throw). */
export type EngineResolution = {
	readonly engines: readonly Engine[];
	/** The name of the engine to use; always one of `engines`. */
	readonly current: string;
	/** Why `current` was chosen. */
	readonly currentFrom: 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default' | 'socket';
	readonly errors: readonly string[];
};

/** The few file operations resolveEngines needs; each answers "nothing" rather than throwing. */
export type EngineFs = {
	/** The file's text, or undefined when it cannot be read. */
	readonly readFile: (file: string) => string | undefined;
	readonly exists: (file: string) => boolean;
	/** Entry names, or [] when the directory cannot be read. */
	readonly listDir: (dir: string) => string[];
};

/** EngineFs over node:fs. */
export const nodeEngineFs: EngineFs = {
	readFile: (file) => {
		try {
			return readFileSync(file, 'utf8');
		} catch {
			return undefined;
		}
	},
	exists: (file) => existsSync(file),
	listDir: (dir) => {
		try {
			return readdirSync(dir);
		} catch {
			return [];
		}
	},
};

const fail = (error: string): HostParse => ({ok: false, error});
const PORT = /^\d{1,5}$/;

function parsePort(text: string): number | undefined {
	if (!PORT.test(text)) return undefined;
	const port = Number(text);
	return port >= 1 && port <= 65_535 ? port : undefined;
}

/** Splits "host:port", "[v6]:port", "host" or ":port"; port is '' when absent, undefined on nonsense. */
function splitHostPort(text: string): {host: string; port: string} | undefined {
	if (text.startsWith('[')) {
		const close = text.indexOf(']');
		if (close < 0) return undefined;
		const rest = text.slice(close + 1);
		if (rest !== '' && !rest.startsWith(':')) return undefined;
		return {host: text.slice(1, close), port: rest.slice(1)};
	}
	const colon = text.lastIndexOf(':');
	if (colon < 0) return {host: text, port: ''};
	const host = text.slice(0, colon);
	if (host.includes(':')) return undefined; // an IPv6 address needs brackets
	return {host, port: text.slice(colon + 1)};
}

const HOSTNAME = /^[A-Za-z0-9._-]+$|^[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?$/;

/**
 * Parses a Docker endpoint as the docker CLI does (DOCKER_HOST, a context's Host):
 * unix:// (empty path: /var/run/docker.sock), tcp:// (host defaults to localhost, port to
 * 2375, or 2376 when `tls`), a bare "host:port" as tcp, ssh://[user@]host[:port], npipe://.
 */
export function parseHost(text: string, options: {readonly tls?: boolean} = {}): HostParse {
	const trimmed = text.trim();
	if (trimmed === '') return fail('the Docker host is empty');
	const sep = trimmed.indexOf('://');
	const scheme = sep < 0 ? 'tcp' : trimmed.slice(0, sep).toLowerCase();
	const rest = sep < 0 ? trimmed : trimmed.slice(sep + 3);
	const invalid = (why: string) => fail(`invalid Docker host "${trimmed}": ${why}`);
	switch (scheme) {
		case 'unix':
			return {ok: true, value: {kind: 'unix', path: rest === '' ? DEFAULT_SOCKET : rest}};
		case 'npipe':
			return {ok: true, value: {kind: 'npipe', path: rest === '' ? DEFAULT_NAMED_PIPE : rest}};
		case 'tcp': {
			if (rest === '') return invalid('no address after tcp://');
			const authority = rest.replace(/\/$/, '');
			if (authority.includes('/')) return invalid('a path after the address is not supported');
			const parts = splitHostPort(authority);
			if (!parts) return invalid('expected host:port');
			const host = parts.host === '' ? 'localhost' : parts.host;
			if (!HOSTNAME.test(host)) return invalid(`"${host}" is not a host name`);
			const port = parts.port === '' ? (options.tls ? 2376 : 2375) : parsePort(parts.port);
			if (port === undefined) return invalid(`"${parts.port}" is not a port`);
			return {ok: true, value: {kind: 'tcp', host, port}};
		}
		case 'ssh': {
			const authority = rest.replace(/\/$/, '');
			if (authority.includes('/') || authority.includes('?')) return invalid('ssh hosts take no path: ssh://[user@]host[:port]');
			const at = authority.lastIndexOf('@');
			const user = at < 0 ? undefined : authority.slice(0, at);
			if (user === '') return invalid('empty user before @');
			const parts = splitHostPort(at < 0 ? authority : authority.slice(at + 1));
			if (!parts || parts.host === '') return invalid('no host after ssh://');
			if (!HOSTNAME.test(parts.host)) return invalid(`"${parts.host}" is not a host name`);
			const port = parts.port === '' ? undefined : parsePort(parts.port);
			if (parts.port !== '' && port === undefined) return invalid(`"${parts.port}" is not a port`);
			return {ok: true, value: {kind: 'ssh', user, host: parts.host, port}};
		}
		case 'fd':
			return invalid('fd:// is for the daemon, not a client');
		default:
			return invalid(`unknown scheme "${scheme}://" (expected unix, tcp, ssh or npipe)`);
	}
}

/** The socket file of a unix:// host (unix:// alone: /var/run/docker.sock), or undefined for any other host. */
export function socketPath(host: string): string | undefined {
	const parsed = parseHost(host);
	return parsed.ok && parsed.value.kind === 'unix' ? parsed.value.path : undefined;
}

/** The directory of a docker CLI context's files: the sha256 hex of its name. */
export const contextDirName = (name: string): string => createHash('sha256').update(name).digest('hex');

/** The docker CLI's config directory: $DOCKER_CONFIG, else ~/.docker. */
export const dockerConfigDir = (env: NodeJS.ProcessEnv, home: string): string =>
	env['DOCKER_CONFIG'] ? env['DOCKER_CONFIG'] : path.join(home, '.docker');

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

function readJson(fs: EngineFs, file: string, errors: string[]): Raw | undefined {
	const text = fs.readFile(file);
	if (text === undefined) return undefined;
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (error) {
		errors.push(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
		return undefined;
	}
	if (!isRecord(doc)) {
		errors.push(`${file}: expected a JSON object`);
		return undefined;
	}
	return doc;
}

/** PEM files that exist in a directory, as docker reads ca.pem, cert.pem and key.pem. */
function pemFiles(fs: EngineFs, dir: string): {ca?: string; cert?: string; key?: string} {
	const found: {ca?: string; cert?: string; key?: string} = {};
	for (const which of ['ca', 'cert', 'key'] as const) {
		const file = path.join(dir, `${which}.pem`);
		if (fs.exists(file)) found[which] = file;
	}
	return found;
}

/** The built-in context: DOCKER_HOST (or the default socket) with the TLS settings of DOCKER_TLS_VERIFY, DOCKER_TLS and DOCKER_CERT_PATH. */
function defaultEngine(env: NodeJS.ProcessEnv, fs: EngineFs, configDir: string, errors: string[]): Engine {
	const verify = Boolean(env['DOCKER_TLS_VERIFY']);
	const useTls = verify || Boolean(env['DOCKER_TLS']);
	const tls = useTls ? {...pemFiles(fs, env['DOCKER_CERT_PATH'] ? env['DOCKER_CERT_PATH'] : configDir), verify} : undefined;
	const fromEnv = env['DOCKER_HOST']?.trim();
	if (fromEnv) {
		const parsed = parseHost(fromEnv, {tls: useTls});
		if (parsed.ok) {
			return {
				name: DEFAULT_CONTEXT,
				host: fromEnv,
				endpoint: parsed.value,
				tls: parsed.value.kind === 'tcp' ? tls : undefined,
				source: 'DOCKER_HOST',
				description: 'DOCKER_HOST',
			};
		}
		errors.push(`DOCKER_HOST: ${parsed.error}`);
	}
	// With TLS asked for and no host, the docker CLI goes to tcp://localhost:2376, not the socket.
	if (useTls && !fromEnv) {
		return {
			name: DEFAULT_CONTEXT,
			host: 'tcp://localhost:2376',
			endpoint: {kind: 'tcp', host: 'localhost', port: 2376},
			tls,
			source: 'default',
			description: 'Current DOCKER_HOST based configuration',
		};
	}
	return {
		name: DEFAULT_CONTEXT,
		host: `unix://${DEFAULT_SOCKET}`,
		endpoint: {kind: 'unix', path: DEFAULT_SOCKET},
		source: 'default',
		description: 'Current DOCKER_HOST based configuration',
	};
}

/** Every context in <config>/contexts/meta, sorted by name; a broken one is an error line and left out. */
function contextEngines(fs: EngineFs, configDir: string, errors: string[]): Engine[] {
	const metaRoot = path.join(configDir, 'contexts', 'meta');
	const engines: Engine[] = [];
	for (const dir of fs.listDir(metaRoot).sort()) {
		const file = path.join(metaRoot, dir, 'meta.json');
		if (!fs.exists(file)) continue; // not a context directory
		const meta = readJson(fs, file, errors);
		if (!meta) {
			if (fs.readFile(file) === undefined) errors.push(`${file}: cannot be read`);
			continue;
		}
		const name = meta['Name'];
		if (typeof name !== 'string' || name === '') {
			errors.push(`${file}: no "Name"`);
			continue;
		}
		if (name === DEFAULT_CONTEXT) {
			errors.push(`${file}: "default" is a reserved context name`);
			continue;
		}
		const endpoints = meta['Endpoints'];
		const docker = isRecord(endpoints) ? endpoints['docker'] : undefined;
		const host = isRecord(docker) ? docker['Host'] : undefined;
		if (typeof host !== 'string' || host === '') {
			errors.push(`${file}: context "${name}" has no Endpoints.docker.Host`);
			continue;
		}
		const skipVerify = isRecord(docker) && docker['SkipTLSVerify'] === true;
		const files = pemFiles(fs, path.join(configDir, 'contexts', 'tls', contextDirName(name), 'docker'));
		const hasTls = skipVerify || Object.keys(files).length > 0;
		const parsed = parseHost(host, {tls: hasTls});
		if (!parsed.ok) {
			errors.push(`${file}: context "${name}": ${parsed.error}`);
			continue;
		}
		const metadata = meta['Metadata'];
		const description = isRecord(metadata) ? metadata['Description'] : undefined;
		engines.push({
			name,
			host,
			endpoint: parsed.value,
			tls: hasTls && parsed.value.kind === 'tcp' ? {...files, verify: !skipVerify} : undefined,
			source: 'context',
			description: typeof description === 'string' && description !== '' ? description : undefined,
		});
	}
	return engines.sort((a, b) => a.name.localeCompare(b.name));
}

/** Rootless docker and podman sockets that exist, which the docker CLI would not offer. */
function socketEngines(env: NodeJS.ProcessEnv, fs: EngineFs): Engine[] {
	const runtime = env['XDG_RUNTIME_DIR'];
	const candidates: {name: string; file: string | undefined; source: EngineSource; description: string}[] = [
		{
			name: 'rootless',
			file: runtime ? path.join(runtime, 'docker.sock') : undefined,
			source: 'default',
			description: 'rootless Docker',
		},
		{
			name: 'podman',
			file: runtime ? path.join(runtime, 'podman', 'podman.sock') : undefined,
			source: 'podman',
			description: 'Podman (rootless)',
		},
		{name: 'podman-root', file: '/run/podman/podman.sock', source: 'podman', description: 'Podman (root)'},
	];
	return candidates.flatMap(({name, file, source, description}) =>
		file !== undefined && fs.exists(file)
			? [{name, host: `unix://${file}`, endpoint: {kind: 'unix', path: file} as const, source, description}]
			: [],
	);
}

/**
 * Works out the user's Docker engines as the docker CLI does: the built-in "default"
 * context (DOCKER_HOST when set), every context under <config>/contexts/meta, and the
 * rootless docker and podman sockets that exist; and which one to use. DOCKER_HOST wins,
 * then DOCKER_CONTEXT, then config.json `currentContext`, then "default". Unlike the
 * docker CLI, when that lands on the built-in default socket and it does not exist, the
 * first rootless or podman socket found is used instead.
 */
export function resolveEngines(env: NodeJS.ProcessEnv, fs: EngineFs, home: string): EngineResolution {
	const errors: string[] = [];
	const configDir = dockerConfigDir(env, home);
	const configFile = path.join(configDir, 'config.json');
	const config = readJson(fs, configFile, errors);
	let configured: string | undefined;
	if (config && config['currentContext'] !== undefined) {
		if (typeof config['currentContext'] === 'string') configured = config['currentContext'] || undefined;
		else errors.push(`${configFile}: "currentContext" is not a string`);
	}

	const builtIn = defaultEngine(env, fs, configDir, errors);
	const engines: Engine[] = [builtIn, ...contextEngines(fs, configDir, errors)];
	const hosts = new Set(engines.map((engine) => engine.host));
	const names = new Set(engines.map((engine) => engine.name));
	for (const socket of socketEngines(env, fs)) {
		if (hosts.has(socket.host)) continue;
		engines.push(names.has(socket.name) ? {...socket, name: `${socket.name}-socket`} : socket);
	}

	let current = DEFAULT_CONTEXT;
	let currentFrom: EngineResolution['currentFrom'] = 'default';
	const wanted: {name: string; from: 'DOCKER_CONTEXT' | 'config'; where: string} | undefined = env['DOCKER_HOST']?.trim()
		? undefined
		: env['DOCKER_CONTEXT']
			? {name: env['DOCKER_CONTEXT'], from: 'DOCKER_CONTEXT', where: 'DOCKER_CONTEXT'}
			: configured
				? {name: configured, from: 'config', where: configFile}
				: undefined;
	if (builtIn.source === 'DOCKER_HOST') currentFrom = 'DOCKER_HOST';
	else if (wanted) {
		if (wanted.name === DEFAULT_CONTEXT) currentFrom = wanted.from;
		else if (engines.some((engine) => engine.source === 'context' && engine.name === wanted.name)) {
			current = wanted.name;
			currentFrom = wanted.from;
		} else {
			const dir = path.join(configDir, 'contexts', 'meta', contextDirName(wanted.name));
			errors.push(`${wanted.where}: context "${wanted.name}" not found (no usable ${path.join(dir, 'meta.json')}); using "default"`);
		}
	}

	if (current === DEFAULT_CONTEXT && builtIn.source === 'default' && builtIn.endpoint.kind === 'unix') {
		if (!fs.exists(builtIn.endpoint.path)) {
			const socket = engines.find((engine) => engine.source !== 'context' && engine !== builtIn);
			if (socket) {
				current = socket.name;
				currentFrom = 'socket';
			}
		}
	}
	return {engines, current, currentFrom, errors};
}

/** resolveEngines over this process's environment, home directory and files. */
export const resolveLocalEngines = (): EngineResolution => resolveEngines(process.env, nodeEngineFs, homedir());
