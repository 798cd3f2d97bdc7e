import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/**
 * Writes a log pane's lines to `<dir>/logs/<name>-<UTC stamp>.log` and returns the path.
 * Logs may hold secrets: the directory is the user's alone and so is the file.
 */
export function saveLogFile(dir: string, name: string, text: string, now = new Date()): string {
	const logs = path.join(dir, 'logs');
	const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
	const file = path.join(logs, `${name}-${stamp}.log`);
	mkdirSync(logs, {recursive: true, mode: 0o700});
	writeFileSync(file, text, {mode: 0o600});
	return file;
}
