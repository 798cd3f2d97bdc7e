/** describeNamespace, with its resource quotas and limit ranges when those are given. kubectl shows no events here. */
import {byteOrder, clean, printLabelsAndAnnotations, rec, recs, rfc1123z, str, strs} from './format.js';
import {quantityText, sortedNames} from './resources.js';
import type {Describer, Json} from './types.js';
import type {Writer} from './writer.js';

const SCOPE_HELP: Readonly<Record<string, string>> = {
	Terminating:
		'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
	NotTerminating:
		'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
	BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
	NotBestEffort:
		'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** DescribeResourceQuotas: each quota (by name) with its scopes and used/hard table. */
function describeQuotas(w: Writer, quotas: readonly Json[]): void {
	if (quotas.length === 0) {
		w.write(0, 'No resource quota.\n');
		return;
	}
	const name = (q: Json) => str(rec(q['metadata'])['name']);
	w.write(0, 'Resource Quotas\n');
	for (const quota of [...quotas].sort((a, b) => byteOrder(name(a), name(b)))) {
		w.write(1, `Name:\t${clean(name(quota))}\n`);
		const scopes = strs(rec(quota['spec'])['scopes']).sort(byteOrder);
		if (scopes.length > 0) {
			w.write(1, `Scopes:\t${clean(scopes.join(', '))}\n`);
			for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(1, `* ${SCOPE_HELP[scope]}\n`);
		}
		w.write(1, 'Resource\tUsed\tHard\n');
		w.write(1, '--------\t---\t---\n');
		const status = rec(quota['status']);
		const hard = rec(status['hard']);
		const used = rec(status['used']);
		for (const resource of sortedNames(hard))
			w.write(1, `${clean(resource)}\t${clean(quantityText(used[resource] ?? '0'))}\t${clean(quantityText(hard[resource]))}\n`);
	}
}

/** DescribeLimitRanges: one row per limit type and resource (resources sorted: kubectl's map order is random). */
function describeLimitRanges(w: Writer, ranges: readonly Json[]): void {
	if (ranges.length === 0) {
		w.write(0, 'No LimitRange resource.\n');
		return;
	}
	w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
	w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
	for (const range of ranges) {
		for (const item of recs(rec(range['spec'])['limits'])) {
			const columns = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'].map((key) => rec(item[key]));
			const names = [...new Set(columns.flatMap((c) => Object.keys(c)))].sort(byteOrder);
			for (const resource of names) {
				const cells = columns.map((c) => (c[resource] === undefined ? '-' : clean(quantityText(c[resource]))));
				w.write(0, ` ${clean(item['type'])}\t${clean(resource)}\t${cells.join('\t')}\n`);
			}
		}
	}
}

/** kubectl describe namespace; the quota and limit sections need related.resourceQuotas and related.limitRanges. */
export const describeNamespace: Describer = (w, ns, ctx) => {
	const meta = rec(ns['metadata']);
	const status = rec(ns['status']);
	w.write(0, `Name:\t${clean(meta['name'])}\n`);
	printLabelsAndAnnotations(w, meta);
	w.write(0, `Status:\t${clean(status['phase'])}\n`);
	const conditions = recs(status['conditions']);
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n');
		w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
		w.write(1, '----\t------\t------------------\t------\t-------\n');
		for (const c of conditions)
			w.write(
				1,
				`${clean(c['type'])}\t${clean(c['status'])}\t${rfc1123z(c['lastTransitionTime'], ctx.zone)}\t${clean(c['reason'])}\t${clean(c['message'])}\n`,
			);
	}
	if (ctx.related.resourceQuotas) {
		w.write(0, '\n');
		describeQuotas(w, ctx.related.resourceQuotas);
	}
	if (ctx.related.limitRanges) {
		w.write(0, '\n');
		describeLimitRanges(w, ctx.related.limitRanges);
	}
};
