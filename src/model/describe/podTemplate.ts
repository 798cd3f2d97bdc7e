/** DescribePodTemplate and the pod-spec parts pods and templates share. */
import {describeContainers} from './containers.js';
import {
	byteOrder,
	clean,
	formatLabelSelector,
	int,
	isRec,
	printAnnotations,
	printLabels,
	printTolerations,
	rec,
	recs,
	str,
	strMap,
} from './format.js';
import type {DescribeZone, Json} from './types.js';
import {describeVolumes} from './volumes.js';
import type {Writer} from './writer.js';

/** describeTopologySpreadConstraints: `key:Action when max skew N is exceeded for selector S`, sorted by key. */
export function describeTopologySpread(w: Writer, constraints: unknown, space: string): void {
	const list = recs(constraints);
	if (list.length === 0) return;
	w.write(0, `${space}Topology Spread Constraints:\t`);
	[...list]
		.sort((a, b) => byteOrder(str(a['topologyKey']), str(b['topologyKey'])))
		.forEach((c, i) => {
			if (i !== 0) w.write(0, `${space}\t`);
			const selector = isRec(c['labelSelector']) ? ` for selector ${clean(formatLabelSelector(c['labelSelector']))}` : '';
			w.write(0, `${clean(c['topologyKey'])}:${clean(c['whenUnsatisfiable'])} when max skew ${int(c['maxSkew'])} is exceeded${selector}\n`);
		});
}

/** DescribePodTemplate: a workload's pod template, indented under "Pod Template:". */
export function describePodTemplate(w: Writer, template: unknown, zone: DescribeZone): void {
	const meta = rec(rec(template)['metadata']);
	const spec: Json = rec(rec(template)['spec']);
	w.write(0, 'Pod Template:\n');
	printLabels(w, '  Labels', meta['labels']);
	if (Object.keys(strMap(meta['annotations'])).length > 0) printAnnotations(w, '  Annotations', meta['annotations']);
	if (str(spec['serviceAccountName']) !== '') w.write(1, `Service Account:\t${clean(spec['serviceAccountName'])}\n`);
	if (recs(spec['initContainers']).length > 0)
		describeContainers(w, 'Init Containers', spec['initContainers'], undefined, undefined, '  ', zone);
	describeContainers(w, 'Containers', spec['containers'], undefined, undefined, '  ', zone);
	describeVolumes(w, spec['volumes'], '  ');
	describeTopologySpread(w, spec['topologySpreadConstraints'], '  ');
	if (str(spec['priorityClassName']) !== '') w.write(1, `Priority Class Name:\t${clean(spec['priorityClassName'])}\n`);
	printLabels(w, '  Node-Selectors', spec['nodeSelector']);
	printTolerations(w, '  Tolerations', spec['tolerations']);
}
