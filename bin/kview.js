#!/usr/bin/env node
// The launcher stays plain JavaScript that any Node can parse, so an old Node gets
// a one-line answer (and --help/--version still work) instead of a syntax error.
import {readFileSync} from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
	const arg = process.argv[2];
	if (process.argv.length === 3 && arg === '--version') {
		const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
		process.stdout.write(`${pkg.version}\n`);
		process.exit(0);
	}
	if (process.argv.length === 3 && arg === '--help') {
		const {USAGE} = await import('../dist/usage.js');
		process.stdout.write(`${USAGE.replace(/^\n+|\s+$/g, '')}\n`);
		process.exit(0);
	}
	process.stderr.write(`kview needs Node.js 22.19 or newer; this is ${process.versions.node}. Install a newer Node and run kview again.\n`);
	process.exit(1);
}

await import('../dist/kview.js');
