import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {readDataFile} from '../../src/config/dataFile.js';
import {formatDataError, loadConfig} from '../../src/config/index.js';
import {loadKeymap} from '../../src/config/keymap.js';
import {loadTheme, THEME_TOKENS} from '../../src/config/theme.js';
import {loadUserConfig, userConfigFile} from '../../src/config/userConfig.js';
import type {DataError} from '../../src/config/validate.js';
import {loadViews, parseView, viewDirs} from '../../src/config/views.js';
import {COMMANDS} from '../../src/keys/commands.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHIPPED_VIEWS = path.join(ROOT, 'views');
const SHIPPED_KEYMAPS = path.join(ROOT, 'keymaps');
const SHIPPED_THEMES = path.join(ROOT, 'themes');

/** A fresh, empty user config dir. */
function tempDir(): string {
	return mkdtempSync(path.join(os.tmpdir(), 'kview-unit-'));
}

/** Writes files (relative path -> content; objects become JSON) into a fresh dir. */
function userDir(files: Record<string, unknown>): string {
	const dir = tempDir();
	for (const [rel, content] of Object.entries(files)) {
		const file = path.join(dir, rel);
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
	}
	return dir;
}

const dataFiles = (dir: string) => readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f));

describe('formatDataError', () => {
	it.each<[DataError, string]>([
		[
			{file: 'views/pods.json', field: 'columns[2].computed', message: 'unknown computed field "x"'},
			'views/pods.json: columns[2].computed: unknown computed field "x"',
		],
		[{file: 'config.yaml', field: '', message: 'not valid YAML: oops'}, 'config.yaml: not valid YAML: oops'],
	])('%j', (error, text) => {
		expect(formatDataError(error)).toBe(text);
	});
});

describe('shipped views (contract)', () => {
	const files = dataFiles(SHIPPED_VIEWS);

	it('there are shipped views', () => {
		expect(files.length).toBeGreaterThanOrEqual(4);
	});

	it.each(files)('views/%s validates', (name) => {
		const file = path.join(SHIPPED_VIEWS, name);
		const read = readDataFile(file);
		if ('error' in read) throw new Error(formatDataError(read.error));
		const {view, errors} = parseView(read.data, file);
		expect(errors).toEqual([]);
		expect(view?.file).toBe(file);
		expect(view?.columns.length).toBeGreaterThan(0);
		expect(view?.columns.some((c) => c.header === view.sort.column)).toBe(true);
		expect(view?.columns.some((c) => c.header === 'NAME')).toBe(true);
	});

	it('load together with no errors, every drill-down landing on a view', () => {
		const {value, errors} = loadViews([SHIPPED_VIEWS]);
		expect(errors).toEqual([]);
		expect(value.size).toBe(files.length);
		for (const view of value.values()) if (view.drillDown) expect(value.has(view.drillDown.view)).toBe(true);
	});

	it('no alias names two views', () => {
		const owner = new Map<string, string>();
		for (const view of loadViews([SHIPPED_VIEWS]).value.values()) {
			for (const name of [view.kind, ...view.aliases]) {
				expect(owner.get(name) ?? view.kind, `":${name}" is claimed by ${owner.get(name)} and ${view.kind}`).toBe(view.kind);
				owner.set(name, view.kind);
			}
		}
	});

	it.each(['pods', 'deployments', 'namespaces', 'nodes'])('%s is shipped', (kind) => {
		expect(loadViews([SHIPPED_VIEWS]).value.has(kind)).toBe(true);
	});
});

describe('parseView', () => {
	const base = () => ({
		kind: 'things',
		engine: 'kubernetes',
		columns: [
			{header: 'NAME', field: 'metadata.name'},
			{header: 'AGE', computed: 'age'},
		],
	});

	it('fills in defaults for everything optional', () => {
		const {view, errors} = parseView(base(), 'things.json');
		expect(errors).toEqual([]);
		expect(view).toEqual({
			kind: 'things',
			title: 'things',
			engine: 'kubernetes',
			aliases: [],
			namespaced: false,
			columns: [
				{header: 'NAME', field: 'metadata.name', align: 'left', wide: false, allNamespaces: false, maxWidth: 80, sortAs: 'text'},
				{header: 'AGE', computed: 'age', align: 'left', wide: false, allNamespaces: false, maxWidth: 80, sortAs: 'text'},
			],
			sort: {column: 'NAME', descending: false},
			actions: [],
			labelsField: 'metadata.labels',
			file: 'things.json',
		});
	});

	it('reads every optional field', () => {
		const {view, errors} = parseView(
			{
				...base(),
				title: 'Things',
				aliases: 'th',
				namespaced: true,
				description: 'ignored but allowed',
				columns: [
					{header: 'NAME', field: 'metadata.name', maxWidth: 63, wide: false, allNamespaces: false},
					{header: 'COUNT', field: 'spec.count', align: 'right', sortAs: 'number', wide: true, maxWidth: 3, default: '0'},
				],
				sort: {column: 'COUNT', descending: true},
				health: 'podHealth',
				actions: ['resource.describe'],
				drillDown: {view: 'pods', labelSelectorFrom: 'spec.selector', sameNamespace: true, owned: true},
				labelsField: 'spec.template.metadata.labels',
			},
			'things.json',
		);
		expect(errors).toEqual([]);
		expect(view).toMatchObject({
			title: 'Things',
			aliases: ['th'],
			namespaced: true,
			sort: {column: 'COUNT', descending: true},
			health: 'podHealth',
			actions: ['resource.describe'],
			drillDown: {view: 'pods', labelSelectorFrom: 'spec.selector', sameNamespace: true, owned: true},
			labelsField: 'spec.template.metadata.labels',
		});
		expect(view?.columns[1]).toEqual({
			header: 'COUNT',
			field: 'spec.count',
			align: 'right',
			sortAs: 'number',
			wide: true,
			allNamespaces: false,
			maxWidth: 3,
			default: '0',
		});
	});

	type Mutation = (v: Record<string, unknown> & ReturnType<typeof base>) => unknown;
	it.each<[string, Mutation, string, RegExp]>([
		['not an object', () => ['a list'], '', /expected an object, got a list/],
		['missing kind', (v) => ({...v, kind: undefined}), 'kind', /expected a non-empty string, got nothing/],
		['empty kind', (v) => ({...v, kind: ''}), 'kind', /expected a non-empty string/],
		['unknown engine', (v) => ({...v, engine: 'podman'}), 'engine', /expected one of kubernetes, docker, memory, got "podman"/],
		['unknown top-level key', (v) => ({...v, colums: []}), 'colums', /unknown field \(expected one of kind, title/],
		['missing columns', (v) => ({...v, columns: undefined}), 'columns', /expected a non-empty list of columns/],
		['empty columns', (v) => ({...v, columns: []}), 'columns', /expected a non-empty list of columns/],
		['columns not a list', (v) => ({...v, columns: {NAME: 'metadata.name'}}), 'columns', /non-empty list/],
		['a column that is not an object', (v) => ({...v, columns: ['NAME']}), 'columns[0]', /expected an object, got "NAME"/],
		[
			'unknown computed field',
			(v) => ({...v, columns: [v.columns[0], {header: 'X', computed: 'bogus'}]}),
			'columns[1].computed',
			/unknown computed field "bogus" \(known: age, /,
		],
		[
			'unknown column key',
			(v) => ({...v, columns: [{header: 'NAME', field: 'metadata.name', heading: 'x'}]}),
			'columns[0].heading',
			/unknown field/,
		],
		['bad field path', (v) => ({...v, columns: [{header: 'NAME', field: 'metadata.'}]}), 'columns[0].field', /bad field path "metadata\."/],
		[
			'unclosed bracket in a field path',
			(v) => ({...v, columns: [{header: 'IP', field: 'status.addresses[0'}]}),
			'columns[0].field',
			/unclosed "\["/,
		],
		[
			'field and computed both',
			(v) => ({...v, columns: [{header: 'NAME', field: 'metadata.name', computed: 'age'}]}),
			'columns[0]',
			/set either "field" or "computed", not both/,
		],
		[
			'neither field nor computed',
			(v) => ({...v, columns: [{header: 'NAME'}]}),
			'columns[0]',
			/needs "field" \(a path in the object\) or "computed"/,
		],
		['missing header', (v) => ({...v, columns: [{field: 'metadata.name'}]}), 'columns[0].header', /expected a non-empty string/],
		[
			'bad align',
			(v) => ({...v, columns: [{header: 'NAME', field: 'x', align: 'center'}]}),
			'columns[0].align',
			/expected one of left, right, got "center"/,
		],
		[
			'maxWidth too small',
			(v) => ({...v, columns: [{header: 'NAME', field: 'x', maxWidth: 2}]}),
			'columns[0].maxWidth',
			/expected a whole number from 3 to 500, got 2/,
		],
		['maxWidth too large', (v) => ({...v, columns: [{header: 'NAME', field: 'x', maxWidth: 501}]}), 'columns[0].maxWidth', /from 3 to 500/],
		['maxWidth not whole', (v) => ({...v, columns: [{header: 'NAME', field: 'x', maxWidth: 10.5}]}), 'columns[0].maxWidth', /whole number/],
		[
			'bad sortAs',
			(v) => ({...v, columns: [{header: 'NAME', field: 'x', sortAs: 'date'}]}),
			'columns[0].sortAs',
			/expected one of text, number/,
		],
		[
			'wide not a boolean',
			(v) => ({...v, columns: [{header: 'NAME', field: 'x', wide: 'yes'}]}),
			'columns[0].wide',
			/expected true or false, got "yes"/,
		],
		[
			'allNamespaces not a boolean',
			(v) => ({...v, columns: [{header: 'NAME', field: 'x', allNamespaces: 1}]}),
			'columns[0].allNamespaces',
			/expected true or false, got 1/,
		],
		['sort by a missing header', (v) => ({...v, sort: {column: 'STATUS'}}), 'sort.column', /no column has the header "STATUS"/],
		['unknown sort key', (v) => ({...v, sort: {column: 'NAME', by: 'x'}}), 'sort.by', /unknown field/],
		[
			'sort.descending not a boolean',
			(v) => ({...v, sort: {column: 'NAME', descending: 'yes'}}),
			'sort.descending',
			/expected true or false/,
		],
		['unknown health rating', (v) => ({...v, health: 'vibes'}), 'health', /unknown health rating "vibes"/],
		['unknown action', (v) => ({...v, actions: ['resource.explode']}), 'actions[0]', /unknown action "resource.explode"/],
		[
			'a command that is not a resource action',
			(v) => ({...v, actions: ['resource.yaml', 'app.quit']}),
			'actions[1]',
			/actions are resource\.\* commands/,
		],
		['aliases not strings', (v) => ({...v, aliases: ['po', 3]}), 'aliases', /expected a string or a list of strings/],
		['namespaced not a boolean', (v) => ({...v, namespaced: 'true'}), 'namespaced', /expected true or false/],
		['drill-down without a view', (v) => ({...v, drillDown: {sameNamespace: true}}), 'drillDown.view', /expected a non-empty string/],
		['unknown drill-down key', (v) => ({...v, drillDown: {view: 'pods', selector: 'x'}}), 'drillDown.selector', /unknown field/],
		[
			'bad drill-down selector path',
			(v) => ({...v, drillDown: {view: 'pods', labelSelectorFrom: 'spec..'}}),
			'drillDown.labelSelectorFrom',
			/bad field path/,
		],
		[
			'bad drill-down namespace path',
			(v) => ({...v, drillDown: {view: 'pods', namespaceFrom: '[x]'}}),
			'drillDown.namespaceFrom',
			/bad field path/,
		],
		[
			'bad drill-down field selector path',
			(v) => ({...v, drillDown: {view: 'pods', fieldSelectorFrom: {'spec.nodeName': '.name'}}}),
			'drillDown.fieldSelectorFrom.spec.nodeName',
			/bad field path/,
		],
		['bad labels field', (v) => ({...v, labelsField: 'metadata.labels['}), 'labelsField', /bad field path/],
		[
			'a default that is not text',
			(v) => ({...v, columns: [{header: 'NAME', field: 'metadata.name', default: 0}]}),
			'columns[0].default',
			/expected a string/,
		],
		[
			'a default on a computed column',
			(v) => ({
				...v,
				columns: [
					{header: 'NAME', field: 'metadata.name'},
					{header: 'AGE', computed: 'age', default: '0'},
				],
			}),
			'columns[1].default',
			/only a "field" column takes a default/,
		],
		['owned not a boolean', (v) => ({...v, drillDown: {view: 'jobs', owned: 'yes'}}), 'drillDown.owned', /expected true or false/],
	])('%s -> %s', (_name, mutate, field, message) => {
		const {view, errors} = parseView(mutate(base()), 'views/things.json');
		expect(view).toBeUndefined();
		const error = errors.find((e) => e.field === field);
		expect(error, `errors were ${JSON.stringify(errors)}`).toBeDefined();
		expect(error?.file).toBe('views/things.json');
		expect(error?.message).toMatch(message);
	});

	it('reports every problem in a file, not just the first', () => {
		const {errors} = parseView(
			{kind: 'x', engine: 'nope', columns: [{header: 'A', computed: 'bogus'}, {header: 'B'}], colour: 1},
			'f.json',
		);
		expect(errors.map((e) => e.field).sort()).toEqual(['colour', 'columns[0].computed', 'columns[1]', 'engine']);
	});
});

describe('loadViews with a user views dir', () => {
	const userPods = {
		kind: 'pods',
		title: 'My Pods',
		engine: 'kubernetes',
		namespaced: true,
		columns: [{header: 'NAME', field: 'metadata.name'}],
	};

	it('a user view replaces the shipped view of the same kind', () => {
		const dir = userDir({'views/pods.json': userPods});
		const {value, errors} = loadViews(viewDirs(ROOT, dir));
		expect(errors).toEqual([]);
		expect(value.get('pods')?.title).toBe('My Pods');
		expect(value.get('pods')?.file).toBe(path.join(dir, 'views', 'pods.json'));
		expect(value.get('deployments')?.file).toBe(path.join(SHIPPED_VIEWS, 'deployments.json'));
	});

	it('a user view can be YAML', () => {
		const dir = userDir({'views/events.yaml': 'kind: events\nengine: kubernetes\ncolumns:\n  - header: NAME\n    field: metadata.name\n'});
		const {value, errors} = loadViews(viewDirs(ROOT, dir));
		expect(errors).toEqual([]);
		expect(value.get('events')?.columns[0]?.field).toBe('metadata.name');
	});

	it('a bad user view is reported with its file and field, and the shipped view is kept', () => {
		const dir = userDir({'views/pods.json': {...userPods, columns: [{header: 'NAME', computed: 'nope'}]}});
		const {value, errors} = loadViews(viewDirs(ROOT, dir));
		expect(errors).toEqual([
			{
				file: path.join(dir, 'views', 'pods.json'),
				field: 'columns[0].computed',
				message: expect.stringMatching(/unknown computed field "nope"/),
			},
		]);
		expect(value.get('pods')?.file).toBe(path.join(SHIPPED_VIEWS, 'pods.json'));
	});

	it('an unparsable user view is reported and skipped', () => {
		const dir = userDir({'views/broken.json': '{"kind": "broken",'});
		const {value, errors} = loadViews(viewDirs(ROOT, dir));
		expect(errors).toHaveLength(1);
		expect(errors[0]?.file).toBe(path.join(dir, 'views', 'broken.json'));
		expect(errors[0]?.message).toMatch(/^not valid JSON: /);
		expect(value.has('broken')).toBe(false);
	});

	it('a drill-down to a kind no view has is reported', () => {
		const dir = userDir({'views/things.json': {...userPods, kind: 'things', drillDown: {view: 'widgets'}}});
		const {errors} = loadViews(viewDirs(ROOT, dir));
		expect(errors).toEqual([
			{file: path.join(dir, 'views', 'things.json'), field: 'drillDown.view', message: 'no view has the kind "widgets"'},
		]);
	});

	it('other files and a missing dir are ignored', () => {
		const dir = userDir({'views/README.md': '# notes', 'views/pods.json.bak': 'junk'});
		expect(loadViews(viewDirs(ROOT, dir)).errors).toEqual([]);
		expect(loadViews([path.join(tempDir(), 'nope')]).value.size).toBe(0);
	});
});

describe('loadKeymap', () => {
	const shipped = (dir?: string) => (dir ? [SHIPPED_KEYMAPS, dir] : [SHIPPED_KEYMAPS]);

	it.each(['vim', 'k9s'])('the shipped %s keymap loads without errors', (name) => {
		const {value, errors} = loadKeymap(name, shipped(), undefined, 'config.yaml');
		expect(errors).toEqual([]);
		expect(value.name).toBe(name);
	});

	it('vim binds every command kview has (help and tests read it)', () => {
		const {value} = loadKeymap('vim', shipped(), undefined, 'config.yaml');
		for (const command of COMMANDS) expect(value.bindings.get(command.id)?.length, command.id).toBeGreaterThan(0);
	});

	it.each<[string, string, string[][]]>([
		['vim', 'nav.down', [['j'], ['down']]],
		['vim', 'nav.top', [['g', 'g'], ['home']]],
		['vim', 'nav.bottom', [['G'], ['end']]],
		['vim', 'nav.halfPageDown', [['ctrl+d']]],
		['vim', 'resource.delete', [['D']]],
		['vim', 'dialog.prev', [['shift+tab'], ['left'], ['h']]],
		// k9s extends vim: what it does not mention comes from vim.
		['k9s', 'nav.down', [['j'], ['down']]],
		['k9s', 'app.quit', [['q']]],
		['k9s', 'nav.top', [['g'], ['home']]],
		['k9s', 'nav.halfPageDown', []],
		['k9s', 'resource.delete', [['ctrl+d']]],
		['k9s', 'nav.back', [['esc']]],
		['k9s', 'table.sortNext', [['>'], ['shift+right']]],
	])('%s binds %s to %j', (name, command, keys) => {
		expect(loadKeymap(name, shipped(), undefined, 'config.yaml').value.bindings.get(command)).toEqual(keys);
	});

	it('a user override replaces one binding and leaves the rest', () => {
		const {value, errors} = loadKeymap('vim', shipped(), {'nav.down': ['n', 'ctrl+n'], 'resource.delete': 'shift+x'}, 'config.yaml');
		expect(errors).toEqual([]);
		expect(value.bindings.get('nav.down')).toEqual([['n'], ['ctrl+n']]);
		expect(value.bindings.get('resource.delete')).toEqual([['X']]);
		expect(value.bindings.get('nav.up')).toEqual([['k'], ['up']]);
	});

	it('an override to an empty list unbinds a command', () => {
		const {value, errors} = loadKeymap('vim', shipped(), {'resource.delete': []}, 'config.yaml');
		expect(errors).toEqual([]);
		expect(value.bindings.get('resource.delete')).toEqual([]);
	});

	it.each<[string, Record<string, unknown>, DataError]>([
		[
			'an unknown command id',
			{'nav.sideways': 'x'},
			{
				file: '/home/u/.config/kview/config.yaml',
				field: 'bindings.nav.sideways',
				message: 'unknown command (see the help screen, ?, for the list)',
			},
		],
		[
			'a bad key',
			{'nav.down': ['n', 'foo']},
			{file: '/home/u/.config/kview/config.yaml', field: 'bindings.nav.down[1]', message: expect.stringMatching(/^unknown key "foo"/)},
		],
		[
			'a key that is not text',
			{'nav.down': 5},
			{
				file: '/home/u/.config/kview/config.yaml',
				field: 'bindings.nav.down',
				message: expect.stringMatching(/expected a string or a list of strings, got 5/),
			},
		],
		[
			'a conflict within a mode',
			{'resource.yaml': 'j'},
			{file: '/home/u/.config/kview/config.yaml', field: 'bindings.resource.yaml', message: '"j" is also bound to nav.down'},
		],
		[
			'a conflicting sequence',
			{'resource.yaml': 'g g'},
			{file: '/home/u/.config/kview/config.yaml', field: 'bindings.resource.yaml', message: '"g g" is also bound to nav.top'},
		],
	])('override errors name the file and field: %s', (_name, overrides, error) => {
		const {errors} = loadKeymap('vim', shipped(), overrides, '/home/u/.config/kview/config.yaml');
		expect(errors).toEqual([error]);
	});

	it('the same key in different modes is not a conflict', () => {
		// ctrl+w is table.wide (table) and prompt.deleteWord (prompt); esc is nav.back and prompt.cancel and dialog.cancel.
		const {errors} = loadKeymap('vim', shipped(), {'prompt.accept': ['enter', 'j'], 'dialog.accept': ['enter', 'j']}, 'config.yaml');
		expect(errors).toEqual([]);
	});

	it('a conflict between two global commands is reported once', () => {
		const {errors} = loadKeymap('vim', shipped(), {'nav.down': 'k'}, 'config.yaml');
		expect(errors).toEqual([{file: 'config.yaml', field: 'bindings.nav.down', message: '"k" is also bound to nav.up'}]);
	});

	it('a user keymap file extends vim and is checked field by field', () => {
		const dir = userDir({
			'keymaps/mine.json': {
				name: 'mine',
				extends: 'vim',
				bindings: {'nav.down': 'n', 'nav.nowhere': 'x', 'nav.up': ['foo'], 'nav.pageDown': 'j'},
			},
		});
		const file = path.join(dir, 'keymaps', 'mine.json');
		const {value, errors} = loadKeymap('mine', shipped(path.join(dir, 'keymaps')), undefined, 'config.yaml');
		expect(value.name).toBe('mine');
		expect(value.bindings.get('nav.down')).toEqual([['n']]);
		expect(value.bindings.get('nav.bottom')).toEqual([['G'], ['end']]);
		expect(errors).toEqual(
			expect.arrayContaining([
				{file, field: 'bindings.nav.nowhere', message: expect.stringMatching(/unknown command/)},
				{file, field: 'bindings.nav.up[0]', message: expect.stringMatching(/unknown key "foo"/)},
			]),
		);
		expect(errors).toHaveLength(2);
	});

	it('a conflict inside one keymap file is reported against that file', () => {
		const dir = userDir({'keymaps/clash.json': {extends: 'vim', bindings: {'table.wide': 'x', 'resource.shell': 'x'}}});
		const {errors} = loadKeymap('clash', shipped(path.join(dir, 'keymaps')), undefined, 'config.yaml');
		expect(errors).toEqual([
			{file: path.join(dir, 'keymaps', 'clash.json'), field: 'bindings.resource.shell', message: '"x" is also bound to table.wide'},
		]);
	});

	it('resource commands may share a key, but not two that one view offers', () => {
		const dir = userDir({'keymaps/clash.json': {extends: 'vim', bindings: {'resource.logs': 'x', 'resource.shell': 'x'}}});
		expect(loadKeymap('clash', shipped(path.join(dir, 'keymaps')), undefined, 'config.yaml').errors).toEqual([]);
		const {errors} = loadConfig({root: ROOT, configDir: dir, env: {}, keymap: 'clash'});
		expect(errors).toContainEqual({
			file: path.join(ROOT, 'views', 'pods.json'),
			field: 'actions',
			message: 'resource.shell and resource.logs are both on "x" in keymap clash',
		});
	});

	it('the shipped keymaps give every view its actions on keys of their own', () => {
		for (const keymap of ['vim', 'k9s']) expect(loadConfig({root: ROOT, configDir: userDir({}), env: {}, keymap}).errors).toEqual([]);
	});

	it('a user keymap shadows a shipped one of the same name', () => {
		const dir = userDir({'keymaps/vim.json': {bindings: {'app.quit': 'Q'}}});
		const {value} = loadKeymap('vim', shipped(path.join(dir, 'keymaps')), undefined, 'config.yaml');
		expect(value.bindings.get('app.quit')).toEqual([['Q']]);
		expect(value.bindings.has('nav.down')).toBe(false);
	});

	it('a keymap given as a path is read from there', () => {
		const dir = userDir({'elsewhere/custom.json': {name: 'custom', extends: 'k9s', bindings: {'app.quit': 'Q'}}});
		const {value, errors} = loadKeymap(path.join(dir, 'elsewhere', 'custom.json'), shipped(), undefined, 'config.yaml');
		expect(errors).toEqual([]);
		expect(value.name).toBe('custom');
		expect(value.bindings.get('app.quit')).toEqual([['Q']]);
		expect(value.bindings.get('resource.delete')).toEqual([['ctrl+d']]);
	});

	it('a missing keymap is reported and vim is used instead', () => {
		const {value, errors} = loadKeymap('emacs', shipped(), undefined, 'config.yaml');
		expect(errors).toEqual([{file: path.join(SHIPPED_KEYMAPS, 'emacs.json'), field: '', message: 'file not found'}]);
		expect(value.name).toBe('vim');
		expect(value.bindings.get('nav.down')).toEqual([['j'], ['down']]);
	});

	it('unknown keys in a keymap file are reported', () => {
		const dir = userDir({'keymaps/typo.json': {extends: 'vim', bindigns: {}}});
		const {errors} = loadKeymap('typo', shipped(path.join(dir, 'keymaps')), undefined, 'config.yaml');
		expect(errors.map((e) => e.field).sort()).toEqual(['bindigns', 'bindings']);
	});

	it('keymaps that extend each other in a loop stop with an error', () => {
		const dir = userDir({'keymaps/a.json': {extends: 'b', bindings: {}}, 'keymaps/b.json': {extends: 'a', bindings: {}}});
		const {errors} = loadKeymap('a', shipped(path.join(dir, 'keymaps')), undefined, 'config.yaml');
		expect(errors.some((e) => e.field === 'extends' && /too deeply/.test(e.message))).toBe(true);
	});

	it('a key that also starts a sequence in the same mode is reported (g vs g g)', () => {
		const {errors} = loadKeymap('vim', shipped(), {'resource.describe': 'g'}, 'config.yaml');
		expect(errors).toEqual([expect.objectContaining({field: expect.stringMatching(/resource\.describe|nav\.top/)})]);
	});
});

describe('loadTheme', () => {
	const themeDirs = (dir?: string) => (dir ? [SHIPPED_THEMES, path.join(dir, 'themes')] : [SHIPPED_THEMES]);

	it.each(dataFiles(SHIPPED_THEMES).map((f) => f.replace(/\.json$/, '')))(
		'the shipped %s theme loads without errors and styles every token',
		(name) => {
			const {value, errors} = loadTheme(name, themeDirs());
			expect(errors).toEqual([]);
			expect(value.name).toBe(name);
			expect(Object.keys(value.styles).sort()).toEqual([...THEME_TOKENS].sort());
		},
	);

	it.each(['default', 'light', 'monochrome'])('%s is shipped', (name) => {
		expect(dataFiles(SHIPPED_THEMES)).toContain(`${name}.json`);
	});

	it('monochrome has no foreground or background colour at all (NO_COLOR)', () => {
		const {value} = loadTheme('monochrome', themeDirs());
		for (const token of THEME_TOKENS) {
			expect(value.styles[token], token).not.toHaveProperty('fg');
			expect(value.styles[token], token).not.toHaveProperty('bg');
		}
		// The file itself, so a missing token cannot sneak a colour in through the fallback either.
		const raw = JSON.parse(readFileSync(path.join(SHIPPED_THEMES, 'monochrome.json'), 'utf8')) as {styles: Record<string, object>};
		expect(Object.keys(raw.styles).sort()).toEqual([...THEME_TOKENS].sort());
		for (const style of Object.values(raw.styles)) expect(Object.keys(style).filter((k) => k === 'fg' || k === 'bg')).toEqual([]);
	});

	it('monochrome still tells the selected row and errors apart', () => {
		const {styles} = loadTheme('monochrome', themeDirs()).value;
		expect(styles['table.selected']).not.toEqual(styles['table.row']);
		expect(styles['status.error']).not.toEqual(styles['status.ok']);
	});

	it('the colour themes use colour', () => {
		for (const name of ['default', 'light']) {
			const {styles} = loadTheme(name, themeDirs()).value;
			expect(
				Object.values(styles).some((s) => s.fg !== undefined || s.bg !== undefined),
				name,
			).toBe(true);
		}
	});

	it('a partial user theme falls back per token, with an error per missing token', () => {
		const dir = userDir({
			'themes/mine.json': {name: 'mine', styles: {'status.error': {fg: '#ff0000', bold: true}, 'table.row': {fg: 'white'}}},
		});
		const file = path.join(dir, 'themes', 'mine.json');
		const {value, errors} = loadTheme('mine', themeDirs(dir));
		const fallback = loadTheme('default', themeDirs()).value.styles;
		expect(value.styles['status.error']).toEqual({fg: '#ff0000', bold: true});
		expect(value.styles['table.row']).toEqual({fg: 'white'});
		expect(value.styles['status.ok']).toEqual(fallback['status.ok']);
		const missing = THEME_TOKENS.filter((t) => t !== 'status.error' && t !== 'table.row');
		expect(errors).toEqual(missing.map((token) => ({file, field: `styles.${token}`, message: "missing; using the default theme's"})));
	});

	it.each<[string, Record<string, unknown>, string, RegExp]>([
		['an unknown colour name', {fg: 'purple'}, 'styles.text.normal.fg', /expected a colour name \(black, red, .*\) or #rrggbb/],
		['a short hex colour', {bg: '#fff'}, 'styles.text.normal.bg', /or #rrggbb/],
		['a colour that is not text', {fg: 7}, 'styles.text.normal.fg', /expected a colour name/],
		[
			'an unknown style key',
			{italic: true},
			'styles.text.normal.italic',
			/unknown field \(expected one of fg, bg, bold, dim, inverse, underline\)/,
		],
		['bold not a boolean', {bold: 'yes'}, 'styles.text.normal.bold', /expected true or false/],
	])('a bad style is reported: %s', (_name, style, field, message) => {
		const dir = userDir({'themes/bad.json': {styles: Object.fromEntries(THEME_TOKENS.map((t) => [t, t === 'text.normal' ? style : {}]))}});
		const {errors} = loadTheme('bad', themeDirs(dir));
		expect(errors).toEqual([{file: path.join(dir, 'themes', 'bad.json'), field, message: expect.stringMatching(message)}]);
	});

	it.each([
		['#A0b1C2', {fg: '#A0b1C2'}],
		['redBright', {fg: 'redBright'}],
		['grey', {bg: 'grey'}],
	])('accepts the colour %s', (_name, style) => {
		const dir = userDir({'themes/ok.json': {styles: Object.fromEntries(THEME_TOKENS.map((t) => [t, style]))}});
		const {value, errors} = loadTheme('ok', themeDirs(dir));
		expect(errors).toEqual([]);
		expect(value.styles['text.normal']).toEqual(style);
	});

	it('an unknown token is reported', () => {
		const dir = userDir({'themes/extra.json': {styles: {...Object.fromEntries(THEME_TOKENS.map((t) => [t, {}])), 'table.zebra': {}}}});
		const {errors} = loadTheme('extra', themeDirs(dir));
		expect(errors).toEqual([{file: path.join(dir, 'themes', 'extra.json'), field: 'styles.table.zebra', message: 'unknown token'}]);
	});

	it('a missing theme is one error and the default styles', () => {
		const {value, errors} = loadTheme('solarized', themeDirs());
		expect(errors).toEqual([{file: path.join(SHIPPED_THEMES, 'solarized.json'), field: '', message: 'file not found'}]);
		expect(value.styles).toEqual(loadTheme('default', themeDirs()).value.styles);
	});

	it('an unparsable theme is one error and the default styles', () => {
		const dir = userDir({'themes/broken.json': '{"styles": '});
		const {value, errors} = loadTheme('broken', themeDirs(dir));
		expect(errors).toHaveLength(1);
		expect(errors[0]?.message).toMatch(/^not valid JSON/);
		expect(value.styles['status.error']).toEqual(loadTheme('default', themeDirs()).value.styles['status.error']);
	});

	it('a user theme shadows a shipped one of the same name', () => {
		const dir = userDir({'themes/light.json': {styles: Object.fromEntries(THEME_TOKENS.map((t) => [t, {bold: true}]))}});
		const {value, errors} = loadTheme('light', themeDirs(dir));
		expect(errors).toEqual([]);
		expect(value.styles['text.normal']).toEqual({bold: true});
	});
});

describe('loadUserConfig', () => {
	it('a missing file is simply the defaults', () => {
		expect(loadUserConfig(path.join(tempDir(), 'config.yaml'))).toEqual({value: {aliases: {}}, errors: []});
	});

	it('an empty file is the defaults', () => {
		const dir = userDir({'config.yaml': ''});
		expect(loadUserConfig(userConfigFile(dir))).toEqual({value: {aliases: {}}, errors: []});
	});

	it('reads every field', () => {
		const dir = userDir({
			'config.yaml': 'keymap: k9s\ntheme: light\nreadonly: true\naliases:\n  pp: pods\nbindings:\n  nav.down: n\n',
		});
		expect(loadUserConfig(userConfigFile(dir))).toEqual({
			value: {keymap: 'k9s', theme: 'light', readonly: true, aliases: {pp: 'pods'}, bindings: {'nav.down': 'n'}},
			errors: [],
		});
	});

	it('logLines sets the log pane buffer', () => {
		const dir = userDir({'config.yaml': 'logLines: 50000\n'});
		expect(loadUserConfig(userConfigFile(dir)).value.logLines).toBe(50_000);
		expect(loadConfig({root: ROOT, configDir: dir, env: {}}).config.logLines).toBe(50_000);
		expect(loadConfig({root: ROOT, configDir: userDir({}), env: {}}).config.logLines).toBe(10_000);
	});

	it('malformed YAML is one error naming the file', () => {
		const dir = userDir({'config.yaml': 'keymap: [vim\n'});
		const {value, errors} = loadUserConfig(userConfigFile(dir));
		expect(value).toEqual({aliases: {}});
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({file: userConfigFile(dir), field: ''});
		expect(errors[0]?.message).toMatch(/^not valid YAML: /);
	});

	it.each<[string, string, string, RegExp]>([
		[
			'an unknown field',
			'colour: red\n',
			'colour',
			/unknown field \(expected one of keymap, theme, aliases, bindings, readonly, logLines\)/,
		],
		['logLines too small', 'logLines: 5\n', 'logLines', /a whole number of lines from 100 to 1000000/],
		['logLines not a number', 'logLines: lots\n', 'logLines', /a whole number of lines/],
		['readonly not a boolean', 'readonly: yes please\n', 'readonly', /expected true or false, got "yes please"/],
		['keymap not text', 'keymap: 5\n', 'keymap', /expected a non-empty string, got 5/],
		['aliases not a map', 'aliases: [a, b]\n', 'aliases', /expected an object, got a list/],
		['an alias target not text', 'aliases:\n  pp: [pods]\n', 'aliases.pp', /expected a non-empty string, got a list/],
		['bindings not a map', 'bindings: j\n', 'bindings', /expected an object/],
		['a list at the top', '- keymap\n', '', /expected an object, got a list/],
	])('%s is reported with its field', (_name, text, field, message) => {
		const dir = userDir({'config.yaml': text});
		const {errors} = loadUserConfig(userConfigFile(dir));
		expect(errors).toEqual([{file: userConfigFile(dir), field, message: expect.stringMatching(message)}]);
	});

	it('good fields survive a bad one', () => {
		const dir = userDir({'config.yaml': 'theme: light\nreadonly: 3\naliases:\n  pp: pods\n  bad: 4\n'});
		const {value, errors} = loadUserConfig(userConfigFile(dir));
		expect(value.theme).toBe('light');
		expect(value.aliases).toEqual({pp: 'pods'});
		expect(errors.map((e) => e.field)).toEqual(['readonly', 'aliases.bad']);
	});
});

describe('loadConfig', () => {
	it('with no user files: the shipped defaults and no errors', () => {
		const {config, errors} = loadConfig({root: ROOT, configDir: tempDir(), env: {}});
		expect(errors).toEqual([]);
		expect(config.keymap.name).toBe('vim');
		expect(config.theme.name).toBe('default');
		expect(config.readonly).toBe(false);
		expect(config.views.has('pods')).toBe(true);
		expect(config.aliases.get('po')).toBe('pods');
		expect(config.aliases.get('pods')).toBe('pods');
		expect(config.aliases.get('deploy')).toBe('deployments');
	});

	it.each<[string, Record<string, string>, {theme?: string}, Record<string, string>, string]>([
		['NO_COLOR picks monochrome', {NO_COLOR: '1'}, {}, {}, 'monochrome'],
		['an empty NO_COLOR does not count', {NO_COLOR: ''}, {}, {}, 'default'],
		['a --theme flag beats NO_COLOR', {NO_COLOR: '1'}, {theme: 'light'}, {}, 'light'],
		['the config file picks a theme', {}, {}, {'config.yaml': 'theme: light\n'}, 'light'],
		['a --theme flag beats the config file', {}, {theme: 'monochrome'}, {'config.yaml': 'theme: light\n'}, 'monochrome'],
		// no-color.org: user-level config files override NO_COLOR.
		['the config file beats NO_COLOR', {NO_COLOR: '1'}, {}, {'config.yaml': 'theme: light\n'}, 'light'],
	])('theme: %s', (_name, env, flags, files, theme) => {
		const {config, errors} = loadConfig({root: ROOT, configDir: userDir(files), env, ...flags});
		expect(errors).toEqual([]);
		expect(config.theme.name).toBe(theme);
	});

	it.each<[string, {keymap?: string}, Record<string, string>, string]>([
		['the default keymap is vim', {}, {}, 'vim'],
		['the config file picks k9s', {}, {'config.yaml': 'keymap: k9s\n'}, 'k9s'],
		['a --keymap flag beats the config file', {keymap: 'vim'}, {'config.yaml': 'keymap: k9s\n'}, 'vim'],
	])('keymap: %s', (_name, flags, files, keymap) => {
		const {config, errors} = loadConfig({root: ROOT, configDir: userDir(files), env: {}, ...flags});
		expect(errors).toEqual([]);
		expect(config.keymap.name).toBe(keymap);
	});

	it.each<[string, {readonly?: boolean}, Record<string, string>, boolean]>([
		['off by default', {}, {}, false],
		['on from the config file', {}, {'config.yaml': 'readonly: true\n'}, true],
		['a flag beats the config file', {readonly: false}, {'config.yaml': 'readonly: true\n'}, false],
		['a flag turns it on', {readonly: true}, {}, true],
	])('readonly: %s', (_name, flags, files, readonly) => {
		expect(loadConfig({root: ROOT, configDir: userDir(files), env: {}, ...flags}).config.readonly).toBe(readonly);
	});

	it('user aliases point at a view kind or alias; an unknown target is reported', () => {
		const dir = userDir({'config.yaml': 'aliases:\n  pp: po\n  d: deployments\n  zz: widgets\n'});
		const {config, errors} = loadConfig({root: ROOT, configDir: dir, env: {}});
		expect(config.aliases.get('pp')).toBe('pods');
		expect(config.aliases.get('d')).toBe('deployments');
		expect(config.aliases.has('zz')).toBe(false);
		expect(errors).toEqual([{file: userConfigFile(dir), field: 'aliases.zz', message: 'no view is called "widgets"'}]);
	});

	it('binding overrides in the config file apply, and their errors name config.yaml', () => {
		const dir = userDir({'config.yaml': 'bindings:\n  nav.down: n\n  nav.up: foo\n'});
		const {config, errors} = loadConfig({root: ROOT, configDir: dir, env: {}});
		expect(config.keymap.bindings.get('nav.down')).toEqual([['n']]);
		expect(errors).toEqual([{file: userConfigFile(dir), field: 'bindings.nav.up[0]', message: expect.stringMatching(/unknown key "foo"/)}]);
	});

	it('errors from every file are collected, and it still runs on the defaults', () => {
		const dir = userDir({
			'config.yaml': 'theme: nosuch\nkeymap: nosuch\nextra: 1\n',
			'views/bad.json': {kind: 'bad'},
		});
		const {config, errors} = loadConfig({root: ROOT, configDir: dir, env: {}});
		const files = new Set(errors.map((e) => path.basename(e.file)));
		expect(files).toEqual(new Set(['config.yaml', 'bad.json', 'nosuch.json']));
		expect(config.keymap.bindings.get('nav.down')).toEqual([['j'], ['down']]);
		expect(config.theme.styles['status.error']).toEqual(loadTheme('default', [SHIPPED_THEMES]).value.styles['status.error']);
		expect(config.views.has('pods')).toBe(true);
	});

	it('XDG_CONFIG_HOME locates the user config when no dir is given', () => {
		const xdg = userDir({'kview/config.yaml': 'theme: light\n'});
		const {config, errors} = loadConfig({root: ROOT, env: {XDG_CONFIG_HOME: xdg}});
		expect(errors).toEqual([]);
		expect(config.theme.name).toBe('light');
	});
});
