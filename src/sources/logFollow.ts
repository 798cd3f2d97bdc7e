import {StringDecoder} from 'node:string_decoder';
import {fixedStamp, lineSplitter, splitTimestamp} from '../model/logText.js';
import {sleep} from './sleep.js';
import type {LogRequest, LogSink} from './types.js';

/** One connection to a log: it resolves when the engine ends the stream, rejects when it breaks. */
export type LogConnect = (
	/** The newest stamp already given (nine fraction digits), or undefined on the first connection. */
	resumeAfter: string | undefined,
	/** Hand each chunk of bytes here, by the stream it came on. */
	onBytes: (stream: 'stdout' | 'stderr', bytes: Buffer) => void,
	signal: AbortSignal,
	onOpen: () => void,
) => Promise<void>;

/** What the follower asks of an engine besides the connection. */
export type LogEngine = {
	readonly connect: LogConnect;
	/** A one-line reason when the error means the log is gone for good (a deleted pod or container). */
	readonly gone: (error: unknown) => string | undefined;
	/** Why a followed stream ended (the container stopped, the pod went). */
	readonly endedBecause: () => string;
};

/** Knobs for tests. */
export type LogTiming = {readonly retryMs: number; readonly maxRetryMs: number};
export const DEFAULT_LOG_TIMING: LogTiming = {retryMs: 1000, maxRetryMs: 10_000};

/**
 * Follows a log through restarts and dropped connections, for either engine. Lines come with
 * the engine's timestamps; a reconnect asks from the last stamp seen and skips the overlap it
 * gave already, so nothing is lost or repeated. Only the overlap: stdout and stderr are copied
 * apart, so within one connection a line may carry an earlier stamp than the one before it.
 * When the stream ends a follow asks again, less and less often while nothing new comes.
 */
export function followLog(
	engine: LogEngine,
	request: LogRequest,
	sink: LogSink,
	timing: LogTiming = DEFAULT_LOG_TIMING,
): {stop: () => void} {
	const controller = new AbortController();
	const {signal} = controller;
	let last: string | undefined;
	let resumeFrom: string | undefined;
	let fresh = false;
	const splitterFor = (stream: 'stdout' | 'stderr') => {
		const decoder = new StringDecoder('utf8');
		const lines = lineSplitter((line) => {
			const {time, stamp, text} = splitTimestamp(line);
			if (stamp !== undefined) {
				const exact = fixedStamp(stamp);
				if (resumeFrom !== undefined && exact <= resumeFrom) return;
				if (last === undefined || exact > last) last = exact;
			}
			fresh = true;
			sink.line(text, time, stream);
		});
		return {push: (bytes: Buffer) => lines.push(decoder.write(bytes)), flush: () => lines.flush()};
	};
	const run = async () => {
		let delay = timing.retryMs;
		while (!signal.aborted) {
			fresh = false;
			resumeFrom = last;
			const splitters = {stdout: splitterFor('stdout'), stderr: splitterFor('stderr')};
			try {
				await engine.connect(
					last,
					(stream, bytes) => splitters[stream].push(bytes),
					signal,
					() => sink.state({phase: 'following'}),
				);
				splitters.stdout.flush();
				splitters.stderr.flush();
				if (signal.aborted) return;
				if (!request.follow) return sink.state({phase: 'ended', reason: 'end of the log'});
				sink.state({phase: 'ended', reason: engine.endedBecause()});
				delay = fresh ? timing.retryMs : Math.min(delay * 2, timing.maxRetryMs);
			} catch (error) {
				if (signal.aborted) return;
				const gone = engine.gone(error);
				if (gone !== undefined) return sink.state({phase: 'failed', reason: gone});
				sink.state({phase: 'retrying', retryAt: Date.now() + delay, reason: error instanceof Error ? error.message : String(error)});
				delay = Math.min(delay * 2, timing.maxRetryMs);
			}
			await sleep(delay, signal);
		}
	};
	sink.state({phase: 'connecting'});
	run().catch((error: unknown) => {
		if (!signal.aborted) sink.state({phase: 'failed', reason: error instanceof Error ? error.message : String(error)});
	});
	return {stop: () => controller.abort()};
}
