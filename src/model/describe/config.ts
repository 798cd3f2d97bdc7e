/** describeConfigMap and describeSecret: data keys sorted (kubectl's order is Go's random map order). */
import {describeEvents} from './events.js';
import {byteOrder, clean, printLabelsAndAnnotations, printNameAndNamespace, rec, str, strMap} from './format.js';
import type {Describer} from './types.js';

/** kubectl describe configmap: each key and its value, then the binary keys by size, then the events. */
export const describeConfigMap: Describer = (w, cm, ctx) => {
	const meta = rec(cm['metadata']);
	printNameAndNamespace(w, meta);
	printLabelsAndAnnotations(w, meta);
	w.write(0, '\nData\n====\n');
	const data = strMap(cm['data']);
	for (const key of Object.keys(data).sort(byteOrder)) {
		w.write(0, `${clean(key)}:\n----\n`);
		// A value prints as it is, line by line (kubectl would let a tab in it align as a cell).
		for (const line of (data[key] ?? '').split('\n')) w.write(0, `${clean(line)}\n`);
		w.write(0, '\n');
	}
	w.write(0, '\nBinaryData\n====\n');
	const binary = strMap(cm['binaryData']);
	for (const key of Object.keys(binary).sort(byteOrder))
		w.write(0, `${clean(key)}: ${Buffer.from(binary[key] ?? '', 'base64').length} bytes\n`);
	w.write(0, '\n');
	if (ctx.events) describeEvents(w, ctx.events, ctx.now);
};

const TOKEN_TYPE = 'kubernetes.io/service-account-token';

/**
 * describeSecret: sizes, never values, except a service-account token's, which kubectl
 * prints and kview shows only when asked to reveal secrets. kubectl shows no events here.
 */
export const describeSecret: Describer = (w, secret, ctx) => {
	const meta = rec(secret['metadata']);
	printNameAndNamespace(w, meta);
	printLabelsAndAnnotations(w, meta);
	w.write(0, `\nType:\t${clean(secret['type'])}\n`);
	w.write(0, '\nData\n====\n');
	const data = strMap(secret['data']);
	for (const key of Object.keys(data).sort(byteOrder)) {
		const value = Buffer.from(data[key] ?? '', 'base64');
		if (ctx.reveal && key === 'token' && str(secret['type']) === TOKEN_TYPE)
			w.write(0, `${clean(key)}:\t${clean(value.toString('utf8'))}\n`);
		else w.write(0, `${clean(key)}:\t${value.length} bytes\n`);
	}
};
