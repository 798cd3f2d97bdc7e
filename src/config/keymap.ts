import {existsSync} from 'node:fs';
import path from 'node:path';
import {COMMANDS, COMMAND_IDS, isResourceCommand, type CommandMode} from '../keys/commands.js';
import {parseBinding, type KeyToken} from '../keys/keySpec.js';
import type {Bindings} from '../keys/matcher.js';
import {readDataFile} from './dataFile.js';
import {Checker, type DataError, type Loaded} from './validate.js';

/** A loaded keymap. */
export type Keymap = {
	readonly name: string;
	readonly bindings: Bindings;
};

/** Modes whose commands listen at the same time; a key may mean only one thing within each. */
const MODE_GROUPS: readonly (readonly CommandMode[])[] = [['global', 'table'], ['global', 'text'], ['prompt'], ['dialog']];

type RawBindings = Map<string, {keys: KeyToken[][]; file: string}>;

/** Reads a keymap file's bindings into `into`, following `extends` first. */
function readKeymap(name: string, dirs: readonly string[], into: RawBindings, errors: DataError[], depth: number): string | undefined {
	const file = resolveKeymap(name, dirs);
	const read = readDataFile(file);
	if ('error' in read) {
		errors.push(read.error);
		return undefined;
	}
	const check = new Checker(file);
	const o = check.object(read.data, '');
	if (!o) {
		errors.push(...check.errors);
		return undefined;
	}
	check.known(o, '', ['name', 'description', 'extends', 'bindings']);
	if (o['extends'] !== undefined) {
		const parent = check.string(o['extends'], 'extends');
		if (parent && depth >= 4) check.fail('extends', 'keymaps extend each other too deeply (a loop?)');
		else if (parent) readKeymap(parent, dirs, into, errors, depth + 1);
	}
	const bindings = check.object(o['bindings'], 'bindings');
	if (bindings) applyBindings(check, bindings, 'bindings', into);
	errors.push(...check.errors);
	return typeof o['name'] === 'string' ? o['name'] : path.basename(file).replace(/\.\w+$/, '');
}

/** Applies `{command: keys}` over existing bindings; used for keymap files and config overrides alike. */
function applyBindings(check: Checker, bindings: Record<string, unknown>, field: string, into: RawBindings): void {
	for (const [command, value] of Object.entries(bindings)) {
		const at = `${field}.${command}`;
		if (!COMMAND_IDS.has(command)) {
			check.fail(at, 'unknown command (see the help screen, ?, for the list)');
			continue;
		}
		const list = Array.isArray(value) && value.length === 0 ? [] : check.stringList(value, at);
		if (!list) continue;
		const keys: KeyToken[][] = [];
		for (const [i, text] of list.entries()) {
			const parsed = parseBinding(text);
			if ('error' in parsed) check.fail(`${at}[${i}]`, parsed.error);
			else keys.push(parsed.keys);
		}
		into.set(command, {keys, file: check.file});
	}
}

/** A keymap name resolves in the user's keymaps dir, then the shipped one; a path is used as is. */
function resolveKeymap(name: string, dirs: readonly string[]): string {
	if (name.includes('/') || /\.(json|ya?ml)$/.test(name)) return path.resolve(name);
	for (const dir of [...dirs].reverse()) {
		for (const ext of ['.json', '.yaml', '.yml']) {
			const file = path.join(dir, name + ext);
			if (existsSync(file)) return file;
		}
	}
	return path.join(dirs[0] ?? '.', `${name}.json`);
}

/**
 * Keys that mean two things in one mode: the same sequence bound twice, or a key
 * bound alone that also starts a sequence (`g` would make `g g` unreachable).
 * Each clash is reported once, though global commands sit in several groups.
 */
function conflicts(raw: RawBindings): DataError[] {
	const modeOf = new Map(COMMANDS.map((c) => [c.id, c.mode]));
	const found = new Map<string, DataError>();
	for (const group of MODE_GROUPS) {
		const bound: {command: string; keys: readonly KeyToken[]; file: string}[] = [];
		for (const [command, {keys, file}] of raw) {
			if (group.includes(modeOf.get(command) ?? 'global')) for (const sequence of keys) bound.push({command, keys: sequence, file});
		}
		for (const [i, a] of bound.entries()) {
			for (const b of bound.slice(0, i)) {
				// Resource commands may share a key; loadConfig checks that no view offers two of them.
				if (a.command === b.command || (isResourceCommand(a.command) && isResourceCommand(b.command))) continue;
				const shorter = a.keys.length <= b.keys.length ? a : b;
				const longer = shorter === a ? b : a;
				if (!shorter.keys.every((k, j) => longer.keys[j] === k)) continue;
				const message =
					shorter.keys.length === longer.keys.length
						? `"${a.keys.join(' ')}" is also bound to ${b.command}`
						: `"${shorter.keys.join(' ')}" (${shorter.command}) hides "${longer.keys.join(' ')}" (${longer.command})`;
				const key = `${a.command}|${b.command}|${message}`;
				if (!found.has(key)) found.set(key, {file: a.file, field: `bindings.${a.command}`, message});
			}
		}
	}
	return [...found.values()];
}

/**
 * Loads a keymap by name, applies the user's single-binding overrides, and checks
 * that no key means two things in one mode. Falls back to the shipped vim keymap
 * when the chosen one cannot be read at all.
 */
export function loadKeymap(
	name: string,
	dirs: readonly string[],
	overrides: Readonly<Record<string, unknown>> | undefined,
	overridesFile: string,
): Loaded<Keymap> {
	const errors: DataError[] = [];
	const raw: RawBindings = new Map();
	let loadedName = readKeymap(name, dirs, raw, errors, 0);
	if (loadedName === undefined && name !== 'vim') loadedName = readKeymap('vim', dirs, raw, errors, 0);
	if (overrides) {
		const check = new Checker(overridesFile);
		applyBindings(check, overrides, 'bindings', raw);
		errors.push(...check.errors);
	}
	errors.push(...conflicts(raw));
	const bindings = new Map<string, readonly (readonly KeyToken[])[]>();
	for (const [command, {keys}] of raw) bindings.set(command, keys);
	return {value: {name: loadedName ?? name, bindings}, errors};
}
