/** Printers for the apps and batch workloads: Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob. */
import {humanDuration, parseTime} from '../../model/age.js';
import type {KubeObject, Printer} from '../types.js';
import {AGE, CONTAINERS, IMAGES, NAME, column} from './columns.js';
import {age, containerCells, formatLabelSelector, formatLabels, selectorString, since} from './format.js';
import {int, optBool, optInt, optStr, rec, recs, str} from '../../model/json.js';

/** spec.replicas as stored: the API server defaults an absent count to 1 for apps/v1 workloads. */
function desiredReplicas(object: KubeObject): number {
	return optInt(rec(object.spec).replicas) ?? 1;
}

function templateSpec(spec: unknown): unknown {
	return rec(rec(spec).template).spec;
}

/** kubectl get deployments: Name, Ready, Up-to-date, Available, Age; wide Containers, Images, Selector. */
export const deploymentPrinter: Printer = {
	columns: [
		NAME,
		column('Ready', 'string', 'Number of the pod with ready state'),
		column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
		column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
		AGE,
		CONTAINERS,
		IMAGES,
		column(
			'Selector',
			'string',
			'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
			1,
		),
	],
	cells: (o, now) => {
		const status = rec(o.status);
		// Deployments print selector.String() (empty when empty), not FormatLabelSelector.
		return [
			o.metadata.name,
			`${int(status.readyReplicas)}/${desiredReplicas(o)}`,
			int(status.updatedReplicas),
			int(status.availableReplicas),
			age(o, now),
			...containerCells(templateSpec(o.spec)),
			selectorString(rec(o.spec).selector),
		];
	},
};

/** kubectl get replicasets: Name, Desired, Current, Ready, Age; wide Containers, Images, Selector. */
export const replicaSetPrinter: Printer = {
	columns: [
		NAME,
		column('Desired', 'integer', 'Replicas is the number of desired replicas. Defaults to 1.'),
		column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
		column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
		AGE,
		CONTAINERS,
		IMAGES,
		column('Selector', 'string', 'Selector is a label query over pods that should match the replica count.', 1),
	],
	cells: (o, now) => {
		const status = rec(o.status);
		return [
			o.metadata.name,
			desiredReplicas(o),
			int(status.replicas),
			int(status.readyReplicas),
			age(o, now),
			...containerCells(templateSpec(o.spec)),
			formatLabelSelector(rec(o.spec).selector),
		];
	},
};

/** kubectl get statefulsets: Name, Ready, Age; wide Containers, Images. */
export const statefulSetPrinter: Printer = {
	columns: [NAME, column('Ready', 'string', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
	cells: (o, now) => [
		o.metadata.name,
		`${int(rec(o.status).readyReplicas)}/${desiredReplicas(o)}`,
		age(o, now),
		...containerCells(templateSpec(o.spec)),
	],
};

/** kubectl get daemonsets: Name, Desired, Current, Ready, Up-to-date, Available, Node Selector, Age; wide Containers, Images, Selector. */
export const daemonSetPrinter: Printer = {
	columns: [
		NAME,
		column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
		column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
		column(
			'Ready',
			'integer',
			'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
		),
		column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
		column(
			'Available',
			'integer',
			'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
		),
		column('Node Selector', 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
		AGE,
		CONTAINERS,
		IMAGES,
		column('Selector', 'string', 'A label query over pods that are managed by the daemon set.', 1),
	],
	cells: (o, now) => {
		const status = rec(o.status);
		const podSpec = templateSpec(o.spec);
		return [
			o.metadata.name,
			int(status.desiredNumberScheduled),
			int(status.currentNumberScheduled),
			int(status.numberReady),
			int(status.updatedNumberScheduled),
			int(status.numberAvailable),
			formatLabels(rec(podSpec).nodeSelector),
			age(o, now),
			...containerCells(podSpec),
			formatLabelSelector(rec(o.spec).selector),
		];
	},
};

function hasCondition(o: KubeObject, type: string): boolean {
	// As hasJobCondition: the first condition of the type decides.
	return recs(rec(o.status).conditions).find((c) => c.type === type)?.status === 'True';
}

function jobStatus(o: KubeObject): string {
	if (hasCondition(o, 'Complete')) return 'Complete';
	if (hasCondition(o, 'Failed')) return 'Failed';
	if (o.metadata.deletionTimestamp) return 'Terminating';
	if (hasCondition(o, 'Suspended')) return 'Suspended';
	if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
	if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
	return 'Running';
}

function jobCompletions(o: KubeObject): string {
	const spec = rec(o.spec);
	const succeeded = int(rec(o.status).succeeded);
	const completions = optInt(spec.completions);
	if (completions !== undefined) return `${succeeded}/${completions}`;
	const parallelism = int(spec.parallelism);
	return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(o: KubeObject, now: number): string {
	const status = rec(o.status);
	const start = parseTime(status.startTime);
	if (start === undefined) return '';
	const end = parseTime(status.completionTime) ?? now;
	return humanDuration(end - start);
}

/** kubectl get jobs: Name, Status, Completions, Duration, Age; wide Containers, Images, Selector. */
export const jobPrinter: Printer = {
	columns: [
		NAME,
		column('Status', 'string', 'Status of the job.'),
		column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
		column('Duration', 'string', 'Time required to complete the job.'),
		AGE,
		CONTAINERS,
		IMAGES,
		column('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
	],
	cells: (o, now) => [
		o.metadata.name,
		jobStatus(o),
		jobCompletions(o),
		jobDuration(o, now),
		age(o, now),
		...containerCells(templateSpec(o.spec)),
		formatLabelSelector(rec(o.spec).selector),
	],
};

/** kubectl get cronjobs: Name, Schedule, Timezone, Suspend, Active, Last Schedule, Age; wide Containers, Images, Selector. */
export const cronJobPrinter: Printer = {
	columns: [
		NAME,
		column('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
		column(
			'Timezone',
			'string',
			'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.',
		),
		column(
			'Suspend',
			'boolean',
			'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions. Defaults to false.',
		),
		column('Active', 'integer', 'A list of pointers to currently running jobs.'),
		column('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
		AGE,
		CONTAINERS,
		IMAGES,
		column('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
	],
	cells: (o, now) => {
		const spec = rec(o.spec);
		const status = rec(o.status);
		const jobSpec = rec(rec(spec.jobTemplate).spec);
		// printBoolPtr; the API server defaults an absent suspend to false, so `<unset>` never shows.
		const suspend = (optBool(spec.suspend) ?? false) ? 'True' : 'False';
		return [
			o.metadata.name,
			str(spec.schedule),
			optStr(spec.timeZone) ?? '<none>',
			suspend,
			recs(status.active).length,
			status.lastScheduleTime === undefined || status.lastScheduleTime === null ? '<none>' : since(status.lastScheduleTime, now),
			age(o, now),
			...containerCells(templateSpec(jobSpec)),
			formatLabelSelector(jobSpec.selector),
		];
	},
};
