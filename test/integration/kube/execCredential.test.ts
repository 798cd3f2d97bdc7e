import {spawn} from 'node:child_process';
import {chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {parse, stringify} from 'yaml';
import {ApiError, KubeClient} from '../../../src/sources/kube/client.js';
import {
	ExecCredentialError,
	forgetCredentials,
	onExecPluginMessage,
	primeCredentials,
	type ExecPluginMessage,
} from '../../../src/sources/kube/execCredential.js';
import {loadKubeconfig} from '../../../src/sources/kube/kubeconfig.js';
import {node22, root} from '../../helpers/build.js';
import {startTestSim, waitFor, type TestSim} from './harness.js';

// Exec credential plugins against the sim over real HTTPS: the plugins are shell scripts
// written by each test that print an ExecCredential with the sim's admin token (the sim
// accepts exactly its admin and restricted tokens, no other bearer token).

const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

let t: TestSim;
let serial = 0;

beforeAll(async () => {
	t = await startTestSim();
});
afterEach(() => {
	forgetCredentials();
});
afterAll(async () => {
	await t.close();
});

/** A directory of the test's own for a plugin and what it records. */
function workdir(): string {
	const dir = path.join(t.dir, `exec-${++serial}`);
	mkdirSync(dir, {recursive: true});
	return dir;
}

/** Writes an executable shell script and returns its path. */
function script(dir: string, name: string, body: string): string {
	const file = path.join(dir, name);
	writeFileSync(file, `#!/bin/sh\n${body}\n`);
	chmodSync(file, 0o755);
	return file;
}

/** Shell that prints an ExecCredential with `token` (and an expiry `expiresIn` seconds from now, if given). */
function credential(token: string, options: {apiVersion?: string; expiresIn?: number} = {}): string {
	const expiry =
		options.expiresIn === undefined ? '' : `,"expirationTimestamp":"${new Date(Date.now() + options.expiresIn * 1000).toISOString()}"`;
	return `printf '%s\\n' '{"apiVersion":"${options.apiVersion ?? V1}","kind":"ExecCredential","status":{"token":"${token}"${expiry}}}'`;
}

/** Shell that counts the runs and keeps the plugin's KUBERNETES_EXEC_INFO and FROM_KUBECONFIG. */
const record = (dir: string) =>
	[
		`echo run >> '${dir}/runs'`,
		`printf '%s' "$KUBERNETES_EXEC_INFO" > '${dir}/info.json'`,
		`printf '%s' "$FROM_KUBECONFIG" > '${dir}/env'`,
	].join('\n');

const runs = (dir: string) =>
	existsSync(path.join(dir, 'runs')) ? readFileSync(path.join(dir, 'runs'), 'utf8').split('\n').filter(Boolean).length : 0;
const info = (dir: string) =>
	JSON.parse(readFileSync(path.join(dir, 'info.json'), 'utf8')) as {
		apiVersion: string;
		kind: string;
		spec: {interactive: boolean; cluster?: Record<string, unknown>};
	};

type Doc = {
	clusters: {cluster: Record<string, unknown>}[];
	users: {name: string; user: Record<string, unknown>}[];
	contexts: {name: string; context: Record<string, unknown>}[];
};

/** The sim's kubeconfig with the admin user's token replaced by `exec`, in `dir`. */
function kubeconfig(dir: string, exec: Record<string, unknown>): string {
	const doc = parse(t.sim.kubeconfig) as Doc;
	const admin = doc.users.find((u) => u.name === 'kview-admin');
	if (!admin) throw new Error('the sim kubeconfig has no admin user');
	admin.user = {exec: {apiVersion: V1, interactiveMode: 'Never', ...exec}};
	const file = path.join(dir, 'kubeconfig.yaml');
	writeFileSync(file, stringify(doc));
	return file;
}

function clientFor(file: string) {
	const loaded = loadKubeconfig({kubeconfig: file, env: {}});
	return {loaded, client: new KubeClient(loaded.kc, loaded.server, {})};
}

const namespaces = (client: KubeClient) => client.get<{items: unknown[]}>('/api/v1/namespaces');

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('exec plugins while the UI runs (refreshes)', () => {
	it('runs the plugin once for many requests, with KUBERNETES_EXEC_INFO and the kubeconfig’s env', async () => {
		const dir = workdir();
		const command = script(dir, 'token-plugin', `${record(dir)}\n${credential(t.sim.adminToken, {expiresIn: 3600})}`);
		const {client} = clientFor(kubeconfig(dir, {command, env: [{name: 'FROM_KUBECONFIG', value: 'yes'}], provideClusterInfo: true}));
		await Promise.all([namespaces(client), namespaces(client), namespaces(client)]);
		await namespaces(client);
		expect(runs(dir)).toBe(1);
		const sent = info(dir);
		expect(sent).toMatchObject({apiVersion: V1, kind: 'ExecCredential', spec: {interactive: false, cluster: {server: t.sim.url}}});
		const ca = (parse(t.sim.kubeconfig) as Doc).clusters[0]?.cluster['certificate-authority-data'];
		expect(sent.spec.cluster?.['certificate-authority-data']).toBe(ca);
		expect(readFileSync(path.join(dir, 'env'), 'utf8')).toBe('yes');
	});

	it('gives the plugin no cluster unless provideClusterInfo, and speaks v1beta1', async () => {
		const dir = workdir();
		const command = script(dir, 'beta-plugin', `${record(dir)}\n${credential(t.sim.adminToken, {apiVersion: V1BETA1})}`);
		const {client} = clientFor(kubeconfig(dir, {command, apiVersion: V1BETA1, interactiveMode: undefined}));
		await namespaces(client);
		expect(info(dir)).toEqual({apiVersion: V1BETA1, kind: 'ExecCredential', spec: {interactive: false}});
	});

	it('runs the plugin again once the credential’s expirationTimestamp has passed', async () => {
		const past = workdir();
		const stale = script(past, 'stale-plugin', `${record(past)}\n${credential(t.sim.adminToken, {expiresIn: -60})}`);
		const one = clientFor(kubeconfig(past, {command: stale})).client;
		await namespaces(one);
		await namespaces(one);
		expect(runs(past)).toBe(2);

		const soon = workdir();
		const brief = script(soon, 'brief-plugin', `${record(soon)}\n${credential(t.sim.adminToken, {expiresIn: 1.5})}`);
		const two = clientFor(kubeconfig(soon, {command: brief})).client;
		await namespaces(two);
		await namespaces(two);
		expect(runs(soon)).toBe(1);
		await sleep(1600);
		await namespaces(two);
		expect(runs(soon)).toBe(2);
	});

	it('runs the plugin again after the server rejects its token (401)', async () => {
		const dir = workdir();
		const command = script(
			dir,
			'rotating-plugin',
			`${record(dir)}\nif [ "$(wc -l < '${dir}/runs')" -eq 1 ]; then ${credential('revoked-token', {expiresIn: 3600})}; else ${credential(t.sim.adminToken, {expiresIn: 3600})}; fi`,
		);
		const {client} = clientFor(kubeconfig(dir, {command}));
		const rejected = await failure(namespaces(client));
		expect(rejected).toBeInstanceOf(ApiError);
		expect(rejected).toMatchObject({code: 401});
		expect((await namespaces(client)).items.length).toBeGreaterThan(0);
		expect(runs(dir)).toBe(2);
	});

	it('fails in one line with the plugin’s exit code and last stderr line, control sequences stripped', async () => {
		const dir = workdir();
		const command = script(
			dir,
			'aws',
			[
				`echo 'Traceback (most recent call last):' >&2`,
				`printf '\\033[31mAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\\033[0m\\n' >&2`,
				'exit 255',
			].join('\n'),
		);
		const error = await failure(namespaces(clientFor(kubeconfig(dir, {command})).client));
		expect(error).toBeInstanceOf(ApiError);
		expect(error).toMatchObject({code: 401});
		expect(error.message).toBe(
			'exec plugin aws failed (exit 255): An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
		);
	});

	it('says what the plugin printed wrong: not JSON, another apiVersion, no token', async () => {
		const cases: [string, string][] = [
			['echo not json', 'exec plugin bad-plugin printed something that is not an ExecCredential (not JSON)'],
			[
				credential('x', {apiVersion: V1BETA1}),
				`exec plugin bad-plugin answered with apiVersion ${V1BETA1}, but the kubeconfig asks for ${V1}`,
			],
			[
				`echo '{"apiVersion":"${V1}","kind":"ExecCredential","status":{}}'`,
				'exec plugin bad-plugin returned neither a token nor a client certificate',
			],
		];
		for (const [body, message] of cases) {
			const dir = workdir();
			const command = script(dir, 'bad-plugin', body);
			expect((await failure(namespaces(clientFor(kubeconfig(dir, {command})).client))).message).toBe(message);
		}
	});

	it('names a missing plugin with its installHint', async () => {
		const dir = workdir();
		const missing = path.join(dir, 'nowhere', 'aws-iam-authenticator');
		const error = await failure(
			namespaces(
				clientFor(
					kubeconfig(dir, {command: missing, installHint: 'aws-iam-authenticator is required.\nInstall it from https://example.com/aws'}),
				).client,
			),
		);
		expect(error.message).toBe(
			`exec plugin ${missing} not found: aws-iam-authenticator is required. Install it from https://example.com/aws`,
		);
	});

	it('does not run an interactiveMode: Always plugin without the terminal', async () => {
		const dir = workdir();
		const command = script(dir, 'sso-login', `${record(dir)}\n${credential(t.sim.adminToken)}`);
		const error = await failure(namespaces(clientFor(kubeconfig(dir, {command, interactiveMode: 'Always'})).client));
		expect(error.message).toBe(
			"exec plugin sso-login needs the terminal to log in (interactiveMode: Always), which kview's screen holds: quit and run kview again to log in",
		);
		expect(runs(dir)).toBe(0);
	});

	it('passes each stderr line to listeners while it runs (a device code, say)', async () => {
		const dir = workdir();
		const command = script(
			dir,
			'kubelogin',
			[`echo 'To sign in, open https://microsoft.com/devicelogin and enter the code ABCD-1234' >&2`, credential(t.sim.adminToken)].join(
				'\n',
			),
		);
		const heard: ExecPluginMessage[] = [];
		const stop = onExecPluginMessage((m) => heard.push(m));
		try {
			await namespaces(clientFor(kubeconfig(dir, {command})).client);
		} finally {
			stop();
		}
		expect(heard).toEqual([{plugin: 'kubelogin', line: 'To sign in, open https://microsoft.com/devicelogin and enter the code ABCD-1234'}]);
	});

	it('resolves a relative command against the kubeconfig’s directory', async () => {
		const dir = workdir();
		mkdirSync(path.join(dir, 'bin'));
		script(path.join(dir, 'bin'), 'plugin', `${record(dir)}\n${credential(t.sim.adminToken)}`);
		await namespaces(clientFor(kubeconfig(dir, {command: './bin/plugin'})).client);
		expect(runs(dir)).toBe(1);
	});
});

describe('primeCredentials (before the UI starts)', () => {
	/** A "terminal" for the plugin: stdin from a file holding `input`, stderr into a file. */
	function terminal(dir: string, input: string) {
		writeFileSync(path.join(dir, 'typed'), input);
		const stdin = openSync(path.join(dir, 'typed'), 'r');
		const stderr = openSync(path.join(dir, 'screen'), 'w');
		return {
			fds: {stdin, stderr},
			screen: () => readFileSync(path.join(dir, 'screen'), 'utf8'),
			close: () => [stdin, stderr].forEach(closeSync),
		};
	}

	it('lets an interactive plugin prompt on the terminal and read the answer; the UI then reuses the credential', async () => {
		const dir = workdir();
		const command = script(
			dir,
			'mfa-plugin',
			[
				record(dir),
				`printf 'MFA code: ' >&2`,
				'read code',
				`[ "$code" = 123456 ] || { echo "wrong code $code" >&2; exit 1; }`,
				credential(t.sim.adminToken, {expiresIn: 3600}),
			].join('\n'),
		);
		const {loaded, client} = clientFor(kubeconfig(dir, {command, interactiveMode: 'IfAvailable'}));
		const term = terminal(dir, '123456\n');
		try {
			await primeCredentials(loaded, {interactive: true, terminal: term.fds});
		} finally {
			term.close();
		}
		expect(term.screen()).toBe('MFA code: ');
		expect(info(dir).spec.interactive).toBe(true);
		await namespaces(client);
		expect(runs(dir)).toBe(1);
	});

	it('gives a Never plugin the terminal’s stderr but not its stdin', async () => {
		const dir = workdir();
		const command = script(
			dir,
			'quiet-plugin',
			[record(dir), 'read line && echo "read: $line" >&2', `echo 'stderr is shown' >&2`, credential(t.sim.adminToken)].join('\n'),
		);
		const {loaded} = clientFor(kubeconfig(dir, {command, interactiveMode: 'Never'}));
		const term = terminal(dir, 'secret typed for someone else\n');
		try {
			await primeCredentials(loaded, {interactive: true, terminal: term.fds});
		} finally {
			term.close();
		}
		expect(term.screen()).toBe('stderr is shown\n');
		expect(info(dir).spec.interactive).toBe(false);
	});

	it('fails in one line pointing at the messages the plugin showed', async () => {
		const dir = workdir();
		const command = script(dir, 'login', `echo 'Your session has expired' >&2\nexit 3`);
		const {loaded} = clientFor(kubeconfig(dir, {command, interactiveMode: 'Always'}));
		const term = terminal(dir, '');
		try {
			const error = await failure(primeCredentials(loaded, {interactive: true, terminal: term.fds}));
			expect(error).toBeInstanceOf(ExecCredentialError);
			expect(error.message).toBe('exec plugin login failed (exit 3); its messages are above');
		} finally {
			term.close();
		}
		expect(term.screen()).toBe('Your session has expired\n');
	});

	it('does nothing for a user without a plugin', async () => {
		const loaded = loadKubeconfig({kubeconfig: t.kubeconfigPath, env: {}});
		await primeCredentials(loaded, {interactive: true});
	});
});

describe('ctrl-c while a plugin waits for input', () => {
	let runner = '';

	beforeAll(async () => {
		// What cli.ts does before the UI starts, bundled as kview is, so a real SIGINT can be sent to it.
		runner = path.join(t.dir, 'prime-runner.mjs');
		await build({
			stdin: {
				contents: [
					`import {loadKubeconfig} from './src/sources/kube/kubeconfig.js';`,
					`import {primeCredentials} from './src/sources/kube/execCredential.js';`,
					`const loaded = loadKubeconfig({kubeconfig: process.argv[2], env: {}});`,
					`primeCredentials(loaded, {interactive: true}).then(`,
					`  () => { process.stdout.write('primed\\n'); process.exit(0); },`,
					`  (error) => { process.stderr.write('kview: ' + error.message + '\\n'); process.exit(error.interrupted ? 130 : 1); },`,
					`);`,
				].join('\n'),
				resolveDir: root,
				loader: 'ts',
			},
			outfile: runner,
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node22',
			banner: {
				js: "import {createRequire as __kviewCreateRequire} from 'node:module'; const require = __kviewCreateRequire(import.meta.url);",
			},
			logLevel: 'error',
		});
	}, 60_000);

	it.each([
		['a plugin that ignores SIGINT and SIGTERM', `trap '' INT TERM`],
		['a plugin that dies of SIGINT', ''],
	])('quits within a second and leaves no plugin behind: %s', async (_name, trap) => {
		const dir = workdir();
		const pidFile = path.join(dir, 'pid');
		const command = script(
			dir,
			'stuck-plugin',
			[trap, `echo $$ > '${pidFile}'`, `printf 'Enter MFA code: ' >&2`, 'read code', credential(t.sim.adminToken)].join('\n'),
		);
		const file = kubeconfig(dir, {command, interactiveMode: 'Always'});
		const child = spawn(node22, [runner, file], {stdio: ['pipe', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		try {
			await waitFor(
				'the plugin to prompt',
				() => existsSync(pidFile) && stderr.includes('Enter MFA code: '),
				() => stderr,
			);
			const pid = Number(readFileSync(pidFile, 'utf8'));
			const sent = Date.now();
			child.kill('SIGINT');
			const code = await exited;
			expect(Date.now() - sent).toBeLessThan(1000);
			expect(code).toBe(130);
			expect(stderr).toContain('kview: exec plugin stuck-plugin was interrupted');
			await waitFor(
				'the plugin to be gone',
				() => {
					try {
						process.kill(pid, 0);
						return false;
					} catch {
						return true;
					}
				},
				() => pid,
				1000,
			);
		} finally {
			child.kill('SIGKILL');
		}
	});
});
