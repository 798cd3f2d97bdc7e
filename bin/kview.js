#!/usr/bin/env node
// The launcher stays plain JavaScript that any Node can parse, so an old Node
// gets a one-line answer instead of a syntax error from the bundle.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
	process.stderr.write(
		`kview needs Node.js 22.19 or newer; this is ${process.versions.node}. Install a newer Node (or run it with npx node@22 ...).\n`,
	);
	process.exit(1);
}

await import('../dist/kview.js');
