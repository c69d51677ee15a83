/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../fixtures/sandbox/referenceExamples';
import { ten99Node } from '../helpers/ten99policyNode';
import { binaryChain, chain, runWorkflow, type RunResult } from '../helpers/workflow';
import { sandboxClient } from '../sandbox/client';
import { startSandbox, type Sandbox } from '../sandbox/index';

/**
 * The whole 1099Policy integration guide, driven through the real Ten99Policy node (in-process n8n-core) against
 * the local sandbox: contractor → entity → job → quote → application session → (contractor completes it) →
 * active policy → assignment for the now-returning contractor → invoice → certificate upload and review.
 * Every create carries a fixed idempotency key, so running the whole flow a second time must leave exactly one
 * of each object.
 */

const DAY = 86_400;
const START = Math.floor(Date.now() / 1000) + 7 * DAY;
const END = START + 60 * DAY;
const ref = (expression: string) => ({ __rl: true, mode: 'id', value: expression });

let sandbox: Sandbox;
let credentials: Record<string, { apiKey: string; environment: string; baseUrl: string }>;

beforeAll(async () => {
	sandbox = await startSandbox();
	credentials = { ten99PolicyApi: { apiKey: 't9k_test_guide_flow', environment: 'sandbox', baseUrl: sandbox.url } };
});
afterAll(async () => sandbox?.stop());

/** A create in JSON mode with a fixed idempotency key. */
function create(name: string, resource: string, body: string, key: string) {
	return ten99Node({ resource, operation: 'create', inputMode: 'json', jsonBody: body, options: { idempotencyKey: key } }, { name });
}

function node(name: string, parameters: INodeParameters) {
	return ten99Node(parameters, { name });
}

const PLACEMENT = {
	candidate: { first_name: 'Jordan', last_name: 'Lee', email: 'jordan.lee@example.net', phone: '415-555-0100', region: 'CA', candidateId: '12345' },
	client: { name: 'Acme Health', region: 'CA' },
	job: { title: 'Data analyst', description: 'Builds weekly dashboards for the clinic network', payCents: 9500 },
};

/** Part 1, guide steps 1–5: contractor, entity, job, quote, application session. */
function onboarding() {
	return chain(
		[PLACEMENT],
		// Fields mode for the contractor, as a user would fill it in.
		node('Create Contractor', {
			resource: 'contractor',
			operation: 'create',
			first_name: '={{ $json.candidate.first_name }}',
			last_name: '={{ $json.candidate.last_name }}',
			email: '={{ $json.candidate.email }}',
			additionalFields: {
				phone: '={{ $json.candidate.phone }}',
				custom_metadata: { pairs: [{ key: 'jobdiva_candidate_id', value: '={{ $json.candidate.candidateId }}' }] },
			},
			options: { idempotencyKey: 'guide-contractor-12345' },
		}),
		create('Create Entity', 'entity', "={{ { name: $('Items').item.json.client.name, required_coverage: ['general', 'workers-comp'] } }}", 'guide-entity-acme'),
		create(
			'Create Job',
			'job',
			`={{ { name: $('Items').item.json.job.title, description: $('Items').item.json.job.description, entity: $('Create Entity').item.json.id,
			category_code: 'jc_DATA_ANALYTICS', wage: $('Items').item.json.job.payCents, wage_type: 'hourly', region: $('Items').item.json.client.region } }}`,
			'guide-job-78910',
		),
		create(
			'Create Quote',
			'quote',
			`={{ { contractor: $('Create Contractor').item.json.id, job: $('Create Job').item.json.id, coverage_type: ['general', 'workers-comp'],
			effective_date: ${START}, end_date: ${END}, custom_metadata: { jobdiva_placement_id: '45678' } } }}`,
			'guide-quote-45678',
		),
		create(
			'Create Session',
			'applicationSession',
			"={{ { quote: $('Create Quote').item.json.id, success_url: 'https://dash.example.com/placements/45678?coverage=active', cancel_url: 'https://dash.example.com/placements/45678?coverage=canceled' } }}",
			'guide-session-45678',
		),
	);
}

/** Part 2, guide steps 6–7: the contractor now holds an active policy; bind the assignment and record the invoice. */
function coverage(ids: { contractor: string; job: string; quote: string }) {
	return chain(
		[ids],
		node('Find Policy', { resource: 'policy', operation: 'list', returnAll: false, limit: 5, filters: { quote: ref('={{ $json.quote }}') } }),
		node('Contractor Policies', { resource: 'contractor', operation: 'listPolicies', id: ref("={{ $('Items').item.json.contractor }}") }),
		create(
			'Create Assignment',
			'assignment',
			`={{ { contractor: $('Items').item.json.contractor, job: $('Items').item.json.job, effective_date: ${START}, end_date: ${END},
			coverage_type: ['general', 'workers-comp'], custom_metadata: { jobdiva_placement_id: '45678' } } }}`,
			'guide-assignment-45678',
		),
		create(
			'Create Invoice',
			'invoice',
			`={{ { contractor: $('Items').item.json.contractor, job: $('Items').item.json.job, gross_pay: 380000, paycycle_startdate: ${START}, paycycle_enddate: ${START + 6 * DAY} } }}`,
			'guide-invoice-ts-1',
		),
	);
}

/** Part 3, guide step 8 (BYO-COI): upload the certificate, then read it until the review is final. */
function certificate(contractor: string) {
	return binaryChain(
		[{ base64: pdf().toString('base64'), fileName: 'coi.pdf', mimeType: 'application/pdf', json: { contractor } }],
		node('Upload Certificate', {
			resource: 'certificate',
			operation: 'upload',
			certificate: 'data',
			contractor: ref('={{ $json.contractor }}'),
			additionalFields: { custom_metadata: { pairs: [{ key: 'jobdiva_candidate_id', value: '12345' }] } },
			options: { idempotencyKey: 'guide-coi-12345' },
		}),
		node('Review 1', { resource: 'certificate', operation: 'get', id: ref("={{ $('Upload Certificate').item.json.id }}"), filters: { review_results: true } }),
		node('Review 2', { resource: 'certificate', operation: 'get', id: ref("={{ $('Upload Certificate').item.json.id }}"), filters: { review_results: true } }),
	);
}

function ok(result: RunResult): RunResult {
	expect(result.error, result.error?.message).toBeUndefined();
	return result;
}

const one = (result: RunResult, nodeName: string) => {
	const items = result.output(nodeName);
	expect(items, nodeName).toHaveLength(1);
	return items[0].json as Record<string, any>;
};

async function runGuide(): Promise<Record<string, Record<string, any>>> {
	const api = sandboxClient(sandbox.url);
	const first = ok(await runWorkflow(onboarding(), credentials));
	const contractor = one(first, 'Create Contractor');
	const quote = one(first, 'Create Quote');
	const session = one(first, 'Create Session');
	// The contractor fills in the hosted application (the sandbox's admin API stands in for them).
	const completion = await api.admin('POST', `/sessions/${session.id}/complete`);
	expect([200, 400]).toContain(completion.status);
	if (completion.status === 400) expect(completion.body.error_code).toBe('application_already_complete');

	const second = ok(await runWorkflow(coverage({ contractor: contractor.id, job: one(first, 'Create Job').id, quote: quote.id }), credentials));
	const third = ok(await runWorkflow(certificate(contractor.id), credentials));
	return {
		contractor,
		entity: one(first, 'Create Entity'),
		job: one(first, 'Create Job'),
		quote,
		session,
		policy: one(second, 'Find Policy'),
		contractorPolicy: one(second, 'Contractor Policies'),
		assignment: one(second, 'Create Assignment'),
		invoice: one(second, 'Create Invoice'),
		upload: one(third, 'Upload Certificate'),
		review1: one(third, 'Review 1'),
		review2: one(third, 'Review 2'),
	};
}

describe('the integration guide through the Ten99Policy node, against the sandbox', () => {
	let firstRun: Record<string, Record<string, any>>;

	it('creates every object, completes the application and binds the returning contractor', async () => {
		firstRun = await runGuide();
		const { contractor, entity, job, quote, session, policy, contractorPolicy, assignment, invoice, upload, review1, review2 } = firstRun;

		expect(contractor).toMatchObject({ first_name: 'Jordan', email: 'jordan.lee@example.net', phone: '415-555-0100', custom_metadata: { jobdiva_candidate_id: '12345' } });
		expect(job).toMatchObject({ entity: entity.id, category_code: 'jc_DATA_ANALYTICS', wage: 9500, region: 'CA' });
		expect(quote).toMatchObject({ contractor: contractor.id, job: job.id, eligible: true, effective_date: START, end_date: END });
		expect(quote.net_rate).toBe(21); // Data analytics (12) in CA (1.25): general 6 + workers' comp 15.
		expect(session).toMatchObject({ quote: quote.id, status: 'open', url: `${sandbox.url}/apply/${session.id}` });

		expect(policy).toMatchObject({ status: 'active', quote: quote.id, contractor: contractor.id, job: job.id });
		expect(contractorPolicy.id).toBe(policy.id);
		expect(assignment).toMatchObject({ status: 'active', policy: policy.id, eligible: { result: true }, contractor: contractor.id, job: job.id, net_rate: 21 });
		expect(invoice).toMatchObject({ contractor: contractor.id, job: job.id, gross_pay: 380000 });
		expect(upload).toMatchObject({ contractor: contractor.id, status: 'pending', custom_metadata: { jobdiva_candidate_id: '12345' } });
		expect(review1).toMatchObject({ id: upload.id, status: 'processing', review_results: null });
		expect(review2).toMatchObject({ id: upload.id, status: 'approved', review_results: { result: 'approved' } });

		// The sandbox's own state: one of each, all linked together.
		const state = sandbox.state();
		const counts = Object.fromEntries(Object.entries(state).map(([name, objects]) => [name, objects.length]));
		expect(counts).toMatchObject({ contractors: 1, entities: 1, jobs: 1, quotes: 1, sessions: 1, policies: 1, assignments: 1, invoices: 1, certificates: 1 });
		expect(state.sessions[0]).toMatchObject({ status: 'complete', policy: policy.id, quote: quote.id });
		expect(state.policies[0]).toMatchObject({ status: 'active', quote: quote.id, contractor: contractor.id });
		expect(state.assignments[0]).toMatchObject({ policy: policy.id, certificates: [upload.id] });
		expect(state.certificates[0]).toMatchObject({ status: 'approved', contractor: contractor.id });
		expect(state.events.map((e) => e.type)).toEqual([
			'application.created',
			'application.started',
			'policy.active',
			'application.complete',
			'assignment.active',
			'certificate.approved',
		]);
		// Every request went through the node with the Bearer key, and every POST carried its fixed key.
		const posts = sandbox.requestLog.filter((r) => r.method === 'POST');
		expect(posts.map((r) => r.idempotencyKey)).toEqual([
			'guide-contractor-12345',
			'guide-entity-acme',
			'guide-job-78910',
			'guide-quote-45678',
			'guide-session-45678',
			'guide-assignment-45678',
			'guide-invoice-ts-1',
			'guide-coi-12345',
		]);
		expect(sandbox.requestLog.every((r) => r.status !== null && r.status < 300)).toBe(true);
	});

	it('running the whole flow again with the same idempotency keys leaves exactly one of each object', async () => {
		const before = sandbox.state();
		const secondRun = await runGuide();
		for (const name of ['contractor', 'entity', 'job', 'quote', 'session', 'assignment', 'invoice', 'upload', 'policy']) {
			expect(secondRun[name].id, name).toBe(firstRun[name].id);
		}
		const after = sandbox.state();
		for (const name of ['contractors', 'entities', 'jobs', 'quotes', 'sessions', 'policies', 'assignments', 'invoices', 'certificates'] as const) {
			expect(after[name], name).toHaveLength(1);
			expect(after[name], name).toEqual(before[name]);
		}
		expect(after.events).toEqual(before.events);
		const replays = sandbox.requestLog.filter((r) => r.replayed).map((r) => r.idempotencyKey);
		expect(replays).toEqual([
			'guide-contractor-12345',
			'guide-entity-acme',
			'guide-job-78910',
			'guide-quote-45678',
			'guide-session-45678',
			'guide-assignment-45678',
			'guide-invoice-ts-1',
			'guide-coi-12345',
		]);
	});
});
