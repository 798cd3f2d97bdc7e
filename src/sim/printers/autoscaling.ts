/** The HorizontalPodAutoscaler printer (autoscaling/v2 shape; autoscaling/v1 objects are read as converted). */
import type {KubeObject, Printer} from '../types.js';
import {AGE, NAME, column} from './columns.js';
import {age} from './format.js';
import {type Json, int, isRec, optInt, rec, recs, str} from '../../model/json.js';
import {canonicalQuantity} from '../../model/quantity.js';

/** Quantity.String() of an optional quantity: a nil one prints `<nil>`. */
function quantity(value: unknown): string {
	return value === undefined || value === null ? '<nil>' : canonicalQuantity(value);
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null;
}

/** One metric in the Targets column, given its spec and the status at the same index. */
function formatMetric(spec: Json, status: Json | undefined): string {
	const type = str(spec.type);
	const source = (key: string) => rec(spec[key]);
	const current = (key: string) => (status !== undefined && isRec(status[key]) ? rec(rec(status[key]).current) : undefined);
	switch (type) {
		case 'External':
		case 'Object': {
			const key = type === 'External' ? 'external' : 'object';
			const target = rec(source(key).target);
			const now = current(key);
			if (present(target.averageValue)) {
				const value = now !== undefined && present(now.averageValue) ? quantity(now.averageValue) : '<unknown>';
				return `${value}/${quantity(target.averageValue)} (avg)`;
			}
			return `${now !== undefined ? quantity(now.value) : '<unknown>'}/${quantity(target.value)}`;
		}
		case 'Pods': {
			const now = current('pods');
			return `${now !== undefined ? quantity(now.averageValue) : '<unknown>'}/${quantity(rec(source('pods').target).averageValue)}`;
		}
		case 'Resource':
		case 'ContainerResource': {
			const key = type === 'Resource' ? 'resource' : 'containerResource';
			const metric = source(key);
			const target = rec(metric.target);
			const now = current(key);
			const name = str(metric.name);
			if (present(target.averageValue)) {
				return `${name}: ${now !== undefined ? quantity(now.averageValue) : '<unknown>'}/${quantity(target.averageValue)}`;
			}
			const utilization = now !== undefined ? optInt(now.averageUtilization) : undefined;
			const wanted = optInt(target.averageUtilization);
			return `${name}: ${utilization !== undefined ? `${utilization}%` : '<unknown>'}/${wanted !== undefined ? `${wanted}%` : '<auto>'}`;
		}
		default:
			return '<unknown type>';
	}
}

const DEFAULT_CPU: Json = {type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}};

/** spec.metrics and status.currentMetrics, in the v2 shape whatever version the object is in. */
function metricsOf(hpa: KubeObject): [specs: Json[], statuses: Json[]] {
	const spec = rec(hpa.spec);
	const status = rec(hpa.status);
	if (hpa.apiVersion === 'autoscaling/v1') {
		const target = optInt(spec.targetCPUUtilizationPercentage);
		if (target === undefined) return [[], []];
		const currentCPU = optInt(status.currentCPUUtilizationPercentage);
		return [
			[{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: target}}}],
			currentCPU === undefined ? [] : [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: currentCPU}}}],
		];
	}
	// autoscaling/v2 defaulting gives an HPA without metrics a CPU target of 80%.
	const specs = recs(spec.metrics);
	return [specs.length > 0 ? specs : [DEFAULT_CPU], recs(status.currentMetrics)];
}

/** formatHPAMetrics: the first two metrics as `current/target`, then `+ N more...`; `<none>` without any. */
function targets(hpa: KubeObject): string {
	const [specs, statuses] = metricsOf(hpa);
	if (specs.length === 0) return '<none>';
	const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
	const max = 2;
	return list.length > max ? `${list.slice(0, max).join(', ')} + ${list.length - max} more...` : list.join(', ');
}

/** kubectl get hpa: Name, Reference, Targets, MinPods, MaxPods, Replicas, Age. */
export const horizontalPodAutoscalerPrinter: Printer = {
	columns: [
		NAME,
		column(
			'Reference',
			'string',
			'reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource.',
		),
		column('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count.'),
		column('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
		column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
		column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler.'),
		AGE,
	],
	cells: (o, now) => {
		const spec = rec(o.spec);
		const ref = rec(spec.scaleTargetRef);
		// The API server defaults minReplicas to 1, so `<unset>` never shows.
		const minPods = String(optInt(spec.minReplicas) ?? 1);
		return [
			o.metadata.name,
			`${str(ref.kind)}/${str(ref.name)}`,
			targets(o),
			minPods,
			int(spec.maxReplicas),
			int(rec(o.status).currentReplicas),
			age(o, now),
		];
	},
};
