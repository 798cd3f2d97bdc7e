import {describe, expect, it} from 'vitest';
import {parseProxyUrl, ProxyError, proxyFor, proxyLabel, useProxy} from '../../../src/sources/kube/proxy.js';

// Which proxy kubectl would use, decided as Go's net/http ProxyFromEnvironment decides it.

// Go's own table (golang.org/x/net/http/httpproxy, proxy_test.go UseProxyTests), for http:// URLs.
const GO_NO_PROXY =
	'foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443, [2001:db8::52:0:3]:80, 2002:db8:a::45/64';

describe('useProxy', () => {
	it.each([
		['localhost', false],
		['127.0.0.1', false],
		['127.0.0.2', false],
		['[::1]', false],
		['[::2]', true],
		['192.168.1.1', false],
		['192.168.1.2', true],
		['192.168.1.3', false],
		['192.168.1.4', true],
		['10.0.0.2', false],
		['[2001:db8::52:0:1]', false],
		['[2001:db8::52:0:2]', true],
		['[2001:db8::52:0:3]', false],
		['[2002:db8:a::123]', false],
		['[fe80::424b:c8be:1643:a1b6]', true],
		['barbaz.net', true],
		['www.barbaz.net', false],
		['foobar.com', false],
		['www.foobar.com', false],
		['foofoobar.com', true],
		['baz.com', true],
		['localhost.net', true],
		['local.localhost', true],
		['barbarbaz.net', true],
		['wildcard.io', true],
		['nested.wildcard.io', false],
		['awildcard.io', true],
	])('%s:80 proxied: %s', (host, proxied) => {
		expect(useProxy(host, '80', GO_NO_PROXY)).toBe(proxied);
	});

	it('matches a port when the entry names one, case-insensitively, and * matches everything', () => {
		expect(useProxy('api.corp.example', '6443', 'corp.example:6443')).toBe(false);
		expect(useProxy('api.corp.example', '443', 'corp.example:6443')).toBe(true);
		expect(useProxy('API.Corp.Example', '443', ' CORP.example ')).toBe(false);
		expect(useProxy('anything.example', '443', 'x.example,*')).toBe(false);
		expect(useProxy('anything.example', '443', '')).toBe(true);
	});
});

describe('proxyFor', () => {
	const https = new URL('https://api.corp.example:6443');
	const http = new URL('http://api.corp.example:8080');

	it('uses proxy-url when the cluster has one, whatever the environment says', () => {
		expect(proxyFor(https, 'socks5://bastion:1080', {HTTPS_PROXY: 'http://other:3128', NO_PROXY: '*'})?.href).toBe('socks5://bastion:1080');
	});

	it('takes HTTPS_PROXY for https:// and HTTP_PROXY for http://, upper case first', () => {
		const env = {HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', http_proxy: 'http://plain:3128'};
		expect(proxyFor(https, undefined, env)?.host).toBe('upper:3128');
		expect(proxyFor(https, undefined, {https_proxy: 'http://lower:3128'})?.host).toBe('lower:3128');
		expect(proxyFor(http, undefined, env)?.host).toBe('plain:3128');
		expect(proxyFor(https, undefined, {HTTP_PROXY: 'http://plain:3128'})).toBeUndefined();
	});

	it('reads a proxy without a scheme as http://, as Go does', () => {
		expect(proxyFor(https, undefined, {HTTPS_PROXY: 'proxy.corp:3128'})?.href).toBe('http://proxy.corp:3128/');
		expect(proxyFor(https, undefined, {HTTPS_PROXY: '10.0.0.1:3128'})?.href).toBe('http://10.0.0.1:3128/');
	});

	it('goes direct for loopback servers and NO_PROXY / no_proxy hosts', () => {
		expect(proxyFor(new URL('https://127.0.0.1:6443'), undefined, {HTTPS_PROXY: 'http://p:3128'})).toBeUndefined();
		expect(proxyFor(new URL('https://[::1]:6443'), undefined, {HTTPS_PROXY: 'http://p:3128'})).toBeUndefined();
		expect(proxyFor(https, undefined, {HTTPS_PROXY: 'http://p:3128', NO_PROXY: '.corp.example'})).toBeUndefined();
		expect(proxyFor(https, undefined, {HTTPS_PROXY: 'http://p:3128', no_proxy: 'corp.example:6443'})).toBeUndefined();
		expect(proxyFor(new URL('https://10.96.0.1'), undefined, {HTTPS_PROXY: 'http://p:3128', NO_PROXY: '10.96.0.0/12'})).toBeUndefined();
		expect(proxyFor(https, undefined, {})).toBeUndefined();
	});

	it('refuses schemes kubectl cannot dial, without showing the password', () => {
		const error = (() => {
			try {
				proxyFor(https, 'ftp://ops:s3cret@proxy:21', {});
			} catch (e) {
				return e as Error;
			}
			throw new Error('expected a ProxyError');
		})();
		expect(error).toBeInstanceOf(ProxyError);
		expect(error.message).toBe('proxy-url "ftp://***@proxy:21" has the unsupported scheme "ftp" (use http, https, socks5 or socks5h)');
		expect(() => proxyFor(https, undefined, {HTTPS_PROXY: 'socks4://p:1080'})).toThrow('HTTPS_PROXY has the unsupported scheme "socks4"');
	});
});

describe('parseProxyUrl and proxyLabel', () => {
	it('labels a proxy by scheme, host and port (defaults filled in), never its credentials', () => {
		expect(proxyLabel(parseProxyUrl('http://ops:pw@proxy.corp', 'x'))).toBe('http://proxy.corp:80');
		expect(proxyLabel(parseProxyUrl('https://proxy.corp', 'x'))).toBe('https://proxy.corp:443');
		expect(proxyLabel(parseProxyUrl('socks5h://u:p@[::1]', 'x'))).toBe('socks5h://[::1]:1080');
		expect(proxyLabel(parseProxyUrl('socks5://bastion:9050', 'x'))).toBe('socks5://bastion:9050');
	});
});
