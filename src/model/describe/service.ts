/** describeService, with the endpoints of each port when the service's EndpointSlices (or Endpoints) are given. */
import {intOrString} from './containers.js';
import {describeEvents} from './events.js';
import {clean, formatLabels, int, isRec, printLabelsAndAnnotations, printNameAndNamespace, rec, recs, str, strs} from './format.js';
import type {Describer, Json} from './types.js';
import {hostPort} from '../endpointsText.js';

/** The parts of an EndpointSlice formatEndpointSlices reads. */
type Slice = {
	readonly ports: readonly {readonly name: string; readonly port: number}[];
	readonly endpoints: readonly {readonly address: string; readonly ready: boolean}[];
};

function fromSlice(slice: Json): Slice {
	return {
		ports: recs(slice['ports']).map((p) => ({name: str(p['name']), port: int(p['port'])})),
		endpoints: recs(slice['endpoints']).map((e) => ({
			address: strs(e['addresses'])[0] ?? '',
			// A ready condition that is not set counts as ready.
			ready: rec(e['conditions'])['ready'] !== false,
		})),
	};
}

/** A core/v1 Endpoints object read as slices, one per subset (for clusters without EndpointSlices). */
function fromEndpoints(endpoints: Json): Slice[] {
	return recs(endpoints['subsets']).map((subset) => ({
		ports: recs(subset['ports']).map((p) => ({name: str(p['name']), port: int(p['port'])})),
		endpoints: [
			...recs(subset['addresses']).map((a) => ({address: str(a['ip']), ready: true})),
			...recs(subset['notReadyAddresses']).map((a) => ({address: str(a['ip']), ready: false})),
		],
	}));
}

/** formatEndpointSlices: the first three ready endpoints of the named port, then "+ N more...". */
function formatEndpoints(slices: readonly Slice[], portName: string): string {
	if (slices.length === 0) return '<none>';
	const max = 3;
	const list: string[] = [];
	let more = false;
	let count = 0;
	const take = (text: string, ready: boolean) => {
		if (list.length === max) more = true;
		if (!ready) return;
		if (!more) list.push(text);
		count++;
	};
	for (const slice of slices) {
		// A headless service's slices may have no ports: their addresses alone.
		if (slice.ports.length === 0) for (const e of slice.endpoints) take(e.address, e.ready);
		else
			for (const port of slice.ports.filter((p) => p.name === portName))
				for (const e of slice.endpoints) take(hostPort(e.address, port.port), e.ready);
	}
	const text = clean(list.join(','));
	return more ? `${text} + ${count - max} more...` : text;
}

/** buildIngressString: each load-balancer point's IP (with its mode) or hostname. */
function ingressPoints(ingress: readonly Json[]): string {
	return ingress
		.map((i) =>
			str(i['ip']) !== '' ? `${clean(i['ip'])}${typeof i['ipMode'] === 'string' ? ` (${clean(i['ipMode'])})` : ''}` : clean(i['hostname']),
		)
		.join(', ');
}

/** kubectl describe service; Endpoints needs related.endpointSlices (or related.endpoints). */
export const describeService: Describer = (w, service, ctx) => {
	const meta = rec(service['metadata']);
	const spec = rec(service['spec']);
	printNameAndNamespace(w, meta);
	printLabelsAndAnnotations(w, meta);
	w.write(0, `Selector:\t${clean(formatLabels(spec['selector']))}\n`);
	w.write(0, `Type:\t${clean(spec['type'])}\n`);
	if (typeof spec['ipFamilyPolicy'] === 'string') w.write(0, `IP Family Policy:\t${clean(spec['ipFamilyPolicy'])}\n`);
	const families = strs(spec['ipFamilies']);
	w.write(0, `IP Families:\t${families.length === 0 ? '<none>' : clean(families.join(','))}\n`);
	w.write(0, `IP:\t${clean(spec['clusterIP'])}\n`);
	const ips = strs(spec['clusterIPs']);
	w.write(0, `IPs:\t${ips.length === 0 ? '<none>' : clean(ips.join(','))}\n`);
	const external = strs(spec['externalIPs']);
	if (external.length > 0) w.write(0, `External IPs:\t${clean(external.join(','))}\n`);
	if (str(spec['loadBalancerIP']) !== '') w.write(0, `Desired LoadBalancer IP:\t${clean(spec['loadBalancerIP'])}\n`);
	if (str(spec['externalName']) !== '') w.write(0, `External Name:\t${clean(spec['externalName'])}\n`);
	const ingress = recs(rec(rec(service['status'])['loadBalancer'])['ingress']);
	if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingressPoints(ingress)}\n`);
	const {endpointSlices, endpoints} = ctx.related;
	const slices = endpointSlices ? endpointSlices.map(fromSlice) : isRec(endpoints) ? fromEndpoints(endpoints) : undefined;
	for (const port of recs(spec['ports'])) {
		const name = str(port['name']) === '' ? '<unset>' : clean(port['name']);
		const protocol = clean(port['protocol']);
		w.write(0, `Port:\t${name}\t${int(port['port'])}/${protocol}\n`);
		w.write(0, `TargetPort:\t${intOrString(port['targetPort'] ?? 0)}/${protocol}\n`);
		if (int(port['nodePort']) !== 0) w.write(0, `NodePort:\t${name}\t${int(port['nodePort'])}/${protocol}\n`);
		if (slices) w.write(0, `Endpoints:\t${formatEndpoints(slices, str(port['name']))}\n`);
	}
	w.write(0, `Session Affinity:\t${clean(spec['sessionAffinity'])}\n`);
	if (str(spec['externalTrafficPolicy']) !== '') w.write(0, `External Traffic Policy:\t${clean(spec['externalTrafficPolicy'])}\n`);
	if (typeof spec['internalTrafficPolicy'] === 'string') w.write(0, `Internal Traffic Policy:\t${clean(spec['internalTrafficPolicy'])}\n`);
	if (int(spec['healthCheckNodePort']) !== 0) w.write(0, `HealthCheck NodePort:\t${int(spec['healthCheckNodePort'])}\n`);
	const ranges = strs(spec['loadBalancerSourceRanges']);
	if (ranges.length > 0) w.write(0, `LoadBalancer Source Ranges:\t${clean(ranges.join(','))}\n`);
	if (str(spec['trafficDistribution']) !== '') w.write(0, `Traffic Distribution:\t${clean(spec['trafficDistribution'])}\n`);
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};
