import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerWith, T99_BASE, T99_CREDENTIALS, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';

/**
 * The node reads every item's parameters through n8n while requests run in parallel (Options → Parallel Requests):
 * every item gets its own expression values and the constants, in order, paired, with a failed expression the error
 * of its own item only.
 */
describe('Ten99Policy node: parameters per item, in parallel', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	const people = Array.from({ length: 30 }, (_, i) => ({ first: `P${i}`, email: `p${i}@example.com`, phone: `555-01${String(i).padStart(2, '0')}` }));

	function api(log: SeenHttp[]) {
		return nock(T99_BASE)
			.post('/api/v1/contractors')
			.times(people.length)
			.delay(15)
			.reply(
				answerWith(log, (request) => {
					const body = JSON.parse(request.body) as { email: string };
					return [201, { id: `cn_${body.email.split('@')[0]}`, ...body }];
				}),
			);
	}

	const node = (extra = {}) =>
		ten99Node(
			{
				resource: 'contractor',
				operation: 'create',
				first_name: '={{ $json.first.toUpperCase() }}',
				last_name: 'Lee',
				email: '={{ $json.email }}',
				additionalFields: { company_name: 'Acme', phone: '={{ $json.phone }}', address: { details: { line1: '1 Main St', locality: 'Austin', region: 'TX', postalcode: '78701' } } },
				options: { concurrency: 3, idempotencyKey: '={{ "k-" + $json.email }}' },
			},
			extra,
		);

	it('sends each item its own expression values and the constants, and outputs in input order', async () => {
		const log: SeenHttp[] = [];
		api(log);
		const result = await runWorkflow(chain(people, node()), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		const output = result.output('1099Policy');
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual(people.map((_p, i) => [`cn_p${i}`, { item: i }]));
		expect(log).toHaveLength(people.length);
		const byKey = new Map(log.map((request) => [request.headers['ten99policy-idempotent-key'], JSON.parse(request.body) as Record<string, unknown>]));
		for (const p of people) {
			expect(byKey.get(`k-${p.email}`)).toEqual({
				first_name: p.first.toUpperCase(),
				last_name: 'Lee',
				email: p.email,
				company_name: 'Acme',
				phone: p.phone,
				// country: the Address collection's default (US), filled in by n8n.
				address: { line1: '1 Main St', locality: 'Austin', region: 'TX', postalcode: '78701', country: 'US' },
			});
		}
	});

	it('an expression failing on one item is that item’s error only under Continue On Fail', async () => {
		const log: SeenHttp[] = [];
		api(log);
		const broken = people.map((p, i) => (i === 17 || i === 2 ? { email: p.email, phone: p.phone } : p));
		const result = await runWorkflow(chain(broken, node({ continueOnFail: true })), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		const output = result.output('1099Policy');
		expect(output).toHaveLength(people.length);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			if (i === 17 || i === 2) expect(item.json.error).toEqual(expect.any(String));
			else expect(item.json.id).toBe(`cn_p${i}`);
		});
		expect(log).toHaveLength(people.length - 2);
	});

	it('without Continue On Fail the run fails naming the item', async () => {
		api([]);
		const broken = people.map((p, i) => (i === 17 ? { email: p.email } : p));
		const result = await runWorkflow(chain(broken, node()), T99_CREDENTIALS);
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.error?.message ?? '') + JSON.stringify((result.error as { description?: string })?.description ?? '')).toMatch(/17|item/i);
	});
});
