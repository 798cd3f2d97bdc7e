import path from 'node:path/posix';
import {COMMANDS, resolvePath, type Proc, type ShellState} from './commands.js';
import type {ContainerContext} from './container.js';
import {fixedInput, LineInput} from './input.js';
import {expand, parse, ShellSyntaxError, type List, type SimpleCommand} from './parse.js';

/** Where a process's output goes. */
export type ShellOutput = {
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
};

export type ShellOptions = {
	readonly tty: boolean;
	readonly size?: {cols: number; rows: number};
	readonly clock?: () => number;
};

const SHELLS = new Set(['sh', 'bash', 'ash']);

/**
 * A toy process inside a simulated container: runs one command as exec would,
 * or a shell that reads commands from stdin — with a prompt and a line
 * discipline (echo, backspace, ctrl-c, ctrl-d, ctrl-u) when a tty is attached.
 */
export class Shell {
	private readonly state: ShellState;
	private readonly input = new LineInput();
	private readonly output: ShellOutput;
	private line = '';
	private atPrompt = false;
	/** Every process of the foreground job: ctrl-c interrupts them all, as SIGINT to the process group does. */
	private readonly running = new Set<AbortController>();
	/** The command line the interactive shell runs: ctrl-c abandons the rest of it, as an interactive sh does. */
	private foreground: AbortController | undefined;
	private escape = '';
	private closed = false;

	constructor(
		context: ContainerContext,
		output: ShellOutput,
		private readonly options: ShellOptions,
	) {
		// A tty turns \n into \r\n and folds stderr into the one stream.
		const onlcr = (text: string) => text.replace(/\r?\n/g, '\r\n');
		this.output = options.tty ? {stdout: (t) => output.stdout(onlcr(t)), stderr: (t) => output.stdout(onlcr(t))} : output;
		this.state = {
			cwd: '/',
			env: new Map([...context.env, ['PWD', '/'], ['?', '0']]),
			files: new Map(context.files),
			processes: context.processes,
			pod: context.pod,
			image: context.image,
			size: options.size ?? {cols: 80, rows: 24},
			tty: options.tty,
			clock: options.clock ?? Date.now,
			exitCode: undefined,
			runScript: (script, proc) => this.subshell(script, proc),
		};
	}

	/** Runs `argv` as the container runtime would and resolves with its exit code. */
	async exec(argv: readonly string[]): Promise<number> {
		const [first, ...args] = argv;
		if (first === undefined) {
			this.output.stderr('error: you must specify at least one command for the container\n');
			return 126;
		}
		const name = path.basename(first);
		if (SHELLS.has(name) && !args.includes('-c')) return this.interactive();
		const command = COMMANDS.get(name);
		if (!command) {
			this.output.stdout(
				`OCI runtime exec failed: exec failed: unable to start container process: exec: "${first}": executable file not found in $PATH: unknown\n`,
			);
			return 126;
		}
		return this.runProcess(name, args, this.output.stdout, this.output.stderr, this.input);
	}

	/** Bytes from the client's stdin. */
	write(data: string): void {
		if (this.closed) return;
		if (!this.options.tty) {
			this.input.pushText(data);
			return;
		}
		for (const ch of data) this.discipline(ch);
	}

	/** The client closed stdin. */
	end(): void {
		this.input.close();
	}

	/** The terminal changed size. */
	resize(cols: number, rows: number): void {
		if (cols > 0 && rows > 0) this.state.size = {cols, rows};
	}

	/** Stops whatever runs (the client went away). */
	kill(): void {
		this.closed = true;
		for (const c of this.running) c.abort();
		this.input.close();
	}

	private prompt(): string {
		return `root@${this.state.pod}:${this.state.cwd}# `;
	}

	/** The shell loop: prompt (under a tty), read a line, run it, until exit or end of input. */
	private async interactive(): Promise<number> {
		if (this.options.tty) this.output.stdout(this.prompt());
		for (;;) {
			this.atPrompt = true;
			const line = await this.input.next();
			this.atPrompt = false;
			if (line === null || this.closed) {
				if (this.options.tty && !this.closed) this.output.stdout('exit\n');
				return Number(this.state.env.get('?') ?? '0');
			}
			const job = new AbortController();
			this.foreground = job;
			let status: number;
			try {
				status = await this.runScript(line, this.output.stdout, this.output.stderr, this.input, job.signal);
			} finally {
				this.foreground = undefined;
			}
			this.state.env.set('?', String(status));
			if (this.state.exitCode !== undefined) return this.state.exitCode;
			// Killed meanwhile (the client went away): nobody is there for another prompt.
			if (this.closed) return status;
			if (this.options.tty) this.output.stdout(this.prompt());
		}
	}

	/** The tty line discipline, one character at a time. */
	private discipline(ch: string): void {
		// Cursor keys and the like arrive as escape sequences; the toy shell has no history to walk.
		if (this.escape) {
			this.escape += ch;
			if (/^.(\[[0-9;]*[A-Za-z~]|O.|[^[O])$/s.test(this.escape)) this.escape = '';
			return;
		}
		if (ch === '\u001b') {
			this.escape = ch;
			return;
		}
		const out = this.output.stdout;
		switch (ch) {
			case '\r':
			case '\n': {
				out('\n');
				const line = this.line;
				this.line = '';
				this.input.push(line);
				return;
			}
			case '\u007f':
			case '\b':
				if (this.line) {
					this.line = [...this.line].slice(0, -1).join('');
					out('\b \b');
				}
				return;
			case '\u0003':
				out('^C\n');
				this.line = '';
				if (this.foreground || this.running.size) {
					this.foreground?.abort();
					for (const c of this.running) c.abort();
				} else if (this.atPrompt) {
					this.state.env.set('?', '130');
					out(this.prompt());
				}
				return;
			case '\u0004':
				if (!this.line) this.input.push(null);
				return;
			case '\u0015':
				out('\b \b'.repeat([...this.line].length));
				this.line = '';
				return;
			case '\u000c':
				out(`\u001b[H\u001b[2J${this.atPrompt ? this.prompt() : ''}${this.line}`);
				return;
			default:
				if (ch < ' ' && ch !== '\t') return;
				this.line += ch;
				out(ch);
		}
	}

	/** `sh -c`: a child shell, so its exit, cd and variables end with it instead of changing this shell. */
	private async subshell(script: string, proc: Proc): Promise<number> {
		const {cwd, exitCode} = this.state;
		const env = new Map(this.state.env);
		try {
			return await this.runScript(script, proc.out, proc.err, proc.stdin, proc.signal);
		} finally {
			this.state.cwd = cwd;
			this.state.exitCode = exitCode;
			this.state.env.clear();
			for (const [k, v] of env) this.state.env.set(k, v);
		}
	}

	/** Parses and runs one line of script; returns the last status. */
	private async runScript(
		script: string,
		out: (t: string) => void,
		err: (t: string) => void,
		stdin: LineInput,
		parentSignal?: AbortSignal,
	): Promise<number> {
		let list: List;
		try {
			list = parse(script);
		} catch (error) {
			if (!(error instanceof ShellSyntaxError)) throw error;
			err(`sh: ${error.message}\n`);
			return 2;
		}
		let status = Number(this.state.env.get('?') ?? '0');
		for (const {op, pipeline} of list) {
			if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
			status = await this.runPipeline(pipeline, out, err, stdin, parentSignal);
			this.state.env.set('?', String(status));
			if (this.state.exitCode !== undefined || parentSignal?.aborted) break;
		}
		return status;
	}

	private async runPipeline(
		pipeline: readonly SimpleCommand[],
		out: (t: string) => void,
		err: (t: string) => void,
		stdin: LineInput,
		parentSignal?: AbortSignal,
	): Promise<number> {
		let input = stdin;
		let status = 0;
		for (let i = 0; i < pipeline.length; i++) {
			const command = pipeline[i];
			if (!command) continue;
			const last = i === pipeline.length - 1;
			// Each stage runs to completion before the next reads its output: enough for ps | grep.
			let captured = '';
			const stageOut = last ? out : (t: string) => void (captured += t);
			status = await this.runSimple(command, stageOut, err, input, parentSignal);
			// An interrupted pipeline stops: the later stages got the same SIGINT.
			if (parentSignal?.aborted) return 130;
			if (!last) input = fixedInput(captured);
		}
		return status;
	}

	private async runSimple(
		command: SimpleCommand,
		out: (t: string) => void,
		err: (t: string) => void,
		stdin: LineInput,
		parentSignal?: AbortSignal,
	): Promise<number> {
		const lookup = (name: string) => (name === '$' ? '7' : (this.state.env.get(name) ?? ''));
		const words = command.words.flatMap((w) => {
			const text = expand(w, lookup);
			return text === '' && w.every((s) => !s.literal && !s.quoted) ? [] : [text];
		});
		// Redirections apply left to right, so `>f 2>&1` sends both to f and `2>&1 >f` only stdout.
		const fds = new Map<number, (t: string) => void>([
			[1, out],
			[2, err],
		]);
		let input = stdin;
		for (const r of command.redirects) {
			if ('from' in r) {
				const name = expand(r.from, lookup);
				const content = this.state.files.get(resolvePath(this.state, name));
				if (content === undefined) {
					err(`sh: can't open ${name}: no such file\n`);
					return 1;
				}
				input = fixedInput(content);
				continue;
			}
			if ('dup' in r) {
				const to = fds.get(r.dup);
				if (!to) {
					err(`sh: ${r.dup}: bad file descriptor\n`);
					return 1;
				}
				fds.set(r.fd, to);
				continue;
			}
			const file = resolvePath(this.state, expand(r.target, lookup));
			if (file === '/dev/null') {
				fds.set(r.fd, () => undefined);
				continue;
			}
			if (!r.append || !this.state.files.has(file)) this.state.files.set(file, '');
			fds.set(r.fd, (t) => this.state.files.set(file, (this.state.files.get(file) ?? '') + t));
		}
		if (!words.length) {
			for (const a of command.assignments) this.state.env.set(a.name, expand(a.value, lookup));
			return 0;
		}
		const write = fds.get(1) ?? out;
		err = fds.get(2) ?? err;
		const [first = '', ...args] = words;
		const name = path.basename(first);
		if (!COMMANDS.has(name)) {
			err(`sh: ${first}: not found\n`);
			return 127;
		}
		const saved = command.assignments.map((a) => [a.name, this.state.env.get(a.name)] as const);
		for (const a of command.assignments) this.state.env.set(a.name, expand(a.value, lookup));
		try {
			return await this.runProcess(name, args, write, err, input, parentSignal);
		} finally {
			for (const [k, v] of saved) {
				if (v === undefined) this.state.env.delete(k);
				else this.state.env.set(k, v);
			}
		}
	}

	private async runProcess(
		name: string,
		args: readonly string[],
		out: (t: string) => void,
		err: (t: string) => void,
		stdin: LineInput,
		parentSignal?: AbortSignal,
	): Promise<number> {
		const command = COMMANDS.get(name);
		if (!command) return 127;
		const controller = new AbortController();
		const onParentAbort = () => controller.abort();
		if (parentSignal?.aborted) controller.abort();
		parentSignal?.addEventListener('abort', onParentAbort, {once: true});
		this.running.add(controller);
		const proc: Proc = {name, args, out, err, stdin, signal: controller.signal, state: this.state};
		try {
			return await command(proc);
		} finally {
			this.running.delete(controller);
			parentSignal?.removeEventListener('abort', onParentAbort);
		}
	}
}
