import {tokensFromInk, type InkKey, type KeyToken} from './keySpec.js';

// The exec pane hears keys the way every other screen does, as KeyTokens from tokensFromInk:
// it must first ask the keymap whether a key is one of its own commands (leave the shell,
// scroll back), and tokens already undo Ink's quirks (a burst as one string, alt+x flagged as
// escape). Whatever is not a command goes to the remote as the bytes xterm would send for it.

/** Terminal modes, as the remote program set them, that change what a key sends. */
export type KeyModes = {
	/** DECCKM: unmodified arrows, home and end are sent as `ESC O x` instead of `ESC [ x`. */
	readonly applicationCursorKeys: boolean;
};

const NORMAL_MODES: KeyModes = {applicationCursorKeys: false};

// Keys sent as CSI <final>, or SS3 <final> in application cursor mode; with modifiers CSI 1;<m> <final>.
const CURSOR_FINALS: Readonly<Record<string, string>> = {up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F'};
// Keys sent as CSI <n> ~; with modifiers CSI <n>;<m> ~.
const TILDE_CODES: Readonly<Record<string, number>> = {
	insert: 2,
	delete: 3,
	pageup: 5,
	pagedown: 6,
	f5: 15,
	f6: 17,
	f7: 18,
	f8: 19,
	f9: 20,
	f10: 21,
	f11: 23,
	f12: 24,
};
// F1-F4 are SS3 P..S; with modifiers CSI 1;<m> P..S.
const PF_FINALS: Readonly<Record<string, string>> = {f1: 'P', f2: 'Q', f3: 'R', f4: 'S'};

type Modifiers = {readonly ctrl: boolean; readonly alt: boolean; readonly shift: boolean};

/** Splits `ctrl+alt+x` into its modifiers and key; `ctrl++` is ctrl and the plus key. */
function splitModifiers(token: KeyToken): {mods: Modifiers; name: string} {
	let rest = token;
	const mods = {ctrl: false, alt: false, shift: false};
	for (;;) {
		const m = /^(ctrl|alt|meta|shift)\+(.+)$/s.exec(rest);
		if (!m) break;
		const mod = m[1] === 'meta' ? 'alt' : (m[1] as 'ctrl' | 'alt' | 'shift');
		mods[mod] = true;
		rest = m[2] ?? '';
	}
	return {mods, name: rest};
}

/** xterm's modifier parameter: 1 + shift + 2 alt + 4 ctrl (1 alone means none). */
const modifierParam = (mods: Modifiers): number => 1 + (mods.shift ? 1 : 0) + (mods.alt ? 2 : 0) + (mods.ctrl ? 4 : 0);

/** The control character ctrl+<char> sends (ctrl+a is 0x01, ctrl+[ is ESC, ctrl+? is DEL), if it has one. */
function controlByte(ch: string): string | undefined {
	if (ch.length !== 1) return undefined;
	const code = ch.toLowerCase().charCodeAt(0);
	if (code >= 0x61 && code <= 0x7a) return String.fromCharCode(code - 0x60);
	if (code >= 0x40 && code <= 0x5f) return String.fromCharCode(code - 0x40);
	if (ch === '?' || ch === '8') return '\x7f';
	if (ch === '2') return '\x00';
	// xterm's ctrl+3..7: ESC, FS, GS, RS, US.
	if (code >= 0x33 && code <= 0x37) return String.fromCharCode(code - 0x33 + 0x1b);
	return undefined;
}

/**
 * The bytes (a string, to be written as UTF-8) a terminal sends for one key: arrows, home/end,
 * page keys, insert/delete and F1-F12 as xterm sends them (with modifiers as `CSI 1;5A`),
 * ctrl+<letter> as its control byte, alt+<key> as ESC and the key, plain characters as
 * themselves. Undefined for a token that names no key.
 */
export function keyBytes(token: KeyToken, modes: KeyModes = NORMAL_MODES): string | undefined {
	const {mods, name} = splitModifiers(token);
	const param = modifierParam(mods);
	const cursorFinal = CURSOR_FINALS[name];
	if (cursorFinal !== undefined) {
		if (param > 1) return `\x1b[1;${param}${cursorFinal}`;
		return modes.applicationCursorKeys ? `\x1bO${cursorFinal}` : `\x1b[${cursorFinal}`;
	}
	const tilde = TILDE_CODES[name];
	if (tilde !== undefined) return param > 1 ? `\x1b[${tilde};${param}~` : `\x1b[${tilde}~`;
	const pf = PF_FINALS[name];
	if (pf !== undefined) return param > 1 ? `\x1b[1;${param}${pf}` : `\x1bO${pf}`;
	// Below, alt is an ESC in front (xterm's metaSendsEscape) and shift has no code of its own.
	const esc = mods.alt ? '\x1b' : '';
	switch (name) {
		case 'enter':
			return `${esc}\r`;
		case 'tab':
			return mods.shift ? `${esc}\x1b[Z` : `${esc}\t`;
		case 'backspace':
			return esc + (mods.ctrl ? '\b' : '\x7f');
		case 'esc':
			return `${esc}\x1b`;
		case 'space':
			return esc + (mods.ctrl ? '\x00' : ' ');
	}
	if ([...name].length !== 1) return undefined;
	const ch = mods.shift ? name.toUpperCase() : name;
	// ctrl with a key that has no control character sends the key alone, as terminals do.
	return esc + (mods.ctrl ? (controlByte(ch) ?? ch) : ch);
}

/** The bytes for one Ink input event (a key, or a burst of typed or pasted characters); keys that send nothing are dropped. */
export function inkInputBytes(input: string, key: InkKey, modes: KeyModes = NORMAL_MODES): string {
	let out = '';
	for (const token of tokensFromInk(input, key)) out += keyBytes(token, modes) ?? '';
	return out;
}

// eslint-disable-next-line no-control-regex -- the bracketed-paste markers, 7- and 8-bit
const PASTE_MARKERS = /(?:\x1b\[|\x9b)20[01]~/g;

/**
 * Pasted text as a terminal sends it: line ends as Enter sends them (CR), and wrapped in
 * `ESC [ 200 ~` ... `ESC [ 201 ~` when the program asked for bracketed paste. Markers inside
 * the text are removed, or a paste could end the bracket early and type the rest as commands.
 */
export function pasteBytes(text: string, bracketed: boolean): string {
	let body = text.replace(/\r?\n/g, '\r');
	if (!bracketed) return body;
	// Again until none is left: removing one can join the pieces of another around it.
	for (let last = ''; last !== body;) {
		last = body;
		body = body.replace(PASTE_MARKERS, '');
	}
	return `\x1b[200~${body}\x1b[201~`;
}
