/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../../src/ten99policy/fields';
import { buildRequest } from '../../../src/ten99policy/request';
import { RESOURCES, RESOURCE_KEYS } from '../../../src/ten99policy/resources';
import { CASES, ref } from './cases';
import { BASE, SECRET, UUID_V4, makeClient, parseMultipart, recorder, setupNock, teardownNock, type SeenRequest } from './support';

// The cases, with the reference request examples and notes on where we differ from them (postalcode as a string,
// IDs in the path), are in ./cases.ts; test/nodes/ten99policy-operations.test.ts runs the same cases through the node.
const declared = RESOURCE_KEYS.flatMap((resource) =>
	Object.keys(RESOURCES[resource].operations as Record<string, OperationSpec>).map((operation) => `${resource}.${operation}`),
);

describe('request shape of every declared operation', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	it('every operation has a case, and every case is a declared operation', () => {
		expect(declared.filter((key) => !(key in CASES))).toEqual([]);
		expect(Object.keys(CASES).filter((key) => !declared.includes(key))).toEqual([]);
		// The cases double as the list of operations in 1099Policy's docs: removing an operation from the declaration fails too.
		expect(declared).toHaveLength(Object.keys(CASES).length);
	});

	it.each(declared)('%s', async (key) => {
		const [resource, operation] = key.split('.');
		const testCase = CASES[key];
		expect(testCase, `no request-shape case for ${key}`).toBeDefined();
		const op = (RESOURCES as Record<string, { operations: Record<string, OperationSpec> }>)[resource].operations[operation];
		expect(op.method).toBe(testCase.expect.method);

		const seen: SeenRequest[] = [];
		const scope = nock(BASE).intercept(testCase.expect.path, testCase.expect.method).query(true).reply(recorder(seen, 200, op.paginated || op.returnsArray ? [{ id: 'x_1' }] : { id: 'x_1' }));
		const { client } = makeClient();
		await client.call(resource, operation, testCase.input ?? {});
		scope.done();
		expect(seen).toHaveLength(1);
		const [request] = seen;

		expect(request.method).toBe(testCase.expect.method);
		expect(request.path).toBe(testCase.expect.path);
		expect(request.query).toEqual(testCase.expect.query ?? []);
		expect(request.headers.authorization).toBe(`Bearer ${SECRET}`);
		expect(request.headers['ten99policy-environment']).toBe('sandbox');
		expect(request.headers.accept).toBe('application/json');
		if (request.method === 'POST') {
			expect(request.headers['ten99policy-idempotent-key']).toMatch(UUID_V4);
		} else {
			expect(request.headers['ten99policy-idempotent-key']).toBeUndefined();
		}

		if (testCase.expect.json !== undefined) {
			expect(request.headers['content-type']).toBe('application/json');
			expect(JSON.parse(request.body)).toEqual(testCase.expect.json);
		} else if (testCase.expect.multipart) {
			expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
			testCase.expect.multipart(parseMultipart(request.body, request.headers['content-type']));
		} else {
			expect(request.body).toBe('');
			expect(request.headers['content-type']).toBeUndefined();
		}
	});

	it('a given idempotency key is sent as is on a POST', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).post('/api/v1/quotes').reply(recorder(seen));
		const { client } = makeClient();
		await client.call('quote', 'create', { fields: ref('quote') }, { idempotencyKey: 'jobdiva-candidate-12345' });
		expect(seen[0].headers['ten99policy-idempotent-key']).toBe('jobdiva-candidate-12345');
	});

	it('each POST gets a fresh UUID v4 by default', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).post('/api/v1/quotes').times(2).reply(recorder(seen));
		const { client } = makeClient();
		await client.call('quote', 'create', { fields: ref('quote') });
		await client.call('quote', 'create', { fields: ref('quote') });
		expect(seen[0].headers['ten99policy-idempotent-key']).toMatch(UUID_V4);
		expect(seen[1].headers['ten99policy-idempotent-key']).toMatch(UUID_V4);
		expect(seen[0].headers['ten99policy-idempotent-key']).not.toBe(seen[1].headers['ten99policy-idempotent-key']);
	});

	it('idempotencyKey: false sends no key', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).post('/api/v1/quotes').reply(recorder(seen));
		const { client } = makeClient();
		await client.call('quote', 'create', { fields: ref('quote') }, { idempotencyKey: false });
		expect(seen[0].headers['ten99policy-idempotent-key']).toBeUndefined();
	});

	it('the production environment and a base URL with /api/v1 and a trailing slash', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).get('/api/v1/contractors/cn_1').reply(recorder(seen));
		const { fetchTransport } = await import('./support');
		const { client } = makeClient({
			baseUrl: `${BASE}/api/v1/`,
			transport: fetchTransport({ apiKey: SECRET, environment: 'production', baseUrl: BASE }),
		});
		await client.call('contractor', 'get', { id: 'cn_1' });
		expect(seen[0].path).toBe('/api/v1/contractors/cn_1');
		expect(seen[0].headers['ten99policy-environment']).toBe('production');
	});

	it('IDs outside 1099Policy\'s ID form never reach the path; resource-locator values are accepted', () => {
		expect(() => buildRequest('contractor', 'get', { id: 'cn_a/b c' })).toThrow(/Contractor ID: is not a 1099Policy ID/);
		expect(buildRequest('contractor', 'get', { id: { __rl: true, mode: 'list', value: 'cn_1' } }).path).toBe('/contractors/cn_1');
	});

	it('refuses what would send a wrong request, before sending it', () => {
		// Missing required field, named.
		expect(() => buildRequest('contractor', 'create', { fields: { first_name: 'Jo', last_name: 'Lee' } })).toThrow(/email: is required for Contractor → Create/);
		// Unknown field, with the allowed ones.
		expect(() => buildRequest('quote', 'create', { fields: { ...ref('quote'), colour: 'red' } })).toThrow(/colour: is not a field of Quote → Create.*Use only: contractor, job, coverage_type/);
		// A key with spaces around it (or none at all) is quoted, so the message shows exactly what was sent.
		expect(() => buildRequest('contractor', 'create', { fields: { ' !': [] } })).toThrow(/^\(the key " !"\): is not a field of Contractor → Create/);
		expect(() => buildRequest('contractor', 'create', { fields: { '': 1 } })).toThrow(/^\(the key ""\): is not a field/);
		// An empty update changes nothing.
		expect(() => buildRequest('job', 'update', { id: 'jb_1', fields: {} })).toThrow(/would change nothing/);
		// An ID of the wrong resource.
		expect(() => buildRequest('quote', 'create', { fields: { ...ref('quote'), job: 'cn_Ehb3bYa' } })).toThrow(/job: is a Contractor ID \(cn_…\), not a Job ID/);
		// No ID for a GET.
		expect(() => buildRequest('contractor', 'get', {})).toThrow(/Contractor ID: is empty/);
		// A region that is not a state code.
		expect(() => buildRequest('contractor', 'create', { fields: { ...ref('contractor'), address: { region: 'California' } } })).toThrow(/address\.region: is not a 2-letter state code/);
		// A coverage type that does not exist.
		expect(() => buildRequest('quote', 'create', { fields: { ...ref('quote'), coverage_type: ['general', 'auto'] } })).toThrow(/coverage_type: contains a value that is not allowed/);
		// A page size 1099Policy does not serve.
		expect(() => buildRequest('contractor', 'list', { limit: 101 })).toThrow(/limit: is outside 1…100/);
	});
});
