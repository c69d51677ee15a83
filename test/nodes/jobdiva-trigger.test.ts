/* eslint-disable no-empty -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { HookContext, WebhookContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWebhookData, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { JobDivaTrigger } from '../../nodes/JobDivaTrigger/JobDivaTrigger.node';
import { signJobDivaPayload } from '../../src/jobdiva/signature';
import { PACKAGE, registerNodeType, testNodeTypes } from '../helpers/nodeTypes';

/**
 * The JobDiva webhook trigger inside n8n-core's HookContext and WebhookContext: parameter defaults from n8n, the
 * raw body n8n keeps, the response object, and observable static data that must notice what the trigger stores.
 */

const TYPE = `${PACKAGE}.jobDivaTrigger`;
registerNodeType(TYPE, new JobDivaTrigger());
const SECRET = 'jd-webhook-secret';
const URL_BASE = 'https://n8n.example.com/webhook';
const WEBHOOK_ID = '5e2b1a7c-0000-4000-8000-00000000jd01';

function triggerWorkflow(parameters: INode['parameters'] = {}) {
	const node: INode = { id: 'jd-trigger', name: 'JobDiva Trigger', type: TYPE, typeVersion: 1, position: [0, 0], webhookId: WEBHOOK_ID, parameters: { secret: SECRET, ...parameters } };
	const workflow = new Workflow({ id: 'wf-jd', name: 'JobDiva intake', nodes: [node], connections: {}, active: true, nodeTypes: testNodeTypes, staticData: {} });
	return { workflow, node };
}

const additionalData = (extra: Record<string, unknown> = {}) =>
	({ webhookBaseUrl: URL_BASE, webhookTestBaseUrl: `${URL_BASE}-test`, webhookWaitingBaseUrl: '', formWaitingBaseUrl: '', restApiUrl: '', instanceBaseUrl: '', variables: {}, ...extra }) as unknown as IWorkflowExecuteAdditionalData;

const webhookData = (workflow: Workflow, node: INode): IWebhookData => ({
	httpMethod: 'POST',
	node: node.name,
	path: 'webhook',
	webhookDescription: new JobDivaTrigger().description.webhooks![0],
	workflowId: workflow.id,
	workflowExecuteAdditionalData: additionalData(),
});

interface Delivery {
	status?: number;
	body?: unknown;
}

/** Posts one delivery into the trigger's webhook() as n8n would, recording what it answered. */
async function deliver(workflow: Workflow, node: INode, rawBody: Buffer, headers: Record<string, string>) {
	const answered: Delivery = {};
	const httpResponse = {
		status(code: number) {
			answered.status = code;
			return httpResponse;
		},
		json(body: unknown) {
			answered.body = body;
			return httpResponse;
		},
	};
	let parsed: IDataObject = {};
	try {
		parsed = JSON.parse(rawBody.toString('utf8')) as IDataObject;
	} catch {}
	const httpRequest = { rawBody, body: parsed, headers, params: {}, query: {} };
	const context = new WebhookContext(workflow, node, additionalData({ httpRequest, httpResponse }), 'webhook', webhookData(workflow, node), [], null);
	const result = await new JobDivaTrigger().webhook.call(context);
	return { result, answered };
}

const billing = {
	type: 'billing',
	operation: 'Insert',
	id: '12345,880',
	data: [{ EMPLOYEEID: '12345', RECID: '880', JOBID: '78910', WORK_STATE: 'CA', BILL_RATE: '130.00', BILL_RATE_PER: 'H' }],
};
const raw = (body: unknown) => Buffer.from(JSON.stringify(body));
const signed = (body: Buffer, secret = SECRET) => ({ 'x-hub-signature': signJobDivaPayload(secret, body), 'content-type': 'application/json' });

describe('JobDivaTrigger webhook()', () => {
	it('emits a signed delivery exactly as JobDiva sent it and remembers it in observable static data', async () => {
		const { workflow, node } = triggerWorkflow();
		const body = raw(billing);
		const { result, answered } = await deliver(workflow, node, body, signed(body));
		expect(result.workflowData).toEqual([[{ json: billing }]]);
		expect(answered.status).toBeUndefined(); // n8n answers 200 itself (responseMode onReceived)
		expect(workflow.staticData.__dataChanged).toBe(true);
		expect(workflow.getStaticData('node', node).recentDeliveries).toHaveLength(1);
	});

	it('refuses tampered bodies, wrong secrets, missing and malformed headers with 401 and no workflow run', async () => {
		const { workflow, node } = triggerWorkflow();
		const body = raw(billing);
		const tampered = raw({ ...billing, data: [{ ...billing.data[0], BILL_RATE: '13.00' }] });
		const cases: Array<[Buffer, Record<string, string>, string]> = [
			[tampered, signed(body), 'signature_mismatch'],
			[body, signed(body, 'someone-else'), 'signature_mismatch'],
			[body, { 'content-type': 'application/json' }, 'missing_signature'],
			[body, { 'x-hub-signature': 'sha1=not-hex' }, 'malformed_signature'],
			[body, { 'x-hub-signature': signJobDivaPayload(SECRET, body).replace('sha1=', 'sha256=') }, 'malformed_signature'],
		];
		for (const [bytes, headers, reason] of cases) {
			const { result, answered } = await deliver(workflow, node, bytes, headers);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(answered).toEqual({ status: 401, body: { error: reason } });
		}
		expect(workflow.getStaticData('node', node).recentDeliveries).toBeUndefined();
	});

	it('acknowledges JobDiva\'s retries of the same change with 200 and emits them once; a changed record is emitted again', async () => {
		const { workflow, node } = triggerWorkflow();
		const body = raw(billing);
		const first = await deliver(workflow, node, body, signed(body));
		const retry = await deliver(workflow, node, body, signed(body));
		expect(first.result.workflowData).toBeDefined();
		expect(retry.result).toEqual({ noWebhookResponse: true });
		expect(retry.answered).toEqual({ status: 200, body: { received: true, emitted: false, reason: 'duplicate' } });
		const changed = raw({ ...billing, operation: 'Update', data: [{ ...billing.data[0], WORK_STATE: 'NV' }] });
		expect((await deliver(workflow, node, changed, signed(changed))).result.workflowData).toBeDefined();
	});

	it('filters by type and operation with a 200 so JobDiva does not retry', async () => {
		const { workflow, node } = triggerWorkflow({ types: ['salary'], operations: ['Insert', 'Update'] });
		const body = raw(billing);
		const { result, answered } = await deliver(workflow, node, body, signed(body));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answered).toEqual({ status: 200, body: { received: true, emitted: false, reason: 'filtered' } });
		const salary = raw({ ...billing, type: 'salary', data: [{ EMPLOYEEID: '12345', RECID: '880', EMPLOYMENT_CATEGORY: 'Subcontractor' }] });
		expect((await deliver(workflow, node, salary, signed(salary))).result.workflowData).toBeDefined();
		const deleted = raw({ type: 'salary', operation: 'Delete', id: '12345,880' });
		expect((await deliver(workflow, node, deleted, signed(deleted))).answered.body).toMatchObject({ reason: 'filtered' });
	});

	it('with Skip Signature Verification on, an unsigned delivery is accepted (local testing only)', async () => {
		const { workflow, node } = triggerWorkflow({ options: { skipSignatureVerification: true } });
		const body = raw(billing);
		expect((await deliver(workflow, node, body, {})).result.workflowData).toEqual([[{ json: billing }]]);
	});

	it('without a shared secret every delivery is refused', async () => {
		const { workflow, node } = triggerWorkflow({ secret: '' });
		const body = raw(billing);
		expect((await deliver(workflow, node, body, signed(body))).answered).toEqual({ status: 401, body: { error: 'missing_secret' } });
	});

	it('the remembered deliveries are bounded by the option', async () => {
		const { workflow, node } = triggerWorkflow({ options: { dedupeWindowSize: 10 } });
		for (let i = 0; i < 15; i++) {
			const body = raw({ ...billing, id: `12345,${900 + i}` });
			await deliver(workflow, node, body, signed(body));
		}
		const recent = workflow.getStaticData('node', node).recentDeliveries as string[];
		expect(recent).toHaveLength(10);
		expect(recent[0]).toMatch(/^billing\|12345,905\|insert\|/);
	});
});

describe('JobDivaTrigger lifecycle (static data only: JobDiva webhooks are set up inside JobDiva)', () => {
	it('create records n8n\'s URL, checkExists sees it, delete forgets it but keeps the recent deliveries', async () => {
		const { workflow, node } = triggerWorkflow();
		const methods = new JobDivaTrigger().webhookMethods.default;
		const context = new HookContext(workflow, node, additionalData(), 'trigger', 'activate', webhookData(workflow, node));
		await expect(methods.checkExists.call(context)).resolves.toBe(false);
		await expect(methods.create.call(context)).resolves.toBe(true);
		const data = workflow.getStaticData('node', node);
		expect(data.webhookUrl).toBe(`${URL_BASE}/${WEBHOOK_ID}/webhook`);
		await expect(methods.checkExists.call(context)).resolves.toBe(true);
		data.recentDeliveries = ['billing|1|insert|x'];
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(data.webhookUrl).toBeUndefined();
		expect(data.recentDeliveries).toEqual(['billing|1|insert|x']);
	});
});
