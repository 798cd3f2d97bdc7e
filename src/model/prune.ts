import {decimalSize} from './byteSize.js';
import {getField, valueText} from './fieldPath.js';
import type {ResourceObject} from '../sources/types.js';

/** What a prune of a Docker kind would remove, worked out from the rows shown: the count and a line for the question. */
export type PruneSummary = {readonly count: number; readonly text: string};

const NAMES_SHOWN = 3;

function named(kind: string, names: readonly string[], extra = ''): PruneSummary {
	const shown = names.slice(0, NAMES_SHOWN).join(', ');
	const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
	return {count: names.length, text: names.length === 0 ? `no ${kind}` : `${names.length} ${kind}${extra}: ${shown}${more}`};
}

/** Networks every engine has; a prune never removes them. */
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'ingress', 'docker_gwbridge']);

/**
 * What `docker <kind> prune` removes, by the engine's rules: stopped containers (exited,
 * created, dead), dangling images no container uses, volumes and custom networks no container uses.
 */
export function pruneSummary(kind: string, rows: readonly ResourceObject[]): PruneSummary | undefined {
	const name = (o: ResourceObject) => valueText(getField(o, 'metadata.name'));
	const docker = (o: ResourceObject, field: string) => getField(o, `docker.${field}`);
	switch (kind) {
		case 'containers':
			return named('stopped containers', rows.filter((o) => ['exited', 'created', 'dead'].includes(String(docker(o, 'state')))).map(name));
		case 'images': {
			const byId = new Map<string, ResourceObject>();
			for (const o of rows) if (docker(o, 'dangling') === true && !docker(o, 'containers')) byId.set(String(docker(o, 'id')), o);
			const size = [...byId.values()].reduce((sum, o) => sum + Number(docker(o, 'size') ?? 0), 0);
			const ids = [...byId.values()].map((o) => String(docker(o, 'shortId')));
			return named('dangling images', ids, size > 0 ? ` (${decimalSize(size)})` : '');
		}
		case 'volumes':
			return named('unused volumes', rows.filter((o) => !docker(o, 'containers')).map(name));
		case 'networks':
			return named('unused networks', rows.filter((o) => !docker(o, 'containers') && !PREDEFINED_NETWORKS.has(name(o))).map(name));
		default:
			return undefined;
	}
}
