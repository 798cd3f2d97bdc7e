import {describe, expect, it} from 'vitest';
import {getField, getPath, parseFieldPath, valueText, type FieldPath} from '../../src/model/fieldPath.js';

describe('parseFieldPath', () => {
	it.each<[string, FieldPath]>([
		['name', ['name']],
		['metadata.name', ['metadata', 'name']],
		['spec.containers[0].image', ['spec', 'containers', 0, 'image']],
		['status.addresses[12].address', ['status', 'addresses', 12, 'address']],
		['[0]', [0]],
		['items[0][1]', ['items', 0, 1]],
		['metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
		["metadata.labels['app.kubernetes.io/name']", ['metadata', 'labels', 'app.kubernetes.io/name']],
		['metadata.annotations["a.b"].x', ['metadata', 'annotations', 'a.b', 'x']],
		['a[""]', ['a', '']],
	])('%s', (text, want) => {
		expect(parseFieldPath(text)).toEqual(want);
	});

	it('returns the same parsed path for the same text (cached)', () => {
		expect(parseFieldPath('spec.nodeName')).toBe(parseFieldPath('spec.nodeName'));
	});

	it.each([
		['empty', '', /empty path/],
		['leading dot', '.metadata', /at 0: a path cannot start or end with "\."/],
		['trailing dot', 'metadata.', /cannot start or end with "\."/],
		['only a dot', '.', /cannot start or end/],
		['unclosed bracket', 'spec.containers[0', /unclosed "\["/],
		['a bare word in brackets', 'spec.containers[x]', /expected a number or a quoted key/],
		['a negative index', 'items[-1]', /expected a number or a quoted key/],
		['mismatched quotes', `labels["app']`, /expected a number or a quoted key/],
		['empty brackets', 'items[]', /expected a number or a quoted key/],
	])('%s is an error naming the path', (_name, text, message) => {
		expect(() => parseFieldPath(text)).toThrow(message);
		expect(() => parseFieldPath(text)).toThrow(`bad field path "${text}"`);
	});
});

describe('getField and getPath', () => {
	const pod = {
		metadata: {name: 'web-1', labels: {'app.kubernetes.io/name': 'shop'}, zero: 0, no: false, nothing: null},
		spec: {containers: [{image: 'nginx:1'}, {image: 'envoy:2'}]},
	};
	it.each<[string, string, unknown]>([
		['a nested string', 'metadata.name', 'web-1'],
		['a list element', 'spec.containers[1].image', 'envoy:2'],
		['a quoted key with dots', 'metadata.labels["app.kubernetes.io/name"]', 'shop'],
		['an out-of-range index', 'spec.containers[5].image', undefined],
		['a missing step', 'status.phase', undefined],
		['through a string', 'metadata.name.length', undefined],
		['through null', 'metadata.nothing.x', undefined],
		['a zero', 'metadata.zero', 0],
		['a false', 'metadata.no', false],
		['a null', 'metadata.nothing', null],
		['a whole list', 'spec.containers', pod.spec.containers],
	])('%s', (_name, path, want) => {
		expect(getField(pod, path)).toEqual(want);
	});

	it.each<[string, unknown]>([
		['undefined', undefined],
		['null', null],
		['a number', 3],
		['a string', 'x'],
	])('reading into %s gives undefined', (_name, object) => {
		expect(getPath(object, ['a'])).toBeUndefined();
	});

	it('an empty path returns the object itself', () => {
		expect(getPath(pod, [])).toBe(pod);
	});
});

describe('valueText', () => {
	it.each<[string, unknown, string]>([
		['undefined', undefined, ''],
		['null', null, ''],
		['a string', 'web', 'web'],
		['an empty string', '', ''],
		['a number', 42, '42'],
		['zero', 0, '0'],
		['a boolean', true, 'true'],
		['false', false, 'false'],
		['a bigint', 10n, '10'],
		['a list joined by commas', ['a', 1, true], 'a,1,true'],
		['nested lists flatten', ['a', ['b', 'c']], 'a,b,c'],
		['a list with holes', ['a', null, 'b'], 'a,,b'],
		['an object as JSON', {a: 1, b: 'x'}, '{"a":1,"b":"x"}'],
		['a list of objects', [{a: 1}], '{"a":1}'],
	])('%s', (_name, value, want) => {
		expect(valueText(value)).toBe(want);
	});
});
