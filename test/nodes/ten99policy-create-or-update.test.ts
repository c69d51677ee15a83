/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { startSandbox, type Sandbox } from '../sandbox';

/**
 * Create or Update by a known ID through the node, in n8n-core, against the local 1099Policy sandbox: the create path,
 * the update path (exact request log), the unchanged path (0 calls) and a bad ID, for job, quote, assignment and
 * application session, plus Contractor → Create or Update by a known ID and the lifecycle operations the placement
 * ledger needs (Assignment → Cancel, Application Session → Expire, Contractor → Get Policies).
 */

const KEY = 't9k_test_create_or_update';
const NOW = Date.parse('2026-06-01T00:00:00Z');
const unix = (iso: string) => Date.parse(iso) / 1000;

let sandbox: Sandbox;
let credentials: Record<string, Record<string, string>>;
let entity: string;

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => NOW });
	credentials = { ten99PolicyApi: { apiKey: KEY, environment: 'sandbox', baseUrl: sandbox.url } };
	const response = await fetch(`${sandbox.url}/api/v1/entities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ name: 'Acme Health', required_coverage: ['general'] }),
	});
	entity = ((await response.json()) as { id: string }).id;
});
afterAll(async () => sandbox?.stop());

/** Runs one 1099Policy node over `items`; returns its output JSON and the sandbox requests it made. */
async function step(items: Array<Record<string, unknown>>, parameters: INodeParameters) {
	const before = sandbox.requestLog.length;
	const result = await runWorkflow(chain(items, ten99Node(parameters, { onError: 'continueRegularOutput' })), credentials);
	expect(result.error).toBeUndefined();
	const calls = sandbox.requestLog.slice(before).map((r) => `${r.method} ${r.path}${r.idempotencyKey ? ` key=${r.idempotencyKey}` : ''}`);
	return { out: result.output('1099Policy').map((i) => i.json), calls };
}

/** Create or Update in JSON mode, the ledger's values from the item: body, id (known ID), unchanged, key. */
const upsert = (resource: string, extra: INodeParameters = {}): INodeParameters => ({
	resource,
	operation: 'upsert',
	inputMode: 'json',
	jsonBody: '={{ $json.body }}',
	options: { knownId: '={{ $json.id ?? "" }}', unchanged: '={{ $json.unchanged ?? false }}', idempotencyKey: '={{ $json.key ?? "" }}', ...extra },
});

const JOB = () => ({ name: 'Data analyst', description: 'Reporting', entity, category_code: 'jc_DATA_ANALYTICS', wage: 5000, wage_type: 'hourly', region: 'NY' });

describe('Create or Update by a known ID against the sandbox', () => {
	const ids: Record<string, string> = {};

	it('Job: created without an ID, updated in place with one, untouched when unchanged, refused with a quote ID', async () => {
		const created = await step([{ body: JOB(), key: 'placement-1-job' }], upsert('job'));
		expect(created.calls).toEqual(['POST /api/v1/jobs key=placement-1-job']);
		expect(created.out[0]).toMatchObject({ wage: 5000, upsert_result: 'created' });
		ids.job = String(created.out[0].id);

		const updated = await step([{ body: { ...JOB(), wage: 5500 }, id: ids.job, key: 'placement-1-job' }], upsert('job'));
		expect(updated.calls).toEqual([`PUT /api/v1/jobs/${ids.job}`]);
		expect(updated.out[0]).toMatchObject({ id: ids.job, wage: 5500, upsert_result: 'updated' });
		expect(sandbox.state().jobs.map((j) => [j.id, j.wage])).toEqual([[ids.job, 5500]]);

		const unchanged = await step([{ body: JOB(), id: ids.job, unchanged: true }], upsert('job'));
		expect(unchanged.calls).toEqual([]);
		expect(unchanged.out).toEqual([{ id: ids.job, upsert_result: 'unchanged' }]);

		const bad = await step([{ body: JOB(), id: 'qt_5DciVga8Kt' }], upsert('job'));
		expect(bad.calls).toEqual([]);
		expect(bad.out[0]).toMatchObject({ field: 'Job ID (If Known)', item: 0 });
		expect(bad.out[0].error).toMatch(/^Job ID \(If Known\): is not a 1099Policy job ID \(got "qt_5DciVga8Kt"\)\. Enter the job's ID, starting with jb_/);
		expect(sandbox.state().jobs).toHaveLength(1);
	});

	it('Contractor: created once; by its known ID an email change updates the same contractor (never a second one)', async () => {
		const contractor = { first_name: 'Ann', last_name: 'Parker', email: 'ann@example.com' };
		const created = await step([{ body: contractor }], upsert('contractor'));
		expect(created.calls).toEqual(['POST /api/v1/contractors']);
		expect(created.out[0]).toMatchObject({ upsert_result: 'created', returning_contractor: false });
		ids.contractor = String(created.out[0].id);

		const moved = await step([{ body: { ...contractor, email: 'ann.parker@example.com' }, id: ids.contractor }], upsert('contractor'));
		expect(moved.calls).toEqual([`PUT /api/v1/contractors/${ids.contractor}`, `GET /api/v1/contractors/${ids.contractor}/policies`]);
		expect(moved.out[0]).toMatchObject({ id: ids.contractor, email: 'ann.parker@example.com', upsert_result: 'updated', returning_contractor: false });
		expect(sandbox.state().contractors.map((c) => [c.id, c.email])).toEqual([[ids.contractor, 'ann.parker@example.com']]);

		const same = await step([{ body: contractor, id: ids.contractor, unchanged: true }], upsert('contractor', { checkReturning: false }));
		expect(same.calls).toEqual([]);
		expect(same.out).toEqual([{ id: ids.contractor, upsert_result: 'unchanged' }]);
	});

	it('Quote: created, its dates updated while unbound; once bound, the update is refused with 1099Policy\'s message and error_code', async () => {
		const body = { contractor: ids.contractor, job: ids.job, coverage_type: ['general'], effective_date: unix('2026-07-01T00:00:00Z'), end_date: unix('2026-09-30T00:00:00Z') };
		const created = await step([{ body, key: 'placement-1-quote' }], upsert('quote'));
		expect(created.calls).toEqual(['POST /api/v1/quotes key=placement-1-quote']);
		ids.quote = String(created.out[0].id);

		const later = { ...body, end_date: unix('2026-12-31T00:00:00Z') };
		const updated = await step([{ body: later, id: ids.quote }], upsert('quote'));
		expect(updated.calls).toEqual([`PUT /api/v1/quotes/${ids.quote}`]);
		expect(updated.out[0]).toMatchObject({ id: ids.quote, end_date: later.end_date, upsert_result: 'updated' });

		const session = await step([{ body: { quote: ids.quote, success_url: 'https://example.com/ok' } }], upsert('applicationSession'));
		expect(session.calls).toEqual([expect.stringMatching(/^POST \/api\/v1\/apply\/sessions key=[0-9a-f-]{36}$/)]);
		ids.session = String(session.out[0].id);
		const relinked = await step([{ body: { quote: ids.quote, success_url: 'https://example.com/done' }, id: ids.session }], upsert('applicationSession'));
		expect(relinked.calls).toEqual([`PUT /api/v1/apply/sessions/${ids.session}`]);
		expect(relinked.out[0]).toMatchObject({ success_url: 'https://example.com/done', quote: ids.quote, upsert_result: 'updated' });

		sandbox.completeSession(ids.session);
		const refused = await step([{ body: { ...later, end_date: unix('2027-01-31T00:00:00Z') }, id: ids.quote }], upsert('quote'));
		expect(refused.calls).toEqual([`PUT /api/v1/quotes/${ids.quote}`]);
		expect(refused.out[0]).toMatchObject({ status: 400, error_code: 'policy_already_exists', request: `PUT /quotes/${ids.quote}` });
		expect(refused.out[0].message).toMatch(/^Quote qt_\S+ is bound to policy pl_\S+ and can no longer be updated; create a new quote$/);
	});

	it('Assignment: a returning contractor is bound on a second job, its dates updated in place (no contractor_has_matching_policy), then cancelled', async () => {
		const policies = await step([{}], { resource: 'contractor', operation: 'listPolicies', id: { __rl: true, mode: 'id', value: ids.contractor } });
		expect(policies.calls).toEqual([`GET /api/v1/contractors/${ids.contractor}/policies`]);
		expect(policies.out.map((p) => p.status)).toEqual(['active']);

		const job2 = await step([{ body: { ...JOB(), name: 'Senior analyst' } }], upsert('job'));
		const job = String(job2.out[0].id);
		const body = { contractor: ids.contractor, job, effective_date: unix('2026-07-01T00:00:00Z'), end_date: unix('2026-08-31T00:00:00Z') };
		const created = await step([{ body, key: 'placement-2-assignment' }], upsert('assignment'));
		expect(created.calls).toEqual(['POST /api/v1/assignments key=placement-2-assignment']);
		expect(created.out[0]).toMatchObject({ status: 'active', upsert_result: 'created' });
		const assignment = String(created.out[0].id);

		// The same body with moved dates: contractor and job are create-only, so only the dates are sent.
		const moved = { ...body, end_date: unix('2026-10-31T00:00:00Z') };
		const updated = await step([{ body: moved, id: assignment, key: 'placement-2-assignment' }], upsert('assignment'));
		expect(updated.calls).toEqual([`PUT /api/v1/assignments/${assignment}`]);
		expect(updated.out[0]).toMatchObject({ id: assignment, status: 'active', end_date: moved.end_date, upsert_result: 'updated' });
		expect(sandbox.state().assignments.map((a) => [a.id, a.end_date])).toEqual([[assignment, moved.end_date]]);

		const unchanged = await step([{ body: moved, id: assignment, unchanged: true }], upsert('assignment'));
		expect(unchanged.calls).toEqual([]);
		expect(unchanged.out).toEqual([{ id: assignment, upsert_result: 'unchanged' }]);

		const cancelled = await step([{}], { resource: 'assignment', operation: 'cancel', job_id: job, additionalFields: { reason: 'Placement ended early' } });
		expect(cancelled.calls).toEqual([expect.stringMatching(/^POST \/api\/v1\/assignments\/cancel key=/)]);
		expect(cancelled.out[0]).toMatchObject({ job_id: job, reason: 'Placement ended early', cancelled: [{ id: assignment, status: 'cancelled' }] });
	});

	it('Application Session → Expire: an open link stops working', async () => {
		const quote = await step(
			[{ body: { contractor: ids.contractor, job: ids.job, coverage_type: ['general'], effective_date: unix('2026-07-01T00:00:00Z') } }],
			upsert('quote'),
		);
		const session = await step([{ body: { quote: quote.out[0].id } }], upsert('applicationSession'));
		const id = String(session.out[0].id);
		const expired = await step([{}], { resource: 'applicationSession', operation: 'expire', id });
		expect(expired.calls).toEqual([expect.stringMatching(new RegExp(`^POST /api/v1/apply/sessions/${id}/expire key=`))]);
		expect(expired.out[0]).toMatchObject({ id, status: 'expired' });
	});
});
