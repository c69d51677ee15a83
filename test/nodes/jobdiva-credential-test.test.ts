import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeType,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { registerCredentialType, registerNodeType, testNodeTypes } from '../helpers/nodeTypes';

/**
 * "Test credential" as n8n's CredentialsTester runs a credential's `test` request (n8n's cli is not a dependency, so
 * its steps are reproduced): a temporary node whose only parameter routes the test request, run by n8n-core's
 * RoutingNode with the form's credential data. The result message is computed as the tester computes it.
 */

const credential = new JobDivaApi();
registerCredentialType(credential);

const TEMP_TYPE = 'n8n-nodes-base.noOp';
const tempNodeType: INodeType = {
	description: {
		displayName: 'Temp',
		name: TEMP_TYPE,
		group: ['transform'],
		version: 1,
		description: '',
		defaults: {},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'jobDivaApi', required: true }],
		properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credential.test.request }, default: '' }],
	},
};
registerNodeType(TEMP_TYPE, tempNodeType);

let standin: JobDivaStandin;
beforeAll(async () => {
	standin = await startJobDivaStandin();
});
afterAll(() => standin.stop());
beforeEach(() => {
	standin.requestLog.length = 0;
});

/** Runs the credential test with these form values; returns n8n's {status, message}. */
async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const node: INode = { id: 'temp', name: 'Temp-Node', type: TEMP_TYPE, typeVersion: 1, position: [0, 0], parameters: {}, credentials: { jobDivaApi: { id: 'c1', name: 'JobDiva' } } };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: testNodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ jobDivaApi: data }),
		restApiUrl: '',
		instanceBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData: IRunExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	const withDefaults = { sessionToken: '', baseUrl: 'https://api.jobdiva.com', ...data };
	try {
		await new RoutingNode(context, tempNodeType, { id: 'c1', name: 'JobDiva', type: 'jobDivaApi', data: withDefaults }).runNode();
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		// CredentialsTester: the response's status text when the error carries a response, else the error's code, else its message.
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
}

describe('JobDivaApi credential test (as n8n runs it)', () => {
	it('logs in, then makes an authenticated BI call with the new token', async () => {
		const result = await testCredential({ ...STANDIN_USER, baseUrl: standin.url });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(standin.requestLog.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['POST /apiv2/v2/login 200', 'GET /apiv2/bi/CandidateDetail 200']);
		expect(standin.requestLog[1].token).toBe(standin.issuedTokens.at(-1));
	});

	it('reports JobDiva\'s own message for bad credentials', async () => {
		const result = await testCredential({ ...STANDIN_USER, password: 'bad-password-1', baseUrl: standin.url });
		expect(result).toEqual({ status: 'Error', message: 'JobDiva rejected the client ID, username or password: Invalid username/password' });
		expect(standin.requestLog.some((e) => e.path === '/apiv2/bi/CandidateDetail')).toBe(false);
	});

	it('says so when the Base URL is not a JobDiva API', async () => {
		const result = await testCredential({ ...STANDIN_USER, baseUrl: `${standin.url}/not-jobdiva` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^JobDiva's login answered HTTP 401: .*Check the Base URL/);
	});
});
