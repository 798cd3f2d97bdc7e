import {describe, expect, it} from 'vitest';
import {restyleYaml, yamlScreen} from '../../src/model/screens.js';
import {yamlLines} from '../../src/model/yamlView.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const secret = {
	apiVersion: 'v1',
	kind: 'Secret',
	metadata: {
		name: 'db',
		namespace: 'shop',
		annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}', team: 'payments'},
		managedFields: [{manager: 'kubectl', operation: 'Update'}],
	},
	type: 'Opaque',
	data: {password: b64('hunter2'), blob: Buffer.from([0, 1, 2, 255, 254]).toString('base64')},
};

const hidden = {managedFields: false, secret: true, revealed: false};

describe('yamlLines', () => {
	it('hides managedFields unless asked, and keeps everything else', () => {
		const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', managedFields: [{manager: 'kubelet'}]}, spec: {nodeName: 'n1'}};
		const text = yamlLines(pod, {managedFields: false, secret: false, revealed: false}).join('\n');
		expect(text).not.toContain('managedFields');
		expect(text).toContain('nodeName: n1');
		expect(yamlLines(pod, {managedFields: true, secret: false, revealed: false}).join('\n')).toContain('manager: kubelet');
	});

	it('masks every Secret value, including the copy in last-applied, until revealed', () => {
		const text = yamlLines(secret, hidden).join('\n');
		expect(text).not.toContain(b64('hunter2'));
		expect(text).not.toContain('hunter2');
		expect(text).not.toContain('aHVudGVyMg==');
		expect(text).toContain('password: ••••••••');
		expect(text).toContain('team: payments');
	});

	it('shows revealed values decoded, and binary values as a size, never raw bytes', () => {
		const text = yamlLines(secret, {...hidden, revealed: true}).join('\n');
		expect(text).toContain('password: hunter2');
		expect(text).toContain('blob: (5 bytes of binary data)');
	});

	it('shows JSON instead when asked, masked alike and without managedFields', () => {
		const lines = yamlLines(secret, {...hidden, json: true});
		const parsed = JSON.parse(lines.join('\n')) as {data: Record<string, string>; metadata: Record<string, unknown>};
		expect(parsed.data['password']).toBe('••••••••');
		expect(parsed.metadata['managedFields']).toBeUndefined();
		expect(lines.join('\n')).not.toContain('hunter2');
		expect(JSON.parse(yamlLines(secret, {...hidden, json: true, revealed: true}).join('\n'))).toMatchObject({data: {password: 'hunter2'}});
	});

	it('masks stringData too', () => {
		const text = yamlLines({...secret, stringData: {token: 'abc'}}, hidden).join('\n');
		expect(text).toContain('token: ••••••••');
		expect(text).not.toContain('abc');
	});

	it('does not touch a ConfigMap that happens to have data', () => {
		const text = yamlLines(
			{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {a: 'plain'}},
			{managedFields: false, secret: false, revealed: false},
		).join('\n');
		expect(text).toContain('a: plain');
	});
});

describe('YAML screens', () => {
	it('restyle keeps the cursor and swaps the object or the options', () => {
		const screen = {...yamlScreen('yaml(shop/db)', secret, true), selected: 3, top: 1};
		const revealed = restyleYaml(screen, {revealed: true});
		expect(revealed.selected).toBe(3);
		expect(revealed.top).toBe(1);
		expect(revealed.lines.join('\n')).toContain('hunter2');
		const full = restyleYaml(revealed, {object: {...secret, data: {password: b64('s3cret')}}});
		expect(full.lines.join('\n')).toContain('password: s3cret');
		expect(full.yaml?.revealed).toBe(true);
	});
});
