import {quantityNanos} from './quantity.js';

type Resources = {readonly requests?: Readonly<Record<string, unknown>>; readonly limits?: Readonly<Record<string, unknown>>};
type PodSpec = {
	readonly containers?: readonly {readonly resources?: Resources}[];
	readonly initContainers?: readonly {readonly resources?: Resources}[];
};

const SUPPORTED_QOS_RESOURCES = ['cpu', 'memory'] as const;

/**
 * The pod's QoS class by the kubelet's rules (qos.GetPodQOS): no cpu/memory request or
 * limit anywhere is BestEffort; limits for both on every container, equal to the
 * requests, is Guaranteed; anything else is Burstable.
 */
export function podQosClass(spec: PodSpec | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
	const requests = new Map<string, bigint>();
	const limits = new Map<string, bigint>();
	let guaranteed = true;
	const add = (into: Map<string, bigint>, name: string, value: unknown): boolean => {
		const nanos = quantityNanos(value);
		if (nanos === undefined || nanos === 0n) return false;
		into.set(name, (into.get(name) ?? 0n) + nanos);
		return true;
	};
	for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
		for (const name of SUPPORTED_QOS_RESOURCES) add(requests, name, container.resources?.requests?.[name]);
		let found = 0;
		for (const name of SUPPORTED_QOS_RESOURCES) if (add(limits, name, container.resources?.limits?.[name])) found++;
		if (found < SUPPORTED_QOS_RESOURCES.length) guaranteed = false;
	}
	if (requests.size === 0 && limits.size === 0) return 'BestEffort';
	if (guaranteed) for (const [name, value] of requests) if (limits.get(name) !== value) guaranteed = false;
	return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
