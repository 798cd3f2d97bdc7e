import type {DiscoveredKind} from '../sources/types.js';
import type {ColumnDef, ViewDef} from './view.js';

const column = (
	header: string,
	rest: (Partial<ColumnDef> & Pick<ColumnDef, 'field'>) | (Partial<ColumnDef> & Pick<ColumnDef, 'computed'>),
): ColumnDef => ({
	header,
	align: 'left',
	wide: false,
	allNamespaces: false,
	maxWidth: 63,
	sortAs: 'text',
	...rest,
});

/** `Database` -> `Databases`, `Ingress` -> `Ingresses`, `NetworkPolicy` -> `NetworkPolicies`, as titles read. */
export function plural(kind: string): string {
	if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
	if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
	return `${kind}s`;
}

/**
 * A view for a kind no views file describes (a CRD, a newer built-in): the
 * server's own Table columns, as kubectl prints them, with NAMESPACE across
 * namespaces and a live AGE. Columns of priority above 0 are the wide ones.
 */
export function discoveredView(kind: DiscoveredKind): ViewDef {
	const columns: ColumnDef[] = [];
	if (kind.namespaced) columns.push(column('NAMESPACE', {field: 'metadata.namespace', allNamespaces: true, maxWidth: 30}));
	kind.columns.forEach((c, i) => {
		const header = c.name.toUpperCase();
		// The server prints ages when it answers; kview keeps them ticking from the object's creation time.
		if (header === 'AGE') columns.push(column('AGE', {computed: 'age'}));
		else
			columns.push(
				column(header, {
					field: `kviewTable.c${i}`,
					wide: c.priority > 0,
					...(c.type === 'integer' || c.type === 'number' ? {align: 'right' as const, sortAs: 'number' as const} : {}),
				}),
			);
	});
	// A server that cannot answer in Table form still gives every object a name and an age.
	if (!columns.some((c) => c.header === 'NAME')) columns.splice(kind.namespaced ? 1 : 0, 0, column('NAME', {field: 'metadata.name'}));
	if (!columns.some((c) => c.header === 'AGE')) columns.push(column('AGE', {computed: 'age'}));
	return {
		kind: kind.kind,
		title: plural(kind.title),
		engine: 'kubernetes',
		aliases: kind.aliases,
		namespaced: kind.namespaced,
		columns,
		sort: {column: 'NAME', descending: false},
		actions: ['resource.describe', 'resource.yaml', 'resource.edit', 'resource.copy', 'resource.delete'],
		labelsField: 'metadata.labels',
		file: `(discovered from the cluster: ${kind.kind})`,
	};
}
