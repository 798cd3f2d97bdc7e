import type {KubeObject, ResourceDef} from './types.js';

/** A user of the sim and what it may not touch. */
export type SimUser = {
	readonly name: string;
	/** Groups the authenticator puts the user in (shown by `kubectl auth whoami`). */
	readonly groups: readonly string[];
	/** Resources (plural names) this user is forbidden to read or write. */
	readonly forbidden: ReadonlySet<string>;
};

/** The sim's authorizer: a user may do anything to any resource it is not forbidden. */
export function isAllowed(user: SimUser, resource: string): boolean {
	if (resource === '*') return user.forbidden.size === 0;
	return !user.forbidden.has(resource);
}

type ResourceAttributes = {
	namespace?: string;
	verb?: string;
	group?: string;
	version?: string;
	resource?: string;
	subresource?: string;
	name?: string;
};

/** The non-resource URLs every authenticated user may GET (system:discovery, system:public-info-viewer). */
const DISCOVERY_URLS = [
	'/api',
	'/api/*',
	'/apis',
	'/apis/*',
	'/healthz',
	'/livez',
	'/openapi',
	'/openapi/*',
	'/readyz',
	'/version',
	'/version/',
];

/**
 * Answers the self-review kinds as the API server does, without storing them:
 * SelfSubjectAccessReview (`kubectl auth can-i`), SelfSubjectRulesReview (`can-i --list`)
 * and authentication's SelfSubjectReview (`kubectl auth whoami`).
 */
export function review(def: ResourceDef, body: KubeObject, user: SimUser, resources: readonly ResourceDef[]): KubeObject {
	const spec = (body.spec ?? {}) as {
		resourceAttributes?: ResourceAttributes;
		nonResourceAttributes?: {path?: string; verb?: string};
		namespace?: string;
	};
	const out = {kind: def.kind, apiVersion: `${def.group}/${def.version}`, metadata: {...body.metadata, creationTimestamp: null}};
	switch (def.kind) {
		case 'SelfSubjectAccessReview': {
			const attributes = spec.resourceAttributes;
			const allowed = attributes ? isAllowed(user, attributes.resource ?? '') : true;
			return {...out, spec, status: {allowed}} as unknown as KubeObject;
		}
		case 'SelfSubjectRulesReview': {
			const selfReviews = {
				verbs: ['create'],
				apiGroups: ['authorization.k8s.io'],
				resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
			};
			const whoami = {verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews']};
			let resourceRules: unknown[];
			let nonResourceRules: unknown[];
			if (user.forbidden.size === 0) {
				resourceRules = [{verbs: ['*'], apiGroups: ['*'], resources: ['*']}, selfReviews, whoami];
				nonResourceRules = [{verbs: ['*'], nonResourceURLs: ['*']}];
			} else {
				const byGroup = new Map<string, string[]>();
				for (const def of resources) {
					if (
						!isAllowed(user, def.resource) ||
						def.verbs.length === 0 ||
						def.group === 'authorization.k8s.io' ||
						def.group === 'authentication.k8s.io'
					)
						continue;
					const list = byGroup.get(def.group) ?? [];
					for (const name of [def.resource, ...def.subresources.map((s) => `${def.resource}/${s}`)])
						if (!list.includes(name)) list.push(name);
					byGroup.set(def.group, list);
				}
				resourceRules = [
					selfReviews,
					whoami,
					...[...byGroup].map(([group, names]) => ({verbs: ['*'], apiGroups: [group], resources: names})),
				];
				nonResourceRules = [{verbs: ['get'], nonResourceURLs: DISCOVERY_URLS}];
			}
			return {...out, spec, status: {resourceRules, nonResourceRules, incomplete: false}} as unknown as KubeObject;
		}
		default:
			return {...out, status: {userInfo: {username: user.name, groups: [...user.groups]}}} as unknown as KubeObject;
	}
}
