import type {InkKey} from '../../src/keys/keySpec.js';

/** Ink's key flags with none set: tests spread the ones a key has over it. */
export const NO_KEY: InkKey = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageUp: false,
	pageDown: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	tab: false,
	backspace: false,
	delete: false,
	ctrl: false,
	shift: false,
	meta: false,
};
