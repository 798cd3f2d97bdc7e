/**
 * Which colours kview may draw an emulated screen with: every colour as the remote set it,
 * down-sampled to the 256 or 16 colours an older terminal (TERM=screen) has, or none at all
 * (NO_COLOR, the monochrome theme: attributes and the cursor stay).
 */
export type ColorMode = 'truecolor' | '256' | '16' | 'none';

// A colour as xterm's cells hold it: a mode in bits 24-25, then a palette index or 0xRRGGBB.
const MODE_MASK = 0x3000000;
const MODE_RGB = 0x3000000;

/** Attribute bits of a cell style (only those kview draws; blink and overline are dropped). */
export const BOLD = 1;
export const DIM = 2;
export const ITALIC = 4;
export const UNDERLINE = 8;
export const INVERSE = 16;
export const STRIKETHROUGH = 32;

const ATTRIBUTE_CODES: readonly (readonly [number, string])[] = [
	[BOLD, '1'],
	[DIM, '2'],
	[ITALIC, '3'],
	[UNDERLINE, '4'],
	[INVERSE, '7'],
	[STRIKETHROUGH, '9'],
];

/**
 * The SGR sequence kview writes for a cell style: a full reset, then the style, in one
 * sequence; '' for the default style. `fg` and `bg` are a cell's colour mode | colour
 * (xterm's getFgColorMode() | getFgColor()); `flags` are the attribute bits above.
 */
export function sgr(fg: number, bg: number, flags: number, colors: ColorMode): string {
	let params = '';
	for (const [bit, code] of ATTRIBUTE_CODES) if (flags & bit) params += `;${code}`;
	if (colors !== 'none') {
		params += colorParams(fg, 30, colors);
		params += colorParams(bg, 40, colors);
	}
	return params === '' ? '' : `\x1b[0${params}m`;
}

/** `;<params>` for a foreground (base 30) or background (base 40) colour, or '' for the default. */
function colorParams(value: number, base: number, colors: ColorMode): string {
	const mode = value & MODE_MASK;
	if (mode === 0) return '';
	let index: number;
	if (mode === MODE_RGB) {
		const r = (value >> 16) & 0xff;
		const g = (value >> 8) & 0xff;
		const b = value & 0xff;
		if (colors === 'truecolor') return `;${base + 8};2;${r};${g};${b}`;
		index = rgbTo256(r, g, b);
	} else index = value & 0xff;
	if (index >= 16 && colors === '16') index = ansi256To16(index);
	if (index < 8) return `;${base + index}`;
	if (index < 16) return `;${base + 60 + index - 8}`;
	return `;${base + 8};5;${index}`;
}

/** The nearest colour of xterm's 256-colour palette (the 6x6x6 cube or the grey ramp). */
export function rgbTo256(r: number, g: number, b: number): number {
	if (r === g && g === b) {
		if (r < 8) return 16;
		if (r > 248) return 231;
		return Math.round(((r - 8) / 247) * 24) + 232;
	}
	return 16 + 36 * Math.round((r / 255) * 5) + 6 * Math.round((g / 255) * 5) + Math.round((b / 255) * 5);
}

/** One of the 16 basic colours for a 256-palette index (the bright half for light colours). */
export function ansi256To16(index: number): number {
	if (index < 16) return index;
	let r: number;
	let g: number;
	let b: number;
	if (index >= 232) {
		r = g = b = ((index - 232) * 10 + 8) / 255;
	} else {
		const cube = index - 16;
		r = Math.floor(cube / 36) / 5;
		g = Math.floor((cube % 36) / 6) / 5;
		b = (cube % 6) / 5;
	}
	const value = Math.round(Math.max(r, g, b) * 2);
	if (value === 0) return 0;
	const basic = (Math.round(b) << 2) | (Math.round(g) << 1) | Math.round(r);
	return value === 2 ? basic + 8 : basic;
}
