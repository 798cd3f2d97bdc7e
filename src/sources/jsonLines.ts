import {StringDecoder} from 'node:string_decoder';

/**
 * Splits a stream of JSON lines (a watch, Docker's /events) as its chunks arrive:
 * a chunk may end anywhere, inside an object or a multi-byte character's line, so
 * the unfinished line waits for the next chunk. `onValue` gets each parsed line;
 * `onBadLine` is called once for a line that is not JSON, and nothing after it is read.
 */
export function jsonLineSplitter(onValue: (value: unknown) => void, onBadLine: () => void): (chunk: string) => void {
	let partial = '';
	let broken = false;
	return (chunk) => {
		if (broken) return;
		const lines = (partial + chunk).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) {
			if (!line.trim()) continue;
			let value: unknown;
			try {
				value = JSON.parse(line);
			} catch {
				broken = true;
				onBadLine();
				return;
			}
			onValue(value);
		}
	};
}

/**
 * The same for raw byte chunks (both engines' streams): UTF-8 is decoded across chunk ends,
 * and once a line is not JSON the reader throws `badLine()`, which ends the stream.
 */
export function jsonChunkReader(onValue: (value: unknown) => void, badLine: () => Error): (chunk: Buffer) => void {
	const decoder = new StringDecoder('utf8');
	let bad = false;
	const split = jsonLineSplitter(onValue, () => (bad = true));
	return (chunk) => {
		split(decoder.write(chunk));
		if (bad) throw badLine();
	};
}

/**
 * Hands each chunk of a streamed response to `onChunk` (both engines' raw streams); a throw
 * there ends the response and goes to `fail` as an Error, `other()` when it threw something else.
 */
export function pumpChunks(
	res: NodeJS.ReadableStream & {destroy: () => void},
	onChunk: (chunk: Buffer) => void,
	fail: (error: Error) => void,
	other: () => Error,
): void {
	res.on('data', (chunk: Buffer) => {
		try {
			onChunk(chunk);
		} catch (error) {
			res.destroy();
			fail(error instanceof Error ? error : other());
		}
	});
}
