import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureKubectl} from '../../helpers/kubectl.js';
import {isReady, parseTable, useSim, waitFor, type Obj} from '../fixtures/sim.js';

// kubectl v1.35 against the sim, for what touches the world: logs, exec, top, scale,
// rollout restart and delete.

const MULTI = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/multi-container.yaml');
const RFC3339_NANO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}) /;

const LOG_INTERVAL_MS = 200;
const h = useSim({logIntervalMs: LOG_INTERVAL_MS});

let frontend = '';
let redis = '';

function lines(text: string): string[] {
	return text.split('\n').filter((l) => l !== '');
}

function ok(result: {code: number | null; stdout: string; stderr: string}): string {
	expect(result.code, `kubectl failed:\n${result.stderr}`).toBe(0);
	return result.stdout;
}

async function readyPods(namespace: string, app: string): Promise<Obj[]> {
	return (await h().list(`/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`app=${app}`)}`)).filter(isReady);
}

beforeAll(async () => {
	await ensureKubectl();
	await waitFor('shop pods ready', async () => {
		const [f, r] = await Promise.all([readyPods('shop', 'frontend'), readyPods('shop', 'redis')]);
		if (f.length !== 3 || r.length !== 1) return false;
		frontend = f[0]!.metadata.name;
		redis = r[0]!.metadata.name;
		return true;
	});
	const created = await h().k(['create', '-f', MULTI]);
	expect(created.code, created.stderr).toBe(0);
	expect(created.stdout).toMatch(/^pod\/multi created$/m);
}, 60_000);

describe('kubectl logs', () => {
	it('logs <pod> prints the container log', async () => {
		// At 5 lines a second the frontend has a few lines once it is ready.
		await waitFor('a few log lines', async () => lines((await h().k(['logs', frontend, '-n', 'shop'])).stdout).length >= 5);
		const out = ok(await h().k(['logs', frontend, '-n', 'shop']));
		expect(lines(out).length).toBeGreaterThanOrEqual(5);
		expect(out).toMatch(/"GET \S+ HTTP\/1\.1" \d{3} /);
		const byDeploy = ok(await h().k(['logs', 'deploy/frontend', '-n', 'shop', '--tail', '2']));
		expect(byDeploy).toMatch(/HTTP\/1\.1/);
	});

	it('--tail 5 prints exactly the last 5 lines', async () => {
		const all = lines(ok(await h().k(['logs', frontend, '-n', 'shop'])));
		const tail = lines(ok(await h().k(['logs', frontend, '-n', 'shop', '--tail', '5'])));
		expect(tail).toHaveLength(5);
		// The tail continues the whole log (it may have grown in between).
		expect(all.indexOf(tail[0]!)).toBeGreaterThanOrEqual(all.length - 10);
		const zero = await h().k(['logs', frontend, '-n', 'shop', '--tail', '0']);
		expect(zero.code).toBe(0);
		expect(zero.stdout).toBe('');
	});

	it('--since keeps only recent lines', async () => {
		const all = lines(ok(await h().k(['logs', frontend, '-n', 'shop'])));
		const minute = lines(ok(await h().k(['logs', frontend, '-n', 'shop', '--since', '1m'])));
		// Everything of the last minute (the sim writes a line every LOG_INTERVAL_MS); all of it
		// while the pod is younger than that.
		const perMinute = 60_000 / LOG_INTERVAL_MS;
		expect(minute.length).toBeGreaterThanOrEqual(Math.min(all.length, perMinute - 2));
		expect(minute.length).toBeLessThanOrEqual(perMinute + 2);
		const second = lines(ok(await h().k(['logs', frontend, '-n', 'shop', '--since', '1s'])));
		expect(second.length).toBeLessThanOrEqual(1_000 / LOG_INTERVAL_MS + 2);
		expect(second.length).toBeLessThan(minute.length);
		const time = lines(ok(await h().k(['logs', frontend, '-n', 'shop', `--since-time=${new Date(Date.now() + 60_000).toISOString()}`])));
		expect(time).toHaveLength(0);
	});

	it('--timestamps prefixes each line with an RFC3339Nano time', async () => {
		const out = lines(ok(await h().k(['logs', frontend, '-n', 'shop', '--timestamps', '--tail', '3'])));
		expect(out).toHaveLength(3);
		for (const line of out) {
			expect(line).toMatch(RFC3339_NANO);
			const stamp = Date.parse(line.split(' ')[0]!);
			expect(Math.abs(Date.now() - stamp)).toBeLessThan(120_000);
		}
	});

	it('-f keeps streaming new lines', async () => {
		const follow = await h().spawn(['logs', '-f', frontend, '-n', 'shop', '--tail', '1']);
		try {
			await follow.waitFor((out) => lines(out).length >= 1, 10_000);
			await follow.waitFor((out) => lines(out).length >= 4, 10_000);
			expect(follow.child.exitCode).toBeNull();
		} finally {
			await follow.stop();
		}
	});

	it('--previous shows the crashed container of a crash-looping pod', async () => {
		const crashed = await waitFor(
			'the recommender to crash once',
			async () =>
				(await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Drecommender')).find(
					(p) =>
						(p.status as {containerStatuses?: {lastState?: {terminated?: unknown}}[]} | undefined)?.containerStatuses?.[0]?.lastState
							?.terminated,
				),
			25_000,
			300,
		);
		const out = ok(await h().k(['logs', crashed.metadata.name, '-n', 'shop', '--previous']));
		expect(lines(out).length).toBeGreaterThan(0);
		expect(out).toMatch(/panic/);
		// A container that never terminated has no previous log: 400 from the server.
		const none = await h().k(['logs', frontend, '-n', 'shop', '--previous']);
		expect(none.code).toBe(1);
		expect(none.stderr).toMatch(/previous terminated container "frontend" in pod "[^"]+" not found/);
	}, 30_000);

	it('-c picks a container of a multi-container pod; without it the choices are named', async () => {
		await waitFor('pod/multi ready', async () => isReady((await h().api('GET', '/api/v1/namespaces/default/pods/multi')).body as Obj));
		await waitFor('multi logs', async () => lines((await h().k(['logs', 'multi', '-c', 'sidecar'])).stdout).length >= 2);
		const sidecar = ok(await h().k(['logs', 'multi', '-c', 'sidecar', '--tail', '2']));
		expect(lines(sidecar)).toHaveLength(2);
		expect(sidecar).toMatch(/HTTP\/1\.1/);
		const app = ok(await h().k(['logs', 'multi', '-c', 'app', '--tail', '2']));
		expect(lines(app)).toHaveLength(2);
		expect(app).not.toMatch(/HTTP\/1\.1/);
		// kubectl 1.35 defaults to the first container and says which ones there were.
		const defaulted = await h().k(['logs', 'multi', '--tail', '1']);
		expect(defaulted.code).toBe(0);
		expect(defaulted.stderr).toMatch(/Defaulted container "app" out of: app, sidecar/);
		// The API server itself answers 400 naming the choices.
		const raw = await h().k(['get', '--raw', '/api/v1/namespaces/default/pods/multi/log']);
		expect(raw.code).toBe(1);
		expect(raw.stderr).toMatch(/a container name must be specified for pod multi, choose one of: \[app sidecar\]/);
		const wrong = await h().k(['logs', 'multi', '-c', 'nope']);
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toMatch(/container nope is not valid for pod multi/);
	});
});

describe('kubectl exec', () => {
	it('exec -- echo hi prints hi', async () => {
		const result = await h().k(['exec', redis, '-n', 'shop', '--', 'echo', 'hi']);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toBe('hi\n');
	});

	it("exec -- sh -c 'exit 3' makes kubectl exit 3", async () => {
		const result = await h().k(['exec', redis, '-n', 'shop', '--', 'sh', '-c', 'exit 3']);
		expect(result.code, result.stderr).toBe(3);
	});

	it('exec -i passes stdin; -c picks the container', async () => {
		const cat = await h().k(['exec', '-i', redis, '-n', 'shop', '--', 'cat'], {input: 'from stdin\n'});
		expect(cat.code, cat.stderr).toBe(0);
		expect(cat.stdout).toBe('from stdin\n');
		const sidecar = await h().k(['exec', 'multi', '-c', 'sidecar', '--', 'echo', 'sidecar']);
		expect(sidecar.code, sidecar.stderr).toBe(0);
		expect(sidecar.stdout).toBe('sidecar\n');
	});
});

describe('kubectl top', () => {
	it('top pods -A', async () => {
		const table = parseTable(ok(await h().k(['top', 'pods', '-A'])));
		expect(table.header).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
		const row = table.rows.find((r) => r['NAME'] === frontend);
		expect(row?.['NAMESPACE']).toBe('shop');
		expect(row?.['CPU(cores)']).toMatch(/^\d+m$/);
		expect(row?.['MEMORY(bytes)']).toMatch(/^\d+Mi$/);
	});

	it('top nodes', async () => {
		const table = parseTable(ok(await h().k(['top', 'nodes'])));
		expect(table.header.slice(0, 2)).toEqual(['NAME', 'CPU(cores)']);
		expect(table.header).toContain('MEMORY(bytes)');
		expect(table.rows.map((r) => r['NAME']).sort()).toEqual(['kview-control-plane', 'kview-worker-1', 'kview-worker-2']);
		for (const row of table.rows) {
			expect(row['CPU(cores)']).toMatch(/^\d+m$/);
			expect(row['MEMORY(bytes)']).toMatch(/^\d+Mi$/);
		}
	});
});

describe('kubectl changes the world', () => {
	it('scale deploy converges the pods to the replica count', async () => {
		expect(ok(await h().k(['scale', 'deploy/worker', '-n', 'shop', '--replicas=4']))).toMatch(/deployment.apps\/worker scaled/);
		await waitFor('4 worker pods ready', async () => (await readyPods('shop', 'worker')).length === 4);
		const up = parseTable(ok(await h().k(['get', 'deploy', 'worker', '-n', 'shop'])));
		await waitFor(
			'worker 4/4',
			async () => parseTable(ok(await h().k(['get', 'deploy', 'worker', '-n', 'shop']))).rows[0]?.['READY'] === '4/4',
		);
		expect(up.rows).toHaveLength(1);
		expect(ok(await h().k(['scale', 'deploy', 'worker', '-n', 'shop', '--replicas', '1']))).toMatch(/scaled/);
		await waitFor(
			'one worker pod left',
			async () => (await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Dworker')).length === 1,
		);
		const pods = parseTable(ok(await h().k(['get', 'pods', '-n', 'shop', '-l', 'app=worker'])));
		expect(pods.rows).toHaveLength(1);
	}, 30_000);

	it('rollout restart makes a new ReplicaSet whose pods replace the old ones', async () => {
		const oldPods = (await readyPods('shop', 'api')).map((p) => p.metadata.name);
		expect(oldPods).toHaveLength(2);
		const oldRs = (await h().list('/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dapi')).map((r) => r.metadata.name);
		expect(ok(await h().k(['rollout', 'restart', 'deploy/api', '-n', 'shop']))).toMatch(/deployment.apps\/api restarted/);
		const deploy = (await h().api('GET', '/apis/apps/v1/namespaces/shop/deployments/api')).body as Obj;
		const template = (deploy.spec?.['template'] as {metadata?: {annotations?: Record<string, string>}}).metadata;
		expect(template?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
		const newRs = await waitFor('a new ReplicaSet', async () =>
			(await h().list('/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dapi')).find((r) => !oldRs.includes(r.metadata.name)),
		);
		const status = await h().k(['rollout', 'status', 'deploy/api', '-n', 'shop', '--timeout=40s'], {timeoutMs: 45_000});
		expect(status.code, status.stderr).toBe(0);
		expect(status.stdout).toMatch(/deployment "api" successfully rolled out/);
		await waitFor(
			'the old api pods gone',
			async () => {
				const pods = await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Dapi');
				return pods.length === 2 && pods.every((p) => !oldPods.includes(p.metadata.name) && isReady(p));
			},
			20_000,
		);
		const pods = parseTable(ok(await h().k(['get', 'pods', '-n', 'shop', '-l', 'app=api'])));
		for (const row of pods.rows) expect(row['NAME']).toMatch(new RegExp(`^${newRs.metadata.name}-[a-z0-9]{5}$`));
		const history = ok(await h().k(['rollout', 'history', 'deploy/api', '-n', 'shop']));
		expect(history).toMatch(/^REVISION\s+CHANGE-CAUSE$/m);
	}, 60_000);

	// rollout restart of a 2-replica Deployment (default RollingUpdate, maxSurge 25% -> 1,
	// maxUnavailable 25% -> 0) surges by one pod at a time: never more than 3, never fewer than 2 ready.
	it('a rolling update respects maxSurge and maxUnavailable', async () => {
		const {store} = h().sim;
		let most = 0;
		let fewestReady = Infinity;
		const count = () => {
			const pods = (
				store.list(
					h()
						.sim.server.resources()
						.find((d) => d.resource === 'pods' && d.group === '')!,
					'payments',
				) as Obj[]
			).filter((p) => p.metadata.labels?.['app'] === 'payments-api');
			most = Math.max(most, pods.filter((p) => !p.metadata.deletionTimestamp).length);
			fewestReady = Math.min(fewestReady, pods.filter(isReady).length);
		};
		await waitFor('payments-api ready', async () => (await readyPods('payments', 'payments-api')).length === 2);
		const unsubscribe = store.onChange(count);
		try {
			ok(await h().k(['rollout', 'restart', 'deploy/payments-api', '-n', 'payments']));
			const status = await h().k(['rollout', 'status', 'deploy/payments-api', '-n', 'payments', '--timeout=40s'], {timeoutMs: 45_000});
			expect(status.code, status.stderr).toBe(0);
		} finally {
			unsubscribe();
		}
		expect(fewestReady).toBeGreaterThanOrEqual(2);
		expect(most).toBeLessThanOrEqual(3);
	}, 60_000);

	it('delete pod returns and the pod is gone; its ReplicaSet replaces it under a new name', async () => {
		const started = Date.now();
		const result = await h().k(['delete', 'pod', frontend, '-n', 'shop'], {timeoutMs: 20_000});
		expect(result.timedOut, 'kubectl delete hung').toBe(false);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`pod "${frontend}" deleted`));
		expect(Date.now() - started).toBeLessThan(15_000);
		const gone = await h().k(['get', 'pod', frontend, '-n', 'shop']);
		expect(gone.code).toBe(1);
		expect(gone.stderr).toMatch(/\(NotFound\)/);
		await waitFor('3 frontends again', async () => {
			const pods = await readyPods('shop', 'frontend');
			return pods.length === 3 && !pods.some((p) => p.metadata.name === frontend);
		});
	}, 30_000);

	it('delete deploy returns and its ReplicaSets and pods are collected', async () => {
		const result = await h().k(['delete', 'deploy', 'redis', '-n', 'shop'], {timeoutMs: 20_000});
		expect(result.timedOut, 'kubectl delete hung').toBe(false);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/deployment.apps "redis" deleted/);
		await waitFor('redis pods gone', async () => (await h().list('/api/v1/namespaces/shop/pods?labelSelector=app%3Dredis')).length === 0);
		expect((await h().list('/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dredis')).length).toBe(0);
		const none = await h().k(['get', 'deploy,rs,pods', '-n', 'shop', '-l', 'app=redis']);
		expect(none.code).toBe(0);
		expect(none.stderr).toMatch(/No resources found in shop namespace/);
	}, 30_000);
});
