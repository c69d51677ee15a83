/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { PACKAGE, registerNodeType } from '../helpers/nodeTypes';
import { chain, runWorkflow } from '../helpers/workflow';
import { startSandbox, type Sandbox } from '../sandbox';

/**
 * The mapping's bodies accepted by 1099Policy (the local sandbox): a JobDiva placement mapped by the node and
 * created through the 1099Policy node — contractor, job, quote, application session and invoice — with the
 * idempotency keys the mapping computed. IDs of objects created earlier are merged in by expression, the
 * pattern the README documents.
 */

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures/mapping', `${name}.json`), 'utf8')) as Record<string, unknown>;
const MAP = `${PACKAGE}.jobDivaToTen99`;
const API = `${PACKAGE}.ten99Policy`;
const KEY = 't9k_test_mapping_sandbox';

let sandbox: Sandbox;
let entityId: string;

beforeAll(async () => {
	registerNodeType(MAP, new JobDivaToTen99());
	// The sandbox clock sits before the placement starts (12/01/2026), so the quote's effective date is in the future.
	sandbox = await startSandbox({ now: () => Date.parse('2026-06-01T00:00:00Z') });
	const response = await fetch(`${sandbox.url}/api/v1/entities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', 'Ten99Policy-Environment': 'sandbox' },
		body: JSON.stringify({ name: 'Acme Health', required_coverage: ['general'] }),
	});
	entityId = ((await response.json()) as { id: string }).id;
});
afterAll(async () => sandbox?.stop());

const create = (name: string, resource: string, body: string, key: string): Omit<INode, 'position' | 'id'> => ({
	name,
	type: API,
	typeVersion: 1,
	parameters: { resource, operation: 'create', inputMode: 'json', jsonBody: body, options: { idempotencyKey: key } },
	credentials: { ten99PolicyApi: { id: '1', name: 'sandbox' } },
});

describe('JobDivaToTen99 → Ten99Policy against the sandbox', () => {
	it('a nested JobDiva placement becomes contractor, job, quote and session in 1099Policy', async () => {
		const placement = { candidate: fixture('candidateDetail'), job: fixture('jobDetail'), placement: fixture('activityRecord') };
		const workflow = chain(
			[placement],
			{
				name: 'Map',
				type: MAP,
				typeVersion: 1,
				parameters: {
					operation: 'mapPlacement',
					categoryTable: { rules: [{ match: 'title', pattern: 'analyst', code: 'jc_DATA_ANALYTICS' }] },
					clientTable: { clients: [{ client: '501', coverageTypes: ['general'], entity: entityId }] },
					successUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=active',
					cancelUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=canceled',
				},
			},
			create('Create Contractor', 'contractor', "={{ $('Map').item.json.contractor.body }}", "={{ $('Map').item.json.contractor.idempotencyKey }}"),
			create('Create Job', 'job', "={{ $('Map').item.json.job.body }}", "={{ $('Map').item.json.job.idempotencyKey }}"),
			create(
				'Create Quote',
				'quote',
				"={{ { ...$('Map').item.json.quote.body, contractor: $('Create Contractor').item.json.id, job: $('Create Job').item.json.id } }}",
				"={{ $('Map').item.json.quote.idempotencyKey }}",
			),
			create(
				'Create Session',
				'applicationSession',
				"={{ { ...$('Map').item.json.session.body, quote: $('Create Quote').item.json.id } }}",
				"={{ $('Map').item.json.session.idempotencyKey }}",
			),
		);
		const credentials = { ten99PolicyApi: { apiKey: KEY, environment: 'sandbox', baseUrl: sandbox.url } };
		const result = await runWorkflow(workflow, credentials);
		expect(result.error).toBeUndefined();

		const contractor = result.output('Create Contractor')[0].json;
		expect(contractor).toMatchObject({ first_name: 'Jordan', last_name: 'Lee', email: 'jordan.lee@example.net', custom_metadata: { jobdiva_candidate_id: '12345' } });
		const job = result.output('Create Job')[0].json;
		expect(job).toMatchObject({ wage: 9500, wage_type: 'hourly', category_code: 'jc_DATA_ANALYTICS', region: 'CA', entity: expect.anything() });
		const quote = result.output('Create Quote')[0].json;
		expect(quote).toMatchObject({ effective_date: 1796112000, end_date: 1803887999, coverage_type: ['general'] });
		const session = result.output('Create Session')[0].json;
		expect(session).toMatchObject({ success_url: 'https://dash.example.com/placements/45678?coverage=active' });

		// The keys sent are the ones the mapping computed.
		const map = result.output('Map')[0].json as Record<string, { idempotencyKey: string }>;
		const sentKeys = sandbox.requestLog.filter((entry) => entry.method === 'POST').map((entry) => entry.idempotencyKey);
		for (const part of ['contractor', 'job', 'quote', 'session']) expect(sentKeys).toContain(map[part].idempotencyKey);

		// A re-run with the same JobDiva record replays instead of creating duplicates.
		const again = await runWorkflow(workflow, credentials);
		expect(again.error).toBeUndefined();
		expect(sandbox.state().contractors).toHaveLength(1);
		expect(sandbox.state().jobs).toHaveLength(1);
		expect(sandbox.state().quotes).toHaveLength(1);
		expect(sandbox.requestLog.filter((entry) => entry.replayed).length).toBeGreaterThanOrEqual(4);
	});

	// Uses the contractor and job the first test created (tests in a file run in order).
	it('a timesheet becomes an invoice and a COI attachment a certificate upload', async () => {
		const state = sandbox.state();
		const contractorId = String(state.contractors[0].id);
		const jobId = String(state.jobs[0].id);
		const credentials = { ten99PolicyApi: { apiKey: KEY, environment: 'sandbox', baseUrl: sandbox.url } };
		const mapTimesheet = {
			name: 'Map',
			type: MAP,
			typeVersion: 1,
			parameters: { operation: 'mapTimesheetOrInvoice', contractorId, jobId, options: { timeZone: 'America/Los_Angeles' } },
		};
		const invoiceRun = await runWorkflow(
			chain([fixture('timesheetRecord')], mapTimesheet, create('Create Invoice', 'invoice', '={{ $json.invoice.body }}', '={{ $json.invoice.idempotencyKey }}')),
			credentials,
		);
		expect(invoiceRun.error).toBeUndefined();
		expect(invoiceRun.output('Create Invoice')[0].json).toMatchObject({ gross_pay: 416063, contractor: expect.anything() });

		const certificateRun = await runWorkflow(
			chain([fixture('coiAttachment')], { name: 'Map', type: MAP, typeVersion: 1, parameters: { operation: 'mapAttachment', contractorId } }, {
				name: 'Upload',
				type: API,
				typeVersion: 1,
				parameters: {
					resource: 'certificate',
					operation: 'upload',
					certificate: '={{ $json.certificate.binaryProperty }}',
					contractor: { __rl: true, mode: 'id', value: '={{ $json.certificate.fields.contractor }}' },
					additionalFields: { custom_metadata_json: '={{ JSON.stringify($json.certificate.fields.custom_metadata) }}' },
					options: { idempotencyKey: '={{ $json.certificate.idempotencyKey }}' },
				},
				credentials: { ten99PolicyApi: { id: '1', name: 'sandbox' } },
			}),
			credentials,
		);
		expect(certificateRun.error).toBeUndefined();
		expect(certificateRun.output('Upload')[0].json).toMatchObject({ id: expect.stringMatching(/^ci_/) });
		expect(sandbox.state().certificates).toHaveLength(1);
	});
});
