import {applyDefaults, prepareForCreate} from '../defaults.js';
import type {ObjectStore} from '../objectStore.js';
import type {KubeObject} from '../types.js';
import type {EventRecorder} from './events.js';
import {ownedBy, ownerRef, R, selects, shortHash, stamp, suffix} from './kinds.js';

type Template = {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec?: Record<string, unknown>};
type WorkloadSpec = {replicas?: number; selector?: {matchLabels?: Record<string, string>}; template?: Template; paused?: boolean};
type DeploymentSpec = WorkloadSpec & {
	strategy?: {type?: string; rollingUpdate?: {maxSurge?: number | string; maxUnavailable?: number | string}};
	revisionHistoryLimit?: number;
	progressDeadlineSeconds?: number;
};
type Condition = {type: string; status: string; reason?: string; message?: string; lastUpdateTime?: string; lastTransitionTime?: string};
type DeploymentStatus = {
	replicas?: number;
	updatedReplicas?: number;
	readyReplicas?: number;
	availableReplicas?: number;
	collisionCount?: number;
	conditions?: Condition[];
};

function specReplicas(rs: KubeObject): number {
	return (rs.spec as WorkloadSpec | undefined)?.replicas ?? 0;
}

/** A ReplicaSet's status counts. */
type RsCounts = {replicas: number; readyReplicas: number; availableReplicas: number};

/** An int-or-percent of `total`, rounded as the deployment controller rounds it. */
function intOrPercent(value: number | string | undefined, total: number, roundUp: boolean): number {
	if (typeof value === 'number') return value;
	const percent = /^(\d+)%$/.exec(value ?? '')?.[1];
	if (percent === undefined) return Number(value ?? 0) || 0;
	const exact = (Number(percent) * total) / 100;
	return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge rounds up and maxUnavailable down; both zero would stall a rollout, so unavailable becomes 1. */
function rollingLimits(spec: DeploymentSpec, replicas: number): {maxSurge: number; maxUnavailable: number} {
	if (spec.strategy?.type === 'Recreate') return {maxSurge: 0, maxUnavailable: replicas};
	const rolling = spec.strategy?.rollingUpdate;
	const maxSurge = intOrPercent(rolling?.maxSurge ?? '25%', replicas, true);
	const maxUnavailable = intOrPercent(rolling?.maxUnavailable ?? '25%', replicas, false);
	return maxSurge === 0 && maxUnavailable === 0 ? {maxSurge, maxUnavailable: 1} : {maxSurge, maxUnavailable};
}

function podIsReady(pod: KubeObject): boolean {
	return ((pod.status as {conditions?: {type?: string; status?: string}[]} | undefined)?.conditions ?? []).some(
		(c) => c.type === 'Ready' && c.status === 'True',
	);
}

function podIsActive(pod: KubeObject): boolean {
	const phase = (pod.status as {phase?: string} | undefined)?.phase;
	return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

function podFromTemplate(
	owner: KubeObject,
	template: Template | undefined,
	name: string,
	extraLabels: Record<string, string> = {},
	nodeName?: string,
): KubeObject {
	return prepareForCreate({
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace: owner.metadata.namespace ?? 'default',
			uid: '',
			resourceVersion: '',
			creationTimestamp: '',
			labels: {...(template?.metadata?.labels ?? {}), ...extraLabels},
			...(template?.metadata?.annotations ? {annotations: {...template.metadata.annotations}} : {}),
			ownerReferences: [ownerRef(owner)],
		},
		spec: {
			restartPolicy: 'Always',
			terminationGracePeriodSeconds: 30,
			dnsPolicy: 'ClusterFirst',
			serviceAccountName: 'default',
			schedulerName: 'default-scheduler',
			...(template?.spec ?? {}),
			...(nodeName ? {nodeName} : {}),
		},
	});
}

/**
 * The workload controllers, reduced to what a person sees: Deployments own
 * ReplicaSets own Pods (scale and rollout restart behave as in a cluster),
 * StatefulSets create ordered pods, DaemonSets one pod per node, Jobs run pods to
 * completion, CronJobs spawn Jobs, Services get Endpoints and EndpointSlices.
 * Each runs as a level-triggered reconcile over the store.
 */
export class Controllers {
	constructor(
		private readonly store: ObjectStore,
		private readonly events: EventRecorder,
		private readonly clock: () => number,
	) {}

	/** One pass over every controller. */
	reconcile(): void {
		const pods = [...this.store.values(R.pods)];
		const podsByOwner = new Map<string, KubeObject[]>();
		for (const pod of pods) {
			for (const ref of pod.metadata.ownerReferences ?? []) {
				const list = podsByOwner.get(ref.uid) ?? [];
				list.push(pod);
				podsByOwner.set(ref.uid, list);
			}
		}
		const replicaSetsByOwner = new Map<string, KubeObject[]>();
		for (const rs of this.store.values(R.replicasets)) {
			for (const ref of rs.metadata.ownerReferences ?? []) {
				const list = replicaSetsByOwner.get(ref.uid) ?? [];
				list.push(rs);
				replicaSetsByOwner.set(ref.uid, list);
			}
		}
		// The deployment controller counts its ReplicaSets' pods as their status would: reading the
		// statuses themselves would lag the pods by a pass for every level of ownership.
		const countsOf = (rs: KubeObject): RsCounts => {
			const active = (podsByOwner.get(rs.metadata.uid) ?? []).filter(podIsActive);
			const ready = active.filter(podIsReady).length;
			return {replicas: active.length, readyReplicas: ready, availableReplicas: ready};
		};
		for (const deployment of this.store.list(R.deployments))
			this.deployment(deployment, replicaSetsByOwner.get(deployment.metadata.uid) ?? [], countsOf);
		for (const rs of this.store.list(R.replicasets)) this.replicaSet(rs, podsByOwner.get(rs.metadata.uid) ?? []);
		for (const sts of this.store.list(R.statefulsets)) this.statefulSet(sts, podsByOwner.get(sts.metadata.uid) ?? []);
		for (const ds of this.store.list(R.daemonsets)) this.daemonSet(ds, podsByOwner.get(ds.metadata.uid) ?? []);
		for (const cj of this.store.list(R.cronjobs)) this.cronJob(cj);
		for (const job of this.store.list(R.jobs)) this.job(job, podsByOwner.get(job.metadata.uid) ?? []);
		for (const svc of this.store.list(R.services)) this.endpoints(svc, pods);
	}

	private deployment(deployment: KubeObject, owned: KubeObject[], statusOf: (rs: KubeObject) => RsCounts): void {
		if (deployment.metadata.deletionTimestamp) return;
		const spec = (deployment.spec ?? {}) as DeploymentSpec;
		const replicas = spec.replicas ?? 1;
		const {maxSurge, maxUnavailable} = rollingLimits(spec, replicas);
		const recreate = spec.strategy?.type === 'Recreate';
		const hash = shortHash(JSON.stringify(spec.template ?? {})).slice(0, 10);
		const live = owned.filter((rs) => !rs.metadata.deletionTimestamp);
		let current = live.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
		const old = live.filter((rs) => rs !== current);
		const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
		const maxOldRevision = Math.max(0, ...old.map(revisionOf));
		const oldPods = old.reduce((n, rs) => n + specReplicas(rs), 0);
		let created = false;
		if (!current && !spec.paused) {
			// A new template gets a new ReplicaSet, at first only as large as the surge allows.
			const initial = recreate
				? oldPods > 0 || old.some((rs) => statusOf(rs).replicas > 0)
					? 0
					: replicas
				: Math.max(0, Math.min(replicas + maxSurge - oldPods, replicas));
			const template: Template = {
				...spec.template,
				metadata: {...spec.template?.metadata, labels: {...spec.template?.metadata?.labels, 'pod-template-hash': hash}},
			};
			current = this.store.create(
				R.replicasets,
				applyDefaults({
					apiVersion: 'apps/v1',
					kind: 'ReplicaSet',
					metadata: {
						name: `${deployment.metadata.name}-${hash}`,
						namespace: deployment.metadata.namespace,
						uid: '',
						resourceVersion: '',
						creationTimestamp: '',
						labels: {...spec.template?.metadata?.labels, 'pod-template-hash': hash},
						annotations: {
							'deployment.kubernetes.io/desired-replicas': String(replicas),
							'deployment.kubernetes.io/max-replicas': String(replicas + (recreate ? 0 : maxSurge)),
							'deployment.kubernetes.io/revision': String(maxOldRevision + 1),
						},
						ownerReferences: [ownerRef(deployment)],
					},
					spec: {replicas: initial, selector: {matchLabels: {...spec.selector?.matchLabels, 'pod-template-hash': hash}}, template},
				}),
			);
			created = true;
			if (initial > 0) this.scaledEvent(deployment, current, 0, initial);
		} else if (current && !spec.paused) {
			// Rolling back to an older template makes its ReplicaSet the newest revision again.
			if (revisionOf(current) < maxOldRevision) {
				current =
					this.store.mutate(R.replicasets, current.metadata.namespace, current.metadata.name, (rs) => ({
						...rs,
						metadata: {
							...rs.metadata,
							annotations: {...rs.metadata.annotations, 'deployment.kubernetes.io/revision': String(maxOldRevision + 1)},
						},
					})) ?? current;
			}
			const have = specReplicas(current);
			// Never above replicas; Recreate waits for the old pods to be gone; a rolling update grows by what the surge allows.
			const want =
				have > replicas
					? replicas
					: recreate
						? oldPods === 0 && old.every((rs) => statusOf(rs).replicas === 0)
							? replicas
							: have
						: have + Math.max(0, Math.min(replicas + maxSurge - (oldPods + have), replicas - have));
			if (want !== have) current = this.scale(deployment, current, want, replicas, maxSurge) ?? current;
		}
		if (current && !spec.paused && oldPods > 0) {
			if (recreate) {
				for (const rs of old) if (specReplicas(rs) > 0) this.scale(deployment, rs, 0, replicas, maxSurge);
			} else {
				// Scale old ReplicaSets down only as far as keeps replicas - maxUnavailable pods available.
				const all = oldPods + specReplicas(current);
				const minAvailable = replicas - maxUnavailable;
				const newUnavailable = specReplicas(current) - statusOf(current).availableReplicas;
				if (all - minAvailable - newUnavailable > 0) {
					// Unhealthy old pods go first: they add nothing to availability.
					let budget = all - minAvailable - newUnavailable;
					const sorted = [...old].sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp));
					const after = new Map(sorted.map((rs) => [rs.metadata.uid, specReplicas(rs)]));
					for (const rs of sorted) {
						if (budget <= 0) break;
						const unhealthy = Math.max(0, specReplicas(rs) - statusOf(rs).availableReplicas);
						const cut = Math.min(budget, unhealthy);
						if (cut > 0) after.set(rs.metadata.uid, specReplicas(rs) - cut);
						budget -= cut;
					}
					const available = [current, ...old].reduce((n, rs) => n + statusOf(rs).availableReplicas, 0);
					let total = available - minAvailable;
					for (const rs of sorted) {
						if (total <= 0) break;
						const now = after.get(rs.metadata.uid) ?? 0;
						const cut = Math.min(now, total);
						after.set(rs.metadata.uid, now - cut);
						total -= cut;
					}
					for (const rs of sorted) {
						const next = after.get(rs.metadata.uid) ?? specReplicas(rs);
						if (next !== specReplicas(rs)) this.scale(deployment, rs, next, replicas, maxSurge);
					}
				}
			}
		}
		this.cleanupHistory(old, spec.revisionHistoryLimit ?? 10, statusOf);
		this.deploymentStatus(deployment, current, old, replicas, maxUnavailable, created, statusOf);
	}

	/** Scales a ReplicaSet of a Deployment, with the event and annotations the deployment controller writes. */
	private scale(deployment: KubeObject, rs: KubeObject, to: number, replicas: number, maxSurge: number): KubeObject | undefined {
		const from = specReplicas(rs);
		const updated = this.store.mutate(R.replicasets, rs.metadata.namespace, rs.metadata.name, (r) => ({
			...r,
			metadata: {
				...r.metadata,
				annotations: {
					...r.metadata.annotations,
					'deployment.kubernetes.io/desired-replicas': String(replicas),
					'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge),
				},
			},
			spec: {...r.spec, replicas: to},
		}));
		this.scaledEvent(deployment, rs, from, to);
		return updated;
	}

	private scaledEvent(deployment: KubeObject, rs: KubeObject, from: number, to: number): void {
		this.events.record(
			deployment,
			'Normal',
			'ScalingReplicaSet',
			`Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
			'deployment-controller',
		);
	}

	/** Old ReplicaSets scaled to zero beyond revisionHistoryLimit go, oldest revision first. */
	private cleanupHistory(old: readonly KubeObject[], limit: number, statusOf: (rs: KubeObject) => RsCounts): void {
		const idle = old
			.filter((rs) => specReplicas(rs) === 0 && statusOf(rs).replicas === 0)
			.sort(
				(a, b) =>
					Number(a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) -
					Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0),
			);
		for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
			if (this.store.find(R.replicasets, rs.metadata.namespace, rs.metadata.name))
				this.store.remove(R.replicasets, rs.metadata.namespace, rs.metadata.name);
		}
	}

	/**
	 * The deployment controller's status: counts summed over its ReplicaSets' statuses, and
	 * conditions that change only when their status or reason does (a settled Deployment is
	 * not rewritten).
	 */
	private deploymentStatus(
		deployment: KubeObject,
		newRs: KubeObject | undefined,
		old: readonly KubeObject[],
		replicas: number,
		maxUnavailable: number,
		created: boolean,
		statusOf: (rs: KubeObject) => RsCounts,
	): void {
		const fresh = (rs: KubeObject) => this.store.find(R.replicasets, rs.metadata.namespace, rs.metadata.name) ?? rs;
		const all = [...(newRs ? [newRs] : []), ...old].map(fresh);
		const sum = (pick: (s: RsCounts) => number) => all.reduce((n, rs) => n + pick(statusOf(rs)), 0);
		const available = sum((s) => s.availableReplicas);
		const total = all.reduce((n, rs) => n + specReplicas(rs), 0);
		const previous = (deployment.status ?? {}) as DeploymentStatus;
		const counts = {
			observedGeneration: deployment.metadata.generation ?? 1,
			replicas: sum((s) => s.replicas),
			updatedReplicas: newRs ? statusOf(fresh(newRs)).replicas : 0,
			readyReplicas: sum((s) => s.readyReplicas),
			availableReplicas: available,
			unavailableReplicas: Math.max(0, total - available),
		};
		const now = stamp(this.clock());
		let conditions = [...(previous.conditions ?? [])];
		const set = (condition: Condition, keepTransition = false): void => {
			const existing = conditions.find((c) => c.type === condition.type);
			if (existing && existing.status === condition.status && existing.reason === condition.reason && !keepTransition) return;
			const next =
				existing && existing.status === condition.status ? {...condition, lastTransitionTime: existing.lastTransitionTime} : condition;
			conditions = [...conditions.filter((c) => c.type !== condition.type), next];
		};
		const condition = (type: string, status: 'True' | 'False', reason: string, message: string): Condition => ({
			type,
			status,
			lastUpdateTime: now,
			lastTransitionTime: now,
			reason,
			message,
		});
		if (available >= replicas - maxUnavailable)
			set(condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
		else set(condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
		const spec = (deployment.spec ?? {}) as DeploymentSpec;
		const progressing = conditions.find((c) => c.type === 'Progressing');
		if (newRs && !spec.paused) {
			const name = newRs.metadata.name;
			const complete =
				counts.updatedReplicas === replicas &&
				counts.replicas === replicas &&
				available === replicas &&
				old.every((rs) => statusOf(fresh(rs)).replicas === 0);
			const advanced =
				counts.updatedReplicas > (previous.updatedReplicas ?? 0) ||
				counts.replicas - counts.updatedReplicas < (previous.replicas ?? 0) - (previous.updatedReplicas ?? 0) ||
				counts.readyReplicas > (previous.readyReplicas ?? 0) ||
				available > (previous.availableReplicas ?? 0);
			const deadline = spec.progressDeadlineSeconds ?? 600;
			if (created) set(condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`));
			else if (complete)
				set(condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`));
			else if (advanced || !progressing)
				set(condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`), true);
			else if (
				progressing.status === 'True' &&
				progressing.reason !== 'NewReplicaSetAvailable' &&
				Date.parse(progressing.lastUpdateTime ?? now) + deadline * 1000 < this.clock()
			)
				set(condition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`));
		}
		const status: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(counts)) if (value !== 0) status[key] = value;
		status['conditions'] = conditions;
		if (previous.collisionCount !== undefined) status['collisionCount'] = previous.collisionCount;
		this.setStatus(R.deployments, deployment, status, true);
	}

	private replicaSet(rs: KubeObject, owned: KubeObject[]): void {
		if (rs.metadata.deletionTimestamp) return;
		const spec = (rs.spec ?? {}) as WorkloadSpec;
		const want = spec.replicas ?? 1;
		const active = owned.filter(podIsActive);
		for (let i = active.length; i < want; i++) {
			const pod = this.createNamed(`${rs.metadata.name}-`, (name) => podFromTemplate(rs, spec.template, name));
			this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
		}
		// Scale down the newest first, not-ready before ready, as the controller ranks them.
		const surplus = [...active]
			.sort(
				(a, b) => Number(podIsReady(a)) - Number(podIsReady(b)) || b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp),
			)
			.slice(0, Math.max(0, active.length - want));
		for (const pod of surplus) {
			this.deletePod(pod, 30);
			this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'replicaset-controller');
		}
		const kept = active.filter((p) => !surplus.includes(p));
		const ready = kept.filter(podIsReady).length;
		// Zero counts are left out, as the API's omitempty fields are (replicas is always there).
		this.setStatus(
			R.replicasets,
			rs,
			{
				replicas: kept.length,
				...(kept.length > 0 ? {fullyLabeledReplicas: kept.length} : {}),
				...(ready > 0 ? {readyReplicas: ready, availableReplicas: ready} : {}),
				observedGeneration: rs.metadata.generation ?? 1,
			},
			true,
		);
	}

	private statefulSet(sts: KubeObject, owned: KubeObject[]): void {
		if (sts.metadata.deletionTimestamp) return;
		const spec = (sts.spec ?? {}) as WorkloadSpec;
		const want = spec.replicas ?? 1;
		const byOrdinal = new Map(owned.map((p) => [Number(p.metadata.name.slice(sts.metadata.name.length + 1)), p]));
		const revision = `${sts.metadata.name}-${shortHash(JSON.stringify(spec.template ?? {})).slice(0, 10)}`;
		// Ordered: pod N is created only when pods 0..N-1 are Running and Ready.
		for (let i = 0; i < want; i++) {
			const pod = byOrdinal.get(i);
			if (!pod) {
				this.store.create(
					R.pods,
					podFromTemplate(sts, spec.template, `${sts.metadata.name}-${i}`, {
						'apps.kubernetes.io/pod-index': String(i),
						'controller-revision-hash': revision,
						'statefulset.kubernetes.io/pod-name': `${sts.metadata.name}-${i}`,
					}),
				);
				this.events.record(
					sts,
					'Normal',
					'SuccessfulCreate',
					`create Pod ${sts.metadata.name}-${i} in StatefulSet ${sts.metadata.name} successful`,
					'statefulset-controller',
				);
				break;
			}
			if (!podIsReady(pod)) break;
		}
		const highest = [...byOrdinal.keys()].filter((i) => i >= want).sort((a, b) => b - a)[0];
		const victim = highest !== undefined ? byOrdinal.get(highest) : undefined;
		if (victim && !victim.metadata.deletionTimestamp) this.deletePod(victim, 30);
		const ready = owned.filter((p) => podIsActive(p) && podIsReady(p)).length;
		this.setStatus(R.statefulsets, sts, {
			observedGeneration: sts.metadata.generation ?? 1,
			replicas: owned.filter(podIsActive).length,
			readyReplicas: ready,
			currentReplicas: owned.length,
			updatedReplicas: owned.length,
			availableReplicas: ready,
			currentRevision: revision,
			updateRevision: revision,
			collisionCount: 0,
		});
	}

	private daemonSet(ds: KubeObject, owned: KubeObject[]): void {
		if (ds.metadata.deletionTimestamp) return;
		const spec = (ds.spec ?? {}) as WorkloadSpec;
		const nodes = this.store.list(R.nodes);
		for (const node of nodes) {
			if (owned.some((p) => (p.spec as {nodeName?: string} | undefined)?.nodeName === node.metadata.name)) continue;
			const pod = this.createNamed(`${ds.metadata.name}-`, (name) =>
				podFromTemplate(
					ds,
					spec.template,
					name,
					{'controller-revision-hash': shortHash(JSON.stringify(spec.template ?? {})).slice(0, 10)},
					node.metadata.name,
				),
			);
			this.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'daemonset-controller');
		}
		const ready = owned.filter((p) => podIsActive(p) && podIsReady(p)).length;
		this.setStatus(R.daemonsets, ds, {
			currentNumberScheduled: owned.length,
			desiredNumberScheduled: nodes.length,
			numberMisscheduled: 0,
			numberReady: ready,
			numberAvailable: ready,
			updatedNumberScheduled: owned.length,
			observedGeneration: ds.metadata.generation ?? 1,
		});
	}

	private job(job: KubeObject, owned: KubeObject[]): void {
		if (job.metadata.deletionTimestamp) return;
		const spec = (job.spec ?? {}) as {completions?: number; parallelism?: number; template?: Template; suspend?: boolean};
		const status = (job.status ?? {}) as {completionTime?: string; startTime?: string};
		if (status.completionTime) return;
		const completions = spec.completions ?? 1;
		const parallelism = spec.parallelism ?? 1;
		const succeeded = owned.filter((p) => (p.status as {phase?: string} | undefined)?.phase === 'Succeeded').length;
		const failed = owned.filter((p) => (p.status as {phase?: string} | undefined)?.phase === 'Failed').length;
		const active = owned.filter(podIsActive);
		const now = stamp(this.clock());
		if (!spec.suspend) {
			for (let i = active.length; i < Math.min(parallelism, completions - succeeded); i++) {
				const pod = this.createNamed(`${job.metadata.name}-`, (name) =>
					podFromTemplate(job, {...spec.template, spec: {restartPolicy: 'Never', ...spec.template?.spec}}, name, {
						'batch.kubernetes.io/job-name': job.metadata.name,
						'job-name': job.metadata.name,
					}),
				);
				this.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'job-controller');
			}
		}
		const complete = succeeded >= completions;
		if (complete) this.events.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller');
		this.setStatus(R.jobs, job, {
			startTime: status.startTime ?? now,
			...(active.length > 0 ? {active: active.length} : {}),
			...(succeeded > 0 ? {succeeded} : {}),
			...(failed > 0 ? {failed} : {}),
			ready: active.filter(podIsReady).length,
			terminating: 0,
			uncountedTerminatedPods: {},
			...(complete
				? {
						completionTime: now,
						conditions: [
							{
								type: 'SuccessCriteriaMet',
								status: 'True',
								reason: 'CompletionsReached',
								message: 'Reached expected number of succeeded pods',
								lastProbeTime: now,
								lastTransitionTime: now,
							},
							{
								type: 'Complete',
								status: 'True',
								reason: 'CompletionsReached',
								message: 'Reached expected number of succeeded pods',
								lastProbeTime: now,
								lastTransitionTime: now,
							},
						],
					}
				: {}),
		});
	}

	private cronJob(cj: KubeObject): void {
		const spec = (cj.spec ?? {}) as {
			schedule?: string;
			suspend?: boolean;
			jobTemplate?: {metadata?: Template['metadata']; spec?: Record<string, unknown>};
			successfulJobsHistoryLimit?: number;
		};
		const status = (cj.status ?? {}) as {lastScheduleTime?: string};
		const jobs = this.store.list(R.jobs, cj.metadata.namespace).filter((j) => ownedBy(j, cj));
		const activeJobs = jobs.filter((j) => !(j.status as {completionTime?: string} | undefined)?.completionTime);
		const due = spec.suspend
			? undefined
			: nextDue(
					spec.schedule ?? '',
					status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : Date.parse(cj.metadata.creationTimestamp),
					this.clock(),
				);
		if (due !== undefined) {
			const name = `${cj.metadata.name}-${Math.floor(due / 60_000)}`;
			if (!this.store.find(R.jobs, cj.metadata.namespace, name)) {
				this.store.create(
					R.jobs,
					prepareForCreate({
						apiVersion: 'batch/v1',
						kind: 'Job',
						metadata: {
							name,
							namespace: cj.metadata.namespace,
							uid: '',
							resourceVersion: '',
							creationTimestamp: '',
							labels: {...spec.jobTemplate?.metadata?.labels},
							annotations: {'batch.kubernetes.io/cronjob-scheduled-timestamp': stamp(due)},
							ownerReferences: [ownerRef(cj)],
						},
						spec: {...spec.jobTemplate?.spec},
					}),
				);
				this.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, 'cronjob-controller');
			}
			this.setStatus(R.cronjobs, cj, {...status, lastScheduleTime: stamp(due)});
		}
		// Finished jobs beyond the history limit go, oldest first.
		const finished = jobs
			.filter((j) => (j.status as {completionTime?: string} | undefined)?.completionTime)
			.sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp));
		for (const old of finished.slice(0, Math.max(0, finished.length - (spec.successfulJobsHistoryLimit ?? 3))))
			this.store.remove(R.jobs, old.metadata.namespace, old.metadata.name);
		const lastSuccess = finished.at(-1);
		const active = activeJobs.map((j) => ({
			kind: 'Job',
			namespace: j.metadata.namespace,
			name: j.metadata.name,
			uid: j.metadata.uid,
			apiVersion: 'batch/v1',
			resourceVersion: j.metadata.resourceVersion,
		}));
		const next = {...(this.store.find(R.cronjobs, cj.metadata.namespace, cj.metadata.name)?.status ?? {})};
		if (active.length > 0) next['active'] = active;
		else delete next['active'];
		if (lastSuccess) next['lastSuccessfulTime'] = (lastSuccess.status as {completionTime?: string}).completionTime;
		this.setStatus(R.cronjobs, cj, next, true);
	}

	private endpoints(svc: KubeObject, pods: readonly KubeObject[]): void {
		const spec = (svc.spec ?? {}) as {
			selector?: Record<string, string>;
			ports?: {name?: string; port?: number; targetPort?: number | string; protocol?: string}[];
		};
		if (!spec.selector) return;
		const selected = pods.filter(
			(p) =>
				p.metadata.namespace === svc.metadata.namespace &&
				selects(spec.selector, p.metadata.labels) &&
				(p.status as {podIP?: string} | undefined)?.podIP &&
				podIsActive(p),
		);
		const address = (p: KubeObject) => ({
			ip: (p.status as {podIP?: string}).podIP,
			nodeName: (p.spec as {nodeName?: string} | undefined)?.nodeName,
			targetRef: {kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid},
		});
		const ready = selected.filter(podIsReady).map(address);
		const notReady = selected.filter((p) => !podIsReady(p)).map(address);
		const ports = (spec.ports ?? []).map((p) => ({
			...(p.name ? {name: p.name} : {}),
			port: typeof p.targetPort === 'number' ? p.targetPort : (p.port ?? 80),
			protocol: p.protocol ?? 'TCP',
		}));
		const subsets =
			ready.length + notReady.length > 0
				? [{...(ready.length > 0 ? {addresses: ready} : {}), ...(notReady.length > 0 ? {notReadyAddresses: notReady} : {}), ports}]
				: [];
		const namespace = svc.metadata.namespace;
		const name = svc.metadata.name;
		const existing = this.store.find(R.endpoints, namespace, name);
		const labels = {...svc.metadata.labels};
		if (!existing) {
			this.store.create(R.endpoints, {
				apiVersion: 'v1',
				kind: 'Endpoints',
				metadata: {name, namespace, uid: '', resourceVersion: '', creationTimestamp: '', labels},
				subsets,
			});
		} else if (JSON.stringify(existing['subsets'] ?? []) !== JSON.stringify(subsets)) {
			this.store.mutate(R.endpoints, namespace, name, (e) => ({...e, subsets}));
		}
		const sliceName = `${name}-${shortHash(name).slice(0, 5)}`;
		const endpoints = selected.map((p) => ({
			addresses: [(p.status as {podIP?: string}).podIP],
			conditions: {ready: podIsReady(p), serving: podIsReady(p), terminating: false},
			nodeName: (p.spec as {nodeName?: string} | undefined)?.nodeName,
			targetRef: {kind: 'Pod', namespace, name: p.metadata.name, uid: p.metadata.uid},
		}));
		const slice = this.store.find(R.endpointslices, namespace, sliceName);
		if (!slice) {
			this.store.create(R.endpointslices, {
				apiVersion: 'discovery.k8s.io/v1',
				kind: 'EndpointSlice',
				metadata: {
					name: sliceName,
					namespace,
					uid: '',
					resourceVersion: '',
					creationTimestamp: '',
					labels: {'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io'},
					ownerReferences: [ownerRef(svc)],
				},
				addressType: 'IPv4',
				endpoints,
				ports,
			});
		} else if (JSON.stringify(slice['endpoints'] ?? []) !== JSON.stringify(endpoints)) {
			this.store.mutate(R.endpointslices, namespace, sliceName, (s) => ({...s, endpoints}));
		}
	}

	/** Creates a pod under a generated name, trying another suffix when one is taken (as generateName does). */
	private createNamed(prefix: string, make: (name: string) => KubeObject): KubeObject {
		for (let attempt = 0; ; attempt++) {
			const name = `${prefix}${suffix()}`;
			if (this.store.find(R.pods, make(name).metadata.namespace, name) && attempt < 10) continue;
			return this.store.create(R.pods, make(name));
		}
	}

	/** Deletes a pod gracefully (controllers scale down this way). */
	deletePod: (pod: KubeObject, graceSeconds: number) => void = () => undefined;

	private setStatus(def: (typeof R)[keyof typeof R], object: KubeObject, status: Record<string, unknown>, replace = false): void {
		this.store.mutate(def, object.metadata.namespace, object.metadata.name, (o) => ({
			...o,
			status: replace ? status : {...o.status, ...status},
		}));
	}
}

/**
 * When a schedule last fell due after `since` (epoch ms), if it did by `now`.
 * Understands what demos and tests use: `*` or `*\/N` minutes (any hour/day
 * fields are taken as `*`), and `@every Ns`/`@hourly`.
 */
export function nextDue(schedule: string, since: number, now: number): number | undefined {
	let periodMs: number;
	const every = /^@every\s+(\d+)s$/.exec(schedule.trim());
	if (every) periodMs = Number(every[1]) * 1000;
	else if (schedule.trim() === '@hourly') periodMs = 3_600_000;
	else {
		const minute = schedule.trim().split(/\s+/)[0] ?? '*';
		const step = /^\*\/(\d+)$/.exec(minute);
		periodMs = minute === '*' ? 60_000 : step ? Number(step[1]) * 60_000 : 3_600_000;
	}
	const due = Math.floor(now / periodMs) * periodMs;
	return due > since ? due : undefined;
}
