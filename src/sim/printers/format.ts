/**
 * Formatting shared by the printers, each a port of the apimachinery or printers
 * helper of the same purpose, so cells read as a real API server writes them.
 */
import type {KubeObject} from '../types.js';
import {since} from '../../model/selectorText.js';
import {rec, recs, str} from '../../model/json.js';

export {formatLabels, formatLabelSelector, selectorString, since} from '../../model/selectorText.js';

/** The AGE cell: time since the object was created. */
export function age(object: KubeObject, now: number): string {
	return since(object.metadata.creationTimestamp, now);
}

/** layoutContainerCells: container names and images, each comma-joined, for the wide CONTAINERS/IMAGES columns. */
export function containerCells(podSpec: unknown): [names: string, images: string] {
	const containers = recs(rec(podSpec).containers);
	return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

/** `items` joined with commas, the first `max` of them, then `+ N more...`; `<unset>` when empty (listWithMoreString). */
export function listWithMore(items: readonly string[], max: number): string {
	if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
	return items.length === 0 ? '<unset>' : items.join(',');
}
