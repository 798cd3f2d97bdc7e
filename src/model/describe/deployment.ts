/** describeDeployment. */
import {deploymentReplicaSets, describeConditions} from './controller.js';
import {intOrString} from './containers.js';
import {describeEvents} from './events.js';
import {clean, int, isRec, optInt, printLabelsAndAnnotations, printNameAndNamespace, rec, rfc1123z, selectorString} from './format.js';
import {describePodTemplate} from './podTemplate.js';
import type {Describer, Json} from './types.js';

/** IntOrString pointer's String(): <nil> when unset. */
function intOrStringPtr(value: unknown): string {
	return value === undefined || value === null ? '<nil>' : intOrString(value);
}

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, comma-joined, or <none>. */
function replicaSetList(sets: readonly Json[]): string {
	const list = sets.map((rs) => {
		const meta = rec(rs['metadata']);
		return `${clean(meta['name'])} (${int(rec(rs['status'])['replicas'])}/${optInt(rec(rs['spec'])['replicas']) ?? 1} replicas created)`;
	});
	return list.length === 0 ? '<none>' : list.join(', ');
}

/** kubectl describe deployment; OldReplicaSets/NewReplicaSet need related.replicaSets. */
export const describeDeployment: Describer = (w, d, ctx) => {
	const meta = rec(d['metadata']);
	const spec = rec(d['spec']);
	const status = rec(d['status']);
	printNameAndNamespace(w, meta);
	w.write(0, `CreationTimestamp:\t${rfc1123z(meta['creationTimestamp'], ctx.zone)}\n`);
	printLabelsAndAnnotations(w, meta);
	w.write(0, `Selector:\t${clean(selectorString(spec['selector']))}\n`);
	const n = (key: string) => int(status[key]);
	w.write(
		0,
		`Replicas:\t${optInt(spec['replicas']) ?? 1} desired | ${n('updatedReplicas')} updated | ${n('replicas')} total | ${n('availableReplicas')} available | ${n('unavailableReplicas')} unavailable\n`,
	);
	const strategy = rec(spec['strategy']);
	w.write(0, `StrategyType:\t${clean(strategy['type'])}\n`);
	w.write(0, `MinReadySeconds:\t${int(spec['minReadySeconds'])}\n`);
	if (isRec(strategy['rollingUpdate'])) {
		const ru = strategy['rollingUpdate'];
		w.write(
			0,
			`RollingUpdateStrategy:\t${intOrStringPtr(ru['maxUnavailable'])} max unavailable, ${intOrStringPtr(ru['maxSurge'])} max surge\n`,
		);
	}
	describePodTemplate(w, spec['template'], ctx.zone);
	describeConditions(w, status);
	if (ctx.related.replicaSets) {
		const {old, current} = deploymentReplicaSets(d, ctx.related.replicaSets);
		if (old.length > 0 || current) {
			w.write(0, `OldReplicaSets:\t${replicaSetList(old)}\n`);
			w.write(0, `NewReplicaSet:\t${replicaSetList(current ? [current] : [])}\n`);
		}
	}
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
