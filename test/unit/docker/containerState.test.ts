import {describe, expect, it} from 'vitest';
import {fromInspect, parseHumanDuration, parseStatus, type InspectedContainer} from '../../../src/sources/docker/containerState.js';

// The engine's status words back to moments, and an inspect in the shape of a list entry.

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

describe('parseHumanDuration', () => {
	it.each<[string, number]>([
		['Less than a second', 0],
		['1 second', 1],
		['45 seconds', 45],
		['About a minute', MINUTE],
		['5 minutes', 5 * MINUTE],
		['59 minutes', 59 * MINUTE],
		['About an hour', HOUR],
		['2 hours', 2 * HOUR],
		['47 hours', 47 * HOUR],
		['3 days', 3 * DAY],
		['13 days', 13 * DAY],
		['2 weeks', 14 * DAY],
		['8 weeks', 56 * DAY],
		['2 months', 60 * DAY],
		['24 months', 720 * DAY],
		['2 years', 730 * DAY],
		['10 years', 3650 * DAY],
	])('%s is %i seconds', (text, seconds) => {
		expect(parseHumanDuration(text)).toBe(seconds);
	});

	it.each([
		'',
		'soon',
		'About a day',
		'five minutes',
		'5 fortnights',
		'5minutes',
		'-5 minutes',
		'Up 5 minutes',
		'5 minutes ago',
		'1.5 hours',
	])('%j is not a duration', (text) => {
		expect(parseHumanDuration(text)).toBeUndefined();
	});
});

describe('parseStatus', () => {
	const LISTED = Date.UTC(2024, 4, 1, 12, 0, 0);

	it.each<[string, ReturnType<typeof parseStatus>]>([
		['Up 5 minutes', {since: LISTED - 5 * 60_000}],
		['Up Less than a second', {since: LISTED}],
		['Up About an hour', {since: LISTED - 3_600_000}],
		['Up 2 hours (healthy)', {since: LISTED - 7_200_000, health: 'healthy'}],
		['Up 10 minutes (unhealthy)', {since: LISTED - 600_000, health: 'unhealthy'}],
		['Up 3 seconds (health: starting)', {since: LISTED - 3000, health: 'starting'}],
		['Up 1 second (Paused)', {since: LISTED - 1000, paused: true}],
		['Exited (137) 2 hours ago', {since: LISTED - 7_200_000, exitCode: 137}],
		['Exited (0) About a minute ago', {since: LISTED - 60_000, exitCode: 0}],
		['Exited (-1) 3 days ago', {since: LISTED - 3 * 86_400_000, exitCode: -1}],
		['Restarting (1) 5 seconds ago', {since: LISTED - 5000, exitCode: 1}],
		['Created', {}],
		['Dead', {}],
		['Removal In Progress', {}],
		['', {}],
	])('%j', (status, parts) => {
		expect(parseStatus(status, LISTED)).toEqual(parts);
	});

	it('keeps the exit code when the time words are not known, without a moment', () => {
		expect(parseStatus('Exited (2) a while ago', LISTED)).toEqual({exitCode: 2});
	});

	it('gives no moment for an Up it cannot read', () => {
		expect(parseStatus('Up forever (healthy)', LISTED)).toEqual({health: 'healthy'});
	});
});

describe('fromInspect', () => {
	const STARTED = '2024-05-01T10:00:00.123456789Z';
	const FINISHED = '2024-05-01T11:30:00Z';
	const NEVER = '0001-01-01T00:00:00Z';

	const inspect = (state: InspectedContainer['State'], extra: Partial<InspectedContainer> = {}): InspectedContainer => ({
		Id: 'a1b2c3d4e5f6a7b8c9d0',
		Name: '/shop-web-1',
		Created: '2024-05-01T09:59:58.5Z',
		Path: 'nginx',
		Args: ['-g', 'daemon off;'],
		Image: 'sha256:feedbeef',
		State: state,
		Config: {Image: 'nginx:1.27', Labels: {'com.docker.compose.project': 'shop'}},
		Mounts: [{Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true}],
		NetworkSettings: {
			Ports: {'80/tcp': [{HostIp: '0.0.0.0', HostPort: '8080'}], '443/tcp': null},
			Networks: {shop_default: {NetworkID: 'n1', IPAddress: '172.18.0.2'}},
		},
		...extra,
	});

	it('has the shape of a list entry', () => {
		const c = fromInspect(inspect({Status: 'running', StartedAt: STARTED, FinishedAt: NEVER}));
		expect(c).toMatchObject({
			Id: 'a1b2c3d4e5f6a7b8c9d0',
			Names: ['/shop-web-1'],
			Image: 'nginx:1.27',
			ImageID: 'sha256:feedbeef',
			Command: 'nginx -g daemon off;',
			Created: Math.floor(Date.parse('2024-05-01T09:59:58.5Z') / 1000),
			State: 'running',
			Labels: {'com.docker.compose.project': 'shop'},
			NetworkSettings: {Networks: {shop_default: {NetworkID: 'n1', IPAddress: '172.18.0.2'}}},
		});
		expect(c.Mounts).toEqual([
			{Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true},
		]);
	});

	it('gives the creation time in whole unix seconds', () => {
		const c = fromInspect(inspect({Status: 'running'}, {Created: '2024-05-01T09:59:58.999Z'}));
		expect(c.Created).toBe(Date.UTC(2024, 4, 1, 9, 59, 58) / 1000);
	});

	it('turns published and exposed ports into list ports', () => {
		const c = fromInspect(inspect({Status: 'running', StartedAt: STARTED}));
		expect(c.Ports).toHaveLength(2);
		expect(c.Ports).toEqual(
			expect.arrayContaining([
				{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
				{PrivatePort: 443, Type: 'tcp'},
			]),
		);
	});

	it('keeps every binding of a port, and the protocol', () => {
		const c = fromInspect(
			inspect(
				{Status: 'running'},
				{
					NetworkSettings: {
						Ports: {
							'53/udp': [
								{HostIp: '0.0.0.0', HostPort: '5353'},
								{HostIp: '::', HostPort: '5353'},
							],
							'9000/tcp': [],
						},
					},
				},
			),
		);
		expect(c.Ports).toEqual(
			expect.arrayContaining([
				{IP: '0.0.0.0', PrivatePort: 53, PublicPort: 5353, Type: 'udp'},
				{IP: '::', PrivatePort: 53, PublicPort: 5353, Type: 'udp'},
				{PrivatePort: 9000, Type: 'tcp'},
			]),
		);
		expect(c.Ports).toHaveLength(3);
	});

	it('has no ports when the engine gives none', () => {
		expect(fromInspect(inspect({Status: 'exited'}, {NetworkSettings: {Ports: null}})).Ports).toEqual([]);
	});

	it('joins a command without arguments as the path alone', () => {
		expect(fromInspect(inspect({Status: 'running'}, {Path: 'sleep', Args: []})).Command).toBe('sleep');
	});

	it('names a container without a name by its short id', () => {
		expect(fromInspect({...inspect({Status: 'running'}), Name: undefined}).Names).toEqual(['/a1b2c3d4e5f6']);
	});

	it('dates a running container from when it started', () => {
		const c = fromInspect(inspect({Status: 'running', StartedAt: STARTED, FinishedAt: FINISHED, ExitCode: 0}));
		expect(c.kview).toEqual({since: Date.parse(STARTED)});
	});

	it('dates a paused container from when it started, and says it is paused', () => {
		const c = fromInspect(inspect({Status: 'paused', StartedAt: STARTED, FinishedAt: NEVER}));
		expect(c.kview).toEqual({since: Date.parse(STARTED), paused: true});
	});

	it('dates an exited container from when it finished, with its exit code', () => {
		const c = fromInspect(inspect({Status: 'exited', StartedAt: STARTED, FinishedAt: FINISHED, ExitCode: 137}));
		expect(c.kview).toEqual({since: Date.parse(FINISHED), exitCode: 137});
	});

	it('gives an exited container exit code 0 when the engine leaves it out', () => {
		expect(fromInspect(inspect({Status: 'exited', FinishedAt: FINISHED})).kview?.exitCode).toBe(0);
	});

	it('dates a restarting container from when it last finished, with its exit code', () => {
		const c = fromInspect(inspect({Status: 'restarting', StartedAt: STARTED, FinishedAt: FINISHED, ExitCode: 1}));
		expect(c.kview).toEqual({since: Date.parse(FINISHED), exitCode: 1});
	});

	it('gives no exit code to a running container even if the engine has an old one', () => {
		const c = fromInspect(inspect({Status: 'running', StartedAt: STARTED, ExitCode: 3}));
		expect(c.kview).not.toHaveProperty('exitCode');
	});

	it("reads Docker's year-one time as never", () => {
		expect(fromInspect(inspect({Status: 'running', StartedAt: NEVER})).kview).toEqual({});
		expect(fromInspect(inspect({Status: 'exited', StartedAt: STARTED, FinishedAt: NEVER, ExitCode: 0})).kview).toEqual({exitCode: 0});
		expect(fromInspect(inspect({Status: 'running'}, {Created: NEVER}))).not.toHaveProperty('Created');
	});

	it('gives a created container no moment', () => {
		expect(fromInspect(inspect({Status: 'created', StartedAt: NEVER, FinishedAt: NEVER})).kview).toEqual({});
	});

	it.each([
		['healthy', {health: 'healthy'}],
		['unhealthy', {health: 'unhealthy'}],
		['starting', {health: 'starting'}],
		['none', {}],
	])('takes health %s from State.Health', (status, parts) => {
		const c = fromInspect(inspect({Status: 'running', StartedAt: STARTED, Health: {Status: status}}));
		expect(c.kview).toEqual({since: Date.parse(STARTED), ...parts});
	});

	it('fills in what a bare inspect leaves out', () => {
		const c = fromInspect({Id: '0123456789abcdef'});
		expect(c).toMatchObject({Names: ['/0123456789ab'], Image: '', ImageID: '', Command: '', State: '', Ports: [], Labels: {}, Mounts: []});
		expect(c.kview).toEqual({});
	});
});
