// Hot-path patches applied to dependencies while bundling. Each keeps the
// dependency's behaviour exactly and fails the build if its target moved, so an
// upgrade cannot drop one silently.
import {readFile} from 'node:fs/promises';

const patches = [
	{
		// Ink re-tokenizes every line of every frame, walking it grapheme by grapheme
		// with Intl.Segmenter: about 9 ms of a 120x40 frame. Lines of printable ASCII
		// and ESC (nearly all of a table) have one grapheme per character, so they can
		// be walked by index; anything else still goes through the segmenter.
		file: /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
		find: 'for (const { segment, index } of segmenter.segment(str)) {',
		replace: 'for (const { segment, index } of kviewSegments(str)) {',
		append: `
const kviewAsciiLine = /^[\\x1b\\x20-\\x7e]*$/;
function kviewSegments(str) {
	if (!kviewAsciiLine.test(str)) return segmenter.segment(str);
	const out = new Array(str.length);
	for (let i = 0; i < str.length; i++) out[i] = {segment: str[i], index: i};
	return out;
}
`,
	},
];

/** An esbuild plugin that applies the patches above. */
export const hotPathPatches = {
	name: 'kview-hot-path-patches',
	setup(build) {
		for (const patch of patches) {
			build.onLoad({filter: patch.file}, async (args) => {
				const source = await readFile(args.path, 'utf8');
				if (!source.includes(patch.find)) {
					throw new Error(`hot-path patch for ${args.path} no longer applies: "${patch.find}" not found (dependency upgraded?)`);
				}
				return {contents: source.replace(patch.find, patch.replace) + patch.append, loader: 'js'};
			});
		}
	},
};
