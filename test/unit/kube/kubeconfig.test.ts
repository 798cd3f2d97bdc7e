import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {execPluginOf} from '../../../src/sources/kube/execCredential.js';
import {KubeconfigError, kubeconfigFiles, loadKubeconfig, type KubeconfigOptions} from '../../../src/sources/kube/kubeconfig.js';

// loadKubeconfig against temp files and an explicit environment: never the machine's own ~/.kube.

let dir = '';
beforeEach(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'kview-kubeconfig-'));
});
afterEach(() => {
	rmSync(dir, {recursive: true, force: true});
});

type Entry = {name: string; server?: string; cluster?: string; user?: string; namespace?: string; token?: string};

/** A kubeconfig document from short lists of clusters, users and contexts. */
function config(parts: {clusters?: Entry[]; users?: Entry[]; contexts?: Entry[]; current?: string}): string {
	return stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: (parts.clusters ?? []).map((c) => ({name: c.name, cluster: {server: c.server ?? `https://${c.name}.example:6443`}})),
		users: (parts.users ?? []).map((u) => ({name: u.name, user: {token: u.token ?? `token-${u.name}`}})),
		contexts: (parts.contexts ?? []).map((c) => ({
			name: c.name,
			context: {cluster: c.cluster ?? c.name, user: c.user ?? c.name, ...(c.namespace ? {namespace: c.namespace} : {})},
		})),
		...(parts.current !== undefined ? {'current-context': parts.current} : {}),
	});
}

/** Writes a file under the temp dir and returns its path. */
function write(name: string, text: string): string {
	const file = path.join(dir, name);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
	return file;
}

/** An environment with nothing but what the test gives: HOME points into the temp dir. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {HOME: path.join(dir, 'home'), ...extra};
}

function load(options: KubeconfigOptions) {
	return loadKubeconfig({env: env(), ...options});
}

/** The KubeconfigError a call throws (fails the test if it throws anything else or nothing). */
function errorOf(run: () => unknown): KubeconfigError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(KubeconfigError);
		return error as KubeconfigError;
	}
	throw new Error('expected a KubeconfigError, but nothing was thrown');
}

describe('kubeconfigFiles', () => {
	it('prefers --kubeconfig, then every KUBECONFIG entry, then ~/.kube/config', () => {
		const delimited = ['/a', '', '/b'].join(path.delimiter);
		expect(kubeconfigFiles({kubeconfig: '/x', env: {KUBECONFIG: delimited, HOME: '/h'}})).toEqual(['/x']);
		expect(kubeconfigFiles({env: {KUBECONFIG: delimited, HOME: '/h'}})).toEqual(['/a', '/b']);
		expect(kubeconfigFiles({env: {HOME: '/h'}})).toEqual([path.join('/h', '.kube', 'config')]);
	});
});

describe('loadKubeconfig', () => {
	it('merges KUBECONFIG files with the first file winning clusters, users, contexts and current-context', () => {
		const first = write(
			'first.yaml',
			config({
				clusters: [{name: 'shared', server: 'https://first.example:6443'}],
				users: [{name: 'shared', token: 'first-token'}],
				contexts: [{name: 'shared', namespace: 'from-first'}],
				current: 'shared',
			}),
		);
		const second = write(
			'second.yaml',
			config({
				clusters: [
					{name: 'shared', server: 'https://second.example:6443'},
					{name: 'only-second', server: 'https://only-second.example:6443'},
				],
				users: [{name: 'shared', token: 'second-token'}, {name: 'only-second'}],
				contexts: [{name: 'shared', namespace: 'from-second'}, {name: 'only-second'}],
				current: 'only-second',
			}),
		);
		const loaded = loadKubeconfig({env: env({KUBECONFIG: [first, second].join(path.delimiter)})});
		expect(loaded.context).toBe('shared');
		expect(loaded.server).toBe('https://first.example:6443');
		expect(loaded.namespace).toBe('from-first');
		expect(loaded.kc.getUser('shared')?.token).toBe('first-token');
		expect(loaded.files).toEqual([first, second]);
		// Names only the second file has are merged in, not lost.
		expect(loaded.kc.getContexts().map((c) => c.name)).toEqual(['shared', 'only-second']);
		const other = loadKubeconfig({env: env({KUBECONFIG: [first, second].join(path.delimiter)}), context: 'only-second'});
		expect(other.server).toBe('https://only-second.example:6443');
		expect(other.namespace).toBe('default');
	});

	it('takes current-context from a later file when the first sets none', () => {
		const first = write('first.yaml', config({clusters: [{name: 'a'}], users: [{name: 'a'}], contexts: [{name: 'a'}]}));
		const second = write('second.yaml', config({clusters: [{name: 'b'}], users: [{name: 'b'}], contexts: [{name: 'b'}], current: 'b'}));
		expect(loadKubeconfig({env: env({KUBECONFIG: [first, second].join(path.delimiter)})}).context).toBe('b');
	});

	it('skips KUBECONFIG entries that do not exist', () => {
		const real = write('real.yaml', config({clusters: [{name: 'c'}], users: [{name: 'c'}], contexts: [{name: 'c'}], current: 'c'}));
		const missing = path.join(dir, 'missing.yaml');
		const loaded = loadKubeconfig({env: env({KUBECONFIG: [missing, real].join(path.delimiter)})});
		expect(loaded.context).toBe('c');
		expect(loaded.files).toEqual([real]);
	});

	it('reads ~/.kube/config from HOME when nothing else is set', () => {
		write(
			'home/.kube/config',
			config({clusters: [{name: 'h'}], users: [{name: 'h'}], contexts: [{name: 'h', namespace: 'team'}], current: 'h'}),
		);
		const loaded = load({});
		expect(loaded.context).toBe('h');
		expect(loaded.namespace).toBe('team');
		expect(loaded.files).toEqual([path.join(dir, 'home', '.kube', 'config')]);
	});

	it('lets --kubeconfig override KUBECONFIG', () => {
		const flag = write('flag.yaml', config({clusters: [{name: 'f'}], users: [{name: 'f'}], contexts: [{name: 'f'}], current: 'f'}));
		const envFile = write('env.yaml', config({clusters: [{name: 'e'}], users: [{name: 'e'}], contexts: [{name: 'e'}], current: 'e'}));
		expect(loadKubeconfig({kubeconfig: flag, env: env({KUBECONFIG: envFile})}).context).toBe('f');
	});

	it('fails when --kubeconfig names a missing file, naming it', () => {
		const missing = path.join(dir, 'nope.yaml');
		const error = errorOf(() => load({kubeconfig: missing}));
		expect(error.message).toBe(`kubeconfig ${missing} does not exist`);
	});

	it('fails on malformed YAML with one line naming the file and no credentials', () => {
		const file = write('broken.yaml', 'apiVersion: v1\nusers:\n- name: u\n  user:\n    token: s3cret-token\n   bad: [indent\n');
		const error = errorOf(() => load({kubeconfig: file}));
		expect(error.message).toContain(`kubeconfig ${file} cannot be read: `);
		expect(error.message).not.toContain('\n');
		expect(error.message).not.toContain('s3cret-token');
	});

	it('fails on an unknown --context, listing the contexts there are', () => {
		const file = write(
			'two.yaml',
			config({clusters: [{name: 'a'}, {name: 'b'}], users: [{name: 'a'}, {name: 'b'}], contexts: [{name: 'a'}, {name: 'b'}], current: 'a'}),
		);
		const error = errorOf(() => load({kubeconfig: file, context: 'prod'}));
		expect(error.message).toBe(`context "prod" is not in ${file} (contexts: a, b)`);
	});

	it('fails with no current context and no --context, listing the contexts', () => {
		const file = write('nocurrent.yaml', config({clusters: [{name: 'a'}], users: [{name: 'a'}], contexts: [{name: 'a'}]}));
		const error = errorOf(() => load({kubeconfig: file}));
		expect(error.message).toBe(`no current context in ${file}: pick one with --context (contexts: a)`);
	});

	it('fails when the context names a cluster that is not there', () => {
		const file = write(
			'nocluster.yaml',
			config({clusters: [{name: 'a'}], users: [{name: 'a'}], contexts: [{name: 'ctx', cluster: 'gone', user: 'a'}], current: 'ctx'}),
		);
		const error = errorOf(() => load({kubeconfig: file}));
		expect(error.message).toBe(`context "ctx" names cluster "gone", which is not in ${file}`);
	});

	it('fails when the context names a user that is not there', () => {
		const file = write(
			'nouser.yaml',
			config({clusters: [{name: 'a'}], users: [{name: 'a'}], contexts: [{name: 'ctx', cluster: 'a', user: 'ghost'}], current: 'ctx'}),
		);
		const error = errorOf(() => load({kubeconfig: file}));
		expect(error.message).toBe(`context "ctx" names user "ghost", which is not in ${file}`);
	});

	it('with no kubeconfig anywhere says where it looked and suggests --demo', () => {
		const expected = path.join(dir, 'home', '.kube', 'config');
		const error = errorOf(() => load({}));
		expect(error.message).toBe(`no kubeconfig found (looked at ${expected}): set KUBECONFIG or --kubeconfig, or try kview --demo`);
		const a = path.join(dir, 'a.yaml');
		const b = path.join(dir, 'b.yaml');
		const viaEnv = errorOf(() => loadKubeconfig({env: env({KUBECONFIG: [a, b].join(path.delimiter)})}));
		expect(viaEnv.message).toBe(`no kubeconfig found (looked at ${a}, ${b}): set KUBECONFIG or --kubeconfig, or try kview --demo`);
	});

	it.skipIf(existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token'))(
		'does not pretend to be in a cluster without a service account token',
		() => {
			const error = errorOf(() => loadKubeconfig({env: env({KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443'})}));
			expect(error.message).toMatch(/^no kubeconfig found .* or try kview --demo$/);
		},
	);

	it('takes the namespace from the context, `default` when it has none', () => {
		const file = write(
			'ns.yaml',
			config({
				clusters: [{name: 'a'}],
				users: [{name: 'a'}],
				contexts: [
					{name: 'with', cluster: 'a', user: 'a', namespace: 'payments'},
					{name: 'without', cluster: 'a', user: 'a'},
				],
				current: 'with',
			}),
		);
		expect(load({kubeconfig: file}).namespace).toBe('payments');
		expect(load({kubeconfig: file, context: 'without'}).namespace).toBe('default');
	});

	it('resolves relative certificate paths against the directory of the kubeconfig that names them', async () => {
		write('one/certs/ca.crt', 'CA-ONE');
		write('two/pki/ca.crt', 'CA-TWO');
		write('two/pki/client.crt', 'CERT-TWO');
		write('two/pki/client.key', 'KEY-TWO');
		const one = write(
			'one/config',
			stringify({
				apiVersion: 'v1',
				clusters: [{name: 'one', cluster: {server: 'https://one.example:6443', 'certificate-authority': 'certs/ca.crt'}}],
				users: [{name: 'one', user: {token: 't'}}],
				contexts: [{name: 'one', context: {cluster: 'one', user: 'one'}}],
				'current-context': 'one',
			}),
		);
		const two = write(
			'two/config',
			stringify({
				apiVersion: 'v1',
				clusters: [{name: 'two', cluster: {server: 'https://two.example:6443', 'certificate-authority': 'pki/ca.crt'}}],
				users: [{name: 'two', user: {'client-certificate': 'pki/client.crt', 'client-key': './pki/client.key'}}],
				contexts: [{name: 'two', context: {cluster: 'two', user: 'two'}}],
			}),
		);
		expect(process.cwd()).not.toBe(path.join(dir, 'one'));
		const loaded = loadKubeconfig({env: env({KUBECONFIG: [one, two].join(path.delimiter)}), context: 'two'});
		expect(loaded.kc.getCluster('one')?.caFile).toBe(path.join(dir, 'one', 'certs', 'ca.crt'));
		expect(loaded.kc.getCluster('two')?.caFile).toBe(path.join(dir, 'two', 'pki', 'ca.crt'));
		expect(loaded.kc.getUser('two')?.certFile).toBe(path.join(dir, 'two', 'pki', 'client.crt'));
		expect(loaded.kc.getUser('two')?.keyFile).toBe(path.join(dir, 'two', 'pki', 'client.key'));
		// And the client really reads them from there when it sets up TLS.
		const options: https.RequestOptions = {};
		await loaded.kc.applyToHTTPSOptions(options);
		const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('utf8') : value);
		expect(text(options.ca)).toBe('CA-TWO');
		expect(text(options.cert)).toBe('CERT-TWO');
		expect(text(options.key)).toBe('KEY-TWO');
	});
});

describe('loadKubeconfig: exec plugins', () => {
	const V1 = 'client.authentication.k8s.io/v1';

	/** A kubeconfig with one context whose user has `exec`, plus an unused user with a broken one. */
	function withExec(exec: Record<string, unknown>): string {
		return write(
			'exec/config',
			stringify({
				apiVersion: 'v1',
				clusters: [{name: 'c', cluster: {server: 'https://c.example:6443'}}],
				users: [
					{name: 'u', user: {exec}},
					{name: 'broken', user: {exec: {apiVersion: V1}}},
				],
				contexts: [
					{name: 'c', context: {cluster: 'c', user: 'u'}},
					{name: 'b', context: {cluster: 'c', user: 'broken'}},
				],
				'current-context': 'c',
			}),
		);
	}

	it('keeps exec for kview’s runner and resolves a relative command against the file’s directory', () => {
		const file = withExec({apiVersion: V1, command: './bin/login', interactiveMode: 'IfAvailable'});
		const loaded = load({kubeconfig: file});
		// The user keeps no exec entry: execCredential.ts runs it.
		expect(loaded.kc.getUser('u')?.exec).toBeUndefined();
		expect(execPluginOf(loaded.kc, 'u')?.command).toBe(path.join(dir, 'exec', 'bin', 'login'));
		expect(execPluginOf(loaded.kc, 'nobody')).toBeUndefined();
	});

	it('fails on a broken exec entry of the context’s user, and only of that user', () => {
		const file = withExec({apiVersion: V1, command: 'aws'});
		const error = errorOf(() => load({kubeconfig: file}));
		expect(error.message).toBe(`user "u": exec aws has no interactiveMode (required for ${V1}) (in ${file})`);
		const fine = withExec({apiVersion: V1, command: 'aws', interactiveMode: 'Never'});
		expect(load({kubeconfig: fine}).context).toBe('c');
		expect(errorOf(() => load({kubeconfig: fine, context: 'b'})).message).toBe(`user "broken": exec has no command (in ${fine})`);
	});
});

describe('loadKubeconfig: proxies', () => {
	function withProxy(proxyUrl: string | undefined, server = 'https://api.corp.example:6443'): string {
		return write(
			'proxy.yaml',
			stringify({
				apiVersion: 'v1',
				clusters: [{name: 'c', cluster: {server, ...(proxyUrl ? {'proxy-url': proxyUrl} : {})}}],
				users: [{name: 'u', user: {token: 't'}}],
				contexts: [{name: 'c', context: {cluster: 'c', user: 'u'}}],
				'current-context': 'c',
			}),
		);
	}

	it('reports the proxy it will use, without credentials: proxy-url first, then HTTPS_PROXY unless NO_PROXY', () => {
		expect(load({kubeconfig: withProxy('socks5://ops:s3cret@bastion:1080')}).proxy).toBe('socks5://bastion:1080');
		expect(loadKubeconfig({kubeconfig: withProxy(undefined), env: env({HTTPS_PROXY: 'proxy.corp:3128'})}).proxy).toBe(
			'http://proxy.corp:3128',
		);
		expect(
			loadKubeconfig({kubeconfig: withProxy(undefined), env: env({HTTPS_PROXY: 'proxy.corp:3128', NO_PROXY: 'corp.example'})}).proxy,
		).toBeUndefined();
		expect(load({kubeconfig: withProxy(undefined)}).proxy).toBeUndefined();
	});

	it('fails on a proxy-url kubectl could not use, without its password', () => {
		const error = errorOf(() => load({kubeconfig: withProxy('socks4://ops:s3cret@bastion:1080')}));
		expect(error.message).toBe(
			'context "c": proxy-url "socks4://***@bastion:1080" has the unsupported scheme "socks4" (use http, https, socks5 or socks5h)',
		);
	});

	it.each(['api.corp.example', 'api.corp.example:6443', 'ftp://api.corp.example'])(
		'fails on a server that is not an http(s) URL: %s',
		(server) => {
			const file = withProxy(undefined, server);
			expect(errorOf(() => load({kubeconfig: file})).message).toBe(
				`cluster "c" has a server that is not an https:// URL: "${server}" (in ${file})`,
			);
		},
	);
});
