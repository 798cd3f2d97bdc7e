import https from 'node:https';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSim, type RunningSim} from '../../src/sim/index.js';

// The sim's API semantics over real HTTPS: discovery formats, lists and paging,
// selectors, watches (replay, 410, bookmarks, timeouts), writes and the Status
// errors a real API server answers with.

let sim: RunningSim;
let ca = '';

beforeAll(async () => {
	sim = await startSim({scenario: 'demo', historyLimit: 200, bookmarkIntervalMs: 200, logIntervalMs: 100});
	const match = /certificate-authority-data: (\S+)/.exec(sim.kubeconfig);
	ca = Buffer.from(match?.[1] ?? '', 'base64').toString('utf8');
});
afterAll(async () => {
	await sim.close();
});

type Reply = {status: number; headers: Record<string, string | string[] | undefined>; body: string};

function request(
	method: string,
	path: string,
	options: {body?: unknown; token?: string | null; accept?: string; contentType?: string} = {},
): Promise<Reply> {
	const url = new URL(path, sim.url);
	return new Promise((resolve, reject) => {
		const headers: Record<string, string> = {Accept: options.accept ?? 'application/json'};
		const token = options.token === undefined ? sim.adminToken : options.token;
		if (token) headers['Authorization'] = `Bearer ${token}`;
		const payload =
			options.body === undefined
				? undefined
				: typeof options.body === 'string' || Buffer.isBuffer(options.body)
					? options.body
					: JSON.stringify(options.body);
		if (payload !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
		const req = https.request(url, {method, headers, ca}, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body}));
		});
		req.on('error', reject);
		req.end(payload);
	});
}

const json = (reply: Reply) =>
	JSON.parse(reply.body) as Record<string, unknown> & {
		items?: {metadata: {name: string; resourceVersion: string}}[];
		metadata?: Record<string, unknown>;
	};

/** Opens a watch and collects events until `until` says stop or the server closes. */
function watch(
	path: string,
	until: (
		events: {type: string; object: {metadata?: {name?: string; annotations?: Record<string, string>}; code?: number; reason?: string}}[],
	) => boolean,
	timeoutMs = 5000,
) {
	const url = new URL(path, sim.url);
	return new Promise<{
		events: {type: string; object: {metadata?: {name?: string; annotations?: Record<string, string>}; code?: number; reason?: string}}[];
		ended: boolean;
	}>((resolve, reject) => {
		const events: {type: string; object: {metadata?: {name?: string}; code?: number}}[] = [];
		let buffer = '';
		const req = https.request(url, {headers: {Authorization: `Bearer ${sim.adminToken}`, Accept: 'application/json'}, ca}, (res) => {
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buffer += chunk;
				let nl;
				while ((nl = buffer.indexOf('\n')) >= 0) {
					const line = buffer.slice(0, nl);
					buffer = buffer.slice(nl + 1);
					if (line.trim()) events.push(JSON.parse(line) as (typeof events)[number]);
				}
				if (until(events)) {
					clearTimeout(timer);
					req.destroy();
					resolve({events, ended: false});
				}
			});
			res.on('end', () => {
				clearTimeout(timer);
				resolve({events, ended: true});
			});
		});
		const timer = setTimeout(() => {
			req.destroy();
			resolve({events, ended: false});
		}, timeoutMs);
		req.on('error', (error) => (events.length > 0 ? undefined : reject(error)));
		req.end();
	});
}

describe('discovery', () => {
	it('answers aggregated discovery with the content type that marks it, and legacy discovery otherwise', async () => {
		const aggregated = await request('GET', '/apis', {
			accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
		});
		expect(aggregated.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
		const groups = (json(aggregated)['items'] as {metadata: {name: string}}[]).map((g) => g.metadata.name);
		expect(groups).toEqual(expect.arrayContaining(['apps', 'batch', 'metrics.k8s.io', 'kview.dev']));
		const legacy = await request('GET', '/apis');
		expect(legacy.headers['content-type']).toBe('application/json');
		expect(json(legacy)['kind']).toBe('APIGroupList');
		const core = json(await request('GET', '/api/v1'));
		const pods = (core['resources'] as {name: string; shortNames?: string[]}[]).find((r) => r.name === 'pods');
		expect(pods?.shortNames).toEqual(['po']);
		expect((core['resources'] as {name: string}[]).map((r) => r.name)).toContain('pods/log');
	});

	it('serves /version and /healthz', async () => {
		expect(json(await request('GET', '/version'))['major']).toBe('1');
		expect((await request('GET', '/healthz', {token: null})).body).toBe('ok');
	});
});

describe('lists', () => {
	it('pages with limit and continue, all pages together equal one list', async () => {
		const all = json(await request('GET', '/api/v1/pods')).items ?? [];
		expect(all.length).toBeGreaterThan(5);
		const names: string[] = [];
		let next: string | undefined;
		let firstRv: unknown;
		do {
			const page = json(await request('GET', `/api/v1/pods?limit=3${next ? `&continue=${encodeURIComponent(next)}` : ''}`));
			firstRv ??= page.metadata?.['resourceVersion'];
			expect(page.metadata?.['resourceVersion']).toBe(firstRv);
			names.push(...(page.items ?? []).map((p) => p.metadata.name));
			next = page.metadata?.['continue'] as string | undefined;
		} while (next);
		expect(names.sort()).toEqual(all.map((p) => p.metadata.name).sort());
	});

	it('filters by label and field, and refuses unknown fields and bad selectors with 400', async () => {
		const web = json(await request('GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dfrontend')).items ?? [];
		expect(web.length).toBe(3);
		const byName = json(await request('GET', `/api/v1/pods?fieldSelector=metadata.name%3D${web[0]?.metadata.name ?? ''}`)).items ?? [];
		expect(byName).toHaveLength(1);
		const bad = await request('GET', '/api/v1/pods?fieldSelector=spec.nosuch%3Dx');
		expect(bad.status).toBe(400);
		expect(json(bad)['reason']).toBe('BadRequest');
		expect((await request('GET', '/api/v1/pods?labelSelector=a%20in%20(b')).status).toBe(400);
	});

	it('answers a Table with columns and rows when asked', async () => {
		const table = json(
			await request('GET', '/api/v1/namespaces/shop/pods', {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'}),
		);
		expect(table['kind']).toBe('Table');
		expect((table['columnDefinitions'] as {name: string}[])[0]?.name).toBe('Name');
		expect((table['rows'] as {object: {kind: string}}[])[0]?.object.kind).toBe('PartialObjectMetadata');
	});
});

describe('errors', () => {
	it.each([
		['no token', 'GET', '/api/v1/pods', {token: null}, 401, 'Unauthorized'],
		['an unknown resource', 'GET', '/api/v1/nosuch', {}, 404, 'NotFound'],
		['a missing object', 'GET', '/api/v1/namespaces/shop/pods/nosuch', {}, 404, 'NotFound'],
		['a malformed body', 'POST', '/api/v1/namespaces/shop/configmaps', {body: '{not json'}, 400, 'BadRequest'],
		[
			'an invalid name',
			'POST',
			'/api/v1/namespaces/shop/configmaps',
			{body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'Bad_Name'}}},
			422,
			'Invalid',
		],
		[
			'a create into a missing namespace',
			'POST',
			'/api/v1/namespaces/nosuch/configmaps',
			{body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x'}}},
			404,
			'NotFound',
		],
		[
			'an unsupported patch type',
			'PATCH',
			'/api/v1/namespaces/shop/configmaps/shop-config',
			{body: {}, contentType: 'text/plain'},
			415,
			'UnsupportedMediaType',
		],
		['the restricted user reading secrets', 'GET', '/api/v1/namespaces/shop/secrets', {token: 'restricted'}, 403, 'Forbidden'],
	] as const)('%s', async (_name, method, path, options, code, reason) => {
		const token = 'token' in options ? (options.token === 'restricted' ? sim.restrictedToken : options.token) : undefined;
		const reply = await request(method, path, {...options, ...(token !== undefined ? {token} : {})});
		expect(reply.status).toBe(code);
		const status = json(reply);
		expect(status['kind']).toBe('Status');
		expect(status['reason']).toBe(reason);
		expect(status['code']).toBe(code);
	});

	it('answers a create of an existing name with 409 AlreadyExists and a stale update with 409 Conflict', async () => {
		const body = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'twice'}, data: {a: '1'}};
		const first = await request('POST', '/api/v1/namespaces/shop/configmaps', {body});
		expect(first.status).toBe(201);
		const again = await request('POST', '/api/v1/namespaces/shop/configmaps', {body});
		expect(again.status).toBe(409);
		expect(json(again)['reason']).toBe('AlreadyExists');
		const created = json(first) as {metadata: {resourceVersion: string}};
		await request('PUT', '/api/v1/namespaces/shop/configmaps/twice', {
			body: {...body, metadata: {name: 'twice', resourceVersion: created.metadata.resourceVersion}, data: {a: '2'}},
		});
		const stale = await request('PUT', '/api/v1/namespaces/shop/configmaps/twice', {
			body: {...body, metadata: {name: 'twice', resourceVersion: created.metadata.resourceVersion}, data: {a: '3'}},
		});
		expect(stale.status).toBe(409);
		expect(json(stale)['reason']).toBe('Conflict');
	});
});

describe('writes', () => {
	it('gives a created Job a selector on its uid and its pods the labels to match, as the Job strategy does', async () => {
		const job = json(
			await request('POST', '/apis/batch/v1/namespaces/shop/jobs', {
				body: {
					apiVersion: 'batch/v1',
					kind: 'Job',
					metadata: {name: 'selector-check'},
					spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'c', image: 'busybox'}]}}},
				},
			}),
		);
		const uid = (job['metadata'] as {uid: string}).uid;
		const spec = job['spec'] as {selector: unknown; template: {metadata: {labels: Record<string, string>}}};
		expect(spec.selector).toEqual({matchLabels: {'batch.kubernetes.io/controller-uid': uid}});
		expect(spec.template.metadata.labels).toMatchObject({
			'batch.kubernetes.io/job-name': 'selector-check',
			'job-name': 'selector-check',
			'controller-uid': uid,
		});
		await expect
			.poll(
				async () =>
					(json(await request('GET', '/api/v1/namespaces/shop/pods?labelSelector=job-name%3Dselector-check'))['items'] as unknown[]).length,
				{timeout: 10_000},
			)
			.toBe(1);
	});

	it('applies merge, strategic merge and JSON patches', async () => {
		const merge = json(
			await request('PATCH', '/api/v1/namespaces/shop/configmaps/shop-config', {
				body: {data: {NEW: 'x'}},
				contentType: 'application/merge-patch+json',
			}),
		);
		expect((merge['data'] as Record<string, string>)['NEW']).toBe('x');
		const strategic = json(
			await request('PATCH', '/apis/apps/v1/namespaces/shop/deployments/frontend', {
				body: {spec: {template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z'}}}}},
				contentType: 'application/strategic-merge-patch+json',
			}),
		);
		const template = (strategic['spec'] as {template: {metadata: {annotations: Record<string, string>}; spec: {containers: unknown[]}}})
			.template;
		expect(template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-01T00:00:00Z');
		expect(template.spec.containers).toHaveLength(1);
		const patched = json(
			await request('PATCH', '/api/v1/namespaces/shop/configmaps/shop-config', {
				body: [{op: 'remove', path: '/data/NEW'}],
				contentType: 'application/json-patch+json',
			}),
		);
		expect((patched['data'] as Record<string, string>)['NEW']).toBeUndefined();
	});

	it('scales through the scale subresource and answers an autoscaling/v1 Scale', async () => {
		const reply = json(
			await request('PATCH', '/apis/apps/v1/namespaces/shop/deployments/worker/scale', {
				body: {spec: {replicas: 3}},
				contentType: 'application/merge-patch+json',
			}),
		);
		expect(reply['kind']).toBe('Scale');
		expect(reply['apiVersion']).toBe('autoscaling/v1');
		expect((reply['spec'] as {replicas: number}).replicas).toBe(3);
	});

	it('deletes a scheduled pod gracefully: Terminating first, then gone', async () => {
		// An unscheduled pod is deleted at once, as on a real server; wait for this one to land on a node.
		const scheduled = async () => {
			const pods = (json(await request('GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dredis')).items ?? []) as {
				metadata: {name: string};
				spec?: {nodeName?: string};
			}[];
			return pods.find((p) => p.spec?.nodeName)?.metadata.name;
		};
		await expect.poll(scheduled, {timeout: 5000}).toBeDefined();
		const name = (await scheduled()) ?? '';
		const reply = json(await request('DELETE', `/api/v1/namespaces/shop/pods/${name}`));
		expect((reply['metadata'] as {deletionTimestamp?: string}).deletionTimestamp).toBeDefined();
		await expect.poll(async () => (await request('GET', `/api/v1/namespaces/shop/pods/${name}`)).status, {timeout: 5000}).toBe(404);
	});
});

describe('watches', () => {
	it('replays changes after a resourceVersion, then streams new ones', async () => {
		const list = json(await request('GET', '/api/v1/namespaces/shop/configmaps'));
		const rv = String(list.metadata?.['resourceVersion']);
		await request('POST', '/api/v1/namespaces/shop/configmaps', {
			body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'replayed'}},
		});
		const result = watch(`/api/v1/namespaces/shop/configmaps?watch=true&resourceVersion=${rv}`, (events) =>
			events.some((e) => e.object.metadata?.name === 'live'),
		);
		setTimeout(
			() =>
				void request('POST', '/api/v1/namespaces/shop/configmaps', {body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'live'}}}),
			200,
		);
		const {events} = await result;
		expect(events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`)).toEqual(['ADDED replayed', 'ADDED live']);
	});

	it('sends an ERROR event with 410 Expired for a resourceVersion older than the history', async () => {
		// The history holds 200 events here; churn through more than that.
		for (let i = 0; i < 230; i++)
			await request('PATCH', '/api/v1/namespaces/shop/configmaps/shop-config', {
				body: {data: {n: String(i)}},
				contentType: 'application/merge-patch+json',
			});
		const {events} = await watch('/api/v1/namespaces/shop/configmaps?watch=true&resourceVersion=2', (e) => e.length > 0);
		expect(events[0]?.type).toBe('ERROR');
		expect(events[0]?.object.code).toBe(410);
		expect(events[0]?.object.reason).toBe('Expired');
	});

	it('streams initial events and then the initial-events-end bookmark', async () => {
		const {events} = await watch(
			'/api/v1/namespaces/shop/services?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
			(e) => e.some((x) => x.type === 'BOOKMARK'),
		);
		const bookmark = events.find((e) => e.type === 'BOOKMARK');
		expect(events.filter((e) => e.type === 'ADDED').length).toBeGreaterThan(2);
		expect(bookmark?.object.metadata?.annotations?.['k8s.io/initial-events-end']).toBe('true');
	});

	it('closes cleanly after timeoutSeconds', async () => {
		const started = Date.now();
		const {ended} = await watch('/api/v1/namespaces/shop/configmaps?watch=true&timeoutSeconds=1', () => false, 5000);
		expect(ended).toBe(true);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('writes nothing to a watch once its timeout has ended it, however busy the store is', async () => {
		// Between ending the response and its close, a change used to be written after the end and
		// thrown out of the store's write (an uncaught "write after end" that failed a CI run).
		const {R} = await import('../../src/sim/world/kinds.js');
		const errors: unknown[] = [];
		const onError = (error: unknown) => errors.push(error);
		process.on('uncaughtException', onError);
		let n = 0;
		const churn = setInterval(() => {
			const name = `timeout-churn-${n++}`;
			sim.store.create(R.configmaps, {
				apiVersion: 'v1',
				kind: 'ConfigMap',
				metadata: {name, namespace: 'shop', uid: '', resourceVersion: '', creationTimestamp: ''},
			});
			sim.store.remove(R.configmaps, 'shop', name);
		}, 1);
		try {
			const watches = Array.from({length: 6}, () =>
				watch('/api/v1/namespaces/shop/configmaps?watch=true&timeoutSeconds=1', () => false, 5000),
			);
			for (const w of await Promise.all(watches)) expect(w.ended).toBe(true);
			await new Promise((r) => setTimeout(r, 100));
		} finally {
			clearInterval(churn);
			process.off('uncaughtException', onError);
		}
		expect(errors).toEqual([]);
	});

	it('tells a selector watch that an object left its selection with a DELETED', async () => {
		await request('POST', '/api/v1/namespaces/shop/configmaps', {
			body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'labelled', labels: {team: 'a'}}},
		});
		const list = json(await request('GET', '/api/v1/namespaces/shop/configmaps'));
		const result = watch(
			`/api/v1/namespaces/shop/configmaps?watch=true&labelSelector=team%3Da&resourceVersion=${String(list.metadata?.['resourceVersion'])}`,
			(e) => e.length > 0,
		);
		setTimeout(
			() =>
				void request('PATCH', '/api/v1/namespaces/shop/configmaps/labelled', {
					body: {metadata: {labels: {team: 'b'}}},
					contentType: 'application/merge-patch+json',
				}),
			200,
		);
		const {events} = await result;
		expect(events[0]?.type).toBe('DELETED');
	});
});

describe('logs', () => {
	it('serves tailLines, timestamps and the multi-container error naming the choices', async () => {
		const pods = json(await request('GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dapi')).items ?? [];
		const name = pods[0]?.metadata.name ?? '';
		await expect
			.poll(async () => (await request('GET', `/api/v1/namespaces/shop/pods/${name}/log?tailLines=3`)).status, {timeout: 8000})
			.toBe(200);
		await new Promise((r) => setTimeout(r, 500));
		const tail = await request('GET', `/api/v1/namespaces/shop/pods/${name}/log?tailLines=3&timestamps=true`);
		const lines = tail.body.trimEnd().split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
	});
});

describe('events', () => {
	it('serves events.k8s.io/v1 as a view of the core events', async () => {
		await expect
			.poll(async () => (json(await request('GET', '/api/v1/namespaces/shop/events')).items ?? []).length, {timeout: 5000})
			.toBeGreaterThan(0);
		const core = json(await request('GET', '/api/v1/namespaces/shop/events')).items as unknown as {
			metadata: {name: string};
			message: string;
		}[];
		const v1 = json(await request('GET', '/apis/events.k8s.io/v1/namespaces/shop/events')).items as unknown as {
			metadata: {name: string};
			note: string;
			apiVersion: string;
		}[];
		const first = core[0];
		const same = v1.find((e) => e.metadata.name === first?.metadata.name);
		expect(same?.apiVersion).toBe('events.k8s.io/v1');
		expect(same?.note).toBe(first?.message);
	});
});

/** Protobuf wire format, just enough to build a body as kubectl's typed clients send it. */
function varint(n: number): Buffer {
	const out: number[] = [];
	let v = n;
	while (v > 0x7f) {
		out.push((v & 0x7f) | 0x80);
		v >>>= 7;
	}
	out.push(v);
	return Buffer.from(out);
}
function field(number: number, value: Buffer | string): Buffer {
	const bytes = typeof value === 'string' ? Buffer.from(value) : value;
	return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

describe('what the API server fills in and answers beyond CRUD', () => {
	it('defaults a created pod and classes its QoS by requests and limits', async () => {
		const pod = (name: string, resources: unknown) => ({
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name},
			spec: {containers: [{name: 'app', image: 'busybox:1.36', resources}]},
		});
		const cases: [string, unknown, string][] = [
			['qos-best-effort', {}, 'BestEffort'],
			['qos-guaranteed', {limits: {cpu: '100m', memory: '64Mi'}}, 'Guaranteed'],
			['qos-burstable', {requests: {cpu: '50m'}, limits: {memory: '64Mi'}}, 'Burstable'],
			['qos-unequal', {requests: {cpu: '0.1', memory: '32Mi'}, limits: {cpu: '100m', memory: '64Mi'}}, 'Burstable'],
		];
		for (const [name, resources, qos] of cases) {
			const created = json(await request('POST', '/api/v1/namespaces/default/pods', {body: pod(name, resources)}));
			expect(created['status'], name).toEqual({phase: 'Pending', qosClass: qos});
			const spec = created['spec'] as {containers: {imagePullPolicy: string; resources: {requests?: unknown}}[]; restartPolicy: string};
			expect(spec.restartPolicy).toBe('Always');
			expect(spec.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
			if (qos === 'Guaranteed') expect(spec.containers[0]?.resources.requests).toEqual({cpu: '100m', memory: '64Mi'});
		}
	});

	it('serves OpenAPI v3 paths with fieldValidation, and validates fields as asked', async () => {
		const root = json(await request('GET', '/openapi/v3')) as {paths?: Record<string, {serverRelativeURL: string}>};
		expect(Object.keys(root.paths ?? {})).toEqual(expect.arrayContaining(['api/v1', 'apis/apps/v1']));
		const doc = json(await request('GET', root.paths?.['apis/apps/v1']?.serverRelativeURL ?? '')) as {
			paths: Record<string, {patch?: {parameters: {name: string}[]; 'x-kubernetes-group-version-kind': unknown}}>;
		};
		const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch;
		expect(patch?.['x-kubernetes-group-version-kind']).toEqual({group: 'apps', version: 'v1', kind: 'Deployment'});
		expect(patch?.parameters.map((p) => p.name)).toContain('fieldValidation');
		const body = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'fv'}, data: {a: 'b'}, spec: {}};
		const strict = await request('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', {body});
		expect(strict.status).toBe(400);
		expect(json(strict)['message']).toBe(
			'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"',
		);
		const warn = await request('POST', '/api/v1/namespaces/default/configmaps', {body});
		expect(warn.status).toBe(201);
		expect(warn.headers['warning']).toBe('299 - "unknown field \\"spec\\""');
	});

	it('answers SelfSubjectAccessReviews for the user asking', async () => {
		const ask = (token: string, resource: string) =>
			request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
				token,
				body: {
					apiVersion: 'authorization.k8s.io/v1',
					kind: 'SelfSubjectAccessReview',
					spec: {resourceAttributes: {namespace: 'shop', verb: 'list', resource}},
				},
			});
		const admin = await ask(sim.adminToken, 'secrets');
		expect(admin.status).toBe(201);
		expect(json(admin)['status']).toEqual({allowed: true});
		expect(json(await ask(sim.restrictedToken, 'secrets'))['status']).toEqual({allowed: false});
		expect(json(await ask(sim.restrictedToken, 'pods'))['status']).toEqual({allowed: true});
	});

	it('reads protobuf bodies as kubectl create sends them', async () => {
		const meta = field(1, 'proto-cm');
		const entry = Buffer.concat([field(1, 'key'), field(2, 'value')]);
		const raw = Buffer.concat([field(1, meta), field(2, entry)]);
		const envelope = Buffer.concat([
			Buffer.from('k8s\0', 'binary'),
			field(1, Buffer.concat([field(1, 'v1'), field(2, 'ConfigMap')])),
			field(2, raw),
		]);
		const reply = await request('POST', '/api/v1/namespaces/default/configmaps', {
			body: envelope,
			contentType: 'application/vnd.kubernetes.protobuf',
		});
		expect(reply.status, reply.body).toBe(201);
		expect(json(reply)).toMatchObject({kind: 'ConfigMap', metadata: {name: 'proto-cm', namespace: 'default'}, data: {key: 'value'}});
	});
});
