import { convertField, isBlank, asResourceLocatorValue, type ConvertOptions } from './convert';
import type { FieldSpec, HttpMethod, OperationSpec, ResourceSpec } from './fields';
import { checkCertificatePdf, encodeMultipart, type FileInput, type MultipartPart } from './multipart';
import { operationSpec, resourceSpec } from './resources';
import { jsonInputProblem } from '../util/bounds';
import { ValueError } from '../util/valueError';

/** What a caller gives for one operation, with fields by their API names. */
export interface OperationInput {
	/** The object's ID, for operations whose path has `{id}`. */
	id?: unknown;
	/** Body (writes) or query filters (reads), by API field name. Blank values are left out. */
	fields?: Record<string, unknown>;
	/** Files for multipart uploads, by field name. */
	files?: Record<string, FileInput>;
	/** List paging. */
	limit?: number;
	startingAfter?: string;
	endingBefore?: string;
}

/** A fully built request, independent of any HTTP library. */
export interface PreparedRequest {
	method: HttpMethod;
	/** Relative to `/api/v1`, e.g. `/contractors/cn_123`. */
	path: string;
	query: Array<[string, string]>;
	json?: Record<string, unknown>;
	multipart?: { body: Buffer; contentType: string };
	/** For messages: "Contractor → Create". */
	label: string;
}

export const DEFAULT_CONVERT_OPTIONS: ConvertOptions = { moneyUnit: 'cents', zone: 'UTC' };

export function needsId(op: OperationSpec): boolean {
	return op.path.includes('{id}');
}

/** Builds the request for one declared operation: validates, converts money and dates, encodes the body. */
export function buildRequest(
	resource: string,
	operation: string,
	input: OperationInput = {},
	options: ConvertOptions = DEFAULT_CONVERT_OPTIONS,
): PreparedRequest {
	const spec = resourceSpec(resource);
	const op = operationSpec(resource, operation);
	const label = `${spec.displayName} → ${op.displayName}`;
	let path = spec.path + op.path;
	if (needsId(op)) path = path.replace('{id}', pathSegment(input.id, spec));
	const fields = input.fields ?? {};
	const bad = jsonInputProblem(fields);
	if (bad) throw new ValueError(bad.path, undefined, bad.problem, bad.fix);
	const query: Array<[string, string]> = [];
	const request: PreparedRequest = { method: op.method, path, query, label };

	if (op.method === 'GET' || op.method === 'DELETE') {
		checkKnown(spec, op.query ?? [], fields, label);
		for (const name of op.query ?? []) {
			const value = fields[name];
			if (isBlank(value)) continue;
			const field = spec.fields[name];
			const converted = convertField(field, value, name, options);
			if (field.kind === 'expand') {
				if (converted === true) query.push(['expand[]', field.expand ?? name]);
			} else {
				query.push([name, String(converted)]);
			}
		}
		if (op.paginated) addPaging(query, input);
		return request;
	}

	const allowed = [...(op.required ?? []), ...(op.optional ?? [])];
	checkKnown(spec, allowed, fields, label);
	if (op.multipart) {
		request.multipart = buildMultipart(spec, op, input, options, label);
		return request;
	}
	const body: Record<string, unknown> = {};
	for (const name of op.required ?? []) {
		if (isBlank(fields[name])) {
			throw new ValueError(name, fields[name], `is required for ${label}`, `Set ${spec.fields[name].displayName} (${name}).`);
		}
		body[name] = convertField(spec.fields[name], fields[name], name, options);
	}
	for (const name of op.optional ?? []) {
		if (isBlank(fields[name])) continue;
		body[name] = convertField(spec.fields[name], fields[name], name, options);
	}
	if (op.method === 'PUT' && Object.keys(body).length === 0) {
		throw new ValueError('Update Fields', fields, `are empty, so ${label} would change nothing`, 'Add at least one field to update.');
	}
	request.json = body;
	return request;
}

/**
 * 1099Policy IDs are a prefix and letters/digits (`cn_Ehb3bYa`). Anything else is refused before sending: `.` or `..`
 * survive encoding and URL normalisation then resolves them, so "contractor .." would read another endpoint.
 */
const ID_FORM = /^[A-Za-z0-9_-]{1,255}$/;

function pathSegment(value: unknown, spec: ResourceSpec): string {
	const field = `${spec.displayName} ID`;
	const id = asResourceLocatorValue(value, field);
	if (!ID_FORM.test(id)) {
		throw new ValueError(
			field,
			id.length > 80 ? `${id.slice(0, 80)}…` : id,
			'is not a 1099Policy ID (letters, digits, _ and - only, at most 255)',
			`Give the ${spec.displayName.toLowerCase()}'s ID, e.g. ${spec.idPrefix}…, as 1099Policy returned it.`,
		);
	}
	return id;
}

function addPaging(query: Array<[string, string]>, input: OperationInput): void {
	if (input.limit !== undefined) {
		if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 100) {
			throw new ValueError('limit', input.limit, 'is outside 1…100', 'Enter a page size from 1 to 100.');
		}
		query.push(['limit', String(input.limit)]);
	}
	if (input.startingAfter) query.push(['starting_after', input.startingAfter]);
	if (input.endingBefore) query.push(['ending_before', input.endingBefore]);
}

function checkKnown(spec: ResourceSpec, allowed: readonly string[], fields: Record<string, unknown>, label: string): void {
	for (const name of Object.keys(fields)) {
		if (!allowed.includes(name)) {
			throw new ValueError(
				// A key that is empty or starts or ends with a space is quoted, so the message shows exactly what was sent.
				name.trim() === name && name !== '' ? name : `(the key ${JSON.stringify(name)})`,
				fields[name],
				`is not a field of ${label}`,
				allowed.length ? `Use only: ${allowed.join(', ')}.` : 'This operation takes no fields.',
			);
		}
	}
	void spec;
}

function buildMultipart(
	spec: ResourceSpec,
	op: OperationSpec,
	input: OperationInput,
	options: ConvertOptions,
	label: string,
): { body: Buffer; contentType: string } {
	const fields = input.fields ?? {};
	const parts: MultipartPart[] = [];
	for (const name of [...(op.required ?? []), ...(op.optional ?? [])]) {
		const field: FieldSpec = spec.fields[name];
		const required = (op.required ?? []).includes(name);
		if (field.kind === 'file') {
			const file = input.files?.[name];
			if (!file) {
				if (required) throw new ValueError(name, undefined, `is required for ${label}`, `Pass the file in the ${field.displayName}.`);
				continue;
			}
			parts.push({ name, value: checkCertificatePdf(file, name) });
			continue;
		}
		if (isBlank(fields[name])) {
			if (required) throw new ValueError(name, fields[name], `is required for ${label}`, `Set ${field.displayName} (${name}).`);
			continue;
		}
		const value = convertField(field, fields[name], name, options);
		if (value && typeof value === 'object') {
			// Nested objects travel as bracketed form keys: custom_metadata[jobdiva_candidate_id]=12345.
			for (const [key, item] of Object.entries(value as Record<string, unknown>)) parts.push({ name: `${name}[${key}]`, value: String(item) });
		} else {
			parts.push({ name, value: String(value) });
		}
	}
	return encodeMultipart(parts);
}
