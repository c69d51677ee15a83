import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerWith, T99_BASE, T99_CREDENTIALS, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';

/** 1099Policy holding `count` invoices, newest first, paged by `limit` / `starting_after` as bare arrays. */
function invoices(count: number, log: SeenHttp[]) {
	const all = Array.from({ length: count }, (_, i) => ({ id: `in_${String(i).padStart(4, '0')}` }));
	nock(T99_BASE)
		.get('/api/v1/invoices')
		.query(true)
		.times(20)
		.reply(
			answerWith(log, (r) => {
				const start = r.query.starting_after ? all.findIndex((c) => c.id === r.query.starting_after) + 1 : 0;
				return [200, all.slice(start, start + Number(r.query.limit))];
			}),
		);
	return all;
}

describe('Ten99Policy node: lists and unusual responses through n8n', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Return All returns all 257 objects in order, each paired to the input', async () => {
		const log: SeenHttp[] = [];
		const all = invoices(257, log);
		const result = await runWorkflow(chain([{}], ten99Node({ resource: 'invoice', operation: 'list', returnAll: true })), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(log.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', starting_after: 'in_0099' },
			{ limit: '100', starting_after: 'in_0199' },
		]);
		const out = result.output('1099Policy');
		expect(out.map((i) => i.json.id)).toEqual(all.map((i) => i.id));
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('a Limit of 150 pages until 150', async () => {
		const log: SeenHttp[] = [];
		invoices(400, log);
		const result = await runWorkflow(chain([{}], ten99Node({ resource: 'invoice', operation: 'list', returnAll: false, limit: 150 })), T99_CREDENTIALS);
		expect(log.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '50', starting_after: 'in_0099' }]);
		expect(result.output('1099Policy')).toHaveLength(150);
	});

	it('an HTML error page from a proxy still gives a readable error with status, method and path', async () => {
		nock(T99_BASE).get('/api/v1/jobs/jb_1').reply(502, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
		const result = await runWorkflow(
			chain([{}], ten99Node({ resource: 'job', operation: 'get', id: { __rl: true, mode: 'id', value: 'jb_1' }, options: { maxRetries: 0 } })),
			T99_CREDENTIALS,
		);
		expect(result.error?.message).toBe('[item 0] 1099Policy rejected GET /jobs/jb_1 (502): <html><body>Bad Gateway</body></html>');
	});

	it('a 500 is retried through n8n and then succeeds', async () => {
		const log: SeenHttp[] = [];
		let first = true;
		nock(T99_BASE)
			.delete('/api/v1/jobs/jb_1')
			.times(2)
			.reply(
				answerWith(log, () => {
					if (first) {
						first = false;
						return [500, { message: 'Internal error', error_code: 'server_error' }];
					}
					return [200, { id: 'jb_1', deleted: true }];
				}),
			);
		const result = await runWorkflow(chain([{}], ten99Node({ resource: 'job', operation: 'delete', id: { __rl: true, mode: 'id', value: 'jb_1' } })), T99_CREDENTIALS);
		expect(result.error).toBeUndefined();
		expect(log).toHaveLength(2);
		expect(result.output('1099Policy')[0].json).toEqual({ id: 'jb_1', deleted: true });
	}, 15_000);

	it('a POST with Send Idempotency Key off is not retried after a 500 through n8n', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE)
			.post('/api/v1/assignments/cancel')
			.times(3)
			.reply(answerWith(log, () => [500, { message: 'Internal error', error_code: 'server_error' }]));
		const result = await runWorkflow(
			chain(
				[{}],
				ten99Node({ resource: 'assignment', operation: 'cancel', job_id: { __rl: true, mode: 'id', value: 'jb_1' }, options: { sendIdempotencyKey: false } }),
			),
			T99_CREDENTIALS,
		);
		expect(result.error?.message).toMatch(/^\[item 0\] 1099Policy rejected POST \/assignments\/cancel \(500 server_error\): Internal error$/);
		expect(log).toHaveLength(1);
		expect(log[0].headers['ten99policy-idempotent-key']).toBeUndefined();
	});

	it('ineligibility returned as data (eligible: false) is output unchanged, not turned into an error', async () => {
		const quote = { id: 'qt_1', eligible: false, net_rate: 0, contractor: 'cn_1', job: 'jb_1' };
		nock(T99_BASE).post('/api/v1/quotes').reply(201, quote);
		const result = await runWorkflow(
			chain(
				[{}],
				ten99Node({
					resource: 'quote',
					operation: 'create',
					contractor: { __rl: true, mode: 'id', value: 'cn_1' },
					job: { __rl: true, mode: 'id', value: 'jb_1' },
					coverage_type: ['general'],
				}),
			),
			T99_CREDENTIALS,
		);
		expect(result.output('1099Policy')).toEqual([{ json: quote, pairedItem: { item: 0 } }]);
	});
});
