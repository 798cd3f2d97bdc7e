/** describeStatefulSet. */
import {podsStatus} from './controller.js';
import {intOrString} from './containers.js';
import {describeEvents} from './events.js';
import {
	clean,
	goList,
	int,
	isRec,
	optInt,
	printLabels,
	printLabelsAndAnnotations,
	printNameAndNamespace,
	rec,
	recs,
	rfc1123z,
	selectorString,
	strs,
} from './format.js';
import {describePodTemplate} from './podTemplate.js';
import {quantityText} from './resources.js';
import type {Describer} from './types.js';
import {claimClass} from './volumes.js';
import type {Writer} from './writer.js';

/** describeVolumeClaimTemplates. */
function describeClaimTemplates(w: Writer, templates: unknown): void {
	const list = recs(templates);
	if (list.length === 0) {
		w.write(0, 'Volume Claims:\t<none>\n');
		return;
	}
	w.write(0, 'Volume Claims:\n');
	for (const pvc of list) {
		const meta = rec(pvc['metadata']);
		const spec = rec(pvc['spec']);
		w.write(1, `Name:\t${clean(meta['name'])}\n`);
		w.write(1, `StorageClass:\t${clean(claimClass(pvc))}\n`);
		// Both lists print as key=value here: kubectl uses its label printer for the annotations too.
		printLabels(w, 'Labels', meta['labels'], '  ');
		printLabels(w, 'Annotations', meta['annotations'], '  ');
		const storage = rec(rec(spec['resources'])['requests'])['storage'];
		w.write(1, `Capacity:\t${storage === undefined ? '<default>' : clean(quantityText(storage))}\n`);
		w.write(1, `Access Modes:\t${goList(strs(spec['accessModes']))}\n`);
	}
}

/** kubectl describe statefulset; Pods Status needs related.pods. */
export const describeStatefulSet: Describer = (w, sts, ctx) => {
	const meta = rec(sts['metadata']);
	const spec = rec(sts['spec']);
	const status = rec(sts['status']);
	printNameAndNamespace(w, meta);
	w.write(0, `CreationTimestamp:\t${rfc1123z(meta['creationTimestamp'], ctx.zone)}\n`);
	w.write(0, `Selector:\t${clean(selectorString(spec['selector']))}\n`);
	printLabelsAndAnnotations(w, meta);
	w.write(0, `Replicas:\t${optInt(spec['replicas']) ?? 1} desired | ${int(status['replicas'])} total\n`);
	const strategy = rec(spec['updateStrategy']);
	w.write(0, `Update Strategy:\t${clean(strategy['type'])}\n`);
	const rolling = strategy['rollingUpdate'];
	if (isRec(rolling) && typeof rolling['partition'] === 'number') {
		w.write(1, `Partition:\t${int(rolling['partition'])}\n`);
		if (rolling['maxUnavailable'] !== undefined && rolling['maxUnavailable'] !== null)
			w.write(1, `MaxUnavailable:\t${intOrString(rolling['maxUnavailable'])}\n`);
	}
	if (ctx.related.pods) w.write(0, `Pods Status:\t${podsStatus(ctx.related.pods, sts)}\n`);
	describePodTemplate(w, spec['template'], ctx.zone);
	describeClaimTemplates(w, spec['volumeClaimTemplates']);
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
