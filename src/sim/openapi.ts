import {createHash} from 'node:crypto';
import {BUILTIN_RESOURCES} from './resources.js';
import type {ResourceDef} from './types.js';

/**
 * OpenAPI v3 as far as clients use it to learn what the server can do, not what
 * objects look like: per group-version the paths and operations, each tagged with its
 * kind (x-kubernetes-group-version-kind), its query parameters (kubectl looks for
 * `fieldValidation` on PATCH to validate on the server instead of on the client) and
 * its patch content types (strategic merge for built-ins, not for custom resources).
 * The sim publishes no schemas; without one kubectl computes apply patches from its
 * compiled-in types, as it does against servers whose OpenAPI lacks a kind.
 */

type GroupVersion = {group: string; version: string};

const SERVER_VERSION = 'v1.35.0';

function prefix({group, version}: GroupVersion): string {
	return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(resources: readonly ResourceDef[]): GroupVersion[] {
	const seen = new Map<string, GroupVersion>();
	for (const def of resources) seen.set(prefix(def), {group: def.group, version: def.version});
	return [...seen.values()];
}

function queryParam(name: string, description: string, type = 'string'): unknown {
	return {name, in: 'query', description, schema: {type}, uniqueItems: true};
}

const DRY_RUN = queryParam('dryRun', 'When present, indicates that modifications should not be persisted.');
const FIELD_MANAGER = queryParam(
	'fieldManager',
	'fieldManager is a name associated with the actor or entity that is making these changes.',
);
const FIELD_VALIDATION = queryParam(
	'fieldValidation',
	'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default) and Strict.',
);
const FORCE = queryParam('force', 'Force is going to "force" Apply requests.', 'boolean');
const PRETTY = queryParam('pretty', "If 'true', then the output is pretty printed.");
const LIST_PARAMS = [
	queryParam('allowWatchBookmarks', 'allowWatchBookmarks requests watch events with type "BOOKMARK".', 'boolean'),
	queryParam('continue', 'The continue option should be set when retrieving more results from the server.'),
	queryParam('fieldSelector', 'A selector to restrict the list of returned objects by their fields.'),
	queryParam('labelSelector', 'A selector to restrict the list of returned objects by their labels.'),
	queryParam('limit', 'limit is a maximum number of responses to return for a list call.', 'integer'),
	queryParam('resourceVersion', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
	queryParam('resourceVersionMatch', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
	queryParam('sendInitialEvents', 'sendInitialEvents=true may be set together with watch=true.', 'boolean'),
	queryParam('timeoutSeconds', 'Timeout for the list/watch call.', 'integer'),
	queryParam('watch', 'Watch for changes to the described resources.', 'boolean'),
];
const JSON_BODY = {content: {'*/*': {schema: {}}}, required: true};
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];

function pathParam(name: string, description: string): unknown {
	return {name, in: 'path', description, required: true, schema: {type: 'string', uniqueItems: true}};
}

function operation(
	action: string,
	id: string,
	gvk: {group: string; version: string; kind: string},
	parameters: unknown[],
	extra: Record<string, unknown> = {},
): unknown {
	return {
		operationId: id,
		parameters,
		responses: {'200': {description: 'OK', content: {'application/json': {schema: {}}}}, '401': {description: 'Unauthorized'}},
		'x-kubernetes-action': action,
		'x-kubernetes-group-version-kind': gvk,
		...extra,
	};
}

function isBuiltin(def: ResourceDef): boolean {
	return BUILTIN_RESOURCES.some((b) => b.group === def.group && b.resource === def.resource);
}

function capitalized(text: string): string {
	return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

function pathsFor(def: ResourceDef, paths: Record<string, Record<string, unknown>>): void {
	const base = `/${prefix(def)}`;
	const gvk = {group: def.group, version: def.version, kind: def.kind};
	const idBase = `${def.group.split('.')[0] ?? ''}${capitalized(def.version)}`;
	const kindId = `${def.namespaced ? 'Namespaced' : ''}${def.kind}`;
	const scope = def.namespaced ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')] : [];
	const collection = def.namespaced ? `${base}/namespaces/{namespace}/${def.resource}` : `${base}/${def.resource}`;
	const item = `${collection}/{name}`;
	const verbs = new Set(def.verbs);
	const patchBody = {
		content: Object.fromEntries(
			[...PATCH_TYPES, ...(isBuiltin(def) ? ['application/strategic-merge-patch+json'] : [])].map((t) => [t, {schema: {}}]),
		),
		required: true,
	};
	const writeParams = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
	const collectionOps: Record<string, unknown> = {};
	if (verbs.has('list')) collectionOps['get'] = operation('list', `list${idBase}${kindId}`, gvk, LIST_PARAMS);
	if (verbs.has('create'))
		collectionOps['post'] = operation('post', `create${idBase}${kindId}`, gvk, writeParams, {requestBody: JSON_BODY});
	if (verbs.has('deletecollection'))
		collectionOps['delete'] = operation('deletecollection', `deleteCollection${idBase}${kindId}`, gvk, [DRY_RUN, ...LIST_PARAMS]);
	if (Object.keys(collectionOps).length > 0) paths[collection] = {...collectionOps, parameters: [...scope, PRETTY]};
	const itemOps: Record<string, unknown> = {};
	if (verbs.has('get')) itemOps['get'] = operation('get', `read${idBase}${kindId}`, gvk, []);
	if (verbs.has('update')) itemOps['put'] = operation('put', `replace${idBase}${kindId}`, gvk, writeParams, {requestBody: JSON_BODY});
	if (verbs.has('patch'))
		itemOps['patch'] = operation('patch', `patch${idBase}${kindId}`, gvk, [...writeParams, FORCE], {requestBody: patchBody});
	if (verbs.has('delete')) itemOps['delete'] = operation('delete', `delete${idBase}${kindId}`, gvk, [DRY_RUN], {requestBody: JSON_BODY});
	const named = [pathParam('name', `name of the ${def.kind}`), ...scope, PRETTY];
	if (Object.keys(itemOps).length > 0) paths[item] = {...itemOps, parameters: named};
	if (def.namespaced && verbs.has('list'))
		paths[`${base}/${def.resource}`] = {get: operation('list', `list${idBase}${def.kind}ForAllNamespaces`, gvk, LIST_PARAMS)};
	for (const sub of def.subresources) {
		if (sub === 'status' || sub === 'scale') {
			const subGvk = sub === 'scale' ? {group: 'autoscaling', version: 'v1', kind: 'Scale'} : gvk;
			const id = `${idBase}${kindId}${capitalized(sub)}`;
			paths[`${item}/${sub}`] = {
				get: operation('get', `read${id}`, subGvk, []),
				put: operation('put', `replace${id}`, subGvk, writeParams, {requestBody: JSON_BODY}),
				patch: operation('patch', `patch${id}`, subGvk, [...writeParams, FORCE], {requestBody: patchBody}),
				parameters: named,
			};
		} else if (sub === 'log') {
			paths[`${item}/log`] = {
				get: operation('get', `read${idBase}${kindId}Log`, {group: '', version: 'v1', kind: 'Pod'}, []),
				parameters: named,
			};
		}
	}
}

/** The document of one group-version, or undefined when it is not served. */
export function openApiDocument(resources: readonly ResourceDef[], group: string, version: string): unknown {
	const defs = resources.filter((d) => d.group === group && d.version === version);
	if (defs.length === 0) return undefined;
	const paths: Record<string, Record<string, unknown>> = {};
	for (const def of defs) pathsFor(def, paths);
	return {openapi: '3.0.0', info: {title: 'Kubernetes', version: SERVER_VERSION}, paths, components: {schemas: {}}};
}

/** Which group-version a path under /openapi/v3/ names (`api/v1`, `apis/apps/v1`). */
export function openApiGroupVersion(path: string): GroupVersion | undefined {
	const core = /^api\/([^/]+)$/.exec(path);
	if (core?.[1]) return {group: '', version: core[1]};
	const named = /^apis\/([^/]+)\/([^/]+)$/.exec(path);
	if (named?.[1] && named[2]) return {group: named[1], version: named[2]};
	return undefined;
}

/** The /openapi/v3 root: each group-version's document URL, with a hash clients cache it by. */
export function openApiRoot(resources: readonly ResourceDef[]): unknown {
	const paths: Record<string, {serverRelativeURL: string}> = {};
	for (const gv of groupVersions(resources)) {
		const hash = createHash('sha512')
			.update(JSON.stringify(openApiDocument(resources, gv.group, gv.version)))
			.digest('hex')
			.toUpperCase()
			.slice(0, 128);
		paths[prefix(gv)] = {serverRelativeURL: `/openapi/v3/${prefix(gv)}?hash=${hash}`};
	}
	return {paths};
}
