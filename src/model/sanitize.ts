// ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... ST or BEL),
// and nF/Fp/Fe/Fs escapes (ESC, any intermediates 0x20-0x2f, one final byte: `ESC ( B`). C1 controls (0x80-0x9f) are the 8-bit forms of the same.
export const ESCAPES =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u009d\u009e\u009f\u0098][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]?/g;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- as above
const HAS_SPECIAL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Makes untrusted text (names, labels, messages from a cluster or container) safe
 * for one table cell: every escape sequence is removed whole, tabs and newlines
 * become spaces, and other control characters are dropped. Nothing that passes
 * can move the cursor, clear the screen, set the title or touch the clipboard.
 */
export function sanitizeCell(text: string): string {
	if (!HAS_SPECIAL.test(text)) return text;
	return text
		.replace(ESCAPES, '')
		.replace(/[\t\n\r\v\f]/g, ' ')
		.replace(CONTROLS, '');
}
