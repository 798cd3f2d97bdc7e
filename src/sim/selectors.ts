import {matchesLabels, parseLabelSelector, type LabelSelector} from '../model/labelSelector.js';
import {getField, valueText} from '../model/fieldPath.js';
import {badRequest} from './errors.js';
import type {KubeObject, ResourceDef} from './types.js';

/** A parsed field selector requirement. */
type FieldRequirement = {readonly path: string; readonly field: string; readonly value: string; readonly negate: boolean};

/** Parses `labelSelector`; a bad one is a 400, as the API server answers. */
export function labelSelectorFrom(text: string | null): LabelSelector {
	if (!text) return [];
	const parsed = parseLabelSelector(text);
	if ('error' in parsed) throw badRequest(`unable to parse requirement: ${parsed.error}`);
	return parsed.selector;
}

/**
 * Parses `fieldSelector` (`a=b`, `a==b`, `a!=b`, comma-separated). Every kind knows
 * metadata.name and metadata.namespace; others only the fields their resource
 * lists; anything else is 400 "field label not supported", as on a real server.
 */
export function fieldSelectorFrom(text: string | null, def: ResourceDef): FieldRequirement[] {
	if (!text) return [];
	const out: FieldRequirement[] = [];
	for (const part of text.split(',')) {
		if (part.trim() === '') continue;
		const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(part.trim());
		if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
		const field = (m[1] ?? '').trim();
		const known = field === 'metadata.name' || field === 'metadata.namespace' ? field : def.fields?.[field];
		// Kinds with field labels of their own answer through their conversion function; the rest through the generic one.
		if (!known)
			throw badRequest(
				def.fields
					? `field label not supported: ${field}`
					: `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
			);
		out.push({field, path: known, value: m[3] ?? '', negate: m[2] === '!='});
	}
	return out;
}

/** Whether an object passes both selectors. */
export function matchesSelectors(object: KubeObject, labels: LabelSelector, fields: readonly FieldRequirement[]): boolean {
	if (labels.length > 0 && !matchesLabels(labels, object.metadata.labels)) return false;
	for (const req of fields) {
		const value = valueText(getField(object, req.path));
		if ((value === req.value) === req.negate) return false;
	}
	return true;
}
