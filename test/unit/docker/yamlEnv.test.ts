import {describe, expect, it} from 'vitest';
import {yamlLines, type YamlOptions} from '../../../src/model/yamlView.js';

// A container inspect as YAML: credentials in Config.Env stay masked until revealed.

const MASK = '••••••••';
const inspect = {
	Id: 'abc',
	Name: '/web',
	Config: {
		Image: 'shop/web:1',
		Env: ['DB_PASSWORD=hunter2', 'API_KEY=x', 'GITHUB_TOKEN=y', 'MODE=prod', 'PATH=/bin'],
	},
};
const hidden: YamlOptions = {managedFields: false, secret: false, env: true, revealed: false};

describe('yamlLines with env', () => {
	it('masks the values of secret-looking variables and shows the others', () => {
		const lines = yamlLines(inspect, hidden);
		expect(lines).toContain(`    - DB_PASSWORD=${MASK}`);
		expect(lines).toContain(`    - API_KEY=${MASK}`);
		expect(lines).toContain(`    - GITHUB_TOKEN=${MASK}`);
		expect(lines).toContain('    - MODE=prod');
		expect(lines).toContain('    - PATH=/bin');
		const text = lines.join('\n');
		expect(text).not.toContain('hunter2');
		expect(text).not.toMatch(/API_KEY=x\b/);
		expect(text).not.toMatch(/GITHUB_TOKEN=y\b/);
		expect(text).toContain('Image: shop/web:1');
	});

	it('shows every value once revealed', () => {
		const lines = yamlLines(inspect, {...hidden, revealed: true});
		for (const entry of inspect.Config.Env) expect(lines).toContain(`    - ${entry}`);
		expect(lines.join('\n')).not.toContain(MASK);
	});

	it('masks nothing when the object is not an inspect', () => {
		const lines = yamlLines(inspect, {...hidden, env: false});
		expect(lines).toContain('    - DB_PASSWORD=hunter2');
		expect(lines.join('\n')).not.toContain(MASK);
	});

	it.each([
		['AWS_SECRET_ACCESS_KEY=abc', true],
		['SESSION_COOKIE=abc', true],
		['SENTRY_DSN=abc', true],
		['SSH_PRIVATE=abc', true],
		['MYSQL_ROOT_PASSWD=abc', true],
		['BASIC_AUTH=abc', true],
		['SIGNING_KEY=abc', true],
		['KEYBOARD=us', false],
		['HOSTNAME=web', false],
		['TZ=UTC', false],
	])('%s masked: %s', (entry, masked) => {
		const name = entry.slice(0, entry.indexOf('='));
		const lines = yamlLines({Config: {Env: [entry]}}, hidden);
		expect(lines).toContain(masked ? `    - ${name}=${MASK}` : `    - ${entry}`);
	});

	it('keeps an entry without a value as it is', () => {
		expect(yamlLines({Config: {Env: ['PASSWORD', '=secret']}}, hidden)).toEqual(
			expect.arrayContaining(['    - PASSWORD', '    - =secret']),
		);
	});

	it('leaves an inspect without Env alone', () => {
		expect(yamlLines({Config: {Image: 'x'}}, hidden).join('\n')).not.toContain('Env');
	});
});
