/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runOperation, type RunOptions } from '../../../nodes/Ten99Policy/operations';
import { Ten99PolicyApiError } from '../../../src/ten99policy/errors';
import type { OperationInput } from '../../../src/ten99policy/request';
import { operationSpec } from '../../../src/ten99policy/resources';
import { ValueError } from '../../../src/util/valueError';
import { BASE, makeClient, recorder, setupNock, teardownNock, UUID_V4, type SeenRequest } from './support';

/**
 * Create or Update by a known ID, request by request (nock): which call each path makes, with which body and
 * headers. The same paths against the local sandbox: test/nodes/ten99policy-create-or-update.test.ts.
 */

const run = (resource: string, input: OperationInput, options: Partial<RunOptions> = {}) => {
	const { client } = makeClient({ maxRetries: 0 });
	return runOperation(client, resource, 'upsert', operationSpec(resource, 'upsert'), input, {
		idempotencyKey: undefined,
		returnAll: false,
		limit: 0,
		checkReturning: true,
		knownEntityId: '',
		knownId: '',
		unchanged: false,
		convert: { moneyUnit: 'cents', zone: 'UTC' },
		cache: new Map(),
		...options,
	});
};

/** Answers every request with `answer` and records it. */
function api(seen: SeenRequest[], status = 200, answer: unknown = { id: 'x_1' }) {
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) nock(BASE).intercept(/.*/, method).query(true).times(5).reply(recorder(seen, status, answer));
}
const calls = (seen: SeenRequest[]) => seen.map((r) => `${r.method} ${r.path}`);

const ASSIGNMENT = {
	contractor: 'cn_Ehb3bYa',
	job: 'jb_jsb9KEcTpc',
	bind: true,
	policy: 'pl_WzFRszJhoY',
	effective_date: 1796083200,
	end_date: 1798761600,
	coverage_type: ['general'],
	custom_metadata: { jobdiva_activity_id: '991' },
};

describe('Create or Update by a known ID', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	it('no ID known: the same POST as Create, with the item idempotency key, upsert_result created', async () => {
		const seen: SeenRequest[] = [];
		api(seen, 201, { id: 'an_new', status: 'active' });
		const [out] = await run('assignment', { fields: ASSIGNMENT }, { idempotencyKey: 'placement-991-assignment' });
		expect(calls(seen)).toEqual(['POST /api/v1/assignments']);
		expect(JSON.parse(seen[0].body)).toEqual(ASSIGNMENT);
		expect(seen[0].headers['ten99policy-idempotent-key']).toBe('placement-991-assignment');
		expect(out).toEqual({ id: 'an_new', status: 'active', upsert_result: 'created' });
	});

	it('no ID known: a random key when none is given, and "unchanged" alone does not skip the create', async () => {
		const seen: SeenRequest[] = [];
		api(seen, 201, { id: 'jb_new' });
		const [out] = await run('job', { fields: { name: 'Analyst' } }, { unchanged: true }).catch((e: unknown) => [e]);
		// The job body lacks required fields: refused before sending, so the create path was taken (not "unchanged").
		expect(out).toBeInstanceOf(ValueError);
		expect(seen).toEqual([]);
		const [quote] = await run('quote', { fields: { contractor: 'cn_1', job: 'jb_1', coverage_type: ['general'] } }, { unchanged: true });
		expect(calls(seen)).toEqual(['POST /api/v1/quotes']);
		expect(seen[0].headers['ten99policy-idempotent-key']).toMatch(UUID_V4);
		expect(quote.upsert_result).toBe('created');
	});

	it.each([
		['job', 'jb_1', '/api/v1/jobs/jb_1', { name: 'Analyst', description: 'Reporting', entity: 'en_1', category_code: 'jc_DATA_ANALYTICS', wage: 5100, wage_type: 'hourly', region: 'NY' }, null],
		['quote', 'qt_1', '/api/v1/quotes/qt_1', { contractor: 'cn_1', job: 'jb_1', coverage_type: ['general'], end_date: 1798761600 }, null],
		// An assignment's contractor, job, bind and policy are create-only: the update sends its dates, coverage and metadata.
		['assignment', 'an_1', '/api/v1/assignments/an_1', ASSIGNMENT, { effective_date: 1796083200, end_date: 1798761600, coverage_type: ['general'], custom_metadata: { jobdiva_activity_id: '991' } }],
		// A session's quote is create-only.
		['applicationSession', 'ias_01X', '/api/v1/apply/sessions/ias_01X', { quote: 'qt_1', success_url: 'https://example.com/ok' }, { success_url: 'https://example.com/ok' }],
	])('%s with a known ID: one PUT of the fields Update accepts, no idempotency key, upsert_result updated', async (resource, id, path, fields, sent) => {
		const seen: SeenRequest[] = [];
		api(seen, 200, { id, changed: true });
		const [out] = await run(resource, { fields }, { knownId: ` ${id} `, idempotencyKey: 'ignored-on-put' });
		expect(calls(seen)).toEqual([`PUT ${path}`]);
		expect(JSON.parse(seen[0].body)).toEqual(sent ?? fields);
		expect(seen[0].headers['ten99policy-idempotent-key']).toBeUndefined();
		expect(out).toEqual({ id, changed: true, upsert_result: 'updated' });
	});

	it('a known ID marked unchanged: no call, the item passes on as {id, upsert_result: "unchanged"}', async () => {
		const seen: SeenRequest[] = [];
		api(seen);
		for (const [resource, id] of [['job', 'jb_1'], ['quote', 'qt_1'], ['assignment', 'an_1'], ['applicationSession', 'ias_01X']]) {
			expect(await run(resource, { fields: ASSIGNMENT }, { knownId: id, unchanged: true })).toEqual([{ id, upsert_result: 'unchanged' }]);
		}
		expect(seen).toEqual([]);
	});

	it('a known ID with nothing its Update accepts (a session given only its quote): no call, unchanged', async () => {
		const seen: SeenRequest[] = [];
		api(seen);
		expect(await run('applicationSession', { fields: { quote: 'qt_1' } }, { knownId: 'ias_01X' })).toEqual([{ id: 'ias_01X', upsert_result: 'unchanged' }]);
		expect(seen).toEqual([]);
	});

	it('an ID of another resource is refused before any call, naming the option, the value and the fix', async () => {
		const seen: SeenRequest[] = [];
		api(seen);
		const error = (await run('job', { fields: {} }, { knownId: 'qt_5DciVga8Kt' }).catch((e: unknown) => e)) as ValueError;
		expect(error).toBeInstanceOf(ValueError);
		expect(error.field).toBe('Job ID (If Known)');
		expect(error.message).toBe(
			'Job ID (If Known): is not a 1099Policy job ID (got "qt_5DciVga8Kt"). Enter the job\'s ID, starting with jb_ (e.g. from your placement ledger), or leave the option empty to create the job.',
		);
		for (const bad of ['jb_', 'jb_1 2', 'an_1']) {
			await expect(run('job', { fields: {} }, { knownId: bad, unchanged: true })).rejects.toThrow(/^Job ID \(If Known\): is not a 1099Policy job ID/);
		}
		await expect(run('applicationSession', { fields: {} }, { knownId: 'qt_1' })).rejects.toThrow(/^Application Session ID \(If Known\): .*starting with ias_/);
		expect(seen).toEqual([]);
	});

	it("a bound quote's update refused by 1099Policy keeps its message and error_code", async () => {
		const seen: SeenRequest[] = [];
		api(seen, 400, { message: 'Quote qt_1 is bound to policy pl_1 and can no longer be updated', error_code: 'bad_request' });
		const error = (await run('quote', { fields: { contractor: 'cn_1', job: 'jb_1', coverage_type: ['general'] } }, { knownId: 'qt_1' }).catch(
			(e: unknown) => e,
		)) as Ten99PolicyApiError;
		expect(error).toBeInstanceOf(Ten99PolicyApiError);
		expect(error.errorCode).toBe('bad_request');
		expect(error.apiMessage).toBe('Quote qt_1 is bound to policy pl_1 and can no longer be updated');
		expect(calls(seen)).toEqual(['PUT /api/v1/quotes/qt_1']);
	});
});

describe('Contractor → Create or Update by a known ID', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	const CONTRACTOR = { first_name: 'Ann', last_name: 'Parker', email: 'ann.new@example.com' };

	function contractorApi(seen: SeenRequest[], policies: unknown[]) {
		nock(BASE).put('/api/v1/contractors/cn_ann').reply(recorder(seen, 200, { id: 'cn_ann', ...CONTRACTOR }));
		nock(BASE).get('/api/v1/contractors/cn_ann/policies').times(2).reply(recorder(seen, 200, policies));
		nock(BASE).post('/api/v1/contractors').reply(recorder(seen, 201, { id: 'cn_second' }));
	}

	it('updates the contractor in place (a changed email too), never POSTs, then reports returning_contractor', async () => {
		const seen: SeenRequest[] = [];
		contractorApi(seen, [{ id: 'pl_1', status: 'active' }]);
		const [out] = await run('contractor', { fields: CONTRACTOR }, { knownId: 'cn_ann' });
		expect(calls(seen)).toEqual(['PUT /api/v1/contractors/cn_ann', 'GET /api/v1/contractors/cn_ann/policies']);
		expect(JSON.parse(seen[0].body)).toEqual(CONTRACTOR);
		expect(out).toEqual({ id: 'cn_ann', ...CONTRACTOR, upsert_result: 'updated', returning_contractor: true });
	});

	it('unchanged: only the policies lookup (none with Check Returning Contractor off)', async () => {
		const seen: SeenRequest[] = [];
		contractorApi(seen, []);
		expect(await run('contractor', { fields: CONTRACTOR }, { knownId: 'cn_ann', unchanged: true })).toEqual([
			{ id: 'cn_ann', upsert_result: 'unchanged', returning_contractor: false },
		]);
		expect(calls(seen)).toEqual(['GET /api/v1/contractors/cn_ann/policies']);
		expect(await run('contractor', { fields: CONTRACTOR }, { knownId: 'cn_ann', unchanged: true, checkReturning: false })).toEqual([
			{ id: 'cn_ann', upsert_result: 'unchanged' },
		]);
		expect(seen).toHaveLength(1);
	});

	it('refuses an ID that is not a contractor ID, before any call', async () => {
		const seen: SeenRequest[] = [];
		contractorApi(seen, []);
		await expect(run('contractor', { fields: CONTRACTOR }, { knownId: 'en_1' })).rejects.toThrow(
			/^Contractor ID \(If Known\): is not a 1099Policy contractor ID \(got "en_1"\)\. Enter the contractor's ID, starting with cn_ .*or leave the option empty to create the contractor or find it by email\.$/,
		);
		expect(seen).toEqual([]);
	});
});
