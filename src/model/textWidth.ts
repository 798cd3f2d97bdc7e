import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Columns a string takes on screen; plain ASCII (nearly every name) skips the slow path. */
export function displayWidth(text: string): number {
	return ASCII.test(text) ? text.length : stringWidth(text);
}

/**
 * Fits text to exactly `width` columns: cut with an ellipsis when too long, padded
 * on the right (or left when right-aligned) when short.
 */
export function fitText(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const w = displayWidth(text);
	if (w <= width) {
		const pad = ' '.repeat(width - w);
		return align === 'right' ? pad + text : text + pad;
	}
	if (width === 1) return '…';
	if (ASCII.test(text)) return `${text.slice(0, width - 1)}…`;
	// Cut between graphemes, never inside one (a flag, a ZWJ family, an emoji with a variation selector).
	let out = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const cw = stringWidth(segment);
		if (used + cw > width - 1) break;
		out += segment;
		used += cw;
	}
	return `${out}…${' '.repeat(width - 1 - used)}`;
}
