/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { PACKAGE, registerNodeType } from '../helpers/nodeTypes';
import { chain, runWorkflow } from '../helpers/workflow';

/** The JobDiva to 1099Policy node run in-process through n8n-core: parameters, expressions, both outputs, pairing, Continue On Fail. */

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures/mapping', `${name}.json`), 'utf8')) as Record<string, unknown>;
const TYPE = `${PACKAGE}.jobDivaToTen99`;
const creds = { ten99PolicyApi: { apiKey: 't9k_test_secret', environment: 'sandbox', baseUrl: 'https://api.1099policy.com' } };

const contractorStart = { ...fixture('searchStart'), contractorRef: 'cn_from_expr', jobRef: 'jb_from_expr' };
const w2Start = { ...fixture('searchStart'), id: 50001, 'crop to crop': null, contractorRef: 'cn_x', jobRef: 'jb_x' };
const nested = { candidate: fixture('candidateDetail'), job: fixture('jobDetail'), placement: fixture('activityRecord'), contractorRef: 'cn_nested', jobRef: 'jb_nested' };

const mapNode = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	name: 'Map',
	type: TYPE,
	typeVersion: 1,
	parameters: {
		operation: 'mapPlacement',
		contractorId: '={{ $json.contractorRef }}',
		jobId: '={{ $json.jobRef }}',
		quoteId: '',
		successUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=active',
		cancelUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=canceled',
		defaultCategoryCode: 'GENERAL_SERVICES',
		categoryTable: { rules: [{ match: 'title', pattern: 'analyst', code: 'DATA_ANALYTICS' }] },
		clientTable: { clients: [{ client: '501', coverageTypes: ['general', 'workers-comp'], entity: 'en_acme' }] },
		defaultEntity: 'en_default',
		...parameters,
	},
	...extra,
});

beforeAll(() => registerNodeType(TYPE, new JobDivaToTen99()));
afterEach(() => nock.cleanAll());

describe('JobDivaToTen99 node in a workflow', () => {
	it('maps contractor placements to Mapped and the W-2 start to Skipped, each paired with its input item', async () => {
		const result = await runWorkflow(chain([contractorStart, w2Start, nested], mapNode({})));
		expect(result.error).toBeUndefined();
		const mappedItems = result.output('Map', 0);
		const skippedItems = result.output('Map', 1);
		expect(mappedItems.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(skippedItems.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(skippedItems[0].json).toMatchObject({ field: 'position type', value: 'contract' });

		const first = mappedItems[0].json as Record<string, any>;
		expect(first.quote.body).toMatchObject({ contractor: 'cn_from_expr', job: 'jb_from_expr', effective_date: 1795986000, end_date: 1803877200 });
		expect(first.session.body.success_url).toBe('https://dash.example.com/placements/45678?coverage=active');
		const second = mappedItems[1].json as Record<string, any>;
		expect(second.recognised).toEqual(['candidate', 'job', 'placement']);
		expect(second.job.body).toMatchObject({ entity: 'en_acme', category_code: 'DATA_ANALYTICS', wage: 9500, wage_type: 'hourly', region: 'CA' });
		expect(second.quote.body).toMatchObject({ contractor: 'cn_nested', coverage_type: ['general', 'workers-comp'] });
		expect(second.quote.timeZone).toBe('America/Los_Angeles');
	});

	it('the Time Zone option and the workflow time zone reach the mapping', async () => {
		const noState = { ...nested, job: { ...fixture('jobDetail'), STATE: '' }, candidate: { ...fixture('candidateDetail'), STATE: '' } };
		const byOption = await runWorkflow(chain([noState], mapNode({ options: { timeZone: 'America/Chicago' } })));
		expect((byOption.output('Map')[0].json as Record<string, any>).quote.timeZone).toBe('America/Chicago');
		const byWorkflow = await runWorkflow({ ...chain([noState], mapNode({})), settings: { timezone: 'Europe/London' } });
		expect((byWorkflow.output('Map')[0].json as Record<string, any>).quote.timeZone).toBe('Europe/London');
	});

	it('fails the run on bad input, naming the JobDiva field, value and fix', async () => {
		const bad = { ...contractorStart, 'start date': 'next monday' };
		const result = await runWorkflow(chain([contractorStart, bad], mapNode({})));
		expect(result.error).toBeDefined();
		expect(result.error!.message).toMatch(/\[item 1\] start date: is not a date in a format JobDiva uses \(got "next monday"\)/);
		expect((result.error as { description?: string }).description).toMatch(/JobDiva field: start date\. Value: "next monday"\. Fix: Send epoch milliseconds/);
	});

	it('with Continue On Fail a bad item becomes {error, field, value, fix} on Mapped and the rest go on', async () => {
		const bad = { ...contractorStart, 'end date': 1700000000000 };
		const result = await runWorkflow(chain([bad, contractorStart, w2Start], mapNode({}, { onError: 'continueRegularOutput' })));
		expect(result.error).toBeUndefined();
		const mappedItems = result.output('Map', 0);
		expect(mappedItems).toHaveLength(2);
		expect(mappedItems[0]).toMatchObject({ pairedItem: { item: 0 }, json: { field: 'end date', value: 1700000000000 } });
		expect((mappedItems[0].json as Record<string, string>).fix).toMatch(/end date must come after the start date/);
		expect(mappedItems[1].pairedItem).toEqual({ item: 1 });
		expect(result.output('Map', 1).map((i) => i.pairedItem)).toEqual([{ item: 2 }]);
	});

	it('rules without expressions (read once per run) give every item the same result, and a bad rule fails each item', async () => {
		const fixed = { contractorId: 'cn_fixed', jobId: 'jb_fixed' };
		const result = await runWorkflow(chain([contractorStart, nested], mapNode(fixed)));
		expect(result.output('Map', 0).map((item) => (item.json as { quote: { body: { contractor: string } } }).quote.body.contractor)).toEqual(['cn_fixed', 'cn_fixed']);
		const bad = await runWorkflow(chain([contractorStart, nested], mapNode({ ...fixed, options: { proxyEmailDomain: 'not a domain' } }, { onError: 'continueRegularOutput' })));
		expect(bad.output('Map', 0).map((item) => [item.pairedItem, item.json.field])).toEqual([
			[{ item: 0 }, 'proxyEmailDomain'],
			[{ item: 1 }, 'proxyEmailDomain'],
		]);
	});

	it('Map Attachment writes the certificate PDF as binary', async () => {
		const result = await runWorkflow(chain([fixture('coiAttachment')], mapNode({ operation: 'mapAttachment', contractorId: 'cn_1' })));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Map');
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'Jordan_Lee_COI_2026.pdf' });
		expect(Buffer.from(item.binary!.data.data, 'base64').subarray(0, 4).toString('latin1')).toBe('%PDF');
		expect(item.json).toMatchObject({ certificate: { fields: { contractor: 'cn_1', custom_metadata: { jobdiva_candidate_id: '12345' } }, binaryProperty: 'data' } });
	});

	it('its output feeds the 1099Policy node: contractor body and idempotency key sent as mapped', async () => {
		let seenKey: string | undefined;
		const scope = nock('https://api.1099policy.com')
			.post('/api/v1/contractors', { first_name: 'Jordan', last_name: 'Lee', email: 'jordan.lee@example.net', custom_metadata: { jobdiva_candidate_id: '12345' } })
			.reply(function () {
				seenKey = this.req.headers['ten99policy-idempotent-key'] as string;
				return [201, { id: 'cn_new', email: 'jordan.lee@example.net' }];
			});
		const result = await runWorkflow(
			chain([contractorStart], mapNode({}), {
				name: 'Create Contractor',
				type: `${PACKAGE}.ten99Policy`,
				typeVersion: 1,
				parameters: {
					resource: 'contractor',
					operation: 'create',
					inputMode: 'json',
					jsonBody: '={{ $json.contractor.body }}',
					options: { idempotencyKey: '={{ $json.contractor.idempotencyKey }}' },
				},
				credentials: { ten99PolicyApi: { id: '1', name: 'x' } },
			}),
			creds,
		);
		expect(result.error).toBeUndefined();
		const mappedKey = (result.output('Map')[0].json as Record<string, any>).contractor.idempotencyKey;
		expect(seenKey).toBe(mappedKey);
		expect(result.output('Create Contractor')[0]).toMatchObject({ json: { id: 'cn_new' }, pairedItem: { item: 0 } });
		scope.done();
	});
});
