/** describeDaemonSet. */
import {podsStatus} from './controller.js';
import {describeEvents} from './events.js';
import {clean, formatLabels, int, printLabelsAndAnnotations, printNameAndNamespace, rec, selectorString} from './format.js';
import {describePodTemplate} from './podTemplate.js';
import type {Describer} from './types.js';

/** kubectl describe daemonset; Pods Status needs related.pods. */
export const describeDaemonSet: Describer = (w, ds, ctx) => {
	const meta = rec(ds['metadata']);
	const spec = rec(ds['spec']);
	const status = rec(ds['status']);
	printNameAndNamespace(w, meta);
	w.write(0, `Selector:\t${clean(selectorString(spec['selector']))}\n`);
	w.write(0, `Node-Selector:\t${clean(formatLabels(rec(rec(spec['template'])['spec'])['nodeSelector']))}\n`);
	printLabelsAndAnnotations(w, meta);
	// These lines have no tab: kubectl does not align them.
	w.write(0, `Desired Number of Nodes Scheduled: ${int(status['desiredNumberScheduled'])}\n`);
	w.write(0, `Current Number of Nodes Scheduled: ${int(status['currentNumberScheduled'])}\n`);
	w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${int(status['updatedNumberScheduled'])}\n`);
	w.write(0, `Number of Nodes Scheduled with Available Pods: ${int(status['numberAvailable'])}\n`);
	w.write(0, `Number of Nodes Misscheduled: ${int(status['numberMisscheduled'])}\n`);
	if (ctx.related.pods) w.write(0, `Pods Status:\t${podsStatus(ctx.related.pods, ds)}\n`);
	describePodTemplate(w, spec['template'], ctx.zone);
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
