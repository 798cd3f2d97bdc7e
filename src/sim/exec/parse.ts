/**
 * The toy shell's grammar: words with quoting and $-expansion, `;` `&&` `||`
 * lists, `|` pipelines, `<`/`>`/`>>`/`2>`/`2>&1` redirection and `#` comments. Enough for what
 * people type into `kubectl exec -it ... -- sh` while debugging; no globs, no
 * control flow.
 */

/**
 * A piece of a word: single-quoted text is taken literally, the rest is expanded.
 * `quoted` marks double-quoted text: a word of unquoted expansions that comes out
 * empty is no word at all (`echo $UNSET x` prints `x`), a quoted one stays.
 */
export type Segment = {readonly text: string; readonly literal: boolean; readonly quoted?: boolean};
export type Word = readonly Segment[];

/** Where file descriptor `fd` goes: a file (`>`, `>>`), wherever `dup` goes (`2>&1`), or stdin from a file (`<`). */
export type Redirect =
	| {readonly fd: number; readonly append: boolean; readonly target: Word}
	| {readonly fd: number; readonly dup: number}
	| {readonly fd: 0; readonly from: Word};

/** One command: leading NAME=value assignments, the words, and its redirections in order. */
export type SimpleCommand = {
	readonly assignments: readonly {name: string; value: Word}[];
	readonly words: readonly Word[];
	readonly redirects: readonly Redirect[];
};

/** Commands joined by pipes. */
export type Pipeline = readonly SimpleCommand[];

/** Pipelines joined by `;`, `&&` and `||`: `op` says when this one runs after the previous. */
export type List = readonly {readonly op: ';' | '&&' | '||'; readonly pipeline: Pipeline}[];

type Token =
	| {type: 'word'; word: Word}
	| {type: 'op'; op: ';' | '&&' | '||' | '|'}
	| {type: 'redirect'; fd: number; append: boolean; dup?: number; input?: true};

/** A parse error, with the message sh prints. */
export class ShellSyntaxError extends Error {}

function tokenize(line: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < line.length) {
		const ch = line[i] ?? '';
		if (ch === ' ' || ch === '\t' || ch === '\n') {
			i++;
			continue;
		}
		if (ch === '#') break;
		// A redirection operator, with the descriptor only when its digit starts the token (`2>`, not `a2>`).
		const redirect = /^(\d?)(>>?|<)(?:&(\d))?/.exec(line.slice(i));
		if (redirect?.[2]) {
			const dup = redirect[3] === undefined ? undefined : Number(redirect[3]);
			const input = redirect[2] === '<';
			tokens.push({
				type: 'redirect',
				fd: redirect[1] ? Number(redirect[1]) : input ? 0 : 1,
				...(input ? {input} : {}),
				append: redirect[2] === '>>',
				...(dup === undefined ? {} : {dup}),
			});
			i += redirect[0].length;
			continue;
		}
		const two = line.slice(i, i + 2);
		if (two === '&&' || two === '||') {
			tokens.push({type: 'op', op: two});
			i += 2;
			continue;
		}
		if (ch === ';' || ch === '|') {
			tokens.push({type: 'op', op: ch});
			i++;
			continue;
		}
		if (ch === '&') throw new ShellSyntaxError('background jobs are not supported');
		const segments: Segment[] = [];
		let plain = '';
		const flush = () => {
			if (plain) segments.push({text: plain, literal: false});
			plain = '';
		};
		while (i < line.length && !' \t\n;|&<>'.includes(line[i] ?? '')) {
			const c = line[i] ?? '';
			if (c === "'") {
				const end = line.indexOf("'", i + 1);
				if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
				flush();
				segments.push({text: line.slice(i + 1, end), literal: true});
				i = end + 1;
			} else if (c === '"') {
				let j = i + 1;
				let text = '';
				while (j < line.length && line[j] !== '"') {
					if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1] ?? '')) {
						// An escaped $ must survive expansion: carry it as a literal segment.
						if (line[j + 1] === '$') {
							flush();
							if (text) segments.push({text, literal: false, quoted: true});
							text = '';
							segments.push({text: '$', literal: true});
						} else text += line[j + 1] ?? '';
						j += 2;
					} else text += line[j++] ?? '';
				}
				if (j >= line.length) throw new ShellSyntaxError('unterminated quoted string');
				flush();
				segments.push({text, literal: false, quoted: true});
				i = j + 1;
			} else if (c === '\\' && i + 1 < line.length) {
				flush();
				segments.push({text: line[i + 1] ?? '', literal: true});
				i += 2;
			} else {
				plain += c;
				i++;
			}
		}
		flush();
		// "" is an empty word, not no word.
		tokens.push({type: 'word', word: segments.length ? segments : [{text: '', literal: true}]});
	}
	return tokens;
}

/** Parses one line of input into a list of pipelines. */
export function parse(line: string): List {
	const tokens = tokenize(line);
	const list: {op: ';' | '&&' | '||'; pipeline: SimpleCommand[]}[] = [];
	let op: ';' | '&&' | '||' = ';';
	let pipeline: SimpleCommand[] = [];
	let words: Word[] = [];
	let assignments: {name: string; value: Word}[] = [];
	let redirects: Redirect[] = [];
	const endCommand = (at: string) => {
		if (!words.length && !assignments.length) throw new ShellSyntaxError(`syntax error: unexpected "${at}"`);
		pipeline.push({assignments, words, redirects});
		words = [];
		assignments = [];
		redirects = [];
	};
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i];
		if (!token) continue;
		if (token.type === 'word') {
			const first = token.word[0];
			const assignment =
				!words.length && token.word.length >= 1 && first && !first.literal ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(first.text) : null;
			if (assignment?.[1] !== undefined) {
				assignments.push({name: assignment[1], value: [{text: assignment[2] ?? '', literal: false}, ...token.word.slice(1)]});
			} else words.push(token.word);
			continue;
		}
		if (token.type === 'redirect') {
			if (token.dup !== undefined) {
				redirects.push({fd: token.fd, dup: token.dup});
				continue;
			}
			const target = tokens[++i];
			if (target?.type !== 'word') throw new ShellSyntaxError('syntax error: unexpected newline');
			if (token.input) {
				if (token.fd !== 0) throw new ShellSyntaxError(`only stdin can be read from a file, not descriptor ${token.fd}`);
				redirects.push({fd: 0, from: target.word});
			} else redirects.push({fd: token.fd, append: token.append, target: target.word});
			continue;
		}
		endCommand(token.op);
		if (token.op === '|') continue;
		list.push({op, pipeline});
		pipeline = [];
		op = token.op;
	}
	if (words.length || assignments.length) endCommand('end of file');
	else if (pipeline.length || op !== ';') throw new ShellSyntaxError('syntax error: unexpected end of file');
	if (pipeline.length) list.push({op, pipeline});
	return list;
}

/** Expands a word's $NAME, ${NAME}, $? and $$ against the environment. */
export function expand(word: Word, lookup: (name: string) => string): string {
	return word
		.map((segment) =>
			segment.literal
				? segment.text
				: segment.text.replace(
						/\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)|\?|\$)/g,
						(_whole, _all, braced?: string, bare?: string) => {
							if (braced ?? bare) return lookup(braced ?? bare ?? '');
							return lookup(_all === '?' ? '?' : '$');
						},
					),
		)
		.join('');
}
