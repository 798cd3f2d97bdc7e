import {badRequest} from './errors.js';
import {BUILTIN_RESOURCES} from './resources.js';
import type {KubeObject, ResourceDef} from './types.js';

/**
 * Server-side field validation (the `fieldValidation` query parameter kubectl sends
 * instead of validating on the client): unknown fields are an error (Strict), a
 * warning header (Warn, the default) or nothing (Ignore). The sim knows the top-level
 * and metadata fields of the built-in kinds; deeper fields and custom resources (whose
 * schemas it does not hold) pass as the CRD's preserve-unknown-fields would let them.
 */

const META_FIELDS = new Set([
	'name',
	'generateName',
	'namespace',
	'selfLink',
	'uid',
	'resourceVersion',
	'generation',
	'creationTimestamp',
	'deletionTimestamp',
	'deletionGracePeriodSeconds',
	'labels',
	'annotations',
	'ownerReferences',
	'finalizers',
	'managedFields',
]);

const SPEC_STATUS = ['spec', 'status'];

/** Top-level fields beyond apiVersion, kind and metadata, by kind. */
const TOP_LEVEL: Readonly<Record<string, readonly string[]>> = {
	ConfigMap: ['data', 'binaryData', 'immutable'],
	Secret: ['data', 'stringData', 'type', 'immutable'],
	ServiceAccount: ['secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
	Endpoints: ['subsets'],
	EndpointSlice: ['addressType', 'endpoints', 'ports'],
	Event: [
		'involvedObject',
		'reason',
		'message',
		'source',
		'firstTimestamp',
		'lastTimestamp',
		'count',
		'type',
		'eventTime',
		'series',
		'action',
		'related',
		'reportingComponent',
		'reportingInstance',
	],
	Role: ['rules'],
	ClusterRole: ['rules', 'aggregationRule'],
	RoleBinding: ['subjects', 'roleRef'],
	ClusterRoleBinding: ['subjects', 'roleRef'],
};

/** What the client asked for; the API server's default is Warn. */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export function fieldValidationFrom(query: URLSearchParams): FieldValidation {
	const value = query.get('fieldValidation') ?? 'Warn';
	if (value === 'Ignore' || value === 'Warn' || value === 'Strict') return value;
	throw badRequest(`fieldValidation must be one of Ignore, Warn or Strict; got ${JSON.stringify(value)}`);
}

function unknownFields(def: ResourceDef, object: KubeObject): string[] {
	const builtin = BUILTIN_RESOURCES.some((b) => b.group === def.group && b.resource === def.resource);
	if (!builtin) return [];
	const allowed = new Set(['apiVersion', 'kind', 'metadata', ...(TOP_LEVEL[def.kind] ?? SPEC_STATUS)]);
	const unknown = Object.keys(object).filter((k) => !allowed.has(k));
	const metadata = object.metadata as Record<string, unknown> | undefined;
	if (metadata && typeof metadata === 'object')
		unknown.push(
			...Object.keys(metadata)
				.filter((k) => !META_FIELDS.has(k))
				.map((k) => `metadata.${k}`),
		);
	return unknown;
}

/**
 * Checks a decoded object; returns the warnings to send (Warn) or throws 400 (Strict)
 * with the message a real server writes.
 */
export function validateFields(def: ResourceDef, object: KubeObject, mode: FieldValidation): string[] {
	if (mode === 'Ignore') return [];
	const unknown = unknownFields(def, object);
	if (unknown.length === 0) return [];
	const messages = unknown.map((f) => `unknown field "${f}"`);
	if (mode === 'Strict') {
		const version = def.group ? `${def.group}/${def.version}` : def.version;
		throw badRequest(
			`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: strict decoding error: ${messages.join(', ')}`,
		);
	}
	return messages;
}

/** A Warning header value (RFC 7234 warn-code 299), as the API server sends each warning. */
export function warningHeader(message: string): string {
	return `299 - ${JSON.stringify(message)}`;
}

/** Fields that decode into map[string]string (or []byte values), by kind; metadata's two hold for every kind. */
const STRING_MAPS: Readonly<Record<string, readonly string[]>> = {
	ConfigMap: ['data', 'binaryData'],
	Secret: ['data', 'stringData'],
};

/**
 * What a real server's decoder would refuse in an object: a string map holding a
 * non-string (labels: {a: 5}). Undefined when it decodes. Only the string maps are
 * checked: they are where a hand-written patch most often goes wrong, and checking
 * them costs nothing per object.
 */
export function decodeError(object: KubeObject): string | undefined {
	const record = object as unknown as Record<string, unknown>;
	const maps: [string, unknown][] = [
		['metadata.labels', object.metadata.labels],
		['metadata.annotations', object.metadata.annotations],
		...(STRING_MAPS[object.kind ?? ''] ?? []).map((field): [string, unknown] => [field, record[field]]),
	];
	for (const [field, value] of maps) {
		if (value === undefined || value === null) continue;
		if (typeof value !== 'object' || Array.isArray(value)) return `${field}: expects a map of strings`;
		for (const [key, item] of Object.entries(value)) {
			if (typeof item !== 'string') return `${field}.${key}: ReadString: expects " or n, but found ${JSON.stringify(item)}`;
		}
	}
	return undefined;
}
