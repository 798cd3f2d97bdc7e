/** A selection inside a scrolled list. */
export type Cursor = {readonly selected: number; readonly top: number};

/** Motions the table and text screens share. */
export type Motion = 'up' | 'down' | 'top' | 'bottom' | 'halfPageDown' | 'halfPageUp' | 'pageDown' | 'pageUp';

/** Keeps `selected` inside [0, count) and the window [top, top+height) around it. */
export function clampCursor(cursor: Cursor, count: number, rawHeight: number): Cursor {
	const height = Math.max(1, rawHeight);
	const last = Math.max(0, count - 1);
	const selected = Math.min(Math.max(0, cursor.selected), last);
	let top = Math.min(Math.max(0, cursor.top), Math.max(0, count - height));
	if (selected < top) top = selected;
	if (selected >= top + height) top = selected - height + 1;
	return {selected, top: Math.max(0, top)};
}

/** Applies a motion; pages move the window with the selection, as vim's ctrl-d/ctrl-f do. */
export function moveCursor(cursor: Cursor, motion: Motion, count: number, height: number): Cursor {
	const page = Math.max(1, height);
	const half = Math.max(1, Math.floor(height / 2));
	const {selected, top} = cursor;
	switch (motion) {
		case 'up':
			return clampCursor({selected: selected - 1, top}, count, height);
		case 'down':
			return clampCursor({selected: selected + 1, top}, count, height);
		case 'top':
			return clampCursor({selected: 0, top: 0}, count, height);
		case 'bottom':
			return clampCursor({selected: count - 1, top: count - height}, count, height);
		case 'halfPageDown':
			return clampCursor({selected: selected + half, top: top + half}, count, height);
		case 'halfPageUp':
			return clampCursor({selected: selected - half, top: top - half}, count, height);
		case 'pageDown':
			return clampCursor({selected: selected + page, top: top + page}, count, height);
		case 'pageUp':
			return clampCursor({selected: selected - page, top: top - page}, count, height);
	}
}

/** The motion a navigation command means, if it is one. */
export function motionFor(command: string): Motion | undefined {
	return MOTIONS.get(command);
}

const MOTIONS: ReadonlyMap<string, Motion> = new Map(
	Object.entries({
		'nav.up': 'up',
		'nav.down': 'down',
		'nav.top': 'top',
		'nav.bottom': 'bottom',
		'nav.halfPageDown': 'halfPageDown',
		'nav.halfPageUp': 'halfPageUp',
		'nav.pageDown': 'pageDown',
		'nav.pageUp': 'pageUp',
	} as const),
);
