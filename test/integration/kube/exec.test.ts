import http from 'node:http';
import type net from 'node:net';
import {StringDecoder} from 'node:string_decoder';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {WebSocketServer, type WebSocket} from 'ws';
import {prepareForCreate} from '../../../src/sim/defaults.js';
import {SIM_CONTEXT} from '../../../src/sim/index.js';
import type {ResourceDef} from '../../../src/sim/types.js';
import {KubeSource} from '../../../src/sources/kube/kubeSource.js';
import type {ExecRequest, ExecState} from '../../../src/sources/types.js';
import {clientFor, closedPort, FAST, kubeconfigAt, startTestSim, waitFor, type TestSim} from './harness.js';

// Exec and attach against the simulated cluster over real HTTPS and WebSocket (v5), and
// against a scripted server in this file for what the sim cannot be made to do: speak only
// v4, lack bash, refuse with 403, drop the stream without a Status.
//
// The restricted context (kview-sim-restricted) is forbidden only secrets and nodes, so it
// may exec like the admin; the 403 case runs against the scripted server instead.

let t: TestSim;
let source: KubeSource;
let pods: ResourceDef;

/** A pod in the sim's `default` namespace, created as the API server would; the world runs it. */
function createPod(name: string, containers: object[], annotations: Record<string, string> = {}): void {
	t.sim.store.create(
		pods,
		prepareForCreate({
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name, namespace: 'default', annotations, uid: '', resourceVersion: '', creationTimestamp: ''},
			spec: {containers},
		}),
	);
}

function running(name: string): boolean {
	return (t.sim.store.find(pods, 'default', name)?.status as {phase?: string} | undefined)?.phase === 'Running';
}

beforeAll(async () => {
	t = await startTestSim({logIntervalMs: 100});
	source = new KubeSource(t.client(), SIM_CONTEXT, ['pods'], FAST);
	const def = t.sim.server.resources().find((d) => d.resource === 'pods');
	if (!def) throw new Error('the sim serves no pods');
	pods = def;
	createPod('shell', [{name: 'main', image: 'registry.local/test:1'}]);
	createPod('worker', [{name: 'main', image: 'registry.local/worker:1'}]);
	createPod('console', [{name: 'main', image: 'registry.local/test:1', stdin: true, tty: true}]);
	const env = (who: string) => [{name: 'WHO', value: who}];
	createPod('duo', [
		{name: 'app', image: 'registry.local/test:1', env: env('app')},
		{name: 'side', image: 'registry.local/test:1', env: env('side')},
	]);
	createPod(
		'duo-annotated',
		[
			{name: 'app', image: 'registry.local/test:1', env: env('app')},
			{name: 'side', image: 'registry.local/test:1', env: env('side')},
		],
		{'kubectl.kubernetes.io/default-container': 'side'},
	);
	createPod('nowhere', [{name: 'main', image: 'registry.local/test:1'}], {'kview.dev/trouble': 'unschedulable'});
	await waitFor(
		'the pods to run',
		() => ['shell', 'worker', 'console', 'duo', 'duo-annotated'].every(running),
		() => '',
		20_000,
	);
}, 60_000);
afterAll(async () => {
	source?.close();
	await t?.close();
});

/** Starts a session on `on` and records its output (as text) and its states. */
function exec(on: KubeSource, request: Partial<ExecRequest> & {key: string}) {
	let text = '';
	// Bytes as a terminal takes them: a character may come in two frames.
	const decoder = new StringDecoder('utf8');
	const states: ExecState[] = [];
	const session = on.exec(
		{kind: 'pods', cols: 80, rows: 24, ...request},
		{
			output: (bytes) => (text += decoder.write(bytes)),
			state: (s) => states.push(s),
		},
	);
	return {
		session,
		states,
		get text() {
			return text;
		},
		/** Waits until the output ends with `tail`. */
		until: (tail: string) =>
			waitFor(
				`output ending ${JSON.stringify(tail)}`,
				() => text.endsWith(tail),
				() => ({text, states}),
				10_000,
			),
		/** Waits until the session has ended one way or the other. */
		ended: () =>
			waitFor(
				'the session to end',
				() => ['exited', 'failed'].includes(states.at(-1)?.phase ?? ''),
				() => ({text, states}),
				10_000,
			),
	};
}

const PROMPT = 'root@shell:/# ';

describe('exec in the sim', () => {
	it('starts a shell, runs a command in it, and `exit` ends it with code 0', async () => {
		const s = exec(source, {key: 'default/shell'});
		// Typed while the shell is still starting: kept, and sent to the shell that runs.
		s.session.write('echo hello\r');
		await s.until(`${PROMPT}echo hello\r\nhello\r\n${PROMPT}`);
		s.session.write('exit\r');
		await s.ended();
		expect(s.text).toBe(`${PROMPT}echo hello\r\nhello\r\n${PROMPT}exit\r\n`);
		expect(s.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'bash'}, {phase: 'exited', code: 0}]);
	});

	it('gives the exit code a shell ends with', async () => {
		const s = exec(source, {key: 'default/shell'});
		await s.until(PROMPT);
		s.session.write('exit 3\r');
		await s.ended();
		expect(s.states.at(-1)).toEqual({phase: 'exited', code: 3});
	});

	it('sizes the tty from the request, and again on resize', async () => {
		const s = exec(source, {key: 'default/shell', cols: 100, rows: 30});
		await s.until(PROMPT);
		s.session.write('stty size\r');
		await s.until(`stty size\r\n30 100\r\n${PROMPT}`);
		s.session.resize(132, 43);
		s.session.write('tput cols; tput lines\r');
		await s.until(`tput cols; tput lines\r\n132\r\n43\r\n${PROMPT}`);
		s.session.stop();
	});

	it('runs a given command and ends with its code', async () => {
		const ok = exec(source, {key: 'default/shell', command: ['echo', 'one', 'two']});
		await ok.ended();
		expect(ok.text).toBe('one two\r\n');
		expect(ok.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'echo one two'}, {phase: 'exited', code: 0}]);
		const failing = exec(source, {key: 'default/shell', command: ['sh', '-c', 'echo no >&2; exit 7']});
		await failing.ended();
		// A tty folds stderr into the one stream.
		expect(failing.text).toBe('no\r\n');
		expect(failing.states.at(-1)).toEqual({phase: 'exited', code: 7});
	});

	it('says when a given command is not in the container', async () => {
		const s = exec(source, {key: 'default/shell', command: ['nope']});
		await s.ended();
		expect(s.states.at(-1)).toEqual({
			phase: 'failed',
			reason: '"nope" was not found in container main; check the command, or give its full path',
		});
	});

	it('picks the default container as kubectl does: the annotated one, else the first', async () => {
		const first = exec(source, {key: 'default/duo', command: ['printenv', 'WHO']});
		const annotated = exec(source, {key: 'default/duo-annotated', command: ['printenv', 'WHO']});
		const named = exec(source, {key: 'default/duo-annotated', container: 'app', command: ['printenv', 'WHO']});
		await Promise.all([first.ended(), annotated.ended(), named.ended()]);
		expect([first.text, annotated.text, named.text]).toEqual(['app\r\n', 'side\r\n', 'app\r\n']);
	});

	it('fails with one line for a pod that is gone, a missing container, and a pod not running', async () => {
		const gone = exec(source, {key: 'default/no-such-pod'});
		const container = exec(source, {key: 'default/shell', container: 'sidecar'});
		const pending = exec(source, {key: 'default/nowhere'});
		await Promise.all([gone.ended(), container.ended(), pending.ended()]);
		expect(gone.states).toEqual([
			{phase: 'connecting'},
			{phase: 'failed', reason: 'pod default/no-such-pod no longer exists; pick a running pod'},
		]);
		expect(container.states.at(-1)).toEqual({
			phase: 'failed',
			reason: 'pod default/shell has no container sidecar; choose one of: main',
		});
		expect(pending.states.at(-1)).toEqual({
			phase: 'failed',
			reason: 'container main of pod default/nowhere is not running (Pending); wait for it to start',
		});
	});

	it('fails with one line when the cluster cannot be reached', async () => {
		const server = `https://127.0.0.1:${await closedPort()}`;
		const down = new KubeSource(clientFor(kubeconfigAt(t, server, 'down.yaml')), SIM_CONTEXT, ['pods'], FAST);
		const s = exec(down, {key: 'default/shell'});
		await s.ended();
		expect(s.states).toEqual([
			{phase: 'connecting'},
			{phase: 'failed', reason: `cannot reach ${server}: connection refused (is the cluster up?)`},
		]);
	});

	it('attaches to a main process that reads no input: its output, line by line, until stopped', async () => {
		const s = exec(source, {key: 'default/worker', attach: true});
		await waitFor(
			'three lines',
			() => s.text.split('\r\n').length > 3,
			() => s,
		);
		s.session.stop();
		const lines = s.text.split('\r\n');
		expect(lines.pop()).toBe('');
		// No tty: the source adds the carriage returns a tty would, so the pane does not stair-step.
		for (const line of lines) expect(line).toMatch(/^processed job id=\d+-\d+ queue=default duration=\d+ms$/);
		expect(s.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'attach'}]);
	});

	it('attaches to an interactive main process on its tty', async () => {
		const s = exec(source, {key: 'default/console', attach: true});
		await s.until('root@console:/# ');
		s.session.write('echo attached\r');
		await s.until('echo attached\r\nattached\r\nroot@console:/# ');
		s.session.write('exit 4\r');
		await s.ended();
		expect(s.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'attach'}, {phase: 'exited', code: 4}]);
	});
});

/** How the scripted server's pods behave: by pod name. */
type Script = 'oci' | 'containerd' | 'distroless' | 'drop' | 'forbidden';

/**
 * A tiny API server speaking only the protocols it is given: pods of any name run one
 * container `main`; its exec has sh (a `$ ` prompt echoing lines, `exit N`) and, by the
 * pod's name, lacks bash the way runc through dockershim or containerd reports it.
 */
async function scriptedServer(protocols: readonly string[]) {
	const frames: Buffer[] = [];
	const paths: string[] = [];
	let chosen = '';
	const wss = new WebSocketServer({noServer: true, handleProtocols: (offered) => protocols.find((p) => offered.has(p)) ?? false});
	const send = (ws: WebSocket, channel: number, text: string) => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)]));
	const exit = (ws: WebSocket, status: object) => {
		send(ws, 3, JSON.stringify(status));
		ws.close(1000);
	};
	const nonZero = (code: number) => ({
		status: 'Failure',
		reason: 'NonZeroExitCode',
		message: `command terminated with non-zero exit code: exit code ${code}`,
		details: {causes: [{reason: 'ExitCode', message: String(code)}]},
	});
	const notFound = (command: string) =>
		`OCI runtime exec failed: exec failed: unable to start container process: exec: "${command}": executable file not found in $PATH: unknown`;
	const serve = (ws: WebSocket, script: Script, command: string) => {
		chosen = ws.protocol;
		ws.on('message', (raw: Buffer) => frames.push(raw));
		if (script === 'drop') return setTimeout(() => ws.terminate(), 50);
		if (command === 'bash' || script === 'distroless') {
			if (script === 'containerd')
				return exit(ws, {
					status: 'Failure',
					reason: 'InternalError',
					message: `Internal error occurred: failed to exec in container: ${notFound(command)}`,
				});
			// A runtime takes a moment to fail; the source must hold bash's output back that long.
			return setTimeout(() => {
				send(ws, 1, `${notFound(command)}\r\n`);
				exit(ws, nonZero(126));
			}, 50);
		}
		send(ws, 1, '$ ');
		let line = '';
		ws.on('message', (raw: Buffer) => {
			if (raw[0] !== 0) return;
			for (const ch of raw.subarray(1).toString('utf8')) {
				if (ch !== '\r') {
					line += ch;
					send(ws, 1, ch);
					continue;
				}
				const code = /^exit (\d+)$/.exec(line)?.[1];
				if (code !== undefined) return exit(ws, Number(code) === 0 ? {status: 'Success'} : nonZero(Number(code)));
				send(ws, 1, `\r\n${line}\r\n$ `);
				line = '';
			}
		});
	};
	const server = http.createServer((req, res) => {
		const name = /\/pods\/([^/?]+)$/.exec(req.url ?? '')?.[1] ?? '';
		res.writeHead(200, {'Content-Type': 'application/json'});
		res.end(
			JSON.stringify({
				metadata: {name, namespace: 'default'},
				spec: {containers: [{name: 'main'}]},
				status: {phase: 'Running', containerStatuses: [{name: 'main', state: {running: {}}}]},
			}),
		);
	});
	server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
		paths.push(req.url ?? '');
		const url = new URL(req.url ?? '/', 'http://scripted');
		const script = (/\/pods\/([^/]+)\/exec$/.exec(url.pathname)?.[1] ?? '') as Script;
		if (script === 'forbidden') {
			const status = {
				kind: 'Status',
				status: 'Failure',
				reason: 'Forbidden',
				code: 403,
				message: 'pods "forbidden" is forbidden: User "dev" cannot create resource "pods/exec" in API group "" in the namespace "default"',
			};
			socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify(status)}`);
			return;
		}
		if (url.pathname.endsWith('/attach'))
			return wss.handleUpgrade(req, socket, head, (ws) => {
				chosen = ws.protocol;
				ws.on('message', (raw: Buffer) => frames.push(raw));
				// A main process without a tty: lines end in a bare \n, stderr apart, and an é cut between two frames.
				ws.send(Buffer.from([1, 0x63, 0x61, 0x66, 0xc3]));
				ws.send(Buffer.from([1, 0xa9, 0x0a]));
				send(ws, 2, 'warn\n');
				setTimeout(() => exit(ws, {status: 'Success'}), 50);
			});
		wss.handleUpgrade(req, socket, head, (ws) => serve(ws, script, url.searchParams.getAll('command').join(' ')));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
	return {
		frames,
		paths,
		get protocol() {
			return chosen;
		},
		source: new KubeSource(clientFor(kubeconfigAt(t, url, `scripted-${protocols.join('-')}.yaml`)), SIM_CONTEXT, ['pods'], FAST),
		close: async () => {
			for (const client of wss.clients) client.terminate();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

describe('exec against a server that speaks only v4', () => {
	let v4: Awaited<ReturnType<typeof scriptedServer>>;
	beforeAll(async () => {
		v4 = await scriptedServer(['v4.channel.k8s.io']);
	});
	afterAll(async () => {
		await v4?.close();
	});

	it('falls back to sh where bash is missing (runtime text on stdout), and says none of it', async () => {
		v4.frames.length = 0;
		const s = exec(v4.source, {key: 'default/oci', cols: 90, rows: 20});
		await s.until('$ ');
		s.session.write('ls\r');
		await s.until('$ ls\r\nls\r\n$ ');
		s.session.resize(100, 25);
		s.session.write('exit 0\r');
		await s.ended();
		expect(v4.protocol).toBe('v4.channel.k8s.io');
		expect(s.text).toBe('$ ls\r\nls\r\n$ exit 0');
		expect(s.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'sh'}, {phase: 'exited', code: 0}]);
		expect(v4.paths.slice(-2)).toEqual([
			'/api/v1/namespaces/default/pods/oci/exec?container=main&command=bash&stdin=true&stdout=true&tty=true',
			'/api/v1/namespaces/default/pods/oci/exec?container=main&command=sh&stdin=true&stdout=true&tty=true',
		]);
		// bash got its size and was closed; sh got its size first, keys, the new size, then `exit 0`; v4 has no close frame.
		expect(v4.frames.map((f) => `${f[0]}:${f.subarray(1).toString('utf8')}`)).toEqual([
			'4:{"Width":90,"Height":20}',
			'4:{"Width":90,"Height":20}',
			'0:ls\r',
			'4:{"Width":100,"Height":25}',
			'0:exit 0\r',
		]);
	});

	it('falls back to sh where the runtime says bash is missing in the Status (containerd)', async () => {
		const s = exec(v4.source, {key: 'default/containerd'});
		await s.until('$ ');
		s.session.write('exit 9\r');
		await s.ended();
		expect(s.text).toBe('$ exit 9');
		expect(s.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'sh'}, {phase: 'exited', code: 9}]);
	});

	it('fails when the container has no shell at all', async () => {
		const s = exec(v4.source, {key: 'default/distroless'});
		await s.ended();
		// bash's try is held back and dropped; sh's is not (it would delay every image without bash), so its line shows.
		expect(s.text).toBe(
			'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\r\n',
		);
		expect(s.states).toEqual([
			{phase: 'connecting'},
			{phase: 'running', command: 'sh'},
			{phase: 'failed', reason: 'container main has no shell (neither bash nor sh); run a command it has instead'},
		]);
	});

	it('says the connection closed when the stream ends without a Status', async () => {
		const s = exec(v4.source, {key: 'default/drop', command: ['top']});
		await s.ended();
		expect(s.states).toEqual([
			{phase: 'connecting'},
			{phase: 'running', command: 'top'},
			{phase: 'exited', code: undefined, reason: 'the connection closed'},
		]);
	});

	it('attaches to a main process without stdin or tty as kubectl attach does', async () => {
		v4.frames.length = 0;
		const s = exec(v4.source, {key: 'default/daemon', attach: true});
		s.session.write('ignored\r');
		s.session.resize(100, 30);
		await s.ended();
		expect(v4.paths.at(-1)).toBe(
			'/api/v1/namespaces/default/pods/daemon/attach?container=main&stdin=false&stdout=true&stderr=true&tty=false',
		);
		expect(s.text).toBe('café\r\nwarn\r\n');
		expect(s.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'attach'}, {phase: 'exited', code: 0}]);
		// No stdin and no tty: neither keys nor sizes are sent.
		expect(v4.frames).toEqual([]);
	});

	it('fails with the server’s one line when exec is forbidden', async () => {
		const s = exec(v4.source, {key: 'default/forbidden', command: ['id']});
		await s.ended();
		expect(s.states).toEqual([
			{phase: 'connecting'},
			{
				phase: 'failed',
				reason:
					'pods "forbidden" is forbidden: User "dev" cannot create resource "pods/exec" in API group "" in the namespace "default"; ask a cluster admin for access',
			},
		]);
	});
});

describe('exec against a server that speaks v5', () => {
	it('closes stdin with a close frame before the socket when stopped', async () => {
		const v5 = await scriptedServer(['v5.channel.k8s.io']);
		try {
			const s = exec(v5.source, {key: 'default/plain', command: ['cat']});
			await s.until('$ ');
			s.session.stop();
			await waitFor(
				'the close frame',
				() => v5.frames.length === 2,
				() => v5.frames,
			);
			expect(v5.protocol).toBe('v5.channel.k8s.io');
			expect(v5.frames).toEqual([Buffer.from('\x04{"Width":80,"Height":24}'), Buffer.from([255, 0])]);
			// Nothing is said after stop: the pane that asked is gone.
			expect(s.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'cat'}]);
		} finally {
			await v5.close();
		}
	});
});
