import nock from 'nock';
import type { INode, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerWith, connectionError, T99_BASE, T99_CREDENTIALS, T99_SECRET, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';

const contractor = (extra: Partial<INode> = {}, options: INodeParameters = {}) =>
	ten99Node(
		{
			resource: 'contractor',
			operation: 'create',
			first_name: '={{ $json.first }}',
			last_name: 'Lee',
			email: '={{ $json.email }}',
			options,
		},
		extra,
	);

const people = [
	{ first: 'Ann', email: 'ann@example.com' },
	{ first: 'Bob', email: 'bob@bad.example' },
	{ first: 'Cy', email: 'cy@example.com' },
];

/** 1099Policy answering contractor creation: a field error for emails it dislikes, else the new contractor. */
function contractorsApi(log: SeenHttp[], rejected = 'bob@example.org') {
	return nock(T99_BASE)
		.post('/api/v1/contractors')
		.times(10)
		.reply(
			answerWith(log, (request) => {
				const body = JSON.parse(request.body) as { email: string; first_name: string };
				if (body.email === rejected) {
					return [400, { message: { email: 'Email domain does not accept mail.' }, error_code: 'invalid_input' }];
				}
				return [201, { id: `cn_${body.first_name}`, email: body.email }];
			}),
		);
}

describe('Ten99Policy node items: pairing, Continue On Fail, parallel requests', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('list operations fan out and every output item is paired to its input index', async () => {
		nock(T99_BASE)
			.get('/api/v1/contractors')
			.query(true)
			.times(2)
			.reply(function () {
				const email = new URL(this.req.path, T99_BASE).searchParams.get('email');
				return [200, email === 'a@x.com' ? [{ id: 'cn_a1' }, { id: 'cn_a2' }, { id: 'cn_a3' }] : [{ id: 'cn_b1' }, { id: 'cn_b2' }]];
			});
		nock(T99_BASE).get('/api/v1/contractors/cn_z/policies').reply(200, []);
		nock(T99_BASE).get('/api/v1/contractors/cn_y/policies').reply(200, [{ id: 'pl_1' }, { id: 'pl_2' }]);
		const list = await runWorkflow(
			chain([{ email: 'a@x.com' }, { email: 'b@x.com' }], ten99Node({ resource: 'contractor', operation: 'list', limit: 10, filters: { email: '={{ $json.email }}' } })),
			T99_CREDENTIALS,
		);
		expect(list.error).toBeUndefined();
		expect(list.output('1099Policy').map((i) => [i.json.id, i.pairedItem])).toEqual([
			['cn_a1', { item: 0 }],
			['cn_a2', { item: 0 }],
			['cn_a3', { item: 0 }],
			['cn_b1', { item: 1 }],
			['cn_b2', { item: 1 }],
		]);
		const policies = await runWorkflow(
			chain([{ id: 'cn_z' }, { id: 'cn_y' }], ten99Node({ resource: 'contractor', operation: 'listPolicies', id: { __rl: true, mode: 'id', value: '={{ $json.id }}' } })),
			T99_CREDENTIALS,
		);
		// An empty list yields no item for its input; the other input's items are still paired to it.
		expect(policies.output('1099Policy').map((i) => [i.json.id, i.pairedItem])).toEqual([
			['pl_1', { item: 1 }],
			['pl_2', { item: 1 }],
		]);
	});

	it('Continue On Fail: the API-rejected item becomes an error item paired to its input; the rest succeed', async () => {
		const log: SeenHttp[] = [];
		contractorsApi(log, 'bob@bad.example');
		const result = await runWorkflow(chain(people, contractor({ onError: 'continueRegularOutput' })), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		const out = result.output('1099Policy');
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toEqual({ id: 'cn_Ann', email: 'ann@example.com' });
		expect(out[2].json).toEqual({ id: 'cn_Cy', email: 'cy@example.com' });
		expect(out[1].json).toMatchObject({
			item: 1,
			status: 400,
			error_code: 'invalid_input',
			fields: { email: 'Email domain does not accept mail.' },
			request: 'POST /contractors',
			fix: 'Correct the fields named in the message.',
		});
		expect(out[1].json.error).toBe('1099Policy rejected POST /contractors (400 invalid_input): email: Email domain does not accept mail.');
		expect(JSON.stringify(out)).not.toContain(T99_SECRET);
		expect(log).toHaveLength(3);
	});

	it('Continue (using error output): the failed item goes to the error output, paired, and the rest to the main output', async () => {
		const log: SeenHttp[] = [];
		contractorsApi(log, 'bob@bad.example');
		const json = chain(people, contractor({ onError: 'continueErrorOutput' }));
		const result = await runWorkflow(json, T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(result.output('1099Policy', 0).map((i) => [i.json.id, i.pairedItem])).toEqual([
			['cn_Ann', { item: 0 }],
			['cn_Cy', { item: 2 }],
		]);
		const errors = result.output('1099Policy', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		// On the error output n8n keeps only json.error (the message), so the message carries the fix as well.
		expect(errors[0].json).toEqual({
			error: '[item 1] 1099Policy rejected POST /contractors (400 invalid_input): email: Email domain does not accept mail. Fix: Correct the fields named in the message.',
		});
		expect((errors[0].error as { description?: string } | undefined)?.description).toBe('Correct the fields named in the message.');
		expect(JSON.stringify(result.run)).not.toContain(T99_SECRET);
	});

	it('Continue On Fail: an item refused locally (bad value) becomes an error item naming the field and fix, before any request', async () => {
		const log: SeenHttp[] = [];
		contractorsApi(log);
		const result = await runWorkflow(
			chain([people[0], { first: 'Bob', email: 'not-an-email' }, people[2]], contractor({ onError: 'continueRegularOutput' })),
			T99_CREDENTIALS,
		);
		const out = result.output('1099Policy');
		expect(out[1]).toMatchObject({ pairedItem: { item: 1 }, json: { item: 1, field: 'email', fix: expect.stringMatching(/name@example\.com/) } });
		expect(out[1].json.error).toMatch(/^email: is not an email address \(got "not-an-email"\)/);
		expect(log.map((r) => (JSON.parse(r.body) as { email: string }).email).sort()).toEqual(['ann@example.com', 'cy@example.com']);
	});

	it('without Continue On Fail the run fails with an error naming the item, with the fix, and no secret anywhere', async () => {
		const log: SeenHttp[] = [];
		contractorsApi(log, 'bob@bad.example');
		const result = await runWorkflow(chain(people, contractor({}, { concurrency: 1 })), T99_CREDENTIALS);
		expect(result.error).toBeDefined();
		expect(result.error?.message).toBe('[item 1] 1099Policy rejected POST /contractors (400 invalid_input): email: Email domain does not accept mail.');
		expect((result.error as { description?: string }).description).toBe('Correct the fields named in the message.');
		expect((result.error as { httpCode?: string }).httpCode).toBe('400');
		expect(result.error?.message).not.toContain(T99_SECRET);
		expect(JSON.stringify(result.error)).not.toContain(T99_SECRET);
		expect(JSON.stringify(result.run)).not.toContain(T99_SECRET);
	});

	it('a 401 from 1099Policy shows its own message and code, never the key', async () => {
		nock(T99_BASE).get('/api/v1/contractors/cn_1').reply(401, { message: 'Invalid API key provided', error_code: 'invalid_api_key' });
		const result = await runWorkflow(chain([{}], ten99Node({ resource: 'contractor', operation: 'get', id: 'cn_1' })), T99_CREDENTIALS);
		expect(result.error?.message).toBe('[item 0] 1099Policy rejected GET /contractors/cn_1 (401 invalid_api_key): Invalid API key provided');
		expect((result.error as { description?: string }).description).toMatch(/secret key in the 1099Policy credential/);
		expect(JSON.stringify(result.error)).not.toContain(T99_SECRET);
		expect(JSON.stringify(result.run)).not.toContain(T99_SECRET);
	});

	it('a plain-http base URL in the credential is refused before the key is sent anywhere', async () => {
		const scope = nock('http://api.example.com').get(/.*/).reply(200, {});
		const result = await runWorkflow(chain([{}], ten99Node({ resource: 'contractor', operation: 'get', id: 'cn_1' })), {
			ten99PolicyApi: { ...T99_CREDENTIALS.ten99PolicyApi, baseUrl: 'http://api.example.com' },
		});
		expect(result.error?.message).toMatch(/must use https \(plain http is allowed only for localhost \/ 127\.0\.0\.1\)/);
		expect(scope.isDone()).toBe(false);
		expect(JSON.stringify(result.run)).not.toContain(T99_SECRET);
	});

	it('a dropped connection through n8n is retried on GET', async () => {
		nock(T99_BASE).get('/api/v1/contractors/cn_1').replyWithError(connectionError('ECONNRESET'));
		nock(T99_BASE).get('/api/v1/contractors/cn_1').reply(200, { id: 'cn_1' });
		const result = await runWorkflow(chain([{}], ten99Node({ resource: 'contractor', operation: 'get', id: 'cn_1' })), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(result.output('1099Policy')[0].json).toEqual({ id: 'cn_1' });
		expect(nock.isDone()).toBe(true);
	});

	it('a connection that keeps dropping ends in an error without the key, and a keyless POST is sent once', async () => {
		nock(T99_BASE).get('/api/v1/contractors/cn_1').times(2).replyWithError(connectionError('ECONNRESET'));
		const result = await runWorkflow(
			chain([{}], ten99Node({ resource: 'contractor', operation: 'get', id: 'cn_1', options: { maxRetries: 1 } })),
			T99_CREDENTIALS,
		);
		expect(result.error?.message).toMatch(/^\[item 0\] No response from 1099Policy for GET \/contractors\/cn_1 after 2 attempts \(ECONNRESET\)/);
		expect(JSON.stringify(result.error)).not.toContain(T99_SECRET);
		expect(JSON.stringify(result.run)).not.toContain(T99_SECRET);

		const posts = nock(T99_BASE).post('/api/v1/contractors').times(3).replyWithError(connectionError('ECONNRESET'));
		const keyless = await runWorkflow(chain([people[0]], contractor({}, { sendIdempotencyKey: false })), T99_CREDENTIALS);
		expect(keyless.error?.message).toMatch(/after 1 attempt \(ECONNRESET\)/);
		expect(posts.pendingMocks()).toHaveLength(1);
		expect(JSON.stringify(keyless.run)).not.toContain(T99_SECRET);
	});

	it('an unexpected transport failure (TLS) still never exposes the key', async () => {
		nock(T99_BASE).get('/api/v1/contractors/cn_1').replyWithError(connectionError('CERT_HAS_EXPIRED', 'certificate has expired'));
		const result = await runWorkflow(
			chain([{}], ten99Node({ resource: 'contractor', operation: 'get', id: 'cn_1' }, { onError: 'continueRegularOutput' })),
			T99_CREDENTIALS,
		);
		const out = result.output('1099Policy');
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json.error).toMatch(/certificate has expired/);
		expect(JSON.stringify(out)).not.toContain(T99_SECRET);
	});

	it('"Requests in Parallel" keeps output order and pairing when responses arrive out of order', async () => {
		const delays = [900, 0, 600, 300];
		for (const [index, delay] of delays.entries()) {
			nock(T99_BASE)
				.get(`/api/v1/contractors/cn_${index}`)
				.delay(delay)
				.reply(200, { id: `cn_${index}` });
		}
		const started = Date.now();
		const result = await runWorkflow(
			chain(
				delays.map((_, index) => ({ id: `cn_${index}` })),
				ten99Node({ resource: 'contractor', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { concurrency: 4 } }),
			),
			T99_CREDENTIALS,
		);
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.output('1099Policy').map((i) => [i.json.id, i.pairedItem])).toEqual([
			['cn_0', { item: 0 }],
			['cn_1', { item: 1 }],
			['cn_2', { item: 2 }],
			['cn_3', { item: 3 }],
		]);
		// The requests really overlapped: sequentially they would take at least 1800 ms.
		expect(elapsed).toBeLessThan(1600);
		expect(nock.isDone()).toBe(true);
	});

	it('a 429 storm slows every parallel request down, honours Retry-After and completes in order', async () => {
		const log: SeenHttp[] = [];
		let rateLimited = 0;
		nock(T99_BASE)
			.get(/\/api\/v1\/contractors\/cn_\d+$/)
			.times(20)
			.reply(
				answerWith(log, (request) => {
					if (rateLimited < 3) {
						rateLimited++;
						return [429, { message: 'Too many requests', error_code: 'rate_limited' }, { 'Retry-After': '1' }];
					}
					return [200, { id: request.path.split('/').pop() }];
				}),
			);
		const ids = Array.from({ length: 6 }, (_, i) => ({ id: `cn_${i}` }));
		const result = await runWorkflow(
			chain(ids, ten99Node({ resource: 'contractor', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { concurrency: 3 } })),
			T99_CREDENTIALS,
		);
		expect(result.error).toBeUndefined();
		expect(result.output('1099Policy').map((i) => i.json.id)).toEqual(ids.map((i) => i.id));
		expect(result.output('1099Policy').map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(log).toHaveLength(9);
		// Nothing was sent after the first 429 until its Retry-After (1 s) had passed.
		const first429 = log[0].at;
		for (const request of log.slice(3)) expect(request.at - first429).toBeGreaterThanOrEqual(950);
	});
});
