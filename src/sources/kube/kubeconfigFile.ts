import {readFileSync} from 'node:fs';
import type https from 'node:https';
import path from 'node:path';
import {parse} from 'yaml';

// kview's own kubeconfig reader, in place of @kubernetes/client-node's KubeConfig:
// that one brings every cloud's auth provider (oidc, azure, gcp, jose, openid-client)
// for ~30 MB of memory, and kview only needs the file, TLS and a bearer token.

/** A kubeconfig's `clusters[].cluster`, with its name. */
export type Cluster = {
	readonly name: string;
	readonly server: string;
	/** certificate-authority-data: base64 PEM. */
	readonly caData?: string | undefined;
	/** certificate-authority: a PEM file (absolute, resolved against the kubeconfig's directory). */
	readonly caFile?: string | undefined;
	readonly insecureSkipTLSVerify?: boolean | undefined;
	readonly tlsServerName?: string | undefined;
	readonly proxyUrl?: string | undefined;
};

/** A kubeconfig's legacy `users[].user.auth-provider`. */
export type AuthProvider = {readonly name: string; readonly config: Readonly<Record<string, string>>};

/** A kubeconfig's `users[].user`, with its name. */
export type User = {
	readonly name: string;
	readonly token?: string | undefined;
	/** tokenFile: read at each request (in-cluster tokens rotate). */
	readonly tokenFile?: string | undefined;
	/** client-certificate-data / client-key-data: base64 PEM. */
	readonly certData?: string | undefined;
	readonly certFile?: string | undefined;
	readonly keyData?: string | undefined;
	readonly keyFile?: string | undefined;
	readonly username?: string | undefined;
	readonly password?: string | undefined;
	/** The raw exec entry; kview runs it (execCredential.ts). */
	readonly exec?: unknown;
	readonly authProvider?: AuthProvider | undefined;
};

/** A kubeconfig's `contexts[].context`, with its name. */
export type Context = {
	readonly name: string;
	readonly cluster: string;
	readonly user: string;
	readonly namespace?: string | undefined;
};

/** The lists of one kubeconfig (or several merged). */
export type KubeconfigData = {
	readonly clusters: readonly Cluster[];
	readonly users: readonly User[];
	readonly contexts: readonly Context[];
	/** Empty when none is set. */
	readonly currentContext: string;
};

/** Credentials that cannot be used for a request (a file not readable, an auth-provider kview cannot refresh); one line. */
export class CredentialError extends Error {
	override readonly name = 'CredentialError';
}

/** Supplies the credential of users it claims (exec plugins); the kubeconfig asks it before anything else. */
export type Authenticator = {
	readonly claims: (user: User) => boolean;
	readonly apply: (user: User, options: https.RequestOptions) => Promise<void>;
};

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;

function list(doc: Raw, key: string): Raw[] {
	const value = doc[key];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new Error(`${key} is not a list`);
	return value.map((entry, i) => {
		if (!isRecord(entry)) throw new Error(`${key}[${i}] is not a mapping`);
		return entry;
	});
}

function section(entry: Raw, key: string, where: string): Raw {
	const value = entry[key];
	if (value === undefined || value === null) return {};
	if (!isRecord(value)) throw new Error(`${where}.${key} is not a mapping`);
	return value;
}

function nameOf(entry: Raw, where: string): string {
	const name = text(entry['name']);
	if (!name) throw new Error(`${where}.name is missing`);
	return name;
}

/** Reads kubeconfig YAML; `dir` is where relative file paths start (the file's directory). Throws an Error whose first line says what is wrong. */
export function parseKubeconfig(yamlText: string, dir: string): KubeconfigData {
	const doc: unknown = parse(yamlText);
	if (doc === undefined || doc === null) return {clusters: [], users: [], contexts: [], currentContext: ''};
	if (!isRecord(doc)) throw new Error('not a kubeconfig (the document is not a mapping)');
	const file = (value: unknown) => {
		const name = text(value);
		return name ? path.resolve(dir, name) : undefined;
	};
	const clusters = list(doc, 'clusters').map((entry, i): Cluster => {
		const where = `clusters[${i}]`;
		const name = nameOf(entry, where);
		const c = section(entry, 'cluster', where);
		const server = text(c['server']);
		if (!server) throw new Error(`${where}.cluster.server is missing (cluster "${name}")`);
		return {
			name,
			server,
			caData: text(c['certificate-authority-data']),
			caFile: file(c['certificate-authority']),
			insecureSkipTLSVerify: c['insecure-skip-tls-verify'] === true || c['insecure-skip-tls-verify'] === 'true',
			tlsServerName: text(c['tls-server-name']),
			proxyUrl: text(c['proxy-url']),
		};
	});
	const users = list(doc, 'users').map((entry, i): User => {
		const where = `users[${i}]`;
		const u = section(entry, 'user', where);
		const provider = u['auth-provider'];
		let authProvider: AuthProvider | undefined;
		if (isRecord(provider)) {
			const config: Record<string, string> = {};
			if (isRecord(provider['config']))
				for (const [key, value] of Object.entries(provider['config'])) if (text(value)) config[key] = String(value);
			authProvider = {name: text(provider['name']) ?? '', config};
		}
		return {
			name: nameOf(entry, where),
			token: text(u['token']),
			tokenFile: file(u['tokenFile']),
			certData: text(u['client-certificate-data']),
			certFile: file(u['client-certificate']),
			keyData: text(u['client-key-data']),
			keyFile: file(u['client-key']),
			username: text(u['username']),
			password: text(u['password']),
			...(u['exec'] !== undefined && u['exec'] !== null ? {exec: u['exec']} : {}),
			authProvider,
		};
	});
	const contexts = list(doc, 'contexts').map((entry, i): Context => {
		const where = `contexts[${i}]`;
		const c = section(entry, 'context', where);
		return {name: nameOf(entry, where), cluster: text(c['cluster']) ?? '', user: text(c['user']) ?? '', namespace: text(c['namespace'])};
	});
	return {clusters, users, contexts, currentContext: text(doc['current-context']) ?? ''};
}

/** Reads one kubeconfig file, relative paths resolved against its directory; throws an Error whose first line says what is wrong. */
export function readKubeconfigFile(file: string): KubeconfigData {
	return parseKubeconfig(readFileSync(file, 'utf8'), path.dirname(path.resolve(file)));
}

/** Where a pod's service account is mounted. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The pod's service account as kubectl reads it in a cluster: the API server at
 * KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT, the mounted CA, the mounted token
 * (read at each request: it rotates) and the mounted namespace when there is one.
 */
export function inClusterKubeconfig(env: NodeJS.ProcessEnv = process.env, dir = SERVICE_ACCOUNT_DIR): KubeconfigData {
	const host = env['KUBERNETES_SERVICE_HOST'] ?? '';
	const port = env['KUBERNETES_SERVICE_PORT'] || '443';
	let namespace: string | undefined;
	try {
		namespace = readFileSync(path.join(dir, 'namespace'), 'utf8').trim() || undefined;
	} catch {
		// Not mounted: the default namespace.
	}
	return {
		clusters: [
			{
				name: 'inCluster',
				server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
				caFile: path.join(dir, 'ca.crt'),
			},
		],
		users: [{name: 'inClusterUser', tokenFile: path.join(dir, 'token')}],
		contexts: [{name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser', namespace}],
		currentContext: 'inClusterContext',
	};
}

function readFile(file: string, what: string): Buffer {
	try {
		return readFileSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new CredentialError(`cannot read ${what} ${file}${code ? ` (${code})` : ''}`);
	}
}

/** The tokens a legacy auth-provider leaves in the kubeconfig after kubectl refreshed it. */
const PROVIDER_TOKENS: Readonly<Record<string, string>> = {oidc: 'id-token', gcp: 'access-token', azure: 'access-token'};

/** A kubeconfig's clusters, users and contexts, one of them current; sets up requests the way kubectl would. */
export class Kubeconfig {
	readonly clusters: readonly Cluster[];
	readonly users: readonly User[];
	readonly contexts: readonly Context[];
	private current: string;
	private authenticator: Authenticator | undefined;

	constructor(data: KubeconfigData) {
		this.clusters = data.clusters;
		this.users = data.users;
		this.contexts = data.contexts;
		this.current = data.currentContext;
	}

	getContexts(): readonly Context[] {
		return this.contexts;
	}

	/** The current context's name; empty when none is set. */
	getCurrentContext(): string {
		return this.current;
	}

	setCurrentContext(name: string): void {
		this.current = name;
	}

	getContextObject(name: string): Context | undefined {
		return this.contexts.find((c) => c.name === name);
	}

	getCluster(name: string): Cluster | undefined {
		return this.clusters.find((c) => c.name === name);
	}

	getUser(name: string): User | undefined {
		return this.users.find((u) => u.name === name);
	}

	getCurrentCluster(): Cluster | undefined {
		const context = this.getContextObject(this.current);
		return context ? this.getCluster(context.cluster) : undefined;
	}

	getCurrentUser(): User | undefined {
		const context = this.getContextObject(this.current);
		return context ? this.getUser(context.user) : undefined;
	}

	/** Hands the users `authenticator` claims (exec plugins) to it. */
	setAuthenticator(authenticator: Authenticator): void {
		this.authenticator = authenticator;
	}

	/**
	 * Puts the current context's TLS settings and credential into `options`: the CA,
	 * client certificate and key (data or file), insecure-skip-tls-verify,
	 * tls-server-name; then the authenticator's credential for a user it claims, else
	 * the token, the tokenFile (read now), an auth-provider's cached token, or basic auth.
	 * Throws CredentialError (one line) when a file cannot be read or an auth-provider has no token.
	 */
	async applyToHTTPSOptions(options: https.RequestOptions): Promise<void> {
		const cluster = this.getCurrentCluster();
		const user = this.getCurrentUser();
		if (cluster) {
			if (cluster.caData) options.ca = Buffer.from(cluster.caData, 'base64');
			else if (cluster.caFile) options.ca = readFile(cluster.caFile, 'certificate-authority');
			if (cluster.insecureSkipTLSVerify) options.rejectUnauthorized = false;
			if (cluster.tlsServerName) options.servername = cluster.tlsServerName;
		}
		if (!user) return;
		if (user.certData) options.cert = Buffer.from(user.certData, 'base64');
		else if (user.certFile) options.cert = readFile(user.certFile, 'client-certificate');
		if (user.keyData) options.key = Buffer.from(user.keyData, 'base64');
		else if (user.keyFile) options.key = readFile(user.keyFile, 'client-key');
		if (this.authenticator?.claims(user)) {
			await this.authenticator.apply(user, options);
			return;
		}
		const authorization = bearerOrBasic(user);
		if (authorization) ((options.headers ??= {}) as Record<string, string>)['Authorization'] = authorization;
	}
}

/** The Authorization header for a user's static credential, undefined when it has none (a client certificate, say). */
function bearerOrBasic(user: User): string | undefined {
	if (user.token) return `Bearer ${user.token}`;
	if (user.tokenFile) {
		const token = readFile(user.tokenFile, 'tokenFile').toString('utf8').trim();
		if (!token) throw new CredentialError(`tokenFile ${user.tokenFile} is empty`);
		return `Bearer ${token}`;
	}
	if (user.authProvider) {
		const {name, config} = user.authProvider;
		const key = PROVIDER_TOKENS[name];
		const token = key ? config[key] : undefined;
		if (token) return `Bearer ${token}`;
		throw new CredentialError(
			`user "${user.name}": auth-provider "${name}" has no token kview can use: run a kubectl command to refresh it, or use an exec plugin (kubelogin)`,
		);
	}
	if (user.username) return `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
	return undefined;
}
