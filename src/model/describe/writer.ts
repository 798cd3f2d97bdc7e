import {tabwrite} from './tabwriter.js';

/**
 * kubectl's PrefixWriter: text written at an indent level (two spaces a level), with
 * tabs marking the cells the tab writer aligns when the text is turned into lines.
 * Everything from a cluster must reach it through `clean` (format.ts) so that a
 * value can neither carry escape sequences nor add tabs or line breaks of its own.
 */
export class DescribeWriter {
	private text = '';

	/** Writes `text` after `level` indents (kubectl's Write(level, ...)). */
	write(level: number, text: string): void {
		this.text += '  '.repeat(level) + text;
	}

	/** Writes `text` and a line break with no indent (kubectl's WriteLine). */
	writeLine(text = ''): void {
		this.text += `${text}\n`;
	}

	/** The aligned lines, as tabbedString gives them (without the final line break). */
	lines(): string[] {
		const lines = tabwrite(this.text).split('\n');
		if (lines.at(-1) === '') lines.pop();
		return lines;
	}
}

/** What the describers write to: the writer or a nested view of it. */
export type Writer = Pick<DescribeWriter, 'write' | 'writeLine'>;

/**
 * A writer whose every level is `indent` levels deeper (kubectl's nestedPrefixWriter,
 * whose WriteLine also indents, so a value written that way is shifted in its cell).
 */
export function nest(w: Writer, indent: number): Writer {
	return {
		write: (level, text) => w.write(level + indent, text),
		writeLine: (text) => w.write(indent, `${text ?? ''}\n`),
	};
}
