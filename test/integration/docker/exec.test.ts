import {afterEach, describe, expect, it} from 'vitest';
import type {ExecSession} from '../../../src/sources/types.js';
import {dockerdUnavailable, TEST_IMAGE, useQuickEngine} from '../../helpers/dockerd.js';
import {recordExec} from '../../helpers/execRecorder.js';
import {until} from '../../helpers/feedRecorder.js';

// Exec and attach against a real dockerd, over the hijacked connection kview makes itself.
// TEST_IMAGE is busybox: sh but no bash, so every default shell here is the fallback. Typed
// commands compute what they print ($((6*7))), so the echo of the typing never passes for it.

const why = dockerdUnavailable();

describe.skipIf(why !== undefined)(`Docker exec and attach against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	const engine = useQuickEngine();
	const open: ExecSession[] = [];
	afterEach(() => {
		for (const session of open.splice(0)) session.stop();
	});
	const sleeper = (...extra: string[]) => engine.d.docker('run', '-d', '--network', 'none', ...extra, TEST_IMAGE, 'sleep', '600');
	const exec = (key: string, more: {command?: string[]; cols?: number; rows?: number} = {}) =>
		recordExec(engine.source, {key, ...more}, open);
	const attach = (key: string, more: {cols?: number; rows?: number} = {}) => recordExec(engine.source, {key, attach: true, ...more}, open);
	const processes = (id: string) =>
		engine.d
			.docker('top', id, '-o', 'pid,args')
			.split('\n')
			.slice(1)
			.map((l) => l.trim().replace(/^\d+\s+/, ''));

	it('opens sh where the image has no bash, without a word about bash, and gives the exit code', async () => {
		const shell = exec(sleeper());
		expect(await shell.phase('running')).toEqual({phase: 'running', command: 'sh'});
		shell.session.write('echo mark-$((6*7))\r');
		await shell.line('mark-42');
		shell.session.write('exit 3\r');
		await shell.phase('exited');
		expect(shell.states).toEqual([{phase: 'connecting'}, {phase: 'running', command: 'sh'}, {phase: 'exited', code: 3}]);
		expect(shell.text()).not.toMatch(/bash|OCI/);
	});

	it('starts the terminal at the pane’s size and follows a resize', async () => {
		const shell = exec(sleeper(), {cols: 100, rows: 30});
		await shell.phase('running');
		shell.session.write('busybox stty size; echo $TERM\r');
		await shell.line('30 100');
		await shell.line('xterm-256color');
		shell.session.resize(120, 40);
		shell.session.write('busybox stty size\r');
		await shell.line('40 120');
	});

	it('runs a given command, its output and exit code intact even when it ends at once', async () => {
		const quick = exec(sleeper(), {command: ['sh', '-c', 'echo one-$((0+1)); exit 5']});
		expect(await quick.phase('exited')).toEqual({phase: 'exited', code: 5});
		expect(quick.lines()).toContain('one-1');
		expect(quick.states.map((s) => s.phase)).toEqual(['connecting', 'running', 'exited']);
	});

	it('says plainly that a command is missing, with no runtime error in the pane', async () => {
		const id = sleeper();
		const missing = exec(id, {command: ['vim', 'x']});
		expect(await missing.phase('failed')).toEqual({
			phase: 'failed',
			reason: `vim x is not in container ${id.slice(0, 12)}: run a command it has`,
		});
		expect(missing.text()).toBe('');
	});

	it('refuses a stopped, a paused and a missing container at once, in one line that says what to do', async () => {
		const stopped = engine.d.docker('create', '--network', 'none', TEST_IMAGE, 'sleep', '600');
		const paused = sleeper();
		engine.d.docker('pause', paused);
		const cases = [
			[exec(stopped), `container ${stopped.slice(0, 12)} is not running: start it first`],
			[exec(paused), `container ${paused.slice(0, 12)} is paused: unpause it first`],
			[exec('no-such-box'), 'container no-such-box is gone (it was removed): pick another'],
			[attach(stopped), `container ${stopped.slice(0, 12)} is not running: start it first`],
			[attach(paused), `container ${paused.slice(0, 12)} is paused: unpause it first`],
		] as const;
		for (const [session, reason] of cases) {
			expect(await session.phase('failed', 5000)).toEqual({phase: 'failed', reason});
			expect(session.states.map((s) => s.phase)).toEqual(['connecting', 'failed']);
		}
		engine.d.docker('unpause', paused);
	});

	it('hangs up the shell when stopped: Docker would leave it running', async () => {
		const id = sleeper();
		const shell = exec(id);
		await shell.phase('running');
		expect(processes(id)).toEqual(['sleep 600', 'sh']);
		shell.session.stop();
		await until(
			'the shell gone',
			() => processes(id).length === 1,
			() => processes(id),
			5000,
		);
		expect(processes(id)).toEqual(['sleep 600']);
		// Nothing is told after a stop.
		expect(shell.states.map((s) => s.phase)).toEqual(['connecting', 'running']);
	});

	it('attaches to a container started with -it sh: typed commands run, its TTY takes the pane’s size, a stop detaches, an exit ends it', async () => {
		const id = engine.d.docker('run', '-dit', '--network', 'none', TEST_IMAGE, 'sh');
		const tty = attach(id, {cols: 90, rows: 20});
		expect(await tty.phase('running')).toEqual({phase: 'running', command: 'attach'});
		tty.session.write('echo hi-$((1+1)); busybox stty size\r');
		await tty.line('hi-2');
		await tty.line('20 90');
		tty.session.stop();
		await new Promise((r) => setTimeout(r, 200));
		expect(engine.d.docker('inspect', '-f', '{{.State.Status}}', id)).toBe('running');
		const again = attach(id);
		await again.phase('running');
		again.session.write('exit 5\r');
		expect(await again.phase('exited')).toEqual({phase: 'exited', code: 5});
	});

	it('attaches to a container without a TTY: both streams on one screen, lines ended for a terminal, then its exit code', async () => {
		const id = engine.d.docker(
			'run',
			'-d',
			'--network',
			'none',
			TEST_IMAGE,
			'sh',
			'-c',
			'while [ ! -e /go ]; do sleep 0.05; done; echo out-1; echo err-1 >&2; echo out-2; exit 7',
		);
		const plain = attach(id);
		await plain.phase('running');
		engine.d.docker('exec', id, 'sh', '-c', ': > /go');
		expect(await plain.phase('exited')).toEqual({phase: 'exited', code: 7});
		expect(plain.text()).not.toMatch(/[^\r]\n/);
		// The engine copies the two streams apart: only each one's own order is certain.
		const lines = plain.lines().filter(Boolean);
		expect(lines.filter((l) => l.startsWith('out-'))).toEqual(['out-1', 'out-2']);
		expect(lines.filter((l) => !l.startsWith('out-'))).toEqual(['err-1']);
	});
});
