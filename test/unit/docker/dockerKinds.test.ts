import {describe, expect, it} from 'vitest';
import type {ListedContainer, ListedImage, ListedNetwork, ListedPort, ListedVolume} from '../../../src/sources/docker/api.js';
import type {KnownContainer} from '../../../src/sources/docker/containerState.js';
import {DOCKER_KINDS, containerRow, portsText} from '../../../src/sources/docker/dockerKinds.js';
import type {MirrorSnapshot} from '../../../src/sources/docker/mirror.js';
import type {ContainerStats} from '../../../src/sources/docker/stats.js';
import type {ResourceObject} from '../../../src/sources/types.js';

// The Docker kinds as rows, from a snapshot of what the engine listed.

const LISTED = Date.UTC(2024, 4, 1, 12, 0, 0);

function snapshot(parts: {
	containers?: readonly KnownContainer[];
	images?: readonly ListedImage[];
	volumes?: readonly ListedVolume[];
	networks?: readonly ListedNetwork[];
	stats?: Readonly<Record<string, ContainerStats>>;
}): MirrorSnapshot {
	const containers = parts.containers ?? [];
	return {
		containers: new Map(containers.map((c) => [c.Id, c])),
		images: new Map((parts.images ?? []).map((i) => [i.Id, i])),
		volumes: new Map((parts.volumes ?? []).map((v) => [v.Name, v])),
		networks: new Map((parts.networks ?? []).map((n) => [n.Id, n])),
		services: new Map(),
		tasks: new Map(),
		nodes: new Map(),
		stats: new Map(Object.entries(parts.stats ?? {})),
		listedAt: new Map(containers.map((c) => [c.Id, LISTED])),
	};
}

const rows = (kind: string, snap: MirrorSnapshot) => {
	const make = DOCKER_KINDS[kind];
	if (!make) throw new Error(`no kind ${kind}`);
	return make.rows(snap);
};

const docker = (row: ResourceObject | undefined) => (row?.['docker'] ?? {}) as Record<string, unknown>;
const metadata = (row: ResourceObject | undefined) => (row?.['metadata'] ?? {}) as Record<string, unknown>;

let serial = 0;
function container(name: string, extra: Partial<ListedContainer> = {}): ListedContainer {
	serial++;
	return {
		Id: `${String(serial).padStart(4, '0')}${name.replace(/[^a-z0-9]/g, '')}`.padEnd(64, '0'),
		Names: [`/${name}`],
		Image: 'nginx:1.27',
		ImageID: 'sha256:img-nginx',
		Command: 'nginx -g daemon off;',
		Created: 1_714_550_000,
		State: 'running',
		Status: 'Up 5 minutes',
		Ports: [],
		Labels: {},
		NetworkSettings: {Networks: {}},
		Mounts: [],
		...extra,
	};
}

const compose = (project: string, service: string, podman = false): Record<string, string> =>
	podman
		? {'io.podman.compose.project': project, 'io.podman.compose.service': service}
		: {'com.docker.compose.project': project, 'com.docker.compose.service': service};

describe('portsText', () => {
	it.each<[string, ListedPort[], string]>([
		['nothing', [], ''],
		['an exposed port', [{PrivatePort: 443, Type: 'tcp'}], '443/tcp'],
		['a published port', [{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'}], '0.0.0.0:8080->80/tcp'],
		[
			'published and exposed',
			[
				{PrivatePort: 443, Type: 'tcp'},
				{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
			],
			'0.0.0.0:8080->80/tcp, 443/tcp',
		],
		['an IPv6 host in brackets', [{IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'}], '[::]:8080->80/tcp'],
		['a full IPv6 host in brackets', [{IP: 'fe80::1', PrivatePort: 53, PublicPort: 53, Type: 'udp'}], '[fe80::1]:53->53/udp'],
		['udp', [{PrivatePort: 53, Type: 'udp'}], '53/udp'],
		['tcp when the type is missing', [{PrivatePort: 22}], '22/tcp'],
		[
			'duplicates once',
			[
				{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
				{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
				{PrivatePort: 443, Type: 'tcp'},
				{PrivatePort: 443, Type: 'tcp'},
			],
			'0.0.0.0:8080->80/tcp, 443/tcp',
		],
		[
			'by private port',
			[
				{PrivatePort: 9000, Type: 'tcp'},
				{IP: '127.0.0.1', PrivatePort: 5432, PublicPort: 15432, Type: 'tcp'},
				{PrivatePort: 22, Type: 'tcp'},
			],
			'22/tcp, 127.0.0.1:15432->5432/tcp, 9000/tcp',
		],
	])('%s', (_, ports, text) => {
		expect(portsText(ports)).toBe(text);
	});

	it('is empty for no ports at all', () => {
		expect(portsText(undefined)).toBe('');
	});

	it('lists the IPv4 binding of a port before the IPv6 one, as docker ps does', () => {
		expect(
			portsText([
				{IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
				{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
			]),
		).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
	});
});

describe('containerRow', () => {
	const web = container('shop-web-1', {
		Labels: {...compose('shop', 'web'), tier: 'front'},
		Status: 'Up 2 hours (healthy)',
		Ports: [
			{PrivatePort: 443, Type: 'tcp'},
			{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
		],
		NetworkSettings: {Networks: {shop_default: {NetworkID: 'net-shop'}, bridge: {NetworkID: 'net-bridge'}}},
		Mounts: [
			{Type: 'volume', Name: 'shop_data', Source: '/var/lib/docker/volumes/shop_data/_data', Destination: '/data'},
			{Type: 'bind', Source: '/home/ada/conf', Destination: '/etc/nginx/conf.d'},
			{Type: 'tmpfs', Destination: '/tmp'},
		],
	});

	it('has Kubernetes-like metadata', () => {
		const row = containerRow(web, LISTED, undefined);
		expect(metadata(row)).toEqual({
			name: 'shop-web-1',
			uid: web.Id,
			namespace: 'shop',
			creationTimestamp: new Date(1_714_550_000 * 1000).toISOString(),
			labels: {...compose('shop', 'web'), tier: 'front'},
		});
	});

	it("has the engine's fields under docker", () => {
		const d = docker(containerRow(web, LISTED, undefined));
		expect(d).toMatchObject({
			id: web.Id,
			shortId: web.Id.slice(0, 12),
			image: 'nginx:1.27',
			imageId: 'sha256:img-nginx',
			command: 'nginx -g daemon off;',
			state: 'running',
			status: 'Up 2 hours (healthy)',
			since: LISTED - 7_200_000,
			health: 'healthy',
			ports: '0.0.0.0:8080->80/tcp, 443/tcp',
			networks: ['shop_default', 'bridge'],
			volumes: ['shop_data'],
			project: 'shop',
			service: 'web',
		});
		expect(d['mounts']).toHaveLength(3);
	});

	it('takes the project and service from Podman compose labels too', () => {
		const row = containerRow(container('p1', {Labels: compose('blog', 'db', true)}), LISTED, undefined);
		expect(metadata(row)['namespace']).toBe('blog');
		expect(docker(row)).toMatchObject({project: 'blog', service: 'db'});
	});

	it('has no namespace, project or service without compose labels, whatever its name', () => {
		const row = containerRow(container('shop_web_1'), LISTED, undefined);
		expect(metadata(row)).not.toHaveProperty('namespace');
		expect(docker(row)).not.toHaveProperty('project');
		expect(docker(row)).not.toHaveProperty('service');
	});

	it('strips only the leading slash of the name', () => {
		expect(metadata(containerRow(container('a/b'), LISTED, undefined))['name']).toBe('a/b');
	});

	it('has no stats fields without stats', () => {
		const d = docker(containerRow(container('plain'), LISTED, undefined));
		expect(d).not.toHaveProperty('cpuPercent');
		expect(d).not.toHaveProperty('memoryBytes');
		expect(d).not.toHaveProperty('memoryLimit');
	});

	it('has the stats fields with stats', () => {
		const d = docker(containerRow(container('busy'), LISTED, {cpuPercent: 12.5, memoryBytes: 1000, memoryLimit: 4000}));
		expect(d).toMatchObject({cpuPercent: 12.5, memoryBytes: 1000, memoryLimit: 4000});
	});

	it('has cpuPercent null while the CPU is not known yet', () => {
		const d = docker(containerRow(container('fresh'), LISTED, {cpuPercent: undefined, memoryBytes: 10, memoryLimit: 20}));
		expect(d['cpuPercent']).toBeNull();
		expect(d['memoryBytes']).toBe(10);
	});

	it("takes an inspect's exact state over the status words", () => {
		const c: KnownContainer = {...container('exact', {Status: 'Up 5 minutes'}), kview: {since: 42, health: 'starting'}};
		const d = docker(containerRow(c, LISTED, undefined));
		expect(d['since']).toBe(42);
		expect(d['health']).toBe('starting');
	});

	it('reads an exit code from the status words', () => {
		const d = docker(containerRow(container('done', {State: 'exited', Status: 'Exited (3) 2 hours ago'}), LISTED, undefined));
		expect(d).toMatchObject({state: 'exited', exitCode: 3, since: LISTED - 7_200_000});
	});

	it('returns the same row for the same inputs, and a new one when they change', () => {
		const c = container('cached');
		const stats: ContainerStats = {cpuPercent: 1, memoryBytes: 2, memoryLimit: 3};
		const first = containerRow(c, LISTED, stats);
		expect(containerRow(c, LISTED, stats)).toBe(first);
		const newStats = containerRow(c, LISTED, {cpuPercent: 5, memoryBytes: 2, memoryLimit: 3});
		expect(newStats).not.toBe(first);
		expect(docker(newStats)['cpuPercent']).toBe(5);
		const relisted = containerRow(c, LISTED + 60_000, {cpuPercent: 5, memoryBytes: 2, memoryLimit: 3});
		expect(relisted).not.toBe(newStats);
		expect(docker(relisted)['since']).toBe(LISTED + 60_000 - 5 * 60_000);
		const noStats = containerRow(c, LISTED + 60_000, undefined);
		expect(docker(noStats)).not.toHaveProperty('cpuPercent');
	});

	it('makes a new row for a new list entry even with the same fields', () => {
		const c = container('twice');
		expect(containerRow({...c}, LISTED, undefined)).not.toBe(containerRow({...c}, LISTED, undefined));
	});
});

describe('DOCKER_KINDS.containers', () => {
	it('keys rows by container id, with stats of the containers that have them', () => {
		const a = container('a');
		const b = container('b');
		const got = rows('containers', snapshot({containers: [a, b], stats: {[a.Id]: {cpuPercent: 3, memoryBytes: 1, memoryLimit: 2}}}));
		expect([...got.keys()]).toEqual([a.Id, b.Id]);
		expect(docker(got.get(a.Id))['cpuPercent']).toBe(3);
		expect(docker(got.get(b.Id))).not.toHaveProperty('cpuPercent');
		expect(docker(got.get(a.Id))['since']).toBe(LISTED - 5 * 60_000);
	});
});

describe('DOCKER_KINDS.images', () => {
	const nginx: ListedImage = {
		Id: 'sha256:img-nginx',
		RepoTags: ['nginx:1.27', 'nginx:latest', 'registry.local:5000/web/nginx:stable'],
		RepoDigests: ['nginx@sha256:abc'],
		Created: 1_700_000_000,
		Size: 188_000_000,
		Labels: {maintainer: 'NGINX'},
	};
	const untagged: ListedImage = {Id: 'sha256:0123456789abcdef0123', RepoTags: [], RepoDigests: ['redis@sha256:def'], Size: 5};
	const oldUntagged: ListedImage = {Id: 'sha256:fedcba9876543210', RepoTags: ['<none>:<none>'], RepoDigests: null, Size: 7};
	const unused: ListedImage = {Id: 'sha256:img-alpine', RepoTags: ['alpine:3.20'], Size: 7_000_000};

	const snap = snapshot({
		images: [nginx, untagged, oldUntagged, unused],
		containers: [container('one'), container('two', {State: 'exited'}), container('three', {ImageID: 'sha256:other'})],
	});
	const got = rows('images', snap);

	it('has one row per repository:tag, and one per untagged image keyed by its id', () => {
		expect([...got.keys()].sort()).toEqual(
			[
				'nginx:1.27',
				'nginx:latest',
				'registry.local:5000/web/nginx:stable',
				'sha256:0123456789abcdef0123',
				'sha256:fedcba9876543210',
				'alpine:3.20',
			].sort(),
		);
	});

	it('splits repository and tag at the last colon', () => {
		const row = got.get('registry.local:5000/web/nginx:stable');
		expect(metadata(row)['name']).toBe('registry.local:5000/web/nginx:stable');
		expect(docker(row)).toMatchObject({repository: 'registry.local:5000/web/nginx', tag: 'stable'});
	});

	it('names an untagged image <none>:<none>, with its repository from a digest when it has one', () => {
		expect(metadata(got.get(untagged.Id))['name']).toBe('<none>:<none>');
		expect(docker(got.get(untagged.Id))).toMatchObject({repository: 'redis', tag: '<none>', dangling: true});
		expect(docker(got.get(oldUntagged.Id))).toMatchObject({repository: '<none>', tag: '<none>', dangling: true, tags: []});
	});

	it('counts the containers whose ImageID is the image, running or not', () => {
		expect(docker(got.get('nginx:1.27'))['containers']).toBe(2);
		expect(docker(got.get('nginx:latest'))['containers']).toBe(2);
		expect(docker(got.get('alpine:3.20'))['containers']).toBe(0);
		expect(docker(got.get(untagged.Id))['containers']).toBe(0);
	});

	it('is dangling only without tags', () => {
		expect(docker(got.get('nginx:1.27'))['dangling']).toBe(false);
		expect(docker(got.get('alpine:3.20'))['dangling']).toBe(false);
	});

	it('carries the id, short id, size and all tags on every row of the image', () => {
		const d = docker(got.get('nginx:latest'));
		expect(d).toMatchObject({id: nginx.Id, shortId: 'img-nginx', size: 188_000_000, tags: nginx.RepoTags, digests: ['nginx@sha256:abc']});
		expect(docker(got.get(untagged.Id))['shortId']).toBe('0123456789ab');
		expect(metadata(got.get('nginx:latest'))).toMatchObject({
			uid: nginx.Id,
			creationTimestamp: new Date(1_700_000_000_000).toISOString(),
			labels: {maintainer: 'NGINX'},
		});
	});
});

describe('DOCKER_KINDS.volumes', () => {
	const volume = (name: string, labels: Record<string, string> = {}): ListedVolume => ({
		Name: name,
		Driver: 'local',
		Mountpoint: `/var/lib/docker/volumes/${name}/_data`,
		CreatedAt: '2024-04-01T00:00:00Z',
		Labels: labels,
		Scope: 'local',
	});
	const mount = (name: string) => ({Type: 'volume', Name: name, Destination: '/data'});

	it('names the containers that mount each volume', () => {
		const got = rows(
			'volumes',
			snapshot({
				volumes: [volume('shop_data', {'com.docker.compose.project': 'shop'}), volume('cache'), volume('orphan')],
				containers: [
					container('db', {Mounts: [mount('shop_data'), mount('cache')]}),
					container('backup', {State: 'exited', Mounts: [mount('shop_data')]}),
					container('binder', {Mounts: [{Type: 'bind', Name: 'orphan', Source: '/srv', Destination: '/srv'}]}),
				],
			}),
		);
		expect([...got.keys()]).toEqual(['shop_data', 'cache', 'orphan']);
		expect(docker(got.get('shop_data'))).toMatchObject({usedBy: ['db', 'backup'], containers: 2, project: 'shop', driver: 'local'});
		expect(docker(got.get('cache'))).toMatchObject({usedBy: ['db'], containers: 1});
		expect(docker(got.get('orphan'))).toMatchObject({usedBy: [], containers: 0});
		expect(docker(got.get('cache'))).not.toHaveProperty('project');
		expect(metadata(got.get('cache'))).toMatchObject({name: 'cache', creationTimestamp: '2024-04-01T00:00:00Z'});
	});
});

describe('DOCKER_KINDS.networks', () => {
	const network = (id: string, name: string, extra: Partial<ListedNetwork> = {}): ListedNetwork => ({
		Id: id,
		Name: name,
		Driver: 'bridge',
		Scope: 'local',
		...extra,
	});

	it('keys networks by id and counts the containers on each by name', () => {
		const got = rows(
			'networks',
			snapshot({
				networks: [
					network('aaaa1111bbbb2222cccc', 'bridge'),
					network('dddd3333eeee4444ffff', 'shop_default', {
						Labels: {'com.docker.compose.project': 'shop'},
						IPAM: {Config: [{Subnet: '172.18.0.0/16', Gateway: '172.18.0.1'}, {Gateway: 'x'}]},
						Internal: true,
					}),
					network('9999', 'empty'),
				],
				containers: [
					container('web', {NetworkSettings: {Networks: {shop_default: {}, bridge: {}}}}),
					container('db', {NetworkSettings: {Networks: {shop_default: {}}}}),
				],
			}),
		);
		expect([...got.keys()]).toEqual(['aaaa1111bbbb2222cccc', 'dddd3333eeee4444ffff', '9999']);
		const shop = got.get('dddd3333eeee4444ffff');
		expect(metadata(shop)).toMatchObject({name: 'shop_default', uid: 'dddd3333eeee4444ffff'});
		expect(docker(shop)).toMatchObject({
			shortId: 'dddd3333eeee',
			usedBy: ['web', 'db'],
			containers: 2,
			subnets: ['172.18.0.0/16'],
			internal: true,
			project: 'shop',
		});
		expect(docker(got.get('aaaa1111bbbb2222cccc'))).toMatchObject({usedBy: ['web'], containers: 1, internal: false});
		expect(docker(got.get('9999'))).toMatchObject({usedBy: [], containers: 0});
	});

	it('counts a container once when it names the network by name and by id', () => {
		const got = rows(
			'networks',
			snapshot({
				networks: [network('net-id-1', 'front')],
				containers: [container('web', {NetworkSettings: {Networks: {front: {NetworkID: 'net-id-1'}}}})],
			}),
		);
		expect(docker(got.get('net-id-1'))).toMatchObject({usedBy: ['web'], containers: 1});
	});
});

describe('DOCKER_KINDS.composeprojects', () => {
	const snap = snapshot({
		containers: [
			container('shop-web-1', {Labels: {...compose('shop', 'web'), 'com.docker.compose.project.config_files': '/srv/shop/compose.yaml'}}),
			container('shop-web-2', {Labels: compose('shop', 'web'), Created: 1_714_000_000}),
			container('shop-db-1', {Labels: compose('shop', 'db'), State: 'exited', Status: 'Exited (1) 2 hours ago'}),
			container('blog-app-1', {Labels: compose('blog', 'app', true), State: 'exited'}),
			container('shop_web_3'),
		],
	});
	const got = rows('composeprojects', snap);

	it('groups containers into projects by label only', () => {
		expect([...got.keys()].sort()).toEqual(['blog', 'shop']);
	});

	it('counts services and running containers, and sums the states up by name', () => {
		expect(docker(got.get('shop'))).toMatchObject({
			project: 'shop',
			services: 2,
			running: 2,
			total: 3,
			states: 'exited(1), running(2)',
			configFiles: '/srv/shop/compose.yaml',
		});
		expect(docker(got.get('blog'))).toMatchObject({services: 1, running: 0, total: 1, states: 'exited(1)'});
	});

	it('dates a project from its oldest container', () => {
		expect(metadata(got.get('shop'))).toEqual({name: 'shop', creationTimestamp: new Date(1_714_000_000_000).toISOString()});
	});

	it('has no projects without compose labels', () => {
		expect(rows('composeprojects', snapshot({containers: [container('shop_web_1'), container('shop-db-1')]})).size).toBe(0);
	});
});

describe('DOCKER_KINDS.composeservices', () => {
	it('keys services by project/service, in the project as namespace', () => {
		const got = rows(
			'composeservices',
			snapshot({
				containers: [
					container('shop-web-1', {
						Labels: compose('shop', 'web'),
						Ports: [{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'}],
					}),
					container('shop-web-2', {
						Labels: compose('shop', 'web'),
						Image: 'nginx:1.28',
						State: 'restarting',
						Ports: [{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8081, Type: 'tcp'}],
					}),
					container('shop-db-1', {Labels: compose('shop', 'db'), Image: 'postgres:16'}),
					container('blog-web-1', {Labels: compose('blog', 'web')}),
					container('loose'),
				],
			}),
		);
		expect([...got.keys()].sort()).toEqual(['blog/web', 'shop/db', 'shop/web']);
		const web = got.get('shop/web');
		expect(metadata(web)).toMatchObject({name: 'web', namespace: 'shop'});
		expect(docker(web)).toMatchObject({
			project: 'shop',
			service: 'web',
			image: 'nginx:1.27, nginx:1.28',
			ports: '0.0.0.0:8080->80/tcp, 0.0.0.0:8081->80/tcp',
			running: 1,
			total: 2,
			states: 'restarting(1), running(1)',
		});
		expect(metadata(got.get('blog/web'))).toMatchObject({name: 'web', namespace: 'blog'});
		expect(docker(got.get('shop/db'))).toMatchObject({image: 'postgres:16', running: 1, total: 1, states: 'running(1)'});
	});
});
