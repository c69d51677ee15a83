import { pick } from 'lodash';
import type { JsonType, ResourceSpec } from './fields';

/** The operations Simplify applies to: those that output the resource's own objects as 1099Policy returns them. */
const SIMPLIFIED_OPERATIONS = ['get', 'list'];

/** Whether an operation offers Simplify (node version 2): Get and Get Many of a resource declaring `simplified`. */
export function offersSimplify(spec: ResourceSpec, operation: string): boolean {
	return spec.simplified !== undefined && SIMPLIFIED_OPERATIONS.includes(operation);
}

/** An object reduced to the resource's simplified fields, in their declared order (fields the object lacks stay absent). */
export function simplifyObject(spec: ResourceSpec, object: Record<string, unknown>): Record<string, unknown> {
	return spec.simplified ? pick(object, Object.keys(spec.simplified)) : object;
}

const SCHEMA_OF: Record<JsonType, Record<string, unknown>> = {
	string: { type: 'string' },
	integer: { type: 'integer' },
	boolean: { type: 'boolean' },
	object: { type: 'object', additionalProperties: { type: 'string' } },
	array: { type: 'array', items: { type: 'string' } },
};

/**
 * The JSON Schema of one simplified output item, as n8n's editor reads it from
 * `<node folder>/__schema__/v<major.minor.patch>/<resource>/<operation>.json` to show the fields of a node that has not run yet.
 */
export function outputSchema(spec: ResourceSpec): Record<string, unknown> | undefined {
	if (!spec.simplified) return undefined;
	const properties = Object.fromEntries(Object.entries(spec.simplified).map(([name, type]) => [name, SCHEMA_OF[type]]));
	return { type: 'object', properties, required: ['id'] };
}
