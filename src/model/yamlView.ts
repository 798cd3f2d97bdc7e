import {stringify} from 'yaml';

type Json = Record<string, unknown>;

/** How an object is shown as YAML. */
export type YamlOptions = {
	/** metadata.managedFields is noise for a person; shown only when asked. */
	readonly managedFields: boolean;
	/** The object is a Secret: its values stay masked until revealed. (List items carry no kind, so the view says.) */
	readonly secret: boolean;
	/** The object is a Docker container's inspect: values of secret-looking variables in Config.Env stay masked until revealed. */
	readonly env?: boolean;
	/** Secret values show decoded, environment values as they are. */
	readonly revealed: boolean;
	/** JSON instead of YAML (masking alike), for pasting into jq or a ticket. */
	readonly json?: boolean;
};

/** Environment variable names that usually hold credentials. */
const SECRET_NAME = /pass(word|wd)?|secret|token|credential|private|api_?key|access_?key|auth|session|cookie|dsn|(^|_)key$/i;

/** `KEY=value` entries with the values of secret-looking names masked. */
function maskEnv(env: unknown): unknown {
	if (!Array.isArray(env)) return env;
	return env.map((entry: unknown) => {
		if (typeof entry !== 'string') return entry;
		const eq = entry.indexOf('=');
		return eq > 0 && SECRET_NAME.test(entry.slice(0, eq)) ? `${entry.slice(0, eq)}=${MASK}` : entry;
	});
}

const MASK = '••••••••';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function decode(value: unknown): string {
	if (typeof value !== 'string') return '';
	const bytes = Buffer.from(value, 'base64');
	const text = bytes.toString('utf8');
	// Binary data would put raw bytes on the terminal; show how much there is instead.
	const binary = text.includes('\uFFFD') || [...text].some((c) => c.charCodeAt(0) < 9 || (c.charCodeAt(0) > 13 && c.charCodeAt(0) < 32));
	return binary ? `(${bytes.length} bytes of binary data)` : text;
}

/**
 * The object as YAML lines for the text screen: managedFields dropped unless
 * asked for; a Secret's data, stringData and its last-applied copy (which holds
 * the values too) masked, or decoded once revealed.
 */
export function yamlLines(object: Json, options: YamlOptions): string[] {
	const metadata = {...((object['metadata'] ?? {}) as Json)};
	if (!options.managedFields) delete metadata['managedFields'];
	let shown: Json = {...object, metadata};
	if (options.secret) {
		const annotations = metadata['annotations'] as Record<string, string> | undefined;
		if (annotations?.[LAST_APPLIED] !== undefined)
			metadata['annotations'] = {...annotations, [LAST_APPLIED]: options.revealed ? annotations[LAST_APPLIED] : MASK};
		const data = (object['data'] ?? {}) as Json;
		const stringData = object['stringData'] as Json | undefined;
		shown = {
			...shown,
			data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, options.revealed ? decode(v) : MASK])),
			...(stringData ? {stringData: Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, options.revealed ? v : MASK]))} : {}),
		};
	}
	if (options.env && !options.revealed) {
		const config = shown['Config'];
		if (config && typeof config === 'object') shown = {...shown, Config: {...(config as Json), Env: maskEnv((config as Json)['Env'])}};
	}
	if (options.json) return JSON.stringify(shown, null, 2).split('\n');
	const text = stringify(shown, {lineWidth: 0});
	return text.replace(/\n$/, '').split('\n');
}
