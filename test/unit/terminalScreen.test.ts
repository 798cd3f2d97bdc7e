import {afterEach, describe, expect, it} from 'vitest';
import {TerminalScreen, sanitizeTitle, type TerminalScreenOptions} from '../../src/model/terminalScreen.js';
import {displayWidth} from '../../src/model/textWidth.js';

const ESC = '\x1b';
const CSI = `${ESC}[`;
const BEL = '\x07';
const ST = `${ESC}\\`;

const screens: TerminalScreen[] = [];
afterEach(() => {
	for (const s of screens.splice(0)) s.dispose();
});

/** A screen whose replies to the remote are collected. */
function make(cols: number, rows: number, options: Partial<TerminalScreenOptions> = {}): {screen: TerminalScreen; replies: string[]} {
	const replies: string[] = [];
	const screen = new TerminalScreen({cols, rows, reply: (data) => replies.push(data), ...options});
	screens.push(screen);
	return {screen, replies};
}

/** Writes and waits until xterm has parsed it. */
async function put(screen: TerminalScreen, ...chunks: (string | Buffer)[]): Promise<void> {
	for (const chunk of chunks) screen.write(chunk);
	await screen.flush();
}

// eslint-disable-next-line no-control-regex -- kview's SGR sequences
const SGR = /\x1b\[[0-9;]*m/g;
const plain = (line: string) => line.replace(SGR, '');
const texts = (screen: TerminalScreen, focused = false) => screen.lines(focused).map(plain);

describe('TerminalScreen: text', () => {
	it('draws plain text padded to the width, one string per row', async () => {
		const {screen} = make(10, 3);
		await put(screen, 'hello\r\nworld');
		expect(screen.lines(false)).toEqual(['hello     ', 'world     ', '          ']);
	});

	it('wraps a line longer than the width at the last column', async () => {
		const {screen} = make(5, 3);
		await put(screen, 'abcdefgh');
		expect(texts(screen)).toEqual(['abcde', 'fgh  ', '     ']);
	});

	it('treats a bare LF as the pty would leave it: down one line, same column', async () => {
		const {screen} = make(6, 3);
		await put(screen, 'ab\ncd');
		expect(texts(screen)).toEqual(['ab    ', '  cd  ', '      ']);
	});

	it('decodes UTF-8 split across writes', async () => {
		const {screen} = make(6, 1);
		const bytes = Buffer.from('añ中b');
		await put(screen, bytes.subarray(0, 2), bytes.subarray(2, 4), bytes.subarray(4));
		expect(texts(screen)).toEqual(['añ中b ']);
	});
});

describe('TerminalScreen: colours and attributes', () => {
	it.each<[string, string, string]>([
		['16 colours', `${CSI}31mr${CSI}42mg${CSI}0m.`, `${CSI}0;31mr${CSI}0;31;42mg${CSI}0m.  `],
		['bright 16 colours', `${CSI}91;104mx${CSI}m`, `${CSI}0;91;104mx${CSI}0m    `],
		['256 colours', `${CSI}38;5;200;48;5;17mx${CSI}39;49m`, `${CSI}0;38;5;200;48;5;17mx${CSI}0m    `],
		['256-colour indexes below 16 become the basic codes', `${CSI}38;5;1mx${CSI}38;5;12my${CSI}m`, `${CSI}0;31mx${CSI}0;94my${CSI}0m   `],
		['truecolour', `${CSI}38;2;1;2;3;48;2;250;128;0mx${CSI}0m`, `${CSI}0;38;2;1;2;3;48;2;250;128;0mx${CSI}0m    `],
		['bold, dim, italic', `${CSI}1mb${CSI}22;2md${CSI}22;3mi${CSI}m`, `${CSI}0;1mb${CSI}0;2md${CSI}0;3mi${CSI}0m  `],
		['underline, inverse, strikethrough', `${CSI}4mu${CSI}24;7mv${CSI}27;9ms${CSI}m`, `${CSI}0;4mu${CSI}0;7mv${CSI}0;9ms${CSI}0m  `],
		['attributes and colours together', `${CSI}1;4;33mab${CSI}m`, `${CSI}0;1;4;33mab${CSI}0m   `],
		['blink and overline are dropped', `${CSI}5;53mx${CSI}m`, 'x    '],
		['a style running to the end of the line is reset there', `abc${CSI}44mde`, `abc${CSI}0;44mde${CSI}0m`],
	])('%s', async (_name, input, want) => {
		const {screen} = make(5, 1);
		await put(screen, input);
		expect(screen.lines(false)[0]).toBe(want);
	});

	it('hides concealed text (SGR 8) itself', async () => {
		const {screen} = make(10, 1);
		await put(screen, `pw:${CSI}8msecret${CSI}28m!`);
		expect(plain(screen.lines(false)[0]!)).toBe('pw:      !');
	});

	it('down-samples truecolour to 256 and to 16 colours', async () => {
		const input = `${CSI}38;2;255;0;0mx${CSI}48;2;128;128;128my${CSI}38;5;208mz${CSI}m`;
		const s256 = make(3, 1, {colors: '256'}).screen;
		const s16 = make(3, 1, {colors: '16'}).screen;
		await put(s256, input);
		await put(s16, input);
		expect(s256.lines(false)[0]).toBe(`${CSI}0;38;5;196mx${CSI}0;38;5;196;48;5;244my${CSI}0;38;5;208;48;5;244mz${CSI}0m`);
		expect(s16.lines(false)[0]).toBe(`${CSI}0;91mx${CSI}0;91;47my${CSI}0;91;47mz${CSI}0m`);
	});

	it('draws no colour with colors: none, but keeps attributes and the cursor', async () => {
		const {screen} = make(6, 1, {colors: 'none'});
		await put(screen, `${CSI}1;31;44mab${CSI}0;38;2;9;9;9mc${CSI}m`);
		expect(screen.lines(false)[0]).toBe(`${CSI}0;1mab${CSI}0mc   `);
		expect(screen.lines(true)[0]).toBe(`${CSI}0;1mab${CSI}0mc${CSI}0;7m ${CSI}0m  `);
	});
});

describe('TerminalScreen: wide characters', () => {
	it.each<[string, string, number]>([
		['CJK', '中文', 4],
		['an emoji', '😀', 2],
		['an emoji that was one cell wide in Unicode 6', '✅', 2],
		['a text-presentation symbol', '✔', 1],
		['VS16 makes it an emoji', '❤️', 2],
		['a keycap', '#️⃣', 2],
		['a flag', '🇩🇪', 2],
		['a skin tone', '👍🏽', 2],
		['a ZWJ family', '👨‍👩‍👧', 2],
		['a combining accent', 'e\u0301', 1],
		['Hangul', '한국', 4],
	])('%s takes the cells string-width counts, drawn once', async (_name, text, width) => {
		const {screen} = make(10, 1);
		await put(screen, `${text}|`);
		const line = screen.lines(false)[0]!;
		expect(line).toBe(`${text}|${' '.repeat(10 - width - 1)}`);
		expect(displayWidth(line)).toBe(10);
		expect(screen.cursor.x).toBe(width + 1);
	});

	it('moves a wide character that does not fit to the next line', async () => {
		const {screen} = make(5, 2);
		await put(screen, 'abcd中');
		expect(texts(screen)).toEqual(['abcd ', '中   ']);
	});

	it('keeps every line exactly the width whatever mix of characters it holds', async () => {
		const {screen} = make(12, 8);
		await put(
			screen,
			'\u0301x\r\n',
			'a\u200b\u00adb🇩\r\n',
			'中😀🏴‍☠️🇺🇳✅a\r\n',
			'\ud800z\ufffe\r\n',
			// A skin tone after a letter, Hangul jamo, a Devanagari spacing mark: string-width joins these with their neighbours.
			'a🏽b\r\n',
			'\u1100\u1161\u11a8x\r\n',
			'\u0915\u093f\u0915\r\n',
			'\u0600a\u{1F468}\u200d\u{1F469}',
		);
		for (const line of [...screen.lines(true), ...screen.lines(false)]) expect(displayWidth(line)).toBe(12);
	});

	it('draws the cursor over the whole of a wide character', async () => {
		const {screen} = make(4, 1);
		await put(screen, `中${CSI}D`);
		expect(screen.cursor.x).toBe(1);
		expect(screen.lines(true)[0]).toBe(`${CSI}0;7m中${CSI}0m  `);
	});
});

describe('TerminalScreen: the cursor', () => {
	it('is drawn in inverse video when the pane is focused', async () => {
		const {screen} = make(5, 2);
		await put(screen, 'ab');
		expect(screen.cursor).toEqual({x: 2, y: 0, visible: true});
		expect(screen.lines(true)[0]).toBe(`ab${CSI}0;7m ${CSI}0m  `);
		expect(screen.lines(false)[0]).toBe('ab   ');
	});

	it('on an inverse cell shows as normal video, keeping its colours', async () => {
		const {screen} = make(3, 1);
		await put(screen, `${CSI}7;31mxy${CSI}D`);
		expect(screen.lines(true)[0]).toBe(`${CSI}0;7;31mx${CSI}0;31my${CSI}0m `);
	});

	it('follows DECTCEM: hidden by ?25l, shown by ?25h, by a soft reset and by a full reset', async () => {
		const {screen} = make(4, 1);
		await put(screen, `${CSI}?25l`);
		expect(screen.cursor.visible).toBe(false);
		expect(screen.lines(true)[0]).toBe('    ');
		await put(screen, `${CSI}?25h`);
		expect(screen.cursor.visible).toBe(true);
		await put(screen, `${CSI}?12;25l`);
		expect(screen.cursor.visible).toBe(false);
		await put(screen, `${CSI}!p`);
		expect(screen.cursor.visible).toBe(true);
		await put(screen, `${CSI}?25l${ESC}c`);
		expect(screen.cursor.visible).toBe(true);
	});

	it('stays on the last column while waiting to wrap', async () => {
		const {screen} = make(3, 2);
		await put(screen, 'abc');
		expect(screen.cursor).toEqual({x: 2, y: 0, visible: true});
		expect(screen.lines(true)[0]).toBe(`ab${CSI}0;7mc${CSI}0m`);
	});

	it('moves with cursor positioning', async () => {
		const {screen} = make(6, 4);
		await put(screen, `${CSI}3;5H`);
		expect(screen.cursor).toEqual({x: 4, y: 2, visible: true});
	});
});

describe('TerminalScreen: screens', () => {
	it('clears the screen (ED 2) and homes the cursor', async () => {
		const {screen} = make(5, 3);
		await put(screen, 'one\r\ntwo\r\nthree');
		await put(screen, `${CSI}2J${CSI}H$`);
		expect(texts(screen)).toEqual(['$    ', '     ', '     ']);
		expect(screen.cursor).toMatchObject({x: 1, y: 0});
	});

	it('switches to the alternate screen and back, restoring the shell screen and cursor (vim)', async () => {
		const {screen} = make(8, 3);
		await put(screen, 'ls\r\nfile\r\n$ vim');
		const before = screen.lines(true);
		await put(screen, `${CSI}?1049h${CSI}H${CSI}2J~\r\n~\r\n${CSI}1;1HVIM`);
		expect(screen.alternateScreen).toBe(true);
		expect(texts(screen)).toEqual(['VIM     ', '~       ', '        ']);
		expect(screen.scrollbackLength).toBe(0);
		await put(screen, `${CSI}?1049l`);
		expect(screen.alternateScreen).toBe(false);
		expect(screen.lines(true)).toEqual(before);
		expect(screen.cursor).toMatchObject({x: 5, y: 2});
	});

	it('resizes: lines follow the new size, long lines reflow', async () => {
		const {screen} = make(10, 3);
		await put(screen, 'abcdefgh\r\nxy');
		const changes = screen.version;
		screen.resize(4, 5);
		expect(screen.version).toBeGreaterThan(changes);
		expect(screen.cols).toBe(4);
		expect(screen.rows).toBe(5);
		expect(texts(screen)).toEqual(['abcd', 'efgh', 'xy  ', '    ', '    ']);
		screen.resize(12, 2);
		for (const line of screen.lines(true)) expect(displayWidth(line)).toBe(12);
		expect(screen.lines(true)).toHaveLength(2);
	});

	it('keeps what scrolled off the top for scroll-back, bounded', async () => {
		const {screen} = make(6, 3, {scrollback: 10});
		for (let i = 1; i <= 8; i++) screen.write(`line${i}\r\n`);
		await screen.flush();
		// Eight lines and the empty one the cursor is on: six scrolled away.
		expect(screen.scrollbackLength).toBe(6);
		expect(screen.scrollbackLines(0, 2).map(plain)).toEqual(['line1 ', 'line2 ']);
		expect(screen.scrollbackLines(screen.scrollbackLength, 3)).toEqual(screen.lines(false));
		expect(screen.scrollbackLines(screen.scrollbackLength - 2, 3).map(plain)).toEqual(['line5 ', 'line6 ', 'line7 ']);
		expect(screen.scrollbackLines(-5, 100)).toHaveLength(9);
		for (let i = 9; i <= 30; i++) screen.write(`line${i}\r\n`);
		await screen.flush();
		expect(screen.scrollbackLength).toBe(10);
		expect(plain(screen.scrollbackLines(0, 1)[0]!)).toBe('line19');
	});
});

describe('TerminalScreen: answers to the remote', () => {
	it('answers device attributes and a cursor position report through the reply callback', async () => {
		const {screen, replies} = make(10, 5);
		await put(screen, `${CSI}c`);
		expect(replies).toEqual([`${CSI}?1;2c`]);
		await put(screen, `${CSI}3;7H${CSI}6n`);
		expect(replies.at(-1)).toBe(`${CSI}3;7R`);
		await put(screen, `${CSI}5n`);
		expect(replies.at(-1)).toBe(`${CSI}0n`);
	});

	it('does not echo the title, the clipboard or colours back (reply injection)', async () => {
		const {screen, replies} = make(10, 5);
		await put(
			screen,
			`${ESC}]0;rm -rf /${BEL}`,
			`${CSI}21t`,
			`${CSI}20t`,
			`${ESC}]52;c;?${BEL}`,
			`${ESC}]10;?${BEL}`,
			`${ESC}]4;1;?${BEL}`,
		);
		expect(replies).toEqual([]);
	});

	it('exposes the key modes the remote sets: application cursor keys, bracketed paste', async () => {
		const {screen} = make(10, 5);
		expect(screen.applicationCursorKeys).toBe(false);
		expect(screen.bracketedPaste).toBe(false);
		await put(screen, `${CSI}?1h${CSI}?2004h`);
		expect(screen.applicationCursorKeys).toBe(true);
		expect(screen.bracketedPaste).toBe(true);
		await put(screen, `${CSI}?1l${CSI}?2004l`);
		expect(screen.applicationCursorKeys).toBe(false);
		expect(screen.bracketedPaste).toBe(false);
	});
});

describe('TerminalScreen: nothing from the remote reaches the real terminal', () => {
	// Any ESC in a line must start an SGR sequence of the form kview writes: a reset, then parameters.
	// eslint-disable-next-line no-control-regex -- as above
	const KVIEW_SGR = /\x1b\[0(?:;\d+)*m/g;
	// eslint-disable-next-line no-control-regex -- as above
	const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;

	it.each<[string, string]>([
		['OSC 52 clipboard write', `a${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}b`],
		['OSC 52 ended by ST', `a${ESC}]52;c;Y3VybA==${ST}b`],
		['OSC 0 title', `a${ESC}]0;pwned${BEL}b`],
		['OSC 2 title ended by ST', `a${ESC}]2;pwned${ST}b`],
		['OSC 8 hyperlink', `${ESC}]8;;https://evil.example${ST}link${ESC}]8;;${ST}`],
		['clear screen and scrollback', `a${CSI}2J${CSI}3Jb`],
		['cursor moves', `a${CSI}10;20Hb${CSI}5Ac${CSI}999Cd${CSI}s${CSI}u`],
		['DCS (sixel, DECRQSS)', `a${ESC}Pq#0;2;0;0;0#0!10~${ST}b${ESC}P$qm${ST}`],
		['APC (kitty graphics)', `a${ESC}_Gf=100;AAAA${ST}b`],
		['PM and SOS', `a${ESC}^private${ST}b${ESC}Xstring${ST}c`],
		['8-bit C1 CSI, OSC, DCS', 'a\u009b2Jb\u009d0;title\u009cc\u0090qdata\u009cd'],
		['C1 controls as UTF-8 bytes', Buffer.from('a\u009b31mb\u0085c\u008dd', 'utf8').toString('latin1')],
		['C0 controls', 'a\x00\x01\x05\x07\x08\x0b\x0c\x0e\x0f\x7fb'],
		['an unterminated OSC', `ok${ESC}]0;never ends`],
		['SGR with bad parameters', `${CSI}38;5;999m${CSI}38;2;999;0;0m${CSI}48:2::1:2:3mx${CSI}m`],
		['bidi overrides in text', 'a\u202eevil\u202cb'],
	])('%s', async (_name, input) => {
		const {screen} = make(20, 4);
		await put(screen, input, Buffer.from(input, 'latin1'));
		for (const line of [...screen.lines(true), ...screen.lines(false), ...screen.scrollbackLines(0, 100)]) {
			expect(line.replace(KVIEW_SGR, '')).not.toMatch(CONTROLS);
			expect(displayWidth(line)).toBe(20);
		}
	});

	it('exposes the title without control characters, escapes or bidi overrides', async () => {
		const {screen} = make(10, 2);
		expect(screen.title).toBe('');
		await put(screen, `${ESC}]0;user@pod: ~${BEL}`);
		expect(screen.title).toBe('user@pod: ~');
		await put(screen, `${ESC}]2;a\tb\u202ec\u200fd${BEL}`);
		expect(screen.title).toBe('abcd');
		// A C1 control inside aborts the sequence: no new title at all.
		await put(screen, `${ESC}]2;x\u0085y${BEL}`);
		expect(screen.title).toBe('abcd');
		expect(sanitizeTitle(`x${CSI}2Jy\tz`)).toBe('xy z');
		expect([...sanitizeTitle('t'.repeat(5000))]).toHaveLength(200);
	});
});

describe('TerminalScreen: asynchronous parsing and changes', () => {
	it('parses after write returns; flush() waits for it; onChange says when', async () => {
		const {screen} = make(5, 1);
		let calls = 0;
		const unsubscribe = screen.onChange(() => calls++);
		screen.write('abc');
		expect(texts(screen)).toEqual(['     ']);
		const version = screen.version;
		await screen.flush();
		expect(texts(screen)).toEqual(['abc  ']);
		expect(calls).toBe(1);
		expect(screen.version).toBe(version + 1);
		// A flush with nothing new is not a change.
		await screen.flush();
		expect(calls).toBe(1);
		unsubscribe();
		await put(screen, 'd');
		expect(calls).toBe(1);
	});

	it('coalesces a burst of writes into few changes', async () => {
		const {screen} = make(20, 5);
		let calls = 0;
		screen.onChange(() => calls++);
		for (let i = 0; i < 1000; i++) screen.write(`line ${i}\r\n`);
		await screen.flush();
		expect(calls).toBeGreaterThanOrEqual(1);
		expect(calls).toBeLessThan(10);
		expect(plain(screen.lines(false)[3]!)).toBe('line 999            ');
	});

	it('returns the same frame while nothing changed', async () => {
		const {screen} = make(5, 2);
		await put(screen, 'x');
		const frame = screen.lines(true);
		expect(screen.lines(true)).toBe(frame);
		expect(screen.lines(false)).not.toBe(frame);
		await put(screen, 'y');
		expect(screen.lines(true)).not.toBe(frame);
	});

	it('drops output beyond the pending limit instead of letting xterm throw', async () => {
		const {screen} = make(10, 2, {maxPendingBytes: 1000});
		for (let i = 0; i < 10; i++) screen.write('x'.repeat(400));
		expect(screen.droppedBytes).toBe(3200);
		await screen.flush();
		screen.write('y'.repeat(400));
		expect(screen.droppedBytes).toBe(3200);
	});

	it('ignores writes after dispose, resolves a flush pending at dispose and keeps the last frame', async () => {
		const {screen} = make(5, 1);
		await put(screen, 'ab');
		const frame = screen.lines(false);
		screen.write('c');
		const flushed = screen.flush();
		screen.dispose();
		await flushed;
		screen.write('more');
		await screen.flush();
		expect(screen.lines(false)).toBe(frame);
		expect(screen.scrollbackLines(0, 5)).toEqual([]);
	});
});

describe('TerminalScreen: performance', () => {
	/** Milliseconds per full-screen conversion (the best of five batches: a GC pause is not the code's cost). */
	async function measure(cols: number, rows: number, fill: (x: number, y: number) => string): Promise<number> {
		const {screen} = make(cols, rows, {scrollback: 0});
		let out = '';
		for (let y = 0; y < rows; y++) {
			out += `${CSI}${y + 1};1H`;
			for (let x = 0; x < cols; x++) out += fill(x, y);
		}
		await put(screen, out);
		// scrollbackLines draws afresh every time: no frame cache.
		const convert = () => screen.scrollbackLines(0, rows);
		for (let i = 0; i < 20; i++) convert();
		let best = Infinity;
		for (let batch = 0; batch < 5; batch++) {
			const start = performance.now();
			for (let i = 0; i < 20; i++) convert();
			best = Math.min(best, (performance.now() - start) / 20);
		}
		return best;
	}

	const letters = (x: number, y: number) => String.fromCharCode(97 + ((x + y) % 26));
	// A colourful shell: a style change every eight cells.
	const styled = (x: number, y: number) => (x % 8 === 0 ? `${CSI}${31 + ((x + y) % 7)}m` : '') + letters(x, y);

	it('converts a 200x60 screen in a few milliseconds', async () => {
		const text = await measure(200, 60, letters);
		const colour = await measure(200, 60, styled);
		// The worst case: a different truecolour background in every cell.
		const worst = await measure(200, 60, (x, y) => `${CSI}48;2;${x};${y};${(x * y) % 256}m${letters(x, y)}`);
		const cjk = await measure(200, 60, (x, y) => (x % 2 === 0 ? String.fromCharCode(0x4e00 + x + y) : ''));
		console.log(
			`terminalScreen 200x60 per conversion: text ${text.toFixed(2)} ms, coloured ${colour.toFixed(2)} ms, ` +
				`every cell styled ${worst.toFixed(2)} ms, CJK ${cjk.toFixed(2)} ms`,
		);
		// Loose bounds for a busy CI machine (measured about ten times lower on two cores).
		expect(text).toBeLessThan(10);
		expect(colour).toBeLessThan(10);
		expect(cjk).toBeLessThan(15);
		expect(worst).toBeLessThan(50);
	});

	it('costs in proportion to the width: 4x the columns, about 4x the time', async () => {
		const narrow = await measure(100, 60, styled);
		const wide = await measure(400, 60, styled);
		console.log(`terminalScreen 100x60 ${narrow.toFixed(2)} ms, 400x60 ${wide.toFixed(2)} ms`);
		// A line built in time quadratic in its width would take 16x.
		expect(wide / narrow).toBeLessThan(10);
	});
});
