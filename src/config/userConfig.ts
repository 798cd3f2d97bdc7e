import path from 'node:path';
import {readDataFile} from './dataFile.js';
import {Checker, type Loaded} from './validate.js';

/** What `<config dir>/config.yaml` may set. */
export type UserConfig = {
	/** Keymap name or path (`vim`, `k9s`, `./mine.json`). */
	readonly keymap?: string;
	/** Theme name or path. */
	readonly theme?: string;
	/** Extra `:` names: alias -> view kind. */
	readonly aliases: Readonly<Record<string, string>>;
	/** Single-binding overrides: command id -> key or keys. */
	readonly bindings?: Readonly<Record<string, unknown>>;
	/** Refuse every mutating action. */
	readonly readonly?: boolean;
	/** Lines a log pane keeps (its ring buffer), 10,000 unless set. */
	readonly logLines?: number;
};

/** The config file's path. */
export function userConfigFile(dir: string): string {
	return path.join(dir, 'config.yaml');
}

/** Loads config.yaml; a missing file is simply the defaults, a bad one is reported field by field. */
export function loadUserConfig(file: string): Loaded<UserConfig> {
	const read = readDataFile(file);
	if ('error' in read) {
		return {value: {aliases: {}}, errors: read.error.message === 'file not found' ? [] : [read.error]};
	}
	if (read.data === null || read.data === undefined) return {value: {aliases: {}}, errors: []};
	const check = new Checker(file);
	const o = check.object(read.data, '');
	if (!o) return {value: {aliases: {}}, errors: check.errors};
	check.known(o, '', ['keymap', 'theme', 'aliases', 'bindings', 'readonly', 'logLines']);
	const config: {-readonly [K in keyof UserConfig]: UserConfig[K]} = {aliases: {}};
	if (o['keymap'] !== undefined) config.keymap = check.string(o['keymap'], 'keymap');
	if (o['theme'] !== undefined) config.theme = check.string(o['theme'], 'theme');
	if (o['readonly'] !== undefined) config.readonly = check.boolean(o['readonly'], 'readonly');
	if (o['logLines'] !== undefined) {
		const lines = o['logLines'];
		if (typeof lines === 'number' && Number.isInteger(lines) && lines >= 100 && lines <= 1_000_000) config.logLines = lines;
		else check.fail('logLines', 'a whole number of lines from 100 to 1000000');
	}
	if (o['aliases'] !== undefined) {
		const aliases = check.object(o['aliases'], 'aliases');
		const out: Record<string, string> = {};
		for (const [alias, target] of Object.entries(aliases ?? {})) {
			const value = check.string(target, `aliases.${alias}`);
			if (value) out[alias] = value;
		}
		config.aliases = out;
	}
	if (o['bindings'] !== undefined) config.bindings = check.object(o['bindings'], 'bindings');
	return {value: config, errors: check.errors};
}
