import nock from 'nock';
import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEARCHABLE } from '../../nodes/Ten99Policy/fieldParameters';
import type { FieldSpec, OperationSpec } from '../../src/ten99policy/fields';
import { needsId } from '../../src/ten99policy/request';
import { RESOURCES, RESOURCE_KEYS, operationSpec, resourceSpec } from '../../src/ten99policy/resources';
import { CASES, PDF } from '../unit/ten99policy/cases';
import { parseMultipart } from '../unit/ten99policy/support';
import { answerWith, T99_BASE, T99_CREDENTIALS, T99_SECRET, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { binaryChain, chain, runWorkflow } from '../helpers/workflow';

/**
 * Every declared operation run through the node in "Fields" input mode, with each field entered the way the
 * editor stores it (resource locators, address/metadata/object fixedCollections, Additional/Update Fields,
 * Filters, Return All/Limit). The request must equal the one the unit table (test/unit/ten99policy/cases.ts)
 * expects from the client, so the node's parameters and readInput.ts are checked for every operation.
 */

const declared = RESOURCE_KEYS.flatMap((resource) =>
	Object.keys(RESOURCES[resource].operations as Record<string, OperationSpec>).map((operation) => `${resource}.${operation}`),
);

/** A field value as the n8n editor stores it. */
function toUi(field: FieldSpec, value: unknown): NodeParameterValueType {
	switch (field.kind) {
		case 'address':
			return { details: value as INodeParameters };
		case 'object':
			return { values: value as INodeParameters };
		case 'metadata':
			return { pairs: Object.entries(value as Record<string, unknown>).map(([key, item]) => ({ key, value: String(item) })) };
		case 'id':
			return SEARCHABLE.has(field.ref ?? '') ? { __rl: true, mode: 'id', value: value as string } : (value as string);
		case 'file':
			return 'data';
		default:
			return value as NodeParameterValueType;
	}
}

function nodeParameters(resource: string, operation: string): INodeParameters {
	const spec = resourceSpec(resource);
	const op = operationSpec(resource, operation);
	const input = CASES[`${resource}.${operation}`].input ?? {};
	const fields = input.fields ?? {};
	const parameters: INodeParameters = { resource, operation, options: {} };
	if (needsId(op)) parameters.id = SEARCHABLE.has(resource) ? { __rl: true, mode: 'id', value: input.id as string } : (input.id as string);
	if (op.paginated) {
		parameters.returnAll = false;
		parameters.limit = input.limit ?? 50;
	}
	if (op.query?.length) {
		parameters.filters = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, toUi(spec.fields[name], value)])) as INodeParameters;
	}
	const writable = [...(op.required ?? []), ...(op.optional ?? [])];
	if (writable.length > 0) {
		if (!op.multipart) parameters.inputMode = 'fields';
		parameters.moneyUnit = 'cents';
		for (const name of op.required ?? []) {
			parameters[name] = spec.fields[name].kind === 'file' ? 'data' : toUi(spec.fields[name], fields[name]);
		}
		const optional = Object.fromEntries(
			Object.entries(fields)
				.filter(([name]) => (op.optional ?? []).includes(name))
				.map(([name, value]) => [name, toUi(spec.fields[name], value)]),
		) as INodeParameters;
		parameters[op.method === 'PUT' ? 'updateFields' : 'additionalFields'] = optional;
	}
	return parameters;
}

/**
 * The editor's address collection defaults Country to "US" (1099Policy insures US work), so an address entered in
 * the node without a country is sent with `country: "US"`; the client-level cases have no such default.
 */
function withEditorDefaults(body: unknown): unknown {
	const copy = structuredClone(body) as Record<string, unknown>;
	const address = copy.address as Record<string, unknown> | undefined;
	if (address && address.country === undefined) address.country = 'US';
	return copy;
}

describe('every declared operation through the node', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('every operation has a case', () => {
		expect(declared.filter((key) => !(key in CASES))).toEqual([]);
	});

	it.each(declared)('%s', async (key) => {
		const [resource, operation] = key.split('.');
		const op = operationSpec(resource, operation);
		const expected = CASES[key].expect;
		const log: SeenHttp[] = [];
		// List-like answers are arrays; everything else an object.
		for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
			nock(T99_BASE)
				.intercept(/.*/, method)
				.query(true)
				.times(5)
				.reply(answerWith(log, (r) => [200, r.method === 'GET' && (op.returnsArray || r.path === '/api/v1/entities') ? [] : { id: 'x_1' }]));
		}
		const node = ten99Node(nodeParameters(resource, operation));
		const json = op.multipart
			? binaryChain([{ base64: PDF.toString('base64'), fileName: 'coi.pdf', mimeType: 'application/pdf' }], node)
			: chain([{}], node);
		const result = await runWorkflow(json, T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(result.output('1099Policy').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);

		// Composites may look up first (Entity → Find or Create lists the entities); the declared request is the last.
		const request = log[log.length - 1];
		if (!op.composite) expect(log).toHaveLength(1);
		expect(request.method).toBe(expected.method);
		expect(request.path).toBe(expected.path);
		expect(Object.entries(request.query)).toEqual(expected.query ?? []);
		expect(request.headers.authorization).toBe(`Bearer ${T99_SECRET}`);
		expect(request.headers['ten99policy-environment']).toBe('sandbox');
		// Contractor → Create or Update sends no key: a repeat is answered with duplicate_email (operations.ts).
		if (request.method === 'POST' && !(resource === 'contractor' && operation === 'upsert')) {
			expect(request.headers['ten99policy-idempotent-key']).toMatch(/^[0-9a-f-]{36}$/);
		} else {
			expect(request.headers['ten99policy-idempotent-key']).toBeUndefined();
		}
		if (expected.json !== undefined) {
			expect(request.headers['content-type']).toBe('application/json');
			expect(JSON.parse(request.body)).toEqual(withEditorDefaults(expected.json));
		} else if (expected.multipart) {
			expected.multipart(parseMultipart(request.body, request.headers['content-type']));
		} else {
			expect(request.body).toBe('');
		}
	});
});
