import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DockerClient} from '../../../src/sources/docker/client.js';
import {DockerSource} from '../../../src/sources/docker/dockerSource.js';
import type {ActionRequest} from '../../../src/sources/types.js';
import {dockerdUnavailable, startDockerd, TEST_IMAGE, type TestDockerd} from '../../helpers/dockerd.js';

// Each Docker action against a real dockerd, checked with the docker CLI.

const why = dockerdUnavailable();

describe.skipIf(why !== undefined)(`Docker actions against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let source: DockerSource;
	const state = (name: string) => d.docker('inspect', '-f', '{{.State.Status}}', name);
	const act = (request: ActionRequest) => source.act(request);
	const run = (name: string, ...extra: string[]) =>
		d.docker('run', '-d', '--network', 'none', '--name', name, ...extra, TEST_IMAGE, '/bin/sleep', '600');

	beforeAll(async () => {
		d = await startDockerd();
		source = new DockerSource(new DockerClient({kind: 'unix', path: d.socket}, `unix://${d.socket}`), 'test');
	}, 120_000);
	afterAll(async () => {
		await d?.close();
	}, 30_000);

	it('stops, starts, pauses, unpauses, restarts and kills a container, saying plainly when there is nothing to do', async () => {
		// sleep ignores SIGTERM as PID 1, so a stop waits the container's stop timeout before it kills.
		const id = run('cycle', '--stop-timeout', '1');
		const c = {kind: 'containers', key: id};
		expect(await act({action: 'stop', ...c})).toMatch(/^stopped /);
		expect(state('cycle')).toBe('exited');
		expect(await act({action: 'stop', ...c})).toMatch(/was not running$/);
		expect(await act({action: 'start', ...c})).toMatch(/^started /);
		expect(state('cycle')).toBe('running');
		expect(await act({action: 'start', ...c})).toMatch(/is already running$/);
		expect(await act({action: 'pause', ...c})).toMatch(/^paused /);
		expect(state('cycle')).toBe('paused');
		expect(await act({action: 'unpause', ...c})).toMatch(/^unpaused /);
		expect(state('cycle')).toBe('running');
		const started = d.docker('inspect', '-f', '{{.State.StartedAt}}', 'cycle');
		expect(await act({action: 'restart', ...c})).toMatch(/^restarted /);
		expect(d.docker('inspect', '-f', '{{.State.StartedAt}}', 'cycle')).not.toBe(started);
		expect(await act({action: 'kill', ...c})).toMatch(/^killed /);
		expect(d.docker('inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'cycle')).toBe('exited 137');
	}, 60_000);

	it('renames a container, and refuses a name in use with the engine reason', async () => {
		const id = run('old-name');
		run('taken');
		expect(await act({action: 'rename', kind: 'containers', key: id, name: 'new-name'})).toBe('renamed old-name to new-name');
		expect(d.docker('inspect', '-f', '{{.Name}}', id)).toBe('/new-name');
		await expect(act({action: 'rename', kind: 'containers', key: id, name: 'taken'})).rejects.toThrow(/already in use/);
	});

	it('removes a running container (killed first), with its anonymous volumes when asked', async () => {
		const plain = run('goner');
		await act({action: 'delete', kind: 'containers', key: plain});
		expect(d.docker('ps', '-aq', '--filter', 'name=goner')).toBe('');

		const withVolume = run('with-volume', '-v', '/scratch');
		const volume = d.docker('inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', withVolume);
		expect(d.docker('volume', 'ls', '-q')).toContain(volume);
		expect(await act({action: 'delete', kind: 'containers', key: withVolume, removeVolumes: true})).toBe(
			'removed container with-volume and its anonymous volumes',
		);
		expect(d.docker('volume', 'ls', '-q')).not.toContain(volume);
	});

	it('removes images (untag first; a used image needs force), volumes and networks, with the engine reason on refusal', async () => {
		d.docker('tag', TEST_IMAGE, 'kview-busybox:extra');
		expect(await act({action: 'delete', kind: 'images', key: 'kview-busybox:extra'})).toBe('untagged kview-busybox:extra');

		d.docker('volume', 'create', 'busy-volume');
		const user = run('volume-user', '-v', 'busy-volume:/data');
		await expect(act({action: 'delete', kind: 'volumes', key: 'busy-volume'})).rejects.toThrow(/in use/);
		d.docker('rm', '-f', user);
		expect(await act({action: 'delete', kind: 'volumes', key: 'busy-volume'})).toBe('removed volume busy-volume');

		const network = d.docker('network', 'create', 'doomed');
		expect(await act({action: 'delete', kind: 'networks', key: network})).toMatch(/^removed network /);
		expect(d.docker('network', 'ls', '-q', '--filter', 'name=doomed')).toBe('');

		await expect(act({action: 'delete', kind: 'images', key: 'no-such-image:latest'})).rejects.toThrow(/No such image/i);
	});

	it('prunes stopped containers, unused volumes and networks, and dangling images', async () => {
		const keep = run('keeper');
		const stopped = run('stopped');
		d.docker('kill', stopped);
		expect(await act({action: 'prune', kind: 'containers', key: ''})).toMatch(/^removed \d+ stopped containers/);
		expect(d.docker('ps', '-aq', '--no-trunc')).toContain(keep);
		expect(d.docker('ps', '-aq', '--no-trunc')).not.toContain(stopped);

		d.docker('volume', 'create', 'unused');
		expect(await act({action: 'prune', kind: 'volumes', key: ''})).toMatch(/^removed [1-9]\d* unused volumes/);
		expect(d.docker('volume', 'ls', '-q')).not.toContain('unused');

		d.docker('network', 'create', 'idle');
		expect(await act({action: 'prune', kind: 'networks', key: ''})).toMatch(/^removed [1-9]\d* unused networks/);

		expect(await act({action: 'prune', kind: 'images', key: ''})).toMatch(/^removed \d+ dangling images/);
		// The image in use stays.
		expect(d.docker('images', '-q', TEST_IMAGE)).not.toBe('');
	}, 60_000);

	it('refuses what a Docker engine does not do', async () => {
		await expect(act({action: 'scale', kind: 'containers', key: 'x', replicas: 2})).rejects.toThrow(/not something a Docker engine does/);
		await expect(act({action: 'start', kind: 'images', key: TEST_IMAGE})).rejects.toThrow(/for containers/);
	});
});
