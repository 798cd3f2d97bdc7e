import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * The directory holding views/, keymaps/ and themes/: the package root, found by
 * walking up from this module (src/config in development, dist/ or dist/chunks when
 * bundled, wherever npx unpacked it).
 */
export function packageRoot(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		if (existsSync(path.join(dir, 'keymaps', 'vim.json')) && existsSync(path.join(dir, 'package.json'))) return dir;
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error('kview is installed incompletely: keymaps/vim.json was not found next to it');
		dir = parent;
	}
}

/** `$XDG_CONFIG_HOME/kview` (default `~/.config/kview`): config.yaml and user views, keymaps, themes. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
	const base = env['XDG_CONFIG_HOME'] || path.join(env['HOME'] || os.homedir(), '.config');
	return path.join(base, 'kview');
}
