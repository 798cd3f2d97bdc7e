import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {loadKubeconfig} from '../../../src/sources/kube/kubeconfig.js';
import {
	CredentialError,
	inClusterKubeconfig,
	Kubeconfig,
	parseKubeconfig,
	readKubeconfigFile,
} from '../../../src/sources/kube/kubeconfigFile.js';

// kview's own kubeconfig reader: parsing, relative paths, and what each kind of credential puts into a request.

let dir = '';
beforeEach(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'kview-kubeconfigfile-'));
});
afterEach(() => {
	rmSync(dir, {recursive: true, force: true});
});

function write(name: string, text: string): string {
	const file = path.join(dir, name);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
	return file;
}

/** A Kubeconfig with one context over the given cluster and user fields (as a kubeconfig file spells them). */
function single(cluster: Record<string, unknown>, user: Record<string, unknown>): Kubeconfig {
	const file = write(
		'config',
		stringify({
			apiVersion: 'v1',
			clusters: [{name: 'c', cluster: {server: 'https://c.example:6443', ...cluster}}],
			users: [{name: 'u', user}],
			contexts: [{name: 'ctx', context: {cluster: 'c', user: 'u', namespace: 'ns'}}],
			'current-context': 'ctx',
		}),
	);
	return new Kubeconfig(readKubeconfigFile(file));
}

async function applied(kc: Kubeconfig): Promise<https.RequestOptions> {
	const options: https.RequestOptions = {};
	await kc.applyToHTTPSOptions(options);
	return options;
}

const authorization = (options: https.RequestOptions) => (options.headers as Record<string, string> | undefined)?.['Authorization'];
const b64 = (text: string) => Buffer.from(text).toString('base64');
const utf8 = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('utf8') : value);

describe('parseKubeconfig', () => {
	it('reads clusters, users and contexts by their kubeconfig keys', () => {
		const kc = single(
			{
				'certificate-authority-data': b64('CA'),
				'insecure-skip-tls-verify': true,
				'tls-server-name': 'api.internal',
				'proxy-url': 'http://proxy:3128',
			},
			{'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY'), token: 'tok'},
		);
		expect(kc.getCurrentContext()).toBe('ctx');
		expect(kc.getContextObject('ctx')).toEqual({name: 'ctx', cluster: 'c', user: 'u', namespace: 'ns'});
		expect(kc.getCurrentCluster()).toMatchObject({
			name: 'c',
			server: 'https://c.example:6443',
			caData: b64('CA'),
			insecureSkipTLSVerify: true,
			tlsServerName: 'api.internal',
			proxyUrl: 'http://proxy:3128',
		});
		expect(kc.getCurrentUser()).toMatchObject({name: 'u', token: 'tok', certData: b64('CERT'), keyData: b64('KEY')});
	});

	it('resolves relative file paths against the given directory and keeps absolute ones', () => {
		const parsed = parseKubeconfig(
			stringify({
				clusters: [{name: 'c', cluster: {server: 'https://c', 'certificate-authority': 'ca.crt'}}],
				users: [{name: 'u', user: {tokenFile: './tok', 'client-certificate': '/abs/c.crt', 'client-key': 'k/c.key'}}],
			}),
			'/etc/kube',
		);
		expect(parsed.clusters[0]?.caFile).toBe(path.resolve('/etc/kube/ca.crt'));
		expect(parsed.users[0]).toMatchObject({
			tokenFile: path.resolve('/etc/kube/tok'),
			certFile: '/abs/c.crt',
			keyFile: path.resolve('/etc/kube/k/c.key'),
		});
	});

	it('takes an empty file as an empty kubeconfig', () => {
		expect(parseKubeconfig('', dir)).toEqual({clusters: [], users: [], contexts: [], currentContext: ''});
	});

	it.each([
		['- a\n- b\n', 'not a kubeconfig (the document is not a mapping)'],
		['clusters: {a: 1}\n', 'clusters is not a list'],
		['clusters:\n- cluster: {server: https://x}\n', 'clusters[0].name is missing'],
		['clusters:\n- name: c\n  cluster: {}\n', 'clusters[0].cluster.server is missing (cluster "c")'],
		['users:\n- user: {token: t}\n', 'users[0].name is missing'],
		['contexts:\n- name: x\n  context: [1]\n', 'contexts[0].context is not a mapping'],
	])('fails on a malformed kubeconfig with one line saying what: %j', (yamlText, message) => {
		expect(() => parseKubeconfig(yamlText, dir)).toThrow(message);
	});
});

describe('Kubeconfig.applyToHTTPSOptions', () => {
	it('reads the CA, client certificate and key from data, and sets insecure and tls-server-name', async () => {
		const options = await applied(
			single(
				{'certificate-authority-data': b64('CA'), 'insecure-skip-tls-verify': true, 'tls-server-name': 'api.internal'},
				{'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY')},
			),
		);
		expect(utf8(options.ca)).toBe('CA');
		expect(utf8(options.cert)).toBe('CERT');
		expect(utf8(options.key)).toBe('KEY');
		expect(options.rejectUnauthorized).toBe(false);
		expect(options.servername).toBe('api.internal');
		expect(authorization(options)).toBeUndefined();
	});

	it('verifies the server by default and sets no servername', async () => {
		const options = await applied(single({}, {token: 't'}));
		expect(options.rejectUnauthorized).toBeUndefined();
		expect(options.servername).toBeUndefined();
		expect(options.ca).toBeUndefined();
	});

	it('reads relative CA, certificate and key files from the kubeconfig’s directory', async () => {
		write('pki/ca.crt', 'CA-FILE');
		write('pki/client.crt', 'CERT-FILE');
		write('pki/client.key', 'KEY-FILE');
		const options = await applied(
			single({'certificate-authority': 'pki/ca.crt'}, {'client-certificate': 'pki/client.crt', 'client-key': './pki/client.key'}),
		);
		expect(utf8(options.ca)).toBe('CA-FILE');
		expect(utf8(options.cert)).toBe('CERT-FILE');
		expect(utf8(options.key)).toBe('KEY-FILE');
	});

	it('fails with one line naming a file it cannot read', async () => {
		const kc = single({'certificate-authority': 'missing.crt'}, {token: 't'});
		await expect(kc.applyToHTTPSOptions({})).rejects.toThrow(CredentialError);
		await expect(kc.applyToHTTPSOptions({})).rejects.toThrow(`cannot read certificate-authority ${path.join(dir, 'missing.crt')} (ENOENT)`);
	});

	it('sends the token as a bearer token, before a tokenFile', async () => {
		write('token', 'from-file');
		expect(authorization(await applied(single({}, {token: 'abc', tokenFile: 'token'})))).toBe('Bearer abc');
	});

	it('reads the tokenFile at each request, so a rotated token is used', async () => {
		const file = write('sa/token', 'first\n');
		const kc = single({}, {tokenFile: 'sa/token'});
		expect(authorization(await applied(kc))).toBe('Bearer first');
		writeFileSync(file, 'second');
		expect(authorization(await applied(kc))).toBe('Bearer second');
		writeFileSync(file, '');
		await expect(kc.applyToHTTPSOptions({})).rejects.toThrow(`tokenFile ${file} is empty`);
	});

	it('sends basic auth from username and password', async () => {
		expect(authorization(await applied(single({}, {username: 'admin', password: 'pw'})))).toBe(`Basic ${b64('admin:pw')}`);
	});

	it('uses a legacy auth-provider’s cached token: id-token for oidc, access-token for gcp and azure', async () => {
		const provider = (name: string, config: Record<string, string>) => single({}, {'auth-provider': {name, config}});
		expect(authorization(await applied(provider('oidc', {'id-token': 'oidc-jwt', 'refresh-token': 'r'})))).toBe('Bearer oidc-jwt');
		expect(authorization(await applied(provider('gcp', {'access-token': 'ya29'})))).toBe('Bearer ya29');
		expect(authorization(await applied(provider('azure', {'access-token': 'az'})))).toBe('Bearer az');
	});

	it('refuses an auth-provider with no token it can use, in one line saying what to do', async () => {
		for (const [name, config] of [
			['oidc', {'refresh-token': 'r'}],
			['gcp', {}],
			['openstack', {'access-token': 'x'}],
		] as const) {
			const kc = single({}, {'auth-provider': {name, config}});
			const error = await kc.applyToHTTPSOptions({}).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(CredentialError);
			expect((error as Error).message).toBe(
				`user "u": auth-provider "${name}" has no token kview can use: run a kubectl command to refresh it, or use an exec plugin (kubelogin)`,
			);
		}
	});

	it('hands a user the authenticator claims to it, and no other', async () => {
		const kc = single({}, {token: 'static'});
		kc.setAuthenticator({
			claims: (user) => user.name === 'u',
			apply: (_user, options) => {
				options.headers = {Authorization: 'Bearer from-plugin'};
				return Promise.resolve();
			},
		});
		expect(authorization(await applied(kc))).toBe('Bearer from-plugin');
		kc.setAuthenticator({claims: () => false, apply: () => Promise.reject(new Error('not asked'))});
		expect(authorization(await applied(kc))).toBe('Bearer static');
	});
});

describe('in-cluster', () => {
	function serviceAccount(namespace?: string): string {
		write('sa/token', 'sa-token-1');
		write('sa/ca.crt', 'CLUSTER-CA');
		if (namespace !== undefined) write('sa/namespace', namespace);
		return path.join(dir, 'sa');
	}

	it('points at KUBERNETES_SERVICE_HOST:PORT with the mounted CA, token and namespace', async () => {
		const sa = serviceAccount('team-a\n');
		const kc = new Kubeconfig(inClusterKubeconfig({KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443'}, sa));
		expect(kc.getCurrentCluster()?.server).toBe('https://10.0.0.1:443');
		expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe('team-a');
		const options = await applied(kc);
		expect(utf8(options.ca)).toBe('CLUSTER-CA');
		expect(authorization(options)).toBe('Bearer sa-token-1');
		// The kubelet rotates the token: the next request reads the new one.
		writeFileSync(path.join(sa, 'token'), 'sa-token-2');
		expect(authorization(await applied(kc))).toBe('Bearer sa-token-2');
	});

	it('puts an IPv6 host in brackets and has no namespace when none is mounted', () => {
		const kc = new Kubeconfig(inClusterKubeconfig({KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443'}, serviceAccount()));
		expect(kc.getCurrentCluster()?.server).toBe('https://[fd00::1]:6443');
		expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBeUndefined();
	});

	it('is what loadKubeconfig uses when there is no kubeconfig and the service account is mounted', () => {
		const sa = serviceAccount('ops');
		const loaded = loadKubeconfig({
			env: {HOME: path.join(dir, 'home'), KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443'},
			serviceAccountDir: sa,
		});
		expect(loaded.server).toBe('https://10.96.0.1:443');
		expect(loaded.namespace).toBe('ops');
		expect(loaded.files).toEqual(['(in-cluster service account)']);
	});
});
