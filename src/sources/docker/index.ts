import {readFileSync} from 'node:fs';
import type {ResourceObject} from '../types.js';
import {DockerClient, type DockerEndpoint} from './client.js';
import {DockerSource} from './dockerSource.js';
import {resolveLocalEngines, type Engine, type EngineResolution} from './engines.js';

export type {DockerSource} from './dockerSource.js';

/** An engine that cannot be opened (a Windows pipe here, an unreadable TLS file): one line to show. */
export class DockerEngineError extends Error {
	override readonly name = 'DockerEngineError';
}

function readPem(file: string | undefined, what: string): Buffer | undefined {
	if (!file) return undefined;
	try {
		return readFileSync(file);
	} catch (error) {
		throw new DockerEngineError(`cannot read the Docker TLS ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
}

function endpointOf(engine: Engine): DockerEndpoint {
	const e = engine.endpoint;
	switch (e.kind) {
		case 'unix':
			return e;
		case 'ssh':
			return {kind: 'ssh', host: e.host, user: e.user, port: e.port};
		case 'tcp': {
			const tls = engine.tls;
			if (!tls) return {kind: 'tcp', host: e.host, port: e.port};
			const [ca, cert, key] = [readPem(tls.ca, 'CA'), readPem(tls.cert, 'certificate'), readPem(tls.key, 'key')];
			return {
				kind: 'tcp',
				host: e.host,
				port: e.port,
				tls: {...(ca ? {ca} : {}), ...(cert ? {cert} : {}), ...(key ? {key} : {}), verify: tls.verify},
			};
		}
		case 'npipe':
			throw new DockerEngineError(`${engine.host} is a Windows named pipe; kview reaches Docker here by unix://, tcp:// or ssh://`);
	}
}

/** The rows of `:dctx`: every engine found, the one in use marked as `docker context ls` marks it. */
function engineRows(resolution: EngineResolution, current: string): (readonly [string, ResourceObject])[] {
	return resolution.engines.map((e) => [
		e.name,
		{
			metadata: {name: e.name},
			spec: {host: e.host, from: e.source, ...(e.description ? {description: e.description} : {})},
			status: {current: e.name === current ? '*' : ''},
		},
	]);
}

/** The user's Docker engines, and a way to open any of them as a source. */
export type DockerEngines = {
	readonly resolution: EngineResolution;
	/** Opens the named engine (default: the one the docker CLI would use); throws DockerEngineError with a one-line reason. */
	readonly open: (name?: string) => DockerSource;
};

/** Finds the engines as the docker CLI would (DOCKER_HOST, DOCKER_CONTEXT, contexts, sockets); connects to nothing yet. */
export function dockerEngines(resolution: EngineResolution = resolveLocalEngines()): DockerEngines {
	return {
		resolution,
		open: (name = resolution.current) => {
			const engine = resolution.engines.find((e) => e.name === name);
			if (!engine)
				throw new DockerEngineError(`no Docker engine called "${name}" (engines: ${resolution.engines.map((e) => e.name).join(', ')})`);
			const client = new DockerClient(endpointOf(engine), engine.host);
			return new DockerSource(client, engine.name, undefined, engineRows(resolution, engine.name));
		},
	};
}
