import {fixedStamp} from '../../model/logText.js';
import {followLog, type LogTiming} from '../logFollow.js';
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

/**
 * Follows a container's log (sources/logFollow.ts does the resuming): Docker's `since` takes
 * fractions of a second, and a container without a TTY sends multiplexed frames.
 */
export function followDockerLogs(
	client: DockerClient,
	request: LogRequest,
	sink: LogSink,
	isRunning: () => boolean | undefined,
	timing?: LogTiming,
): {stop: () => void} {
	const id = encodeURIComponent(request.key);
	let tty: boolean | undefined;
	let stopped = false;
	return followLog(
		{
			connect: async (resumeAfter, onBytes, signal, onOpen) => {
				tty ??= (await client.get<{Config?: {Tty?: boolean}}>(`/containers/${id}/json`, signal)).Config?.Tty === true;
				const query = new URLSearchParams({stdout: '1', stderr: '1', timestamps: '1', follow: request.follow ? '1' : '0'});
				if (resumeAfter !== undefined) query.set('since', sinceOf(resumeAfter));
				else {
					if (request.tailLines !== undefined) query.set('tail', String(request.tailLines));
					if (request.sinceSeconds !== undefined) query.set('since', String(Math.floor(Date.now() / 1000) - request.sinceSeconds));
				}
				const demux = tty ? (chunk: Buffer) => onBytes('stdout', chunk) : frameDemuxer(onBytes);
				await client.rawStream(`/containers/${id}/logs?${query.toString()}`, demux, signal, onOpen);
				// Why it ended: the engine says whether the container still runs (the mirror may not be following it now).
				try {
					stopped = (await client.get<{State?: {Running?: boolean}}>(`/containers/${id}/json`, signal)).State?.Running === false;
				} catch {
					stopped = isRunning() === false;
				}
			},
			gone: (error) => (error instanceof DockerError && error.status === 404 ? error.message : undefined),
			endedBecause: () => (stopped ? 'the container stopped' : 'the log stream ended'),
		},
		request,
		sink,
		timing,
	);
}

/** Docker's `since` for a stamp: unix seconds with the nanoseconds as a fraction. */
export function sinceOf(stamp: string): string {
	const exact = fixedStamp(stamp);
	const seconds = Math.floor(Date.parse(exact.replace(/\.\d+Z$/, 'Z')) / 1000);
	return `${seconds}.${/\.(\d{9})Z$/.exec(exact)?.[1] ?? '000000000'}`;
}
