import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { fakeHookContext, type FakeHook, type HttpAnswer, type SentRequest } from '../unit/webhooks/support/fakeN8n';

const API = 'https://api.1099policy.com/api/v1';
const URL_ = 'https://n8n.example.com/webhook/abc/webhook';
const lifecycle = new Ten99PolicyTrigger().webhookMethods.default;

/** Answers by "METHOD path"; a 5xx carries Retry-After: 0 so the client's retries do not wait. */
function routes(table: Record<string, HttpAnswer | ((request: SentRequest) => HttpAnswer)>) {
	return (request: SentRequest): HttpAnswer => {
		const key = `${request.method} ${request.url.replace(API, '')}`;
		const entry = table[key];
		if (!entry) return { statusCode: 599, body: { message: `unexpected ${key}` } };
		const answer = typeof entry === 'function' ? entry(request) : entry;
		return answer.statusCode >= 500 ? { ...answer, headers: { 'retry-after': '0', ...answer.headers } } : answer;
	};
}

const notFound: HttpAnswer = { statusCode: 404, body: { message: 'Webhook endpoint not found', error_code: 'resource_not_found' } };
const serverError: HttpAnswer = { statusCode: 500, body: { message: 'Internal error', error_code: 'server_error' } };

function registered(extra: Record<string, unknown> = {}) {
	return {
		webhookId: 'whe_1',
		webhookSecret: 'whsec_1',
		webhookUrl: URL_,
		events: ['policy.active', 'policy.cancelled'],
		recentEventIds: ['ev_old'],
		...extra,
	};
}

const AUTOMATIC = { registration: 'automatic', events: ['policy.cancelled', 'policy.active'] };

function calls(fake: FakeHook): string[] {
	return fake.requests.map((r) => `${r.method} ${r.url.replace(API, '')}`);
}

describe('Ten99PolicyTrigger lifecycle, automatic registration', () => {
	it('create() registers the webhook URL and the chosen events, and stores the endpoint and its secret', async () => {
		const fake = fakeHookContext({
			parameters: { registration: 'automatic', events: ['policy.canceled', 'certificate.flagged', 'policy.active'] },
			http: routes({
				'POST /webhook_endpoints': (request) => ({
					statusCode: 201,
					body: { id: 'whe_new', url: request.json?.url, events: request.json?.events, secret: 'whsec_new', created: 1 },
				}),
			}),
		});
		await expect(lifecycle.create.call(fake.context)).resolves.toBe(true);
		const [post] = fake.requests;
		expect(post.credentialType).toBe('ten99PolicyApi');
		expect(post.json).toEqual({
			url: URL_,
			events: ['certificate.flagged', 'policy.active', 'policy.cancelled'],
			description: 'n8n "Compliance sync", node "1099Policy Trigger"',
		});
		expect(post.headers['Ten99Policy-Idempotent-Key']).toMatch(/^[0-9a-f-]{36}$/);
		expect(fake.staticData).toEqual({
			webhookId: 'whe_new',
			webhookSecret: 'whsec_new',
			webhookUrl: URL_,
			events: ['certificate.flagged', 'policy.active', 'policy.cancelled'],
		});
	});

	it('create() with All leaves events out (1099Policy reads that as every event) and stores ["*"]', async () => {
		const fake = fakeHookContext({
			parameters: { registration: 'automatic', events: ['*'] },
			http: routes({ 'POST /webhook_endpoints': { statusCode: 201, body: { id: 'whe_2', secret: 'whsec_2' } } }),
		});
		await lifecycle.create.call(fake.context);
		expect(fake.requests[0].json).not.toHaveProperty('events');
		expect(fake.staticData.events).toEqual(['*']);
	});

	it('create() refuses an answer without a signing secret and deletes that endpoint', async () => {
		const fake = fakeHookContext({
			parameters: AUTOMATIC,
			http: routes({
				'POST /webhook_endpoints': { statusCode: 201, body: { id: 'whe_3' } },
				'DELETE /webhook_endpoints/whe_3': { statusCode: 200, body: {} },
			}),
		});
		await expect(lifecycle.create.call(fake.context)).rejects.toThrow(NodeOperationError);
		expect(fake.staticData.webhookId).toBeUndefined();
		// The unusable endpoint is removed again so it does not send unverifiable events.
		expect(calls(fake)).toEqual(['POST /webhook_endpoints', 'DELETE /webhook_endpoints/whe_3']);
	});

	it('create() shows 1099Policy\'s refusal with the fix', async () => {
		const fake = fakeHookContext({
			parameters: AUTOMATIC,
			http: routes({ 'POST /webhook_endpoints': { statusCode: 401, body: { message: 'Invalid API key', error_code: 'invalid_api_key' } } }),
		});
		const error = await lifecycle.create.call(fake.context).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toContain('Invalid API key');
		expect((error as NodeApiError).description).toContain('secret key in the 1099Policy credential');
		expect((error as NodeApiError).httpCode).toBe('401');
	});

	it('checkExists() is false without a stored endpoint, without calling 1099Policy', async () => {
		const fake = fakeHookContext({ parameters: AUTOMATIC });
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(fake.requests).toEqual([]);
	});

	it('checkExists() is true when the stored endpoint still exists with the same URL and events', async () => {
		const fake = fakeHookContext({
			parameters: AUTOMATIC,
			staticData: registered(),
			http: routes({
				'GET /webhook_endpoints/whe_1': { statusCode: 200, body: { id: 'whe_1', url: URL_, events: ['policy.cancelled', 'policy.active'], status: 'enabled' } },
			}),
		});
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(true);
		expect(calls(fake)).toEqual(['GET /webhook_endpoints/whe_1']);
		expect(fake.staticData.webhookSecret).toBe('whsec_1');
	});

	it('checkExists() answers false on a 404 and forgets the endpoint', async () => {
		const fake = fakeHookContext({ parameters: AUTOMATIC, staticData: registered(), http: routes({ 'GET /webhook_endpoints/whe_1': notFound }) });
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(fake.staticData).toEqual({ recentEventIds: ['ev_old'] });
	});

	it('checkExists() throws a NodeApiError on a 500 and keeps the registration', async () => {
		const fake = fakeHookContext({ parameters: AUTOMATIC, staticData: registered(), http: routes({ 'GET /webhook_endpoints/whe_1': serverError }) });
		await expect(lifecycle.checkExists.call(fake.context)).rejects.toThrow(NodeApiError);
		expect(fake.staticData.webhookId).toBe('whe_1');
	});

	it('checkExists() replaces the endpoint when the selected events changed', async () => {
		const fake = fakeHookContext({
			parameters: { registration: 'automatic', events: ['policy.active'] },
			staticData: registered(),
			http: routes({ 'DELETE /webhook_endpoints/whe_1': { statusCode: 200, body: { id: 'whe_1', deleted: true } } }),
		});
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(calls(fake)).toEqual(['DELETE /webhook_endpoints/whe_1']);
		expect(fake.staticData.webhookId).toBeUndefined();
	});

	it('checkExists() replaces the endpoint when n8n\'s webhook URL changed', async () => {
		const fake = fakeHookContext({
			parameters: AUTOMATIC,
			webhookUrl: 'https://new-host.example.com/webhook/abc/webhook',
			staticData: registered(),
			http: routes({ 'DELETE /webhook_endpoints/whe_1': notFound }),
		});
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(calls(fake)).toEqual(['DELETE /webhook_endpoints/whe_1']);
	});

	it('checkExists() leaves the production endpoint alone while n8n listens for a test event', async () => {
		const fake = fakeHookContext({
			mode: 'manual',
			parameters: AUTOMATIC,
			webhookUrl: 'https://n8n.example.com/webhook-test/abc/webhook',
			staticData: registered(),
		});
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(fake.requests).toEqual([]);
	});

	it('checkExists() replaces an endpoint that was pointed elsewhere in the dashboard', async () => {
		const fake = fakeHookContext({
			parameters: AUTOMATIC,
			staticData: registered(),
			http: routes({
				'GET /webhook_endpoints/whe_1': { statusCode: 200, body: { id: 'whe_1', url: 'https://elsewhere.example.com/hook' } },
				'DELETE /webhook_endpoints/whe_1': { statusCode: 200, body: {} },
			}),
		});
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(calls(fake)).toEqual(['GET /webhook_endpoints/whe_1', 'DELETE /webhook_endpoints/whe_1']);
	});

	it('checkExists() replaces a disabled endpoint', async () => {
		const fake = fakeHookContext({
			parameters: AUTOMATIC,
			staticData: registered(),
			http: routes({
				'GET /webhook_endpoints/whe_1': { statusCode: 200, body: { id: 'whe_1', url: URL_, status: 'disabled' } },
				'DELETE /webhook_endpoints/whe_1': { statusCode: 200, body: {} },
			}),
		});
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(calls(fake)).toEqual(['GET /webhook_endpoints/whe_1', 'DELETE /webhook_endpoints/whe_1']);
	});

	it('checkExists() treats "All" as the same registration however 1099Policy echoes it', async () => {
		for (const events of [[], ['*'], null]) {
			const fake = fakeHookContext({
				parameters: { registration: 'automatic', events: ['*'] },
				staticData: registered({ events: ['*'] }),
				http: routes({ 'GET /webhook_endpoints/whe_1': { statusCode: 200, body: { id: 'whe_1', url: URL_, events } } }),
			});
			await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(true);
		}
	});

	it('delete() deletes the endpoint and clears the registration, keeping the recent event IDs', async () => {
		const fake = fakeHookContext({
			parameters: AUTOMATIC,
			staticData: registered(),
			http: routes({ 'DELETE /webhook_endpoints/whe_1': { statusCode: 200, body: { id: 'whe_1', deleted: true } } }),
		});
		await expect(lifecycle.delete.call(fake.context)).resolves.toBe(true);
		expect(calls(fake)).toEqual(['DELETE /webhook_endpoints/whe_1']);
		expect(fake.staticData).toEqual({ recentEventIds: ['ev_old'] });
	});

	it('delete() counts a 404 as already gone', async () => {
		const fake = fakeHookContext({ parameters: AUTOMATIC, staticData: registered(), http: routes({ 'DELETE /webhook_endpoints/whe_1': notFound }) });
		await expect(lifecycle.delete.call(fake.context)).resolves.toBe(true);
		expect(fake.staticData.webhookId).toBeUndefined();
		expect(fake.logs.some((line) => line.message.includes('already deleted'))).toBe(true);
	});

	it('delete() shows a 500 to the user as a NodeApiError and keeps the registration for another try', async () => {
		const fake = fakeHookContext({ parameters: AUTOMATIC, staticData: registered(), http: routes({ 'DELETE /webhook_endpoints/whe_1': serverError }) });
		const error = await lifecycle.delete.call(fake.context).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/Could not delete the 1099Policy webhook endpoint whe_1.*Internal error/);
		expect((error as NodeApiError).httpCode).toBe('500');
		// DELETE is safe to repeat, so the client tried three times before giving up.
		expect(calls(fake)).toEqual(Array(3).fill('DELETE /webhook_endpoints/whe_1'));
		expect(fake.staticData.webhookId).toBe('whe_1');
		expect(fake.staticData.webhookSecret).toBe('whsec_1');
	});

	it('delete() with nothing registered calls nothing', async () => {
		const fake = fakeHookContext({ parameters: AUTOMATIC });
		await expect(lifecycle.delete.call(fake.context)).resolves.toBe(true);
		expect(fake.requests).toEqual([]);
	});

	it('the secret never appears in errors', async () => {
		const fake = fakeHookContext({ parameters: AUTOMATIC, staticData: registered(), http: routes({ 'DELETE /webhook_endpoints/whe_1': serverError }) });
		const error = (await lifecycle.delete.call(fake.context).catch((e: unknown) => e)) as NodeApiError;
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain('whsec_1');
	});
});

describe('Ten99PolicyTrigger lifecycle, manual registration', () => {
	const MANUAL = { registration: 'manual', signingSecret: 'whsec_pasted', events: ['*'] };

	it('keeps to static data: no credential read, no HTTP', async () => {
		const fake = fakeHookContext({ parameters: MANUAL });
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		await expect(lifecycle.create.call(fake.context)).resolves.toBe(true);
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(true);
		await expect(lifecycle.delete.call(fake.context)).resolves.toBe(true);
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		expect(fake.requests).toEqual([]);
		expect(fake.credentialReads).toBe(0);
	});

	it('warns about an endpoint left over from automatic mode and stops tracking it', async () => {
		const fake = fakeHookContext({ parameters: MANUAL, staticData: registered() });
		await expect(lifecycle.checkExists.call(fake.context)).resolves.toBe(false);
		await lifecycle.create.call(fake.context);
		expect(fake.logs.find((line) => line.level === 'warn')?.message).toContain('whe_1');
		expect(fake.staticData).toEqual({ manualRegistration: true, recentEventIds: ['ev_old'] });
	});
});
