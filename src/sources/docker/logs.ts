import {StringDecoder} from 'node:string_decoder';
import {lineSplitter, splitTimestamp} from '../../model/logText.js';
import {sleep} from '../sleep.js';
import type {LogRequest, LogSink} from '../types.js';
import {DockerError, type DockerClient} from './client.js';

/**
 * Splits Docker's multiplexed log stream (a container without a TTY): each frame is an
 * 8-byte header (stream 1 stdout, 2 stderr; three zero bytes; a big-endian length) and its
 * payload. Frames and headers may be cut anywhere between chunks.
 */
export function frameDemuxer(onPayload: (stream: 'stdout' | 'stderr', payload: Buffer) => void): (chunk: Buffer) => void {
	let pending: Buffer = Buffer.alloc(0);
	return (chunk) => {
		pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
		let offset = 0;
		while (pending.length - offset >= 8) {
			const size = pending.readUInt32BE(offset + 4);
			if (pending.length - offset - 8 < size) break;
			const type = pending[offset];
			// 0 (stdin, echoed back on an attach) and 1 read as stdout.
			onPayload(type === 2 ? 'stderr' : 'stdout', pending.subarray(offset + 8, offset + 8 + size));
			offset += 8 + size;
		}
		pending = offset === 0 ? pending : pending.subarray(offset);
	};
}

/** Knobs for tests. */
export type LogTiming = {readonly retryMs: number; readonly maxRetryMs: number};
const DEFAULT_LOG_TIMING: LogTiming = {retryMs: 1000, maxRetryMs: 10_000};

/**
 * Follows a container's log through restarts and dropped connections. Lines come with the
 * engine's timestamps; a reconnect asks from the last stamp seen (Docker's `since` takes
 * fractions) and skips what it already gave, so nothing is lost or repeated. When the
 * container stops, the stream ends: the sink hears so, and a follow asks again after a
 * backoff (a stopped container's log answers at once and ends, so that costs one small request).
 */
export function followDockerLogs(
	client: DockerClient,
	request: LogRequest,
	sink: LogSink,
	isRunning: () => boolean | undefined,
	timing: LogTiming = DEFAULT_LOG_TIMING,
): {stop: () => void} {
	const controller = new AbortController();
	const {signal} = controller;
	const id = encodeURIComponent(request.key);
	/** The newest stamp given, with nine fraction digits so stamps compare as text. */
	let last: string | undefined;
	/** Whether the current request brought a line not given before. */
	let fresh = false;
	/** The stamp the current request resumes after; lines up to it were given already. */
	let resumeFrom: string | undefined;
	const run = async () => {
		const info = await client.get<{Config?: {Tty?: boolean}}>(`/containers/${id}/json`, signal);
		const tty = info.Config?.Tty === true;
		let delay = timing.retryMs;
		let first = true;
		while (!signal.aborted) {
			const query = new URLSearchParams({stdout: '1', stderr: '1', timestamps: '1', follow: request.follow ? '1' : '0'});
			if (last !== undefined) query.set('since', sinceOf(last));
			else {
				if (request.tailLines !== undefined) query.set('tail', String(request.tailLines));
				if (request.sinceSeconds !== undefined) query.set('since', String(Math.floor(Date.now() / 1000) - request.sinceSeconds));
			}
			fresh = false;
			resumeFrom = last;
			const splitters = {stdout: splitterFor('stdout'), stderr: splitterFor('stderr')};
			const onText = (stream: 'stdout' | 'stderr', payload: Buffer) => splitters[stream].push(payload);
			const demux = tty ? (chunk: Buffer) => onText('stdout', chunk) : frameDemuxer(onText);
			try {
				await client.rawStream(`/containers/${id}/logs?${query.toString()}`, demux, signal, () => {
					if (first || request.follow) sink.state({phase: 'following'});
					first = false;
				});
				splitters.stdout.flush();
				splitters.stderr.flush();
				if (signal.aborted) return;
				if (!request.follow) return sink.state({phase: 'ended', reason: 'end of the log'});
				sink.state({phase: 'ended', reason: isRunning() === false ? 'the container stopped' : 'the log stream ended'});
				// A stopped container is asked less and less often until it writes again.
				delay = fresh ? timing.retryMs : Math.min(delay * 2, timing.maxRetryMs);
			} catch (error) {
				if (signal.aborted) return;
				if (error instanceof DockerError && error.status === 404) return sink.state({phase: 'failed', reason: error.message});
				const wait = delay;
				sink.state({phase: 'retrying', retryAt: Date.now() + wait, reason: error instanceof Error ? error.message : String(error)});
				delay = Math.min(delay * 2, timing.maxRetryMs);
			}
			await sleep(delay, signal);
		}
	};
	/** Lines of one stream: timestamps taken off, lines already given (a resume's overlap) skipped. */
	function splitterFor(stream: 'stdout' | 'stderr') {
		const decoder = new StringDecoder('utf8');
		const lines = lineSplitter((line) => {
			const {time, stamp, text} = splitTimestamp(line);
			if (stamp !== undefined) {
				const exact = fixedStamp(stamp);
				// Only a resumed request's overlap is skipped: stdout and stderr are copied apart, so
				// within one request a line may carry an earlier stamp than the one before it.
				if (resumeFrom !== undefined && exact <= resumeFrom) return;
				if (last === undefined || exact > last) last = exact;
			}
			fresh = true;
			sink.line(text, time, stream);
		});
		return {push: (payload: Buffer) => lines.push(decoder.write(payload)), flush: () => lines.flush()};
	}
	sink.state({phase: 'connecting'});
	run().catch((error: unknown) => {
		if (!signal.aborted) sink.state({phase: 'failed', reason: error instanceof Error ? error.message : String(error)});
	});
	return {stop: () => controller.abort()};
}

/** An RFC3339Nano stamp with exactly nine fraction digits (the engine drops trailing zeros), so stamps order as text. */
export function fixedStamp(stamp: string): string {
	const match = /^(.*?)(?:\.(\d+))?Z$/.exec(stamp);
	return match ? `${match[1] ?? ''}.${(match[2] ?? '').padEnd(9, '0').slice(0, 9)}Z` : stamp;
}

/** Docker's `since` for a stamp: unix seconds with the nanoseconds as a fraction. */
export function sinceOf(stamp: string): string {
	const exact = fixedStamp(stamp);
	const seconds = Math.floor(Date.parse(exact.replace(/\.\d+Z$/, 'Z')) / 1000);
	return `${seconds}.${/\.(\d{9})Z$/.exec(exact)?.[1] ?? '000000000'}`;
}
