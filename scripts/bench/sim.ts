// The simulated cluster under load: how fast `kview sim --pods N --churn R` starts,
// serves a full pod list, and keeps a watching client fed.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {parse} from 'yaml';

type Endpoint = {url: URL; ca: string; token: string};

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
	return round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024);
}

function endpoint(kubeconfigPath: string): Endpoint {
	type Kubeconfig = {clusters: {cluster: {server: string; 'certificate-authority-data': string}}[]; users: {user: {token: string}}[]};
	const config = parse(readFileSync(kubeconfigPath, 'utf8')) as Kubeconfig;
	const cluster = config.clusters[0]?.cluster;
	const token = config.users[0]?.user.token;
	if (!cluster || !token) throw new Error(`bench: no cluster or user in ${kubeconfigPath}`);
	return {url: new URL(cluster.server), ca: Buffer.from(cluster['certificate-authority-data'], 'base64').toString(), token};
}

/** GET a path; resolves with the body once complete. */
function get(ep: Endpoint, pathAndQuery: string, accept = 'application/json'): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const req = https.get(
			{
				host: ep.url.hostname,
				port: ep.url.port,
				path: pathAndQuery,
				ca: ep.ca,
				headers: {Authorization: `Bearer ${ep.token}`, Accept: accept},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${pathAndQuery}: ${res.statusCode ?? 0}`)),
				);
			},
		);
		req.on('error', reject);
	});
}

/** Lists every pod the way client-go's pager does (limit=500 pages); returns the list's resourceVersion. */
async function pagedList(ep: Endpoint): Promise<{items: number; resourceVersion: string}> {
	let items = 0;
	let next = '';
	let resourceVersion: string;
	do {
		const page = JSON.parse((await get(ep, `/api/v1/pods?limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`)).toString()) as {
			items: unknown[];
			metadata: {continue?: string; resourceVersion: string};
		};
		items += page.items.length;
		next = page.metadata.continue ?? '';
		resourceVersion = page.metadata.resourceVersion;
	} while (next);
	return {items, resourceVersion};
}

/** Counts watch events arriving over `seconds` from `resourceVersion`. */
function watchRate(ep: Endpoint, resourceVersion: string, seconds: number): Promise<number> {
	return new Promise((resolve, reject) => {
		let events = 0;
		let partial = '';
		const req = https.get(
			{
				host: ep.url.hostname,
				port: ep.url.port,
				path: `/api/v1/pods?watch=1&resourceVersion=${resourceVersion}&allowWatchBookmarks=true`,
				ca: ep.ca,
				headers: {Authorization: `Bearer ${ep.token}`},
			},
			(res) => {
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					const lines = (partial + chunk).split('\n');
					partial = lines.pop() ?? '';
					for (const line of lines)
						if (line.startsWith('{"type":"MODIFIED"') || line.startsWith('{"type":"ADDED"') || line.startsWith('{"type":"DELETED"'))
							events++;
				});
			},
		);
		req.on('error', reject);
		setTimeout(() => {
			req.destroy();
			resolve(events / seconds);
		}, seconds * 1000);
	});
}

/** Starts the sim as a user would and measures it. */
export async function simBench(node: string, bin: string, pods: number, churn: number) {
	const kubeconfig = path.join(os.tmpdir(), `kview-bench-sim-${process.pid}.kubeconfig`);
	const t0 = performance.now();
	const child = spawn(
		node,
		[bin, 'sim', '--scenario', 'empty', '--pods', String(pods), '--churn', String(churn), '--kubeconfig-out', kubeconfig],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	await new Promise<void>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (c: Buffer) => {
			out += c.toString();
			if (out.includes('kubeconfig:')) resolve();
		});
		child.on('exit', (code) => reject(new Error(`kview sim exited ${code ?? 0} before serving`)));
	});
	const readyMs = performance.now() - t0;
	const pid = child.pid ?? 0;
	try {
		const ep = endpoint(kubeconfig);
		let t = performance.now();
		const whole = (await get(ep, '/api/v1/pods')).length;
		const fullListMs = performance.now() - t;
		t = performance.now();
		const paged = await pagedList(ep);
		const pagedListMs = performance.now() - t;
		t = performance.now();
		await get(ep, '/api/v1/pods?limit=500', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
		const tablePageMs = performance.now() - t;
		const cpu0 = cpuSeconds(pid);
		const w0 = performance.now();
		const rate = await watchRate(ep, paged.resourceVersion, 5);
		const cpu = (cpuSeconds(pid) - cpu0) / ((performance.now() - w0) / 1000);
		return {
			pods,
			churn,
			readyMs: round(readyMs),
			fullListMs: round(fullListMs),
			fullListMb: round(whole / 1024 / 1024),
			pagedListMs: round(pagedListMs),
			pagedItems: paged.items,
			tablePage500Ms: round(tablePageMs),
			watchEventsPerSecond: round(rate),
			simCpuCoresWhileWatched: round(cpu, 2),
			simRssMb: rssMb(pid),
		};
	} finally {
		child.kill('SIGTERM');
	}
}

/**
 * kview itself on a big, busy cluster: `kview --kubeconfig` against a separate
 * `kview sim --pods N --churn R`, in a pty. First table is when the header
 * counts every pod; CPU and RSS are kview's alone while the churn flows.
 */
export async function kubeTableBench(node: string, bin: string, pods: number, churn: number, env: NodeJS.ProcessEnv) {
	const kubeconfig = path.join(os.tmpdir(), `kview-bench-kube-${process.pid}.kubeconfig`);
	const sim = spawn(
		node,
		[bin, 'sim', '--scenario', 'empty', '--pods', String(pods), '--churn', String(churn), '--kubeconfig-out', kubeconfig],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	await new Promise<void>((resolve, reject) => {
		let out = '';
		sim.stdout.on('data', (c: Buffer) => {
			out += c.toString();
			if (out.includes('kubeconfig:')) resolve();
		});
		sim.on('exit', (code) => reject(new Error(`kview sim exited ${code ?? 0} before serving`)));
	});
	const {startPty} = await import('./pty.js');
	try {
		const t0 = performance.now();
		// -A: the load pods live in load-* namespaces, and kview starts in the context's namespace as kubectl does.
		const run = startPty(node, [bin, '--kubeconfig', kubeconfig, '-A'], 120, 40, env);
		// Incremental rendering rewrites only the changed part of the header line: the count and state.
		await run.waitForText(new RegExp(`\\b${pods} │ ● live`), 120_000);
		const firstTableMs = performance.now() - t0;
		await new Promise((r) => setTimeout(r, 2000));
		const pid = run.pty.pid;
		const cpu0 = cpuSeconds(pid);
		const bytes0 = run.bytes();
		const w0 = performance.now();
		await new Promise((r) => setTimeout(r, 5000));
		const seconds = (performance.now() - w0) / 1000;
		const result = {
			pods,
			churn,
			firstTableMs: round(firstTableMs),
			kviewCpuCores: round((cpuSeconds(pid) - cpu0) / seconds, 2),
			kviewRssMb: rssMb(pid),
			bytesPerSecond: Math.round((run.bytes() - bytes0) / seconds),
		};
		run.kill();
		return result;
	} finally {
		sim.kill('SIGTERM');
	}
}
