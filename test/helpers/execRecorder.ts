import type {ExecRequest, ExecSession, ExecState, Source} from '../../src/sources/types.js';
import {until} from './feedRecorder.js';

/** An exec session as a test watches it: every state, the output as text and as lines. */
export type ExecRecorder = {
	readonly session: ExecSession;
	readonly states: ExecState[];
	/** Everything the session printed, as it came. */
	readonly text: () => string;
	/** The output split at line ends, escape sequences (the shell's cursor query) taken out. */
	readonly lines: () => string[];
	/** Waits for the session to reach a phase; returns that state. */
	readonly phase: <P extends ExecState['phase']>(phase: P, ms?: number) => Promise<Extract<ExecState, {phase: P}>>;
	/** Waits for a line that is exactly `line`. */
	readonly line: (line: string, ms?: number) => Promise<void>;
};

// eslint-disable-next-line no-control-regex -- taking escape sequences out is the point
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]/g;

/** Opens `request` (a container, 80x24 unless given) on `source` and records what comes; `open` keeps it for stopping later. */
export function recordExec(source: Source, request: Partial<ExecRequest> & {readonly key: string}, open: ExecSession[] = []): ExecRecorder {
	if (!source.exec) throw new Error(`${source.id} has no exec`);
	const chunks: Buffer[] = [];
	const states: ExecState[] = [];
	const session = source.exec(
		{kind: 'containers', cols: 80, rows: 24, ...request},
		{output: (bytes) => chunks.push(bytes), state: (state) => states.push(state)},
	);
	open.push(session);
	const text = () => Buffer.concat(chunks).toString('utf8');
	const lines = () => text().replace(ESCAPES, '').split(/\r?\n/);
	return {
		session,
		states,
		text,
		lines,
		phase: async (phase, ms) => {
			await until(
				`phase ${phase}`,
				() => states.some((s) => s.phase === phase),
				() => ({states, text: text()}),
				ms,
			);
			return states.find((s) => s.phase === phase) as Extract<ExecState, {phase: typeof phase}>;
		},
		line: (line, ms) =>
			until(
				JSON.stringify(line),
				() => lines().includes(line),
				() => ({states, lines: lines()}),
				ms,
			),
	};
}
