import {followLog} from '../logFollow.js';
import {sleep} from '../sleep.js';
import type {LogRequest, LogSink, Subscription} from '../types.js';

/** Ticks per second the flood writes in: a real engine hands over chunks, not lines. */
const TICKS = 100;

/**
 * Logs for the memory source at a fixed rate (lines a second for each log followed), through
 * the same follower, line splitter and timestamp parsing the engines use: for the benchmark
 * of a pane under a fast log and for tests. Lines are chunked as they would come off a socket,
 * cut mid-line, and now and then long or carrying escape sequences.
 */
export function floodLogs(rate: number): (request: LogRequest, sink: LogSink) => Subscription {
	return (request, sink) => {
		let n = 0;
		return followLog(
			{
				connect: async (_resumeAfter, onBytes, signal, onOpen) => {
					onOpen();
					const started = performance.now();
					let written = 0;
					let carry = '';
					while (!signal.aborted) {
						const stamp = new Date().toISOString().replace('Z', '000000Z');
						// What the rate owes by now: timers run late, and a slow tick must not lower the rate.
						const owed = Math.floor(((performance.now() - started) / 1000) * rate) - written;
						written += owed;
						let chunk = carry;
						for (let i = 0; i < owed; i++, n++) {
							const extra = n % 97 === 0 ? ` ${'x'.repeat(300)}` : n % 89 === 0 ? ' \u001b[31mred\u001b[0m \u001b]0;title\u0007' : '';
							chunk += `${stamp} ${request.key} line ${n} GET /api/items?page=${n % 50} 200 ${n % 1000}ms${extra}\n`;
						}
						// Cut mid-line, as chunks off a socket are.
						const cut = chunk.length - 7;
						carry = chunk.slice(cut);
						onBytes('stdout', Buffer.from(chunk.slice(0, cut)));
						await sleep(1000 / TICKS, signal);
					}
				},
				gone: () => undefined,
				endedBecause: () => 'the flood stopped',
			},
			request,
			sink,
		);
	};
}
