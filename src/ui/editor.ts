import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The editor kubectl would open: $KUBE_EDITOR, else $EDITOR, else vi. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
	return env['KUBE_EDITOR']?.trim() || env['EDITOR']?.trim() || 'vi';
}

/**
 * Opens `text` in the user's editor on the terminal (the caller has suspended the
 * UI) and resolves to what was saved. The file is private to the user (a Secret's
 * values may be in it) and removed afterwards. Rejects when the editor cannot
 * start or exits non-zero, as kubectl edit treats that as a cancel.
 */
export async function editText(text: string, fileName: string): Promise<string> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-edit-'));
	const file = path.join(dir, fileName.replace(/[^\w.-]+/g, '-'));
	writeFileSync(file, text, {mode: 0o600});
	const command = editorCommand();
	// ctrl-c typed to an editor in cooked mode signals the whole process group: it belongs to the editor, not kview.
	const ignore = () => undefined;
	process.on('SIGINT', ignore);
	try {
		const code = await new Promise<number>((resolve, reject) => {
			// Through a shell, as kubectl does when the editor names arguments ("code --wait").
			const child = spawn(`${command} ${JSON.stringify(file)}`, {stdio: 'inherit', shell: true});
			child.on('error', (error) => reject(new Error(`cannot start the editor "${command}": ${error.message}`)));
			child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
		});
		if (code === 127) throw new Error(`the editor "${command}" was not found: set KUBE_EDITOR or EDITOR`);
		if (code !== 0) throw new Error(`the editor "${command}" exited with ${code}; nothing saved`);
		return readFileSync(file, 'utf8');
	} finally {
		process.off('SIGINT', ignore);
		rmSync(dir, {recursive: true, force: true});
	}
}
