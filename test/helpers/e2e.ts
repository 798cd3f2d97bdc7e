import {afterEach, beforeAll} from 'vitest';
import {ensureBuilt} from './build.js';
import {keys, stopAll, type Kview} from './term.js';

/** Registers the hooks every e2e file needs: build the bundle if it is missing or stale, and kill every kview after each test. */
export function setupE2E(): void {
	beforeAll(ensureBuilt, 120_000);
	afterEach(stopAll);
}

/** Generous bound for the first table: two workers share two cores, and CI machines are slower still. */
export const STARTUP_TIMEOUT_MS = 10_000;

/** Waits for the first table to be drawn (header with the live marker and at least one row). */
export async function waitForTable(t: Kview, timeoutMs = STARTUP_TIMEOUT_MS): Promise<string[]> {
	return t.waitFor((lines) => {
		const firstRow = lines[3] ?? '';
		return (lines[0] ?? '').includes('● live') && firstRow.trim() !== '' && !firstRow.includes('loading…');
	}, timeoutMs);
}

/** The line above the (always empty) last row: flash, prompt or key hints. */
export function bottomLine(t: Kview): string {
	return t.line(t.term.rows - 2);
}

/** Logs a measurement so it shows in the test output. */
export function report(what: string, value: number, unit: string): void {
	console.log(`[kview e2e] ${what}: ${Math.round(value)} ${unit}`);
}

/**
 * Opens the `:` or `/` prompt, types `text`, waits until the prompt shows it, then presses enter.
 * Each step waits for its echo, so a failure points at the step that went wrong (bursts are
 * tested on their own).
 */
export async function submitPrompt(t: Kview, symbol: ':' | '/', text: string): Promise<void> {
	await typeInPrompt(t, symbol, text);
	await t.press(keys.enter);
	await t.waitFor(() => !bottomLine(t).startsWith(`${symbol}${text}`), 3000);
}

/** Opens the `:` or `/` prompt and types `text` into it, waiting for the echo. */
export async function typeInPrompt(t: Kview, symbol: ':' | '/', text: string): Promise<void> {
	await t.press(symbol);
	await t.waitFor(() => bottomLine(t).startsWith(symbol), 3000);
	if (text !== '') {
		await t.press(text);
		await t.waitFor(() => bottomLine(t).startsWith(`${symbol}${text}`), 3000);
	}
}

/**
 * The start of the header line: ` kview `, then what the data comes from, named by its engine
 * (`ctx demo` for a Kubernetes context; the in-memory source says `source demo (memory)`).
 */
export function headerStart(name: string): RegExp {
	return new RegExp(`^ kview (?:ctx|source|engine) ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
}
