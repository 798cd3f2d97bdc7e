import type {KeyToken} from './keySpec.js';

/** Command id -> key sequences, after parsing and merging. */
export type Bindings = ReadonlyMap<string, readonly (readonly KeyToken[])[]>;

/** What a key did: completed a command, started a sequence (`g` of `g g`), or nothing. */
export type MatchResult = {readonly type: 'command'; readonly command: string} | {readonly type: 'pending'} | {readonly type: 'none'};

/**
 * Matches keys against the bindings of the commands allowed right now, holding
 * a prefix while a multi-key sequence (`g g`) is under way. A prefix that goes
 * nowhere is dropped and the key is tried on its own, as vim does.
 */
export class KeyMatcher {
	private pending: KeyToken[] = [];

	constructor(private readonly bindings: Bindings) {}

	/** Forgets a half-typed sequence (on a mode change). */
	reset(): void {
		this.pending = [];
	}

	/**
	 * Feeds one key; `allowed` limits matching to the active mode's commands. When
	 * a key completes several commands (resource commands may share one), a
	 * `preferred` command wins, else the first bound.
	 */
	feed(key: KeyToken, allowed: (command: string) => boolean, preferred?: (command: string) => boolean): MatchResult {
		const sequence = [...this.pending, key];
		const result = this.match(sequence, allowed, preferred);
		if (result.type !== 'none' || this.pending.length === 0) {
			this.pending = result.type === 'pending' ? sequence : [];
			return result;
		}
		this.pending = [];
		return this.feed(key, allowed, preferred);
	}

	private match(
		sequence: readonly KeyToken[],
		allowed: (command: string) => boolean,
		preferred?: (command: string) => boolean,
	): MatchResult {
		let prefix = false;
		let first: string | undefined;
		for (const [command, sequences] of this.bindings) {
			if (!allowed(command)) continue;
			for (const keys of sequences) {
				if (keys.length < sequence.length) continue;
				if (!sequence.every((k, i) => keys[i] === k)) continue;
				if (keys.length === sequence.length) {
					if (!preferred || preferred(command)) return {type: 'command', command};
					first ??= command;
				} else prefix = true;
			}
		}
		if (first !== undefined) return {type: 'command', command: first};
		return prefix ? {type: 'pending'} : {type: 'none'};
	}
}
