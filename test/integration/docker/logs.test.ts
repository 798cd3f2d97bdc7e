import {describe, expect, it} from 'vitest';
import type {LogState} from '../../../src/sources/types.js';
import {dockerdUnavailable, TEST_IMAGE, useQuickEngine} from '../../helpers/dockerd.js';
import {until} from '../../helpers/feedRecorder.js';

// Docker container logs against a real dockerd: both streams in order, a container without
// and with a TTY, the tail, and a follow through a restart with nothing lost or repeated.

const why = dockerdUnavailable();

type Got = {text: string; time: number | undefined; stream: string};

describe.skipIf(why !== undefined)(`Docker logs against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	const engine = useQuickEngine();
	const follow = (key: string, options: {follow?: boolean; tailLines?: number} = {}) => {
		const lines: Got[] = [];
		const states: LogState[] = [];
		engine.subscriptions.push(
			engine.source.logs(
				{
					kind: 'containers',
					key,
					follow: options.follow ?? true,
					...(options.tailLines !== undefined ? {tailLines: options.tailLines} : {}),
				},
				{line: (text, time, stream) => lines.push({text, time, stream}), state: (s) => states.push(s)},
			),
		);
		return {lines, states};
	};

	it('gives stdout and stderr lines, each in order, with their times and the text as written', async () => {
		const id = engine.d.docker(
			'run',
			'-d',
			'--network',
			'none',
			TEST_IMAGE,
			'sh',
			'-c',
			'echo out-1; echo err-1 >&2; printf "\\033]0;pwned\\007evil\\n"; echo out-2; sleep 600',
		);
		const log = follow(id);
		await until(
			'four lines',
			() => log.lines.length >= 4,
			() => log.lines,
		);
		// The engine copies stdout and stderr apart, so only each stream's own order is certain.
		expect(log.lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual([
			'out-1',
			// The source hands lines on as written; the pane's model makes them safe (logText.ts).
			'\u001b]0;pwned\u0007evil',
			'out-2',
		]);
		expect(log.lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err-1']);
		expect(log.lines.every((l) => typeof l.time === 'number' && Math.abs(Date.now() - (l.time ?? 0)) < 60_000)).toBe(true);
		expect(log.states.at(-1)).toEqual({phase: 'following'});
	});

	it('reads a TTY container’s log, which is not multiplexed', async () => {
		const id = engine.d.docker('run', '-d', '-t', '--network', 'none', TEST_IMAGE, 'sh', '-c', 'echo from-a-tty; sleep 600');
		const log = follow(id);
		await until(
			'the line',
			() => log.lines.some((l) => l.text.replace(/\r$/, '') === 'from-a-tty'),
			() => log.lines,
		);
	});

	it('tails the last lines of a finished container and says the log ended', async () => {
		const id = engine.d.docker('run', '-d', '--network', 'none', TEST_IMAGE, 'sh', '-c', 'for i in 1 2 3 4 5; do echo line-$i; done');
		engine.d.docker('wait', id);
		const log = follow(id, {follow: false, tailLines: 2});
		await until(
			'ended',
			() => log.states.at(-1)?.phase === 'ended',
			() => log.states,
		);
		expect(log.lines.map((l) => l.text)).toEqual(['line-4', 'line-5']);
	});

	it('follows through a restart: the lines before and after, none twice', async () => {
		const id = engine.d.docker(
			'run',
			'-d',
			'--network',
			'none',
			'--stop-timeout',
			'1',
			TEST_IMAGE,
			'sh',
			'-c',
			'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.1; done',
		);
		const log = follow(id);
		await until(
			'ticks',
			() => log.lines.length >= 5,
			() => log.lines.length,
		);
		engine.d.docker('restart', '-t', '0', id);
		// After the restart the counter starts again: a second tick-0 is the new run's.
		await until(
			'the second run',
			() => log.lines.filter((l) => l.text === 'tick-0').length === 2 && log.lines.at(-1)?.text !== 'tick-0',
			() => log.lines.slice(-5),
			20_000,
		);
		const times = log.lines.map((l) => l.time ?? 0);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		const runs = log.lines
			.map((l) => l.text)
			.join(' ')
			.split('tick-0')
			.slice(1);
		for (const run of runs) {
			const numbers = run
				.trim()
				.split(' ')
				.filter(Boolean)
				.map((t) => Number(t.replace('tick-', '')));
			// Each run counts up by one from 1 with no gap and no repeat.
			numbers.forEach((n, i) => expect(n).toBe(i + 1));
		}
		expect(log.states.some((s) => s.phase === 'ended' || s.phase === 'retrying')).toBe(true);
	}, 40_000);

	it('says so for a container that does not exist', async () => {
		const log = follow('no-such-container');
		await until(
			'failed',
			() => log.states.at(-1)?.phase === 'failed',
			() => log.states,
		);
		expect(log.states.at(-1)).toMatchObject({reason: expect.stringMatching(/No such container/i)});
	});
});
