import path from 'node:path/posix';
import type {Process} from './container.js';
import type {LineInput} from './input.js';

/** What a running command can reach: its arguments, streams and the shell's state. */
export type Proc = {
	readonly name: string;
	readonly args: readonly string[];
	readonly out: (text: string) => void;
	readonly err: (text: string) => void;
	readonly stdin: LineInput;
	readonly signal: AbortSignal;
	readonly state: ShellState;
};

/** The mutable state a shell session carries between commands. */
export type ShellState = {
	cwd: string;
	readonly env: Map<string, string>;
	readonly files: Map<string, string>;
	readonly processes: readonly Process[];
	readonly pod: string;
	readonly image: string;
	size: {cols: number; rows: number};
	readonly tty: boolean;
	readonly clock: () => number;
	/** Set by `exit`: the shell stops after the current command with this status. */
	exitCode: number | undefined;
	/** Runs a script in a child shell (sh -c). */
	readonly runScript: (script: string, proc: Proc) => Promise<number>;
};

export type Command = (proc: Proc) => number | Promise<number>;

/** Absolute form of `p` seen from the shell's working directory. */
export function resolvePath(state: ShellState, p: string): string {
	return path.resolve(state.cwd, p || '.');
}

/** Directories exist when some file lives under them. */
function isDir(state: ShellState, dir: string): boolean {
	if (dir === '/') return true;
	const prefix = `${dir}/`;
	for (const file of state.files.keys()) if (file.startsWith(prefix)) return true;
	return ['/tmp', '/root', '/home', '/var', '/usr', '/bin', '/etc', '/proc', '/dev', '/app'].includes(dir);
}

function children(state: ShellState, dir: string): {name: string; dir: boolean; size: number}[] {
	const prefix = dir === '/' ? '/' : `${dir}/`;
	const seen = new Map<string, {name: string; dir: boolean; size: number}>();
	for (const [file, content] of state.files) {
		if (!file.startsWith(prefix)) continue;
		const rest = file.slice(prefix.length);
		const [first, ...more] = rest.split('/');
		if (!first) continue;
		if (!seen.has(first)) seen.set(first, {name: first, dir: more.length > 0, size: more.length ? 4096 : Buffer.byteLength(content)});
	}
	if (dir === '/')
		for (const d of ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'tmp', 'usr', 'var'])
			if (!seen.has(d)) seen.set(d, {name: d, dir: true, size: 4096});
	// Byte order, as ls sorts in a container's C locale: GREETING before app.properties.
	return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Splits leading -x flags (and -n N style values for the flags in `valued`) from operands. */
function flags(args: readonly string[], valued = ''): {set: Set<string>; values: Map<string, string>; rest: string[]} {
	const set = new Set<string>();
	const values = new Map<string, string>();
	let i = 0;
	for (; i < args.length; i++) {
		const a = args[i] ?? '';
		if (a === '--') {
			i++;
			break;
		}
		if (!/^-[A-Za-z0-9]/.test(a)) break;
		for (let j = 1; j < a.length; j++) {
			const f = a[j] ?? '';
			if (valued.includes(f)) {
				values.set(f, a.slice(j + 1) || (args[++i] ?? ''));
				break;
			}
			set.add(f);
		}
	}
	return {set, values, rest: args.slice(i)};
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve(false);
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve(true);
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};
		signal.addEventListener('abort', onAbort, {once: true});
	});
}

/** Reads every line of stdin (or the named files) for the filters (cat, grep, head, tail, wc). */
async function* inputLines(proc: Proc, files: readonly string[]): AsyncGenerator<string | {error: string}> {
	if (!files.length) {
		for (;;) {
			const line = await proc.stdin.next(proc.signal);
			if (line === null) return;
			yield line;
		}
	}
	for (const f of files) {
		const file = resolvePath(proc.state, f);
		const content = proc.state.files.get(file);
		if (content === undefined) {
			yield {error: `${proc.name}: ${f}: ${isDir(proc.state, file) ? 'Is a directory' : 'No such file or directory'}\n`};
			continue;
		}
		const parts = content.split('\n');
		if (parts.at(-1) === '') parts.pop();
		yield* parts;
	}
}

const echo: Command = ({args, out}) => {
	let rest = [...args];
	let newline = true;
	while (rest[0] === '-n' || rest[0] === '-e') {
		if (rest[0] === '-n') newline = false;
		rest = rest.slice(1);
	}
	out(rest.join(' ') + (newline ? '\n' : ''));
	return 0;
};

const ls: Command = ({args, out, err, state}) => {
	const {set, rest} = flags(args);
	const targets = rest.length ? rest : ['.'];
	let status = 0;
	for (const target of targets) {
		const p = resolvePath(state, target);
		if (state.files.has(p)) {
			out(
				set.has('l')
					? `-rw-r--r--    1 root     root     ${String(Buffer.byteLength(state.files.get(p) ?? '')).padStart(8)} ${target}\n`
					: `${target}\n`,
			);
			continue;
		}
		if (!isDir(state, p)) {
			err(`ls: ${target}: No such file or directory\n`);
			status = 1;
			continue;
		}
		if (targets.length > 1) out(`${target}:\n`);
		const entries = children(state, p).filter((e) => set.has('a') || !e.name.startsWith('.'));
		if (set.has('l')) {
			out(`total ${entries.length}\n`);
			for (const e of entries)
				out(`${e.dir ? 'drwxr-xr-x' : '-rw-r--r--'}    ${e.dir ? 2 : 1} root     root     ${String(e.size).padStart(8)} ${e.name}\n`);
		} else if (set.has('1') || !state.tty) {
			for (const e of entries) out(`${e.name}\n`);
		} else if (entries.length) {
			out(`${entries.map((e) => e.name).join('  ')}\n`);
		}
	}
	return status;
};

const cat: Command = async (proc) => {
	let status = 0;
	const operands = proc.args.length ? proc.args : ['-'];
	for (const operand of operands) {
		if (operand === '-') {
			for (;;) {
				const line = await proc.stdin.next(proc.signal);
				if (line === null) break;
				proc.out(`${line}\n`);
			}
			continue;
		}
		const file = resolvePath(proc.state, operand);
		const content = proc.state.files.get(file);
		// Files go out byte for byte: one without a trailing newline (the service account's namespace) prints without one.
		if (content !== undefined) proc.out(content);
		else {
			proc.err(`cat: ${operand}: ${isDir(proc.state, file) ? 'Is a directory' : 'No such file or directory'}\n`);
			status = 1;
		}
	}
	return proc.signal.aborted ? 130 : status;
};

const grep: Command = async (proc) => {
	const {set, rest} = flags(proc.args);
	const [pattern, ...files] = rest;
	if (pattern === undefined) {
		proc.err('Usage: grep [-icqv] PATTERN [FILE]...\n');
		return 2;
	}
	let re: RegExp;
	try {
		re = new RegExp(pattern, set.has('i') ? 'i' : '');
	} catch {
		re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), set.has('i') ? 'i' : '');
	}
	let matched = 0;
	for await (const line of inputLines(proc, files)) {
		if (typeof line !== 'string') {
			proc.err(line.error);
			continue;
		}
		if (re.test(line) !== set.has('v')) {
			matched++;
			if (!set.has('c') && !set.has('q')) proc.out(`${line}\n`);
		}
	}
	if (set.has('c')) proc.out(`${matched}\n`);
	return matched ? 0 : 1;
};

const headTail =
	(tail: boolean): Command =>
	async (proc) => {
		// `head -5` is the old spelling of `head -n 5`, still common in scripts.
		const args = proc.args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
		const {values, rest} = flags(args, 'n');
		const n = Number(values.get('n') ?? 10);
		if (!Number.isInteger(n) || n < 0) {
			proc.err(`${proc.name}: invalid number '${values.get('n') ?? ''}'\n`);
			return 1;
		}
		let status = 0;
		const kept: string[] = [];
		for await (const line of inputLines(proc, rest)) {
			if (typeof line !== 'string') {
				proc.err(line.error);
				status = 1;
				continue;
			}
			if (tail) {
				kept.push(line);
				if (kept.length > n) kept.shift();
			} else if (kept.length < n) {
				kept.push(line);
				proc.out(`${line}\n`);
				// Reading stdin stops here: `head -n 1` at a terminal must not wait for end-of-file.
				if (kept.length === n && !rest.length) break;
			}
		}
		if (tail) for (const line of kept) proc.out(`${line}\n`);
		return status;
	};

const wc: Command = async (proc) => {
	const {set, rest} = flags(proc.args);
	const count = async (source: readonly string[]): Promise<{lines: number; words: number; bytes: number; error?: string}> => {
		let lines = 0;
		let words = 0;
		let bytes = 0;
		for await (const line of inputLines(proc, source)) {
			if (typeof line !== 'string') return {lines, words, bytes, error: line.error};
			lines++;
			words += line.split(/\s+/).filter(Boolean).length;
			bytes += Buffer.byteLength(line) + 1;
		}
		return {lines, words, bytes};
	};
	const only = set.has('l') ? 'lines' : set.has('w') ? 'words' : set.has('c') ? 'bytes' : undefined;
	let status = 0;
	// Each operand gets its own line with its name, as wc prints them; stdin has no name.
	for (const name of rest.length ? rest : [undefined]) {
		const c = await count(name === undefined ? [] : [name]);
		if (c.error) {
			proc.err(c.error);
			status = 1;
			continue;
		}
		const figures = only ? String(c[only]) : `${String(c.lines).padStart(7)} ${String(c.words).padStart(7)} ${String(c.bytes).padStart(7)}`;
		proc.out(`${figures}${name === undefined ? '' : ` ${name}`}\n`);
	}
	return status;
};

const env: Command = ({args, out, state}) => {
	if (args.length) {
		const value = state.env.get(args[0] ?? '');
		if (value === undefined) return 1;
		out(`${value}\n`);
		return 0;
	}
	// $? lives among the variables but is a parameter, not part of the environment.
	for (const [k, v] of state.env) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) out(`${k}=${v}\n`);
	return 0;
};

const ps: Command = ({out, state, name}) => {
	out('PID   USER     TIME  COMMAND\n');
	const rows = [...state.processes, {pid: 7, user: 'root', command: 'sh'}, {pid: 13, user: 'root', command: name === 'ps' ? 'ps' : name}];
	for (const p of rows) out(`${String(p.pid).padStart(5)} ${p.user.padEnd(8)} 0:00 ${p.command}\n`);
	return 0;
};

const sleepCmd: Command = async ({args, err, signal}) => {
	const seconds = Number((args[0] ?? '').replace(/s$/, ''));
	if (!args.length || !Number.isFinite(seconds) || seconds < 0) {
		err(`sleep: invalid number '${args[0] ?? ''}'\n`);
		return 1;
	}
	return (await sleep(seconds * 1000, signal)) ? 0 : 130;
};

const exit: Command = ({args, err, state}) => {
	const last = Number(state.env.get('?') ?? '0');
	const code = args[0] === undefined ? last : Number(args[0]);
	if (!Number.isInteger(code)) {
		err(`sh: exit: Illegal number: ${args[0] ?? ''}\n`);
		state.exitCode = 2;
		return 2;
	}
	state.exitCode = ((code % 256) + 256) % 256;
	return state.exitCode;
};

const cd: Command = ({args, err, state}) => {
	const target = resolvePath(state, args[0] ?? state.env.get('HOME') ?? '/');
	if (!isDir(state, target)) {
		err(`sh: cd: can't cd to ${args[0] ?? ''}: No such file or directory\n`);
		return 2;
	}
	state.cwd = target;
	state.env.set('PWD', target);
	return 0;
};

const stty: Command = ({args, out, err, state}) => {
	if (!state.tty) {
		err('stty: standard input: Not a tty\n');
		return 1;
	}
	if (args[0] === 'size') out(`${state.size.rows} ${state.size.cols}\n`);
	else out(`speed 38400 baud; rows ${state.size.rows}; columns ${state.size.cols}; line = 0;\n`);
	return 0;
};

const tput: Command = ({args, out, err, state}) => {
	if (args[0] === 'cols') out(`${state.size.cols}\n`);
	else if (args[0] === 'lines') out(`${state.size.rows}\n`);
	else if (args[0] === 'clear') out('\u001b[H\u001b[2J');
	else {
		err(`tput: unknown terminfo capability '${args[0] ?? ''}'\n`);
		return 4;
	}
	return 0;
};

const exportCmd: Command = ({args, state}) => {
	for (const a of args) {
		const eq = a.indexOf('=');
		if (eq > 0) state.env.set(a.slice(0, eq), a.slice(eq + 1));
	}
	return 0;
};

const sh: Command = async (proc) => {
	const c = proc.args.indexOf('-c');
	if (c < 0) {
		proc.err(`${proc.name}: nested interactive shells are not supported here; use ${proc.name} -c "..."\n`);
		return 2;
	}
	return proc.state.runScript(proc.args[c + 1] ?? '', proc);
};

const HELP =
	'kview sim shell. Commands: cat cd clear date echo env exit export false grep head help hostname id ls printenv ps pwd sh sleep stty tail tput true uname wc which whoami\n';

/** The built-in commands, as found on $PATH. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
	['echo', echo],
	['ls', ls],
	['cat', cat],
	['grep', grep],
	['head', headTail(false)],
	['tail', headTail(true)],
	['wc', wc],
	['env', env],
	['printenv', env],
	['ps', ps],
	['sleep', sleepCmd],
	['exit', exit],
	['cd', cd],
	['pwd', ({out, state}) => (out(`${state.cwd}\n`), 0)],
	['hostname', ({out, state}) => (out(`${state.pod}\n`), 0)],
	['whoami', ({out}) => (out('root\n'), 0)],
	['id', ({out}) => (out('uid=0(root) gid=0(root) groups=0(root)\n'), 0)],
	['uname', ({args, out, state}) => (out(args.includes('-a') ? `Linux ${state.pod} 6.1.0-kview #1 SMP x86_64 GNU/Linux\n` : 'Linux\n'), 0)],
	['date', ({out, state}) => (out(`${new Date(state.clock()).toUTCString().replace('GMT', 'UTC')}\n`), 0)],
	['true', () => 0],
	['false', () => 1],
	['clear', ({out}) => (out('\u001b[H\u001b[2J'), 0)],
	['stty', stty],
	['tput', tput],
	['export', exportCmd],
	['help', ({out}) => (out(HELP), 0)],
	[
		'which',
		({args, out}) => (args.every((a) => COMMANDS.has(path.basename(a))) ? (args.forEach((a) => out(`/bin/${path.basename(a)}\n`)), 0) : 1),
	],
	['sh', sh],
	['bash', sh],
	['ash', sh],
]);

/** Commands a shell runs itself: they change its state, so they never run as a separate process. */
export const BUILTINS = new Set(['cd', 'exit', 'export']);
