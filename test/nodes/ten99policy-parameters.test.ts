import nock from 'nock';
import type { NodeParameterValue } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerWith, T99_BASE, T99_CREDENTIALS, T99_SECRET, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { chain, runWorkflow, type WorkflowJson } from '../helpers/workflow';

const at = (iso: string) => Date.parse(iso) / 1000;

function capture(method: 'get' | 'post' | 'put' | 'delete', path: string | RegExp, reply: unknown = { id: 'x_1' }, times = 1) {
	const log: SeenHttp[] = [];
	const scope = nock(T99_BASE)[method](path).query(true).times(times).reply(answerWith(log, () => [200, reply]));
	return { log, scope };
}

async function run(json: WorkflowJson) {
	const result = await runWorkflow(json, T99_CREDENTIALS);
	if (result.error) throw result.error;
	return result;
}

describe('Ten99Policy node parameters, run through n8n-core', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Quote → Create: expressions, resource locators in id and list mode, zoneless dates in the workflow time zone, Luxon dates, metadata', async () => {
		const { log, scope } = capture('post', '/api/v1/quotes', { id: 'qt_1' });
		const json = chain(
			[{ contractorId: 'cn_Ehb3bYa', coverages: ['general', 'workers-comp'], candidate: 12345 }],
			ten99Node({
				resource: 'quote',
				operation: 'create',
				contractor: { __rl: true, mode: 'id', value: '={{ $json.contractorId }}' },
				job: { __rl: true, mode: 'list', value: 'jb_jsb9KEcTpc', cachedResultName: 'Field technician' },
				coverage_type: '={{ $json.coverages }}',
				additionalFields: {
					effective_date: '2026-12-01T09:00:00',
					end_date: "={{ DateTime.fromISO('2026-12-31T17:00:00', { zone: 'America/Los_Angeles' }) }}",
					custom_metadata: { pairs: [{ key: 'jobdiva_candidate_id', value: '={{ $json.candidate }}' }, { key: 'source', value: 'n8n' }] },
					custom_metadata_json: '{"run": "7", "source": "jobdiva"}',
				},
			}),
		);
		json.settings = { timezone: 'America/New_York' };
		const result = await run(json);
		scope.done();
		expect(result.output('1099Policy')).toEqual([{ json: { id: 'qt_1' }, pairedItem: { item: 0 } }]);
		const [request] = log;
		expect(request.headers.authorization).toBe(`Bearer ${T99_SECRET}`);
		expect(request.headers['ten99policy-environment']).toBe('sandbox');
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.body)).toEqual({
			contractor: 'cn_Ehb3bYa',
			job: 'jb_jsb9KEcTpc',
			coverage_type: ['general', 'workers-comp'],
			// 09:00 in New York (EST, UTC-5) is 14:00 UTC.
			effective_date: at('2026-12-01T14:00:00Z'),
			end_date: at('2027-01-01T01:00:00Z'),
			// Pairs first, then the JSON merged over them.
			custom_metadata: { jobdiva_candidate_id: '12345', source: 'jobdiva', run: '7' },
		});
	});

	it('Contractor → Create: the address fixedCollection becomes the API address (parts as strings)', async () => {
		const { log } = capture('post', '/api/v1/contractors', { id: 'cn_1' });
		await run(
			chain(
				[{ first: 'Joe', zip: '02110' }],
				ten99Node({
					resource: 'contractor',
					operation: 'create',
					first_name: '={{ $json.first }}',
					last_name: 'Parker',
					email: 'parker@gmail.com',
					additionalFields: {
						address: { details: { line1: '1 Kearny St', locality: 'San Francisco', region: 'ca', postalcode: '={{ $json.zip }}', country: 'us' } },
						phone: '415-474-9088',
						company_name: 'Acme Co.',
					},
				}),
			),
		);
		expect(JSON.parse(log[0].body)).toEqual({
			first_name: 'Joe',
			last_name: 'Parker',
			email: 'parker@gmail.com',
			address: { line1: '1 Kearny St', locality: 'San Francisco', region: 'CA', postalcode: '02110', country: 'US' },
			phone: '415-474-9088',
			company_name: 'Acme Co.',
		});
	});

	it('Contractor → Update: a resource locator ID in the path and only the fields to update in the body', async () => {
		const { log } = capture('put', '/api/v1/contractors/cn_9', { id: 'cn_9' });
		await run(
			chain(
				[{ id: 'cn_9' }],
				ten99Node({
					resource: 'contractor',
					operation: 'update',
					id: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { phone: '555-0100', custom_metadata_json: '{}' },
				}),
			),
		);
		expect(log[0].method).toBe('PUT');
		expect(log[0].headers['ten99policy-idempotent-key']).toBeUndefined();
		// An empty metadata object is sent: it clears the contractor's metadata.
		expect(JSON.parse(log[0].body)).toEqual({ phone: '555-0100', custom_metadata: {} });
	});

	it('Contractor → Get in list mode', async () => {
		const { log } = capture('get', '/api/v1/contractors/cn_5', { id: 'cn_5', first_name: 'Ana' });
		const result = await run(
			chain([{}], ten99Node({ resource: 'contractor', operation: 'get', id: { __rl: true, mode: 'list', value: 'cn_5', cachedResultName: 'Ana <a@x.com>' } })),
		);
		expect(log[0].method).toBe('GET');
		expect(log[0].body).toBe('');
		expect(result.output('1099Policy')[0].json).toEqual({ id: 'cn_5', first_name: 'Ana' });
	});

	it('Job → Create: wage entered in dollars is sent in exact cents (95.10 → 9510)', async () => {
		const { log } = capture('post', '/api/v1/jobs', { id: 'jb_1' }, 3);
		const job = (wage: NodeParameterValue, moneyUnit?: string) =>
			ten99Node({
				resource: 'job',
				operation: 'create',
				name: 'Field technician',
				description: 'Install fiber',
				entity: { __rl: true, mode: 'id', value: 'en_Ah3tqYn' },
				category_code: 'jc_MTqpkbkp6G',
				wage,
				wage_type: 'hourly',
				...(moneyUnit ? { moneyUnit } : {}),
			});
		await run(chain([{ rate: '95.10' }], job('={{ $json.rate }}')));
		await run(chain([{}], job(19.99, 'dollars')));
		await run(chain([{}], job(9510, 'cents')));
		expect(log.map((r) => (JSON.parse(r.body) as { wage: number }).wage)).toEqual([9510, 1999, 9510]);
		expect(JSON.parse(log[0].body)).toEqual({
			name: 'Field technician',
			description: 'Install fiber',
			entity: 'en_Ah3tqYn',
			category_code: 'jc_MTqpkbkp6G',
			wage: 9510,
			wage_type: 'hourly',
		});
	});

	it('Job → Create: a wage below $1.00 is refused before sending, naming item, field and limits', async () => {
		const { scope } = capture('post', '/api/v1/jobs');
		const result = await runWorkflow(
			chain(
				[{}],
				ten99Node({
					resource: 'job',
					operation: 'create',
					name: 'x',
					description: 'x',
					entity: { __rl: true, mode: 'id', value: 'en_1' },
					category_code: 'jc_1',
					wage: 0.5,
					wage_type: 'hourly',
				}),
			),
			T99_CREDENTIALS,
		);
		expect(result.error?.message).toMatch(/^\[item 0\] wage: is 50 cents, outside 1099Policy's limits of 100…100000000 cents/);
		expect(scope.isDone()).toBe(false);
	});

	it('Entity → Create: coverage limits in dollars become cents inside the nested object', async () => {
		const { log } = capture('post', '/api/v1/entities', { id: 'en_1' });
		await run(
			chain(
				[{}],
				ten99Node({
					resource: 'entity',
					operation: 'create',
					name: 'Apple, Inc',
					moneyUnit: 'dollars',
					additionalFields: {
						coverage_limit: { values: { aggregate_limit: 2_000_000, occurrence_limit: 1_000_000 } },
						required_coverage: ['general', 'workers-comp'],
					},
				}),
			),
		);
		expect(JSON.parse(log[0].body)).toEqual({
			name: 'Apple, Inc',
			coverage_limit: { aggregate_limit: 200_000_000, occurrence_limit: 100_000_000 },
			required_coverage: ['general', 'workers-comp'],
		});
	});

	it('JSON input mode: the body from an expression, checked against the declaration, money already in cents', async () => {
		const { log } = capture('post', '/api/v1/jobs', { id: 'jb_1' });
		const body = {
			category_code: 'jc_MTqpkbkp6G',
			description: 'Install fiber optic cable from back to the front of the store.',
			entity: 'en_Ah3tqYn',
			name: 'Field technician',
			wage: 15000,
			wage_type: 'flatfee',
			years_experience: 10,
		};
		await run(chain([{ body }], ten99Node({ resource: 'job', operation: 'create', inputMode: 'json', jsonBody: '={{ JSON.stringify($json.body) }}' })));
		expect(JSON.parse(log[0].body)).toEqual(body);
	});

	it('JSON input mode refuses an unknown field and invalid JSON, naming the item', async () => {
		const { scope } = capture('post', '/api/v1/jobs');
		const unknown = await runWorkflow(
			chain([{}], ten99Node({ resource: 'job', operation: 'create', inputMode: 'json', jsonBody: '{"name": "x", "salary": 5}' })),
			T99_CREDENTIALS,
		);
		expect(unknown.error?.message).toMatch(/^\[item 0\] salary: is not a field of Job → Create/);
		const invalid = await runWorkflow(chain([{}], ten99Node({ resource: 'job', operation: 'create', inputMode: 'json', jsonBody: '{"name": ' })), T99_CREDENTIALS);
		expect(invalid.error?.message).toMatch(/^\[item 0\] Body \(JSON\): is not valid JSON/);
		expect(scope.isDone()).toBe(false);
	});

	it('Invoice → Create: Unix seconds from an expression, ISO dates and gross pay in dollars', async () => {
		const { log } = capture('post', '/api/v1/invoices', { id: 'in_1' });
		await run(
			chain(
				[{ start: 1793491200, pay: '1,520.00' }],
				ten99Node({
					resource: 'invoice',
					operation: 'create',
					contractor: { __rl: true, mode: 'id', value: 'cn_1' },
					job: { __rl: true, mode: 'id', value: 'jb_1' },
					gross_pay: '={{ $json.pay }}',
					paycycle_startdate: '={{ $json.start }}',
					paycycle_enddate: '2026-11-15T00:00:00Z',
				}),
			),
		);
		expect(JSON.parse(log[0].body)).toEqual({
			contractor: 'cn_1',
			job: 'jb_1',
			gross_pay: 152000,
			paycycle_startdate: 1793491200,
			paycycle_enddate: at('2026-11-15T00:00:00Z'),
		});
	});

	it('Idempotency Key from an expression per item, and Send Idempotency Key off', async () => {
		const withKey = capture('post', '/api/v1/apply/sessions', { id: 'ias_1' }, 2);
		await run(
			chain(
				[{ candidateId: 11 }, { candidateId: 22 }],
				ten99Node({
					resource: 'applicationSession',
					operation: 'create',
					quote: { __rl: true, mode: 'id', value: 'qt_1' },
					options: { idempotencyKey: '=jobdiva-candidate-{{ $json.candidateId }}', concurrency: 1 },
				}),
			),
		);
		expect(withKey.log.map((r) => r.headers['ten99policy-idempotent-key'])).toEqual(['jobdiva-candidate-11', 'jobdiva-candidate-22']);
		const without = capture('post', '/api/v1/apply/sessions', { id: 'ias_1' });
		await run(
			chain(
				[{}],
				ten99Node({
					resource: 'applicationSession',
					operation: 'create',
					quote: { __rl: true, mode: 'id', value: 'qt_1' },
					options: { sendIdempotencyKey: false },
				}),
			),
		);
		expect(without.log[0].headers['ten99policy-idempotent-key']).toBeUndefined();
	});

	it('Get Many: limit and filters become the query', async () => {
		const { log } = capture('get', '/api/v1/policies', [{ id: 'pl_1' }, { id: 'pl_2' }]);
		const result = await run(
			chain([{ quote: 'qt_7' }], ten99Node({ resource: 'policy', operation: 'list', returnAll: false, limit: 5, filters: { quote: '={{ $json.quote }}' } })),
		);
		expect(log[0].query).toEqual({ quote: 'qt_7', limit: '5' });
		expect(result.output('1099Policy').map((i) => i.json.id)).toEqual(['pl_1', 'pl_2']);
	});

	it('Certificate → Get with Include Review Results sends expand[]=review_results', async () => {
		const { log } = capture('get', '/api/v1/files/certificates/ci_1', { id: 'ci_1' });
		await run(chain([{}], ten99Node({ resource: 'certificate', operation: 'get', id: 'ci_1', filters: { review_results: true } })));
		expect(log[0].query).toEqual({ 'expand[]': 'review_results' });
	});

	it('Job Category → Get Many: one output item per category', async () => {
		capture('get', '/api/v1/category_codes', [
			{ category_code: 'jc_1', name: 'Plumber' },
			{ category_code: 'jc_2', name: 'Electrician' },
		]);
		const result = await run(chain([{}], ten99Node({ resource: 'jobCategory', operation: 'list' })));
		expect(result.output('1099Policy')).toEqual([
			{ json: { category_code: 'jc_1', name: 'Plumber' }, pairedItem: { item: 0 } },
			{ json: { category_code: 'jc_2', name: 'Electrician' }, pairedItem: { item: 0 } },
		]);
	});
});
