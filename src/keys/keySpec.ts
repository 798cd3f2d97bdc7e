/**
 * A key as kview names it: a printable character (`j`, `G`, `?`), a named key
 * (`enter`, `esc`, `up`, `pagedown`, `space`...), or either with `ctrl+`/`alt+`
 * (`ctrl+d`, `shift+tab`). A binding is one key or a sequence (`g g`).
 */
export type KeyToken = string;

const NAMED = new Set([
	'up',
	'down',
	'left',
	'right',
	'pageup',
	'pagedown',
	'home',
	'end',
	'enter',
	'esc',
	'tab',
	'backspace',
	'delete',
	'space',
]);
const ALIASES: Readonly<Record<string, string>> = {return: 'enter', escape: 'esc', pgup: 'pageup', pgdn: 'pagedown', del: 'delete'};

/** Parses one key of a binding (`ctrl+d`, `G`, `shift+tab`); returns an error message instead of throwing. */
export function parseKey(text: string): {key: KeyToken} | {error: string} {
	let rest = text;
	const mods = new Set<string>();
	for (;;) {
		const m = /^(ctrl|alt|meta|shift)\+(.+)$/i.exec(rest);
		if (!m) break;
		mods.add((m[1] ?? '').toLowerCase() === 'meta' ? 'alt' : (m[1] ?? '').toLowerCase());
		rest = m[2] ?? '';
	}
	let name = ALIASES[rest.toLowerCase()] ?? rest;
	if (NAMED.has(name.toLowerCase())) name = name.toLowerCase();
	else if ([...name].length !== 1) return {error: `unknown key "${text}" (use one character or a key name: ${[...NAMED].join(', ')})`};
	if (name === ' ') name = 'space';
	if (mods.has('shift') && [...name].length === 1) {
		// shift+g is G: terminals send the upper-case letter, not a modifier.
		name = name.toUpperCase();
		mods.delete('shift');
	}
	if (mods.has('ctrl') && [...name].length === 1) name = name.toLowerCase();
	const prefix = ['ctrl', 'alt', 'shift']
		.filter((m) => mods.has(m))
		.map((m) => `${m}+`)
		.join('');
	return {key: prefix + name};
}

/** Parses a binding: keys separated by spaces (`g g`, `ctrl+w`). */
export function parseBinding(text: string): {keys: KeyToken[]} | {error: string} {
	const parts = text === ' ' ? [' '] : text.trim().split(/\s+/);
	const keys: KeyToken[] = [];
	for (const part of parts) {
		const parsed = parseKey(part);
		if ('error' in parsed) return parsed;
		keys.push(parsed.key);
	}
	return {keys};
}

/** What Ink reports for one input event (the subset kview reads). */
export type InkKey = {
	readonly upArrow: boolean;
	readonly downArrow: boolean;
	readonly leftArrow: boolean;
	readonly rightArrow: boolean;
	readonly pageUp: boolean;
	readonly pageDown: boolean;
	readonly home: boolean;
	readonly end: boolean;
	readonly return: boolean;
	readonly escape: boolean;
	readonly tab: boolean;
	readonly backspace: boolean;
	readonly delete: boolean;
	readonly ctrl: boolean;
	readonly shift: boolean;
	readonly meta: boolean;
};

const INK_NAMED: readonly (readonly [keyof InkKey, KeyToken])[] = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pageup'],
	['pageDown', 'pagedown'],
	['home', 'home'],
	['end', 'end'],
	['return', 'enter'],
	['tab', 'tab'],
	['backspace', 'backspace'],
	['delete', 'delete'],
	['escape', 'esc'],
];

/**
 * Turns one Ink input event into key tokens. A fast burst of printable keys
 * arrives as one string ("jj"); it is split so each key counts.
 */
export function tokensFromInk(input: string, key: InkKey): KeyToken[] {
	let named = INK_NAMED.find(([flag]) => key[flag])?.[1];
	// Ink sets escape for alt+x too (ESC prefix); only a bare ESC is the esc key.
	if (named === 'esc' && input !== '') named = undefined;
	if (named) {
		const prefix = `${key.ctrl ? 'ctrl+' : ''}${key.meta ? 'alt+' : ''}${key.shift ? 'shift+' : ''}`;
		return [prefix + named];
	}
	if (key.ctrl && input.length > 0) return [`ctrl+${input === ' ' ? 'space' : input.toLowerCase()}`];
	if (key.meta && input.length > 0) return [`alt+${input}`];
	const tokens: KeyToken[] = [];
	for (const ch of input) tokens.push(charToken(ch));
	return tokens;
}

/**
 * One character of a burst as a key: a pasted or fast-typed run ("\t\r", "jj")
 * reaches us unparsed, so control characters are named here as Ink would name
 * them alone.
 */
function charToken(ch: string): KeyToken {
	const code = ch.charCodeAt(0);
	if (ch === ' ') return 'space';
	if (ch === '\r' || ch === '\n') return 'enter';
	if (ch === '\t') return 'tab';
	if (code === 0x7f || code === 0x08) return 'backspace';
	if (code === 0x1b) return 'esc';
	if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
	return ch;
}

/** How a token is written on the help screen. */
export function describeKey(token: KeyToken): string {
	return token === 'space' ? '<space>' : token.length > 1 && !token.includes('+') ? `<${token}>` : token;
}
