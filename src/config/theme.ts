import {existsSync} from 'node:fs';
import path from 'node:path';
import {readDataFile} from './dataFile.js';
import {Checker, type DataError, type Loaded} from './validate.js';

/** Every semantic token a component may ask for; a theme must style each. */
export const THEME_TOKENS = [
	'text.normal',
	'text.dim',
	'text.accent',
	'header.key',
	'header.value',
	'header.title',
	'crumb.active',
	'crumb.inactive',
	'table.header',
	'table.sorted',
	'table.selected',
	'table.row',
	/** Laid over a row's own colours for a moment after it changed. */
	'table.changed',
	'status.ok',
	'status.warning',
	'status.error',
	'status.pending',
	'status.done',
	'flash.info',
	'flash.warn',
	'flash.error',
	'prompt.text',
	'prompt.border',
	'prompt.completion',
	'prompt.selected',
	'conn.live',
	'conn.connecting',
	'conn.reconnecting',
	'conn.failed',
	'dialog.border',
	'dialog.button',
	'dialog.buttonActive',
	'help.key',
	'help.group',
	/** A log line's source prefix, one of six by the source's name, so merged sources read apart. */
	'logs.source1',
	'logs.source2',
	'logs.source3',
	'logs.source4',
	'logs.source5',
	'logs.source6',
	/** A search match in a log line. */
	'logs.match',
] as const;

/** A semantic colour token. */
export type ThemeToken = (typeof THEME_TOKENS)[number];

/** How one token looks; colours are ANSI names or #rrggbb. */
export type Style = {
	readonly fg?: string;
	readonly bg?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
	readonly underline?: boolean;
};

/** A loaded theme. */
export type Theme = {
	readonly name: string;
	readonly styles: Readonly<Record<ThemeToken, Style>>;
};

const COLOR_NAMES = new Set([
	'black',
	'red',
	'green',
	'yellow',
	'blue',
	'magenta',
	'cyan',
	'white',
	'gray',
	'grey',
	'blackBright',
	'redBright',
	'greenBright',
	'yellowBright',
	'blueBright',
	'magentaBright',
	'cyanBright',
	'whiteBright',
]);

function parseStyle(check: Checker, raw: unknown, field: string): Style | undefined {
	const o = check.object(raw, field);
	if (!o) return undefined;
	check.known(o, field, ['fg', 'bg', 'bold', 'dim', 'inverse', 'underline']);
	const style: {-readonly [K in keyof Style]: Style[K]} = {};
	for (const key of ['fg', 'bg'] as const) {
		const value = o[key];
		if (value === undefined) continue;
		if (typeof value === 'string' && (COLOR_NAMES.has(value) || /^#[0-9a-fA-F]{6}$/.test(value))) style[key] = value;
		else check.fail(`${field}.${key}`, `expected a colour name (${[...COLOR_NAMES].slice(0, 8).join(', ')}, ...) or #rrggbb`);
	}
	for (const key of ['bold', 'dim', 'inverse', 'underline'] as const) {
		if (o[key] !== undefined) style[key] = check.boolean(o[key], `${field}.${key}`) ?? false;
	}
	return style;
}

function readTheme(file: string, errors: DataError[]): Partial<Record<ThemeToken, Style>> | undefined {
	const read = readDataFile(file);
	if ('error' in read) {
		errors.push(read.error);
		return undefined;
	}
	const check = new Checker(file);
	const o = check.object(read.data, '');
	const styles: Partial<Record<ThemeToken, Style>> = {};
	if (o) {
		check.known(o, '', ['name', 'description', 'styles']);
		const raw = check.object(o['styles'], 'styles');
		if (raw) {
			for (const [token, value] of Object.entries(raw)) {
				if (!(THEME_TOKENS as readonly string[]).includes(token)) {
					check.fail(`styles.${token}`, 'unknown token');
					continue;
				}
				const style = parseStyle(check, value, `styles.${token}`);
				if (style) styles[token as ThemeToken] = style;
			}
		}
	}
	errors.push(...check.errors);
	return styles;
}

/**
 * Loads a theme by name (user themes dir first, then the shipped one) or path.
 * Tokens it leaves out or gets wrong fall back to the default theme's, so a
 * half-finished user theme still renders. NO_COLOR picks monochrome in cli.ts.
 */
export function loadTheme(name: string, dirs: readonly string[]): Loaded<Theme> {
	const errors: DataError[] = [];
	const shipped = dirs[0] ?? '.';
	const fallback = readTheme(path.join(shipped, 'default.json'), errors) ?? {};
	const file = resolveTheme(name, dirs);
	const chosen = name === 'default' ? fallback : readTheme(file, errors);
	const styles = {} as Record<ThemeToken, Style>;
	for (const token of THEME_TOKENS) {
		const own = chosen?.[token];
		// A theme that could not be read at all was reported once above; do not list every token too.
		if (!own && chosen) errors.push({file, field: `styles.${token}`, message: "missing; using the default theme's"});
		styles[token] = own ?? fallback[token] ?? {};
	}
	return {value: {name, styles}, errors};
}

function resolveTheme(name: string, dirs: readonly string[]): string {
	if (name.includes('/') || /\.(json|ya?ml)$/.test(name)) return path.resolve(name);
	for (const dir of [...dirs].reverse()) {
		for (const ext of ['.json', '.yaml', '.yml']) {
			const file = path.join(dir, name + ext);
			if (existsSync(file)) return file;
		}
	}
	return path.join(dirs[0] ?? '.', `${name}.json`);
}
