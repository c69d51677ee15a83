import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/workflow';

const creds = { ten99PolicyApi: { apiKey: 't9k_test_secret', environment: 'sandbox', baseUrl: 'https://api.1099policy.com' } };

describe('smoke', () => {
	afterEach(() => nock.cleanAll());
	it('creates a contractor', async () => {
		const scope = nock('https://api.1099policy.com')
			.post('/api/v1/contractors', { first_name: 'Jo', last_name: 'Lee', email: 'jo@example.com' })
			.reply(201, { id: 'cn_1', email: 'jo@example.com' });
		const result = await runWorkflow(
			chain([{ email: 'jo@example.com' }], {
				name: 'Create',
				type: 'n8n-nodes-ten99policy.ten99Policy',
				typeVersion: 1,
				parameters: { resource: 'contractor', operation: 'create', first_name: 'Jo', last_name: 'Lee', email: '={{ $json.email }}' },
				credentials: { ten99PolicyApi: { id: '1', name: 'x' } },
			}),
			creds,
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Create')[0].json).toEqual({ id: 'cn_1', email: 'jo@example.com' });
		scope.done();
	});
});
