/** describeReplicaSet. */
import {describeConditions, podsStatus} from './controller.js';
import {describeEvents} from './events.js';
import {clean, controllerOf, formatLabelSelector, int, optInt, printLabelsAndAnnotations, printNameAndNamespace, rec} from './format.js';
import {describePodTemplate} from './podTemplate.js';
import type {Describer} from './types.js';

/** kubectl describe replicaset; Pods Status needs related.pods. */
export const describeReplicaSet: Describer = (w, rs, ctx) => {
	const meta = rec(rs['metadata']);
	const spec = rec(rs['spec']);
	const status = rec(rs['status']);
	printNameAndNamespace(w, meta);
	w.write(0, `Selector:\t${clean(formatLabelSelector(spec['selector']))}\n`);
	printLabelsAndAnnotations(w, meta);
	const controller = controllerOf(rs);
	if (controller !== '') w.write(0, `Controlled By:\t${controller}\n`);
	w.write(0, `Replicas:\t${int(status['replicas'])} current / ${optInt(spec['replicas']) ?? 1} desired\n`);
	if (ctx.related.pods) w.write(0, `Pods Status:\t${podsStatus(ctx.related.pods, rs)}\n`);
	describePodTemplate(w, spec['template'], ctx.zone);
	describeConditions(w, status);
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
