import http from 'node:http';
import net from 'node:net';
import {PassThrough, Writable} from 'node:stream';
import {
	ApiException,
	Attach,
	CoreV1Api,
	Exec,
	KubeConfig,
	Log,
	makeInformer,
	Metrics,
	PortForward,
	Watch,
	type V1ConfigMap,
	type V1Namespace,
	type V1Pod,
	type V1Status,
} from '@kubernetes/client-node';
import {beforeAll, describe, expect, it} from 'vitest';
import WebSocket from 'ws';
import {isReady, useSim, waitFor} from '../fixtures/sim.js';

// @kubernetes/client-node 2 against the sim: the kubeconfig it writes, list, watch,
// an informer through a 410 Expired, Log (follow), Exec, Attach, PortForward and
// Metrics; and the older channel protocols client-node would fall back to, spoken
// directly over a WebSocket.

const h = useSim();

let kc: KubeConfig;
let core: CoreV1Api;
let redis = '';

// Request bodies: client-node types them as its model classes; the wire takes plain JSON.
type Json = Record<string, unknown>;
const asPod = (json: Json) => json as V1Pod;

function pod(name: string, namespace: string, labels: Record<string, string> = {}): V1Pod {
	return asPod({
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace, labels},
		spec: {containers: [{name: 'app', image: 'registry.local/shop-api:2.4.1'}], terminationGracePeriodSeconds: 1},
	});
}

function configMap(name: string, data: Record<string, string> = {}): V1ConfigMap {
	const json: Json = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name}, data};
	return json;
}

function namespaceObject(name: string): V1Namespace {
	const json: Json = {apiVersion: 'v1', kind: 'Namespace', metadata: {name}};
	return json;
}

beforeAll(async () => {
	kc = new KubeConfig();
	kc.loadFromFile(h().kubeconfigPath);
	core = kc.makeApiClient(CoreV1Api);
	await waitFor('shop/redis ready', async () => {
		const pods = await core.listNamespacedPod({namespace: 'shop', labelSelector: 'app=redis'});
		const ready = pods.items.find((p) => isReady(p as never));
		if (ready) redis = ready.metadata?.name ?? '';
		return ready !== undefined;
	});
}, 60_000);

describe('KubeConfig and CoreV1Api', () => {
	it('loadFromFile reads the written kubeconfig: the admin context and the restricted one', () => {
		expect(kc.getCurrentContext()).toBe('kview-sim');
		expect(kc.getCurrentCluster()?.server).toBe(h().sim.url);
		expect(kc.getCurrentCluster()?.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		expect(kc.getContexts().map((c) => c.name)).toContain(h().restrictedContext);
	});

	it('lists pods in a namespace and across all, with selectors and paging', async () => {
		const shop = await core.listNamespacedPod({namespace: 'shop'});
		expect(shop.items.length).toBeGreaterThanOrEqual(8);
		for (const p of shop.items) expect(p.metadata?.namespace).toBe('shop');
		const frontend = await core.listNamespacedPod({namespace: 'shop', labelSelector: 'app=frontend'});
		expect(frontend.items).toHaveLength(3);
		expect(frontend.items[0]?.spec?.containers[0]?.image).toBe('nginx:1.27');
		const all = await core.listPodForAllNamespaces();
		expect(all.items.length).toBeGreaterThan(shop.items.length);
		expect(all.metadata?.resourceVersion).toMatch(/^\d+$/);
		const page = await core.listPodForAllNamespaces({limit: 3});
		expect(page.items).toHaveLength(3);
		expect(page.metadata?._continue).toBeTruthy();
		const next = await core.listPodForAllNamespaces({limit: 3, _continue: page.metadata?._continue});
		expect(next.items).toHaveLength(3);
		expect(next.items.map((p) => p.metadata?.uid)).not.toContain(page.items[0]?.metadata?.uid);
	});

	it('the restricted user gets a 403 ApiException for secrets', async () => {
		const restricted = new KubeConfig();
		restricted.loadFromFile(h().kubeconfigPath);
		restricted.setCurrentContext(h().restrictedContext);
		const api = restricted.makeApiClient(CoreV1Api);
		const error = await api.listNamespacedSecret({namespace: 'shop'}).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(ApiException);
		expect((error as ApiException<string>).code).toBe(403);
		const body = JSON.parse((error as ApiException<string>).body) as {reason: string};
		expect(body.reason).toBe('Forbidden');
		expect((await api.listNamespacedPod({namespace: 'shop'})).items.length).toBeGreaterThan(0);
	});

	it('a create that exists is a 409 ApiException, a get that does not is a 404', async () => {
		const error = await core.createNamespacedConfigMap({namespace: 'shop', body: configMap('shop-config')}).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect((error as ApiException<string>).code).toBe(409);
		const missing = await core.readNamespacedPod({namespace: 'shop', name: 'no-such-pod'}).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect((missing as ApiException<string>).code).toBe(404);
	});
});

describe('Watch', () => {
	it('sees ADDED, MODIFIED and DELETED for a pod', async () => {
		const seen: string[] = [];
		const watch = new Watch(kc);
		let ended: unknown = 'open';
		const controller = await watch.watch(
			'/api/v1/namespaces/default/pods',
			{labelSelector: 'probe=watch'},
			(type: string, object: V1Pod) => {
				if (object.metadata?.name === 'watch-probe') seen.push(type);
			},
			(err: unknown) => (ended = err),
		);
		try {
			await core.createNamespacedPod({namespace: 'default', body: pod('watch-probe', 'default', {probe: 'watch'})});
			await waitFor('ADDED then MODIFIED', () => seen.includes('ADDED') && seen.includes('MODIFIED'), 10_000);
			await core.deleteNamespacedPod({namespace: 'default', name: 'watch-probe', gracePeriodSeconds: 0});
			await waitFor('DELETED', () => seen.includes('DELETED'), 10_000);
			expect(seen[0]).toBe('ADDED');
			expect(seen.at(-1)).toBe('DELETED');
			expect(ended).toBe('open');
		} finally {
			controller.abort();
		}
	});

	it('a resourceVersion older than the history gets an ERROR event with 410 Expired', async () => {
		const oldRv = (await core.listNamespacedConfigMap({namespace: 'shop'})).metadata?.resourceVersion ?? '';
		h().sim.store.setHistoryLimit(5);
		try {
			for (let i = 0; i < 12; i++) {
				await core.createNamespacedConfigMap({namespace: 'default', body: configMap(`expire-${i}`, {i: String(i)})});
			}
			const events: {type: string; object: V1Status}[] = [];
			let done = false;
			const controller = await new Watch(kc).watch(
				'/api/v1/namespaces/shop/configmaps',
				{resourceVersion: oldRv},
				(type: string, object: V1Status) => events.push({type, object}),
				() => (done = true),
			);
			try {
				await waitFor('the ERROR event', () => events.length > 0, 5_000);
				expect(events[0]).toMatchObject({type: 'ERROR', object: {kind: 'Status', code: 410, reason: 'Expired', status: 'Failure'}});
				await waitFor('the watch to end after the 410', () => done, 5_000);
			} finally {
				controller.abort();
			}
		} finally {
			h().sim.store.setHistoryLimit(10_000);
		}
	});
});

describe('informer', () => {
	it('lists, follows changes, and relists after a forced 410 Expired', async () => {
		const namespace = 'informer';
		await core.createNamespace({body: namespaceObject(namespace)});
		await core.createNamespacedConfigMap({namespace, body: configMap('first')});
		let lists = 0;
		const informer = makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => {
			lists++;
			return core.listNamespacedConfigMap({namespace});
		});
		const added: string[] = [];
		const deleted: string[] = [];
		const errors: unknown[] = [];
		let connects = 0;
		let stopped = false;
		informer.on('add', (o) => added.push(o.metadata?.name ?? ''));
		informer.on('delete', (o) => deleted.push(o.metadata?.name ?? ''));
		informer.on('connect', () => connects++);
		// client-node's documented recovery: an informer stops on an error; restart it.
		informer.on('error', (err: unknown) => {
			errors.push(err);
			if (!stopped) setTimeout(() => void informer.start(), 100);
		});
		await informer.start();
		try {
			await waitFor('the initial list', () => added.includes('first'), 5_000);
			expect(lists).toBe(1);
			await core.createNamespacedConfigMap({namespace, body: configMap('second')});
			await waitFor('second via the watch', () => added.includes('second'), 5_000);
			expect(lists).toBe(1);
			// Cut the watch and, in the same tick, change more than the history holds: the
			// informer's resourceVersion is gone when it comes back, so it must get 410 and relist.
			const {store, server} = h().sim;
			server.dropWatches();
			store.setHistoryLimit(3);
			const def = server.resources().find((d) => d.resource === 'configmaps' && d.group === '')!;
			store.create(def, {
				apiVersion: 'v1',
				kind: 'ConfigMap',
				metadata: {name: 'during-gap', namespace, uid: '', resourceVersion: '', creationTimestamp: ''},
			});
			store.remove(def, namespace, 'first');
			for (let i = 0; i < 10; i++) {
				store.create(def, {
					apiVersion: 'v1',
					kind: 'ConfigMap',
					metadata: {name: `churn-${i}`, namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: ''},
				});
			}
			await waitFor('the relist after 410', () => lists >= 2 && added.includes('during-gap') && deleted.includes('first'), 15_000);
			expect(
				informer
					.list(namespace)
					.map((o) => o.metadata?.name)
					.sort(),
			).toEqual(['during-gap', 'second']);
			store.setHistoryLimit(10_000);
			// And it keeps watching after the relist.
			await core.createNamespacedConfigMap({namespace, body: configMap('third')});
			await waitFor('third after the relist', () => added.includes('third'), 5_000);
			expect(connects).toBeGreaterThanOrEqual(2);
		} finally {
			stopped = true;
			h().sim.store.setHistoryLimit(10_000);
			await informer.stop();
		}
	}, 30_000);
});

describe('Log', () => {
	it('follows a container log until aborted', async () => {
		let text = '';
		const sink = new Writable({
			write(chunk: Buffer, _encoding, callback) {
				text += chunk.toString('utf8');
				callback();
			},
		});
		// Log pipes the response body (a Readable.fromWeb it keeps to itself) into the sink, and
		// abort() errors that body: with nobody listening the AbortError would be uncaught.
		// The sink sees the body as the source of its pipe and takes its errors.
		const streamErrors: unknown[] = [];
		sink.on('pipe', (source: NodeJS.ReadableStream) => source.on('error', (error: unknown) => streamErrors.push(error)));
		const controller = await new Log(kc).log('shop', redis, 'redis', sink, {follow: true, tailLines: 2, timestamps: true});
		try {
			await waitFor('two tail lines', () => text.split('\n').filter(Boolean).length >= 2, 5_000);
			await waitFor('more lines as they are written', () => text.split('\n').filter(Boolean).length >= 5, 10_000);
			for (const line of text.split('\n').filter(Boolean)) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+Z /);
		} finally {
			controller.abort();
		}
		await waitFor('the body to end with the abort', () => streamErrors.length > 0, 5_000);
		for (const error of streamErrors) expect(error).toMatchObject({name: 'AbortError'});
	});

	it('a multi-container pod without a container is a 400 naming the choices', async () => {
		await core.createNamespacedPod({
			namespace: 'default',
			body: asPod({
				metadata: {name: 'two'},
				spec: {
					containers: [
						{name: 'one', image: 'nginx:1.27'},
						{name: 'other', image: 'redis:7.4'},
					],
				},
			}),
		});
		await waitFor(
			'pod/two ready',
			async () => isReady((await core.readNamespacedPod({namespace: 'default', name: 'two'})) as never),
			10_000,
		);
		const reply = await h().api('GET', '/api/v1/namespaces/default/pods/two/log');
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({kind: 'Status', code: 400, reason: 'BadRequest'});
		expect((reply.body as {message: string}).message).toMatch(
			/a container name must be specified for pod two, choose one of: \[one other\]/,
		);
		const text = await core.readNamespacedPodLog({namespace: 'default', name: 'two', container: 'other', tailLines: 1});
		expect(text.split('\n').filter(Boolean)).toHaveLength(1);
	});
});

/** What a finished exec session left: its output, the Status from channel 3, and the protocol it spoke. */
type ExecResult = {stdout: string; stderr: string; status: V1Status | undefined; protocol: string};

async function execIn(pod: string, container: string, command: string[], stdin?: string, namespace = 'shop'): Promise<ExecResult> {
	let stdout = '';
	let stderr = '';
	const out = new PassThrough().on('data', (c: Buffer) => (stdout += c.toString()));
	const err = new PassThrough().on('data', (c: Buffer) => (stderr += c.toString()));
	const input = stdin === undefined ? null : new PassThrough();
	let status: V1Status | undefined;
	let protocol = '';
	const closed = new Promise<void>((resolve, reject) => {
		new Exec(kc)
			.exec(namespace, pod, container, command, out, err, input, false, (s) => (status = s))
			.then((ws) => {
				protocol = ws.protocol;
				ws.on('close', () => resolve());
				ws.on('error', reject);
				if (input && stdin !== undefined) input.end(stdin);
			}, reject);
	});
	await withTimeout(closed, 10_000, `exec ${command.join(' ')}`);
	return {stdout, stderr, status, protocol};
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('Exec', () => {
	const run = (command: string[], stdin?: string) => execIn(redis, 'redis', command, stdin);

	it('negotiates v5.channel.k8s.io, runs a command and reports Success', async () => {
		const result = await run(['echo', 'hi']);
		expect(result.protocol).toBe('v5.channel.k8s.io');
		expect(result.stdout).toBe('hi\n');
		expect(result.stderr).toBe('');
		expect(result.status?.status).toBe('Success');
	});

	it('reports a non-zero exit code as NonZeroExitCode with the code in causes', async () => {
		const result = await run(['sh', '-c', 'exit 3']);
		expect(result.status).toMatchObject({status: 'Failure', reason: 'NonZeroExitCode'});
		expect(result.status?.details?.causes).toContainEqual(expect.objectContaining({reason: 'ExitCode', message: '3'}));
	});

	it('writes errors to stderr, output to stdout', async () => {
		const result = await run(['sh', '-c', 'hostname; cat /no/such/file']);
		expect(result.stdout).toBe(`${redis}\n`);
		expect(result.stderr).toBe('cat: /no/such/file: No such file or directory\n');
		expect(result.status?.details?.causes).toContainEqual(expect.objectContaining({reason: 'ExitCode', message: '1'}));
	});

	it('stdin reaches the command, and its end (the v5 close frame) ends it', async () => {
		const cat = await run(['cat'], 'one\ntwo\n');
		expect(cat.stdout).toBe('one\ntwo\n');
		expect(cat.status?.status).toBe('Success');
		const script = await run(['sh'], 'echo from a script\nexit 5\n');
		expect(script.stdout).toBe('from a script\n');
		expect(script.status?.details?.causes).toContainEqual(expect.objectContaining({reason: 'ExitCode', message: '5'}));
	});
});

describe('Attach', () => {
	it('streams a container that reads no input: its new output', async () => {
		let stdout = '';
		const out = new PassThrough().on('data', (c: Buffer) => (stdout += c.toString()));
		const ws = await new Attach(kc).attach('shop', redis, 'redis', out, null, null, false);
		try {
			await waitFor('three new lines', () => stdout.split('\n').filter(Boolean).length >= 3, 10_000);
			for (const line of stdout.split('\n').filter(Boolean)) expect(line).toMatch(/changes in 60 seconds/);
		} finally {
			ws.close();
		}
	});

	it('talks to the shell of a container with stdin: true', async () => {
		await core.createNamespacedPod({
			namespace: 'default',
			body: asPod({
				metadata: {name: 'console'},
				spec: {containers: [{name: 'console', image: 'busybox:1.36', stdin: true}], terminationGracePeriodSeconds: 1},
			}),
		});
		await waitFor(
			'pod/console ready',
			async () => isReady((await core.readNamespacedPod({namespace: 'default', name: 'console'})) as never),
			10_000,
		);
		let stdout = '';
		const out = new PassThrough().on('data', (c: Buffer) => (stdout += c.toString()));
		const input = new PassThrough();
		const ws = await new Attach(kc).attach('default', 'console', 'console', out, null, input, false);
		const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
		input.write('echo attached to $HOSTNAME\n');
		await waitFor('the shell to answer', () => stdout === 'attached to console\n', 5_000);
		input.write('exit\n');
		await withTimeout(closed, 5_000, 'the attach after exit');
	});
});

describe('PortForward', () => {
	/** A local TCP port whose connections PortForward carries to `port` of a pod; what arrives on the error stream is collected. */
	async function forward(namespace: string, pod: string, port: number) {
		const sockets = new Set<net.Socket>();
		const errors: string[] = [];
		const sessions: {close(): void}[] = [];
		const server = net.createServer((socket) => {
			sockets.add(socket);
			const err = new PassThrough().on('data', (c: Buffer) => errors.push(c.toString()));
			new PortForward(kc).portForward(namespace, pod, [port], socket, err, socket).then(
				(ws) => {
					if (ws && 'close' in ws) sessions.push(ws);
				},
				(error: unknown) => socket.destroy(error instanceof Error ? error : new Error(String(error))),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address() as net.AddressInfo;
		return {
			port: address.port,
			errors: () => errors.join(''),
			async close() {
				for (const s of sessions) s.close();
				for (const s of sockets) s.destroy();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			},
		};
	}

	function get(port: number, requestPath: string): Promise<{status: number; body: string}> {
		return new Promise((resolve, reject) => {
			const req = http.get(
				{host: '127.0.0.1', port, path: requestPath, agent: false, headers: {Connection: 'close'}, timeout: 10_000},
				(res) => {
					let body = '';
					res.setEncoding('utf8');
					res.on('data', (c: string) => (body += c));
					res.on('end', () => resolve({status: res.statusCode ?? 0, body}));
					res.on('error', reject);
				},
			);
			req.on('timeout', () => req.destroy(new Error(`GET ${requestPath} through the forward timed out`)));
			req.on('error', reject);
		});
	}

	it('carries HTTP to a declared container port', async () => {
		const f = await forward('shop', redis, 6379);
		try {
			const root = await get(f.port, '/');
			expect(root.status).toBe(200);
			expect(root.body).toBe(`hello from shop/${redis} on port 6379\nGET /\n`);
			// A second connection is a second WebSocket, as kubectl port-forward opens one stream per connection.
			expect(await get(f.port, '/healthz')).toEqual({status: 200, body: 'ok\n'});
			expect((await get(f.port, '/missing')).status).toBe(404);
			expect(f.errors()).toBe('');
		} finally {
			await f.close();
		}
	});

	it('an undeclared port gets the refusal on the error stream', async () => {
		const f = await forward('shop', redis, 9999);
		try {
			const client = net.connect(f.port, '127.0.0.1');
			client.on('error', () => {
				// The forward may drop the connection once the error arrives.
			});
			client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
			await waitFor('the error message', () => f.errors().includes('connection refused'), 10_000);
			expect(f.errors()).toMatch(
				new RegExp(
					`^error forwarding port 9999 to pod \\S+, uid : failed to connect to localhost:9999 inside namespace of pod ${redis}: connect: connection refused$`,
				),
			);
			client.destroy();
		} finally {
			await f.close();
		}
	});
});

/** A WebSocket to the sim's exec/attach/portforward offering exactly `protocols`: what older clients speak. */
async function channelSocket(requestPath: string, protocols: string[]) {
	const cluster = kc.getCurrentCluster();
	const ca = Buffer.from(cluster?.caData ?? '', 'base64').toString('utf8');
	const url = `${(cluster?.server ?? '').replace(/^https:/, 'wss:')}${requestPath}`;
	const ws = new WebSocket(url, protocols, {ca, headers: {Authorization: `Bearer ${h().sim.adminToken}`}});
	const messages: {id: number; data: Buffer}[] = [];
	ws.on('message', (raw: Buffer) => messages.push({id: raw[0] ?? -1, data: raw.subarray(1)}));
	const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
	const opened = await new Promise<{ok: true} | {ok: false; status: number; body: string}>((resolve, reject) => {
		ws.on('open', () => resolve({ok: true}));
		ws.on('unexpected-response', (_req, res) => {
			let body = '';
			res.on('data', (c: Buffer) => (body += c.toString()));
			res.on('end', () => resolve({ok: false, status: res.statusCode ?? 0, body}));
		});
		ws.on('error', reject);
	});
	const text = (id: number) =>
		messages
			.filter((m) => m.id === id)
			.map((m) => m.data.toString('utf8'))
			.join('');
	return {
		ws,
		opened,
		messages,
		closed,
		text,
		send: (id: number, data: string | Buffer) => ws.send(Buffer.concat([Buffer.from([id]), Buffer.from(data)])),
		waitForText: (id: number, test: (t: string) => boolean, what: string) => waitFor(what, () => test(text(id)), 10_000, 20),
	};
}

const execPath = (params: Record<string, string | string[]>) => {
	const query = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) for (const value of [v].flat()) query.append(k, value);
	return `/api/v1/namespaces/shop/pods/${redis}/exec?${query.toString()}`;
};

describe('older channel protocols over a plain WebSocket', () => {
	it('v4.channel.k8s.io: exit Status as JSON on channel 3, and resize on channel 4', async () => {
		const failing = await channelSocket(execPath({command: ['sh', '-c', 'echo out; exit 7'], stdout: 'true', stderr: 'true'}), [
			'v4.channel.k8s.io',
		]);
		expect(failing.ws.protocol).toBe('v4.channel.k8s.io');
		await withTimeout(failing.closed, 10_000, 'the v4 exec');
		expect(failing.text(1)).toBe('out\n');
		expect(JSON.parse(failing.text(3))).toEqual({
			metadata: {},
			status: 'Failure',
			message: 'command terminated with non-zero exit code: error executing command [sh -c echo out; exit 7], exit code 7',
			reason: 'NonZeroExitCode',
			details: {causes: [{reason: 'ExitCode', message: '7'}]},
		});

		const tty = await channelSocket(execPath({command: 'sh', stdin: 'true', stdout: 'true', tty: 'true'}), ['v4.channel.k8s.io']);
		await tty.waitForText(1, (t) => t.endsWith('# '), 'the prompt');
		tty.send(4, JSON.stringify({Width: 101, Height: 31}));
		tty.send(0, 'stty size\r');
		await tty.waitForText(1, (t) => t.includes('31 101\r\n'), 'the new size');
		tty.send(0, 'exit\r');
		await withTimeout(tty.closed, 10_000, 'the v4 tty session');
		expect(JSON.parse(tty.text(3))).toEqual({metadata: {}, status: 'Success'});
		expect(tty.text(2)).toBe('');
	});

	it('channel.k8s.io (v1): no resize channel, a plain-text error on channel 3', async () => {
		const s = await channelSocket(execPath({command: 'sh', stdin: 'true', stdout: 'true', stderr: 'true', tty: 'true'}), [
			'channel.k8s.io',
		]);
		expect(s.ws.protocol).toBe('channel.k8s.io');
		await s.waitForText(1, (t) => t.endsWith('# '), 'the prompt');
		s.send(4, JSON.stringify({Width: 101, Height: 31}));
		s.send(0, 'stty size\r');
		await s.waitForText(1, (t) => t.includes('stty size\r\n') && t.endsWith('# '), 'stty size answered');
		expect(s.text(1)).toContain('stty size\r\n24 80\r\n');
		s.send(0, 'exit 3\r');
		await withTimeout(s.closed, 10_000, 'the v1 session');
		expect(s.text(3)).toBe('command terminated with non-zero exit code: exit code 3');
	});

	it('v5 without a client: [255, 0] closes stdin', async () => {
		const s = await channelSocket(execPath({command: 'wc', stdin: 'true', stdout: 'true'}), ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
		expect(s.ws.protocol).toBe('v5.channel.k8s.io');
		s.send(0, 'a\nb\n');
		s.ws.send(Buffer.from([255, 0]));
		await withTimeout(s.closed, 10_000, 'wc after the close frame');
		expect(s.text(1)).toBe('      2       2       4\n');
		expect(JSON.parse(s.text(3))).toEqual({metadata: {}, status: 'Success'});
	});

	it('a client offering no channel protocol gets a 400 Status', async () => {
		const s = await channelSocket(execPath({command: 'true', stdout: 'true'}), ['v9.channel.k8s.io']);
		expect(s.opened).toMatchObject({ok: false, status: 400});
		const body = JSON.parse((s.opened as {body: string}).body) as {kind: string; code: number; message: string};
		expect(body).toMatchObject({kind: 'Status', code: 400});
		expect(body.message).toMatch(/no supported protocol among v9\.channel\.k8s\.io/);
	});

	it('port-forward v4: every port starts both its channels with its number; data on 2i, errors on 2i+1', async () => {
		const frontend = (await core.listNamespacedPod({namespace: 'shop', labelSelector: 'app=frontend'})).items.find((p) =>
			isReady(p as never),
		);
		const name = frontend?.metadata?.name ?? '';
		const s = await channelSocket(`/api/v1/namespaces/shop/pods/${name}/portforward?ports=80,8081`, ['v4.channel.k8s.io']);
		expect(s.ws.protocol).toBe('v4.channel.k8s.io');
		await waitFor('the four port headers', () => s.messages.length >= 4, 5_000, 20);
		const headers = s.messages.filter((m) => m.data.length === 2).map((m) => [m.id, m.data.readUInt16LE(0)]);
		expect(headers).toEqual([
			[0, 80],
			[1, 80],
			[2, 8081],
			[3, 8081],
		]);
		await s.waitForText(3, (t) => t.includes('connection refused'), 'the refusal of port 8081');
		s.send(0, 'GET /?from=raw HTTP/1.1\r\nHost: pod\r\nConnection: close\r\n\r\n');
		await withTimeout(s.closed, 10_000, 'the forwarded request');
		const response = s.text(0).slice(2);
		expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
		expect(response).toContain(`X-Served-By: ${name}`);
		expect(response).toContain(`hello from shop/${name} on port 80\nGET /?from=raw\n`);
	});
});

describe('Metrics', () => {
	it('getPodMetrics and getNodeMetrics', async () => {
		const metrics = new Metrics(kc);
		const pods = await metrics.getPodMetrics('shop');
		expect(pods.kind).toBe('PodMetricsList');
		const redisMetrics = pods.items.find((m) => m.metadata.name === redis);
		expect(redisMetrics?.containers[0]?.name).toBe('redis');
		expect(redisMetrics?.containers[0]?.usage.cpu).toMatch(/^\d+(n|u|m)?$/);
		expect(redisMetrics?.containers[0]?.usage.memory).toMatch(/^\d+(Ki|Mi|Gi)?$/);
		const all = await metrics.getPodMetrics();
		expect(all.items.length).toBeGreaterThan(pods.items.length);
		const nodes = await metrics.getNodeMetrics();
		expect(nodes.items.map((n) => n.metadata.name).sort()).toEqual(['kview-control-plane', 'kview-worker-1', 'kview-worker-2']);
		for (const node of nodes.items) expect(node.usage.cpu).toMatch(/^\d+(n|u|m)?$/);
	});
});
