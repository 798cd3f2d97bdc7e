import {describe, expect, it} from 'vitest';
import {inkInputBytes, keyBytes, pasteBytes} from '../../src/keys/keyBytes.js';
import {parseKey, type InkKey} from '../../src/keys/keySpec.js';
import {NO_KEY} from '../helpers/inkKey.js';

const APP = {applicationCursorKeys: true};

describe('keyBytes: what a terminal sends for a key', () => {
	it.each<[string, string]>([
		// Plain characters, as UTF-8 text.
		['a', 'a'],
		['G', 'G'],
		['?', '?'],
		['+', '+'],
		['é', 'é'],
		['中', '中'],
		['😀', '😀'],
		// Named keys.
		['enter', '\r'],
		['tab', '\t'],
		['shift+tab', '\x1b[Z'],
		['backspace', '\x7f'],
		['esc', '\x1b'],
		['space', ' '],
		['up', '\x1b[A'],
		['down', '\x1b[B'],
		['right', '\x1b[C'],
		['left', '\x1b[D'],
		['home', '\x1b[H'],
		['end', '\x1b[F'],
		['insert', '\x1b[2~'],
		['delete', '\x1b[3~'],
		['pageup', '\x1b[5~'],
		['pagedown', '\x1b[6~'],
		['f1', '\x1bOP'],
		['f2', '\x1bOQ'],
		['f3', '\x1bOR'],
		['f4', '\x1bOS'],
		['f5', '\x1b[15~'],
		['f6', '\x1b[17~'],
		['f7', '\x1b[18~'],
		['f8', '\x1b[19~'],
		['f9', '\x1b[20~'],
		['f10', '\x1b[21~'],
		['f11', '\x1b[23~'],
		['f12', '\x1b[24~'],
		// ctrl+<key>: the control byte.
		['ctrl+a', '\x01'],
		['ctrl+c', '\x03'],
		['ctrl+d', '\x04'],
		['ctrl+z', '\x1a'],
		['ctrl+space', '\x00'],
		['ctrl+@', '\x00'],
		['ctrl+[', '\x1b'],
		['ctrl+\\', '\x1c'],
		['ctrl+]', '\x1d'],
		['ctrl+^', '\x1e'],
		['ctrl+_', '\x1f'],
		['ctrl+?', '\x7f'],
		['ctrl+2', '\x00'],
		['ctrl+3', '\x1b'],
		['ctrl+7', '\x1f'],
		['ctrl+8', '\x7f'],
		['ctrl+backspace', '\b'],
		['ctrl+1', '1'],
		['ctrl+enter', '\r'],
		// alt+<key>: ESC first.
		['alt+x', '\x1bx'],
		['alt+X', '\x1bX'],
		['alt+.', '\x1b.'],
		['alt+enter', '\x1b\r'],
		['alt+backspace', '\x1b\x7f'],
		['alt+esc', '\x1b\x1b'],
		['ctrl+alt+x', '\x1b\x18'],
		['meta+b', '\x1bb'],
		// Modified cursor and editing keys: xterm's CSI 1;<modifier>.
		['shift+up', '\x1b[1;2A'],
		['alt+left', '\x1b[1;3D'],
		['ctrl+right', '\x1b[1;5C'],
		['ctrl+shift+down', '\x1b[1;6B'],
		['ctrl+alt+shift+home', '\x1b[1;8H'],
		['shift+end', '\x1b[1;2F'],
		['ctrl+delete', '\x1b[3;5~'],
		['shift+pageup', '\x1b[5;2~'],
		['shift+f1', '\x1b[1;2P'],
		['ctrl+f5', '\x1b[15;5~'],
	])('%j', (token, bytes) => {
		expect(keyBytes(token)).toBe(bytes);
	});

	it.each<[string, string]>([
		['up', '\x1bOA'],
		['down', '\x1bOB'],
		['right', '\x1bOC'],
		['left', '\x1bOD'],
		['home', '\x1bOH'],
		['end', '\x1bOF'],
		// Modified keys and the rest do not change.
		['ctrl+up', '\x1b[1;5A'],
		['pageup', '\x1b[5~'],
		['f1', '\x1bOP'],
		['a', 'a'],
	])('%j in application cursor mode (DECCKM)', (token, bytes) => {
		expect(keyBytes(token, APP)).toBe(bytes);
	});

	it.each(['nokey', 'ctrl+nokey', 'f13', ''])('%j names no key', (token) => {
		expect(keyBytes(token)).toBeUndefined();
	});

	it('sends every key a binding can name', () => {
		for (const text of ['j', 'G', 'ctrl+w', 'alt+x', 'shift+tab', 'pgdn', 'del', 'escape', 'return', 'ctrl+alt+delete', ' ']) {
			const parsed = parseKey(text);
			if (!('key' in parsed)) throw new Error(parsed.error);
			expect(keyBytes(parsed.key), text).toBeTypeOf('string');
		}
	});
});

describe('inkInputBytes: one Ink input event', () => {
	it.each<[string, string, Partial<InkKey>, string]>([
		['a typed burst', 'ls -l', {}, 'ls -l'],
		['a burst with Enter and Tab in it', 'cd /\tx\r', {}, 'cd /\tx\r'],
		['an upper-case letter (Ink flags shift)', 'G', {shift: true}, 'G'],
		['ctrl+c', 'c', {ctrl: true}, '\x03'],
		['alt+b (Ink also flags escape)', 'b', {meta: true, escape: true}, '\x1bb'],
		['a bare esc', '', {escape: true}, '\x1b'],
		['up', '', {upArrow: true}, '\x1b[A'],
		['ctrl+left', '', {leftArrow: true, ctrl: true}, '\x1b[1;5D'],
		['shift+tab', '', {tab: true, shift: true}, '\x1b[Z'],
		['backspace', '', {backspace: true}, '\x7f'],
		['delete', '', {delete: true}, '\x1b[3~'],
		['a control character in a burst', 'a\x1cb', {}, 'a\x1cb'],
		['a key Ink cannot name (F1 arrives empty)', '', {}, ''],
	])('%s', (_name, input, flags, bytes) => {
		expect(inkInputBytes(input, {...NO_KEY, ...flags})).toBe(bytes);
	});

	it('honours application cursor mode', () => {
		expect(inkInputBytes('', {...NO_KEY, downArrow: true}, APP)).toBe('\x1bOB');
	});
});

describe('pasteBytes', () => {
	it('sends line ends as Enter does', () => {
		expect(pasteBytes('a\nb\r\nc', false)).toBe('a\rb\rc');
	});

	it('brackets the paste when the program asked', () => {
		expect(pasteBytes('echo hi\n', true)).toBe('\x1b[200~echo hi\r\x1b[201~');
	});

	it('removes bracket markers inside the text, even ones that removing another would join', () => {
		expect(pasteBytes('x\x1b[201~rm -rf ~\n', true)).toBe('\x1b[200~xrm -rf ~\r\x1b[201~');
		expect(pasteBytes('\x1b[20\x1b[201~1~id', true)).toBe('\x1b[200~id\x1b[201~');
		expect(pasteBytes('a\x9b201~b', true)).toBe('\x1b[200~ab\x1b[201~');
	});
});
