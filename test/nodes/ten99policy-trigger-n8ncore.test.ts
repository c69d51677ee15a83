import nock from 'nock';
import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { signPayload } from '../../src/webhooks/signature';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { PACKAGE, registerNodeType, testNodeTypes } from '../helpers/nodeTypes';

/**
 * The trigger inside n8n-core's real HookContext and WebhookContext: parameter defaults filled in by n8n, the webhook
 * URL n8n computes, the credential applied by n8n's request helper (nock sees the Bearer key), and the workflow's
 * observable static data, which must notice what the trigger stores so n8n saves it.
 */

const TYPE = `${PACKAGE}.ten99PolicyTrigger`;
const API = 'https://api.1099policy.com';
registerNodeType(TYPE, new Ten99PolicyTrigger());

function triggerWorkflow(parameters: INode['parameters'] = {}): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'trigger-1',
		name: '1099Policy Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'b1f3c0de-0000-4000-8000-000000000001',
		parameters,
		credentials: { ten99PolicyApi: { id: '1', name: '1099Policy sandbox' } },
	};
	const workflow = new Workflow({ id: 'wf-core', name: 'Compliance', nodes: [node], connections: {}, active: true, nodeTypes: testNodeTypes, staticData: {} });
	return { workflow, node };
}

function additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({
			ten99PolicyApi: { apiKey: 't9k_test_core', environment: 'sandbox', baseUrl: API },
		}),
		webhookBaseUrl: 'https://n8n.example.com/webhook',
		webhookTestBaseUrl: 'https://n8n.example.com/webhook-test',
		webhookWaitingBaseUrl: '',
		formWaitingBaseUrl: '',
		restApiUrl: '',
		instanceBaseUrl: '',
		variables: {},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

function webhookData(workflow: Workflow, node: INode): IWebhookData {
	return {
		httpMethod: 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: new Ten99PolicyTrigger().description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData(),
	};
}

const EXPECTED_URL = 'https://n8n.example.com/webhook/b1f3c0de-0000-4000-8000-000000000001/webhook';
const methods = new Ten99PolicyTrigger().webhookMethods.default;

describe('Ten99PolicyTrigger in n8n-core contexts', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('create() registers n8n\'s webhook URL with the credential\'s key, and n8n sees the static data change', async () => {
		const { workflow, node } = triggerWorkflow({ events: ['policy.active'] });
		const scope = nock(API, { reqheaders: { authorization: 'Bearer t9k_test_core', 'ten99policy-environment': 'sandbox' } })
			.post('/api/v1/webhook_endpoints', (body: IDataObject) => body.url === EXPECTED_URL && JSON.stringify(body.events) === '["policy.active"]')
			.reply(201, { id: 'whe_core', url: EXPECTED_URL, events: ['policy.active'], secret: 'whsec_core' });
		const context = new HookContext(workflow, node, additionalData(), 'trigger', 'activate', webhookData(workflow, node));
		await expect(methods.create.call(context)).resolves.toBe(true);
		scope.done();
		expect(workflow.staticData.__dataChanged).toBe(true);
		expect(context.getWorkflowStaticData('node')).toMatchObject({ webhookId: 'whe_core', webhookSecret: 'whsec_core', webhookUrl: EXPECTED_URL });
	});

	it('delete() surfaces a 500 through n8n as a NodeApiError and a 404 as success', async () => {
		const { workflow, node } = triggerWorkflow();
		const staticData = workflow.getStaticData('node', node);
		Object.assign(staticData, { webhookId: 'whe_gone', webhookSecret: 'whsec_x', webhookUrl: EXPECTED_URL, events: ['*'] });
		const context = new HookContext(workflow, node, additionalData(), 'trigger', 'activate', webhookData(workflow, node));
		nock(API).delete('/api/v1/webhook_endpoints/whe_gone').times(3).reply(500, { message: 'Internal error' }, { 'Retry-After': '0' });
		await expect(methods.delete.call(context)).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		nock(API).delete('/api/v1/webhook_endpoints/whe_gone').reply(404, { message: 'Not found', error_code: 'resource_not_found' });
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(staticData.webhookId).toBeUndefined();
	});

	it('webhook() reads n8n\'s defaults (All events, 300 s) and records the event ID in observable static data', async () => {
		const { workflow, node } = triggerWorkflow();
		Object.assign(workflow.getStaticData('node', node), { webhookId: 'whe_core', webhookSecret: 'whsec_core' });
		workflow.staticData.__dataChanged = false;
		const rawBody = Buffer.from(JSON.stringify({ id: 'ev_core', type: 'invoice.charge_card_failed', created: 1, data: { id: 'in_1' } }));
		const httpRequest = { rawBody, body: JSON.parse(rawBody.toString()) as IDataObject, headers: { 'ten99policy-signature': signPayload('whsec_core', rawBody, Math.floor(Date.now() / 1000)) }, params: {}, query: {} };
		const httpResponse = { status: () => httpResponse, json: () => httpResponse };
		const context = new WebhookContext(
			workflow,
			node,
			additionalData({ httpRequest, httpResponse } as unknown as Partial<IWorkflowExecuteAdditionalData>),
			'webhook',
			webhookData(workflow, node),
			[],
			null,
		);
		const result = await new Ten99PolicyTrigger().webhook.call(context);
		expect(result.workflowData?.[0][0].json).toMatchObject({ id: 'ev_core', type: 'invoice.charge_card_failed', objectType: 'invoice' });
		expect(workflow.staticData.__dataChanged).toBe(true);
		expect(workflow.getStaticData('node', node).recentEventIds).toEqual(['ev_core']);
	});
});
