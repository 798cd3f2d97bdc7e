import {describe, expect, it} from 'vitest';
import type {CpuStats, StatsSample} from '../../../src/sources/docker/api.js';
import {containerStats} from '../../../src/sources/docker/stats.js';

// CPU% and memory as `docker stats` works them out (cli/command/container/stats_helpers.go).

const cpu = (total: number, system: number | undefined, online?: number, percpu?: number[]): CpuStats => ({
	cpu_usage: {total_usage: total, ...(percpu ? {percpu_usage: percpu} : {})},
	...(system !== undefined ? {system_cpu_usage: system} : {}),
	...(online !== undefined ? {online_cpus: online} : {}),
});

const sample = (now: CpuStats, pre?: CpuStats, memory: StatsSample['memory_stats'] = {usage: 0, limit: 0}): StatsSample => ({
	cpu_stats: now,
	...(pre ? {precpu_stats: pre} : {}),
	memory_stats: memory,
});

describe('containerStats: CPU', () => {
	it('is the CPU delta over the system delta, times the online CPUs, in percent', () => {
		// 0.5s of CPU over 10s of host time on 4 CPUs = 20%.
		const s = containerStats(sample(cpu(1_500_000_000, 20_000_000_000, 4), cpu(1_000_000_000, 10_000_000_000, 4)), undefined);
		expect(s.cpuPercent).toBeCloseTo(20, 10);
	});

	it('counts CPUs from percpu_usage when online_cpus is missing (cgroup v1)', () => {
		const s = containerStats(sample(cpu(300, 1300, undefined, [100, 100, 100]), cpu(200, 1000)), undefined);
		// 100/300 * 3 * 100
		expect(s.cpuPercent).toBeCloseTo(100, 10);
	});

	it('prefers online_cpus to the length of percpu_usage', () => {
		const s = containerStats(sample(cpu(300, 1300, 2, [1, 1, 1, 1]), cpu(200, 1000)), undefined);
		expect(s.cpuPercent).toBeCloseTo((100 / 300) * 2 * 100, 10);
	});

	it.each([
		['no CPU used', cpu(500, 2000, 2), cpu(500, 1000, 2)],
		['the CPU counter went back', cpu(400, 2000, 2), cpu(500, 1000, 2)],
		['no system time passed', cpu(600, 1000, 2), cpu(500, 1000, 2)],
		['the system counter went back', cpu(600, 900, 2), cpu(500, 1000, 2)],
	])('is 0 when %s', (_, now, pre) => {
		expect(containerStats(sample(now, pre), undefined).cpuPercent).toBe(0);
	});

	it('uses the previous sample it is given when precpu_stats has no system usage (first sample, Podman)', () => {
		const previous = cpu(1000, 100_000, 2);
		const now = cpu(6000, 200_000, 2);
		const expected = (5000 / 100_000) * 2 * 100;
		expect(containerStats(sample(now), previous).cpuPercent).toBeCloseTo(expected, 10);
		expect(containerStats(sample(now, {cpu_usage: {total_usage: 0}}), previous).cpuPercent).toBeCloseTo(expected, 10);
		expect(containerStats(sample(now, cpu(0, 0)), previous).cpuPercent).toBeCloseTo(expected, 10);
	});

	it("prefers the engine's precpu_stats to the previous sample", () => {
		const s = containerStats(sample(cpu(6000, 200_000, 1), cpu(5000, 100_000)), cpu(0, 10_000));
		expect(s.cpuPercent).toBeCloseTo(1, 10);
	});

	it('is unknown, not 0, with neither precpu_stats nor a previous sample', () => {
		expect(containerStats(sample(cpu(6000, 200_000, 2)), undefined).cpuPercent).toBeUndefined();
		expect(containerStats(sample(cpu(6000, 200_000, 2), cpu(0, 0)), undefined).cpuPercent).toBeUndefined();
	});

	it('is unknown when the sample has no system usage', () => {
		expect(containerStats(sample(cpu(6000, undefined, 2), cpu(5000, 100_000)), undefined).cpuPercent).toBeUndefined();
	});
});

describe('containerStats: memory', () => {
	const none = cpu(0, undefined);

	it('is usage less the inactive file cache of cgroup v1', () => {
		const s = containerStats(
			sample(none, undefined, {usage: 100_000_000, limit: 2_000_000_000, stats: {total_inactive_file: 30_000_000, inactive_file: 1}}),
			undefined,
		);
		expect(s.memoryBytes).toBe(70_000_000);
		expect(s.memoryLimit).toBe(2_000_000_000);
	});

	it('is usage less the inactive file cache of cgroup v2', () => {
		const s = containerStats(sample(none, undefined, {usage: 100_000_000, limit: 500, stats: {inactive_file: 40_000_000}}), undefined);
		expect(s.memoryBytes).toBe(60_000_000);
		expect(s.memoryLimit).toBe(500);
	});

	it('falls back to the v2 figure when the v1 one is not below usage', () => {
		const s = containerStats(
			sample(none, undefined, {usage: 1000, limit: 1, stats: {total_inactive_file: 1000, inactive_file: 250}}),
			undefined,
		);
		expect(s.memoryBytes).toBe(750);
	});

	it('subtracts nothing when no cache figure is below usage', () => {
		expect(
			containerStats(sample(none, undefined, {usage: 1000, limit: 1, stats: {total_inactive_file: 5000, inactive_file: 1000}}), undefined)
				.memoryBytes,
		).toBe(1000);
		expect(containerStats(sample(none, undefined, {usage: 1000, limit: 1, stats: {cache: 400}}), undefined).memoryBytes).toBe(1000);
		expect(containerStats(sample(none, undefined, {usage: 1000, limit: 1}), undefined).memoryBytes).toBe(1000);
	});

	it('is 0 of 0 without memory stats', () => {
		expect(containerStats({}, undefined)).toEqual({cpuPercent: undefined, memoryBytes: 0, memoryLimit: 0});
	});
});
