import {spawn} from 'node:child_process';
import http from 'node:http';
import {Duplex} from 'node:stream';

/** ssh could not reach the engine; the message is ssh's own last line. */
export class SshError extends Error {
	override readonly name = 'SshError';
}

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
	// ServerAlive: a link that died (a laptop asleep, a Wi-Fi change) ends the stream within 45 s instead of freezing it.
	const args = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15', '-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=3', '-T'];
	if (target.user) args.push('-l', target.user);
	if (target.port) args.push('-p', String(target.port));
	args.push('--', target.host, 'docker', 'system', 'dial-stdio');
	const child = spawn('ssh', args, {stdio: ['pipe', 'pipe', 'pipe']});
	const where = `ssh://${target.user ? `${target.user}@` : ''}${target.host}${target.port ? `:${target.port}` : ''}`;
	let stderr = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
	// Built by hand rather than Duplex.from: a request written to an ssh that has already failed
	// would surface as EPIPE, while the reason is in what ssh printed before it exited.
	const duplex = new Duplex({
		write(chunk: Buffer, _encoding, callback) {
			child.stdin.write(chunk, () => callback());
		},
		final(callback) {
			child.stdin.end();
			callback();
		},
		read() {
			child.stdout.resume();
		},
		destroy(error, callback) {
			child.kill();
			callback(error);
		},
	});
	child.stdin.on('error', () => undefined);
	// What an http.Agent asks of a socket it keeps for the next request; a pipe has nothing to set.
	Object.assign(duplex, {
		setKeepAlive: () => duplex,
		setNoDelay: () => duplex,
		setTimeout: () => duplex,
		ref: () => duplex,
		unref: () => duplex,
	});
	child.stdout.on('data', (chunk: Buffer) => {
		if (!duplex.push(chunk)) child.stdout.pause();
	});
	child.on('error', (error: NodeJS.ErrnoException) =>
		duplex.destroy(
			new SshError(error.code === 'ENOENT' ? `ssh is not installed, so ${where} cannot be reached` : `ssh to ${where}: ${error.message}`),
		),
	);
	// After its pipes closed, so everything it sent has been read.
	child.on('close', (code) => {
		const last = stderr.trim().split('\n').at(-1) ?? '';
		if (code === 0 || code === null) duplex.push(null);
		else duplex.destroy(new SshError(`ssh to ${where} failed${last ? `: ${last}` : ` (exit ${code})`}`));
	});
	return duplex;
}

/**
 * Keeps up to four ssh sessions for requests and reuses them: sshd refuses handshakes past
 * MaxStartups (10 by default), and a burst of inspects would otherwise start one each.
 */
export class SshAgent extends http.Agent {
	constructor(private readonly target: SshTarget) {
		super({keepAlive: true, maxSockets: 4});
	}

	override createConnection(): Duplex {
		return sshDial(this.target);
	}
}
