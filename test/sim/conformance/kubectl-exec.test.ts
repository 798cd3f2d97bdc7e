import {spawn as spawnPty, type IPty} from '@lydell/node-pty';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ensureKubectl} from '../../helpers/kubectl.js';
import {isReady, phaseOf, useSim, waitFor, type Obj} from '../fixtures/sim.js';

// kubectl v1.35 exec and attach against the sim over v5.channel.k8s.io: exit codes,
// separate stdout and stderr, stdin, container choice, refusals, a real pty for -it,
// and attach streaming a container's output.

const h = useSim();

const NS = 'default';

function podManifest(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): Obj {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: NS, annotations}, spec: {terminationGracePeriodSeconds: 1, ...spec}};
}

const PODS: readonly Obj[] = [
	podManifest('exec-one', {
		containers: [
			{name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep infinity'], env: [{name: 'GREETING', value: 'hi there'}]},
		],
	}),
	podManifest('exec-multi', {
		containers: [
			{name: 'app', image: 'registry.local/shop-api:2.4.1'},
			{name: 'sidecar', image: 'nginx:1.27'},
		],
	}),
	podManifest('exec-interactive', {containers: [{name: 'console', image: 'busybox:1.36', stdin: true}]}),
	podManifest('exec-pending', {containers: [{name: 'app', image: 'busybox:1.36'}]}, {'kview.dev/trouble': 'unschedulable'}),
];

beforeAll(async () => {
	await ensureKubectl();
	for (const pod of PODS) {
		const reply = await h().api('POST', `/api/v1/namespaces/${NS}/pods`, pod);
		expect(reply.status, reply.text).toBe(201);
	}
	await waitFor(
		'the exec pods ready and the unschedulable one Pending',
		async () => {
			const pods = await h().list(`/api/v1/namespaces/${NS}/pods`);
			const byName = new Map(pods.map((p) => [p.metadata.name, p]));
			const ready = ['exec-one', 'exec-multi', 'exec-interactive'].every((n) => {
				const pod = byName.get(n);
				return pod !== undefined && isReady(pod);
			});
			const pending = byName.get('exec-pending');
			return ready && pending !== undefined && phaseOf(pending) === 'Pending';
		},
		30_000,
	);
}, 60_000);

describe('kubectl exec without a tty', () => {
	it('runs the command and propagates its exit code', async () => {
		const ok = await h().k(['exec', 'exec-one', '--', 'echo', 'hello', 'world']);
		expect(ok).toMatchObject({code: 0, stdout: 'hello world\n', stderr: ''});
		const three = await h().k(['exec', 'exec-one', '--', 'sh', '-c', 'exit 3']);
		expect(three.code).toBe(3);
		expect(three.stdout).toBe('');
		expect(three.stderr).toBe('command terminated with exit code 3\n');
		expect((await h().k(['exec', 'exec-one', '--', 'false'])).code).toBe(1);
	});

	it('keeps stdout and stderr apart', async () => {
		const result = await h().k(['exec', 'exec-one', '--', 'sh', '-c', 'echo to-stdout; cat /no/such/file; echo "$GREETING"']);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('to-stdout\nhi there\n');
		expect(result.stderr).toBe('cat: /no/such/file: No such file or directory\n');
	});

	it('an unknown binary is exit code 126 with the runtime message', async () => {
		const result = await h().k(['exec', 'exec-one', '--', 'curl', 'http://example']);
		expect(result.code).toBe(126);
		expect(result.stdout).toContain('exec: "curl": executable file not found in $PATH');
		expect(result.stderr).toBe('command terminated with exit code 126\n');
	});

	it('-i pipes stdin to the command and closes it at the end', async () => {
		const cat = await h().k(['exec', '-i', 'exec-one', '--', 'cat'], {input: 'first line\nsecond line\n'});
		expect(cat).toMatchObject({code: 0, stdout: 'first line\nsecond line\n'});
		const wc = await h().k(['exec', '-i', 'exec-one', '--', 'wc', '-l'], {input: 'a\nb\nc\n'});
		expect(wc.stdout).toBe('3\n');
		const script = await h().k(['exec', '-i', 'exec-one', '--', 'sh'], {input: 'cd /etc\npwd\nhostname\nexit 6\necho never\n'});
		expect(script).toMatchObject({code: 6, stdout: '/etc\nexec-one\n'});
	});

	it('-c chooses the container of a multi-container pod; without it kubectl takes the first', async () => {
		const sidecar = await h().k(['exec', 'exec-multi', '-c', 'sidecar', '--', 'ps']);
		expect(sidecar.code).toBe(0);
		expect(sidecar.stdout).toMatch(/^ +1 root +0:00 nginx: master process nginx -g daemon off;$/m);
		const app = await h().k(['exec', 'exec-multi', '-c', 'app', '--', 'ps']);
		expect(app.stdout).toMatch(/^ +1 root +0:00 \/app\/shop-api$/m);
		const defaulted = await h().k(['exec', 'exec-multi', '--', 'ps']);
		expect(defaulted.code).toBe(0);
		expect(defaulted.stdout).toMatch(/^ +1 root +0:00 \/app\/shop-api$/m);
		expect(defaulted.stderr).toBe('Defaulted container "app" out of: app, sidecar\n');
	});

	it('an unknown container is an error', async () => {
		const result = await h().k(['exec', 'exec-multi', '-c', 'nope', '--', 'ps']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('Error from server (BadRequest): container nope is not valid for pod exec-multi\n');
	});

	it('a pod that is not running is refused with its phase', async () => {
		const result = await h().k(['exec', 'exec-pending', '--', 'ps']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('Error from server (BadRequest): pod exec-pending is not running (phase Pending)\n');
	});

	it('a missing pod is NotFound', async () => {
		const result = await h().k(['exec', 'no-such-pod', '--', 'ps']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Error from server \(NotFound\): pods "no-such-pod" not found/);
	});
});

/** kubectl in a pseudo-terminal: everything it wrote, and ways to wait on it. */
type PtyKubectl = {
	readonly pty: IPty;
	output(): string;
	waitFor(test: (output: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	readonly exit: Promise<number>;
};

const ptys = new Set<{pty: IPty; home: string; exited: () => boolean}>();

afterEach(() => {
	for (const p of ptys) {
		if (!p.exited()) p.pty.kill('SIGKILL');
		rmSync(p.home, {recursive: true, force: true});
	}
	ptys.clear();
});

async function kubectlInPty(args: readonly string[], size: {cols: number; rows: number}): Promise<PtyKubectl> {
	const bin = await ensureKubectl();
	const home = mkdtempSync(path.join(os.tmpdir(), 'kview-kubectl-pty-'));
	const pty = spawnPty(bin, ['--kubeconfig', h().kubeconfigPath, ...args], {
		name: 'xterm-256color',
		cols: size.cols,
		rows: size.rows,
		cwd: home,
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8'},
	});
	let output = '';
	let exitCode: number | undefined;
	const listeners = new Set<() => void>();
	pty.onData((data) => {
		output += data;
		for (const l of listeners) l();
	});
	const exit = new Promise<number>((resolve) => {
		pty.onExit(({exitCode: code}) => {
			exitCode = code;
			for (const l of listeners) l();
			resolve(code);
		});
	});
	ptys.add({pty, home, exited: () => exitCode !== undefined});
	return {
		pty,
		output: () => output,
		exit,
		waitFor(test, what, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					if (test(output)) {
						done();
						resolve(output);
					} else if (exitCode !== undefined) {
						done();
						reject(new Error(`kubectl exited ${exitCode} while waiting for ${what}; output:\n${JSON.stringify(output)}`));
					}
				};
				const timer = setTimeout(() => {
					done();
					reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; output:\n${JSON.stringify(output)}`));
				}, timeoutMs);
				const done = () => {
					clearTimeout(timer);
					listeners.delete(check);
				};
				listeners.add(check);
				check();
			});
		},
	};
}

describe('kubectl exec -it in a pseudo-terminal', () => {
	const PROMPT = 'root@exec-one:/# ';

	it('shows the prompt, runs commands, follows resizes and exits with the shell status', async () => {
		const k = await kubectlInPty(['exec', '-it', 'exec-one', '--', 'sh'], {cols: 100, rows: 30});
		await k.waitFor((out) => out.endsWith(PROMPT), 'the prompt');

		let mark = k.output().length;
		k.pty.write('echo "$GREETING" from $HOSTNAME\r');
		await k.waitFor((out) => out.slice(mark).endsWith(PROMPT), 'the next prompt');
		// The remote tty echoes the line, then the shell answers; \n goes out as \r\n.
		expect(k.output().slice(mark)).toBe(`echo "$GREETING" from $HOSTNAME\r\nhi there from exec-one\r\n${PROMPT}`);

		mark = k.output().length;
		k.pty.write('cat /etc/hostname; printenv GREETING\r');
		await k.waitFor((out) => out.slice(mark).endsWith(PROMPT), 'the output and the prompt');
		expect(k.output().slice(mark)).toBe(`cat /etc/hostname; printenv GREETING\r\nexec-one\r\nhi there\r\n${PROMPT}`);

		mark = k.output().length;
		k.pty.write('stty size\r');
		await k.waitFor((out) => out.slice(mark).endsWith(`30 100\r\n${PROMPT}`), 'the initial size');

		// kubectl learns of the new size from SIGWINCH and sends it on the resize channel.
		k.pty.resize(132, 43);
		await waitFor(
			'stty size to follow the resize',
			async () => {
				const at = k.output().length;
				k.pty.write('stty size\r');
				const out = await k.waitFor((o) => o.slice(at).endsWith(PROMPT), 'stty size answered');
				return out.slice(at).includes('43 132\r\n');
			},
			10_000,
			200,
		);

		k.pty.write('exit 4\r');
		expect(await Promise.race([k.exit, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))])).toBe(4);
	});

	it('ctrl-c interrupts a running command and the session goes on; ctrl-d ends it', async () => {
		const k = await kubectlInPty(['exec', '-it', 'exec-one', '--', 'sh'], {cols: 80, rows: 24});
		await k.waitFor((out) => out.endsWith(PROMPT), 'the prompt');
		let mark = k.output().length;
		k.pty.write('sleep 120; echo not-after\r');
		await k.waitFor((out) => out.slice(mark).includes('\r\n'), 'the command echoed');
		k.pty.write('\u0003');
		await k.waitFor((out) => out.slice(mark).endsWith(`^C\r\n${PROMPT}`), 'the prompt after ctrl-c');
		expect(k.output().slice(mark)).not.toContain('\r\nnot-after');
		mark = k.output().length;
		k.pty.write('echo $?\r');
		await k.waitFor((out) => out.slice(mark).endsWith(`130\r\n${PROMPT}`), '$? after the interrupt');
		mark = k.output().length;
		k.pty.write('false\r');
		await k.waitFor((out) => out.slice(mark).endsWith(PROMPT), 'the prompt after false');
		// ctrl-d on an empty line: the shell exits with the last status, and so does kubectl.
		k.pty.write('\u0004');
		expect(await Promise.race([k.exit, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))])).toBe(1);
	});
});

describe('kubectl attach', () => {
	it('streams what the container writes from now on', async () => {
		const pods = await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Dworker');
		const worker = pods.find(isReady);
		expect(worker, 'a ready shop/worker pod').toBeDefined();
		const attach = await h().spawn(['attach', '-n', 'shop', worker?.metadata.name ?? '']);
		try {
			const out = await attach.waitFor((o) => o.split('\n').filter(Boolean).length >= 3, 15_000);
			for (const line of out.split('\n').filter(Boolean)) expect(line).toMatch(/^processed job id=\S+ queue=\S+ duration=\d+ms$/);
			// New lines keep coming while it stays attached.
			const seen = out.split('\n').filter(Boolean).length;
			await attach.waitFor((o) => o.split('\n').filter(Boolean).length > seen + 1, 15_000);
		} finally {
			await attach.stop();
		}
	});

	it('-i to a container with stdin: true talks to its shell; the exit code comes back', async () => {
		const result = await h().k(['attach', '-i', 'exec-interactive', '-c', 'console'], {input: 'echo attached from $HOSTNAME\nexit 2\n'});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('attached from exec-interactive\n');
		expect(result.stderr).toMatch(/command terminated with exit code 2\n$/);
	});
});
