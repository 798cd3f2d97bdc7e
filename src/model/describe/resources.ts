/**
 * resource.Quantity arithmetic as kubectl does it for describe: sums keep the format
 * of their first non-zero term, maxima compare exactly, and results print in the
 * canonical form (the sim's port of Quantity.String, shared here).
 */
import {canonicalQuantity, quantityNanos} from '../quantity.js';
import {rec, recs} from './format.js';
import type {Json} from './types.js';

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: its value in billionths and the format it prints in. */
export type Quantity = {readonly nanos: bigint; readonly format: Format};

/** A resource list (requests, limits, capacity) by resource name. */
export type ResourceList = Map<string, Quantity>;

const ZERO: Quantity = {nanos: 0n, format: 'DecimalSI'};
const NANO = 1_000_000_000n;

/** Quantity.String of a quantity as written in an object. */
export function quantityText(value: unknown): string {
	return canonicalQuantity(value);
}

/** A quantity from an object; an absent or malformed one is zero. */
export function parseQuantity(value: unknown): Quantity {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const nanos = quantityNanos(text);
	if (nanos === undefined) return ZERO;
	const format: Format = /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(text) ? 'BinarySI' : /\d[eE][+-]?\d+$/.test(text) ? 'DecimalExponent' : 'DecimalSI';
	return {nanos, format};
}

/** The decimal text of a value in billionths ("1.5", "250", "0.001"). */
function decimalText(nanos: bigint): string {
	const sign = nanos < 0n ? '-' : '';
	const magnitude = nanos < 0n ? -nanos : nanos;
	const fraction = (magnitude % NANO).toString().padStart(9, '0').replace(/0+$/, '');
	return `${sign}${magnitude / NANO}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Quantity.String (CanonicalizeBytes): binary quantities below 1024 or with a fraction print as decimal. */
export function formatQuantity(q: Quantity): string {
	if (q.nanos === 0n) return '0';
	if (q.format === 'BinarySI') {
		const whole = q.nanos % NANO === 0n ? q.nanos / NANO : undefined;
		if (whole !== undefined && (whole >= 1024n || whole <= -1024n)) {
			return whole % 1024n === 0n ? canonicalQuantity(`${whole / 1024n}Ki`) : whole.toString();
		}
		return canonicalQuantity(decimalText(q.nanos));
	}
	return canonicalQuantity(q.format === 'DecimalExponent' ? `${decimalText(q.nanos)}e0` : decimalText(q.nanos));
}

/** Quantity.Add: the sum takes the other's format while this one is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
	return {nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format};
}

/** MilliValue: the value in thousandths, rounded up. */
export function milliValue(q: Quantity): bigint {
	return ceilDiv(q.nanos, 1_000_000n);
}

/** Value: the whole value, rounded up. */
export function wholeValue(q: Quantity): bigint {
	return ceilDiv(q.nanos, NANO);
}

function ceilDiv(n: bigint, d: bigint): bigint {
	const q = n / d;
	return n % d > 0n ? q + 1n : q;
}

/** A resource list read from an object's map of quantities. */
export function resourceList(value: unknown): ResourceList {
	return new Map(Object.entries(rec(value)).map(([name, q]) => [name, parseQuantity(q)]));
}

/** addResourceList: adds each quantity of `add` into `into`. */
export function addResources(into: ResourceList, add: ResourceList): void {
	for (const [name, q] of add) {
		const have = into.get(name);
		into.set(name, have ? addQuantity(have, q) : q);
	}
}

/** maxResourceList: keeps the larger of each quantity. */
function maxResources(into: ResourceList, other: ResourceList): void {
	for (const [name, q] of other) {
		const have = into.get(name);
		if (!have || q.nanos > have.nanos) into.set(name, q);
	}
}

const isSidecar = (container: Json) => container['restartPolicy'] === 'Always';

/** A list's copy with `extra` added to it. */
function plus(list: ResourceList, extra: ResourceList): ResourceList {
	const out: ResourceList = new Map(list);
	addResources(out, extra);
	return out;
}

/**
 * What a pod asks for, as kubectl's PodRequestsAndLimits counts it: the containers'
 * sum (sidecar init containers included), at least the largest plain init container
 * (with the sidecars started before it), plus the pod overhead.
 */
function podTotal(pod: Json, field: 'requests' | 'limits'): ResourceList {
	const spec = rec(pod['spec']);
	const total: ResourceList = new Map();
	for (const container of recs(spec['containers'])) addResources(total, resourceList(rec(container['resources'])[field]));
	const sidecars: ResourceList = new Map();
	const initPeak: ResourceList = new Map();
	for (const container of recs(spec['initContainers'])) {
		const own = resourceList(rec(container['resources'])[field]);
		if (isSidecar(container)) {
			addResources(total, own);
			addResources(sidecars, own);
			maxResources(initPeak, sidecars);
		} else maxResources(initPeak, plus(own, sidecars));
	}
	maxResources(total, initPeak);
	const overhead = resourceList(spec['overhead']);
	if (field === 'requests') addResources(total, overhead);
	// Overhead adds only to the limits that are set.
	else for (const [name, q] of overhead) if (total.has(name)) addResources(total, new Map([[name, q]]));
	return total;
}

/** PodRequestsAndLimits. */
export function podRequestsAndLimits(pod: Json): {requests: ResourceList; limits: ResourceList} {
	return {requests: podTotal(pod, 'requests'), limits: podTotal(pod, 'limits')};
}

/** Resource names in Go's order (sorted). */
export function sortedNames(list: ResourceList | Json): string[] {
	return [...(list instanceof Map ? list.keys() : Object.keys(list))].sort();
}

/** int64(float64(part) / float64(whole) * 100), Go's conversion included (a zero whole gives Go's MinInt64 on amd64). */
export function percent(part: bigint, whole: bigint): string {
	const ratio = (Number(part) / Number(whole)) * 100;
	return Number.isFinite(ratio) ? Math.trunc(ratio).toString() : '-9223372036854775808';
}
