import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {parse as parseYaml} from 'yaml';
import type {DataError} from './validate.js';

/** Reads a JSON or YAML file; a missing or unparsable file is an error value, not an exception. */
export function readDataFile(file: string): {data: unknown} | {error: DataError} {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {error: {file, field: '', message: code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`}};
	}
	try {
		return {data: file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)};
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n')[0] : 'parse error';
		return {error: {file, field: '', message: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${message}`}};
	}
}

/** Data files (.json, .yaml, .yml) in a directory, sorted; none when it does not exist. */
export function listDataFiles(dir: string): string[] {
	try {
		return readdirSync(dir)
			.filter((f) => /\.(json|ya?ml)$/.test(f))
			.sort()
			.map((f) => path.join(dir, f));
	} catch {
		return [];
	}
}
