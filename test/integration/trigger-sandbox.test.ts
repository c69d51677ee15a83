/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { signPayload } from '../../src/webhooks/signature';
import { startSandbox, type Sandbox } from '../sandbox';
import { fakeHookContext, fakeWebhookContext, type HttpAnswer, type SentRequest } from '../unit/webhooks/support/fakeN8n';

/**
 * The trigger against the local 1099Policy sandbox: the node registers itself through its own create(), the sandbox
 * signs and posts real deliveries to a small HTTP server that hands the raw bytes to the node's webhook(), exactly
 * as n8n would. Forged deliveries are posted to the same server.
 */

const API_KEY = 't9k_test_trigger_integration';
const trigger = new Ten99PolicyTrigger();
const lifecycle = trigger.webhookMethods.default;

interface Received {
	status: number;
	body: unknown;
	emitted: IDataObject[];
}

/** n8n's part: answer a delivery with whatever webhook() decided. */
class WebhookReceiver {
	readonly received: Received[] = [];
	parameters: Record<string, unknown> = {};
	readonly staticData: IDataObject = {};
	private server: Server | undefined;
	url = '';

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				void this.handle(Buffer.concat(chunks), req.headers).then(({ status, body }) => {
					res.writeHead(status, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify(body));
				});
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/webhook/wf-1/webhook`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	private async handle(rawBody: Buffer, headers: IncomingHttpHeaders): Promise<{ status: number; body: unknown }> {
		const fake = fakeWebhookContext({
			parameters: this.parameters,
			staticData: this.staticData,
			rawBody,
			headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
		});
		const result = await trigger.webhook.call(fake.context);
		const emitted = (result.workflowData?.[0] ?? []).map((item) => item.json);
		// With noWebhookResponse the node answered itself; otherwise n8n answers 200 (responseMode onReceived).
		const answer = result.noWebhookResponse
			? { status: fake.response.statusCode ?? 500, body: fake.response.body }
			: { status: 200, body: { message: 'Workflow was started' } };
		this.received.push({ ...answer, emitted });
		return answer;
	}

	emitted(): IDataObject[] {
		return this.received.flatMap((r) => r.emitted);
	}
}

/** What n8n's httpRequestWithAuthentication does with the 1099Policy credential, over real HTTP. */
async function sendWithCredential(request: SentRequest, options: IHttpRequestOptions): Promise<HttpAnswer> {
	const response = await fetch(request.url, {
		method: request.method,
		headers: { ...request.headers, Authorization: `Bearer ${API_KEY}`, 'Ten99Policy-Environment': 'sandbox' },
		body: typeof options.body === 'string' ? options.body : undefined,
	});
	const text = await response.text();
	return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('Ten99PolicyTrigger against the 1099Policy sandbox', () => {
	let sandbox: Sandbox;
	const receiver = new WebhookReceiver();

	const hook = () =>
		fakeHookContext({ parameters: receiver.parameters, staticData: receiver.staticData, webhookUrl: receiver.url, baseUrl: sandbox.url, http: sendWithCredential });

	async function post(body: string, signature?: string): Promise<{ status: number; body: unknown }> {
		const response = await fetch(receiver.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...(signature ? { 'Ten99Policy-Signature': signature } : {}) },
			body,
		});
		return { status: response.status, body: (await response.json()) as unknown };
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ webhooks: { maxAttempts: 1, backoffMs: 10, timeoutMs: 5000 } });
		await receiver.start();
	});
	afterAll(async () => {
		await receiver.stop();
		await sandbox?.stop();
	});
	beforeEach(() => {
		sandbox.reset();
		receiver.received.length = 0;
		for (const key of Object.keys(receiver.staticData)) delete receiver.staticData[key];
	});

	it('registers itself, verifies and normalises real deliveries, drops repeats and unselected events, and deregisters', async () => {
		receiver.parameters = { registration: 'automatic', events: ['policy.active', 'policy.cancelled'], options: {} };
		expect(await lifecycle.checkExists.call(hook().context)).toBe(false);
		expect(await lifecycle.create.call(hook().context)).toBe(true);
		const [endpoint] = sandbox.state().webhook_endpoints;
		expect(endpoint).toMatchObject({ url: receiver.url, events: ['policy.active', 'policy.cancelled'] });
		expect(receiver.staticData).toMatchObject({ webhookId: endpoint.id, webhookSecret: expect.stringMatching(/^whsec_/) });
		expect(await lifecycle.checkExists.call(hook().context)).toBe(true);

		const policy = { id: 'pl_int1', object: 'policy', custom_metadata: { jobdiva_placement_id: 'P-501', jobdiva_candidate_id: '9001' } };
		const active = sandbox.deliverEvent({ type: 'policy.active', object: policy });
		const canceled = sandbox.deliverEvent({ type: 'policy.canceled', object: policy });
		await sandbox.settleDeliveries();
		expect(sandbox.deliveries.map((d) => d.status)).toEqual([200, 200]);
		const emitted = receiver.emitted();
		expect(emitted.map((e) => e.id).sort()).toEqual([active.event.id, canceled.event.id].sort());
		expect(emitted.find((e) => e.id === active.event.id)).toMatchObject({
			type: 'policy.active',
			objectType: 'policy',
			object: policy,
			created: active.event.created,
			jobdiva_placement_id: 'P-501',
			jobdiva_candidate_id: '9001',
			jobdiva_job_id: null,
		});
		expect(emitted.find((e) => e.id === canceled.event.id)?.type).toBe('policy.cancelled');

		// 1099Policy retrying the same event: acknowledged, not emitted again.
		sandbox.deliverEvent({ eventId: String(active.event.id) });
		// An event the node did not select, forced to the endpoint: acknowledged, not emitted.
		const flagged = sandbox.deliverEvent({ type: 'certificate.flagged', object: { id: 'ci_1' } });
		expect(flagged.endpoints).toBe(0);
		sandbox.deliverEvent({ eventId: String(flagged.event.id), endpointId: endpoint.id });
		await sandbox.settleDeliveries();
		expect(receiver.received.slice(2).map((r) => r.body)).toEqual([
			{ received: true, emitted: false, reason: 'duplicate' },
			{ received: true, emitted: false, reason: 'event_not_selected' },
		]);
		expect(receiver.emitted()).toHaveLength(2);

		expect(await lifecycle.delete.call(hook().context)).toBe(true);
		expect(sandbox.state().webhook_endpoints).toEqual([]);
		expect(receiver.staticData.webhookId).toBeUndefined();
		// Deleting again finds nothing to delete and is fine.
		expect(await lifecycle.delete.call(hook().context)).toBe(true);
	});

	it('refuses forged, tampered and unsigned deliveries with 401 and emits nothing', async () => {
		receiver.parameters = { registration: 'automatic', events: ['*'], options: {} };
		await lifecycle.create.call(hook().context);
		const genuine = sandbox.deliverEvent({ type: 'assignment.active', object: { id: 'an_1' } });
		await sandbox.settleDeliveries();
		expect(receiver.emitted()).toHaveLength(1);
		const [delivery] = sandbox.deliveries;

		const forgedBody = JSON.stringify({ id: 'ev_forged', type: 'policy.active', created: Math.floor(Date.now() / 1000), data: { object: { id: 'pl_x' } } });
		const now = Math.floor(Date.now() / 1000);
		expect(await post(forgedBody, signPayload('whsec_guessed', forgedBody, now))).toEqual({ status: 401, body: { error: 'signature_mismatch' } });
		// A real signature does not carry over to another body.
		expect(await post(forgedBody, delivery.signature)).toEqual({ status: 401, body: { error: 'signature_mismatch' } });
		expect(await post(forgedBody)).toEqual({ status: 401, body: { error: 'missing_header' } });
		// Replaying the genuine delivery byte for byte verifies, but is a repeat.
		expect(await post(JSON.stringify(genuine.event), delivery.signature)).toEqual({
			status: 200,
			body: { received: true, emitted: false, reason: 'duplicate' },
		});
		expect(receiver.emitted().map((e) => e.id)).toEqual([genuine.event.id]);
	});

	it('manual registration verifies with a secret pasted from an endpoint made outside n8n', async () => {
		const created = await sendWithCredential(
			{ credentialType: 'ten99PolicyApi', method: 'POST', url: `${sandbox.url}/api/v1/webhook_endpoints`, headers: { 'Content-Type': 'application/json' }, json: undefined },
			{ url: '', body: JSON.stringify({ url: receiver.url, description: 'made in the dashboard' }) },
		);
		const secret = (created.body as { secret: string }).secret;
		receiver.parameters = { registration: 'manual', signingSecret: secret, events: ['*'], options: {} };
		const manualHook = hook();
		await lifecycle.create.call(manualHook.context);
		expect(manualHook.requests).toEqual([]);
		sandbox.deliverEvent({ type: 'certificate.approved', object: { id: 'ci_2', object: 'certificate' } });
		await sandbox.settleDeliveries();
		expect(sandbox.deliveries.map((d) => d.status)).toEqual([200]);
		expect(receiver.emitted()[0]).toMatchObject({ type: 'certificate.approved', objectType: 'certificate' });
	});
});
