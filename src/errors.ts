/** An error the user can fix by changing how kview is started: one line, exit code 2. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

/** kview was stopped by ctrl-c before the UI started (an exec plugin's prompt): exit 130, as a shell reports SIGINT. */
export class Interrupted extends Error {
	override readonly name = 'Interrupted';
	constructor() {
		super('interrupted');
	}
}

/** Maps an error to its exit code; the only place that decides one. */
export function exitCodeFor(error: unknown): number {
	if (error instanceof Interrupted) return 130;
	return error instanceof UsageError ? 2 : 1;
}

/** One line for stderr: the message, never a stack trace. */
export function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0] ?? text;
}
