import {isDeepStrictEqual} from 'node:util';
import {parse, stringify} from 'yaml';

type Json = Record<string, unknown>;

/** What came back from the editor. */
export type EditResult =
	| {readonly type: 'unchanged'}
	| {readonly type: 'empty'}
	| {readonly type: 'invalid'; readonly message: string}
	| {readonly type: 'changed'; readonly object: Json};

const HEADER = [
	'# Edit the object below and save to apply it. Lines beginning with # are ignored;',
	'# an empty file cancels the edit. kview saves it only if nobody changed the object',
	'# since it was read (its resourceVersion); a refused edit comes back here.',
];

function comment(lines: readonly string[]): string {
	// A server's message may span lines; every one of them must stay a comment.
	return lines
		.flatMap((l) => l.split('\n'))
		.map((l) => `# ${l}`.trimEnd())
		.join('\n');
}

/** The object as kubectl edit shows it: YAML without managedFields (the server keeps those). */
export function editableText(object: Json, problems: readonly string[] = []): string {
	const metadata = {...((object['metadata'] ?? {}) as Json)};
	delete metadata['managedFields'];
	const body = stringify({...object, metadata}, {lineWidth: 0});
	const notes = problems.length ? `\n#\n${comment(problems)}\n` : '\n';
	return `${HEADER.join('\n')}${notes}#\n${body}`;
}

/** Reads the editor's text back against the object it started from. */
export function readEdit(text: string, original: Json): EditResult {
	// Only for "is anything left": a line starting with # inside a block scalar (a script in a ConfigMap) is content, which the parser knows.
	if (text.split('\n').every((l) => l.trim() === '' || l.trimStart().startsWith('#'))) return {type: 'empty'};
	let parsed: unknown;
	try {
		parsed = parse(text);
	} catch (error) {
		// The parser's first line ends with a colon before the excerpt it shows on the next lines.
		const first = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').replace(/:\s*$/, '');
		return {type: 'invalid', message: `not valid YAML: ${first}`};
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {type: 'invalid', message: 'the edit must be one object'};
	const object = parsed as Json;
	const before = {...original, metadata: {...((original['metadata'] ?? {}) as Json)}};
	delete before['metadata']['managedFields'];
	if (isDeepStrictEqual(object, before)) return {type: 'unchanged'};
	return {type: 'changed', object};
}

/**
 * The text to reopen after the server refused an edit: the user's own edit, with
 * the reason on top. After a conflict it carries the latest resourceVersion, so
 * saving again overwrites what the other writer did — the note says so plainly.
 */
export function keptEditText(edited: Json, reason: string, latestResourceVersion?: string): string {
	const metadata = {...((edited['metadata'] ?? {}) as Json)};
	const problems = [`The server refused this edit: ${reason}`];
	if (latestResourceVersion !== undefined) {
		problems.push(
			`Someone changed the object after you opened it (resourceVersion ${String(metadata['resourceVersion'])} -> ${latestResourceVersion}).`,
			'Your edit is kept below. Compare it with the latest (y on the row), then save again to',
			'overwrite their change, or empty the file to give up.',
		);
		metadata['resourceVersion'] = latestResourceVersion;
	}
	return editableText({...edited, metadata}, problems);
}

/** An object without what its writers other than the user touch: status, and the server's bookkeeping. */
function userPart(object: Json): Json {
	const metadata = {...((object['metadata'] ?? {}) as Json)};
	delete metadata['resourceVersion'];
	delete metadata['managedFields'];
	const rest: Record<string, unknown> = {...object, metadata};
	delete rest['status'];
	return rest;
}

/**
 * Whether an object changed only where the user's edit cannot have meant to
 * (its status, written by controllers every few seconds), so the edit may be
 * saved over the newer version without losing anyone's change. kubectl edit gets
 * the same effect from a three-way patch.
 */
export function onlyStatusChanged(before: Json, after: Json): boolean {
	return isDeepStrictEqual(userPart(before), userPart(after));
}
