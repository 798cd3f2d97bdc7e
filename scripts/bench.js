// Runs the benchmarks: bundles scripts/bench/main.ts (it measures the model
// in-process as well as the real binary in a pseudo-terminal) and runs it.
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, '.cache', 'bench.mjs');
mkdirSync(path.dirname(out), {recursive: true});
await build({
	entryPoints: [path.join(root, 'scripts/bench/main.ts')],
	outfile: out,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	packages: 'external',
	define: {'process.env.NODE_ENV': '"production"'},
	logLevel: 'warning',
});
await import(pathToFileURL(out).href);
