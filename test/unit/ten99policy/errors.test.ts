import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ten99PolicyApiError } from '../../../src/ten99policy/errors';
import { BASE, SECRET, makeClient, setupNock, teardownNock } from './support';

const CONTRACTOR = { first_name: 'Joe', last_name: 'Parker', email: 'parker@gmail.com' };

async function failure(promise: Promise<unknown>): Promise<Ten99PolicyApiError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Ten99PolicyApiError);
	return error as Ten99PolicyApiError;
}

function expectNoSecret(error: unknown): void {
	expect((error as Error).message).not.toContain(SECRET);
	expect(JSON.stringify(error)).not.toContain(SECRET);
	expect(String((error as Error).stack)).not.toContain(SECRET);
	expect(JSON.stringify(Object.assign({}, error))).not.toContain(SECRET);
}

describe('error mapping', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	it('{message, error_code} with a string message keeps message, code, status, method and path, plus a fix', async () => {
		nock(BASE).get('/api/v1/contractors/cn_1').reply(401, { message: 'Invalid API key provided', error_code: 'invalid_api_key' });
		const { client } = makeClient();
		const error = await failure(client.call('contractor', 'get', { id: 'cn_1' }));
		expect(error.message).toBe('1099Policy rejected GET /contractors/cn_1 (401 invalid_api_key): Invalid API key provided');
		expect(error.status).toBe(401);
		expect(error.errorCode).toBe('invalid_api_key');
		expect(error.apiMessage).toBe('Invalid API key provided');
		expect(error.method).toBe('GET');
		expect(error.path).toBe('/contractors/cn_1');
		expect(error.fix).toMatch(/secret key in the 1099Policy credential/);
		expect(error.fieldErrors).toEqual({});
		expect(error.retryable).toBe(false);
		expectNoSecret(error);
	});

	it('a field-error object is flattened (address.region) and every field is named in the message', async () => {
		nock(BASE)
			.post('/api/v1/contractors')
			.reply(400, {
				message: { email: 'Not a valid email address.', address: { region: 'Must be a 2-letter state code.' } },
				error_code: 'invalid_input',
			});
		const { client } = makeClient();
		const error = await failure(client.call('contractor', 'create', { fields: CONTRACTOR }));
		expect(error.fieldErrors).toEqual({ email: 'Not a valid email address.', 'address.region': 'Must be a 2-letter state code.' });
		expect(error.message).toContain('email: Not a valid email address.');
		expect(error.message).toContain('address.region: Must be a 2-letter state code.');
		expect(error.message).toMatch(/^1099Policy rejected POST \/contractors \(400 invalid_input\)/);
		expect(error.apiMessage).toEqual({ email: 'Not a valid email address.', address: { region: 'Must be a 2-letter state code.' } });
		expect(error.errorCode).toBe('invalid_input');
		expect(error.fix).toBe('Correct the fields named in the message.');
		expectNoSecret(error);
	});

	it('list-valued field errors are joined', () => {
		const error = new Ten99PolicyApiError({
			status: 400,
			body: { message: { wage: ['Must be at least 100.', 'Must be an integer.'] }, error_code: 'invalid_input' },
			method: 'POST',
			path: '/jobs',
		});
		expect(error.fieldErrors).toEqual({ wage: 'Must be at least 100.; Must be an integer.' });
		expect(error.message).toContain('wage: Must be at least 100.; Must be an integer.');
	});

	it.each([
		['duplicate_email', 409, /Contractor → Upsert|Contractor → Get Many/],
		['invalid_job_category_code', 400, /Job Category → Get Many/],
		['effective_date_invalid', 400, /in the future/],
		['contract_has_matching_policy', 400, /assignment/],
		['contractor_has_matching_policy', 400, /assignment/],
		['invalid_file_size', 400, /15 MB/],
		['resource_not_found', 404, /sandbox vs production/],
	])('the known code %s gets a fix', (code, status, fix) => {
		const error = new Ten99PolicyApiError({ status, body: { message: 'x', error_code: code }, method: 'POST', path: '/x' });
		expect(error.fix).toMatch(fix);
		expect(error.errorCode).toBe(code);
	});

	it('an unknown code keeps its code and message, and the status decides the fix', () => {
		const error = new Ten99PolicyApiError({ status: 503, body: { message: 'Maintenance', error_code: 'brand_new_code' }, method: 'GET', path: '/jobs' });
		expect(error.message).toBe('1099Policy rejected GET /jobs (503 brand_new_code): Maintenance');
		expect(error.fix).toMatch(/1099Policy's side/);
		expect(error.retryable).toBe(true);
		const plain400 = new Ten99PolicyApiError({ status: 400, body: { message: 'Odd', error_code: 'brand_new_code' }, method: 'GET', path: '/jobs' });
		expect(plain400.fix).toBeUndefined();
	});

	it('a non-JSON body (an HTML error page) and an empty body still give a readable message', async () => {
		nock(BASE).get('/api/v1/jobs/jb_1').reply(400, '<html>Bad Request</html>', { 'Content-Type': 'text/html' });
		nock(BASE).delete('/api/v1/jobs/jb_2').reply(403, '');
		const { client } = makeClient();
		const html = await failure(client.call('job', 'get', { id: 'jb_1' }));
		expect(html.message).toBe('1099Policy rejected GET /jobs/jb_1 (400): <html>Bad Request</html>');
		expect(html.errorCode).toBeUndefined();
		const empty = await failure(client.call('job', 'delete', { id: 'jb_2' }));
		expect(empty.message).toBe('1099Policy rejected DELETE /jobs/jb_2 (403): The API key may not make this request');
	});

	it('the secret key never appears, even when the server echoes request details back', async () => {
		nock(BASE)
			.post('/api/v1/quotes')
			.reply(function () {
				// A server that reflects the request (as some gateways do) must not make the key reach our error.
				return [500, { message: `Upstream failed for ${String(this.req.headers['ten99policy-environment'])}`, error_code: 'server_error' }];
			});
		const { client } = makeClient();
		const error = await failure(client.call('quote', 'create', { fields: { contractor: 'cn_1', job: 'jb_1', coverage_type: ['general'] } }, { idempotencyKey: false }));
		expect(error.message).toContain('Upstream failed for sandbox');
		expectNoSecret(error);
	});
});
