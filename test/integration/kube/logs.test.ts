import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {SIM_CONTEXT} from '../../../src/sim/index.js';
import {KubeSource} from '../../../src/sources/kube/kubeSource.js';
import type {LogRequest, LogState} from '../../../src/sources/types.js';
import {clientFor, FAST, kubeconfigAt, startTestSim, tcpProxy, waitFor, type TestSim} from './harness.js';

// Pod logs from the simulated cluster (it writes a line per pod container every 100 ms
// here): tail then follow, a connection cut in the middle with nothing lost or repeated,
// a pod deleted under the stream, a kind with no log.

let t: TestSim;
let proxy: Awaited<ReturnType<typeof tcpProxy>>;
let source: KubeSource;

beforeAll(async () => {
	t = await startTestSim({logIntervalMs: 100});
	proxy = await tcpProxy(t.sim.url);
	proxy.up = true;
	source = new KubeSource(clientFor(kubeconfigAt(t, proxy.url, 'via-proxy.yaml'), SIM_CONTEXT), SIM_CONTEXT, ['pods'], FAST);
}, 60_000);
afterAll(async () => {
	source?.close();
	await proxy?.close();
	await t?.close();
});

type Obj = {metadata: {name: string; namespace?: string}; status?: {phase?: string}};

function runningPod(): Obj | undefined {
	const def = t.sim.server.resources().find((d) => d.resource === 'pods');
	if (!def) throw new Error('no pods');
	return (t.sim.server.store.list(def, 'shop') as Obj[]).find(
		(p) => p.status?.phase === 'Running' && p.metadata.name.startsWith('frontend'),
	);
}

function follow(request: Omit<LogRequest, 'kind'> & {kind?: string}) {
	const lines: {text: string; time: number | undefined}[] = [];
	const states: LogState[] = [];
	const subscription = source.logs(
		{kind: 'pods', ...request},
		{line: (text, time) => lines.push({text, time}), state: (s) => states.push(s)},
	);
	return {lines, states, stop: () => subscription.stop()};
}

describe('pod logs from the sim', () => {
	it('tails, follows, and goes on after the connection is cut, nothing lost or twice', async () => {
		await waitFor(
			'a running frontend pod',
			() => runningPod() !== undefined,
			() => '',
			30_000,
		);
		const pod = runningPod() as Obj;
		const log = follow({key: `shop/${pod.metadata.name}`, tailLines: 3, follow: true});
		try {
			await waitFor(
				'following',
				() => log.states.at(-1)?.phase === 'following' && log.lines.length >= 6,
				() => log.states,
				10_000,
			);
			proxy.cut();
			await waitFor(
				'a retry',
				() => log.states.some((s) => s.phase === 'retrying'),
				() => log.states,
				10_000,
			);
			const before = log.lines.length;
			await waitFor(
				'more lines after the cut',
				() => log.lines.length >= before + 10,
				() => log.lines.length,
				15_000,
			);
			const texts = log.lines.map((l) => l.text);
			expect(new Set(texts).size).toBe(texts.length);
			const times = log.lines.map((l) => l.time ?? 0);
			expect(times).toEqual([...times].sort((a, b) => a - b));
			// Nothing lost: the sim writes a line every 100 ms, so no gap is much longer than that.
			const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
			expect(Math.max(...gaps)).toBeLessThan(1000);
		} finally {
			log.stop();
		}
	}, 40_000);

	it('says the pod is gone when it is deleted under the stream', async () => {
		const pod = runningPod() as Obj;
		const log = follow({key: `shop/${pod.metadata.name}`, tailLines: 1, follow: true});
		try {
			await waitFor(
				'following',
				() => log.states.at(-1)?.phase === 'following',
				() => log.states,
				10_000,
			);
			const def = t.sim.server.resources().find((d) => d.resource === 'pods');
			if (!def) throw new Error('no pods');
			t.sim.server.store.remove(def, 'shop', pod.metadata.name);
			await waitFor(
				'failed',
				() => log.states.at(-1)?.phase === 'failed',
				() => log.states,
				20_000,
			);
			expect(log.states.at(-1)).toMatchObject({reason: expect.stringMatching(/not found/)});
		} finally {
			log.stop();
		}
	}, 30_000);

	it('refuses a kind with no log of its own', () => {
		const log = follow({kind: 'deployments', key: 'shop/frontend', follow: false});
		expect(log.states).toEqual([{phase: 'failed', reason: 'deployments have no log of their own; open one of their pods'}]);
	});
});
