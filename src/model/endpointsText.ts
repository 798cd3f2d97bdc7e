import {int, recs, str} from './json.js';

/** net.JoinHostPort: an IPv6 address in brackets. */
export function hostPort(host: string, port: number): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * kubectl's formatEndpoints for a core/v1 Endpoints object: up to three `ip:port`
 * (a bare ip for a port-less subset), then `+ N more...`; `<none>` without subsets.
 */
export function formatEndpoints(endpoints: Readonly<Record<string, unknown>>): string {
	const subsets = recs(endpoints['subsets']);
	if (subsets.length === 0) return '<none>';
	const max = 3;
	const list: string[] = [];
	let count = 0;
	for (const subset of subsets) {
		const ips = recs(subset['addresses']).map((a) => str(a['ip']));
		const ports = recs(subset['ports']);
		if (ports.length === 0) {
			count += ips.length;
			for (const ip of ips) if (list.length < max) list.push(ip);
			continue;
		}
		for (const port of ports) {
			count += ips.length;
			for (const ip of ips) if (list.length < max) list.push(hostPort(ip, int(port['port'])));
		}
	}
	return count > max ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}
