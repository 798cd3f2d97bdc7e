import {mkdirSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {upgradeExec, upgradePortForward} from './exec/index.js';
import {simKubeconfig} from './kubeconfig.js';
import {ObjectStore} from './objectStore.js';
import {SimServer, type Faults, type WorldHooks} from './server.js';
import {generateCertificates} from './tls.js';
import {World} from './world/index.js';
import {applyManifests, demoScenario, loadScenario, manifestsFromFile} from './world/scenario.js';

export {SIM_CONTEXT, SIM_RESTRICTED_CONTEXT} from './kubeconfig.js';

/** How to start the simulated cluster. */
export type SimOptions = {
	/** Port on 127.0.0.1; 0 picks a free one. */
	readonly port?: number;
	/** `demo` (the default), `empty`, or a path to a file of manifests. */
	readonly scenario?: string;
	/** Extra pods in load-N namespaces. */
	readonly pods?: number;
	/** Pod updates a second. */
	readonly churn?: number;
	/** Where to write the kubeconfig; default ~/.kube/kview-sim.yaml is not touched unless asked: a temp file. */
	readonly kubeconfigOut?: string;
	/** Watch history length (events); small values force clients through 410 Expired. */
	readonly historyLimit?: number;
	/** Milliseconds between a container's log lines. */
	readonly logIntervalMs?: number;
	/** Fault switches. */
	readonly faults?: Partial<Faults>;
	/** Milliseconds between watch bookmarks. */
	readonly bookmarkIntervalMs?: number;
};

/** A running simulated cluster. */
export type RunningSim = {
	readonly url: string;
	readonly kubeconfigPath: string;
	readonly kubeconfig: string;
	readonly adminToken: string;
	readonly restrictedToken: string;
	readonly store: ObjectStore;
	readonly server: SimServer;
	readonly world: World;
	/** Stops the world and the server. */
	readonly close: () => Promise<void>;
};

/**
 * Starts the simulated cluster: generates a CA, fills the store from the scenario,
 * starts the world's controllers and serves HTTPS on 127.0.0.1, then writes a
 * kubeconfig for it.
 */
export async function startSim(options: SimOptions = {}): Promise<RunningSim> {
	const store = new ObjectStore(options.historyLimit ?? 10_000);
	const world = new World(store, {
		...(options.logIntervalMs !== undefined ? {logIntervalMs: options.logIntervalMs} : {}),
		...(options.churn !== undefined ? {churn: options.churn} : {}),
	});
	const scenario = options.scenario ?? 'demo';
	if (scenario === 'demo') applyManifests(store, demoScenario());
	else if (scenario !== 'empty') applyManifests(store, manifestsFromFile(scenario));
	if (options.pods && options.pods > 0) applyManifests(store, loadScenario(options.pods));

	const upgrade: WorldHooks['upgrade'] = (kind, req, socket, head, pod, container, query) => {
		if (kind === 'portforward') {
			const ports = query
				.getAll('ports')
				.flatMap((p) => p.split(','))
				.map(Number)
				.filter((p) => Number.isInteger(p) && p > 0);
			upgradePortForward(req, socket, head, pod, ports, execWorld);
			return;
		}
		const flag = (name: string) => query.get(name) === 'true' || query.get(name) === '1';
		upgradeExec(
			req,
			socket,
			head,
			{
				pod,
				container,
				command: query.getAll('command'),
				tty: flag('tty'),
				stdin: flag('stdin'),
				stdout: query.get('stdout') !== 'false',
				stderr: query.get('stderr') !== 'false',
			},
			kind,
			execWorld,
		);
	};
	const execWorld = world.execWorld();
	const server = new SimServer(store, world.hooks(upgrade));
	if (options.bookmarkIntervalMs !== undefined) server.bookmarkIntervalMs = options.bookmarkIntervalMs;
	server.faults = {dropWatchesEverySeconds: options.faults?.dropWatchesEverySeconds ?? 0, errorRate: options.faults?.errorRate ?? 0};
	const certs = await generateCertificates();
	const url = await server.listen(certs, options.port ?? 0);
	world.start();

	const kubeconfig = simKubeconfig(url, certs.caCert, server.adminToken, server.restrictedToken);
	const kubeconfigPath = options.kubeconfigOut ?? path.join(os.tmpdir(), `kview-sim-${process.pid}.kubeconfig`);
	mkdirSync(path.dirname(kubeconfigPath), {recursive: true});
	writeFileSync(kubeconfigPath, kubeconfig, {mode: 0o600});
	return {
		url,
		kubeconfigPath,
		kubeconfig,
		adminToken: server.adminToken,
		restrictedToken: server.restrictedToken,
		store,
		server,
		world,
		close: async () => {
			world.stop();
			await server.close();
		},
	};
}
