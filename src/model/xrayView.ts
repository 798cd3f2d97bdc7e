import type {XrayNode} from './xray.js';

/** One row of the xray screen: a node at its depth, and whether it is open (undefined: a leaf). */
export type XrayRow = {readonly node: XrayNode; readonly depth: number; readonly open: boolean | undefined};

/**
 * The rows to show: every node whose ancestors are all open (nodes are open unless collapsed).
 * With a filter, the nodes whose name holds it (smartcase) and their ancestors, opened so
 * the matches show, as k9s keeps a match's path.
 */
export function xrayRows(trees: readonly XrayNode[], collapsed: ReadonlySet<string>, filter: string): XrayRow[] {
	const rows: XrayRow[] = [];
	const caseless = filter === filter.toLowerCase();
	const matches = (node: XrayNode) => (caseless ? node.name.toLowerCase() : node.name).includes(filter);
	// Whether a node or anything under it matches, worked out once per node.
	const keep = new Map<XrayNode, boolean>();
	const kept = (node: XrayNode): boolean => {
		let value = keep.get(node);
		if (value === undefined) {
			value = matches(node) || node.children.some(kept);
			keep.set(node, value);
		}
		return value;
	};
	const walk = (node: XrayNode, depth: number) => {
		if (filter !== '' && !kept(node)) return;
		const leaf = node.children.length === 0;
		const open = leaf ? undefined : filter !== '' || !collapsed.has(node.id);
		rows.push({node, depth, open});
		if (open) for (const child of node.children) walk(child, depth + 1);
	};
	for (const tree of trees) walk(tree, 0);
	return rows;
}

/** The ids of every node with children: what zM collapses. */
export function xrayBranches(trees: readonly XrayNode[]): string[] {
	const ids: string[] = [];
	const walk = (node: XrayNode) => {
		if (node.children.length === 0) return;
		ids.push(node.id);
		node.children.forEach(walk);
	};
	trees.forEach(walk);
	return ids;
}

/** The index of a row's parent among the rows (h on an open node's child goes there), or -1. */
export function parentRow(rows: readonly XrayRow[], index: number): number {
	const depth = rows[index]?.depth ?? 0;
	for (let i = index - 1; i >= 0; i--) if ((rows[i]?.depth ?? 0) < depth) return i;
	return -1;
}
