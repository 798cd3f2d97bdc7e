import {crdPrinter, defaultPrinter, printers} from './printers/index.js';
import type {KubeObject, Printer, ResourceDef} from './types.js';

/** How much of each object a Table row carries (`includeObject`). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Whether the Accept header asks for server-side Table output. */
export function wantsTable(accept: string | undefined): boolean {
	return accept !== undefined && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

/** The printer for a resource: the kind's own, a CRD's printer columns, or Name/Created At. */
export function printerFor(def: ResourceDef, crd: KubeObject | undefined): Printer {
	if (crd) return crdPrinter(crd, def.version);
	return printers.get(def.kind) ?? defaultPrinter;
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
	if (include === 'None') return undefined;
	if (include === 'Object') return object;
	return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata};
}

/**
 * A meta.k8s.io/v1 Table of objects. `withColumns` is false for every watch event
 * after the first, as the API server sends them.
 */
export function toTable(
	printer: Printer,
	objects: readonly KubeObject[],
	now: number,
	include: IncludeObject,
	meta: {resourceVersion?: string; continue?: string; remainingItemCount?: number},
	withColumns = true,
): unknown {
	return {
		kind: 'Table',
		apiVersion: 'meta.k8s.io/v1',
		metadata: meta,
		columnDefinitions: withColumns ? printer.columns : null,
		rows: objects.map((object) => {
			const row: {cells: unknown[]; object?: unknown} = {cells: printer.cells(object, now)};
			const carried = rowObject(object, include);
			if (carried !== undefined) row.object = carried;
			return row;
		}),
	};
}
