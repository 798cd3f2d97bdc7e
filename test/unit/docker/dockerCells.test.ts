import {describe, expect, it} from 'vitest';
import type {Health} from '../../../src/model/computed.js';
import {dockerComputed, dockerDuration, dockerHealth} from '../../../src/model/dockerCells.js';
import {fromInspect} from '../../../src/sources/docker/containerState.js';
import {containerRow} from '../../../src/sources/docker/dockerKinds.js';
import type {ResourceObject} from '../../../src/sources/types.js';

// The Docker views' cells, worded as the docker CLI words them.

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const ctx = {now: NOW};

const row = (docker: Record<string, unknown>): ResourceObject => ({metadata: {name: 'c'}, docker});

function cell(name: string, o: ResourceObject) {
	const field = dockerComputed[name];
	if (!field) throw new Error(`no computed field ${name}`);
	return field(o, ctx);
}

function health(name: string, o: ResourceObject): Health {
	const field = dockerHealth[name];
	if (!field) throw new Error(`no health field ${name}`);
	return field(o, ctx);
}

describe('dockerDuration', () => {
	it.each<[number, string]>([
		[0, 'Less than a second'],
		[999, 'Less than a second'],
		[1 * S, '1 second'],
		[1999, '1 second'],
		[2 * S, '2 seconds'],
		[59 * S, '59 seconds'],
		[59_999, '59 seconds'],
		[60 * S, 'About a minute'],
		[119 * S, 'About a minute'],
		[120 * S, '2 minutes'],
		[5 * M, '5 minutes'],
		[59 * M, '59 minutes'],
		// Minutes are whole minutes first: under 60 of them never rounds up to an hour.
		[59.5 * M, '59 minutes'],
		[60 * M, 'About an hour'],
		[89 * M, 'About an hour'],
		[90 * M, '2 hours'],
		[47 * H, '47 hours'],
		[47.5 * H, '2 days'],
		[48 * H, '2 days'],
		[13 * D, '13 days'],
		[14 * D, '2 weeks'],
		[59 * D, '8 weeks'],
		[60 * D, '2 months'],
		[729 * D, '24 months'],
		[730 * D, '2 years'],
		[1100 * D, '3 years'],
	])('%i ms is %s', (ms, text) => {
		expect(dockerDuration(ms)).toBe(text);
	});
});

describe('containerStatus', () => {
	it.each<[string, Record<string, unknown>, string]>([
		['running', {state: 'running', since: NOW - 5 * M}, 'Up 5 minutes'],
		['just started', {state: 'running', since: NOW - 200}, 'Up Less than a second'],
		['paused (state)', {state: 'paused', since: NOW - 5 * M}, 'Up 5 minutes (Paused)'],
		['paused (flag)', {state: 'running', paused: true, since: NOW - 5 * M}, 'Up 5 minutes (Paused)'],
		['healthy', {state: 'running', health: 'healthy', since: NOW - 5 * M}, 'Up 5 minutes (healthy)'],
		['unhealthy', {state: 'running', health: 'unhealthy', since: NOW - 3 * H}, 'Up 3 hours (unhealthy)'],
		['health starting', {state: 'running', health: 'starting', since: NOW - 2 * S}, 'Up 2 seconds (health: starting)'],
		['exited', {state: 'exited', exitCode: 3, since: NOW - 2 * H}, 'Exited (3) 2 hours ago'],
		['exited without a code', {state: 'exited', since: NOW - 2 * D}, 'Exited (0) 2 days ago'],
		['restarting', {state: 'restarting', exitCode: 1, since: NOW - 5 * S}, 'Restarting (1) 5 seconds ago'],
		['a moment in the future', {state: 'running', since: NOW + 10 * S}, 'Up Less than a second'],
		['an unknown state with a moment', {state: 'removing', since: NOW - 5 * S, status: 'Removal In Progress'}, 'Removal In Progress'],
		['no moment: the status words', {state: 'created', status: 'Created'}, 'Created'],
		['no moment, running: the status words', {state: 'running', status: 'Up forever'}, 'Up forever'],
		['nothing at all', {}, ''],
	])('%s', (_, docker, text) => {
		expect(cell('containerStatus', row(docker)).text).toBe(text);
	});

	it('sorts by the moment, rows without one first', () => {
		expect(cell('containerStatus', row({state: 'running', since: NOW - 5 * M})).sort).toBe(NOW - 5 * M);
		expect(cell('containerStatus', row({state: 'created', status: 'Created'})).sort).toBe(-Infinity);
	});

	it('stays current as the clock moves', () => {
		const o = row({state: 'running', since: NOW - 5 * M});
		const field = dockerComputed['containerStatus'];
		expect(field?.(o, {now: NOW + 2 * H}).text).toBe('Up 2 hours');
	});

	it('words a listed container as the engine did when it was listed', () => {
		const listed = containerRow(
			{Id: 'abc', Names: ['/web'], State: 'running', Status: 'Up 2 hours (healthy)', Labels: {}},
			NOW - 10 * M,
			undefined,
		);
		expect(cell('containerStatus', listed).text).toBe('Up 2 hours (healthy)');
	});

	it('shows no health for a paused container, as docker ps does', () => {
		expect(cell('containerStatus', row({state: 'paused', paused: true, health: 'healthy', since: NOW - 5 * M})).text).toBe(
			'Up 5 minutes (Paused)',
		);
	});

	it('words a created container from an inspect as docker ps does', () => {
		const inspected = fromInspect({
			Id: 'abc123',
			Name: '/fresh',
			State: {Status: 'created', StartedAt: '0001-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z'},
		});
		expect(cell('containerStatus', containerRow(inspected, NOW, undefined)).text).toBe('Created');
	});

	it('words an inspected running container from its start time', () => {
		const inspected = fromInspect({
			Id: 'abc123',
			Name: '/web',
			State: {Status: 'running', StartedAt: new Date(NOW - 3 * H).toISOString(), Health: {Status: 'unhealthy'}},
		});
		expect(cell('containerStatus', containerRow(inspected, NOW, undefined)).text).toBe('Up 3 hours (unhealthy)');
	});

	it('words an inspected exited container from its finish time', () => {
		const inspected = fromInspect({
			Id: 'abc123',
			Name: '/job',
			State: {
				Status: 'exited',
				ExitCode: 2,
				StartedAt: new Date(NOW - 3 * D).toISOString(),
				FinishedAt: new Date(NOW - 90 * S).toISOString(),
			},
		});
		expect(cell('containerStatus', containerRow(inspected, NOW, undefined)).text).toBe('Exited (2) About a minute ago');
	});
});

describe('containerState', () => {
	it.each<[Record<string, unknown>, string]>([
		[{state: 'running'}, 'running'],
		[{state: 'running', health: 'healthy'}, 'running (healthy)'],
		[{state: 'exited', health: 'unhealthy'}, 'exited'],
		[{}, ''],
	])('%j', (docker, text) => {
		expect(cell('containerState', row(docker)).text).toBe(text);
	});
});

describe('containerCpu', () => {
	it.each<[Record<string, unknown>, string, number]>([
		[{state: 'exited', cpuPercent: 5}, '', -2],
		[{state: 'paused'}, '', -2],
		[{state: 'running'}, '-', -1],
		[{state: 'running', cpuPercent: null}, 'n/a', -1],
		[{state: 'running', cpuPercent: 0}, '0.00%', 0],
		[{state: 'running', cpuPercent: 12.345_67}, '12.35%', 12.345_67],
		[{state: 'running', cpuPercent: 250}, '250.00%', 250],
	])('%j', (docker, text, sort) => {
		expect(cell('containerCpu', row(docker))).toEqual({text, sort});
	});
});

describe('containerMemory', () => {
	it.each<[Record<string, unknown>, string, number]>([
		[{state: 'exited', memoryBytes: 5}, '', -2],
		[{state: 'running'}, '-', -1],
		[{state: 'running', memoryBytes: 1_293_942}, '1.234MiB', 1_293_942],
		[{state: 'running', memoryBytes: 0}, '0B', 0],
	])('%j', (docker, text, sort) => {
		expect(cell('containerMemory', row(docker))).toEqual({text, sort});
	});

	it('shows the limit in binary units, or nothing', () => {
		expect(cell('containerMemoryLimit', row({memoryLimit: 2 * 1024 ** 3}))).toEqual({text: '2GiB', sort: 2 * 1024 ** 3});
		expect(cell('containerMemoryLimit', row({})).text).toBe('');
	});
});

describe('imageSize', () => {
	it.each<[number | undefined, string]>([
		[7_054_121, '7.05MB'],
		[188_000_000, '188MB'],
		[undefined, '0B'],
	])('%s', (size, text) => {
		expect(cell('imageSize', row(size === undefined ? {} : {size}))).toEqual({text, sort: size ?? 0});
	});
});

describe('composeReady', () => {
	it('is running/total, sorted by how many are missing', () => {
		expect(cell('composeReady', row({running: 2, total: 3}))).toEqual({text: '2/3', sort: -1});
		expect(cell('composeReady', row({running: 4, total: 4}))).toEqual({text: '4/4', sort: 0});
		expect(cell('composeReady', row({})).text).toBe('0/0');
	});
});

describe('dockerContainerHealth', () => {
	it.each<[Record<string, unknown>, Health]>([
		[{state: 'running'}, 'ok'],
		[{state: 'running', health: 'healthy'}, 'ok'],
		[{state: 'running', health: 'unhealthy'}, 'error'],
		[{state: 'running', health: 'starting'}, 'pending'],
		[{state: 'paused'}, 'warning'],
		[{state: 'created'}, 'pending'],
		[{state: 'exited', exitCode: 0}, 'done'],
		[{state: 'exited'}, 'done'],
		[{state: 'exited', exitCode: 137}, 'error'],
		[{state: 'dead'}, 'error'],
		[{state: 'restarting', exitCode: 1}, 'error'],
	])('%j', (docker, rating) => {
		expect(health('dockerContainerHealth', row(docker))).toBe(rating);
	});
});

describe('composeHealth', () => {
	it.each<[Record<string, unknown>, Health]>([
		[{running: 3, total: 3}, 'ok'],
		[{running: 1, total: 3}, 'warning'],
		[{running: 0, total: 3}, 'done'],
	])('%j', (docker, rating) => {
		expect(health('composeHealth', row(docker))).toBe(rating);
	});
});

describe('imageHealth', () => {
	it.each<[Record<string, unknown>, Health]>([
		[{dangling: true, containers: 0}, 'warning'],
		[{dangling: true, containers: 2}, 'warning'],
		[{dangling: false, containers: 2}, 'ok'],
		[{dangling: false, containers: 0}, 'done'],
	])('%j', (docker, rating) => {
		expect(health('imageHealth', row(docker))).toBe(rating);
	});
});
