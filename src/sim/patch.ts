import {ApiError, badRequest} from './errors.js';

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

function isObject(value: unknown): value is Record<string, Json> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
	if (!isObject(patch)) return patch;
	const out: Record<string, unknown> = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) Reflect.deleteProperty(out, key);
		else out[key] = mergePatch(out[key], value);
	}
	return out;
}

// The list merge keys Kubernetes' strategic merge patch uses for the fields kubectl touches.
const MERGE_KEYS: Readonly<Record<string, string>> = {
	containers: 'name',
	initContainers: 'name',
	ephemeralContainers: 'name',
	env: 'name',
	volumes: 'name',
	volumeMounts: 'mountPath',
	ports: 'containerPort',
	conditions: 'type',
	imagePullSecrets: 'name',
	tolerations: 'key',
	finalizers: '',
};

/**
 * Strategic merge patch, as far as clients use it (kubectl rollout restart, cordon,
 * label, set image): maps merge like a merge patch; lists with a known merge key
 * merge element by element; `$patch: delete` removes an element; other lists replace.
 */
export function strategicMergePatch(target: unknown, patch: unknown, field = ''): unknown {
	if (Array.isArray(patch)) {
		const mergeKey = MERGE_KEYS[field];
		if (!mergeKey || !Array.isArray(target)) return patch.filter((p) => !(isObject(p) && p['$patch'] === 'delete'));
		const out: unknown[] = [...(target as unknown[])];
		for (const item of patch) {
			if (!isObject(item)) continue;
			const id = item[mergeKey];
			const index = out.findIndex((e) => isObject(e) && e[mergeKey] === id);
			if (item['$patch'] === 'delete') {
				if (index >= 0) out.splice(index, 1);
			} else if (index >= 0) out[index] = strategicMergePatch(out[index], item);
			else out.push(item);
		}
		return out;
	}
	if (!isObject(patch)) return patch;
	if (patch['$patch'] === 'replace') {
		return Object.fromEntries(Object.entries(patch).filter(([k]) => k !== '$patch'));
	}
	const out: Record<string, unknown> = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (key.startsWith('$')) continue;
		if (value === null) Reflect.deleteProperty(out, key);
		else out[key] = strategicMergePatch(out[key], value, key);
	}
	return out;
}

type Operation = {op?: string; path?: string; value?: unknown; from?: string};

function pointer(path: string): string[] {
	if (path === '') return [];
	if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer "${path}"`);
	return path
		.slice(1)
		.split('/')
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * A JSON patch that cannot apply (no such path, a failed test, an unknown operation):
 * the API server answers 422 with this fixed text and empty details, whatever the cause.
 */
function patchRejected(): ApiError {
	return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

function parentOf(root: unknown, parts: string[]): {parent: Record<string, unknown> | unknown[]; key: string} {
	let node: unknown = root;
	for (const part of parts.slice(0, -1)) {
		node = Array.isArray(node) ? node[Number(part)] : isObject(node) ? node[part] : undefined;
		if (node === undefined) throw patchRejected();
	}
	if (!Array.isArray(node) && !isObject(node)) throw patchRejected();
	return {parent: node, key: parts.at(-1) ?? ''};
}

/** RFC 6902 JSON patch (add, remove, replace, test, copy, move). */
export function jsonPatch(target: unknown, operations: unknown): unknown {
	// The decoder's own words: a patch that is not a list does not unmarshal.
	if (!Array.isArray(operations)) throw badRequest(`json: cannot unmarshal ${jsonType(operations)} into Go value of type jsonpatch.Patch`);
	let root = structuredClone(target);
	for (const raw of operations as Operation[]) {
		const parts = pointer(raw.path ?? '');
		const value = raw.op === 'copy' || raw.op === 'move' ? getAt(root, pointer(raw.from ?? '')) : raw.value;
		if (raw.op === 'move') root = removeAt(root, pointer(raw.from ?? ''));
		switch (raw.op) {
			case 'add':
			case 'copy':
			case 'move':
			case 'replace': {
				if (parts.length === 0) {
					root = structuredClone(value);
					break;
				}
				const {parent, key} = parentOf(root, parts);
				if (Array.isArray(parent)) {
					const index = key === '-' ? parent.length : Number(key);
					if (raw.op === 'replace') parent[index] = value;
					else parent.splice(index, 0, value);
				} else parent[key] = value;
				break;
			}
			case 'remove':
				root = removeAt(root, parts);
				break;
			case 'test':
				if (JSON.stringify(getAt(root, parts)) !== JSON.stringify(raw.value)) throw patchRejected();
				break;
			default:
				throw patchRejected();
		}
	}
	return root;
}

/** How Go's encoding/json names a JSON value's type in its errors. */
function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'boolean') return 'bool';
	return typeof value === 'object' ? 'object' : typeof value;
}

function getAt(root: unknown, parts: string[]): unknown {
	let node = root;
	for (const part of parts) node = Array.isArray(node) ? node[Number(part)] : isObject(node) ? node[part] : undefined;
	return node;
}

function removeAt(root: unknown, parts: string[]): unknown {
	if (parts.length === 0) return undefined;
	const {parent, key} = parentOf(root, parts);
	if (Array.isArray(parent)) parent.splice(Number(key), 1);
	else Reflect.deleteProperty(parent, key);
	return root;
}
