import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DockerSource} from '../../../src/sources/docker/dockerSource.js';
import type {ResourceObject, Scope, Subscription} from '../../../src/sources/types.js';
import {feedRecorder, until} from '../../helpers/feedRecorder.js';
import {dockerdUnavailable, quickSource, runComposeContainer, startDockerd, TEST_IMAGE, type TestDockerd} from '../../helpers/dockerd.js';

// Every Docker kind against a real dockerd: images, volumes, networks and compose
// projects/services follow the engine's events; drill-down scopes select as the views
// expect; stats stream for the containers a view shows.

const why = dockerdUnavailable();

type Docker = Record<string, unknown>;
const dockerOf = (o: ResourceObject | undefined) => (o?.['docker'] ?? {}) as Docker;
const names = (view: Map<string, ResourceObject>) => [...view.values()].map((o) => (o['metadata'] as {name: string}).name).sort();

describe.skipIf(why !== undefined)(`Docker kinds against a real dockerd${why ? ` (skipped: ${why})` : ''}`, () => {
	let d: TestDockerd;
	let source: DockerSource;
	const subscriptions: Subscription[] = [];

	const follow = async (kind: string, scope: Scope = {}) => {
		const rec = feedRecorder();
		subscriptions.push(source.watch(kind, scope, rec.sink));
		await until(
			`${kind} live`,
			() => rec.states.at(-1)?.phase === 'live',
			() => rec.states,
		);
		return rec;
	};

	beforeAll(async () => {
		d = await startDockerd();
		source = quickSource(d);
		d.docker('network', 'create', 'shop_default');
		d.docker('volume', 'create', '--label', 'com.docker.compose.project=shop', 'shop_data');
		for (const service of ['web', 'api']) runComposeContainer(d, 'shop', service, 'shop_default', '-v', 'shop_data:/data');
		// Named like a compose container, but without the labels: not part of any project.
		d.docker('run', '-d', '--network', 'none', '--name', 'shop_fake_1', TEST_IMAGE, '/bin/sleep', '600');
	}, 120_000);
	afterAll(async () => {
		for (const s of subscriptions) s.stop();
		await d?.close();
	}, 30_000);

	it('groups compose projects and services by their labels only', async () => {
		const projects = await follow('composeprojects');
		expect(names(projects.view)).toEqual(['shop']);
		expect(dockerOf(projects.view.get('shop'))).toMatchObject({services: 2, running: 2, total: 2, states: 'running(2)'});
		const services = await follow('composeservices', {namespace: 'shop'});
		expect([...services.view.keys()].sort()).toEqual(['shop/api', 'shop/web']);
		// A service's containers, as its drill-down asks for them.
		const web = await follow('containers', {namespace: 'shop', fieldSelector: {'docker.service': 'web'}});
		expect(names(web.view)).toEqual(['shop-web-1']);

		d.docker('stop', '-t', '0', 'shop-api-1');
		await until(
			'the project to count one running',
			() => dockerOf(projects.view.get('shop'))['running'] === 1,
			() => projects.view.get('shop'),
		);
		expect(dockerOf(projects.view.get('shop'))['states']).toBe('exited(1), running(1)');
		d.docker('start', 'shop-api-1');
		await until('both running again', () => dockerOf(projects.view.get('shop'))['running'] === 2);
	});

	it('follows volumes and who uses them; a volume drill-down selects its containers', async () => {
		const volumes = await follow('volumes');
		expect(dockerOf(volumes.view.get('shop_data'))).toMatchObject({containers: 2, project: 'shop', driver: 'local'});
		expect((dockerOf(volumes.view.get('shop_data'))['usedBy'] as string[]).sort()).toEqual(['shop-api-1', 'shop-web-1']);
		const users = await follow('containers', {fieldSelector: {'docker.volumes': 'shop_data'}});
		expect(names(users.view)).toEqual(['shop-api-1', 'shop-web-1']);

		d.docker('volume', 'create', 'scratch');
		await until(
			'the new volume',
			() => volumes.view.has('scratch'),
			() => [...volumes.view.keys()],
		);
		expect(dockerOf(volumes.view.get('scratch'))['containers']).toBe(0);
		d.docker('volume', 'rm', 'scratch');
		await until('it to go', () => !volumes.view.has('scratch'));
	});

	it('follows networks; a network drill-down selects the containers on it', async () => {
		const networks = await follow('networks');
		const shop = [...networks.view.values()].find((o) => (o['metadata'] as {name: string}).name === 'shop_default');
		expect(dockerOf(shop)).toMatchObject({containers: 2, driver: 'bridge'});
		const on = await follow('containers', {fieldSelector: {'docker.networks': 'shop_default'}});
		expect(names(on.view)).toEqual(['shop-api-1', 'shop-web-1']);

		const id = d.docker('network', 'create', 'extra');
		await until(
			'the new network',
			() => networks.view.has(id),
			() => [...networks.view.keys()],
		);
		d.docker('network', 'rm', 'extra');
		await until('it to go', () => !networks.view.has(id));
	});

	it('lists images per tag with the containers using them; a new tag appears, an untag goes', async () => {
		const images = await follow('images');
		const image = images.view.get(TEST_IMAGE);
		expect(dockerOf(image)).toMatchObject({tag: 'test', dangling: false, containers: 3});
		const users = await follow('containers', {fieldSelector: {'docker.imageId': String(dockerOf(image)['id'])}});
		expect(users.view.size).toBe(3);

		d.docker('tag', TEST_IMAGE, 'kview-busybox:second');
		await until(
			'the second tag',
			() => images.view.has('kview-busybox:second'),
			() => [...images.view.keys()],
		);
		d.docker('rmi', 'kview-busybox:second');
		await until('the tag to go', () => !images.view.has('kview-busybox:second'));
		expect(images.view.has(TEST_IMAGE)).toBe(true);
	});

	it('shows a pause at once (the engine logs the event before lists see it)', async () => {
		const containers = await follow('containers');
		const id = d.docker('inspect', '-f', '{{.Id}}', 'shop-web-1');
		for (let i = 0; i < 3; i++) {
			d.docker('pause', 'shop-web-1');
			await until(
				'paused',
				() => dockerOf(containers.view.get(id))['state'] === 'paused',
				() => containers.view.get(id),
				3000,
			);
			d.docker('unpause', 'shop-web-1');
			await until(
				'running',
				() => dockerOf(containers.view.get(id))['state'] === 'running',
				() => containers.view.get(id),
				3000,
			);
		}
	});

	it('streams stats only for the running containers a view shows', async () => {
		const containers = await follow('containers');
		const web = d.docker('inspect', '-f', '{{.Id}}', 'shop-web-1');
		const api = d.docker('inspect', '-f', '{{.Id}}', 'shop-api-1');
		const token = {};
		source.showing(token, 'containers', [web]);
		await until(
			'a memory figure for the shown container',
			() => typeof dockerOf(containers.view.get(web))['memoryBytes'] === 'number',
			() => containers.view.get(web),
		);
		await until(
			'a CPU figure from two samples',
			() => typeof dockerOf(containers.view.get(web))['cpuPercent'] === 'number',
			() => containers.view.get(web),
		);
		expect(dockerOf(containers.view.get(web))['memoryLimit']).toBeGreaterThan(0);
		expect(dockerOf(containers.view.get(api))['memoryBytes']).toBeUndefined();
		source.showing(token, 'containers', []);
		await until('the figures to go when nothing shows it', () => dockerOf(containers.view.get(web))['memoryBytes'] === undefined);
	});

	it.skipIf(spawnSync('sh', ['-c', 'command -v docker-compose']).status !== 0)(
		'sees a real docker-compose project come up, lose a service and go down',
		async () => {
			const dir = mkdtempSync(path.join(os.tmpdir(), 'kview-compose-'));
			const file = path.join(dir, 'docker-compose.yml');
			writeFileSync(
				file,
				[
					'version: "2.4"',
					'services:',
					...['web', 'worker'].flatMap((s) => [
						`  ${s}:`,
						`    image: ${TEST_IMAGE}`,
						'    command: ["/bin/sleep", "600"]',
						'    stop_grace_period: 1s',
					]),
					'',
				].join('\n'),
			);
			const compose = (...args: string[]) =>
				execFileSync('docker-compose', ['-f', file, '-p', 'demo', ...args], {
					env: {...process.env, DOCKER_HOST: `unix://${d.socket}`},
					stdio: ['ignore', 'pipe', 'pipe'],
				});
			try {
				const projects = await follow('composeprojects');
				compose('up', '-d');
				await until(
					'the project',
					() => dockerOf(projects.view.get('demo'))['running'] === 2,
					() => projects.view.get('demo'),
				);
				expect(dockerOf(projects.view.get('demo'))).toMatchObject({services: 2, total: 2, configFiles: file, workingDir: dir});
				const services = await follow('composeservices', {namespace: 'demo'});
				expect([...services.view.keys()].sort()).toEqual(['demo/web', 'demo/worker']);
				compose('stop', 'worker');
				await until('one service down', () => dockerOf(projects.view.get('demo'))['states'] === 'exited(1), running(1)');
				compose('down');
				await until(
					'the project gone',
					() => !projects.view.has('demo'),
					() => projects.view.get('demo'),
				);
			} finally {
				spawnSync('docker-compose', ['-f', file, '-p', 'demo', 'down'], {env: {...process.env, DOCKER_HOST: `unix://${d.socket}`}});
				rmSync(dir, {recursive: true, force: true});
			}
		},
		60_000,
	);

	it('inspects the whole object for YAML and reports top and history', async () => {
		const id = d.docker('inspect', '-f', '{{.Id}}', 'shop-web-1');
		const inspected = await source.fetch('containers', id);
		expect(inspected).toMatchObject({Id: id, Name: '/shop-web-1'});
		const top = await source.report('containers', id, 'top');
		expect(top[0]).toMatch(/^UID\s+PID\s+PPID/);
		expect(top.some((line) => line.includes('sleep 600'))).toBe(true);
		const history = await source.report('images', TEST_IMAGE, 'history');
		expect(history[0]).toMatch(/^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/);
		expect(history).toHaveLength(2);
		await expect(source.report('containers', 'no-such-container', 'top')).rejects.toThrow(/no such container/i);
	});
});
