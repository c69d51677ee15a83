/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { pick } from 'lodash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES } from '../../src/ten99policy/resources';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { sandboxClient } from '../sandbox/client';
import { startSandbox, type Sandbox } from '../sandbox/index';

/**
 * Simplify (1099Policy node version 2) against the sandbox's full objects: a contractor with a bound policy and an
 * assignment exist; Get Many of each simplified resource returns every declared field and nothing else, each equal
 * to the whole object's value (Simplify off).
 */

const DAY = 86_400;
const START = Math.floor(Date.now() / 1000) + 7 * DAY;
// A policy is small (1099Policy documents 7 fields: id, status, quote, dates, pdf_url, created): no Simplify.
const SIMPLIFIED = ['contractor', 'job', 'quote', 'assignment'] as const;

let sandbox: Sandbox;
let credentials: Record<string, { apiKey: string; environment: string; baseUrl: string }>;

beforeAll(async () => {
	sandbox = await startSandbox();
	credentials = { ten99PolicyApi: { apiKey: 't9k_test_simplify', environment: 'sandbox', baseUrl: sandbox.url } };
	const api = sandboxClient(sandbox.url, { key: 't9k_test_simplify' });
	const contractor = (await api.post('/contractors', { first_name: 'Jordan', last_name: 'Lee', email: 'jordan@example.net', address: { line1: '1 Main St', locality: 'Oakland', region: 'CA', postalcode: '94607', country: 'US' } })).body;
	const entity = (await api.post('/entities', { name: 'Acme Health' })).body;
	const job = (await api.post('/jobs', { name: 'Data analyst', description: 'Dashboards', entity: entity.id, category_code: 'jc_DATA_ANALYTICS', wage: 9500, wage_type: 'hourly', region: 'CA' })).body;
	const quote = (await api.post('/quotes', { contractor: contractor.id, job: job.id, coverage_type: ['general'], effective_date: START, end_date: START + 30 * DAY })).body;
	const session = (await api.post('/apply/sessions', { quote: quote.id })).body;
	expect((await api.admin('POST', `/sessions/${session.id}/complete`)).status).toBe(200);
	const assignment = await api.post('/assignments', { contractor: contractor.id, job: job.id, effective_date: START, end_date: START + 30 * DAY, coverage_type: ['general'] });
	expect(assignment.status, JSON.stringify(assignment.body)).toBe(201);
});
afterAll(async () => sandbox?.stop());

describe('Simplify against the sandbox', () => {
	it.each(SIMPLIFIED)('%s → Get Many: the declared fields, equal to the whole object', async (resource) => {
		const list = (name: string, simplify: boolean) =>
			ten99Node({ resource, operation: 'list', returnAll: true, simplify }, { name, typeVersion: 2 });
		const result = await runWorkflow(chain([{}], list('Simplified', true), list('Whole', false)), credentials);
		expect(result.error, result.error?.message).toBeUndefined();
		const simplified = result.output('Simplified').map((item) => item.json);
		const whole = result.output('Whole').map((item) => item.json);
		expect(simplified).toHaveLength(1);
		const declared = Object.keys(RESOURCES[resource].simplified);
		expect(Object.keys(simplified[0])).toEqual(declared);
		expect(simplified[0]).toEqual(pick(whole[0], declared));
		expect(Object.keys(whole[0]).length).toBeGreaterThan(declared.length);
	});
});
