import {execFileSync} from 'node:child_process';
import {mkdirSync, readdirSync, rmdirSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The repository root (two levels above this file). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Node the app needs (>= 22.19); the system node may be older. */
export const node22 = path.join(root, 'node_modules/.bin/node');

/** The bundle bin/kview.js imports. */
export const bundle = path.join(root, 'dist/kview.js');

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

function bundleIsFresh(): boolean {
	try {
		return statSync(bundle).mtimeMs >= newestMtime(path.join(root, 'src'));
	} catch {
		return false;
	}
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Builds dist/kview.js when it is missing or older than src/, so `npx vitest run test/e2e`
 * works on its own (`npm test` builds first and this is then a no-op). Test files run in
 * parallel workers: a lock directory keeps two of them from running esbuild at once.
 */
export async function ensureBuilt(): Promise<void> {
	if (bundleIsFresh()) return;
	const lock = path.join(os.tmpdir(), `kview-e2e-build-${Buffer.from(root).toString('hex').slice(-24)}.lock`);
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			// Another worker is building; a lock older than a minute is left over from a killed run.
			try {
				if (Date.now() - statSync(lock).mtimeMs > 60_000) rmdirSync(lock);
			} catch {
				// It went away meanwhile.
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
			await sleep(100);
		}
	}
	try {
		if (!bundleIsFresh()) {
			console.log('[kview e2e] building dist/kview.js (missing or older than src/)');
			execFileSync(node22, [path.join(root, 'scripts/build.js')], {cwd: root, stdio: 'inherit'});
		}
	} finally {
		rmdirSync(lock);
	}
}
