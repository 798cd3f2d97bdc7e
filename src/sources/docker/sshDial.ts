import {spawn} from 'node:child_process';
import {Duplex} from 'node:stream';

/** An ssh:// engine: the host and, when given, the user and port. */
export type SshTarget = {readonly host: string; readonly user?: string | undefined; readonly port?: number | undefined};

/**
 * A connection to the Docker engine on a remote host as the docker CLI makes it: the
 * system `ssh` (so ~/.ssh/config, the agent and known_hosts apply) running `docker
 * system dial-stdio` there, its stdin and stdout carrying the HTTP. BatchMode: a
 * password or host-key question cannot be answered under the UI, so ssh fails instead
 * and its last line of stderr says why.
 */
export function sshDial(target: SshTarget): Duplex {
	const args = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15', '-T'];
	if (target.user) args.push('-l', target.user);
	if (target.port) args.push('-p', String(target.port));
	args.push('--', target.host, 'docker', 'system', 'dial-stdio');
	const child = spawn('ssh', args, {stdio: ['pipe', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
	const duplex = Duplex.from({readable: child.stdout, writable: child.stdin});
	const where = `ssh://${target.user ? `${target.user}@` : ''}${target.host}${target.port ? `:${target.port}` : ''}`;
	child.on('error', (error: NodeJS.ErrnoException) =>
		duplex.destroy(
			new Error(error.code === 'ENOENT' ? `ssh is not installed, so ${where} cannot be reached` : `ssh to ${where}: ${error.message}`),
		),
	);
	child.on('exit', (code) => {
		const last = stderr.trim().split('\n').at(-1) ?? '';
		if (code !== 0) duplex.destroy(new Error(`ssh to ${where} failed${last ? `: ${last}` : ` (exit ${code})`}`));
	});
	// The request ending early (aborted, a stream stopped) ends ssh too.
	duplex.on('close', () => child.kill());
	return duplex;
}
