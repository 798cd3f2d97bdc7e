// @xterm/headless ships its ES module build without types, and its package.json points
// "module" at a file it does not publish, so the plain '@xterm/headless' named import
// fails under Node ESM. The .mjs build exports the same Terminal the typings describe.
declare module '@xterm/headless/lib-headless/xterm-headless.mjs' {
	export {Terminal} from '@xterm/headless';
}
