import {createHash} from 'node:crypto';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type EngineFs, contextDirName, parseHost, resolveEngines, socketPath} from '../../../src/sources/docker/engines.js';

// The docker CLI's rules for which engine to use, over an in-memory home directory.

const HOME = '/home/ada';
const DOCKER = path.join(HOME, '.docker');
const sha = (name: string) => createHash('sha256').update(name).digest('hex');

/** An in-memory file system: file path -> text; directories are implied by the paths. */
function memoryFs(files: Record<string, string>): EngineFs {
	return {
		readFile: (file) => files[file],
		exists: (file) => file in files || Object.keys(files).some((f) => f.startsWith(file + '/')),
		listDir: (dir) => [
			...new Set(
				Object.keys(files)
					.filter((f) => f.startsWith(dir + '/'))
					.map((f) => f.slice(dir.length + 1).split('/')[0]!),
			),
		],
	};
}

const meta = (name: string, host: string, extra: {description?: string; skipTLSVerify?: boolean} = {}) => ({
	[path.join(DOCKER, 'contexts', 'meta', sha(name), 'meta.json')]: JSON.stringify({
		Name: name,
		Metadata: extra.description === undefined ? {} : {Description: extra.description},
		Endpoints: {docker: {Host: host, SkipTLSVerify: extra.skipTLSVerify ?? false}},
	}),
});
const config = (doc: unknown) => ({[path.join(DOCKER, 'config.json')]: JSON.stringify(doc)});
const tlsFiles = (name: string, which: readonly string[] = ['ca', 'cert', 'key']) =>
	Object.fromEntries(which.map((w) => [path.join(DOCKER, 'contexts', 'tls', sha(name), 'docker', `${w}.pem`), 'PEM']));
const SOCKET = {'/var/run/docker.sock': ''};

describe('parseHost', () => {
	it.each([
		['unix:///var/run/docker.sock', {kind: 'unix', path: '/var/run/docker.sock'}],
		['unix://', {kind: 'unix', path: '/var/run/docker.sock'}],
		['unix:///run/user/1000/docker.sock', {kind: 'unix', path: '/run/user/1000/docker.sock'}],
		['tcp://10.0.0.5:2376', {kind: 'tcp', host: '10.0.0.5', port: 2376}],
		['tcp://docker.example.com', {kind: 'tcp', host: 'docker.example.com', port: 2375}],
		['tcp://:4243', {kind: 'tcp', host: 'localhost', port: 4243}],
		['tcp://[::1]:2375', {kind: 'tcp', host: '::1', port: 2375}],
		['tcp://[fe80::1]', {kind: 'tcp', host: 'fe80::1', port: 2375}],
		['host.example:2375', {kind: 'tcp', host: 'host.example', port: 2375}],
		['ssh://deploy@build-1', {kind: 'ssh', user: 'deploy', host: 'build-1', port: undefined}],
		['ssh://build-1:2222', {kind: 'ssh', user: undefined, host: 'build-1', port: 2222}],
		['ssh://me@[::1]:22', {kind: 'ssh', user: 'me', host: '::1', port: 22}],
		['npipe:////./pipe/docker_engine', {kind: 'npipe', path: '//./pipe/docker_engine'}],
		['npipe://', {kind: 'npipe', path: '//./pipe/docker_engine'}],
	])('%s', (text, value) => {
		expect(parseHost(text)).toEqual({ok: true, value});
	});

	it('defaults a tcp port to 2376 when TLS is on', () => {
		expect(parseHost('tcp://docker.example.com', {tls: true})).toEqual({
			ok: true,
			value: {kind: 'tcp', host: 'docker.example.com', port: 2376},
		});
		expect(parseHost('tcp://docker.example.com:1234', {tls: true})).toMatchObject({value: {port: 1234}});
	});

	it.each([
		['', /empty/],
		['   ', /empty/],
		['tcp://', /no address/],
		['tcp://host:port', /"port" is not a port/],
		['tcp://host:70000', /"70000" is not a port/],
		['tcp://host:0', /"0" is not a port/],
		['tcp://a b:2375', /not a host name/],
		['tcp://host:2375/v1.41', /path/],
		['tcp://::1:2375', /expected host:port/],
		['/var/run/docker.sock', /invalid Docker host/],
		['http://localhost:2375', /unknown scheme "http:\/\/"/],
		['fd://', /daemon/],
		['ssh://', /no host/],
		['ssh://@host', /empty user/],
		['ssh://host/var/run/docker.sock', /no path/],
		['ssh://host:ssh', /not a port/],
	])('refuses %j', (text, message) => {
		const parsed = parseHost(text);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error).toMatch(message);
	});
});

describe('socketPath', () => {
	it('gives the file of a unix host and nothing for others', () => {
		expect(socketPath('unix:///run/podman/podman.sock')).toBe('/run/podman/podman.sock');
		expect(socketPath('unix://')).toBe('/var/run/docker.sock');
		expect(socketPath('tcp://localhost:2375')).toBeUndefined();
		expect(socketPath('ssh://me@host')).toBeUndefined();
		expect(socketPath('bogus://x')).toBeUndefined();
	});
});

describe('contextDirName', () => {
	it('is the sha256 hex of the context name, as the docker CLI names its directories', () => {
		expect(contextDirName('colima')).toBe(sha('colima'));
		expect(contextDirName('desktop-linux')).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('resolveEngines', () => {
	it('with nothing configured: the built-in default context on /var/run/docker.sock', () => {
		const result = resolveEngines({}, memoryFs(SOCKET), HOME);
		expect(result).toEqual({
			engines: [
				{
					name: 'default',
					host: 'unix:///var/run/docker.sock',
					endpoint: {kind: 'unix', path: '/var/run/docker.sock'},
					source: 'default',
					description: 'Current DOCKER_HOST based configuration',
				},
			],
			current: 'default',
			currentFrom: 'default',
			errors: [],
		});
	});

	it('DOCKER_HOST wins over DOCKER_CONTEXT and currentContext, and replaces the default endpoint', () => {
		const fs = memoryFs({...config({currentContext: 'remote'}), ...meta('remote', 'ssh://me@remote'), ...SOCKET});
		const result = resolveEngines({DOCKER_HOST: 'tcp://10.1.2.3:2375', DOCKER_CONTEXT: 'remote'}, fs, HOME);
		expect(result.current).toBe('default');
		expect(result.currentFrom).toBe('DOCKER_HOST');
		expect(result.engines[0]).toMatchObject({
			name: 'default',
			host: 'tcp://10.1.2.3:2375',
			endpoint: {kind: 'tcp', host: '10.1.2.3', port: 2375},
			source: 'DOCKER_HOST',
		});
		expect(result.engines[0]!.tls).toBeUndefined();
		// the contexts are still offered by :dctx
		expect(result.engines.map((e) => e.name)).toEqual(['default', 'remote']);
		expect(result.errors).toEqual([]);
	});

	it('DOCKER_TLS_VERIFY: tcp with TLS, verify on, certificates from DOCKER_CERT_PATH, port 2376 by default', () => {
		const fs = memoryFs({'/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY'});
		const result = resolveEngines({DOCKER_HOST: 'tcp://docker.example.com', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs'}, fs, HOME);
		expect(result.engines[0]).toMatchObject({
			endpoint: {kind: 'tcp', host: 'docker.example.com', port: 2376},
			tls: {ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true},
		});
	});

	it('DOCKER_CERT_PATH defaults to the config directory (~/.docker, or $DOCKER_CONFIG)', () => {
		const env = {DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1'};
		const home = resolveEngines(env, memoryFs({[path.join(DOCKER, 'ca.pem')]: 'CA'}), HOME);
		expect(home.engines[0]!.tls).toEqual({ca: path.join(DOCKER, 'ca.pem'), verify: true});
		const moved = resolveEngines({...env, DOCKER_CONFIG: '/etc/dockercfg'}, memoryFs({'/etc/dockercfg/ca.pem': 'CA'}), HOME);
		expect(moved.engines[0]!.tls).toEqual({ca: '/etc/dockercfg/ca.pem', verify: true});
	});

	it('an empty DOCKER_TLS_VERIFY is off; DOCKER_TLS alone is TLS without verifying', () => {
		const off = resolveEngines({DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: ''}, memoryFs({}), HOME);
		expect(off.engines[0]).toMatchObject({endpoint: {port: 2375}, tls: undefined});
		const tlsOnly = resolveEngines({DOCKER_HOST: 'tcp://h', DOCKER_TLS: '1'}, memoryFs({}), HOME);
		expect(tlsOnly.engines[0]).toMatchObject({endpoint: {port: 2376}, tls: {verify: false}});
	});

	it('TLS settings do not apply to a unix DOCKER_HOST', () => {
		const result = resolveEngines({DOCKER_HOST: 'unix:///tmp/d.sock', DOCKER_TLS_VERIFY: '1'}, memoryFs({}), HOME);
		expect(result.engines[0]).toMatchObject({endpoint: {kind: 'unix', path: '/tmp/d.sock'}, tls: undefined});
	});

	it('DOCKER_TLS_VERIFY with no DOCKER_HOST: tcp://localhost:2376, as the docker CLI', () => {
		const result = resolveEngines({DOCKER_TLS_VERIFY: '1'}, memoryFs({}), HOME);
		expect(result.engines[0]).toMatchObject({
			host: 'tcp://localhost:2376',
			endpoint: {kind: 'tcp', host: 'localhost', port: 2376},
			tls: {verify: true},
			source: 'default',
		});
	});

	it('ssh:// DOCKER_HOST', () => {
		const result = resolveEngines({DOCKER_HOST: 'ssh://deploy@build-1:2222'}, memoryFs({}), HOME);
		expect(result.engines[0]).toMatchObject({
			source: 'DOCKER_HOST',
			endpoint: {kind: 'ssh', user: 'deploy', host: 'build-1', port: 2222},
		});
	});

	it('a nonsense DOCKER_HOST is an error line and the default socket', () => {
		const result = resolveEngines({DOCKER_HOST: 'http://x'}, memoryFs(SOCKET), HOME);
		expect(result.errors).toEqual([expect.stringMatching(/^DOCKER_HOST: invalid Docker host "http:\/\/x"/)]);
		expect(result.engines[0]).toMatchObject({host: 'unix:///var/run/docker.sock', source: 'default'});
		expect(result.current).toBe('default');
	});

	it('config.json currentContext picks a context from contexts/meta/<sha256 of name>/meta.json', () => {
		const fs = memoryFs({
			...config({currentContext: 'colima', auths: {}}),
			...meta('colima', 'unix:///home/ada/.colima/default/docker.sock', {description: 'colima'}),
			...meta('desktop-linux', 'unix:///home/ada/.docker/desktop/docker.sock'),
		});
		const result = resolveEngines({}, fs, HOME);
		expect(result.current).toBe('colima');
		expect(result.currentFrom).toBe('config');
		expect(result.errors).toEqual([]);
		expect(result.engines).toEqual([
			expect.objectContaining({name: 'default', source: 'default'}),
			{
				name: 'colima',
				host: 'unix:///home/ada/.colima/default/docker.sock',
				endpoint: {kind: 'unix', path: '/home/ada/.colima/default/docker.sock'},
				tls: undefined,
				source: 'context',
				description: 'colima',
			},
			expect.objectContaining({name: 'desktop-linux', description: undefined}),
		]);
	});

	it('DOCKER_CONTEXT wins over currentContext', () => {
		const fs = memoryFs({...config({currentContext: 'a'}), ...meta('a', 'tcp://a:2375'), ...meta('b', 'tcp://b:2375')});
		const result = resolveEngines({DOCKER_CONTEXT: 'b'}, fs, HOME);
		expect(result.current).toBe('b');
		expect(result.currentFrom).toBe('DOCKER_CONTEXT');
	});

	it('DOCKER_CONFIG moves ~/.docker', () => {
		const moved = '/srv/docker-config';
		const fs = memoryFs({
			[path.join(moved, 'config.json')]: JSON.stringify({currentContext: 'ci'}),
			[path.join(moved, 'contexts', 'meta', sha('ci'), 'meta.json')]: JSON.stringify({
				Name: 'ci',
				Endpoints: {docker: {Host: 'tcp://ci:2376'}},
			}),
			[path.join(moved, 'contexts', 'tls', sha('ci'), 'docker', 'ca.pem')]: 'CA',
			...config({currentContext: 'ignored'}),
		});
		const result = resolveEngines({DOCKER_CONFIG: moved}, fs, HOME);
		expect(result.current).toBe('ci');
		expect(result.errors).toEqual([]);
		expect(result.engines[1]).toMatchObject({
			name: 'ci',
			tls: {ca: path.join(moved, 'contexts', 'tls', sha('ci'), 'docker', 'ca.pem'), verify: true},
		});
	});

	it("a context's TLS files come from contexts/tls/<sha256 of name>/docker, SkipTLSVerify turns verify off", () => {
		const fs = memoryFs({
			...meta('secure', 'tcp://secure.example.com'),
			...tlsFiles('secure'),
			...meta('lax', 'tcp://lax.example.com:2376', {skipTLSVerify: true}),
			...meta('plain', 'tcp://plain.example.com'),
			...tlsFiles('wrong-name'),
		});
		const byName = new Map(resolveEngines({}, fs, HOME).engines.map((e) => [e.name, e]));
		const tlsDir = path.join(DOCKER, 'contexts', 'tls', sha('secure'), 'docker');
		expect(byName.get('secure')).toMatchObject({
			endpoint: {port: 2376},
			tls: {
				ca: path.join(tlsDir, 'ca.pem'),
				cert: path.join(tlsDir, 'cert.pem'),
				key: path.join(tlsDir, 'key.pem'),
				verify: true,
			},
		});
		expect(byName.get('lax')!.tls).toEqual({verify: false});
		expect(byName.get('plain')).toMatchObject({endpoint: {port: 2375}, tls: undefined});
	});

	it('lists every context for :dctx, default first, the rest by name', () => {
		const fs = memoryFs({...meta('zeta', 'tcp://z'), ...meta('alpha', 'ssh://a'), ...meta('mid', 'unix:///m.sock')});
		expect(resolveEngines({}, fs, HOME).engines.map((e) => e.name)).toEqual(['default', 'alpha', 'mid', 'zeta']);
	});

	it('a current context that does not exist: an error naming it, and the default', () => {
		const result = resolveEngines({}, memoryFs({...config({currentContext: 'gone'}), ...SOCKET}), HOME);
		expect(result.current).toBe('default');
		expect(result.errors).toEqual([expect.stringContaining('context "gone" not found')]);
		expect(result.errors[0]).toContain(path.join(DOCKER, 'config.json'));
		expect(result.errors[0]).toContain(sha('gone'));
		const fromEnv = resolveEngines({DOCKER_CONTEXT: 'nope'}, memoryFs(SOCKET), HOME);
		expect(fromEnv.errors).toEqual([expect.stringMatching(/^DOCKER_CONTEXT: context "nope" not found/)]);
	});

	it('currentContext "default" is the built-in context', () => {
		const result = resolveEngines({}, memoryFs({...config({currentContext: 'default'}), ...SOCKET}), HOME);
		expect(result).toMatchObject({current: 'default', currentFrom: 'config', errors: []});
	});

	it('a malformed config.json is an error naming the file, never a throw', () => {
		const file = path.join(DOCKER, 'config.json');
		const result = resolveEngines({}, memoryFs({[file]: '{"currentContext": ', ...SOCKET}), HOME);
		expect(result.current).toBe('default');
		expect(result.errors).toEqual([expect.stringContaining(`${file}: not valid JSON`)]);
		const notObject = resolveEngines({}, memoryFs({[file]: '[1]'}), HOME);
		expect(notObject.errors).toEqual([`${file}: expected a JSON object`]);
		const badField = resolveEngines({}, memoryFs({[file]: '{"currentContext": 7}'}), HOME);
		expect(badField.errors).toEqual([`${file}: "currentContext" is not a string`]);
	});

	it('a malformed meta.json is an error naming the file; the other contexts still load', () => {
		const broken = path.join(DOCKER, 'contexts', 'meta', sha('broken'), 'meta.json');
		const noHost = path.join(DOCKER, 'contexts', 'meta', sha('nohost'), 'meta.json');
		const badHost = path.join(DOCKER, 'contexts', 'meta', sha('badhost'), 'meta.json');
		const reserved = path.join(DOCKER, 'contexts', 'meta', sha('default'), 'meta.json');
		const fs = memoryFs({
			[broken]: '{not json',
			[noHost]: JSON.stringify({Name: 'nohost', Endpoints: {}}),
			[badHost]: JSON.stringify({Name: 'badhost', Endpoints: {docker: {Host: 'gopher://x'}}}),
			[reserved]: JSON.stringify({Name: 'default', Endpoints: {docker: {Host: 'tcp://x'}}}),
			...meta('good', 'tcp://good:2375'),
		});
		const result = resolveEngines({}, fs, HOME);
		expect(result.engines.map((e) => e.name)).toEqual(['default', 'good']);
		expect(result.errors).toHaveLength(4);
		for (const file of [broken, noHost, badHost, reserved]) {
			expect(result.errors.some((e) => e.startsWith(`${file}:`))).toBe(true);
		}
	});

	it('a current context whose meta.json is broken falls back to default with both errors', () => {
		const broken = path.join(DOCKER, 'contexts', 'meta', sha('work'), 'meta.json');
		const result = resolveEngines({}, memoryFs({...config({currentContext: 'work'}), [broken]: '{', ...SOCKET}), HOME);
		expect(result.current).toBe('default');
		expect(result.errors).toEqual([
			expect.stringContaining(`${broken}: not valid JSON`),
			expect.stringContaining('context "work" not found'),
		]);
	});

	it('offers rootless docker and podman sockets that exist', () => {
		const fs = memoryFs({
			...SOCKET,
			'/run/user/1000/docker.sock': '',
			'/run/user/1000/podman/podman.sock': '',
			'/run/podman/podman.sock': '',
		});
		const result = resolveEngines({XDG_RUNTIME_DIR: '/run/user/1000'}, fs, HOME);
		expect(result.current).toBe('default');
		expect(result.engines.slice(1)).toEqual([
			expect.objectContaining({name: 'rootless', host: 'unix:///run/user/1000/docker.sock', source: 'default'}),
			expect.objectContaining({name: 'podman', host: 'unix:///run/user/1000/podman/podman.sock', source: 'podman'}),
			expect.objectContaining({
				name: 'podman-root',
				host: 'unix:///run/podman/podman.sock',
				endpoint: {kind: 'unix', path: '/run/podman/podman.sock'},
				source: 'podman',
			}),
		]);
	});

	it('offers no socket that does not exist, and none twice', () => {
		const fs = memoryFs({...SOCKET, '/run/user/1000/docker.sock': ''});
		const result = resolveEngines({XDG_RUNTIME_DIR: '/run/user/1000', DOCKER_HOST: 'unix:///run/user/1000/docker.sock'}, fs, HOME);
		expect(result.engines.map((e) => e.name)).toEqual(['default']);
		expect(resolveEngines({}, memoryFs(SOCKET), HOME).engines).toHaveLength(1);
	});

	it('renames a found socket whose name a context already has', () => {
		const fs = memoryFs({...SOCKET, ...meta('podman', 'ssh://core@vm'), '/run/podman/podman.sock': ''});
		const result = resolveEngines({}, fs, HOME);
		expect(result.engines.map((e) => e.name)).toEqual(['default', 'podman', 'podman-root']);
		const clash = memoryFs({...SOCKET, ...meta('podman-root', 'ssh://x'), '/run/podman/podman.sock': ''});
		expect(resolveEngines({}, clash, HOME).engines.map((e) => e.name)).toEqual(['default', 'podman-root', 'podman-root-socket']);
	});

	it('with no /var/run/docker.sock, the default engine is the first socket found', () => {
		const fs = memoryFs({'/run/user/1000/podman/podman.sock': ''});
		const result = resolveEngines({XDG_RUNTIME_DIR: '/run/user/1000'}, fs, HOME);
		expect(result).toMatchObject({current: 'podman', currentFrom: 'socket', errors: []});
		// but a chosen context or DOCKER_HOST is kept even when unreachable
		expect(resolveEngines({XDG_RUNTIME_DIR: '/run/user/1000', DOCKER_HOST: 'unix:///nope'}, fs, HOME).current).toBe('default');
		const withContext = memoryFs({...config({currentContext: 'vm'}), ...meta('vm', 'tcp://vm'), '/run/podman/podman.sock': ''});
		expect(resolveEngines({}, withContext, HOME).current).toBe('vm');
	});
});
