import type {Change, ConnectionState, FeedSink, ResourceObject} from '../../src/sources/types.js';

/** A sink that keeps what a source sent as a view would: the objects by key and every state. */
export function feedRecorder(): {
	readonly view: Map<string, ResourceObject>;
	readonly states: ConnectionState[];
	readonly sink: FeedSink;
} {
	const view = new Map<string, ResourceObject>();
	const states: ConnectionState[] = [];
	return {
		view,
		states,
		sink: {
			changes: (changes: readonly Change[]) => {
				for (const c of changes) {
					if (c.type === 'reset') {
						view.clear();
						for (const [k, o] of c.objects) view.set(k, o);
					} else if (c.type === 'delete') view.delete(c.key);
					else view.set(c.key, c.object);
				}
			},
			state: (s: ConnectionState) => states.push(s),
		},
	};
}

/** Polls until `probe` holds; fails after `ms` naming what it waited for and `detail()`. */
export async function until(what: string, probe: () => boolean, detail: () => unknown = () => '', ms = 15_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!probe()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(detail())}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
