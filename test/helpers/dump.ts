import {spawn} from 'node:child_process';
import path from 'node:path';
import {node22, root} from './build.js';

/** How a `kview dump` run ended. */
export type DumpRun = {readonly code: number | null; readonly stdout: string; readonly stderr: string; readonly ms: number};

/**
 * Runs `kview dump ARGS` from the built bundle as a script would: no TTY, stdout and
 * stderr collected, KUBECONFIG unset, HOME (and the config dir) under `home`;
 * killed after `timeoutMs`. `extraEnv` adds to it (DOCKER_HOST).
 */
export function runDump(
	args: readonly string[],
	home: string,
	timeoutMs = 20_000,
	extraEnv: Readonly<Record<string, string>> = {},
): Promise<DumpRun> {
	return new Promise((resolve, reject) => {
		const env: NodeJS.ProcessEnv = {...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), NO_COLOR: '1', ...extraEnv};
		delete env['KUBECONFIG'];
		const started = performance.now();
		const child = spawn(node22, [path.join(root, 'bin', 'kview.js'), 'dump', ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
		child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, ms: performance.now() - started});
		});
	});
}
