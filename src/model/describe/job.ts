/** describeJob and describeCronJob. */
import {humanDuration, parseTime} from '../age.js';
import {describeEvents} from './events.js';
import {
	clean,
	controllerOf,
	int,
	isRec,
	optBool,
	optInt,
	printBoolPtr,
	printLabelsAndAnnotations,
	printNameAndNamespace,
	rec,
	recs,
	rfc1123z,
	selectorString,
	str,
} from './format.js';
import {describePodTemplate} from './podTemplate.js';
import type {Describer, Json} from './types.js';
import type {Writer} from './writer.js';

/** capIndexesListOrNone: the completed indexes, cut after the first comma past 50 characters. */
function capIndexes(indexes: string, softLimit = 50): string {
	if (indexes === '') return '<none>';
	const comma = indexes.indexOf(',', softLimit);
	return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

/** kubectl describe job. */
export const describeJob: Describer = (w, job, ctx) => {
	const meta = rec(job['metadata']);
	const spec = rec(job['spec']);
	const status = rec(job['status']);
	printNameAndNamespace(w, meta);
	w.write(0, `Selector:\t${clean(selectorString(spec['selector']))}\n`);
	printLabelsAndAnnotations(w, meta);
	const controller = controllerOf(job);
	if (controller !== '') w.write(0, `Controlled By:\t${controller}\n`);
	const parallelism = optInt(spec['parallelism']);
	if (parallelism !== undefined) w.write(0, `Parallelism:\t${parallelism}\n`);
	const completions = optInt(spec['completions']);
	w.write(0, `Completions:\t${completions ?? '<unset>'}\n`);
	if (typeof spec['completionMode'] === 'string') w.write(0, `Completion Mode:\t${clean(spec['completionMode'])}\n`);
	const suspend = optBool(spec['suspend']);
	if (suspend !== undefined) w.write(0, `Suspend:\t${suspend}\n`);
	const backoff = optInt(spec['backoffLimit']);
	if (backoff !== undefined) w.write(0, `Backoff Limit:\t${backoff}\n`);
	const ttl = optInt(spec['ttlSecondsAfterFinished']);
	if (ttl !== undefined) w.write(0, `TTL Seconds After Finished:\t${ttl}\n`);
	const start = parseTime(status['startTime']);
	const completed = parseTime(status['completionTime']);
	if (start !== undefined) w.write(0, `Start Time:\t${rfc1123z(status['startTime'], ctx.zone)}\n`);
	if (completed !== undefined) w.write(0, `Completed At:\t${rfc1123z(status['completionTime'], ctx.zone)}\n`);
	if (start !== undefined && completed !== undefined) w.write(0, `Duration:\t${humanDuration(completed - start)}\n`);
	const deadline = optInt(spec['activeDeadlineSeconds']);
	if (deadline !== undefined) w.write(0, `Active Deadline Seconds:\t${deadline}s\n`);
	const n = (key: string) => int(status[key]);
	const ready = optInt(status['ready']);
	const active = ready === undefined ? `${n('active')} Active` : `${n('active')} Active (${ready} Ready)`;
	w.write(0, `Pods Statuses:\t${active} / ${n('succeeded')} Succeeded / ${n('failed')} Failed\n`);
	if (spec['completionMode'] === 'Indexed') w.write(0, `Completed Indexes:\t${clean(capIndexes(str(status['completedIndexes'])))}\n`);
	describePodTemplate(w, spec['template'], ctx.zone);
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};

/** describeJobTemplate: a CronJob's job template, <unset> for what it leaves to the Job's defaults. */
function describeJobTemplate(w: Writer, template: Json, ctx: Parameters<Describer>[2]): void {
	const spec = rec(template['spec']);
	w.write(0, `Selector:\t${isRec(spec['selector']) ? clean(selectorString(spec['selector'])) : '<unset>'}\n`);
	w.write(0, `Parallelism:\t${optInt(spec['parallelism']) ?? '<unset>'}\n`);
	w.write(0, `Completions:\t${optInt(spec['completions']) ?? '<unset>'}\n`);
	const deadline = optInt(spec['activeDeadlineSeconds']);
	if (deadline !== undefined) w.write(0, `Active Deadline Seconds:\t${deadline}s\n`);
	describePodTemplate(w, spec['template'], ctx.zone);
}

/** kubectl describe cronjob. */
export const describeCronJob: Describer = (w, cronJob, ctx) => {
	const meta = rec(cronJob['metadata']);
	const spec = rec(cronJob['spec']);
	const status = rec(cronJob['status']);
	printNameAndNamespace(w, meta);
	printLabelsAndAnnotations(w, meta);
	w.write(0, `Schedule:\t${clean(spec['schedule'])}\n`);
	w.write(0, `Concurrency Policy:\t${clean(spec['concurrencyPolicy'])}\n`);
	w.write(0, `Suspend:\t${printBoolPtr(spec['suspend'])}\n`);
	w.write(0, `Successful Job History Limit:\t${optInt(spec['successfulJobsHistoryLimit']) ?? '<unset>'}\n`);
	w.write(0, `Failed Job History Limit:\t${optInt(spec['failedJobsHistoryLimit']) ?? '<unset>'}\n`);
	const deadline = optInt(spec['startingDeadlineSeconds']);
	w.write(0, `Starting Deadline Seconds:\t${deadline === undefined ? '<unset>' : `${deadline}s`}\n`);
	describeJobTemplate(w, rec(spec['jobTemplate']), ctx);
	const last = status['lastScheduleTime'];
	w.write(0, `Last Schedule Time:\t${parseTime(last) === undefined ? '<unset>' : rfc1123z(last, ctx.zone)}\n`);
	const active = recs(status['active']);
	w.write(0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.map((j) => clean(j['name'])).join(', ')}\n`);
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
