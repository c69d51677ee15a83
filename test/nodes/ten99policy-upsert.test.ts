/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import nock from 'nock';
import type { INode, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerWith, T99_BASE, T99_CREDENTIALS, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';

const upsert = (options: INodeParameters = {}, extra: Partial<INode> = {}) =>
	ten99Node(
		{
			resource: 'contractor',
			operation: 'upsert',
			first_name: '={{ $json.first }}',
			last_name: 'Parker',
			email: '={{ $json.email }}',
			additionalFields: { phone: '415-474-9088' },
			options,
		},
		extra,
	);

const nowSeconds = () => Math.floor(Date.now() / 1000);
const DUPLICATE = { message: 'A contractor with this email already exists', error_code: 'duplicate_email' };

/** A 1099Policy that knows `existing` contractors (by email) with the given policies, and logs every request. */
function api(log: SeenHttp[], existing: Record<string, { id: string; policies: Array<{ id: string; status: string }> }>) {
	const record = (answer: (r: SeenHttp) => [number, unknown?, Record<string, string>?]) => answerWith(log, answer);
	nock(T99_BASE)
		.post('/api/v1/contractors')
		.times(10)
		.reply(
			record((r) => {
				const body = JSON.parse(r.body) as { email: string };
				if (existing[body.email]) return [400, DUPLICATE];
				return [201, { id: 'cn_new', ...body, created: nowSeconds() }];
			}),
		);
	nock(T99_BASE)
		.get('/api/v1/contractors')
		.query(true)
		.times(10)
		.reply(
			record((r) => {
				const found = existing[r.query.email];
				return [200, found ? [{ id: found.id, email: r.query.email }] : []];
			}),
		);
	nock(T99_BASE)
		.put(/\/api\/v1\/contractors\/cn_\w+$/)
		.times(10)
		.reply(record((r) => [200, { id: r.path.split('/').pop(), ...(JSON.parse(r.body) as object), created: 1_600_000_000 }]));
	nock(T99_BASE)
		.get(/\/api\/v1\/contractors\/cn_\w+\/policies$/)
		.times(10)
		.reply(
			record((r) => {
				const id = r.path.split('/')[4];
				const entry = Object.values(existing).find((e) => e.id === id);
				return [200, entry?.policies ?? []];
			}),
		);
}

const calls = (log: SeenHttp[]) => log.map((r) => `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}`);

describe('Contractor → Create or Update', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('a new contractor is created in one call: upsert_result created, returning_contractor false', async () => {
		const log: SeenHttp[] = [];
		api(log, {});
		const result = await runWorkflow(chain([{ first: 'Joe', email: 'joe@example.com' }], upsert()), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(calls(log)).toEqual(['POST /api/v1/contractors']);
		expect(JSON.parse(log[0].body)).toEqual({ first_name: 'Joe', last_name: 'Parker', email: 'joe@example.com', phone: '415-474-9088' });
		const [item] = result.output('1099Policy');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ id: 'cn_new', email: 'joe@example.com', upsert_result: 'created', returning_contractor: false });
	});

	it('duplicate_email → GET by email → PUT → updated; returning_contractor true when a policy is active', async () => {
		const log: SeenHttp[] = [];
		api(log, { 'ann@example.com': { id: 'cn_ann', policies: [{ id: 'pl_old', status: 'expired' }, { id: 'pl_1', status: 'active' }] } });
		const result = await runWorkflow(chain([{ first: 'Ann', email: 'ann@example.com' }], upsert()), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(calls(log)).toEqual([
			'POST /api/v1/contractors',
			'GET /api/v1/contractors?email=ann%40example.com&limit=1',
			'PUT /api/v1/contractors/cn_ann',
			'GET /api/v1/contractors/cn_ann/policies',
		]);
		expect(JSON.parse(log[2].body)).toEqual({ first_name: 'Ann', last_name: 'Parker', email: 'ann@example.com', phone: '415-474-9088' });
		expect(log[2].headers['ten99policy-idempotent-key']).toBeUndefined();
		expect(result.output('1099Policy')[0].json).toMatchObject({ id: 'cn_ann', upsert_result: 'updated', returning_contractor: true });
	});

	it('an existing contractor without an active policy is updated but not returning', async () => {
		const log: SeenHttp[] = [];
		api(log, { 'bo@example.com': { id: 'cn_bo', policies: [{ id: 'pl_2', status: 'cancelled' }] } });
		const result = await runWorkflow(chain([{ first: 'Bo', email: 'bo@example.com' }], upsert()), T99_CREDENTIALS);
		expect(result.output('1099Policy')[0].json).toMatchObject({ id: 'cn_bo', upsert_result: 'updated', returning_contractor: false });
	});

	it('Check Returning Contractor off skips the policies lookup', async () => {
		const log: SeenHttp[] = [];
		api(log, { 'ann@example.com': { id: 'cn_ann', policies: [{ id: 'pl_1', status: 'active' }] } });
		const result = await runWorkflow(chain([{ first: 'Ann', email: 'ann@example.com' }], upsert({ checkReturning: false })), T99_CREDENTIALS);
		expect(calls(log)).toEqual(['POST /api/v1/contractors', 'GET /api/v1/contractors?email=ann%40example.com&limit=1', 'PUT /api/v1/contractors/cn_ann']);
		expect(result.output('1099Policy')[0].json).toMatchObject({ upsert_result: 'updated', returning_contractor: false });
	});

	it('a mix of new and existing contractors, each paired to its input', async () => {
		const log: SeenHttp[] = [];
		api(log, { 'ann@example.com': { id: 'cn_ann', policies: [{ id: 'pl_1', status: 'active' }] } });
		const result = await runWorkflow(
			chain(
				[
					{ first: 'Joe', email: 'joe@example.com' },
					{ first: 'Ann', email: 'ann@example.com' },
				],
				upsert({ concurrency: 2 }),
			),
			T99_CREDENTIALS,
		);
		const out = result.output('1099Policy');
		expect(out.map((i) => [i.json.upsert_result, i.json.returning_contractor, i.pairedItem])).toEqual([
			['created', false, { item: 0 }],
			['updated', true, { item: 1 }],
		]);
	});

	it('a re-run finds the contractor through duplicate_email and reports its current state, not a replayed creation', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE).post('/api/v1/contractors').reply(answerWith(log, () => [400, DUPLICATE]));
		nock(T99_BASE).get('/api/v1/contractors').query({ email: 'ann@example.com', limit: '1' }).reply(answerWith(log, () => [200, [{ id: 'cn_prev', email: 'ann@example.com' }]]));
		nock(T99_BASE).put('/api/v1/contractors/cn_prev').reply(answerWith(log, () => [200, { id: 'cn_prev', email: 'ann@example.com' }]));
		nock(T99_BASE).get('/api/v1/contractors/cn_prev/policies').reply(answerWith(log, () => [200, [{ id: 'pl_9', status: 'active' }]]));
		const result = await runWorkflow(chain([{ first: 'Ann', email: 'ann@example.com' }], upsert()), T99_CREDENTIALS);
		expect(log[0].headers['ten99policy-idempotent-key']).toBeUndefined();
		expect(calls(log)).toEqual([
			'POST /api/v1/contractors',
			'GET /api/v1/contractors?email=ann%40example.com&limit=1',
			'PUT /api/v1/contractors/cn_prev',
			'GET /api/v1/contractors/cn_prev/policies',
		]);
		expect(result.output('1099Policy')[0].json).toMatchObject({ id: 'cn_prev', upsert_result: 'updated', returning_contractor: true });
	});

	it('an existing contractor already holding every value sent is not rewritten: no PUT, upsert_result unchanged', async () => {
		const log: SeenHttp[] = [];
		const current = { id: 'cn_same', first_name: 'Ann', last_name: 'Parker', email: 'ann@example.com', phone: '415-474-9088', custom_metadata: { b: '2', a: '1' } };
		nock(T99_BASE).post('/api/v1/contractors').times(2).reply(answerWith(log, () => [400, DUPLICATE]));
		nock(T99_BASE).get('/api/v1/contractors').query(true).times(2).reply(answerWith(log, () => [200, [current]]));
		nock(T99_BASE).put('/api/v1/contractors/cn_same').reply(answerWith(log, (r) => [200, { ...current, ...(JSON.parse(r.body) as object) }]));
		nock(T99_BASE).get('/api/v1/contractors/cn_same/policies').times(2).reply(answerWith(log, () => [200, []]));
		const metadata = (pairs: Array<[string, string]>) => ({ custom_metadata: { pairs: pairs.map(([key, value]) => ({ key, value })) } });
		const run = (extra: INodeParameters) =>
			runWorkflow(
				chain(
					[{ first: 'Ann', email: 'ann@example.com' }],
					ten99Node({ resource: 'contractor', operation: 'upsert', first_name: '={{ $json.first }}', last_name: 'Parker', email: '={{ $json.email }}', additionalFields: { phone: '415-474-9088', ...extra } }),
				),
				T99_CREDENTIALS,
			);
		// The same values (metadata keys in another order) → nothing to write.
		const same = await run(metadata([['a', '1'], ['b', '2']]));
		expect(same.output('1099Policy')[0].json).toMatchObject({ id: 'cn_same', upsert_result: 'unchanged', returning_contractor: false });
		// One metadata value differs → the PUT is sent, with the whole object.
		const changed = await run(metadata([['a', '1'], ['b', '3']]));
		expect(changed.output('1099Policy')[0].json).toMatchObject({ upsert_result: 'updated', custom_metadata: { a: '1', b: '3' } });
		expect(calls(log)).toEqual([
			'POST /api/v1/contractors',
			'GET /api/v1/contractors?email=ann%40example.com&limit=1',
			'GET /api/v1/contractors/cn_same/policies',
			'POST /api/v1/contractors',
			'GET /api/v1/contractors?email=ann%40example.com&limit=1',
			'PUT /api/v1/contractors/cn_same',
			'GET /api/v1/contractors/cn_same/policies',
		]);
	});

	it('any other error than duplicate_email is the item error (no lookup), under Continue On Fail too', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE)
			.post('/api/v1/contractors')
			.reply(answerWith(log, () => [400, { message: { email: 'Invalid email domain.' }, error_code: 'invalid_input' }]));
		const result = await runWorkflow(chain([{ first: 'Ann', email: 'ann@example.com' }], upsert({}, { onError: 'continueRegularOutput' })), T99_CREDENTIALS);
		expect(calls(log)).toEqual(['POST /api/v1/contractors']);
		expect(result.output('1099Policy')[0]).toMatchObject({ pairedItem: { item: 0 }, json: { error_code: 'invalid_input', fields: { email: 'Invalid email domain.' } } });
	});

	it('duplicate_email with no contractor listed for that email is an error naming the email', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE).post('/api/v1/contractors').reply(answerWith(log, () => [400, DUPLICATE]));
		nock(T99_BASE).get('/api/v1/contractors').query(true).reply(answerWith(log, () => [200, []]));
		const result = await runWorkflow(chain([{ first: 'Ann', email: 'ann@example.com' }], upsert()), T99_CREDENTIALS);
		expect(result.error?.message).toMatch(/^\[item 0\] .*duplicate_email.*ann@example\.com/);
	});

	it('the create POST carries no idempotency key yet is retried after a 500, since a repeat cannot duplicate the contractor', async () => {
		const log: SeenHttp[] = [];
		let first = true;
		nock(T99_BASE)
			.post('/api/v1/contractors')
			.times(2)
			.reply(
				answerWith(log, (r) => {
					if (first) {
						first = false;
						return [500, { message: 'Internal error', error_code: 'server_error' }];
					}
					return [201, { id: 'cn_new', email: (JSON.parse(r.body) as { email: string }).email, created: nowSeconds() }];
				}),
			);
		const result = await runWorkflow(chain([{ first: 'Joe', email: 'joe@example.com', candidateId: 77 }], upsert()), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(log.map((r) => r.headers['ten99policy-idempotent-key'])).toEqual([undefined, undefined]);
		expect(result.output('1099Policy')[0].json).toMatchObject({ upsert_result: 'created', returning_contractor: false });
	}, 15_000);
});

describe('Entity → Find or Create', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('lists entities once, matches names case-insensitively and creates an unknown name once', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE)
			.get('/api/v1/entities')
			.query(true)
			.reply(answerWith(log, () => [200, [{ id: 'en_apple', name: 'Apple, Inc' }]]));
		nock(T99_BASE)
			.post('/api/v1/entities')
			.times(3)
			.reply(answerWith(log, (r) => [201, { id: 'en_globex', ...(JSON.parse(r.body) as object) }]));
		const result = await runWorkflow(
			chain(
				[{ client: 'apple, inc' }, { client: 'Globex' }, { client: 'Globex' }],
				ten99Node({ resource: 'entity', operation: 'findOrCreate', name: '={{ $json.client }}', options: { concurrency: 3 } }),
			),
			T99_CREDENTIALS,
		);
		expect(result.error).toBeUndefined();
		expect(calls(log)).toEqual(['GET /api/v1/entities?limit=100', 'POST /api/v1/entities']);
		expect(result.output('1099Policy').map((i) => [i.json.id, i.json.find_or_create_result, i.pairedItem])).toEqual([
			['en_apple', 'found', { item: 0 }],
			['en_globex', 'created', { item: 1 }],
			['en_globex', 'created', { item: 2 }],
		]);
	});

	const findOrCreate = (options: INodeParameters = {}, extra: Partial<INode> = {}) =>
		ten99Node({ resource: 'entity', operation: 'findOrCreate', name: '={{ $json.client }}', options }, extra);

	it('answers a name found or created earlier in this n8n process without a call, per account', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE)
			.get('/api/v1/entities')
			.query(true)
			.times(5)
			.reply(answerWith(log, () => [200, [{ id: 'en_apple', name: 'Apple, Inc' }]]));
		nock(T99_BASE)
			.post('/api/v1/entities')
			.times(5)
			.reply(answerWith(log, (r) => [201, { id: 'en_globex', ...(JSON.parse(r.body) as object) }]));
		const run = (credentials = T99_CREDENTIALS) =>
			runWorkflow(chain([{ client: 'Apple, Inc' }, { client: 'Globex' }], findOrCreate()), credentials);

		const first = await run();
		expect(calls(log)).toEqual(['GET /api/v1/entities?limit=100', 'POST /api/v1/entities']);
		log.length = 0;
		// The next execution (e.g. the template's poller 15 minutes later) knows both clients: no call at all.
		const second = await run();
		expect(calls(log)).toEqual([]);
		expect(second.output('1099Policy').map((i) => [i.json.id, i.json.name, i.json.find_or_create_result])).toEqual([
			['en_apple', 'Apple, Inc', 'found'],
			['en_globex', 'Globex', 'found'],
		]);
		expect(first.output('1099Policy').map((i) => i.json.id)).toEqual(['en_apple', 'en_globex']);
		// Another API key is another account: its entities are looked up for it.
		await run({ ten99PolicyApi: { ...T99_CREDENTIALS.ten99PolicyApi, apiKey: 't9k_test_otherAccount_0000' } });
		expect(calls(log)).toEqual(['GET /api/v1/entities?limit=100', 'POST /api/v1/entities']);
	});

	it('looks an unknown name up again rather than trusting an earlier list (no duplicate of an entity made meanwhile)', async () => {
		const log: SeenHttp[] = [];
		const listed = [[{ id: 'en_apple', name: 'Apple, Inc' }], [{ id: 'en_apple', name: 'Apple, Inc' }, { id: 'en_made', name: 'Initech' }]];
		nock(T99_BASE)
			.get('/api/v1/entities')
			.query(true)
			.times(2)
			.reply(answerWith(log, () => [200, listed.shift()]));
		await runWorkflow(chain([{ client: 'Apple, Inc' }], findOrCreate()), T99_CREDENTIALS);
		const second = await runWorkflow(chain([{ client: 'Apple, Inc' }, { client: 'initech' }], findOrCreate()), T99_CREDENTIALS);
		expect(calls(log)).toEqual(['GET /api/v1/entities?limit=100', 'GET /api/v1/entities?limit=100']);
		expect(second.output('1099Policy').map((i) => [i.json.id, i.json.find_or_create_result])).toEqual([
			['en_apple', 'found'],
			['en_made', 'found'],
		]);
	});

	it('forgets a remembered entity when 1099Policy answers invalid_entity_id for it, and when it is deleted through the node', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE)
			.get('/api/v1/entities')
			.query(true)
			.times(3)
			.reply(answerWith(log, () => [200, [{ id: 'en_apple', name: 'Apple, Inc' }]]));
		nock(T99_BASE)
			.post('/api/v1/jobs')
			.reply(answerWith(log, () => [400, { message: 'Entity en_apple does not exist', error_code: 'invalid_entity_id' }]));
		nock(T99_BASE).delete('/api/v1/entities/en_apple').reply(answerWith(log, () => [200, { id: 'en_apple', deleted: true }]));
		const lookUp = () => runWorkflow(chain([{ client: 'Apple, Inc' }], findOrCreate()), T99_CREDENTIALS);

		await lookUp();
		const job = await runWorkflow(
			chain(
				[{ entity: 'en_apple' }],
				ten99Node({ resource: 'job', operation: 'create', inputMode: 'json', jsonBody: '={{ { name: "Analyst", description: "Reporting", entity: $json.entity, category_code: "jc_X", wage: 5000, wage_type: "hourly" } }}', options: { idempotencyKey: 'job-1' } }, { onError: 'continueRegularOutput' }),
			),
			T99_CREDENTIALS,
		);
		expect(job.output('1099Policy')[0].json.error).toContain('invalid_entity_id');
		await lookUp();
		await runWorkflow(chain([{}], ten99Node({ resource: 'entity', operation: 'delete', id: 'en_apple' })), T99_CREDENTIALS);
		await lookUp();
		expect(calls(log)).toEqual([
			'GET /api/v1/entities?limit=100',
			'POST /api/v1/jobs',
			'GET /api/v1/entities?limit=100',
			'DELETE /api/v1/entities/en_apple',
			'GET /api/v1/entities?limit=100',
		]);
	});

	it('uses a known entity ID as is, with no call, and refuses one that is not an entity ID by naming the option', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE).get('/api/v1/entities').query(true).reply(answerWith(log, () => [200, []]));
		const result = await runWorkflow(
			chain(
				[{ client: 'Apple, Inc', entity: 'en_12AbC3' }, { client: 'Globex', entity: 'cn_oops' }],
				findOrCreate({ knownEntityId: '={{ $json.entity }}' }, { onError: 'continueRegularOutput' }),
			),
			T99_CREDENTIALS,
		);
		expect(calls(log)).toEqual([]);
		const [given, refused] = result.output('1099Policy');
		expect(given.json).toEqual({ id: 'en_12AbC3', name: 'Apple, Inc', find_or_create_result: 'given' });
		expect(refused.json.error).toMatch(/^Entity ID \(If Known\): is not a 1099Policy entity ID \(got "cn_oops"\)\. Enter an ID starting with en_/);
		expect(refused.pairedItem).toEqual({ item: 1 });
	});
});
