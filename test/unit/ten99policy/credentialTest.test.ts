import nock from 'nock';
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ten99PolicyApiTest } from '../../../nodes/Ten99Policy/methods';
import { Ten99Policy } from '../../../nodes/Ten99Policy/Ten99Policy.node';
import { BASE, SECRET, recorder, setupNock, teardownNock, type SeenRequest } from './support';

// What n8n passes a credential test as `this`: its request helper, which the test must use (not global fetch).
const context: ICredentialTestFunctions = new CredentialTestContext();
const test = (data: ICredentialDataDecryptedObject) => ten99PolicyApiTest.call(context, { id: '1', name: '1099Policy', type: 'ten99PolicyApi', data });

describe('credential test ten99PolicyApiTest', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	it('is the node credential test', () => {
		const node = new Ten99Policy();
		expect(node.description.credentials?.[0]).toMatchObject({ name: 'ten99PolicyApi', testedBy: 'ten99PolicyApiTest' });
		expect(node.methods.credentialTest.ten99PolicyApiTest).toBe(ten99PolicyApiTest);
	});

	it('OK against GET /api/v1/contractors?limit=1 with the Bearer key and the environment header', async () => {
		const seen: SeenRequest[] = [];
		const scope = nock(BASE).get('/api/v1/contractors').query({ limit: '1' }).reply(recorder(seen, 200, []));
		const result = await test({ apiKey: SECRET, environment: 'production', baseUrl: BASE });
		expect(result).toEqual({ status: 'OK', message: 'Connected to 1099Policy (production)' });
		scope.done();
		expect(seen[0].headers.authorization).toBe(`Bearer ${SECRET}`);
		expect(seen[0].headers['ten99policy-environment']).toBe('production');
		expect(seen[0].query).toEqual([['limit', '1']]);
	});

	it("shows 1099Policy's own message and code when the key is refused (401), and not the key", async () => {
		nock(BASE).get('/api/v1/contractors').query({ limit: '1' }).reply(401, { message: 'Invalid API key provided', error_code: 'invalid_api_key' });
		const result = await test({ apiKey: SECRET, environment: 'sandbox', baseUrl: BASE });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Invalid API key provided');
		expect(result.message).toContain('invalid_api_key');
		expect(result.message).toContain('401');
		expect(result.message).not.toContain(SECRET);
	});

	it('is not retried: one 500 is reported at once', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).get('/api/v1/contractors').query(true).times(3).reply(recorder(seen, 500, { message: 'Internal error', error_code: 'server_error' }));
		const result = await test({ apiKey: SECRET, environment: 'sandbox', baseUrl: BASE });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Internal error');
		expect(seen).toHaveLength(1);
	});

	it.each(['http://api.1099policy.com', 'http://10.0.0.5:4599', 'http://sandbox.example.com'])('refuses the plain-http base URL %s without sending the key', async (baseUrl) => {
		const scope = nock(new URL(baseUrl).origin).get(/.*/).reply(200, []);
		const result = await test({ apiKey: SECRET, environment: 'sandbox', baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/must use https \(plain http is allowed only for localhost \/ 127\.0\.0\.1\)/);
		expect(scope.isDone()).toBe(false);
	});

	it.each(['http://localhost:4599', 'http://127.0.0.1:4599'])('accepts plain http for the local sandbox at %s', async (baseUrl) => {
		const scope = nock(baseUrl).get('/api/v1/contractors').query({ limit: '1' }).reply(200, []);
		const result = await test({ apiKey: SECRET, environment: 'sandbox', baseUrl });
		expect(result.status).toBe('OK');
		scope.done();
	});

	it('an empty key is refused before any request', async () => {
		const scope = nock(BASE).get(/.*/).reply(200, []);
		const result = await test({ apiKey: '', environment: 'sandbox', baseUrl: BASE });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/secret key/);
		expect(scope.isDone()).toBe(false);
	});

	it('an unreachable host is reported as such', async () => {
		nock(BASE).get('/api/v1/contractors').query(true).replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
		const result = await test({ apiKey: SECRET, environment: 'sandbox', baseUrl: BASE });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/No response from 1099Policy.*ENOTFOUND/);
	});
});
