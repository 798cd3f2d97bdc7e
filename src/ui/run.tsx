import {render} from 'ink';
import {App, type AppProps} from './App.js';

/**
 * Renders the app full-screen until it quits. Ink redraws only changed lines
 * (incrementalRendering) at most 60 times a second, in the alternate screen so the
 * user's scrollback is untouched.
 */
export async function runApp(props: AppProps): Promise<void> {
	const instance = render(<App {...props} />, {
		alternateScreen: true,
		incrementalRendering: true,
		maxFps: 60,
		exitOnCtrlC: true,
		patchConsole: false,
	});
	await instance.waitUntilExit();
}
