import type {IUnicodeVersionProvider} from '@xterm/headless';
import stringWidth from 'string-width';

// The emulator decides how many cells a character takes; Ink measures the lines kview draws with
// string-width. When the two disagree a line comes out wider than the pane and Ink wraps it. xterm's
// only built-in table is Unicode 6, where 😀 and ✅ are one cell wide, so kview brings its own: widths
// from string-width, one code point at a time, and grapheme joins (ZWJ sequences, skin tones, flags,
// VS16) so that one cell holds what string-width counts as one character.

/** The Unicode version name kview registers with the emulator. */
export const KVIEW_UNICODE = 'kview';

// Per code point, computed on first sight: bit 7 known, bits 0-1 width, then properties.
const KNOWN = 0x80;
const PICT = 0x04;
const EMOJI = 0x08;
const MODIFIER_BASE = 0x10;
const MERGES_KNOWN = 0x20;
const MERGES = 0x40;
const info = new Uint8Array(0x110000);

// eslint-disable-next-line no-control-regex -- controls take no cell
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOJI_PROPERTY = /\p{Emoji}/u;
const EMOJI_MODIFIER_BASE = /\p{Emoji_Modifier_Base}/u;

function lookup(cp: number): number {
	const known = info[cp] ?? 0;
	if (known !== 0) return known;
	const ch = String.fromCodePoint(cp);
	const width = CONTROL.test(ch) ? 0 : Math.min(2, stringWidth(ch));
	const value =
		KNOWN |
		width |
		(EXTENDED_PICTOGRAPHIC.test(ch) ? PICT : 0) |
		(EMOJI_PROPERTY.test(ch) ? EMOJI : 0) |
		(EMOJI_MODIFIER_BASE.test(ch) ? MODIFIER_BASE : 0);
	info[cp] = value;
	return value;
}

/** Cells one code point takes on its own (0, 1 or 2), as string-width counts it. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
	if (cp >= 0x20 && cp < 0x7f) return 1;
	return (lookup(cp) & 3) as 0 | 1 | 2;
}

// Neighbours a code point could form one grapheme with: a letter, a Hangul syllable, a regional indicator, an emoji.
const NEIGHBOURS = ['a', '\uac00', '\u{1f1e9}', '\u{1f468}'];

/**
 * Whether string-width might count this code point and a neighbouring cell's as one
 * character (a Hangul trailing jamo, a skin tone after a letter, a prepended mark): then a
 * line's width is not the sum of its cells'. Computed once per code point, when first drawn.
 */
export function mayMergeWithNeighbour(cp: number): boolean {
	if (cp < 0x7f) return false;
	const value = lookup(cp);
	if (value & MERGES_KNOWN) return (value & MERGES) !== 0;
	const ch = String.fromCodePoint(cp);
	const width = value & 3;
	const merges = NEIGHBOURS.some((n) => {
		const alone = stringWidth(n) + width;
		return stringWidth(n + ch) !== alone || stringWidth(ch + n) !== alone;
	});
	info[cp] = value | MERGES_KNOWN | (merges ? MERGES : 0);
	return merges;
}

const clusters = new Map<string, number>();
const MAX_CLUSTERS = 4096;

/** Cells string-width gives a cell's text of several code points (é, 👍🏽, 👨‍👩‍👧); remembered. */
export function clusterWidth(text: string): number {
	let width = clusters.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		// A remote can make endless distinct clusters; forget them all now and then rather than grow.
		if (clusters.size >= MAX_CLUSTERS) clusters.clear();
		clusters.set(text, width);
	}
	return width;
}

// What a cell so far is made of, carried to the next code point in xterm's join state ("kind" bits).
const K_AFTER_ZWJ = 1;
const K_OPEN_FLAG = 2;
const K_PICT = 4;
const K_EMOJI = 8;
const K_MODIFIER_BASE = 16;

// xterm's UnicodeService.createPropertyValue / extractWidth: kind << 3 | width << 1 | shouldJoin.
const property = (kind: number, width: number, join: boolean): number => ((kind & 0xffffff) << 3) | ((width & 3) << 1) | (join ? 1 : 0);

const isRegionalIndicator = (cp: number): boolean => cp >= 0x1f1e6 && cp <= 0x1f1ff;
const isEmojiModifier = (cp: number): boolean => cp >= 0x1f3fb && cp <= 0x1f3ff;

/** A new cell's state for a code point that starts one. */
function start(cp: number, props: number): number {
	const kind =
		(isRegionalIndicator(cp) ? K_OPEN_FLAG : 0) |
		(props & PICT ? K_PICT : 0) |
		(props & EMOJI ? K_EMOJI : 0) |
		(props & MODIFIER_BASE ? K_MODIFIER_BASE : 0);
	return property(kind, props & 3, false);
}

// Printable ASCII never joins what came before; digits, # and * can start a keycap (#️⃣).
const ASCII = Array.from({length: 0x7f}, (_, cp) => (cp < 0x20 ? 0 : start(cp, lookup(cp))));

/**
 * The code point's cell width and whether it joins the cell before (xterm's
 * IUnicodeVersionProvider.charProperties). `preceding` is the value returned for the
 * previous code point on the line, 0 when there is none.
 */
export function charProperties(cp: number, preceding: number): number {
	if (cp < 0x7f) return ASCII[cp] ?? 0;
	const props = lookup(cp);
	const width = props & 3;
	if (preceding === 0) return start(cp, props);
	const kind = preceding >>> 3;
	const before = (preceding >> 1) & 3;
	// An emoji ZWJ sequence (👨‍👩‍👧) is one character, as wide as its first emoji.
	if (kind & K_AFTER_ZWJ && kind & K_PICT && props & PICT) return property(kind & ~K_AFTER_ZWJ, Math.max(before, 2), true);
	if (width === 0) {
		if (cp === 0x200d) return property(kind | K_AFTER_ZWJ, before, true);
		// VS16 asks for the emoji presentation: ❤️ and #️⃣ take two cells where ❤ and # take one.
		const joined = cp === 0xfe0f && kind & K_EMOJI ? 2 : before;
		return property(kind & ~(K_AFTER_ZWJ | K_OPEN_FLAG), joined, true);
	}
	if (isEmojiModifier(cp) && kind & K_MODIFIER_BASE) return property(kind & ~K_MODIFIER_BASE, 2, true);
	if (isRegionalIndicator(cp) && kind & K_OPEN_FLAG) return property(kind & ~K_OPEN_FLAG, 2, true);
	return start(cp, props);
}

/** The provider to register with `terminal.unicode.register` and make active. */
export const kviewUnicode: IUnicodeVersionProvider = {
	version: KVIEW_UNICODE,
	wcwidth: codePointWidth,
	charProperties,
};
