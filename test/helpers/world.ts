import path from 'node:path';
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import {fileURLToPath} from 'node:url';
import {loadConfig, type Config} from '../../src/config/index.js';
import {fillDemoWorld} from '../../src/sources/memory/demoWorld.js';
import {MemorySource} from '../../src/sources/memory/memorySource.js';
import {Store} from '../../src/store/index.js';

/** The repository root, for the shipped views, keymaps and themes. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The fixed "now" of every golden frame: ages never drift between runs. */
export const FIXED_NOW = Date.parse('2026-11-01T12:00:00Z');

/** Config from the shipped data files and an empty user config dir. */
export function testConfig(options: {keymap?: string; theme?: string; readonly?: boolean} = {}): Config {
	const configDir = mkdtempSync(path.join(os.tmpdir(), 'kview-config-'));
	const {config, errors} = loadConfig({root: ROOT, configDir, env: {}, theme: options.theme ?? 'monochrome', ...options});
	if (errors.length > 0) throw new Error(`shipped data files have errors: ${JSON.stringify(errors)}`);
	return config;
}

/** A memory source holding the demo world at the fixed time. */
export function demoSource(pods = 60): MemorySource {
	const source = new MemorySource('memory', 'demo');
	fillDemoWorld(source, {pods, now: FIXED_NOW});
	return source;
}

/** A store that flushes quickly, so tests do not wait out the 100 ms batching. */
export function testStore(): Store {
	return new Store(5);
}
