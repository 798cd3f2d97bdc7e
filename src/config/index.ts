import {DEFAULT_LOG_LINES} from '../model/logBuffer.js';
import path from 'node:path';
import type {ViewDef} from '../model/view.js';
import {loadKeymap, type Keymap} from './keymap.js';
import {configDir, packageRoot} from './paths.js';
import {loadTheme, type Theme} from './theme.js';
import {loadUserConfig, userConfigFile} from './userConfig.js';
import type {DataError} from './validate.js';
import {loadViews, viewDirs} from './views.js';

export type {DataError} from './validate.js';
export {formatDataError} from './validate.js';
export type {Keymap} from './keymap.js';
export type {Theme, ThemeToken, Style} from './theme.js';

/** Everything the UI is configured with, after files and flags are merged. */
export type Config = {
	readonly views: ReadonlyMap<string, ViewDef>;
	readonly keymap: Keymap;
	readonly theme: Theme;
	/** `:` names -> view kind (view aliases plus the user's). */
	readonly aliases: ReadonlyMap<string, string>;
	readonly readonly: boolean;
	/** Lines each log pane keeps. */
	readonly logLines: number;
};

/** What flags and the environment may override. */
export type ConfigOptions = {
	readonly keymap?: string;
	readonly theme?: string;
	readonly readonly?: boolean;
	/** Defaults to the package root (tests point it elsewhere rarely). */
	readonly root?: string;
	/** Defaults to $XDG_CONFIG_HOME/kview. */
	readonly configDir?: string;
	readonly env?: NodeJS.ProcessEnv;
};

/**
 * Loads views, keymap, theme and the user config; flags beat the config file,
 * which beats the defaults. Errors are returned, never thrown: the caller shows
 * them and runs on the defaults.
 */
export function loadConfig(options: ConfigOptions = {}): {config: Config; errors: DataError[]} {
	const env = options.env ?? process.env;
	const root = options.root ?? packageRoot();
	const userDir = options.configDir ?? configDir(env);
	const errors: DataError[] = [];
	const user = loadUserConfig(userConfigFile(userDir));
	errors.push(...user.errors);
	const views = loadViews(viewDirs(root, userDir));
	errors.push(...views.errors);
	const keymap = loadKeymap(
		options.keymap ?? user.value.keymap ?? 'vim',
		[path.join(root, 'keymaps'), path.join(userDir, 'keymaps')],
		user.value.bindings,
		userConfigFile(userDir),
	);
	errors.push(...keymap.errors);
	const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
	// no-color.org: a flag or a config file choice beats NO_COLOR, which beats the default.
	const themeName = options.theme ?? user.value.theme ?? (noColor ? 'monochrome' : 'default');
	const theme = loadTheme(themeName, [path.join(root, 'themes'), path.join(userDir, 'themes')]);
	errors.push(...theme.errors);

	errors.push(...actionKeyClashes(views.value, keymap.value));
	const aliases = new Map<string, string>();
	for (const view of views.value.values()) {
		aliases.set(view.kind, view.kind);
		for (const alias of view.aliases) aliases.set(alias, view.kind);
	}
	for (const [alias, target] of Object.entries(user.value.aliases)) {
		const kind = aliases.get(target);
		if (kind) aliases.set(alias, kind);
		else errors.push({file: userConfigFile(userDir), field: `aliases.${alias}`, message: `no view is called "${target}"`});
	}
	return {
		config: {
			views: views.value,
			keymap: keymap.value,
			theme: theme.value,
			aliases,
			readonly: options.readonly ?? user.value.readonly ?? false,
			logLines: user.value.logLines ?? DEFAULT_LOG_LINES,
		},
		errors,
	};
}

/** Two actions of one view on the same key: only one of them could ever run there. */
function actionKeyClashes(views: ReadonlyMap<string, ViewDef>, keymap: Keymap): DataError[] {
	const errors: DataError[] = [];
	for (const view of views.values()) {
		const byKey = new Map<string, string>();
		for (const action of view.actions) {
			for (const keys of keymap.bindings.get(action) ?? []) {
				const key = keys.join(' ');
				const other = byKey.get(key);
				if (other && other !== action)
					errors.push({file: view.file, field: 'actions', message: `${action} and ${other} are both on "${key}" in keymap ${keymap.name}`});
				else byKey.set(key, action);
			}
		}
	}
	return errors;
}
