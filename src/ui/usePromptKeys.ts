import type {KeyToken} from '../keys/keySpec.js';
import type {KeyMatcher} from '../keys/matcher.js';

/** The open prompt: `:` command, `/` filter, or a question an action asks (`scale ... to`). */
export type Prompt = {
	readonly symbol: ':' | '/' | 'ask';
	readonly text: string;
	readonly completions: readonly string[];
	readonly selected: number;
	/** For a question: its label and what to do with the answer. */
	readonly ask?: {readonly label: string; readonly onSubmit: (text: string) => void};
};

/** What the prompt key handler needs from the shell. */
export type PromptKeysOptions = {
	readonly matcher: KeyMatcher;
	readonly setPrompt: (prompt: Prompt | undefined) => void;
	/** Completions for `:` text. */
	readonly complete: (text: string) => string[];
	readonly onAccept: (prompt: Prompt) => void;
};

/** Returns the key handler for an open prompt: editing commands from the keymap, other printable keys typed in. */
export function usePromptKeys({matcher, setPrompt, complete, onAccept}: PromptKeysOptions): (prompt: Prompt, token: KeyToken) => void {
	const withText = (prompt: Prompt, text: string): Prompt =>
		prompt.symbol === ':' ? {...prompt, text, completions: complete(text), selected: 0} : {...prompt, text};
	return (prompt, token) => {
		const result = matcher.feed(token, (id) => id.startsWith('prompt.'));
		if (result.type === 'pending') return;
		if (result.type === 'command') {
			const n = prompt.completions.length;
			switch (result.command) {
				case 'prompt.accept':
					setPrompt(undefined);
					return onAccept(prompt);
				case 'prompt.cancel':
					return setPrompt(undefined);
				case 'prompt.complete': {
					const chosen = prompt.completions[prompt.selected];
					return setPrompt(chosen ? withText(prompt, chosen) : prompt);
				}
				case 'prompt.next':
					return setPrompt(n > 0 ? {...prompt, selected: (prompt.selected + 1) % n} : prompt);
				case 'prompt.prev':
					return setPrompt(n > 0 ? {...prompt, selected: (prompt.selected + n - 1) % n} : prompt);
				case 'prompt.deleteChar':
					return setPrompt(prompt.text === '' ? undefined : withText(prompt, [...prompt.text].slice(0, -1).join('')));
				case 'prompt.deleteWord':
					return setPrompt(withText(prompt, prompt.text.replace(/\S*\s*$/, '')));
				case 'prompt.clear':
					return setPrompt(withText(prompt, ''));
			}
			return;
		}
		const ch = token === 'space' ? ' ' : [...token].length === 1 ? token : undefined;
		if (ch !== undefined) setPrompt(withText(prompt, prompt.text + ch));
	};
}
