/** What the workload describers share: the pods a controller owns, its conditions, its replica sets. */
import {clean, isRec, rec, recs, str} from './format.js';
import type {Json} from './types.js';
import type {Writer} from './writer.js';

/** Whether `object`'s controller owner reference is the one with `uid` (metav1.IsControlledBy). */
export function controlledBy(object: Json, uid: unknown): boolean {
	return recs(rec(object['metadata'])['ownerReferences']).some((o) => o['controller'] === true && o['uid'] === uid && uid !== undefined);
}

/**
 * getPodStatusForController as the Pods Status line prints it: the phases of the pods
 * that `owner` controls (orphans and others' pods are skipped).
 */
export function podsStatus(pods: readonly Json[], owner: Json): string {
	const counts = {Running: 0, Pending: 0, Succeeded: 0, Failed: 0};
	const uid = rec(owner['metadata'])['uid'];
	for (const pod of pods) {
		if (!controlledBy(pod, uid)) continue;
		const phase = str(rec(pod['status'])['phase']);
		if (phase in counts) counts[phase as keyof typeof counts]++;
	}
	return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

/** The Type/Status/Reason conditions table of Deployments and ReplicaSets. */
export function describeConditions(w: Writer, status: Json): void {
	const conditions = recs(status['conditions']);
	if (conditions.length === 0) return;
	w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
	w.write(1, '----\t------\t------\n');
	for (const c of conditions) w.write(1, `${clean(c['type'])} \t${clean(c['status'])}\t${clean(c['reason'])}\n`);
}

/** Zero in Go's sense: absent, null, "", 0, false, or an empty list or object. */
function isZero(value: unknown): boolean {
	if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
	if (Array.isArray(value)) return value.length === 0;
	return isRec(value) && Object.values(value).every(isZero);
}

/** apiequality.Semantic.DeepEqual on JSON: an absent field equals its zero value, and empty equals nil. */
function semanticEqual(a: unknown, b: unknown): boolean {
	if (isZero(a) && isZero(b)) return true;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
	if (isRec(a) && isRec(b)) return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => semanticEqual(a[k], b[k]));
	return a === b;
}

const HASH_LABEL = 'pod-template-hash';

function withoutHash(template: unknown): Json {
	const meta = rec(rec(template)['metadata']);
	const labels = Object.fromEntries(Object.entries(rec(meta['labels'])).filter(([key]) => key !== HASH_LABEL));
	return {...rec(template), metadata: {...meta, labels}};
}

/** A Deployment's replica sets as kubectl's deployment util finds them: the new one (its template) and the old ones, oldest first. */
export function deploymentReplicaSets(deployment: Json, replicaSets: readonly Json[]): {old: Json[]; current: Json | undefined} {
	const created = (rs: Json) => str(rec(rs['metadata'])['creationTimestamp']);
	const name = (rs: Json) => str(rec(rs['metadata'])['name']);
	const owned = replicaSets
		.filter((rs) => controlledBy(rs, rec(deployment['metadata'])['uid']))
		.sort((a, b) => Date.parse(created(a)) - Date.parse(created(b)) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
	const template = withoutHash(rec(deployment['spec'])['template']);
	const current = owned.find((rs) => semanticEqual(withoutHash(rec(rs['spec'])['template']), template));
	return {old: owned.filter((rs) => rs !== current), current};
}
