import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {editableText, keptEditText, onlyStatusChanged, readEdit, type EditResult} from '../../src/model/editText.js';

type Json = Record<string, unknown>;

/** A deployment as the server returns it, managedFields included. */
function deployment(): Json {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name: 'web',
			namespace: 'shop',
			resourceVersion: '123',
			uid: 'f00d',
			labels: {app: 'web', tier: 'front'},
			annotations: {'deployment.kubernetes.io/revision': '3'},
			managedFields: [{manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: {'f:spec': {'f:replicas': {}}}}],
		},
		spec: {
			replicas: 2,
			selector: {matchLabels: {app: 'web'}},
			template: {
				metadata: {labels: {app: 'web'}},
				spec: {containers: [{name: 'web', image: 'nginx:1.27', ports: [{containerPort: 80, protocol: 'TCP'}]}]},
			},
		},
		status: {replicas: 2, readyReplicas: 2},
	};
}

/** The object without metadata.managedFields, as the editor shows it. */
function withoutManagedFields(object: Json): Json {
	const metadata = {...(object['metadata'] as Json)};
	delete metadata['managedFields'];
	return {...object, metadata};
}

/** A ConfigMap holding a script and a config file: values with lines that begin with `#`. */
function scriptConfigMap(): Json {
	return {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: 'scripts', namespace: 'shop', resourceVersion: '7'},
		data: {
			'run.sh': '#!/bin/sh\n# start the server\nexec nginx -g "daemon off;"\n',
			'nginx.conf': 'server {\n  # the port\n  listen 80;\n}\n',
		},
	};
}

const meaningfulLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));

describe('editableText', () => {
	it('begins with the # header', () => {
		const text = editableText(deployment());
		expect(text.startsWith('# ')).toBe(true);
		expect(text.split('\n')[0]).toMatch(/^# Edit the object below/);
	});

	it('comments come before the object: the first uncommented line is the first field', () => {
		const text = editableText(deployment());
		expect(meaningfulLines(text)[0]).toBe('apiVersion: apps/v1');
	});

	it('drops metadata.managedFields and keeps the rest of metadata', () => {
		const text = editableText(deployment());
		expect(text).not.toContain('managedFields');
		expect(text).not.toContain('f:replicas');
		expect(parse(text)).toEqual(withoutManagedFields(deployment()));
	});

	it('does not change the object it was given', () => {
		const object = deployment();
		editableText(object);
		expect(object).toEqual(deployment());
	});

	it('an object without managedFields is shown whole', () => {
		const object = withoutManagedFields(deployment());
		expect(parse(editableText(object))).toEqual(object);
	});

	it('problems become comment lines after the header, before the object', () => {
		const text = editableText(deployment(), ['first problem', 'second problem']);
		const lines = text.split('\n');
		const first = lines.indexOf('# first problem');
		expect(first).toBeGreaterThan(0);
		expect(lines[first + 1]).toBe('# second problem');
		expect(first).toBeLessThan(lines.indexOf('apiVersion: apps/v1'));
		expect(parse(text)).toEqual(withoutManagedFields(deployment()));
	});

	it('no problems: no problem lines', () => {
		const text = editableText(deployment());
		expect(text).not.toContain('problem');
		expect(text).toBe(editableText(deployment(), []));
	});

	it('long values are not folded', () => {
		const long = 'x'.repeat(300);
		const object = {...deployment(), metadata: {name: 'web', annotations: {note: long}}};
		expect(editableText(object)).toContain(`note: ${long}\n`);
	});
});

describe('readEdit', () => {
	const original = deployment();

	it.each<[string, string]>([
		['an empty file', ''],
		['blank lines', '\n  \n\t\n'],
		['comments only', '# nothing here\n#\n'],
		['indented comments', '  # nothing\n\t# here\n'],
		[
			'the header alone',
			editableText(original)
				.split('\n')
				.filter((l) => l.startsWith('#'))
				.join('\n'),
		],
	])('%s is empty (the edit is cancelled)', (_name, text) => {
		expect(readEdit(text, original)).toEqual<EditResult>({type: 'empty'});
	});

	it('the text exactly as editableText produced it is unchanged', () => {
		expect(readEdit(editableText(original), original)).toEqual<EditResult>({type: 'unchanged'});
	});

	it('unchanged also when the original had managedFields and the text lacks them', () => {
		expect('managedFields' in (original['metadata'] as Json)).toBe(true);
		expect(readEdit(editableText(original), original)).toEqual<EditResult>({type: 'unchanged'});
	});

	it('unchanged with problem lines in the header', () => {
		expect(readEdit(editableText(original, ['something went wrong']), original)).toEqual<EditResult>({type: 'unchanged'});
	});

	it('unchanged when only comments and blank lines were added', () => {
		const text = `${editableText(original)}\n# a note of mine\n\n`;
		expect(readEdit(text, original)).toEqual<EditResult>({type: 'unchanged'});
	});

	it('unchanged for an object without metadata', () => {
		const bare = {apiVersion: 'v1', kind: 'Thing'};
		expect(readEdit(editableText(bare), bare)).toEqual<EditResult>({type: 'unchanged'});
	});

	it('does not change the original', () => {
		readEdit(editableText(original).replace('replicas: 2', 'replicas: 5'), original);
		expect(original).toEqual(deployment());
	});

	it('a changed value is changed, with the parsed object', () => {
		const text = editableText(original).replace('  replicas: 2\n', '  replicas: 5\n');
		const want = withoutManagedFields(deployment());
		(want['spec'] as Json)['replicas'] = 5;
		expect(readEdit(text, original)).toEqual<EditResult>({type: 'changed', object: want});
	});

	it('a changed label is changed; managedFields is not brought back', () => {
		const result = readEdit(editableText(original).replace('tier: front', 'tier: back'), original);
		expect(result.type).toBe('changed');
		if (result.type !== 'changed') return;
		const metadata = result.object['metadata'] as Json;
		expect(metadata['labels']).toEqual({app: 'web', tier: 'back'});
		expect(metadata).not.toHaveProperty('managedFields');
		expect(metadata['resourceVersion']).toBe('123');
	});

	it('a removed field is changed', () => {
		const text = editableText(original).replace(/^status:\n(?: {2}.*\n)*/m, '');
		const result = readEdit(text, original);
		expect(result.type).toBe('changed');
		if (result.type === 'changed') expect(result.object).not.toHaveProperty('status');
	});

	it('a number typed as a string is a change (resourceVersion stays a string)', () => {
		const text = editableText(original);
		expect(text).toContain('resourceVersion: "123"');
		expect(readEdit(text.replace('resourceVersion: "123"', 'resourceVersion: 123'), original).type).toBe('changed');
	});

	it.each<[string, string]>([
		['an unclosed flow list', 'metadata: [\n'],
		['a bad indent', 'a: b\n  c: d\n'],
		['a tab indent', 'a:\n\tb: c\n'],
		['duplicate keys', 'a: 1\na: 2\n'],
		['two documents', 'a: 1\n---\nb: 2\n'],
	])('invalid YAML (%s) is invalid with a one-line message', (_name, body) => {
		const result = readEdit(`# header\n${body}`, original);
		expect(result.type).toBe('invalid');
		if (result.type !== 'invalid') return;
		expect(result.message).toMatch(/^not valid YAML: \S/);
		expect(result.message).not.toContain('\n');
	});

	it.each<[string, string]>([
		['a list', '- a\n- b\n'],
		['a list of objects', '- apiVersion: v1\n  kind: Pod\n'],
		['a string', 'hello\n'],
		['a number', '42\n'],
		['null', 'null\n'],
		['a tilde', '~\n'],
	])('%s is not one object: invalid', (_name, body) => {
		expect(readEdit(`# header\n${body}`, original)).toEqual<EditResult>({type: 'invalid', message: 'the edit must be one object'});
	});

	it('unchanged for a ConfigMap whose values contain lines beginning with #', () => {
		const cm = scriptConfigMap();
		expect(readEdit(editableText(cm), cm)).toEqual<EditResult>({type: 'unchanged'});
	});

	it('a changed ConfigMap keeps the # lines inside its values', () => {
		const cm = scriptConfigMap();
		const result = readEdit(editableText(cm).replace('listen 80;', 'listen 8080;'), cm);
		expect(result).toEqual<EditResult>({
			type: 'changed',
			object: {
				...cm,
				data: {
					'run.sh': '#!/bin/sh\n# start the server\nexec nginx -g "daemon off;"\n',
					'nginx.conf': 'server {\n  # the port\n  listen 8080;\n}\n',
				},
			},
		});
	});
});

describe('keptEditText', () => {
	/** The user's edit: replicas 2 -> 5, read at resourceVersion 123. */
	function edited(): Json {
		const object = withoutManagedFields(deployment());
		(object['spec'] as Json)['replicas'] = 5;
		return object;
	}

	it('begins with the header and includes the refusal reason as a comment', () => {
		const text = keptEditText(edited(), 'admission webhook "policy" denied the request: replicas above 4');
		expect(text.startsWith('# Edit the object below')).toBe(true);
		expect(text.split('\n')).toContain('# The server refused this edit: admission webhook "policy" denied the request: replicas above 4');
	});

	it('without a latest resourceVersion the edit is kept as it was, with no conflict note', () => {
		const text = keptEditText(edited(), 'forbidden');
		expect(text).not.toMatch(/Someone changed/);
		expect(parse(text)).toEqual(edited());
		expect(readEdit(text, deployment())).toEqual<EditResult>({type: 'changed', object: edited()});
	});

	it('with a latest resourceVersion it sets metadata.resourceVersion to it', () => {
		const text = keptEditText(edited(), 'Operation cannot be fulfilled: the object has been modified', '456');
		const metadata = (parse(text) as Json)['metadata'] as Json;
		expect(metadata['resourceVersion']).toBe('456');
		expect(text).toContain('resourceVersion: "456"');
		expect(text).not.toContain('resourceVersion: "123"');
	});

	it('with a latest resourceVersion it explains the conflict, old -> new, in comments', () => {
		const text = keptEditText(edited(), 'the object has been modified', '456');
		const comments = text.split('\n').filter((l) => l.startsWith('#'));
		expect(comments.join('\n')).toMatch(/Someone changed the object after you opened it \(resourceVersion 123 -> 456\)/);
		expect(comments.join('\n')).toMatch(/overwrite/);
		expect(comments).toContain('# The server refused this edit: the object has been modified');
	});

	it('readEdit of it parses back to the edited object, with the new resourceVersion', () => {
		const text = keptEditText(edited(), 'the object has been modified', '456');
		const want = edited();
		(want['metadata'] as Json)['resourceVersion'] = '456';
		// Compared with the latest object (as the app does when it reopens the edit).
		const latest = deployment();
		(latest['metadata'] as Json)['resourceVersion'] = '456';
		expect(readEdit(text, latest)).toEqual<EditResult>({type: 'changed', object: want});
		expect(readEdit(text, deployment())).toEqual<EditResult>({type: 'changed', object: want});
	});

	it('saving the kept text untouched against the object the user had edited is not "unchanged"', () => {
		expect(readEdit(keptEditText(edited(), 'refused'), deployment()).type).toBe('changed');
	});

	it('does not change the edited object', () => {
		const object = edited();
		keptEditText(object, 'conflict', '456');
		expect(object).toEqual(edited());
	});

	it('a reason over several lines stays commented', () => {
		const text = keptEditText(edited(), 'denied:\nreplicas: must be at most 4', '456');
		const want = edited();
		(want['metadata'] as Json)['resourceVersion'] = '456';
		expect(readEdit(text, deployment())).toEqual<EditResult>({type: 'changed', object: want});
	});
});

describe('onlyStatusChanged', () => {
	const base = {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', resourceVersion: '1', managedFields: [{manager: 'a'}], labels: {app: 'web'}},
		spec: {replicas: 2},
		status: {readyReplicas: 1},
	};

	it('holds when only status, resourceVersion and managedFields moved', () => {
		const after = {
			...base,
			metadata: {...base.metadata, resourceVersion: '7', managedFields: [{manager: 'b'}]},
			status: {readyReplicas: 2},
		};
		expect(onlyStatusChanged(base, after)).toBe(true);
	});

	it('does not hold when the spec, a label or an annotation changed', () => {
		expect(onlyStatusChanged(base, {...base, spec: {replicas: 3}})).toBe(false);
		expect(onlyStatusChanged(base, {...base, metadata: {...base.metadata, labels: {app: 'web', tier: 'x'}}})).toBe(false);
		expect(onlyStatusChanged(base, {...base, metadata: {...base.metadata, annotations: {a: 'b'}}})).toBe(false);
	});
});
