import type {CpuStats, StatsSample} from './api.js';

/** What the containers view shows of one stats sample. */
export type ContainerStats = {
	/** 100 = one core busy, as `docker stats` counts; undefined until two samples can be compared. */
	readonly cpuPercent: number | undefined;
	/** Memory in use less the page cache the kernel can drop, as `docker stats` shows it. */
	readonly memoryBytes: number;
	/** The container's limit, or the host's memory when it has none. */
	readonly memoryLimit: number;
};

/**
 * CPU% and memory as the docker CLI computes them (cli/command/container/stats_helpers.go):
 * the container's CPU time over the host's between two samples, times the online CPUs. The
 * engine sends the previous sample as precpu_stats; where it does not (the first sample,
 * Podman), the last sample this stream gave stands in, and with neither it is unknown, not 0.
 */
export function containerStats(sample: StatsSample, previous: CpuStats | undefined): ContainerStats {
	const cpu = sample.cpu_stats;
	const pre = sample.precpu_stats?.system_cpu_usage ? sample.precpu_stats : previous;
	let cpuPercent: number | undefined;
	if (cpu?.system_cpu_usage !== undefined && pre?.system_cpu_usage) {
		const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
		const systemDelta = cpu.system_cpu_usage - pre.system_cpu_usage;
		const online = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 0;
		cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0;
	}
	const memory = sample.memory_stats ?? {};
	const usage = memory.usage ?? 0;
	const extra = memory.stats ?? {};
	// cgroup v1 names the reclaimable cache total_inactive_file, v2 inactive_file.
	const v1 = extra['total_inactive_file'];
	const v2 = extra['inactive_file'];
	const cache = v1 !== undefined && v1 < usage ? v1 : v2 !== undefined && v2 < usage ? v2 : 0;
	return {cpuPercent, memoryBytes: usage - cache, memoryLimit: memory.limit ?? 0};
}
