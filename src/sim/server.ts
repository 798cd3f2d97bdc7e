import {randomBytes} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import type {Duplex} from 'node:stream';
import {parse as parseYaml} from 'yaml';
import {
	aggregatedContentType,
	aggregatedDiscovery,
	apiGroupDoc,
	apiGroupList,
	apiResourceList,
	apiVersions,
	wantsAggregated,
} from './discovery.js';
import {applyDefaults, prepareForCreate} from './defaults.js';
import {ApiError, badRequest, notFound, refuseUpgrade} from './errors.js';
import type {ObjectStore, StoredEvent} from './objectStore.js';
import {isAllowed, review, type SimUser} from './reviews.js';
import {decodeError, fieldValidationFrom, validateFields, warningHeader} from './fieldValidation.js';
import {decodeProtobuf} from './protobuf.js';
import {openApiDocument, openApiGroupVersion, openApiRoot} from './openapi.js';
import {jsonPatch, mergePatch, strategicMergePatch} from './patch.js';
import {apiVersionOf, BUILTIN_RESOURCES, resourceFromCrd} from './resources.js';
import {toEventsV1} from './eventsView.js';
import {fieldSelectorFrom, labelSelectorFrom, matchesSelectors} from './selectors.js';
import {printerFor, toTable, wantsTable, type IncludeObject} from './table.js';
import type {KubeObject, ResourceDef, Status} from './types.js';
import type {SimCertificates} from './tls.js';

export type {SimUser} from './reviews.js';

/** Faults on demand, for testing clients' recovery. */
export type Faults = {
	/** End every open watch this often (seconds); 0 = never. */
	dropWatchesEverySeconds: number;
	/** Fraction (0..1) of resource requests answered with 500. */
	errorRate: number;
};

/** What the server needs from the simulated world beyond the store. */
export type WorldHooks = {
	/** Streams a container's log to the response (the server validated pod and container). */
	readonly logs: (pod: KubeObject, container: string, query: URLSearchParams, res: ServerResponse) => void;
	/** Completes an exec/attach/port-forward upgrade. */
	readonly upgrade: (
		kind: 'exec' | 'attach' | 'portforward',
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		pod: KubeObject,
		container: string,
		query: URLSearchParams,
	) => void;
	/** The current metrics objects for metrics.k8s.io (pods or nodes). */
	readonly metrics: (resource: 'pods' | 'nodes', namespace: string | undefined) => KubeObject[];
	/** Deletes an object as the cluster would (graceful pod termination, garbage collection). */
	readonly delete: (def: ResourceDef, object: KubeObject, gracePeriodSeconds: number | undefined) => KubeObject;
};

type Route =
	| {type: 'discovery'; body: () => unknown; contentType?: string}
	| {
			type: 'resource';
			def: ResourceDef;
			namespace: string | undefined;
			name: string | undefined;
			subresource: string | undefined;
	  };

const JSON_TYPE = 'application/json';

/**
 * The simulated API server: HTTPS on loopback, speaking the Kubernetes REST API
 * closely enough that kubectl and client-node work unchanged. Data lives in the
 * ObjectStore; the world (controllers, logs, exec, metrics) comes in through hooks.
 */
export class SimServer {
	private server: https.Server | undefined;
	private readonly tokens = new Map<string, SimUser>();
	private readonly openWatches = new Set<ServerResponse>();
	private dropTimer: NodeJS.Timeout | undefined;
	/** Tokens for the kubeconfig: an admin and a user forbidden from secrets and nodes. */
	readonly adminToken = randomBytes(24).toString('hex');
	readonly restrictedToken = randomBytes(24).toString('hex');
	faults: Faults = {dropWatchesEverySeconds: 0, errorRate: 0};
	/** How often an open watch that asked for bookmarks gets one. */
	bookmarkIntervalMs = 5000;
	private address = '';

	constructor(
		readonly store: ObjectStore,
		private readonly hooks: WorldHooks,
		private readonly clock: () => number = Date.now,
	) {
		this.tokens.set(this.adminToken, {name: 'kview-admin', groups: ['system:masters', 'system:authenticated'], forbidden: new Set()});
		this.tokens.set(this.restrictedToken, {
			name: 'kview-restricted',
			groups: ['system:authenticated'],
			forbidden: new Set(['secrets', 'nodes']),
		});
	}

	/** Every resource served now: the built-ins plus each established CRD's. */
	resources(): ResourceDef[] {
		const crdDef = BUILTIN_RESOURCES.find((d) => d.resource === 'customresourcedefinitions');
		const custom = crdDef ? this.store.list(crdDef).flatMap((crd) => resourceFromCrd(crd) ?? []) : [];
		return [...BUILTIN_RESOURCES, ...custom];
	}

	/** Starts listening on 127.0.0.1; resolves to the server URL. */
	async listen(certs: SimCertificates, port = 0): Promise<string> {
		const server = https.createServer({cert: certs.serverCert, key: certs.serverKey}, (req, res) => this.handle(req, res));
		server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.handleUpgrade(req, socket, head));
		// Long watches and log follows must not be cut by Node's default timeouts.
		server.requestTimeout = 0;
		server.headersTimeout = 60_000;
		server.keepAliveTimeout = 65_000;
		this.server = server;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		const address = server.address() as AddressInfo;
		this.address = `127.0.0.1:${address.port}`;
		this.setFaults(this.faults);
		return `https://${this.address}`;
	}

	/** Changes the fault switches while running. */
	setFaults(faults: Faults): void {
		this.faults = faults;
		if (this.dropTimer) clearInterval(this.dropTimer);
		this.dropTimer = undefined;
		if (faults.dropWatchesEverySeconds > 0) {
			this.dropTimer = setInterval(() => this.dropWatches(), faults.dropWatchesEverySeconds * 1000);
			this.dropTimer.unref();
		}
	}

	/** Cuts every open watch connection, as a load balancer or an apiserver restart would. */
	dropWatches(): void {
		for (const res of this.openWatches) res.destroy();
		this.openWatches.clear();
	}

	/** Stops listening and ends every open connection. */
	async close(): Promise<void> {
		if (this.dropTimer) clearInterval(this.dropTimer);
		for (const res of this.openWatches) res.destroy();
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private authenticate(req: IncomingMessage): SimUser {
		const header = req.headers.authorization ?? '';
		const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
		const user = token ? this.tokens.get(token.trim()) : undefined;
		if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
		return user;
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		this.serve(req, res).catch((error: unknown) => this.fail(res, error));
	}

	private fail(res: ServerResponse, error: unknown): void {
		const status: Status =
			error instanceof ApiError
				? error.toStatus()
				: {
						kind: 'Status',
						apiVersion: 'v1',
						metadata: {},
						status: 'Failure',
						message: `Internal error: ${error instanceof Error ? error.message : String(error)}`,
						reason: 'InternalError',
						code: 500,
					};
		if (res.headersSent) {
			res.destroy();
			return;
		}
		res.writeHead(status.code, {'Content-Type': JSON_TYPE});
		res.end(JSON.stringify(status));
	}

	private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'https://sim');
		const path = url.pathname.replace(/\/+$/, '') || '/';
		if (path === '/healthz' || path === '/livez' || path === '/readyz') {
			res.writeHead(200, {'Content-Type': 'text/plain'});
			res.end('ok');
			return;
		}
		const user = this.authenticate(req);
		if (path === '/version') return this.json(res, 200, VERSION);
		if (path === '/openapi/v3') return this.json(res, 200, openApiRoot(this.resources()));
		if (path.startsWith('/openapi/v3/')) {
			const gv = openApiGroupVersion(path.slice('/openapi/v3/'.length));
			const doc = gv ? openApiDocument(this.resources(), gv.group, gv.version) : undefined;
			if (!doc) throw notFoundPath(path);
			return this.json(res, 200, doc);
		}
		const aggregated = wantsAggregated(req.headers.accept);
		if (aggregated && (path === '/api' || path === '/apis')) {
			// kubectl asks for aggregated discovery and tells the format by this content type.
			res.writeHead(200, {'Content-Type': aggregatedContentType(aggregated)});
			res.end(JSON.stringify(aggregatedDiscovery(this.resources(), path === '/api', aggregated)));
			return;
		}
		const route = this.route(path);
		if (route.type === 'discovery') {
			res.writeHead(200, {'Content-Type': route.contentType ?? JSON_TYPE});
			res.end(JSON.stringify(route.body()));
			return;
		}
		if (this.faults.errorRate > 0 && Math.random() < this.faults.errorRate) {
			throw new ApiError(500, 'InternalError', 'Internal error occurred: injected fault (kview sim --error-rate)');
		}
		if (route.def.verbs.length === 1 && route.def.verbs[0] === 'create' && !route.name) return this.serveReview(req, res, route.def, user);
		this.authorize(user, route, req.method ?? 'GET', url.searchParams);
		await this.serveResource(req, res, url, route);
	}

	/** The review kinds: any authenticated user may ask about itself; nothing is stored. */
	private async serveReview(req: IncomingMessage, res: ServerResponse, def: ResourceDef, user: SimUser): Promise<void> {
		if (req.method !== 'POST')
			throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
		const body = (await this.readBody(req)) as KubeObject | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request was in an unknown format');
		if (body.kind !== undefined && body.kind !== def.kind)
			throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(def)})`);
		this.json(res, 201, review(def, body, user, this.resources()));
	}

	/** RBAC's answer: the request's verb (get, list, watch, create...) on the resource, worded and detailed as the API server's Forbidden. */
	private authorize(user: SimUser, route: Extract<Route, {type: 'resource'}>, method: string, query: URLSearchParams): void {
		const {def, namespace, name, subresource} = route;
		if (isAllowed(user, def.resource)) return;
		const watching = query.get('watch') === 'true' || query.get('watch') === '1';
		const verb =
			method === 'GET'
				? name
					? 'get'
					: watching
						? 'watch'
						: 'list'
				: (({POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: name ? 'delete' : 'deletecollection'} as Record<string, string>)[
						method
					] ?? 'get');
		const resource = subresource ? `${def.resource}/${subresource}` : def.resource;
		const where = def.namespaced && namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
		const what = `${def.resource}${def.group ? `.${def.group}` : ''}${name ? ` "${name}"` : ''}`;
		throw new ApiError(
			403,
			'Forbidden',
			`${what} is forbidden: User "${user.name}" cannot ${verb} resource "${resource}" in API group "${def.group}"${where}`,
			{...(name ? {name} : {}), ...(def.group ? {group: def.group} : {}), kind: def.resource},
		);
	}

	private route(path: string): Route {
		// Names may hold escaped characters (system%3Akube-proxy): segments are decoded as a real server decodes them.
		const parts = path
			.split('/')
			.filter((p) => p !== '')
			.map((p) => {
				try {
					return decodeURIComponent(p);
				} catch {
					return p;
				}
			});
		const resources = this.resources();
		if (parts[0] === 'api' && parts.length === 1) return {type: 'discovery', body: () => apiVersions(this.address)};
		if (parts[0] === 'apis' && parts.length === 1) return {type: 'discovery', body: () => apiGroupList(resources)};
		let group: string;
		let version: string;
		let rest: string[];
		if (parts[0] === 'api' && parts[1] === 'v1') {
			group = '';
			version = 'v1';
			rest = parts.slice(2);
		} else if (parts[0] === 'apis' && parts.length >= 2) {
			group = parts[1] ?? '';
			if (parts.length === 2) {
				const doc = apiGroupDoc(resources, group);
				if (!doc) throw notFoundPath(path);
				return {type: 'discovery', body: () => doc};
			}
			version = parts[2] ?? '';
			rest = parts.slice(3);
		} else throw notFoundPath(path);
		if (rest.length === 0) {
			const doc = apiResourceList(resources, group, version);
			if (!doc) throw notFoundPath(path);
			return {type: 'discovery', body: () => doc};
		}
		let namespace: string | undefined;
		if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
			namespace = rest[1];
			rest = rest.slice(2);
		}
		const [resource, name, subresource, ...extra] = rest;
		const def = resources.find((d) => d.group === group && d.version === version && d.resource === resource);
		if (!def || extra.length > 0) throw notFoundPath(path);
		if (namespace !== undefined && !def.namespaced) throw notFoundPath(path);
		if (subresource !== undefined && !def.subresources.includes(subresource)) throw notFoundPath(path);
		return {type: 'resource', def, namespace, name, subresource};
	}

	private json(res: ServerResponse, code: number, body: unknown): void {
		res.writeHead(code, {'Content-Type': JSON_TYPE});
		res.end(JSON.stringify(body));
	}

	/**
	 * Reads and decodes a request body. `kind` is the object type a create or update
	 * expects: a body that does not parse is then refused in the API server's words.
	 */
	private async readBody(req: IncomingMessage, kind?: string): Promise<unknown> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const type = req.headers['content-type'] ?? '';
		if (/^application\/vnd\.kubernetes\.protobuf/.test(type) && raw.length > 0) return decodeProtobuf(raw);
		const text = raw.toString('utf8');
		if (text.trim() === '') return undefined;
		try {
			return /yaml/.test(type) ? parseYaml(text) : JSON.parse(text);
		} catch (error) {
			const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'parse error';
			if (kind && !/yaml/.test(type))
				throw badRequest(
					`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${detail}`,
				);
			throw badRequest(`the body of the request was in an unknown format: ${detail}`);
		}
	}

	private crdFor(def: ResourceDef): KubeObject | undefined {
		const crdDef = BUILTIN_RESOURCES.find((d) => d.resource === 'customresourcedefinitions');
		return crdDef ? this.store.find(crdDef, undefined, `${def.resource}.${def.group}`) : undefined;
	}

	private async serveResource(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		route: Extract<Route, {type: 'resource'}>,
	): Promise<void> {
		const {namespace, name, subresource} = route;
		let def = route.def;
		const method = req.method ?? 'GET';
		const query = url.searchParams;
		if (def.group === 'metrics.k8s.io') return this.serveMetrics(req, res, route, query);
		// events.k8s.io/v1 is a view of the core Events, converted on the way out.
		let view: ((object: KubeObject) => KubeObject) | undefined;
		if (def.group === 'events.k8s.io') {
			if (method !== 'GET')
				throw new ApiError(405, 'MethodNotAllowed', 'the sim serves events.k8s.io/v1 read-only; write core/v1 events instead');
			view = toEventsV1;
			def = BUILTIN_RESOURCES.find((d) => d.group === '' && d.resource === 'events') ?? def;
		}
		if (subresource === 'log' && name) return this.serveLogs(res, def, namespace, name, query);
		if (subresource === 'exec' || subresource === 'attach' || subresource === 'portforward') {
			throw new ApiError(400, 'BadRequest', `Upgrade request required`);
		}
		if (!name) {
			if (method === 'GET') {
				if (query.get('watch') === 'true' || query.get('watch') === '1') return this.serveWatch(req, res, def, namespace, query, view);
				return this.serveList(req, res, def, namespace, query, view);
			}
			if (method === 'POST') return this.serveCreate(req, res, def, namespace, query);
			if (method === 'DELETE') return this.serveDeleteCollection(res, def, namespace, query);
			throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
		}
		if (subresource === 'scale') return this.serveScale(req, res, def, namespace, name);
		if (subresource === 'eviction') return this.serveEviction(req, res, def, namespace, name);
		switch (method) {
			case 'GET': {
				const stored = this.store.get(def, namespace, name);
				const object = view ? view(stored) : stored;
				if (wantsTable(req.headers.accept)) {
					return this.json(
						res,
						200,
						toTable(printerFor(def, this.crdFor(def)), [object], this.clock(), includeObject(query), {
							resourceVersion: object.metadata.resourceVersion,
						}),
					);
				}
				return this.json(res, 200, object);
			}
			case 'PUT': {
				const body = (await this.readBody(req, def.kind)) as KubeObject | undefined;
				const object = this.validate(def, body, namespace, name);
				refuseUndecodable(def, object);
				this.warn(res, validateFields(def, object, fieldValidationFrom(query)));
				const current = this.store.get(def, namespace, name);
				// The main resource ignores status and the status subresource ignores spec, as on a real server.
				const merged =
					subresource === 'status'
						? {...current, status: object.status, metadata: {...current.metadata, resourceVersion: object.metadata.resourceVersion}}
						: {...object, status: current.status};
				return this.json(res, 200, this.store.update(def, applyDefaults(merged)));
			}
			case 'PATCH': {
				const patch = await this.readBody(req);
				const contentType = req.headers['content-type'] ?? '';
				const existing = this.store.find(def, namespace, name);
				// Server-side apply creates what does not exist yet.
				if (!existing && contentType.startsWith('application/apply-patch+yaml') && subresource === undefined)
					return this.createObject(res, def, namespace, patch as KubeObject | undefined, query, name);
				const current = existing ?? this.store.get(def, namespace, name);
				const patched = applyPatch(contentType, current, patch) as KubeObject;
				const object = this.validate(def, patched, namespace, name);
				// The patched result is decoded again: a wrong type there is the patch's fault (422), not the request's (400).
				const undecodable = decodeError(object);
				if (undecodable)
					throw new ApiError(
						422,
						'Invalid',
						` "" is invalid: patch: Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${undecodable}`,
						{
							causes: [
								{
									reason: 'FieldValueInvalid',
									message: `Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${undecodable}`,
									field: 'patch',
								},
							],
						},
					);
				this.warn(res, validateFields(def, object, fieldValidationFrom(query)));
				if (object.metadata.uid !== current.metadata.uid)
					throw new ApiError(422, 'Invalid', `metadata.uid: Invalid value: field is immutable`);
				const next = subresource === 'status' ? {...current, status: object.status} : {...object, status: object.status ?? current.status};
				return this.json(
					res,
					200,
					this.store.update(def, applyDefaults({...next, metadata: {...next.metadata, resourceVersion: patchedRv(patch, current)}})),
				);
			}
			case 'DELETE': {
				const body = (await this.readBody(req)) as
					{gracePeriodSeconds?: number; preconditions?: {uid?: string; resourceVersion?: string}} | undefined;
				const current = this.store.get(def, namespace, name);
				if (body?.preconditions?.uid && body.preconditions.uid !== current.metadata.uid) {
					throw new ApiError(
						409,
						'Conflict',
						`Precondition failed: UID in precondition: ${body.preconditions.uid}, UID in object meta: ${current.metadata.uid}`,
					);
				}
				const grace =
					body?.gracePeriodSeconds ?? (query.get('gracePeriodSeconds') !== null ? Number(query.get('gracePeriodSeconds')) : undefined);
				const result = this.hooks.delete(def, current, grace);
				if (def.kind === 'Pod' || this.store.find(def, namespace, name)) return this.json(res, 200, result);
				return this.json(res, 200, {
					kind: 'Status',
					apiVersion: 'v1',
					metadata: {},
					status: 'Success',
					// group is omitempty on the wire: the core group leaves it out.
					details: {name, ...(def.group ? {group: def.group} : {}), kind: def.resource, uid: current.metadata.uid},
				});
			}
			default:
				throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
		}
	}

	/** Checks and completes an object a client sent (kind, name, namespace). */
	private validate(def: ResourceDef, body: KubeObject | undefined, namespace: string | undefined, name: string | undefined): KubeObject {
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request was in an unknown format');
		if (body.kind !== undefined && body.kind !== def.kind) {
			throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(def)})`);
		}
		const metadata = body.metadata ?? {};
		if (name !== undefined && metadata.name !== undefined && metadata.name !== name) {
			throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
		}
		if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== namespace) {
			throw badRequest(`the namespace of the provided object does not match the namespace sent on the request`);
		}
		let objectName = metadata.name ?? name;
		if (!objectName && metadata.generateName) objectName = `${metadata.generateName}${randomBytes(3).toString('hex').slice(0, 5)}`;
		if (!objectName)
			throw new ApiError(422, 'Invalid', `${def.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
				kind: def.kind,
				causes: [{reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name'}],
			});
		if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(objectName) || objectName.length > 253) {
			throw new ApiError(
				422,
				'Invalid',
				`${def.kind} "${objectName}" is invalid: metadata.name: Invalid value: "${objectName}": ${RFC1123_SUBDOMAIN}`,
				{
					name: objectName,
					kind: def.kind,
					causes: [{reason: 'FieldValueInvalid', message: `Invalid value: "${objectName}": ${RFC1123_SUBDOMAIN}`, field: 'metadata.name'}],
				},
			);
		}
		const ns = def.namespaced ? (metadata.namespace ?? namespace) : undefined;
		if (def.namespaced && !ns) throw badRequest('the namespace of the object is required');
		return {
			...body,
			apiVersion: apiVersionOf(def),
			kind: def.kind,
			metadata: {...metadata, name: objectName, ...(ns ? {namespace: ns} : {})},
		};
	}

	private async serveCreate(
		req: IncomingMessage,
		res: ServerResponse,
		def: ResourceDef,
		namespace: string | undefined,
		query: URLSearchParams,
	): Promise<void> {
		this.createObject(res, def, namespace, (await this.readBody(req, def.kind)) as KubeObject | undefined, query, undefined);
	}

	/** The service IP allocator: a free address of 10.96.0.0/16 for a Service that names none (headless and ExternalName get none). */
	private allocateClusterIP(service: KubeObject): KubeObject {
		const spec = (service.spec ?? {}) as {type?: string; clusterIP?: string; clusterIPs?: string[]};
		if (spec.type === 'ExternalName') return service;
		if (spec.clusterIP) return {...service, spec: {...spec, clusterIPs: spec.clusterIPs ?? [spec.clusterIP]}};
		const servicesDef = BUILTIN_RESOURCES.find((d) => d.group === '' && d.resource === 'services');
		const used = new Set<string>();
		if (servicesDef)
			for (const s of this.store.values(servicesDef)) used.add(String((s.spec as {clusterIP?: string} | undefined)?.clusterIP));
		for (let attempt = 0; attempt < 1000; attempt++) {
			const n = 16 + Math.floor(Math.random() * (65_536 - 32));
			const ip = `10.96.${n >> 8}.${n & 255}`;
			if (!used.has(ip)) return {...service, spec: {...spec, clusterIP: ip, clusterIPs: [ip]}};
		}
		throw new ApiError(500, 'InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
	}

	/** Sends each warning as its own Warning header, as the API server does (kubectl prints them as "Warning: ..."). */
	private warn(res: ServerResponse, warnings: readonly string[]): void {
		if (warnings.length > 0) res.setHeader('Warning', warnings.map(warningHeader));
	}

	private createObject(
		res: ServerResponse,
		def: ResourceDef,
		namespace: string | undefined,
		body: KubeObject | undefined,
		query: URLSearchParams,
		name: string | undefined,
	): void {
		const object = this.validate(def, body, namespace, name);
		refuseUndecodable(def, object);
		this.warn(res, validateFields(def, object, fieldValidationFrom(query)));
		if (def.namespaced) {
			const nsDef = BUILTIN_RESOURCES.find((d) => d.resource === 'namespaces');
			const ns = object.metadata.namespace ?? '';
			if (nsDef && !this.store.find(nsDef, undefined, ns)) throw notFound('namespaces', ns);
		}
		const allocated = def.kind === 'Service' && def.group === '' ? this.allocateClusterIP(allocateNodePorts(object)) : object;
		this.json(
			res,
			201,
			this.store.create(def, prepareForCreate({...allocated, metadata: {...allocated.metadata, uid: '', resourceVersion: ''}})),
		);
	}

	private serveList(
		req: IncomingMessage,
		res: ServerResponse,
		def: ResourceDef,
		namespace: string | undefined,
		query: URLSearchParams,
		view?: (object: KubeObject) => KubeObject,
	): void {
		const labels = labelSelectorFrom(query.get('labelSelector'));
		const fields = fieldSelectorFrom(query.get('fieldSelector'), def);
		const limit = Number(query.get('limit') ?? 0);
		const token = query.get('continue');
		const exact = this.listVersion(query);
		if (exact !== undefined && !token) {
			// A list at a past revision: rebuilt from the history, or 410 once "compacted" away.
			const past = this.store.listAt(def, exact, def.namespaced ? namespace : undefined);
			if (!past) throw new ApiError(410, 'Expired', 'The resourceVersion for the provided list is too old.');
			const items = past.filter((o) => matchesSelectors(o, labels, fields)).map((o) => (view ? view(o) : o));
			const meta = {resourceVersion: String(exact)};
			if (wantsTable(req.headers.accept))
				return this.json(res, 200, toTable(printerFor(def, this.crdFor(def)), items, this.clock(), includeObject(query), meta));
			return this.json(res, 200, {
				kind: `${def.kind}List`,
				apiVersion: view ? (items[0]?.apiVersion ?? 'events.k8s.io/v1') : apiVersionOf(def),
				metadata: meta,
				items,
			});
		}
		let start = '';
		let rv = this.store.resourceVersion;
		if (token) {
			const decoded = decodeContinue(token);
			// etcd compacts every five minutes: a token older than that names a revision that is gone.
			if (this.clock() - decoded.issued > COMPACTION_INTERVAL_MS) {
				throw new ApiError(
					410,
					'Expired',
					'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
				);
			}
			start = decoded.start;
			rv = decoded.rv;
		}
		const selective = Boolean(query.get('labelSelector') || query.get('fieldSelector'));
		const matching: KubeObject[] = [];
		let next: string | undefined;
		let remaining = 0;
		const scope = def.namespaced ? namespace : undefined;
		for (const object of this.store.iterate(def, scope, start)) {
			if (!matchesSelectors(object, labels, fields)) continue;
			if (limit > 0 && matching.length >= limit) {
				// The API server counts what is left only when no selector makes counting a full scan.
				const last = matching.at(-1);
				remaining = selective || !last ? 1 : this.store.countAfter(def, scope, storeKey(def, last));
				break;
			}
			matching.push(object);
		}
		if (limit > 0 && remaining > 0) {
			const last = matching.at(-1);
			if (last) next = encodeContinue(rv, storeKey(def, last), this.clock());
		}
		if (view) matching.splice(0, matching.length, ...matching.map(view));
		const meta = {resourceVersion: rv, ...(next ? {continue: next, ...(selective ? {} : {remainingItemCount: remaining})} : {})};
		if (wantsTable(req.headers.accept)) {
			this.json(res, 200, toTable(printerFor(def, this.crdFor(def)), matching, this.clock(), includeObject(query), meta));
			return;
		}
		// Stream big lists item by item: a 50,000-pod list is tens of megabytes of JSON.
		res.writeHead(200, {'Content-Type': JSON_TYPE});
		res.write(
			`{"kind":"${def.kind}List","apiVersion":"${view ? (matching[0]?.apiVersion ?? 'events.k8s.io/v1') : apiVersionOf(def)}","metadata":${JSON.stringify(meta)},"items":[`,
		);
		let buffer = '';
		matching.forEach((object, i) => {
			buffer += (i > 0 ? ',' : '') + JSON.stringify(object);
			if (buffer.length > 256 * 1024) {
				res.write(buffer);
				buffer = '';
			}
		});
		res.end(`${buffer}]}`);
	}

	/**
	 * Checks resourceVersion/resourceVersionMatch as the API server validates ListOptions;
	 * returns the revision an Exact list must be served at (NotOlderThan and no match are served current).
	 */
	private listVersion(query: URLSearchParams): number | undefined {
		const match = query.get('resourceVersionMatch');
		if (!match) return undefined;
		const rv = query.get('resourceVersion') ?? '';
		const invalid = (type: string, message: string, field = 'resourceVersionMatch'): ApiError =>
			new ApiError(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${field}: ${message}`, {
				group: 'meta.k8s.io',
				kind: 'ListOptions',
				causes: [{reason: type, message, field}],
			});
		if (rv === '') throw invalid('FieldValueForbidden', 'Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
		if (match !== 'Exact' && match !== 'NotOlderThan')
			throw invalid('FieldValueNotSupported', `Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
		if (match === 'Exact' && rv === '0')
			throw invalid('FieldValueForbidden', 'Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
		const wanted = Number(rv);
		if (!Number.isInteger(wanted) || wanted < 0) throw badRequest(`invalid resource version: ${rv}`);
		const current = Number(this.store.resourceVersion);
		// etcd cannot serve a revision it has not reached; the API server gives up with 504 and a retry hint.
		if (wanted > current)
			throw new ApiError(504, 'Timeout', `Too large resource version: ${wanted}, current: ${current}`, {
				causes: [{reason: 'ResourceVersionTooLarge', message: 'Too large resource version'}],
				retryAfterSeconds: 1,
			});
		return match === 'Exact' ? wanted : undefined;
	}

	private serveWatch(
		req: IncomingMessage,
		res: ServerResponse,
		def: ResourceDef,
		namespace: string | undefined,
		query: URLSearchParams,
		view?: (object: KubeObject) => KubeObject,
	): void {
		const labels = labelSelectorFrom(query.get('labelSelector'));
		const fields = fieldSelectorFrom(query.get('fieldSelector'), def);
		const table = wantsTable(req.headers.accept);
		const printer = table ? printerFor(def, this.crdFor(def)) : undefined;
		const include = includeObject(query);
		const bookmarks = query.get('allowWatchBookmarks') === 'true';
		const initialEvents = query.get('sendInitialEvents') === 'true';
		if (initialEvents && (query.get('resourceVersionMatch') !== 'NotOlderThan' || !bookmarks)) {
			throw new ApiError(
				422,
				'Invalid',
				'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is supported only with resourceVersionMatch=NotOlderThan and allowWatchBookmarks=true',
				{kind: 'ListOptions', group: 'meta.k8s.io'},
			);
		}
		const rv = query.get('resourceVersion') ?? '';
		let columnsSent = false;
		const write = (type: string, stored: KubeObject): void => {
			// Ended (its timeout) but not yet closed: the store may still call in between.
			if (res.writableEnded) return;
			const object = view && type !== 'BOOKMARK' ? view(stored) : stored;
			let body: unknown = object;
			if (printer && type !== 'BOOKMARK') {
				body = toTable(printer, [object], this.clock(), include, {resourceVersion: object.metadata.resourceVersion}, !columnsSent);
				columnsSent = true;
			}
			res.write(`${JSON.stringify({type, object: body})}\n`);
		};
		const inScope = (object: KubeObject): boolean =>
			(!def.namespaced || namespace === undefined || object.metadata.namespace === namespace) && matchesSelectors(object, labels, fields);
		res.writeHead(200, {'Content-Type': JSON_TYPE, 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache'});
		res.flushHeaders();

		let watcher;
		const fromNow = rv === '' || rv === '0' || initialEvents;
		try {
			if (fromNow)
				for (const object of this.store.list(def, def.namespaced ? namespace : undefined)) if (inScope(object)) write('ADDED', object);
			watcher = this.store.watch(def, fromNow ? '' : rv, (event: StoredEvent) => {
				const now = inScope(event.object);
				const before = event.type === 'MODIFIED' && event.previous ? inScope(event.previous) : now;
				if (event.type === 'MODIFIED' && before !== now) write(now ? 'ADDED' : 'DELETED', event.object);
				else if (now) write(event.type, event.object);
			});
		} catch (error) {
			if (error instanceof ApiError && error.code === 410) {
				res.end(`${JSON.stringify({type: 'ERROR', object: error.toStatus()})}\n`);
				return;
			}
			throw error;
		}
		const bookmark = (annotations?: Record<string, string>): void => {
			write('BOOKMARK', {
				kind: def.kind,
				apiVersion: apiVersionOf(def),
				metadata: {
					resourceVersion: this.store.resourceVersion,
					creationTimestamp: null,
					...(annotations ? {annotations} : {}),
				} as unknown as KubeObject['metadata'],
			});
		};
		if (initialEvents) bookmark({'k8s.io/initial-events-end': 'true'});
		const bookmarkTimer = bookmarks ? setInterval(() => bookmark(), this.bookmarkIntervalMs) : undefined;
		const timeout = Number(query.get('timeoutSeconds') ?? 0);
		const timeoutTimer =
			timeout > 0
				? setTimeout(() => {
						stop();
						res.end();
					}, timeout * 1000)
				: undefined;
		// The API server also bookmarks a watch two seconds before its deadline, so the client
		// resumes from a fresh resourceVersion after the timeout.
		const deadlineTimer = bookmarks && timeout > 2 ? setTimeout(() => bookmark(), (timeout - 2) * 1000) : undefined;
		this.openWatches.add(res);
		const stop = (): void => {
			this.store.unwatch(watcher);
			if (bookmarkTimer) clearInterval(bookmarkTimer);
			if (timeoutTimer) clearTimeout(timeoutTimer);
			if (deadlineTimer) clearTimeout(deadlineTimer);
			this.openWatches.delete(res);
		};
		res.on('close', stop);
	}

	private serveDeleteCollection(res: ServerResponse, def: ResourceDef, namespace: string | undefined, query: URLSearchParams): void {
		const labels = labelSelectorFrom(query.get('labelSelector'));
		const fields = fieldSelectorFrom(query.get('fieldSelector'), def);
		const deleted = [];
		for (const object of this.store.list(def, def.namespaced ? namespace : undefined)) {
			if (matchesSelectors(object, labels, fields)) deleted.push(this.hooks.delete(def, object, undefined));
		}
		this.json(res, 200, {
			kind: `${def.kind}List`,
			apiVersion: apiVersionOf(def),
			metadata: {resourceVersion: this.store.resourceVersion},
			items: deleted,
		});
	}

	private async serveScale(
		req: IncomingMessage,
		res: ServerResponse,
		def: ResourceDef,
		namespace: string | undefined,
		name: string,
	): Promise<void> {
		const method = req.method ?? 'GET';
		const scaleOf = (object: KubeObject) => {
			const spec = object.spec as {replicas?: number; selector?: {matchLabels?: Record<string, string>}} | undefined;
			const status = object.status as {replicas?: number} | undefined;
			const selector = Object.entries(spec?.selector?.matchLabels ?? {})
				.map(([k, v]) => `${k}=${v}`)
				.join(',');
			return {
				kind: 'Scale',
				apiVersion: 'autoscaling/v1',
				metadata: {
					name,
					namespace,
					uid: object.metadata.uid,
					resourceVersion: object.metadata.resourceVersion,
					creationTimestamp: object.metadata.creationTimestamp,
				},
				spec: {replicas: spec?.replicas ?? 0},
				status: {replicas: status?.replicas ?? 0, selector},
			};
		};
		const current = this.store.get(def, namespace, name);
		if (method === 'GET') return this.json(res, 200, scaleOf(current));
		const body = await this.readBody(req);
		let replicas: unknown;
		if (method === 'PUT') replicas = (body as {spec?: {replicas?: unknown}} | undefined)?.spec?.replicas;
		else if (method === 'PATCH')
			replicas = (applyPatch(req.headers['content-type'] ?? '', scaleOf(current), body) as {spec?: {replicas?: unknown}}).spec?.replicas;
		else throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
		if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
			throw new ApiError(
				422,
				'Invalid',
				`Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
				{
					name,
					group: 'autoscaling',
					kind: 'Scale',
					causes: [{reason: 'FieldValueInvalid', message: 'must be greater than or equal to 0', field: 'spec.replicas'}],
				},
			);
		}
		const updated = this.store.update(def, {...current, spec: {...current.spec, replicas}});
		this.json(res, 200, scaleOf(updated));
	}

	/**
	 * An eviction is a delete that asks the disruption budgets first; the sim keeps
	 * no PodDisruptionBudgets, so every eviction of an existing pod is allowed.
	 */
	private async serveEviction(
		req: IncomingMessage,
		res: ServerResponse,
		def: ResourceDef,
		namespace: string | undefined,
		name: string,
	): Promise<void> {
		if (req.method !== 'POST')
			throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
		const body = (await this.readBody(req)) as
			{kind?: string; apiVersion?: string; metadata?: {name?: string}; deleteOptions?: {gracePeriodSeconds?: number}} | undefined;
		if (body?.kind !== 'Eviction' || !['policy/v1', 'policy/v1beta1'].includes(body.apiVersion ?? ''))
			throw badRequest(`the body of the request was in an unknown format: expected a policy/v1 Eviction`);
		if (body.metadata?.name !== name) throw badRequest('name in URL does not match name in Eviction object');
		const pod = this.store.get(def, namespace, name);
		this.hooks.delete(def, pod, body.deleteOptions?.gracePeriodSeconds);
		this.json(res, 201, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201});
	}

	private serveLogs(res: ServerResponse, def: ResourceDef, namespace: string | undefined, name: string, query: URLSearchParams): void {
		const pod = this.store.get(def, namespace, name);
		const container = this.containerFor(pod, query.get('container'), 'logs');
		this.hooks.logs(pod, container, query, res);
	}

	/** Picks the container a request means; a multi-container pod needs one named, as a real server says. */
	private containerFor(pod: KubeObject, wanted: string | null, what: 'logs' | 'exec'): string {
		const spec = pod.spec as {containers?: {name?: string}[]; initContainers?: {name?: string}[]} | undefined;
		const names = (spec?.containers ?? []).map((c) => c.name ?? '');
		const all = [...names, ...(spec?.initContainers ?? []).map((c) => c.name ?? '')];
		if (wanted) {
			if (!all.includes(wanted)) throw badRequest(`container ${wanted} is not valid for pod ${pod.metadata.name}`);
			return wanted;
		}
		if (names.length === 1 && names[0]) return names[0];
		throw badRequest(
			what === 'logs'
				? `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]${(spec?.initContainers ?? []).length > 0 ? ` or one of the init containers: [${(spec?.initContainers ?? []).map((c) => c.name ?? '').join(' ')}]` : ''}`
				: `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`,
		);
	}

	private serveMetrics(req: IncomingMessage, res: ServerResponse, route: Extract<Route, {type: 'resource'}>, query: URLSearchParams): void {
		if ((req.method ?? 'GET') !== 'GET')
			throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
		const resource = route.def.resource === 'pods' ? 'pods' : 'nodes';
		const labels = labelSelectorFrom(query.get('labelSelector'));
		const items = this.hooks.metrics(resource, route.namespace).filter((m) => matchesSelectors(m, labels, []));
		if (route.name) {
			const item = items.find((m) => m.metadata.name === route.name);
			if (!item) throw notFound(route.def.resource, route.name, route.def.group);
			return this.json(res, 200, item);
		}
		this.json(res, 200, {kind: `${route.def.kind}List`, apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items});
	}

	private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		try {
			const user = this.authenticate(req);
			const url = new URL(req.url ?? '/', 'https://sim');
			const route = this.route(url.pathname.replace(/\/+$/, ''));
			if (route.type !== 'resource' || !route.name || !route.subresource || !['exec', 'attach', 'portforward'].includes(route.subresource))
				throw notFoundPath(url.pathname);
			this.authorize(user, route, 'POST', url.searchParams);
			const pod = this.store.get(route.def, route.namespace, route.name);
			const phase = (pod.status as {phase?: string} | undefined)?.phase;
			const kind = route.subresource as 'exec' | 'attach' | 'portforward';
			const container = kind === 'portforward' ? '' : this.containerFor(pod, url.searchParams.get('container'), 'exec');
			if (phase !== 'Running') throw badRequest(`pod ${route.name} is not running (phase ${phase ?? 'unknown'})`);
			this.hooks.upgrade(kind, req, socket, head, pod, container, url.searchParams);
		} catch (error) {
			refuseUpgrade(socket, error);
		}
	}
}

/** What /version answers: a current Kubernetes, with the sim named in gitVersion's build metadata. */
const VERSION = {
	major: '1',
	minor: '35',
	gitVersion: 'v1.35.0+kview-sim',
	gitCommit: '0000000000000000000000000000000000000000',
	gitTreeState: 'clean',
	buildDate: '2026-01-01T00:00:00Z',
	goVersion: 'go1.25.0',
	compiler: 'gc',
	platform: 'linux/amd64',
};

/** NodePort and LoadBalancer ports get a node port from 30000-32767 when they name none. */
function allocateNodePorts(service: KubeObject): KubeObject {
	const spec = (service.spec ?? {}) as {type?: string; ports?: {nodePort?: number}[]};
	if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return service;
	const ports = (spec.ports ?? []).map((p) => (p.nodePort ? p : {...p, nodePort: 30_000 + Math.floor(Math.random() * 2768)}));
	return {...service, spec: {...spec, ports}};
}

/** A path that names no resource: the API server's fixed text (kubectl adds the path on its side), with empty details. */
function notFoundPath(_path: string): ApiError {
	return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** What IsDNS1123Subdomain says about a name that is not one. */
const RFC1123_SUBDOMAIN =
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** A create or update body the decoder would refuse (a string map with a number in it): 400, as the API server answers. */
function refuseUndecodable(def: ResourceDef, object: KubeObject): void {
	const problem = decodeError(object);
	if (problem) throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${problem}`);
}

function includeObject(query: URLSearchParams): IncludeObject {
	const value = query.get('includeObject');
	return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function applyPatch(contentType: string, current: unknown, patch: unknown): unknown {
	if (contentType.startsWith('application/json-patch+json')) return jsonPatch(current, patch);
	// Merge patches decode into a map first; anything else is the decoder's 400.
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
		throw badRequest(
			`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch} into Go value of type map[string]interface {}`,
		);
	if (contentType.startsWith('application/merge-patch+json')) return mergePatch(current, patch);
	if (contentType.startsWith('application/strategic-merge-patch+json')) return strategicMergePatch(current, patch);
	if (contentType.startsWith('application/apply-patch+yaml')) return mergePatch(current, patch);
	throw new ApiError(
		415,
		'UnsupportedMediaType',
		`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
		// A generic server response: its details are present and empty.
		{},
	);
}

/** A patch may carry a resourceVersion (a precondition); otherwise it applies to whatever is current. */
function patchedRv(patch: unknown, current: KubeObject): string {
	const given = (patch as {metadata?: {resourceVersion?: unknown}} | undefined)?.metadata?.resourceVersion;
	return typeof given === 'string' && given !== '' ? given : current.metadata.resourceVersion;
}

/** How often etcd is compacted in a default control plane; continue tokens live this long. */
const COMPACTION_INTERVAL_MS = 5 * 60_000;

/** The key an object is stored under, which is also the order lists come in. */
function storeKey(def: ResourceDef, object: KubeObject): string {
	return def.namespaced ? `${object.metadata.namespace ?? ''}/${object.metadata.name}` : object.metadata.name;
}

/** A continue token: like the API server's, opaque base64 JSON of the list's revision and the last key served (and, here, when it was issued). */
function encodeContinue(rv: string, start: string, issued: number): string {
	return Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv, start, issued})).toString('base64url');
}

function decodeContinue(token: string): {rv: string; start: string; issued: number} {
	try {
		const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {rv?: unknown; start?: unknown; issued?: unknown};
		if (typeof decoded.rv === 'string' && typeof decoded.start === 'string' && typeof decoded.issued === 'number')
			return {rv: decoded.rv, start: decoded.start, issued: decoded.issued};
	} catch {
		// fall through to the 400 below
	}
	throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
