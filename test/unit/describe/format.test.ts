import {describe, expect, it} from 'vitest';
import {clean, printAnnotations, printLabels, printTaints, printTolerations, rfc1123z} from '../../../src/model/describe/format.js';
import {DescribeWriter} from '../../../src/model/describe/writer.js';

function lines(write: (w: DescribeWriter) => void): string[] {
	const w = new DescribeWriter();
	write(w);
	return w.lines();
}

describe('rfc1123z', () => {
	it('writes Go RFC1123Z in the zone asked for', () => {
		expect(rfc1123z('2026-11-01T09:05:03Z', 'utc')).toBe('Sun, 01 Nov 2026 09:05:03 +0000');
	});

	it('writes an absent time as Go zero time, as kubectl prints a null one', () => {
		expect(rfc1123z(null, 'utc')).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
		expect(rfc1123z(undefined, 'local')).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
	});

	it('uses the local offset by default, as kubectl does', () => {
		const text = rfc1123z('2026-07-01T12:00:00Z', 'local');
		const offset = -new Date('2026-07-01T12:00:00Z').getTimezoneOffset();
		const sign = offset < 0 ? '-' : '+';
		const hhmm = `${String(Math.trunc(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
		expect(text.endsWith(`${sign}${hhmm}`)).toBe(true);
	});
});

describe('clean', () => {
	it('keeps tabs and line breaks from making cells or lines, and drops escape sequences', () => {
		expect(clean('a\tb\nc')).toBe('a b c');
		expect(clean('\u001b[31mred\u001b[0m')).toBe('red');
		expect(clean(3)).toBe('3');
		expect(clean(false)).toBe('false');
		expect(clean(null)).toBe('');
	});
});

describe('printLabels', () => {
	it('sorts keys and aligns the rest under the first', () => {
		expect(lines((w) => printLabels(w, 'Labels', {tier: 'front', app: 'web'}))).toEqual(['Labels:  app=web', '         tier=front']);
	});

	it('says <none> for none', () => {
		expect(lines((w) => printLabels(w, 'Labels', undefined))).toEqual(['Labels:  <none>']);
	});

	it('indents a template title and its continuation lines', () => {
		expect(lines((w) => printLabels(w, 'Labels', {a: '1', b: '2'}, '  '))).toEqual(['  Labels:  a=1', '           b=2']);
	});
});

describe('printAnnotations', () => {
	it('skips the last-applied copy and writes key: value', () => {
		const annotations = {'kubectl.kubernetes.io/last-applied-configuration': '{"big":"json"}', note: 'x'};
		expect(lines((w) => printAnnotations(w, 'Annotations', annotations))).toEqual(['Annotations:  note: x']);
	});

	it('puts a multi-line value beneath its key, and cuts a long one to 138 bytes', () => {
		const long = 'a'.repeat(200);
		expect(lines((w) => printAnnotations(w, 'Annotations', {long, multi: 'one\ntwo\n', z: 'short'}))).toEqual([
			'Annotations:  long:',
			`                ${'a'.repeat(138)}...`,
			'              multi:',
			'                one',
			'                two',
			'              z: short',
		]);
	});

	it('says <none> when only the last-applied copy is there', () => {
		expect(lines((w) => printAnnotations(w, 'Annotations', {'kubectl.kubernetes.io/last-applied-configuration': '{}'}))).toEqual([
			'Annotations:  <none>',
		]);
	});
});

describe('printTaints and printTolerations', () => {
	it('sorts taints by effect then key', () => {
		const taints = [
			{key: 'b', effect: 'NoSchedule'},
			{key: 'a', value: 'x', effect: 'NoSchedule'},
			{key: 'gpu', effect: 'NoExecute'},
		];
		expect(lines((w) => printTaints(w, 'Taints', taints))).toEqual([
			'Taints:  gpu:NoExecute',
			'         a=x:NoSchedule',
			'         b:NoSchedule',
		]);
	});

	it('writes each toleration form kubectl knows', () => {
		const tolerations = [
			{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
			{operator: 'Exists'},
			{key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule'},
			{key: 'only-key', operator: 'Exists'},
		];
		expect(lines((w) => printTolerations(w, 'Tolerations', tolerations))).toEqual([
			'Tolerations:  op=Exists',
			'              dedicated=batch:NoSchedule',
			'              node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
			'              only-key op=Exists',
		]);
	});
});
