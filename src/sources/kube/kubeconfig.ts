import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ExecCredentialError, execPluginOf, installExecCredentials, resolveExecCommand} from './execCredential.js';
import {inClusterKubeconfig, Kubeconfig, readKubeconfigFile, SERVICE_ACCOUNT_DIR, type User} from './kubeconfigFile.js';
import {ProxyError, proxyFor, proxyLabel} from './proxy.js';

/** Where to find the kubeconfig and which context to use, as kubectl's flags say it. */
export type KubeconfigOptions = {
	/** --kubeconfig: one file, instead of KUBECONFIG and ~/.kube/config. */
	readonly kubeconfig?: string;
	/** --context */
	readonly context?: string;
	/** The environment (KUBECONFIG, HOME); the process's by default. */
	readonly env?: NodeJS.ProcessEnv;
	/** Where a pod's service account is mounted; the standard place by default (tests give a temp dir). */
	readonly serviceAccountDir?: string;
};

/** A kubeconfig loaded and pointed at one context. */
export type LoadedKubeconfig = {
	readonly kc: Kubeconfig;
	readonly context: string;
	/** The context's namespace, or `default`. */
	readonly namespace: string;
	readonly server: string;
	/** The files it came from, for messages. */
	readonly files: readonly string[];
	/** The proxy requests to the server go through (proxy-url, else HTTPS_PROXY/NO_PROXY), without credentials; undefined when direct. */
	readonly proxy?: string;
};

/** A kubeconfig problem a user can fix; the message says how. */
export class KubeconfigError extends Error {
	override readonly name = 'KubeconfigError';
	constructor(
		message: string,
		/** There is no kubeconfig at all (not a broken one): a Docker-only user, whom kview opens on Docker instead. */
		readonly missing = false,
	) {
		super(message);
	}
}

/** The files kubectl would read: --kubeconfig, else every file in KUBECONFIG, else ~/.kube/config. */
export function kubeconfigFiles(options: KubeconfigOptions): string[] {
	const env = options.env ?? process.env;
	if (options.kubeconfig) return [options.kubeconfig];
	const list = (env['KUBECONFIG'] ?? '').split(path.delimiter).filter(Boolean);
	if (list.length) return list;
	return [path.join(env['HOME'] ?? os.homedir(), '.kube', 'config')];
}

/**
 * Loads the kubeconfig as kubectl does: --kubeconfig, else KUBECONFIG (several
 * files merged, the first to set a value wins), else ~/.kube/config, else the
 * pod's service account when running in a cluster. Errors say what to do.
 */
export function loadKubeconfig(options: KubeconfigOptions = {}): LoadedKubeconfig {
	const env = options.env ?? process.env;
	const wanted = kubeconfigFiles(options);
	// kubectl skips KUBECONFIG entries that do not exist; an explicit --kubeconfig must exist.
	const files = options.kubeconfig ? wanted : wanted.filter((f) => existsSync(f));
	if (options.kubeconfig && !existsSync(options.kubeconfig)) throw new KubeconfigError(`kubeconfig ${options.kubeconfig} does not exist`);
	if (files.length === 0) {
		const serviceAccount = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
		if (env['KUBERNETES_SERVICE_HOST'] && existsSync(path.join(serviceAccount, 'token'))) {
			const kc = new Kubeconfig(inClusterKubeconfig(env, serviceAccount));
			return finish(kc, options.context, ['(in-cluster service account)'], env);
		}
		throw new KubeconfigError(
			`no kubeconfig found (looked at ${wanted.join(', ')}): set KUBECONFIG or --kubeconfig, or try kview --demo`,
			true,
		);
	}
	const configs = files.map((file) => {
		let one;
		try {
			one = readKubeconfigFile(file);
		} catch (error) {
			throw new KubeconfigError(`kubeconfig ${file} cannot be read: ${firstLine(error)}`);
		}
		// An exec command with a path in it is relative to the file that names it, as kubectl resolves it.
		const dir = path.dirname(path.resolve(file));
		const users = one.users.map((u) => (u.exec ? {...u, exec: resolveExecCommand(u.exec, dir)} : u));
		return {clusters: one.clusters, users, contexts: one.contexts, currentContext: one.currentContext};
	});
	// Merged as kubectl merges: the first file to name a cluster, user or context wins, and the first current-context.
	const firstByName = <T extends {readonly name: string}>(lists: (readonly T[])[]): T[] => {
		const seen = new Map<string, T>();
		for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
		return [...seen.values()];
	};
	// Exec plugins are kview's to run (see execCredential.ts), kept apart from the users.
	const plugins = new Map<string, unknown>();
	const users = firstByName(configs.map((c) => c.users)).map((u): User => {
		if (!u.exec) return u;
		plugins.set(u.name, u.exec);
		return {...u, exec: undefined};
	});
	const kc = new Kubeconfig({
		clusters: firstByName(configs.map((c) => c.clusters)),
		users,
		contexts: firstByName(configs.map((c) => c.contexts)),
		currentContext: configs.find((c) => c.currentContext)?.currentContext ?? '',
	});
	installExecCredentials(kc, plugins);
	return finish(kc, options.context, files, env);
}

function finish(kc: Kubeconfig, context: string | undefined, files: readonly string[], env: NodeJS.ProcessEnv): LoadedKubeconfig {
	const names = kc.getContexts().map((c) => c.name);
	const name = context ?? kc.getCurrentContext();
	if (!name)
		throw new KubeconfigError(
			`no current context in ${files.join(', ')}: pick one with --context (contexts: ${names.join(', ') || 'none'})`,
		);
	const ctx = kc.getContextObject(name);
	if (!ctx) throw new KubeconfigError(`context "${name}" is not in ${files.join(', ')} (contexts: ${names.join(', ') || 'none'})`);
	kc.setCurrentContext(name);
	const cluster = kc.getCluster(ctx.cluster);
	if (!cluster) throw new KubeconfigError(`context "${name}" names cluster "${ctx.cluster}", which is not in ${files.join(', ')}`);
	if (ctx.user && !kc.getUser(ctx.user))
		throw new KubeconfigError(`context "${name}" names user "${ctx.user}", which is not in ${files.join(', ')}`);
	try {
		if (ctx.user) execPluginOf(kc, ctx.user);
	} catch (error) {
		if (error instanceof ExecCredentialError) throw new KubeconfigError(`${error.message} (in ${files.join(', ')})`);
		throw error;
	}
	let server: URL | undefined;
	try {
		server = new URL(cluster.server);
	} catch {
		// Said below.
	}
	if (!server || !['https:', 'http:'].includes(server.protocol) || !server.hostname)
		throw new KubeconfigError(
			`cluster "${cluster.name}" has a server that is not an https:// URL: "${cluster.server}" (in ${files.join(', ')})`,
		);
	let proxy: URL | undefined;
	try {
		proxy = proxyFor(server, cluster.proxyUrl, env);
	} catch (error) {
		if (error instanceof ProxyError) throw new KubeconfigError(`context "${name}": ${error.message}`);
		throw error;
	}
	return {
		kc,
		context: name,
		namespace: ctx.namespace ?? 'default',
		server: cluster.server,
		files,
		...(proxy ? {proxy: proxyLabel(proxy)} : {}),
	};
}

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0] ?? text;
}
