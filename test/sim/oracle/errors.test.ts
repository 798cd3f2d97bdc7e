import {describe, expect, it} from 'vitest';
import {both, messageOf, real, statusShape, usePair, type Pair, type Reply} from './harness.js';

// Status error bodies: the same wrong request to the sim and to a real API server must
// come back with the same code, reason, details and (where the text is stable across
// Kubernetes versions) message.

const configMap = (name: string, data: Record<string, string> = {a: 'b'}) => ({
	apiVersion: 'v1',
	kind: 'ConfigMap',
	metadata: {name},
	data,
});

function expectSameStatus(replies: {sim: Reply; real: Reply}, options: {message?: 'exact' | RegExp} = {}): void {
	expect(replies.sim.status, replies.sim.text).toBe(replies.real.status);
	expect(statusShape(replies.sim.body)).toEqual(statusShape(replies.real.body));
	if (options.message === 'exact') expect(messageOf(replies.sim.body)).toBe(messageOf(replies.real.body));
	else if (options.message) {
		expect(messageOf(replies.real.body)).toMatch(options.message);
		expect(messageOf(replies.sim.body)).toMatch(options.message);
	}
}

async function create(pair: Pair, path: string, body: unknown): Promise<void> {
	const replies = await both(pair, 'POST', (ns) => `/api/v1/namespaces/${ns}/${path}`, {body});
	for (const reply of [replies.sim, replies.real]) expect(reply.status, reply.text).toBe(201);
}

describe.skipIf(real.skip)('oracle: Status errors', () => {
	const pair = usePair();

	it('GET of a missing pod is 404 NotFound naming the pod', async () => {
		expectSameStatus(await both(pair(), 'GET', (ns) => `/api/v1/namespaces/${ns}/pods/missing`), {message: 'exact'});
	});

	it('GET of a missing deployment names the group', async () => {
		expectSameStatus(await both(pair(), 'GET', (ns) => `/apis/apps/v1/namespaces/${ns}/deployments/missing`), {message: 'exact'});
	});

	it('POST of an existing object is 409 AlreadyExists', async () => {
		await create(pair(), 'configmaps', configMap('dup'));
		expectSameStatus(await both(pair(), 'POST', (ns) => `/api/v1/namespaces/${ns}/configmaps`, {body: configMap('dup')}), {
			message: 'exact',
		});
	});

	it('PUT with a stale resourceVersion is 409 Conflict', async () => {
		await create(pair(), 'configmaps', configMap('stale'));
		for (const side of [pair().sim, pair().real]) {
			const path = `/api/v1/namespaces/${pair().namespace}/configmaps/stale`;
			const first = (await side.request('GET', path)).body as {metadata: {resourceVersion: string}};
			const put = (data: Record<string, string>) =>
				side.request('PUT', path, {
					body: {...configMap('stale', data), metadata: {name: 'stale', resourceVersion: first.metadata.resourceVersion}},
				});
			expect((await put({a: 'c'})).status).toBe(200);
			const stale = await put({a: 'd'});
			expect(stale.status, `${side.name}: ${stale.text}`).toBe(409);
			expect(statusShape(stale.body)).toEqual({
				kind: 'Status',
				apiVersion: 'v1',
				status: 'Failure',
				reason: 'Conflict',
				code: 409,
				details: {name: 'stale', kind: 'configmaps', group: undefined, causes: undefined},
			});
			expect(messageOf(stale.body)).toBe(
				'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
			);
		}
	});

	it('POST of an invalid name is 422 Invalid with the cause', async () => {
		const replies = await both(pair(), 'POST', (ns) => `/api/v1/namespaces/${ns}/configmaps`, {body: configMap('Bad_Name')});
		expectSameStatus(replies, {message: 'exact'});
		const causes = (reply: Reply) => (reply.body as {details?: {causes?: unknown}}).details?.causes;
		expect(causes(replies.sim)).toEqual(causes(replies.real));
	});

	it('a malformed JSON body is 400 BadRequest', async () => {
		// The tail is the JSON parser's own wording (Go's encoding/json there, V8's here).
		expectSameStatus(await both(pair(), 'POST', (ns) => `/api/v1/namespaces/${ns}/configmaps`, {body: '{bad'}), {
			message: /^the object provided is unrecognized \(must be of type ConfigMap\): couldn't get version\/kind; json parse error: /,
		});
	});

	it('a bad label selector is 400 BadRequest', async () => {
		// The parser's detail after the colon is its own; the prefix is stable.
		expectSameStatus(await both(pair(), 'GET', (ns) => `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent('a in (')}`), {
			message: /^unable to parse requirement: /,
		});
	});

	it('an unsupported field selector is 400 BadRequest, worded per kind', async () => {
		// Pods have field labels of their own; configmaps only the generic metadata ones.
		expectSameStatus(await both(pair(), 'GET', (ns) => `/api/v1/namespaces/${ns}/pods?fieldSelector=spec.foo%3Dbar`), {message: 'exact'});
		expectSameStatus(await both(pair(), 'GET', (ns) => `/api/v1/namespaces/${ns}/configmaps?fieldSelector=spec.foo%3Dbar`), {
			message: 'exact',
		});
		expectSameStatus(await both(pair(), 'GET', (ns) => `/api/v1/namespaces/${ns}/configmaps?fieldSelector=foo`), {message: 'exact'});
	});

	it('bad patches are 400 or 422 as on the real server', async () => {
		await create(pair(), 'configmaps', configMap('patched'));
		const patch = (contentType: string, body: string) =>
			both(pair(), 'PATCH', (ns) => `/api/v1/namespaces/${ns}/configmaps/patched`, {contentType, body});
		// A JSON patch that is not a list of operations: the decoder refuses it.
		expectSameStatus(await patch('application/json-patch+json', '{"op":"add"}'));
		// An operation that does not exist, and a failed test: the patch cannot apply.
		expectSameStatus(await patch('application/json-patch+json', '[{"op":"bogus","path":"/data/a"}]'), {message: 'exact'});
		expectSameStatus(await patch('application/json-patch+json', '[{"op":"test","path":"/data/a","value":"x"}]'), {message: 'exact'});
		// A strategic merge patch must be a map.
		expectSameStatus(await patch('application/strategic-merge-patch+json', '[1]'));
		// A merge patch that leaves a field of the wrong type: the result does not decode.
		expectSameStatus(await patch('application/merge-patch+json', '{"data":{"a":5}}'));
		// Renaming through a patch.
		expectSameStatus(await patch('application/merge-patch+json', '{"metadata":{"name":"other"}}'), {message: 'exact'});
		// An unknown patch type (the message is v1.20's "415: Unsupported Media Type"; current servers list the accepted types).
		expectSameStatus(await patch('text/plain', '{}'));
		// Not compared: a merge patch that is not JSON at all. v1.20 answers 500 "Invalid
		// JSON Patch" (no reason); current servers answer 400 BadRequest, as the sim does.
	});

	it('an unknown resource path is 404 NotFound with empty details', async () => {
		for (const path of [
			'/api/v1/foos',
			'/api/v1/namespaces/default/foos',
			'/apis/apps/v1/namespaces/default/foos',
			'/api/v1/namespaces/default/pods/x/foo',
		]) {
			expectSameStatus(await both(pair(), 'GET', () => path), {message: 'exact'});
		}
	});

	it('resourceVersionMatch without a resourceVersion is 422 Invalid', async () => {
		const replies = await both(pair(), 'GET', (ns) => `/api/v1/namespaces/${ns}/configmaps?resourceVersionMatch=Exact`);
		expectSameStatus(replies, {message: 'exact'});
	});
});

describe.skipIf(real.skip)('oracle: Forbidden for the read-only user', () => {
	const pair = usePair();
	// The user names differ (viewer there, the sim's restricted user here); the rest must not.
	const anonymise = (reply: Reply) => messageOf(reply.body).replace(/User "[^"]+"/, 'User "<user>"');

	it.each([
		['lists secrets at the cluster scope', 'GET', () => '/api/v1/secrets'],
		['lists secrets in a namespace', 'GET', (ns: string) => `/api/v1/namespaces/${ns}/secrets`],
		['gets one secret', 'GET', (ns: string) => `/api/v1/namespaces/${ns}/secrets/token`],
		['watches secrets', 'GET', (ns: string) => `/api/v1/namespaces/${ns}/secrets?watch=true`],
		['deletes a secret', 'DELETE', (ns: string) => `/api/v1/namespaces/${ns}/secrets/token`],
	])('%s: 403 Forbidden', async (_what, method, path) => {
		const replies = await both(pair(), method, path, {viewer: true});
		expectSameStatus(replies);
		expect(anonymise(replies.sim)).toBe(anonymise(replies.real));
	});

	it('the cluster-scope list message reads as the API server words it', async () => {
		const replies = await both(pair(), 'GET', () => '/api/v1/secrets', {viewer: true});
		expect(anonymise(replies.sim)).toBe(
			'secrets is forbidden: User "<user>" cannot list resource "secrets" in API group "" at the cluster scope',
		);
	});
});
