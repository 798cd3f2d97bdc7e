import {STATUS_CODES} from 'node:http';
import type {Duplex} from 'node:stream';
import type {Status} from './types.js';

/** An error the API answers with a Status body, as a real server does. */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		readonly reason: string,
		message: string,
		readonly details?: Status['details'],
	) {
		super(message);
	}

	/** The Status body for the wire. */
	toStatus(): Status {
		return {
			kind: 'Status',
			apiVersion: 'v1',
			metadata: {},
			status: 'Failure',
			message: this.message,
			reason: this.reason,
			...(this.details ? {details: this.details} : {}),
			code: this.code,
		};
	}
}

/** The object a name names is not there. */
export function notFound(resource: string, name: string, group = ''): ApiError {
	const what = group ? `${resource}.${group}` : resource;
	return new ApiError(404, 'NotFound', `${what} "${name}" not found`, {name, ...(group ? {group} : {}), kind: resource});
}

/** A create for a name that exists. */
export function alreadyExists(resource: string, name: string, group = ''): ApiError {
	const what = group ? `${resource}.${group}` : resource;
	return new ApiError(409, 'AlreadyExists', `${what} "${name}" already exists`, {name, ...(group ? {group} : {}), kind: resource});
}

/** An update from a stale resourceVersion. */
export function conflict(resource: string, name: string, group = ''): ApiError {
	const what = group ? `${resource}.${group}` : resource;
	return new ApiError(
		409,
		'Conflict',
		`Operation cannot be fulfilled on ${what} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
		{name, ...(group ? {group} : {}), kind: resource},
	);
}

/** A request the server cannot make sense of. */
export function badRequest(message: string): ApiError {
	return new ApiError(400, 'BadRequest', message);
}

/** A semantically invalid object. */
export function invalid(kind: string, name: string, causes: {field: string; message: string}[], group = ''): ApiError {
	const what = group ? `${kind}.${group}` : kind;
	const message = `${what} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`;
	return new ApiError(422, 'Invalid', message, {
		name,
		...(group ? {group} : {}),
		kind,
		causes: causes.map((c) => ({reason: 'FieldValueInvalid', message: c.message, field: c.field})),
	});
}

/** A watch from a resourceVersion older than the history kept. */
export function expired(rv: string, oldest: number): ApiError {
	return new ApiError(410, 'Expired', `too old resource version: ${rv} (${oldest})`);
}

/**
 * Answers an upgrade request (exec, attach, port-forward) that will not be
 * upgraded: the socket has no ServerResponse, so the Status goes out as raw HTTP.
 */
export function refuseUpgrade(socket: Duplex, error: unknown): void {
	const status = error instanceof ApiError ? error.toStatus() : {code: 500, message: String(error)};
	const body = JSON.stringify(status);
	socket.end(
		`HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
	);
}
