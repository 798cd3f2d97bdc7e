import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import WebSocket from 'ws';
import {parse, stringify} from 'yaml';
import {ApiError, KubeClient} from '../../../src/sources/kube/client.js';
import {loadKubeconfig} from '../../../src/sources/kube/kubeconfig.js';
import {HttpsProxyAgent, openTunnel} from '../../../src/sources/kube/proxy.js';
import {connectProxy, silentServer, socksProxy, type TestProxy} from '../../helpers/proxies.js';
import {selfSigned} from '../../helpers/selfSigned.js';
import {closedPort, startTestSim, waitFor, type TestSim} from './harness.js';

// KubeClient through real proxies in the test (HTTP CONNECT, HTTPS CONNECT, SOCKS5) to the
// sim over real TLS: proxy-url, HTTPS_PROXY/NO_PROXY, and the one-line errors.

let t: TestSim;
let simPort = 0;
let proxyCert: {cert: string; key: string};
const proxies: TestProxy[] = [];

beforeAll(async () => {
	t = await startTestSim();
	simPort = Number(new URL(t.sim.url).port);
	proxyCert = await selfSigned('kview-test-proxy');
});
afterEach(async () => {
	for (const p of proxies.splice(0)) await p.close();
});
afterAll(async () => {
	await t.close();
});

async function started(proxy: Promise<TestProxy>): Promise<TestProxy> {
	const p = await proxy;
	proxies.push(p);
	return p;
}

type Doc = {clusters: {cluster: Record<string, unknown>}[]};
let files = 0;

/** The sim's kubeconfig with its one cluster changed (proxy-url, server, ...), written to a new file. */
function kubeconfig(cluster: Record<string, unknown>): string {
	const doc = parse(t.sim.kubeconfig) as Doc;
	const first = doc.clusters[0];
	if (!first) throw new Error('the sim kubeconfig has no cluster');
	Object.assign(first.cluster, cluster);
	const file = path.join(t.dir, `proxy-${++files}.yaml`);
	writeFileSync(file, stringify(doc));
	return file;
}

/** The sim's CA plus the test proxies' CA, base64, for an https:// proxy the kubeconfig trusts. */
function bothCas(): string {
	const simCa = Buffer.from((parse(t.sim.kubeconfig) as Doc).clusters[0]?.cluster['certificate-authority-data'] as string, 'base64');
	return Buffer.concat([simCa, Buffer.from(proxyCert.cert)]).toString('base64');
}

/** A KubeClient as kview builds one, with `env` as the process environment. */
function clientFor(file: string, env: NodeJS.ProcessEnv = {}) {
	const loaded = loadKubeconfig({kubeconfig: file, env});
	return {loaded, client: new KubeClient(loaded.kc, loaded.server, env)};
}

const namespaces = (client: KubeClient) => client.get<{items: {metadata: {name: string}}[]}>('/api/v1/namespaces');

/** The ApiError a promise rejects with (fails the test if it resolves or rejects with something else). */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(ApiError);
		return error as ApiError;
	}
	throw new Error('expected the request to fail');
}

describe('proxy-url: HTTP CONNECT', () => {
	it('lists, watches and names the proxy without its password', async () => {
		const proxy = await started(connectProxy({auth: {user: 'ops', password: 'p@ss:w/rd'}}));
		const url = `http://ops:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${proxy.port}`;
		const {loaded, client} = clientFor(kubeconfig({'proxy-url': url}));
		expect(loaded.proxy).toBe(`http://127.0.0.1:${proxy.port}`);
		const list = await namespaces(client);
		expect(list.items.map((n) => n.metadata.name)).toContain('default');
		const events: unknown[] = [];
		await client.stream('/api/v1/namespaces?watch=true&timeoutSeconds=1', (event) => events.push(event));
		expect(events.length).toBeGreaterThan(0);
		expect(proxy.targets.length).toBeGreaterThanOrEqual(2);
		expect(new Set(proxy.targets)).toEqual(new Set([`127.0.0.1:${simPort}`]));
	});

	it('carries a WebSocket upgrade (exec) through the agent', async () => {
		const proxy = await started(connectProxy());
		const {client} = clientFor(kubeconfig({}));
		type Pod = {metadata: {name: string; namespace: string}; spec: {containers: {name: string}[]}; status: {phase: string}};
		let pod: Pod | undefined;
		const poll = async () => {
			pod = (await client.get<{items: Pod[]}>('/api/v1/pods')).items.find((p) => p.status.phase === 'Running');
		};
		// The demo world's pods start Pending and are Running within a few seconds.
		await poll();
		const timer = setInterval(() => void poll(), 200);
		await waitFor('a running pod', () => pod !== undefined).finally(() => clearInterval(timer));
		if (!pod) throw new Error('unreachable');
		const query = `command=echo&command=through-the-proxy&stdout=true&container=${pod.spec.containers[0]?.name ?? ''}`;
		const ca = Buffer.from((parse(t.sim.kubeconfig) as Doc).clusters[0]?.cluster['certificate-authority-data'] as string, 'base64');
		const socket = new WebSocket(
			`wss://127.0.0.1:${simPort}/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/exec?${query}`,
			['v5.channel.k8s.io'],
			{
				agent: new HttpsProxyAgent(new URL(proxy.url)),
				ca,
				headers: {Authorization: `Bearer ${t.sim.adminToken}`},
			},
		);
		const stdout = await new Promise<string>((resolve, reject) => {
			let text = '';
			socket.on('message', (data: Buffer) => {
				if (data[0] === 1) text += data.subarray(1).toString();
			});
			socket.on('close', () => resolve(text));
			socket.on('error', reject);
		});
		expect(stdout).toBe('through-the-proxy\n');
		expect(proxy.targets).toEqual([`127.0.0.1:${simPort}`]);
	});

	it('says the proxy wants a password (407) and never echoes one', async () => {
		const proxy = await started(connectProxy({auth: {user: 'ops', password: 'right'}}));
		const bare = await failure(namespaces(clientFor(kubeconfig({'proxy-url': proxy.url})).client));
		expect(bare.message).toBe(
			`proxy http://127.0.0.1:${proxy.port} wants a user name and password (407 Proxy Authentication Required): put them in the proxy URL`,
		);
		const wrong = await failure(namespaces(clientFor(kubeconfig({'proxy-url': `http://ops:hunter2@127.0.0.1:${proxy.port}`})).client));
		expect(wrong.message).toBe(
			`proxy http://127.0.0.1:${proxy.port} rejected the user name and password in the proxy URL (407 Proxy Authentication Required)`,
		);
		expect(wrong.message).not.toContain('hunter2');
		expect(wrong.code).toBe(0);
	});

	it('says the proxy refused the tunnel (403) or could not reach the server (502)', async () => {
		const refusing = await started(connectProxy({refuse: 403}));
		const refused = await failure(namespaces(clientFor(kubeconfig({'proxy-url': refusing.url})).client));
		expect(refused.message).toBe(`proxy ${refusing.url} refused the tunnel to 127.0.0.1:${simPort} (403 Forbidden)`);
		const proxy = await started(connectProxy());
		const port = await closedPort();
		const gone = await failure(namespaces(clientFor(kubeconfig({'proxy-url': proxy.url, server: `https://127.0.0.1:${port}`})).client));
		expect(gone.message).toBe(`proxy ${proxy.url} could not connect to 127.0.0.1:${port} (502 Bad Gateway)`);
	});

	it('says the proxy is unreachable, naming it without the password', async () => {
		const port = await closedPort();
		const error = await failure(namespaces(clientFor(kubeconfig({'proxy-url': `http://ops:s3cret@127.0.0.1:${port}`})).client));
		expect(error.message).toBe(`cannot reach proxy http://127.0.0.1:${port}: connection refused`);
		expect(error.message).not.toContain('s3cret');
	});

	it('gives up on a proxy that never answers', async () => {
		const silent = await started(silentServer());
		const started_ = Date.now();
		await expect(openTunnel(new URL(silent.url), '127.0.0.1', simPort, {timeoutMs: 300})).rejects.toThrow(
			`proxy http://127.0.0.1:${silent.port} did not answer within 0.3 s`,
		);
		expect(Date.now() - started_).toBeLessThan(2000);
	});
});

describe('proxy-url: HTTPS CONNECT', () => {
	it('talks TLS to the proxy and TLS to the server inside the tunnel', async () => {
		const proxy = await started(connectProxy({tls: proxyCert}));
		const {client} = clientFor(kubeconfig({'proxy-url': proxy.url, 'certificate-authority-data': bothCas()}));
		expect((await namespaces(client)).items.length).toBeGreaterThan(0);
		expect(proxy.targets).toEqual([`127.0.0.1:${simPort}`]);
	});

	it('refuses a proxy whose certificate nobody vouches for', async () => {
		const proxy = await started(connectProxy({tls: proxyCert}));
		const error = await failure(namespaces(clientFor(kubeconfig({'proxy-url': proxy.url})).client));
		expect(error.message).toMatch(new RegExp(`^the certificate of proxy ${proxy.url} is not trusted \\([A-Z_]+\\)$`));
		expect(proxy.targets).toEqual([]);
	});
});

describe('proxy-url: SOCKS5', () => {
	it.each(['socks5', 'socks5h'])('reaches the server through %s://', async (scheme) => {
		const proxy = await started(socksProxy());
		const {client} = clientFor(kubeconfig({'proxy-url': `${scheme}://127.0.0.1:${proxy.port}`}));
		expect((await namespaces(client)).items.length).toBeGreaterThan(0);
		expect(new Set(proxy.targets)).toEqual(new Set([`127.0.0.1:${simPort}`]));
	});

	it('sends a host name for the proxy to resolve, and an IPv6 address as one', async () => {
		const proxy = await started(
			socksProxy({hosts: {'api.kview.test': '127.0.0.1', '0000:0000:0000:0000:0000:0000:0000:0001': '127.0.0.1'}}),
		);
		const named = clientFor(
			kubeconfig({'proxy-url': proxy.url, server: `https://api.kview.test:${simPort}`, 'tls-server-name': 'localhost'}),
		);
		expect((await namespaces(named.client)).items.length).toBeGreaterThan(0);
		const v6 = clientFor(kubeconfig({'proxy-url': proxy.url, server: `https://[::1]:${simPort}`, 'tls-server-name': 'localhost'}));
		expect((await namespaces(v6.client)).items.length).toBeGreaterThan(0);
		expect(proxy.targets).toEqual([`api.kview.test:${simPort}`, `[0000:0000:0000:0000:0000:0000:0000:0001]:${simPort}`]);
	});

	it('authenticates with the URL’s user and password, and says when they are wrong or missing', async () => {
		const proxy = await started(socksProxy({auth: {user: 'ops', password: 'right'}}));
		const good = clientFor(kubeconfig({'proxy-url': `socks5://ops:right@127.0.0.1:${proxy.port}`}));
		expect((await namespaces(good.client)).items.length).toBeGreaterThan(0);
		const wrong = await failure(namespaces(clientFor(kubeconfig({'proxy-url': `socks5://ops:hunter2@127.0.0.1:${proxy.port}`})).client));
		expect(wrong.message).toBe(`proxy socks5://127.0.0.1:${proxy.port} rejected the user name and password in the proxy URL`);
		const none = await failure(namespaces(clientFor(kubeconfig({'proxy-url': proxy.url})).client));
		expect(none.message).toBe(`proxy socks5://127.0.0.1:${proxy.port} wants a user name and password: put them in the proxy URL`);
	});

	it('says when the proxy cannot reach the server', async () => {
		const proxy = await started(socksProxy());
		const port = await closedPort();
		const error = await failure(namespaces(clientFor(kubeconfig({'proxy-url': proxy.url, server: `https://127.0.0.1:${port}`})).client));
		expect(error.message).toBe(`proxy ${proxy.url} could not connect to 127.0.0.1:${port} (connection refused)`);
	});
});

describe('HTTPS_PROXY and NO_PROXY', () => {
	/** A server name only the proxy can resolve; the sim's certificate is checked as `localhost`. */
	const remote = () => kubeconfig({server: `https://api.kview.test:${simPort}`, 'tls-server-name': 'localhost'});

	it.each(['HTTPS_PROXY', 'https_proxy'])('goes through %s when the cluster has no proxy-url', async (name) => {
		const proxy = await started(connectProxy({hosts: {'api.kview.test': '127.0.0.1'}}));
		const {loaded, client} = clientFor(remote(), {[name]: `127.0.0.1:${proxy.port}`});
		expect(loaded.proxy).toBe(`http://127.0.0.1:${proxy.port}`);
		expect((await namespaces(client)).items.length).toBeGreaterThan(0);
		expect(proxy.targets).toEqual([`api.kview.test:${simPort}`]);
	});

	it('connects directly to a host NO_PROXY names', async () => {
		const proxy = await started(connectProxy({hosts: {'api.kview.test': '127.0.0.1'}}));
		const {loaded, client} = clientFor(remote(), {HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost, .kview.test'});
		expect(loaded.proxy).toBeUndefined();
		const error = await failure(namespaces(client));
		expect(error.message).toBe(`cannot resolve the host of https://api.kview.test:${simPort}`);
		expect(proxy.targets).toEqual([]);
	});

	it('never sends a loopback server through the environment’s proxy', async () => {
		const proxy = await started(connectProxy());
		const {loaded, client} = clientFor(kubeconfig({}), {HTTPS_PROXY: proxy.url});
		expect(loaded.proxy).toBeUndefined();
		expect((await namespaces(client)).items.length).toBeGreaterThan(0);
		expect(proxy.targets).toEqual([]);
	});

	it('lets proxy-url win over the environment', async () => {
		const proxy = await started(connectProxy());
		const {client} = clientFor(kubeconfig({'proxy-url': proxy.url}), {
			HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}`,
			NO_PROXY: '*',
		});
		expect((await namespaces(client)).items.length).toBeGreaterThan(0);
		expect(proxy.targets).toEqual([`127.0.0.1:${simPort}`]);
	});
});
