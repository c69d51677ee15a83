/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { seedFlow, useSandbox } from './setup';

const ctx = useSandbox({ rejectKey: (key) => key.includes('invalid') || key === 't9k_test_revoked' });

describe('auth', () => {
	it('requires an API key', async () => {
		const response = await ctx.api.get('/contractors', { key: null });
		expect(response.status).toBe(401);
		expect(response.body.error_code).toBe('invalid_api_key');
	});

	it.each([
		['a key containing "invalid"', 'Bearer t9k_test_invalid'],
		['a key the rejecter refuses', 'Bearer t9k_test_revoked'],
		['an empty Bearer key', 'Bearer '],
		['an unknown scheme', 'Token t9k_test_abc'],
		['an empty Basic user', `Basic ${Buffer.from(':').toString('base64')}`],
	])('refuses %s with 401 invalid_api_key', async (_name, authorization) => {
		const response = await ctx.api.get('/contractors', { key: null, headers: { Authorization: authorization } });
		expect(response.status).toBe(401);
		expect(response.body).toMatchObject({ error_code: 'invalid_api_key' });
		expect(ctx.sandbox.requestLog.at(-1)).toMatchObject({ status: 401, env: null });
	});

	it('accepts any other key, Bearer or Basic with the key as user (curl -u key:)', async () => {
		expect((await ctx.api.get('/contractors', { key: 't9sk_test_whatever' })).status).toBe(200);
		const basic = `Basic ${Buffer.from('t9k_test_wvnsjtZ8aMlbfGbIm0Lc0:').toString('base64')}`;
		expect((await ctx.api.get('/contractors', { key: null, headers: { Authorization: basic } })).status).toBe(200);
		const basicNoColon = `Basic ${Buffer.from('t9k_test_abc').toString('base64')}`;
		expect((await ctx.api.get('/contractors', { key: null, headers: { Authorization: basicNoColon } })).status).toBe(200);
		const basicInvalid = `Basic ${Buffer.from('t9k_invalid:').toString('base64')}`;
		expect((await ctx.api.get('/contractors', { key: null, headers: { Authorization: basicInvalid } })).status).toBe(401);
	});
});

describe('environments', () => {
	it('keeps sandbox and production data apart; sandbox is the default', async () => {
		const inSandbox = await seedFlow(ctx.api, { quote: false });
		const inProduction = await seedFlow(ctx.api, { quote: false, env: 'production' });
		expect((await ctx.api.get(`/contractors/${inSandbox.contractor}`, { env: 'sandbox' })).status).toBe(200);
		expect((await ctx.api.get(`/contractors/${inSandbox.contractor}`, { env: 'production' })).status).toBe(404);
		expect((await ctx.api.get(`/contractors/${inProduction.contractor}`)).status).toBe(404);
		expect((await ctx.api.get(`/contractors/${inProduction.contractor}`, { env: 'Production' })).status).toBe(200);
		expect(ctx.sandbox.state('sandbox').contractors.map((c) => c.id)).toEqual([inSandbox.contractor]);
		expect(ctx.sandbox.state('production').contractors.map((c) => c.id)).toEqual([inProduction.contractor]);
		// References do not cross environments either.
		const crossed = await ctx.api.post('/jobs', { name: 'x', description: 'y', entity: inSandbox.entity, category_code: 'jc_DATA_ANALYTICS', wage: 100, wage_type: 'hourly' }, { env: 'production' });
		expect(crossed.body.error_code).toBe('invalid_entity_id');
		expect(ctx.sandbox.requestLog.filter((r) => r.env === 'production').length).toBeGreaterThan(0);
	});

	it('refuses an unknown environment', async () => {
		const response = await ctx.api.get('/contractors', { env: 'staging' });
		expect(response.status).toBe(400);
		expect(response.body).toEqual({ message: { 'Ten99Policy-Environment': 'must be sandbox or production' }, error_code: 'invalid_input' });
	});
});

describe('routing', () => {
	it('answers unknown endpoints and methods with 404 resource_not_found', async () => {
		for (const [method, path] of [
			['GET', '/nope'],
			['PUT', '/events'],
			['PATCH', '/contractors'],
		]) {
			const response = await ctx.api.request(method, path);
			expect(response.status).toBe(404);
			expect(response.body.error_code).toBe('resource_not_found');
		}
		const outside = await fetch(`${ctx.sandbox.url}/elsewhere`);
		expect(outside.status).toBe(404);
		expect(((await outside.json()) as { message: string }).message).toContain('/api/v1');
	});

	it('refuses a body that is not a JSON object', async () => {
		const broken = await ctx.api.request('POST', '/contractors', { raw: Buffer.from('{nope'), contentType: 'application/json' });
		expect(broken.body).toEqual({ message: { body: 'is not valid JSON' }, error_code: 'invalid_input' });
		const array = await ctx.api.post('/contractors', [1, 2]);
		expect(array.body).toEqual({ message: { body: 'must be a JSON object' }, error_code: 'invalid_input' });
	});

	it('refuses bodies over 20 MB without reading them all', async () => {
		const response = await ctx.api.request('POST', '/files/certificates', { raw: Buffer.alloc(21 * 1024 * 1024), contentType: 'multipart/form-data; boundary=x' });
		expect(response.status).toBe(413);
		expect(response.body.error_code).toBe('invalid_file_size');
	});

	it('lists the approved job categories only', async () => {
		const response = await ctx.api.get('/category_codes');
		expect(response.status).toBe(200);
		expect(response.body.length).toBeGreaterThanOrEqual(15);
		expect(response.body[0]).toEqual({ category_code: 'jc_MTqpkbkp6G', name: 'Field technician (cable and fiber installation)' });
		const codes = response.body.map((c: { category_code: string }) => c.category_code);
		expect(codes.every((c: string) => c.startsWith('jc_'))).toBe(true);
		expect(codes).not.toContain('jc_DEMOLITION');
	});
});
