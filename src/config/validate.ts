/** A problem found in a data or config file: which file, which field, what is wrong. */
export type DataError = {
	readonly file: string;
	readonly field: string;
	readonly message: string;
};

/** What every loader returns: the value to use (defaults where the file was bad) and what was wrong. */
export type Loaded<T> = {
	readonly value: T;
	readonly errors: readonly DataError[];
};

/** Formats an error the way the flash line and stderr show it. */
export function formatDataError(error: DataError): string {
	return error.field ? `${error.file}: ${error.field}: ${error.message}` : `${error.file}: ${error.message}`;
}

/**
 * Collects errors while walking a parsed file. Each check returns the value when it
 * is of the right type and undefined (with an error recorded) when it is not.
 */
export class Checker {
	readonly errors: DataError[] = [];

	constructor(readonly file: string) {}

	fail(field: string, message: string): undefined {
		this.errors.push({file: this.file, field, message});
		return undefined;
	}

	object(value: unknown, field: string): Record<string, unknown> | undefined {
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
		return this.fail(field, `expected an object, got ${describe(value)}`);
	}

	string(value: unknown, field: string): string | undefined {
		if (typeof value === 'string' && value !== '') return value;
		return this.fail(field, `expected a non-empty string, got ${describe(value)}`);
	}

	boolean(value: unknown, field: string): boolean | undefined {
		if (typeof value === 'boolean') return value;
		return this.fail(field, `expected true or false, got ${describe(value)}`);
	}

	integer(value: unknown, field: string, min: number, max: number): number | undefined {
		if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
		return this.fail(field, `expected a whole number from ${min} to ${max}, got ${describe(value)}`);
	}

	oneOf<T extends string>(value: unknown, field: string, choices: readonly T[]): T | undefined {
		if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
		return this.fail(field, `expected one of ${choices.join(', ')}, got ${describe(value)}`);
	}

	stringList(value: unknown, field: string): string[] | undefined {
		const list = typeof value === 'string' ? [value] : value;
		if (Array.isArray(list) && list.every((v) => typeof v === 'string' && v !== '')) return list as string[];
		return this.fail(field, `expected a string or a list of strings, got ${describe(value)}`);
	}

	/** Records unknown keys: a typo in a data file should not pass silently. */
	known(object: Record<string, unknown>, field: string, keys: readonly string[]): void {
		for (const key of Object.keys(object)) {
			if (!keys.includes(key)) this.fail(field ? `${field}.${key}` : key, `unknown field (expected one of ${keys.join(', ')})`);
		}
	}
}

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	if (typeof value === 'object') return 'an object';
	return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}
