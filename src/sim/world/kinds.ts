import {BUILTIN_RESOURCES} from '../resources.js';
import type {KubeObject, ResourceDef} from '../types.js';

function byResource(group: string, resource: string): ResourceDef {
	const def = BUILTIN_RESOURCES.find((d) => d.group === group && d.resource === resource);
	if (!def) throw new Error(`sim: no built-in resource ${group}/${resource}`);
	return def;
}

/** The built-in resources the world's controllers read and write. */
export const R = {
	namespaces: byResource('', 'namespaces'),
	nodes: byResource('', 'nodes'),
	pods: byResource('', 'pods'),
	services: byResource('', 'services'),
	endpoints: byResource('', 'endpoints'),
	configmaps: byResource('', 'configmaps'),
	secrets: byResource('', 'secrets'),
	pvs: byResource('', 'persistentvolumes'),
	pvcs: byResource('', 'persistentvolumeclaims'),
	serviceaccounts: byResource('', 'serviceaccounts'),
	events: byResource('', 'events'),
	deployments: byResource('apps', 'deployments'),
	replicasets: byResource('apps', 'replicasets'),
	statefulsets: byResource('apps', 'statefulsets'),
	daemonsets: byResource('apps', 'daemonsets'),
	jobs: byResource('batch', 'jobs'),
	cronjobs: byResource('batch', 'cronjobs'),
	endpointslices: byResource('discovery.k8s.io', 'endpointslices'),
	crds: byResource('apiextensions.k8s.io', 'customresourcedefinitions'),
	leases: byResource('coordination.k8s.io', 'leases'),
} as const;

/** RFC 3339 at second precision, as the API server writes timestamps. */
export function stamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Five lower-case alphanumerics, like the suffix of a generated pod name. */
export function suffix(): string {
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	let out = '';
	for (let i = 0; i < 5; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)] ?? '';
	return out;
}

/** A short stable hash (pod-template-hash, controller-revision-hash). */
export function shortHash(text: string): string {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 16777619);
	}
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	let out = '';
	for (let i = 0; i < 10; i++) {
		// Re-mix for every character so each one depends on the whole input.
		h ^= h >>> 15;
		h = Math.imul(h, 0x2c1b3c6d);
		h ^= h >>> 12;
		out += alphabet[(h >>> 0) % alphabet.length] ?? '';
	}
	return out;
}

/** The controller owner reference an object gets from its owner. */
export function ownerRef(owner: KubeObject): NonNullable<KubeObject['metadata']['ownerReferences']>[number] {
	return {
		apiVersion: owner.apiVersion,
		kind: owner.kind,
		name: owner.metadata.name,
		uid: owner.metadata.uid,
		controller: true,
		blockOwnerDeletion: true,
	};
}

/** Whether `object` is controlled by `owner`. */
export function ownedBy(object: KubeObject, owner: KubeObject): boolean {
	return (object.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid && r.controller);
}

/** Labels as a selector match: every key of `selector` equal in `labels`. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
	if (!selector || Object.keys(selector).length === 0) return false;
	return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
