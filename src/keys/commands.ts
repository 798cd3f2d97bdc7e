/** Where a command applies: the key matcher only looks at commands of the active mode. */
export type CommandMode = 'table' | 'text' | 'logs' | 'exec' | 'xray' | 'prompt' | 'dialog' | 'global';

/** A command a key can be bound to. */
export type CommandDef = {
	/** Stable id, used in keymaps/*.json and the user config. */
	readonly id: string;
	/** One line for the help screen. */
	readonly description: string;
	/** Which mode's keys it listens to. */
	readonly mode: CommandMode;
	/** Help-screen group. */
	readonly group: 'General' | 'Navigation' | 'Table' | 'Resource' | 'YAML' | 'Logs' | 'Shell' | 'Xray' | 'Prompt' | 'Dialog';
	/** Changes cluster or engine state: refused under --readonly. */
	readonly mutating?: boolean;
	/** Asks before acting; the dialog starts on Cancel. */
	readonly confirm?: boolean;
};

/**
 * Resource commands act on the selected row and mean something only where a view
 * offers them, so two may share a key (k9s's `s` is shell on pods, scale on
 * deployments); a view must not offer two with one key.
 */
export function isResourceCommand(id: string): boolean {
	return id.startsWith('resource.');
}

/**
 * Every command kview knows. Help is generated from this list and the keymap;
 * keymap validation rejects ids not listed here.
 */
export const COMMANDS: readonly CommandDef[] = [
	{id: 'app.quit', description: 'Quit kview (on YAML or help: close it)', mode: 'global', group: 'General'},
	{id: 'app.help', description: 'Show or hide this help', mode: 'global', group: 'General'},
	{id: 'app.command', description: 'Open the command line (:pods, :ns shop, :q)', mode: 'global', group: 'General'},
	{id: 'app.filter', description: 'Filter rows (fuzzy; !x inverts; -l k=v by label)', mode: 'table', group: 'General'},
	{id: 'nav.up', description: 'Move up', mode: 'global', group: 'Navigation'},
	{id: 'nav.down', description: 'Move down', mode: 'global', group: 'Navigation'},
	{id: 'nav.top', description: 'Go to the first row', mode: 'global', group: 'Navigation'},
	{id: 'nav.bottom', description: 'Go to the last row', mode: 'global', group: 'Navigation'},
	{id: 'nav.halfPageDown', description: 'Move down half a page', mode: 'global', group: 'Navigation'},
	{id: 'nav.halfPageUp', description: 'Move up half a page', mode: 'global', group: 'Navigation'},
	{id: 'nav.pageDown', description: 'Move down a page', mode: 'global', group: 'Navigation'},
	{id: 'nav.pageUp', description: 'Move up a page', mode: 'global', group: 'Navigation'},
	{id: 'nav.drill', description: 'Open the selected row (drill down)', mode: 'table', group: 'Navigation'},
	{id: 'nav.back', description: 'Go back / clear the filter', mode: 'global', group: 'Navigation'},
	{id: 'table.sortNext', description: 'Sort by the next column', mode: 'table', group: 'Table'},
	{id: 'table.sortPrev', description: 'Sort by the previous column', mode: 'table', group: 'Table'},
	{id: 'table.sortReverse', description: 'Reverse the sort order', mode: 'table', group: 'Table'},
	{id: 'table.wide', description: 'Toggle wide columns', mode: 'table', group: 'Table'},
	{id: 'resource.yaml', description: 'Show the object as YAML', mode: 'table', group: 'Resource'},
	{id: 'resource.describe', description: 'Describe the object', mode: 'table', group: 'Resource'},
	{id: 'resource.logs', description: 'Tail logs', mode: 'table', group: 'Resource'},
	{id: 'resource.shell', description: 'Open a shell in the container (bash, else sh)', mode: 'table', group: 'Resource'},
	{id: 'resource.attach', description: "Attach to the container's main process", mode: 'table', group: 'Resource'},
	{
		id: 'resource.edit',
		description: 'Edit in $EDITOR; saved only if nobody changed it meanwhile',
		mode: 'table',
		group: 'Resource',
		mutating: true,
	},
	{id: 'resource.copy', description: 'Copy the name to the clipboard (OSC 52)', mode: 'table', group: 'Resource'},
	{
		id: 'resource.delete',
		description: 'Delete / remove (asks first; a pod at once, a container with its volumes)',
		mode: 'table',
		group: 'Resource',
		mutating: true,
		confirm: true,
	},
	{
		id: 'resource.kill',
		description: 'Kill: a pod deleted with no grace period, a container sent SIGKILL (asks first)',
		mode: 'table',
		group: 'Resource',
		mutating: true,
		confirm: true,
	},
	{id: 'resource.scale', description: 'Scale: set the number of replicas', mode: 'table', group: 'Resource', mutating: true},
	{
		id: 'resource.restart',
		description: 'Restart: a rollout restart, or the container (asks first)',
		mode: 'table',
		group: 'Resource',
		mutating: true,
		confirm: true,
	},
	{
		id: 'resource.startStop',
		description: 'Start a stopped container, stop a running one (stop asks first)',
		mode: 'table',
		group: 'Resource',
		mutating: true,
		confirm: true,
	},
	{id: 'resource.pause', description: 'Pause a running container, unpause a paused one', mode: 'table', group: 'Resource', mutating: true},
	{id: 'resource.rename', description: 'Rename the container', mode: 'table', group: 'Resource', mutating: true},
	{id: 'resource.top', description: "Show the container's processes (top)", mode: 'table', group: 'Resource'},
	{id: 'resource.history', description: "Show the image's layers (history)", mode: 'table', group: 'Resource'},
	{
		id: 'resource.prune',
		description: 'Prune: remove every unused one of this kind (shows what would go, asks first)',
		mode: 'table',
		group: 'Resource',
		mutating: true,
		confirm: true,
	},
	{id: 'resource.cordon', description: 'Cordon the node (no new pods)', mode: 'table', group: 'Resource', mutating: true, confirm: true},
	{id: 'resource.uncordon', description: 'Uncordon the node', mode: 'table', group: 'Resource', mutating: true, confirm: true},
	{
		id: 'resource.drain',
		description: 'Drain the node: cordon, evict its pods (asks first)',
		mode: 'table',
		group: 'Resource',
		mutating: true,
		confirm: true,
	},
	{
		id: 'resource.trigger',
		description: 'Run the CronJob now (asks first)',
		mode: 'table',
		group: 'Resource',
		mutating: true,
		confirm: true,
	},
	{id: 'resource.portForward', description: 'Port-forward a local port to it (:pf lists them)', mode: 'table', group: 'Resource'},
	{id: 'resource.stopForward', description: 'Stop the port-forward', mode: 'table', group: 'Resource'},
	{id: 'yaml.managedFields', description: 'Show or hide metadata.managedFields', mode: 'text', group: 'YAML'},
	{id: 'yaml.reveal', description: "Reveal or mask a Secret's values (shown decoded)", mode: 'text', group: 'YAML'},
	{id: 'yaml.json', description: 'Show the object as JSON, or back as YAML', mode: 'text', group: 'YAML'},
	{id: 'logs.follow', description: 'Follow new lines, or pause (scrolling back pauses; G follows)', mode: 'logs', group: 'Logs'},
	{id: 'logs.timestamps', description: "Show or hide each line's time", mode: 'logs', group: 'Logs'},
	{id: 'logs.wrap', description: 'Wrap long lines, or cut them at the edge', mode: 'logs', group: 'Logs'},
	{id: 'logs.colours', description: "Show the log's own colours (SGR only), or plain text", mode: 'logs', group: 'Logs'},
	{id: 'logs.search', description: 'Search: highlight matches (smartcase), n/N jump', mode: 'logs', group: 'Logs'},
	{id: 'logs.next', description: 'Next match', mode: 'logs', group: 'Logs'},
	{id: 'logs.prev', description: 'Previous match', mode: 'logs', group: 'Logs'},
	{id: 'logs.filter', description: 'Show only the lines that match (empty: all)', mode: 'logs', group: 'Logs'},
	{id: 'logs.sinceAll', description: 'Start from the tail again (the last lines, see T)', mode: 'logs', group: 'Logs'},
	{id: 'logs.since1m', description: 'Start from 1 minute ago', mode: 'logs', group: 'Logs'},
	{id: 'logs.since5m', description: 'Start from 5 minutes ago', mode: 'logs', group: 'Logs'},
	{id: 'logs.since15m', description: 'Start from 15 minutes ago', mode: 'logs', group: 'Logs'},
	{id: 'logs.since1h', description: 'Start from 1 hour ago', mode: 'logs', group: 'Logs'},
	{id: 'logs.sinceEver', description: 'Start from the beginning of the log', mode: 'logs', group: 'Logs'},
	{id: 'logs.tail', description: 'Start from the last N lines (asks N)', mode: 'logs', group: 'Logs'},
	{id: 'logs.previous', description: "The previous run's log (a crashed container), or back to the live one", mode: 'logs', group: 'Logs'},
	{id: 'logs.container', description: 'Pick the container (or all of them)', mode: 'logs', group: 'Logs'},
	{id: 'logs.save', description: 'Save the lines kept to a file', mode: 'logs', group: 'Logs'},
	{id: 'logs.clear', description: 'Clear the pane (new lines still come)', mode: 'logs', group: 'Logs'},
	{id: 'logs.split', description: 'Show the pane under the table, or full screen', mode: 'logs', group: 'Logs'},
	{id: 'logs.focus', description: 'In a split, move the keys between the table and the pane', mode: 'global', group: 'Logs'},
	{
		id: 'exec.leave',
		description: 'Leave the shell pane (the shell is ended); every other key goes to the shell',
		mode: 'exec',
		group: 'Shell',
	},
	{id: 'exec.scrollUp', description: "Scroll the shell's output back a page (any other key returns)", mode: 'exec', group: 'Shell'},
	{id: 'exec.scrollDown', description: "Scroll the shell's output forward a page", mode: 'exec', group: 'Shell'},
	{
		id: 'exec.fullscreen',
		description: 'Give the whole terminal to the shell (for vim, top...); the same key comes back',
		mode: 'exec',
		group: 'Shell',
	},
	{id: 'xray.expand', description: 'Open the node (on an open one: go to its first child)', mode: 'xray', group: 'Xray'},
	{id: 'xray.collapse', description: 'Fold the node (on a folded one or a leaf: go to its parent)', mode: 'xray', group: 'Xray'},
	{id: 'xray.open', description: 'Open the node', mode: 'xray', group: 'Xray'},
	{id: 'xray.close', description: 'Fold the node', mode: 'xray', group: 'Xray'},
	{id: 'xray.openAll', description: 'Open every node', mode: 'xray', group: 'Xray'},
	{id: 'xray.closeAll', description: 'Fold every node', mode: 'xray', group: 'Xray'},
	{id: 'xray.filter', description: 'Show the nodes whose name holds a text, with their ancestors', mode: 'xray', group: 'Xray'},
	{id: 'xray.view', description: "Open the object's view, on that object", mode: 'xray', group: 'Xray'},
	{id: 'prompt.accept', description: 'Run the command / apply the filter', mode: 'prompt', group: 'Prompt'},
	{id: 'prompt.cancel', description: 'Close the prompt', mode: 'prompt', group: 'Prompt'},
	{id: 'prompt.complete', description: 'Accept the highlighted completion', mode: 'prompt', group: 'Prompt'},
	{id: 'prompt.next', description: 'Next completion', mode: 'prompt', group: 'Prompt'},
	{id: 'prompt.prev', description: 'Previous completion', mode: 'prompt', group: 'Prompt'},
	{id: 'prompt.deleteChar', description: 'Delete the character before the cursor', mode: 'prompt', group: 'Prompt'},
	{id: 'prompt.deleteWord', description: 'Delete the word before the cursor', mode: 'prompt', group: 'Prompt'},
	{id: 'prompt.clear', description: 'Clear the prompt', mode: 'prompt', group: 'Prompt'},
	{id: 'dialog.next', description: 'Next button', mode: 'dialog', group: 'Dialog'},
	{id: 'dialog.prev', description: 'Previous button', mode: 'dialog', group: 'Dialog'},
	{id: 'dialog.accept', description: 'Press the highlighted button', mode: 'dialog', group: 'Dialog'},
	{id: 'dialog.cancel', description: 'Cancel', mode: 'dialog', group: 'Dialog'},
];

/** Command ids, for lookups. */
export const COMMAND_IDS: ReadonlySet<string> = new Set(COMMANDS.map((c) => c.id));

/** Looks a command up by id. */
export function commandById(id: string): CommandDef | undefined {
	return COMMANDS.find((c) => c.id === id);
}
