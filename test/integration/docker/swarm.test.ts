import {describe, expect, it} from 'vitest';
import type {Scope} from '../../../src/sources/types.js';
import {dockerdUnavailable, TEST_IMAGE, useQuickEngine} from '../../helpers/dockerd.js';
import {feedRecorder, until} from '../../helpers/feedRecorder.js';

// Swarm services, tasks and nodes on a private one-node swarm: said plainly while the
// engine is no swarm manager, then live through scaling and removal.

const why = dockerdUnavailable();

describe.skipIf(why !== undefined)(`Swarm views against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	const engine = useQuickEngine();
	const follow = (kind: string, scope: Scope = {}) => {
		const rec = feedRecorder();
		engine.subscriptions.push(engine.source.watch(kind, scope, rec.sink));
		return rec;
	};
	const docker = (o: unknown) => (o as {docker?: Record<string, unknown>} | undefined)?.docker ?? {};

	it('says swarm is not active, while the other views work', async () => {
		const services = follow('swarmservices');
		const containers = follow('containers');
		await until(
			'the refusal',
			() => services.states.at(-1)?.phase === 'failed',
			() => services.states,
		);
		const state = services.states.at(-1);
		expect(state?.phase === 'failed' && state.reason).toMatch(/^swarm is not active on this engine \(This node is not a swarm manager/);
		await until(
			'containers live',
			() => containers.states.at(-1)?.phase === 'live',
			() => containers.states,
		);
		for (const s of engine.subscriptions.splice(0)) s.stop();
	});

	it('follows services, tasks and nodes of an active swarm through scaling and removal', async () => {
		engine.d.docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
		const services = follow('swarmservices');
		const nodes = follow('swarmnodes');
		await until(
			'live',
			() => services.states.at(-1)?.phase === 'live' && nodes.states.at(-1)?.phase === 'live',
			() => services.states,
		);
		const [node] = [...nodes.view.values()];
		expect(docker(node)).toMatchObject({status: 'ready', availability: 'active', manager: 'Leader', role: 'manager'});

		const id = engine.d.docker('service', 'create', '--detach', '--name', 'websvc', '--replicas', '2', TEST_IMAGE, '/bin/sleep', '600');
		await until(
			'2/2',
			() => docker(services.view.get(id))['running'] === 2,
			() => services.view.get(id),
			30_000,
		);
		expect(docker(services.view.get(id))).toMatchObject({mode: 'replicated', total: 2, image: TEST_IMAGE});

		const tasks = follow('swarmtasks', {fieldSelector: {'docker.serviceId': id}});
		await until(
			'two tasks',
			() => tasks.view.size === 2,
			() => [...tasks.view.values()],
		);
		expect([...tasks.view.values()].map((t) => (t['metadata'] as {name: string}).name).sort()).toEqual(['websvc.1', 'websvc.2']);
		expect(docker([...tasks.view.values()][0])).toMatchObject({state: 'running', desiredState: 'running'});

		engine.d.docker('service', 'scale', '--detach', 'websvc=3');
		// Within the settle relist, well before the slow poll.
		await until(
			'3/3',
			() => docker(services.view.get(id))['running'] === 3,
			() => services.view.get(id),
			8000,
		);
		await until(
			'the node to count three tasks',
			() => docker([...nodes.view.values()][0])['tasks'] === 3,
			() => [...nodes.view.values()],
		);

		engine.d.docker('service', 'rm', id);
		await until('the service gone', () => !services.view.has(id));
	}, 90_000);
});
