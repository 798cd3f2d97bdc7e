import {describe, expect, it, vi} from 'vitest';
import {containerContext, type ClusterLookup, type ContainerContext} from '../../../src/sim/exec/container.js';
import {expand, parse, ShellSyntaxError} from '../../../src/sim/exec/parse.js';
import {Shell} from '../../../src/sim/exec/shell.js';
import type {KubeObject} from '../../../src/sim/types.js';

// The sim's toy shell without a server: the grammar, every command, the environment
// and files a pod spec gives a container, and the tty line discipline.

const b64 = (text: string) => Buffer.from(text).toString('base64');

function object(kind: string, name: string, extra: Record<string, unknown>): KubeObject {
	return {
		apiVersion: 'v1',
		kind,
		metadata: {name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z'},
		...extra,
	};
}

const configMaps = new Map([
	['app-config', object('ConfigMap', 'app-config', {data: {'app.properties': 'color=blue\nsize=3\n', MODE: 'fast', GREETING: 'hello'}})],
]);
const secrets = new Map([['db', object('Secret', 'db', {data: {password: b64('s3cr3t'), user: b64('admin')}})]]);
const services = [
	object('Service', 'redis-cache', {spec: {clusterIP: '10.96.3.4', ports: [{name: 'redis', port: 6379, protocol: 'TCP'}]}}),
	object('Service', 'headless', {spec: {clusterIP: 'None', ports: [{port: 80}]}}),
];

const cluster: ClusterLookup = {
	configMap: (_namespace, name) => configMaps.get(name),
	secret: (_namespace, name) => secrets.get(name),
	services: () => services,
};

const pod: KubeObject = {
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {
		name: 'web-0',
		namespace: 'shop',
		uid: 'uid-web-0',
		resourceVersion: '7',
		creationTimestamp: '2024-01-01T00:00:00Z',
		labels: {app: 'web'},
	},
	spec: {
		nodeName: 'node-1',
		containers: [
			{
				name: 'app',
				image: 'nginx:1.27',
				ports: [{containerPort: 80}],
				env: [
					{name: 'PLAIN', value: 'just text'},
					{name: 'FROM_CM', valueFrom: {configMapKeyRef: {name: 'app-config', key: 'MODE'}}},
					{name: 'FROM_SECRET', valueFrom: {secretKeyRef: {name: 'db', key: 'password'}}},
					{name: 'POD_NAME', valueFrom: {fieldRef: {fieldPath: 'metadata.name'}}},
					{name: 'POD_NS', valueFrom: {fieldRef: {fieldPath: 'metadata.namespace'}}},
					{name: 'POD_IP', valueFrom: {fieldRef: {fieldPath: 'status.podIP'}}},
					{name: 'NODE', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName'}}},
					{name: 'APP_LABEL', valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}},
					{name: 'URL', value: 'http://$(POD_IP):80/$(UNDEFINED_VAR)'},
				],
				envFrom: [{configMapRef: {name: 'app-config'}, prefix: 'CFG_'}, {secretRef: {name: 'db'}}],
				volumeMounts: [
					{name: 'config', mountPath: '/etc/config'},
					{name: 'creds', mountPath: '/etc/creds/'},
					{name: 'config', mountPath: '/etc/app.properties', subPath: 'app.properties'},
					{name: 'scratch', mountPath: '/scratch'},
				],
			},
			{name: 'sidecar', image: 'busybox:1.36', command: ['sh', '-c'], args: ['sleep 3600']},
		],
		volumes: [
			{name: 'config', configMap: {name: 'app-config'}},
			{name: 'creds', secret: {secretName: 'db'}},
			{name: 'scratch', emptyDir: {}},
		],
	},
	status: {phase: 'Running', podIP: '10.244.1.5', hostIP: '172.18.0.2'},
};

const context = (container = 'app'): ContainerContext => containerContext(pod, container, cluster);

/** A shell session with everything it wrote, for driving it like a client would. */
function session(options: {tty?: boolean; size?: {cols: number; rows: number}; container?: string} = {}) {
	let stdout = '';
	let stderr = '';
	const shell = new Shell(
		context(options.container),
		{stdout: (t) => (stdout += t), stderr: (t) => (stderr += t)},
		{tty: options.tty ?? false, clock: () => Date.parse('2024-05-06T07:08:09Z'), ...(options.size ? {size: options.size} : {})},
	);
	return {
		shell,
		stdout: () => stdout,
		stderr: () => stderr,
		/** Waits until stdout satisfies `test` (output arrives as the shell's promises run). */
		async until(test: (out: string) => boolean, what: string): Promise<string> {
			await vi.waitFor(
				() => {
					if (!test(stdout)) throw new Error(`waiting for ${what}; stdout so far: ${JSON.stringify(stdout)}`);
				},
				{timeout: 5000, interval: 5},
			);
			return stdout;
		},
	};
}

/** Runs argv as `kubectl exec` would (no stdin, no tty) and returns its output and exit code. */
async function run(argv: readonly string[], input?: string): Promise<{stdout: string; stderr: string; code: number}> {
	const s = session();
	const done = s.shell.exec(argv);
	if (input !== undefined) s.shell.write(input);
	s.shell.end();
	const code = await done;
	return {stdout: s.stdout(), stderr: s.stderr(), code};
}

const sh = (script: string, input?: string) => run(['sh', '-c', script], input);

/** A parsed line flattened to strings, with $X=x and $?=0 expanded. */
function flat(line: string) {
	const lookup = (name: string) => ({X: 'x', HOME: '/root', '?': '0', $: '7'})[name] ?? '';
	return parse(line).map(({op, pipeline}) => ({
		op,
		commands: pipeline.map((c) => ({
			words: c.words.map((w) => expand(w, lookup)),
			...(c.assignments.length ? {assignments: c.assignments.map((a) => `${a.name}=${expand(a.value, lookup)}`)} : {}),
			...(c.redirects.length
				? {
						redirects: c.redirects.map((r) =>
							'from' in r
								? `0<${expand(r.from, lookup)}`
								: 'dup' in r
									? `${r.fd}>&${r.dup}`
									: `${r.fd}${r.append ? '>>' : '>'}${expand(r.target, lookup)}`,
						),
					}
				: {}),
		})),
	}));
}

describe('parse', () => {
	it.each([
		['plain words and runs of blanks', 'echo   a \tb', [['echo', 'a', 'b']]],
		['single quotes are literal', `echo 'a  $X "b"'`, [['echo', 'a  $X "b"']]],
		['double quotes keep blanks and expand', 'echo "a  $X" "${X}y" "\\$X" "q\\"q"', [['echo', 'a  x', 'xy', '$X', 'q"q']]],
		['backslash escapes outside quotes', 'echo a\\ b \\$X \\;', [['echo', 'a b', '$X', ';']]],
		['$VAR, ${VAR}, $? and $$', 'echo $X ${X}z $? $$ $UNSET.', [['echo', 'x', 'xz', '0', '7', '.']]],
		['an empty expansion is an empty string here (the shell drops it)', 'echo $UNSET', [['echo', '']]],
		['an empty quoted word stays a word', `echo "" ''`, [['echo', '', '']]],
		['a comment ends the line', 'echo hi # not this; rm -rf /', [['echo', 'hi']]],
		['# inside a word is not a comment', 'echo a#b', [['echo', 'a#b']]],
		['quotes join with adjacent text', `echo pre"mid"'post'`, [['echo', 'premidpost']]],
	])('%s', (_name, line, expected) => {
		expect(flat(line).flatMap((p) => p.commands.map((c) => c.words))).toEqual(expected);
	});

	it('splits lists on ; && || and pipelines on |', () => {
		expect(flat('a; b && c || d | e')).toEqual([
			{op: ';', commands: [{words: ['a']}]},
			{op: ';', commands: [{words: ['b']}]},
			{op: '&&', commands: [{words: ['c']}]},
			{op: '||', commands: [{words: ['d']}, {words: ['e']}]},
		]);
		expect(flat('a;b&&c')).toHaveLength(3);
		expect(flat('echo a;')).toEqual([{op: ';', commands: [{words: ['echo', 'a']}]}]);
		expect(flat('')).toEqual([]);
		expect(flat('   # only a comment')).toEqual([]);
	});

	it('reads > and >> redirections and leading assignments', () => {
		expect(flat('echo hi > /tmp/$X')).toEqual([{op: ';', commands: [{words: ['echo', 'hi'], redirects: ['1>/tmp/x']}]}]);
		expect(flat('echo hi>>out')).toEqual([{op: ';', commands: [{words: ['echo', 'hi'], redirects: ['1>>out']}]}]);
		expect(flat('cmd 2>/dev/null >f 2>&1 a2>b <in')).toEqual([
			{op: ';', commands: [{words: ['cmd', 'a2'], redirects: ['2>/dev/null', '1>f', '2>&1', '1>b', '0<in']}]},
		]);
		expect(flat('A=1 B="two $X" env')).toEqual([{op: ';', commands: [{words: ['env'], assignments: ['A=1', 'B=two x']}]}]);
		expect(flat('A=1')).toEqual([{op: ';', commands: [{words: [], assignments: ['A=1']}]}]);
		// Only before the command word: afterwards it is an argument.
		expect(flat('echo A=1')).toEqual([{op: ';', commands: [{words: ['echo', 'A=1']}]}]);
	});

	it.each([
		['an unterminated single quote', `echo 'abc`, /unterminated quoted string/],
		['an unterminated double quote', 'echo "abc', /unterminated quoted string/],
		['a leading pipe', '| grep x', /unexpected "\|"/],
		['a doubled separator', 'echo a;; echo b', /unexpected ";"/],
		['a dangling &&', 'echo a &&', /unexpected end of file/],
		['a dangling pipe', 'echo a |', /unexpected end of file/],
		['a redirection without a target', 'echo a >', /unexpected newline/],
		['an input redirection without a file', 'cat <', /unexpected newline/],
		['a background job', 'sleep 1 &', /background jobs are not supported/],
	])('rejects %s', (_name, line, message) => {
		expect(() => parse(line)).toThrow(ShellSyntaxError);
		expect(() => parse(line)).toThrow(message);
	});
});

describe('commands run as kubectl exec runs them', () => {
	it.each([
		['echo', ['echo', 'hello', 'world'], 'hello world\n', 0],
		['echo -n', ['echo', '-n', 'no newline'], 'no newline', 0],
		['hostname', ['hostname'], 'web-0\n', 0],
		['whoami', ['whoami'], 'root\n', 0],
		['id', ['id'], 'uid=0(root) gid=0(root) groups=0(root)\n', 0],
		['uname', ['uname'], 'Linux\n', 0],
		['uname -a', ['uname', '-a'], 'Linux web-0 6.1.0-kview #1 SMP x86_64 GNU/Linux\n', 0],
		['date, from the clock', ['date'], 'Mon, 06 May 2024 07:08:09 UTC\n', 0],
		['pwd', ['pwd'], '/\n', 0],
		['true', ['true'], '', 0],
		['false', ['false'], '', 1],
		['/bin/ path', ['/bin/echo', 'x'], 'x\n', 0],
		['printenv NAME', ['printenv', 'HOSTNAME'], 'web-0\n', 0],
		['printenv of an unset name', ['printenv', 'NOPE'], '', 1],
		['cat a file', ['cat', '/etc/hostname'], 'web-0\n', 0],
		['cat keeps a missing final newline', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'], 'shop', 0],
		['grep a file', ['grep', 'nameserver', '/etc/resolv.conf'], 'nameserver 10.96.0.10\n', 0],
		['grep -c', ['grep', '-c', 'local', '/etc/resolv.conf'], '1\n', 0],
		['grep -v', ['grep', '-v', 'w', '/etc/hostname'], '', 1],
		['grep -i', ['grep', '-i', 'NAMESERVER', '/etc/resolv.conf'], 'nameserver 10.96.0.10\n', 0],
		['grep without a match', ['grep', 'absent', '/etc/hostname'], '', 1],
		['head -n', ['head', '-n', '1', '/etc/resolv.conf'], 'search shop.svc.cluster.local svc.cluster.local cluster.local\n', 0],
		['head -N', ['head', '-1', '/etc/hostname'], 'web-0\n', 0],
		['tail -n', ['tail', '-n', '1', '/etc/resolv.conf'], 'options ndots:5\n', 0],
		['wc -l with a name', ['wc', '-l', '/etc/resolv.conf'], '3 /etc/resolv.conf\n', 0],
		['wc', ['wc', '/etc/hostname'], '      1       1       6 /etc/hostname\n', 0],
		['which', ['which', 'ls', 'grep'], '/bin/ls\n/bin/grep\n', 0],
		['which of a missing command', ['which', 'curl'], '', 1],
		['tput cols without a tty', ['tput', 'cols'], '80\n', 0],
		['clear', ['clear'], '\u001b[H\u001b[2J', 0],
		['sleep briefly', ['sleep', '0.01'], '', 0],
	])('%s', async (_name, argv, stdout, code) => {
		const result = await run(argv);
		expect(result).toEqual({stdout, stderr: '', code});
	});

	it.each([
		['cat of a missing file', ['cat', '/nope'], 'cat: /nope: No such file or directory\n', 1],
		['cat of a directory', ['cat', '/etc'], 'cat: /etc: Is a directory\n', 1],
		['ls of a missing path', ['ls', '/nope'], 'ls: /nope: No such file or directory\n', 1],
		['grep without a pattern', ['grep'], 'Usage: grep [-icqv] PATTERN [FILE]...\n', 2],
		['sleep of nonsense', ['sleep', 'soon'], "sleep: invalid number 'soon'\n", 1],
		['head of a bad count', ['head', '-n', 'x', '/etc/hosts'], "head: invalid number 'x'\n", 1],
		['stty without a tty', ['stty', 'size'], 'stty: standard input: Not a tty\n', 1],
		['tput of an unknown capability', ['tput', 'smcup'], "tput: unknown terminfo capability 'smcup'\n", 4],
	])('%s fails with a message on stderr', async (_name, argv, stderr, code) => {
		const result = await run(argv);
		expect(result.stderr).toBe(stderr);
		expect(result.code).toBe(code);
	});

	it('an unknown binary fails as the runtime does: exit 126 and the OCI message', async () => {
		const result = await run(['curl', 'http://x']);
		expect(result.code).toBe(126);
		expect(result.stdout).toBe(
			'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n',
		);
		expect((await run([])).code).toBe(126);
	});

	it('ls lists directories, files, hidden entries and long form', async () => {
		const root = (await run(['ls', '/'])).stdout.split('\n').filter(Boolean);
		for (const dir of ['bin', 'etc', 'proc', 'root', 'tmp', 'usr', 'var']) expect(root).toContain(dir);
		expect((await run(['ls', '/etc'])).stdout).toBe(
			['app.properties', 'config', 'creds', 'hostname', 'hosts', 'os-release', 'resolv.conf', ''].join('\n'),
		);
		const long = (await run(['ls', '-l', '/etc/config'])).stdout;
		expect(long).toMatch(/^total 3\n/);
		expect(long).toMatch(/^-rw-r--r-- +1 root +root +18 app\.properties$/m);
		expect((await run(['ls', '/scratch'])).stdout).toBe('');
		expect((await run(['ls', '-a', '/scratch'])).stdout).toBe('.keep\n');
		expect((await run(['ls', '/etc/hostname'])).stdout).toBe('/etc/hostname\n');
	});

	it('ps shows PID 1 from the image or the pod command', async () => {
		const nginx = await run(['ps']);
		expect(nginx.stdout.split('\n')[0]).toBe('PID   USER     TIME  COMMAND');
		expect(nginx.stdout).toMatch(/^ {4}1 root +0:00 nginx: master process nginx -g daemon off;$/m);
		expect(nginx.stdout).toMatch(/ ps$/m);
		const s = session({container: 'sidecar'});
		await s.shell.exec(['ps']);
		expect(s.stdout()).toMatch(/^ {4}1 root +0:00 sh -c sleep 3600$/m);
	});

	it('exit codes: exit N (mod 256), false, $?, unknown commands in a shell', async () => {
		expect((await sh('exit 3')).code).toBe(3);
		expect((await sh('exit 300')).code).toBe(44);
		expect(await sh('exit nope')).toMatchObject({code: 2, stderr: 'sh: exit: Illegal number: nope\n'});
		expect((await sh('false')).code).toBe(1);
		expect((await sh('false; exit')).code).toBe(1);
		expect((await sh('false; echo $?; true; echo $?')).stdout).toBe('1\n0\n');
		expect(await sh('no-such-tool --flag')).toEqual({stdout: '', stderr: 'sh: no-such-tool: not found\n', code: 127});
		expect((await sh('exit 5; echo never')).stdout).toBe('');
	});

	it('&& and || run on success and failure', async () => {
		expect((await sh('true && echo yes || echo no')).stdout).toBe('yes\n');
		expect((await sh('false && echo yes || echo no')).stdout).toBe('no\n');
		expect((await sh('false; echo still')).stdout).toBe('still\n');
	});

	it('2>, 2>&1 and /dev/null route stderr; empty unquoted expansions are no words', async () => {
		expect(await sh('cat /nope 2>/dev/null; echo $?')).toEqual({stdout: '1\n', stderr: '', code: 0});
		expect(await sh('cat /nope 2>&1 | grep -c "No such"')).toEqual({stdout: '1\n', stderr: '', code: 0});
		expect(await sh('cat /nope /etc/hostname > /tmp/both 2>&1; cat /tmp/both')).toEqual({
			stdout: 'cat: /nope: No such file or directory\nweb-0\n',
			stderr: '',
			code: 0,
		});
		expect(await sh('cat /nope 2>> /tmp/err; cat /nope 2>>/tmp/err; wc -l < /tmp/err')).toEqual({stdout: '2\n', stderr: '', code: 0});
		expect(await sh('grep nameserver </etc/resolv.conf')).toEqual({stdout: 'nameserver 10.96.0.10\n', stderr: '', code: 0});
		expect(await sh('cat < /nope')).toEqual({stdout: '', stderr: "sh: can't open /nope: no such file\n", code: 1});
		expect(await sh('cat /nope 2>>/tmp/err; cat /nope 2>>/tmp/err; wc -l /tmp/err')).toEqual({
			stdout: '2 /tmp/err\n',
			stderr: '',
			code: 0,
		});
		expect(await sh('echo hidden >/dev/null; cat /dev/null; echo >&2 to-stderr')).toEqual({stdout: '', stderr: 'to-stderr\n', code: 0});
		expect(await sh('echo $UNSET a "$UNSET" b $UNSET')).toEqual({stdout: 'a  b\n', stderr: '', code: 0});
		expect(await sh('$UNSET')).toEqual({stdout: '', stderr: '', code: 0});
	});

	it('a syntax error is status 2 with the message on stderr', async () => {
		expect(await sh(`echo 'oops`)).toEqual({stdout: '', stderr: 'sh: unterminated quoted string\n', code: 2});
	});

	it('pipes: ps | grep sh, cat file | wc -l, grep | head', async () => {
		const ps = await sh('ps | grep sh');
		expect(ps.code).toBe(0);
		expect(ps.stdout).toMatch(/^ {4}7 root +0:00 sh$/m);
		expect(ps.stdout).not.toMatch(/PID/);
		expect((await sh('cat /etc/resolv.conf | wc -l')).stdout).toBe('3\n');
		expect((await sh('cat /etc/hosts | grep -c localhost')).stdout).toBe('2\n');
		expect((await sh('env | grep ^PLAIN=')).stdout).toBe('PLAIN=just text\n');
		// The status of a pipeline is its last command's.
		expect((await sh('false | true')).code).toBe(0);
		expect((await sh('echo a | grep b')).code).toBe(1);
	});

	it('redirection creates, truncates and appends files that cat and ls then see', async () => {
		const result = await sh(
			'echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; echo three > /tmp/f; cat /tmp/f; ls /tmp; cd /tmp && echo rel > g && cat /tmp/g',
		);
		expect(result).toEqual({stdout: 'one\ntwo\nthree\nf\nrel\n', stderr: '', code: 0});
	});

	it('cd, pwd and variables persist within a shell, not into a child shell', async () => {
		expect((await sh('cd /etc/config && pwd && ls')).stdout).toBe('/etc/config\nGREETING\nMODE\napp.properties\n');
		expect(await sh('cd /nope')).toEqual({stdout: '', stderr: "sh: cd: can't cd to /nope: No such file or directory\n", code: 2});
		expect((await sh('cd; pwd')).stdout).toBe('/root\n');
		expect((await sh('A=1; echo $A; B=2 printenv B; printenv B')).stdout).toBe('1\n2\n');
		expect((await sh('export C=3 && printenv C')).stdout).toBe('3\n');
		expect(await sh('sh')).toMatchObject({stderr: 'sh: nested interactive shells are not supported here; use sh -c "..."\n', code: 2});
		expect((await sh(`cd /tmp; sh -c 'cd /etc; X=inner; exit 4'; echo $? $PWD "$X"`)).stdout).toBe('4 /tmp \n');
	});

	it('env lists the environment (not the $? parameter)', async () => {
		const lines = (await run(['env'])).stdout.split('\n').filter(Boolean);
		expect(lines).toContain('HOSTNAME=web-0');
		expect(lines).toContain('HOME=/root');
		expect(lines).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
		for (const line of lines) expect(line).toMatch(/^[A-Za-z_][A-Za-z0-9_]*=/);
	});
});

describe('the container a pod spec describes', () => {
	it('env: value, configMapKeyRef, secretKeyRef, fieldRef, envFrom with prefix, $(VAR)', () => {
		const env = context().env;
		expect(Object.fromEntries(env)).toMatchObject({
			PLAIN: 'just text',
			FROM_CM: 'fast',
			FROM_SECRET: 's3cr3t',
			POD_NAME: 'web-0',
			POD_NS: 'shop',
			POD_IP: '10.244.1.5',
			NODE: 'node-1',
			APP_LABEL: 'web',
			// Defined earlier: expanded; unknown: left as written, as the kubelet does.
			URL: 'http://10.244.1.5:80/$(UNDEFINED_VAR)',
			CFG_MODE: 'fast',
			CFG_GREETING: 'hello',
			password: 's3cr3t',
			user: 'admin',
		});
	});

	it('env: the kubelet service variables (not for headless services)', () => {
		const env = context().env;
		expect(Object.fromEntries(env)).toMatchObject({
			REDIS_CACHE_SERVICE_HOST: '10.96.3.4',
			REDIS_CACHE_SERVICE_PORT: '6379',
			REDIS_CACHE_SERVICE_PORT_REDIS: '6379',
			REDIS_CACHE_PORT: 'tcp://10.96.3.4:6379',
			KUBERNETES_SERVICE_HOST: '10.96.0.1',
			KUBERNETES_SERVICE_PORT: '443',
		});
		expect([...env.keys()].filter((k) => k.startsWith('HEADLESS'))).toEqual([]);
	});

	it('the shell expands the environment the pod gave it', async () => {
		expect((await sh('echo "$FROM_SECRET@$POD_NAME.$POD_NS" $CFG_MODE')).stdout).toBe('s3cr3t@web-0.shop fast\n');
	});

	it('mounted config maps and secrets are files; subPath mounts one key; the rest of the system is there', async () => {
		expect((await run(['ls', '/etc/config'])).stdout).toBe('GREETING\nMODE\napp.properties\n');
		expect((await run(['cat', '/etc/config/app.properties'])).stdout).toBe('color=blue\nsize=3\n');
		expect((await run(['cat', '/etc/app.properties'])).stdout).toBe('color=blue\nsize=3\n');
		expect((await run(['cat', '/etc/creds/password'])).stdout).toBe('s3cr3t');
		expect((await run(['grep', 'size', '/etc/config/app.properties'])).stdout).toBe('size=3\n');
		expect((await run(['cat', '/etc/hosts'])).stdout).toMatch(/^10\.244\.1\.5\tweb-0$/m);
		expect((await run(['ls', '/var/run/secrets/kubernetes.io/serviceaccount'])).stdout).toBe('ca.crt\nnamespace\ntoken\n');
		expect(context().ports).toEqual([80]);
		expect(context('sidecar').files.has('/etc/config/MODE')).toBe(false);
	});
});

describe('stdin without a tty', () => {
	it('sh reads a script from stdin, line by line, until exit', async () => {
		const result = await run(['sh'], 'echo first\ncd /etc\npwd\nexit 5\necho never\n');
		expect(result).toEqual({stdout: 'first\n/etc\n', stderr: '', code: 5});
	});

	it('sh ends with the last status at end of input and prints no prompt', async () => {
		expect(await run(['sh'], 'echo a\nfalse')).toEqual({stdout: 'a\n', stderr: '', code: 1});
		expect(await run(['bash'])).toEqual({stdout: '', stderr: '', code: 0});
	});

	it('filters read stdin: cat, wc -l, grep, head, tail', async () => {
		expect((await run(['cat'], 'x\ny\n')).stdout).toBe('x\ny\n');
		expect((await run(['cat', '-'], 'z\n')).stdout).toBe('z\n');
		expect((await run(['wc', '-l'], 'a\nb\nc\n')).stdout).toBe('3\n');
		expect((await run(['grep', 'b'], 'a\nb\nc\n')).stdout).toBe('b\n');
		expect((await run(['head', '-n', '2'], 'a\nb\nc\n')).stdout).toBe('a\nb\n');
		expect((await run(['tail', '-n', '2'], 'a\nb\nc\n')).stdout).toBe('b\nc\n');
	});

	it('a command reading stdin in a script consumes the rest of it', async () => {
		expect((await run(['sh'], 'cat\nline two\n')).stdout).toBe('line two\n');
	});

	it('streams arrive in pieces and are reassembled into lines', async () => {
		const s = session();
		const done = s.shell.exec(['sh']);
		s.shell.write('ech');
		s.shell.write('o spl');
		s.shell.write('it\nexit 7');
		s.shell.end();
		expect(await done).toBe(7);
		expect(s.stdout()).toBe('split\n');
	});
});

describe('a tty', () => {
	const PROMPT = 'root@web-0:/# ';

	async function interactive(size?: {cols: number; rows: number}) {
		const s = session({tty: true, ...(size ? {size} : {})});
		let code: number | undefined;
		const done = s.shell.exec(['sh']).then((c) => (code = c));
		await s.until((out) => out === PROMPT, 'the first prompt');
		return {...s, done, code: () => code};
	}

	it('shows a prompt, echoes typed characters and answers with \\r\\n line ends', async () => {
		const t = await interactive();
		t.shell.write('echo hi\r');
		await t.until((out) => out.endsWith(`hi\r\n${PROMPT}`), 'the output and the next prompt');
		expect(t.stdout()).toBe(`${PROMPT}echo hi\r\nhi\r\n${PROMPT}`);
		t.shell.write('cd /tmp\r');
		await t.until((out) => out.endsWith('root@web-0:/tmp# '), 'the prompt showing the new directory');
		expect(t.stderr()).toBe('');
	});

	it('folds stderr into the terminal', async () => {
		const t = await interactive();
		t.shell.write('cat /nope\r');
		await t.until((out) => out.endsWith(PROMPT) && out.includes('No such'), 'the error');
		expect(t.stdout()).toContain('cat: /nope: No such file or directory\r\n');
		expect(t.stderr()).toBe('');
	});

	it('backspace and ctrl-u edit the line before it runs', async () => {
		const t = await interactive();
		t.shell.write('echo hellp\u007fo\r');
		await t.until((out) => out.endsWith(`hello\r\n${PROMPT}`), 'echo hello');
		expect(t.stdout()).toContain('hellp\b \bo');
		t.shell.write('rm -rf /\u0015echo kept\r');
		await t.until((out) => out.endsWith(`kept\r\n${PROMPT}`), 'echo kept');
		expect(t.stdout()).toContain('\b \b'.repeat('rm -rf /'.length));
		// Backspace on an empty line writes nothing.
		const before = t.stdout();
		t.shell.write('\u007f\u007f');
		expect(t.stdout()).toBe(before);
	});

	it('ignores arrow keys and other escape sequences', async () => {
		const t = await interactive();
		t.shell.write('echo x\u001b[A\u001b[D\u001bOBy\u001b[3~\r');
		await t.until((out) => out.endsWith(`xy\r\n${PROMPT}`), 'echo xy');
		expect(t.stdout()).not.toContain('\u001b');
	});

	it('ctrl-c at the prompt discards the line and sets $? to 130', async () => {
		const t = await interactive();
		t.shell.write('echo never\u0003');
		await t.until((out) => out.endsWith(`^C\r\n${PROMPT}`), 'a fresh prompt');
		t.shell.write('echo $?\r');
		await t.until((out) => out.endsWith(`130\r\n${PROMPT}`), '$? = 130');
		expect(t.stdout()).not.toContain('never\r\n');
	});

	it('ctrl-c interrupts sleep (status 130) and abandons the rest of the line', async () => {
		const t = await interactive();
		t.shell.write('sleep 60; echo after\r');
		await t.until((out) => out.includes('sleep 60; echo after\r\n'), 'the command echoed');
		const started = Date.now();
		t.shell.write('\u0003');
		await t.until((out) => out.endsWith(`^C\r\n${PROMPT}`), 'the prompt after the interrupt');
		expect(Date.now() - started).toBeLessThan(5000);
		expect(t.stdout()).not.toContain('\r\nafter\r\n');
		t.shell.write('echo $?\r');
		await t.until((out) => out.endsWith(`130\r\n${PROMPT}`), '$? = 130');
	});

	it('ctrl-c interrupts every stage of a pipeline and a child shell', async () => {
		const t = await interactive();
		t.shell.write(`sleep 60 | sleep 60; sh -c 'sleep 60'\r`);
		await t.until((out) => out.includes("'sleep 60'\r\n"), 'the command echoed');
		t.shell.write('\u0003');
		await t.until((out) => out.endsWith(`^C\r\n${PROMPT}`), 'the prompt after the interrupt');
	});

	it('ctrl-c interrupts cat reading the terminal; ctrl-d ends its input', async () => {
		const t = await interactive();
		t.shell.write('cat\r');
		t.shell.write('typed\r');
		await t.until((out) => out.endsWith('typed\r\ntyped\r\n'), 'cat echoing the line back');
		t.shell.write('\u0004');
		await t.until((out) => out.endsWith(PROMPT), 'the prompt after end of input');
		t.shell.write('cat\r\u0003');
		await t.until((out) => out.endsWith(`^C\r\n${PROMPT}`), 'the prompt after the interrupt');
		expect(t.code()).toBeUndefined();
	});

	it('ctrl-d on an empty line exits with the last status; not on a non-empty one', async () => {
		const t = await interactive();
		t.shell.write('false\r');
		await t.until((out) => out.endsWith(`false\r\n${PROMPT}`), 'the next prompt');
		t.shell.write('ech\u0004');
		expect(t.code()).toBeUndefined();
		t.shell.write('\u0015\u0004');
		expect(await t.done).toBe(1);
		expect(t.stdout()).toMatch(/exit\r\n$/);
	});

	it('exit N ends the session with N; a child shell exit does not', async () => {
		const t = await interactive();
		t.shell.write(`sh -c 'exit 9'\r`);
		await t.until((out) => out.endsWith(`'exit 9'\r\n${PROMPT}`), 'the prompt after the child shell');
		expect(t.code()).toBeUndefined();
		t.shell.write('exit 4\r');
		expect(await t.done).toBe(4);
	});

	it('stty size and tput follow resizes', async () => {
		const t = await interactive({cols: 120, rows: 40});
		t.shell.write('stty size\r');
		await t.until((out) => out.endsWith(`40 120\r\n${PROMPT}`), 'the first size');
		t.shell.resize(100, 30);
		t.shell.write('stty size; tput cols; tput lines\r');
		await t.until((out) => out.endsWith(`30 100\r\n100\r\n30\r\n${PROMPT}`), 'the new size');
		// A zero size (a client that has not measured yet) is ignored.
		t.shell.resize(0, 0);
		t.shell.write('stty\r');
		await t.until((out) => out.endsWith(`speed 38400 baud; rows 30; columns 100; line = 0;\r\n${PROMPT}`), 'stty');
	});

	it('ls prints names across the line', async () => {
		const t = await interactive();
		t.shell.write('ls /etc/config\r');
		await t.until((out) => out.endsWith(`GREETING  MODE  app.properties\r\n${PROMPT}`), 'ls in columns');
	});

	it('a command run directly with a tty is interrupted by ctrl-c with 130', async () => {
		const s = session({tty: true});
		const done = s.shell.exec(['sleep', '60']);
		s.shell.write('\u0003');
		expect(await done).toBe(130);
		expect(s.stdout()).toBe('^C\r\n');
	});

	it('kill() ends a session, also one running a command', async () => {
		const t = await interactive();
		t.shell.write('sleep 60\r');
		await t.until((out) => out.endsWith('sleep 60\r\n'), 'the command to start');
		t.shell.kill();
		await t.done;
		// What the session wrote ends there: no prompt after a kill.
		expect(t.stdout()).toBe(`${PROMPT}sleep 60\r\n`);
		const idle = await interactive();
		idle.shell.kill();
		await idle.done;
	});
});
