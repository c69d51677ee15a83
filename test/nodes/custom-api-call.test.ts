import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { Ten99PolicyApi } from '../../credentials/Ten99PolicyApi.credentials';
import { JobDiva } from '../../nodes/JobDiva/JobDiva.node';
import { PACKAGE, registerCredentialType, registerNodeType } from '../helpers/nodeTypes';
import { T99_CREDENTIALS, ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';

/**
 * n8n adds a "Custom API Call" choice (value `__CUSTOM_API_CALL__`) to Resource and Operation of every node whose
 * credential has `authenticate` (n8n's LoadNodesAndCredentials.supportsProxyAuth), and serves it with the HTTP
 * Request node using that credential as a predefined credential type. Run in our node anyway, it says so.
 */
registerNodeType(`${PACKAGE}.jobDiva`, new JobDiva());
registerCredentialType(new JobDivaApi());

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe('Custom API Call', () => {
	it('both credentials authenticate requests themselves, which is what makes them predefined credential types of the HTTP Request node', () => {
		expect(new Ten99PolicyApi().authenticate).toMatchObject({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } } });
		expect(new JobDivaApi().authenticate).toMatchObject({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } } });
	});

	it('the 1099Policy node, run with it, points to the HTTP Request node with the 1099Policy API credential and calls nothing', async () => {
		const result = await runWorkflow(chain([{}], ten99Node({ resource: '__CUSTOM_API_CALL__' })), T99_CREDENTIALS);
		expect(result.error?.message).toBe(
			'Custom API Call runs in n8n\'s HTTP Request node: add an HTTP Request node, set Authentication to "Predefined Credential Type" and Credential Type to "1099Policy API", then pick this credential.',
		);
		expect(result.error?.message).not.toMatch(/Unknown/);
	});

	it('the JobDiva node, run with it, points to the HTTP Request node with the JobDiva API credential', async () => {
		const node = {
			name: 'JobDiva',
			type: `${PACKAGE}.jobDiva`,
			typeVersion: 1,
			parameters: { resource: 'candidate', operation: '__CUSTOM_API_CALL__' },
			credentials: { jobDivaApi: { id: '1', name: 'JobDiva' } },
		};
		const result = await runWorkflow(chain([{}], node), {
			jobDivaApi: { clientId: '1', userName: 'u', password: 'p', baseUrl: 'https://api.jobdiva.com', sessionToken: 'token-not-used' },
		});
		expect(result.error?.message).toMatch(/^Custom API Call runs in n8n's HTTP Request node: .*Credential Type to "JobDiva API"/);
	});
});
