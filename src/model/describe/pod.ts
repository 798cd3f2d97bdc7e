/** describePod. */
import {podQosClass} from '../qos.js';
import {describeContainers, describeResources, podFieldResolver} from './containers.js';
import {describeEvents} from './events.js';
import {
	clean,
	controllerOf,
	int,
	isRec,
	printLabels,
	printLabelsAndAnnotations,
	printNameAndNamespace,
	printTolerations,
	rec,
	recs,
	rfc1123z,
	since,
	str,
} from './format.js';
import {describeTopologySpread} from './podTemplate.js';
import type {Describer, Json} from './types.js';
import {describeVolumes} from './volumes.js';

/** GetPodQOS: the class the API server recorded, else computed from the requests and limits. */
function qosClass(pod: Json): string {
	const recorded = str(rec(pod['status'])['qosClass']);
	return recorded !== '' ? recorded : podQosClass(rec(pod['spec']));
}

/** kubectl describe pod. */
export const describePod: Describer = (w, pod, ctx) => {
	const meta = rec(pod['metadata']);
	const spec = rec(pod['spec']);
	const status = rec(pod['status']);
	printNameAndNamespace(w, meta);
	if (typeof spec['priority'] === 'number') w.write(0, `Priority:\t${int(spec['priority'])}\n`);
	if (str(spec['priorityClassName']) !== '') w.write(0, `Priority Class Name:\t${clean(spec['priorityClassName'])}\n`);
	if (str(spec['runtimeClassName']) !== '') w.write(0, `Runtime Class Name:\t${clean(spec['runtimeClassName'])}\n`);
	if (str(spec['serviceAccountName']) !== '') w.write(0, `Service Account:\t${clean(spec['serviceAccountName'])}\n`);
	if (str(spec['nodeName']) === '') w.write(0, 'Node:\t<none>\n');
	else w.write(0, `Node:\t${clean(spec['nodeName'])}/${clean(status['hostIP'])}\n`);
	if (status['startTime'] != null) w.write(0, `Start Time:\t${rfc1123z(status['startTime'], ctx.zone)}\n`);
	printLabelsAndAnnotations(w, meta);
	const phase = str(status['phase']);
	if (meta['deletionTimestamp'] != null && phase !== 'Failed' && phase !== 'Succeeded') {
		w.write(0, `Status:\tTerminating (lasts ${since(meta['deletionTimestamp'], ctx.now)})\n`);
		w.write(0, `Termination Grace Period:\t${int(meta['deletionGracePeriodSeconds'])}s\n`);
	} else w.write(0, `Status:\t${clean(phase)}\n`);
	if (str(status['reason']) !== '') w.write(0, `Reason:\t${clean(status['reason'])}\n`);
	if (str(status['message']) !== '') w.write(0, `Message:\t${clean(status['message'])}\n`);
	const seccomp = rec(spec['securityContext'])['seccompProfile'];
	if (isRec(seccomp)) {
		w.write(0, `SeccompProfile:\t${clean(seccomp['type'])}\n`);
		if (seccomp['type'] === 'Localhost') w.write(0, `LocalhostProfile:\t${clean(seccomp['localhostProfile'])}\n`);
	}
	w.write(0, `IP:\t${clean(status['podIP'])}\n`);
	const ips = recs(status['podIPs']);
	if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
	else {
		w.write(0, 'IPs:\n');
		for (const ip of ips) w.write(1, `IP:\t${clean(ip['ip'])}\n`);
	}
	const controller = controllerOf(pod);
	if (controller !== '') w.write(0, `Controlled By:\t${controller}\n`);
	if (str(status['nominatedNodeName']) !== '') w.write(0, `NominatedNodeName:\t${clean(status['nominatedNodeName'])}\n`);
	if (isRec(spec['resources'])) {
		w.write(0, 'Resources:\n');
		describeResources(w, spec['resources'], 1);
	}
	const resolve = podFieldResolver(pod);
	if (recs(spec['initContainers']).length > 0)
		describeContainers(w, 'Init Containers', spec['initContainers'], status['initContainerStatuses'], resolve, '', ctx.zone);
	describeContainers(w, 'Containers', spec['containers'], status['containerStatuses'], resolve, '', ctx.zone);
	if (recs(spec['ephemeralContainers']).length > 0)
		describeContainers(w, 'Ephemeral Containers', spec['ephemeralContainers'], status['ephemeralContainerStatuses'], resolve, '', ctx.zone);
	const conditions = recs(status['conditions']);
	const gates = recs(spec['readinessGates']);
	if (gates.length > 0) {
		w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
		for (const gate of gates) {
			const condition = conditions.find((c) => c['type'] === gate['conditionType']);
			w.write(1, `${clean(gate['conditionType'])} \t${condition ? clean(condition['status']) : '<none>'} \n`);
		}
	}
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n  Type\tStatus\n');
		for (const c of conditions) w.write(1, `${clean(c['type'])} \t${clean(c['status'])} \n`);
	}
	describeVolumes(w, spec['volumes'], '');
	w.write(0, `QoS Class:\t${clean(qosClass(pod))}\n`);
	printLabels(w, 'Node-Selectors', spec['nodeSelector']);
	printTolerations(w, 'Tolerations', spec['tolerations']);
	describeTopologySpread(w, spec['topologySpreadConstraints'], '');
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
