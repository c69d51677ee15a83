/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-empty -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDivaTrigger } from '../../nodes/JobDivaTrigger/JobDivaTrigger.node';
import { defaultFixtures, startJobDivaStandin, type JobDivaStandin } from '../jobdiva-standin';
import { PACKAGE, registerNodeType, testNodeTypes } from '../helpers/nodeTypes';

/**
 * Real HTTP end to end: the stand-in signs and POSTs deliveries as JobDiva does; a small server hands the exact bytes
 * and headers to the trigger inside n8n-core's WebhookContext, and answers 200 when the workflow would start (what
 * n8n does with responseMode onReceived) or whatever the trigger wrote.
 */

const TYPE = `${PACKAGE}.jobDivaTrigger`;
registerNodeType(TYPE, new JobDivaTrigger());
const SECRET = 'integration-secret';

const node: INode = { id: 'jd', name: 'JobDiva Trigger', type: TYPE, typeVersion: 1, position: [0, 0], webhookId: 'wh-jd', parameters: { secret: SECRET, types: ['salary', 'billing'] } };
const workflow = new Workflow({ id: 'wf', name: 'JobDiva', nodes: [node], connections: {}, active: true, nodeTypes: testNodeTypes, staticData: {} });
const emitted: IDataObject[] = [];

let standin: JobDivaStandin;
let receiver: Server;
let url: string;

beforeAll(async () => {
	standin = await startJobDivaStandin();
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			let answered = false;
			const httpResponse = {
				status(code: number) {
					res.statusCode = code;
					return httpResponse;
				},
				json(body: unknown) {
					answered = true;
					res.setHeader('Content-Type', 'application/json');
					res.end(JSON.stringify(body));
					return httpResponse;
				},
			};
			let body: IDataObject = {};
			try {
				body = JSON.parse(rawBody.toString('utf8')) as IDataObject;
			} catch {}
			const additionalData = { httpRequest: { rawBody, body, headers: req.headers, params: {}, query: {} }, httpResponse, webhookBaseUrl: '', variables: {} } as unknown as IWorkflowExecuteAdditionalData;
			const webhookData = { httpMethod: 'POST' as const, node: node.name, path: 'webhook', webhookDescription: new JobDivaTrigger().description.webhooks![0], workflowId: 'wf', workflowExecuteAdditionalData: additionalData };
			const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
			new JobDivaTrigger().webhook
				.call(context)
				.then((result) => {
					if (answered) return;
					for (const item of result.workflowData?.[0] ?? []) emitted.push(item.json);
					res.statusCode = 200;
					res.end('{"message":"Workflow was started"}');
				})
				.catch((error: unknown) => {
					res.statusCode = 500;
					res.end(String(error));
				});
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
});
afterAll(async () => {
	await standin.stop();
	await new Promise((resolve) => receiver.close(resolve));
});

const salaryRow = defaultFixtures().salary[0];
const delivery = { type: 'salary', operation: 'Insert', id: `${salaryRow.EMPLOYEEID},${salaryRow.RECID}`, data: [salaryRow] };

describe('JobDiva webhooks over HTTP', () => {
	it('a signed delivery starts the workflow once; JobDiva\'s retry gets 200 and is dropped', async () => {
		const first = await standin.sendWebhook(url, delivery, SECRET);
		expect(first.status).toBe(200);
		expect(first.signature).toMatch(/^sha1=[0-9a-f]{40}$/);
		const retry = await standin.sendWebhook(url, delivery, SECRET);
		expect(retry.status).toBe(200);
		expect(JSON.parse(retry.body)).toEqual({ received: true, emitted: false, reason: 'duplicate' });
		expect(emitted).toEqual([delivery]);
	});

	it('pretty-printed JSON verifies because the signature covers the exact bytes', async () => {
		const billing = { type: 'billing', operation: 'Update', id: '12346,881', data: [defaultFixtures().billing[1]] };
		const result = await standin.sendWebhook(url, billing, SECRET, { rawBody: JSON.stringify(billing, null, 2) });
		expect(result.status).toBe(200);
		expect(emitted.at(-1)).toEqual(billing);
	});

	it('a wrong secret, a tampered body and a missing header get 401 and start nothing', async () => {
		const before = emitted.length;
		const other = { ...delivery, id: '12347,882' };
		expect((await standin.sendWebhook(url, other, 'not-the-secret')).status).toBe(401);
		const good = await standin.sendWebhook(url, { ...other, id: '12347,883' }, SECRET, { signature: null });
		expect(good.status).toBe(401);
		const signedFor = (await standin.sendWebhook(url, { ...other, id: '12347,884' }, SECRET)).signature;
		const tampered = await standin.sendWebhook(url, { ...other, id: '12347,885' }, SECRET, { signature: signedFor });
		expect([tampered.status, JSON.parse(tampered.body)]).toEqual([401, { error: 'signature_mismatch' }]);
		expect(emitted.length).toBe(before + 1); // only the correctly signed 12347,884
	});

	it('types outside the selection are acknowledged without starting the workflow', async () => {
		const job = { type: 'job', operation: 'Insert', id: '78910', data: [defaultFixtures().jobs[0]] };
		const result = await standin.sendWebhook(url, job, SECRET);
		expect([result.status, JSON.parse(result.body).reason]).toEqual([200, 'filtered']);
	});
});
