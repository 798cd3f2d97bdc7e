import type {Engine} from '../sources/types.js';

/** How a column's cells compare when sorting. */
export type SortAs = 'text' | 'number';

/** One column of a view, as declared in views/<kind>.json. */
export type ColumnDef = {
	/** Header text, upper case by convention (kubectl's). */
	readonly header: string;
	/** A field path read from the object (exactly one of field/computed is set). */
	readonly field?: string;
	/** A named computed field from model/computed. */
	readonly computed?: string;
	/** Right-align the cells (counts, sizes). */
	readonly align: 'left' | 'right';
	/** Shown only in wide mode (kubectl's `-o wide`). */
	readonly wide: boolean;
	/** Shown only when the view spans every namespace. */
	readonly allNamespaces: boolean;
	/** Upper bound on the column's width; longer cells are cut with an ellipsis. */
	readonly maxWidth: number;
	/** How the column sorts when a field (not a computed value) fills it. */
	readonly sortAs: SortAs;
	/** Text shown when the field is absent, as kubectl prints an unset count as `0`. */
	readonly default?: string;
	/** In a narrow terminal this column gives way (down to its header's width) before the others are cut. */
	readonly shrinkFirst?: boolean;
};

/** Where `enter` on a row leads: another view, scoped by what the row holds. */
export type DrillDown = {
	/** The target view's kind. */
	readonly view: string;
	/** Field path to a label map; the target is filtered by it as a selector (deploy -> pods). */
	readonly labelSelectorFrom?: string;
	/** Field path whose value becomes the target's namespace (namespace -> pods). */
	readonly namespaceFrom?: string;
	/** Target field path -> path in this row's object; equality filter (node -> pods by spec.nodeName). */
	readonly fieldSelectorFrom?: Readonly<Record<string, string>>;
	/** Keep this row's namespace as the target's (deploy -> pods in the same namespace). */
	readonly sameNamespace: boolean;
	/**
	 * Only the target objects whose metadata.ownerReferences name this row (cronjob -> its
	 * jobs): no label ties a Job to its CronJob and the API cannot select by owner.
	 */
	readonly owned?: boolean;
};

/** A resource view: which kind, how its table looks and what it offers. */
export type ViewDef = {
	/** Kind id the sources know it by (`pods`, `containers`). */
	readonly kind: string;
	/** Breadcrumb and header title. */
	readonly title: string;
	/** Which engine serves it. */
	readonly engine: Engine;
	/** Short names that open it from the `:` prompt (kubectl's and k9s's). */
	readonly aliases: readonly string[];
	/** Whether objects live in namespaces (the namespace scope applies). */
	readonly namespaced: boolean;
	/** The columns, in order. */
	readonly columns: readonly ColumnDef[];
	/** Default sort column header and direction. */
	readonly sort: {readonly column: string; readonly descending: boolean};
	/** Named computed field that rates a row's health for colouring. */
	readonly health?: string;
	/** Action ids this kind offers (command ids under `resource.`). */
	readonly actions: readonly string[];
	/** Field path to the object's labels, for `/-l` filters. */
	readonly labelsField: string;
	/** Where `enter` leads. */
	readonly drillDown?: DrillDown;
	/** Whose logs `l` tails, when not the row's own: its pods or containers, found as a drill-down finds them (drillDown's when it leads to them). */
	readonly logs?: DrillDown;
	/** The rows are made from another kind's objects (a pod's containers): the name of an expander in model/containers. */
	readonly rowsFrom?: string;
	/** Instead of a drill-down, `enter` runs this `:` line, `{name}` standing for the row's name (`ctx {name}` switches context). */
	readonly enterCommand?: string;
	/** What an empty table says instead of "no <title> here", e.g. how to make one. */
	readonly emptyText?: string;
	/** The file it came from, for messages. */
	readonly file: string;
};

/** The engines kview browses side by side; each view belongs to one. */
export type EngineName = 'kubernetes' | 'docker';

/** Which engine serves a view (the memory source of the tests serves every view, whatever it says). */
export function engineOf(view: Pick<ViewDef, 'engine'>): EngineName {
	return view.engine === 'docker' ? 'docker' : 'kubernetes';
}

/** How messages name an engine. */
export const ENGINE_TITLES: Readonly<Record<EngineName, string>> = {kubernetes: 'Kubernetes', docker: 'Docker'};
