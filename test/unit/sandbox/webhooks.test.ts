/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../sandbox/receiver';
import { seedFlow, useSandbox } from './setup';

const ctx = useSandbox({ webhooks: { maxAttempts: 3, backoffMs: 20, timeoutMs: 1000 } });
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
	while (stops.length) await stops.pop()!();
});

async function receiver(statuses?: number[]) {
	const r = await startWebhookReceiver(statuses);
	stops.push(r.stop);
	return r;
}

/** Verifies `t=…,v1=…` the way a consumer would: HMAC-SHA256 over `${t}.${rawBody}`, constant-time compare. */
function verify(secret: string, header: string, rawBody: string): boolean {
	const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
	const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
	const given = Buffer.from(parts.v1, 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) <= 300;
}

describe('webhook endpoints', () => {
	it('returns a whsec_ secret on create only, validates, updates and deletes', async () => {
		const created = await ctx.api.post('/webhook_endpoints', { url: 'https://example.com/hook', description: 'ops', events: ['policy.active', 'policy.canceled'] });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ url: 'https://example.com/hook', description: 'ops', events: ['policy.active', 'policy.canceled'], status: 'enabled' });
		expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
		expect(created.body.id).toMatch(/^whe_/);
		const read = await ctx.api.get(`/webhook_endpoints/${created.body.id}`);
		expect(read.body.secret).toBeUndefined();
		expect((await ctx.api.get('/webhook_endpoints')).body[0].secret).toBeUndefined();
		const updated = await ctx.api.put(`/webhook_endpoints/${created.body.id}`, { events: ['*'], status: 'disabled' });
		expect(updated.body).toMatchObject({ events: ['*'], status: 'disabled' });
		expect(updated.body.secret).toBeUndefined();
		const bad = await ctx.api.post('/webhook_endpoints', { url: 'mailto:x@y.z', events: ['policy.exploded', 3] });
		expect(bad.body).toEqual({ message: { url: 'must be an http(s) URL', events: 'has unknown event types "policy.exploded", 3' }, error_code: 'invalid_input' });
		expect((await ctx.api.post('/webhook_endpoints', { url: 'https://x.y', events: 'policy.active' })).body.message).toEqual({ events: 'must be an array of event types' });
		expect((await ctx.api.delete(`/webhook_endpoints/${created.body.id}`)).body).toMatchObject({ deleted: true, object: 'webhook_endpoint' });
		expect((await ctx.api.get(`/webhook_endpoints/${created.body.id}`)).status).toBe(404);
	});
});

describe('webhook delivery', () => {
	it('signs every state-change event; the signature verifies with the endpoint secret', async () => {
		const hook = await receiver();
		const endpoint = (await ctx.api.post('/webhook_endpoints', { url: hook.url })).body;
		const flow = await seedFlow(ctx.api);
		const session = (await ctx.api.post('/apply/sessions', { quote: flow.quote })).body;
		await fetch(session.url);
		await ctx.sandbox.settleDeliveries();
		expect(hook.received.map((r) => r.body.type)).toEqual(['application.created', 'application.started', 'policy.active', 'application.complete']);
		for (const request of hook.received) {
			const signature = String(request.headers['ten99policy-signature']);
			expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
			expect(verify(endpoint.secret, signature, request.rawBody)).toBe(true);
			expect(verify('whsec_wrong', signature, request.rawBody)).toBe(false);
			expect(verify(endpoint.secret, signature, request.rawBody.replace('"type"', '"typ"'))).toBe(false);
			expect(request.headers['content-type']).toBe('application/json');
			expect(request.body).toMatchObject({ id: expect.stringMatching(/^ev_/), object: 'event', created: expect.any(Number), data: { object: { id: expect.any(String) } } });
		}
		const policyEvent = hook.received[2].body;
		expect(policyEvent.data.object).toMatchObject({ status: 'active', quote: flow.quote });
		expect(ctx.sandbox.deliveries.map((d) => [d.endpointId, d.attempt, d.status])).toEqual(hook.received.map(() => [endpoint.id, 1, 200]));
		expect((await ctx.api.get('/events?limit=1')).body[0].id).toBe(hook.received[3].body.id);
		expect((await ctx.api.get('/events?type=policy.active')).body.map((e: { id: string }) => e.id)).toEqual([policyEvent.id]);
	});

	it('retries non-2xx answers with growing delays, then stops after maxAttempts', async () => {
		const flaky = await receiver([500, 503, 200]);
		const down = await receiver([500]);
		await ctx.api.post('/webhook_endpoints', { url: flaky.url, events: ['policy.active'] });
		await ctx.api.post('/webhook_endpoints', { url: down.url, events: ['policy.active'] });
		const flow = await seedFlow(ctx.api);
		await ctx.api.post('/policies', { quote: flow.quote });
		await ctx.sandbox.settleDeliveries();
		expect(flaky.received).toHaveLength(3);
		expect(down.received).toHaveLength(3);
		const log = ctx.sandbox.deliveries.filter((d) => d.url === flaky.url);
		expect(log.map((d) => [d.attempt, d.status])).toEqual([
			[1, 500],
			[2, 503],
			[3, 200],
		]);
		// Backoff 20 ms, then 40 ms.
		expect(log[1].timestamp - log[0].timestamp).toBeGreaterThanOrEqual(18);
		expect(log[2].timestamp - log[1].timestamp).toBeGreaterThanOrEqual(38);
		// Each try is signed afresh over the same event.
		expect(new Set(flaky.received.map((r) => r.body.id)).size).toBe(1);
	});

	it('logs unreachable endpoints with their error and retries them', async () => {
		const gone = await receiver();
		await gone.stop();
		stops.length = 0;
		await ctx.api.post('/webhook_endpoints', { url: gone.url });
		await ctx.sandbox.deliverEvent({ type: 'category_code.added', object: { id: 'jc_NEW', created: 1 } });
		await ctx.sandbox.settleDeliveries();
		expect(ctx.sandbox.deliveries.map((d) => [d.attempt, d.status])).toEqual([
			[1, null],
			[2, null],
			[3, null],
		]);
		expect(ctx.sandbox.deliveries[0].error).toBeTruthy();
	});

	it('sends only subscribed types (canceled = cancelled), skips disabled endpoints', async () => {
		const cancels = await receiver();
		const disabled = await receiver();
		await ctx.api.post('/webhook_endpoints', { url: cancels.url, events: ['policy.canceled'] });
		const off = (await ctx.api.post('/webhook_endpoints', { url: disabled.url })).body;
		await ctx.api.put(`/webhook_endpoints/${off.id}`, { status: 'disabled' });
		const flow = await seedFlow(ctx.api);
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		await ctx.api.delete(`/policies/${policy.id}`);
		await ctx.sandbox.settleDeliveries();
		expect(cancels.received.map((r) => r.body.type)).toEqual(['policy.cancelled']);
		expect(disabled.received).toEqual([]);
	});

	it('replays a stored event through the admin API, to all subscribers or one endpoint', async () => {
		const a = await receiver();
		const b = await receiver();
		await ctx.api.post('/webhook_endpoints', { url: a.url, events: ['policy.active'] });
		const endpointB = (await ctx.api.post('/webhook_endpoints', { url: b.url, events: ['assignment.active'] })).body;
		const flow = await seedFlow(ctx.api);
		await ctx.api.post('/policies', { quote: flow.quote });
		const event = ctx.sandbox.state().events[0];
		const replay = await ctx.api.admin('POST', `/events/${event.id}/deliver`);
		expect(replay.body).toMatchObject({ event: { id: event.id }, endpoints: 1 });
		const forced = await ctx.api.admin('POST', `/events/${event.id}/deliver`, { endpoint: endpointB.id });
		expect(forced.body.endpoints).toBe(1);
		await ctx.sandbox.settleDeliveries();
		expect(a.received.map((r) => r.body.id)).toEqual([event.id, event.id]);
		expect(b.received.map((r) => r.body.id)).toEqual([event.id]);
		const deliveries = await ctx.api.admin('GET', '/deliveries');
		expect(deliveries.body).toHaveLength(3);
		expect((await ctx.api.admin('POST', '/events/ev_missing/deliver')).status).toBe(404);
		expect((await ctx.api.admin('POST', `/events/${event.id}/deliver`, { endpoint: 'whe_missing' })).status).toBe(404);
		// A new event of any type, through the admin API.
		const custom = await ctx.api.admin('POST', '/events', { type: 'assignment.active', object: { id: 'an_x', created: 1 } });
		expect(custom.body).toMatchObject({ event: { type: 'assignment.active', data: { object: { id: 'an_x' } } }, endpoints: 1 });
		const settled = await ctx.api.admin('POST', '/deliveries/settle');
		expect(settled.body).toHaveLength(4);
		expect((await ctx.api.admin('POST', '/events', { object: [] })).body.message).toEqual({ type: 'is required', object: 'must be an object' });
	});
});

describe('stopping the sandbox', () => {
	it('cancels pending retries at once', async () => {
		const { startSandbox } = await import('../../sandbox/index');
		const { sandboxClient } = await import('../../sandbox/client');
		const down = await receiver([500]);
		const sandbox = await startSandbox({ webhooks: { maxAttempts: 5, backoffMs: 60_000 } });
		const api = sandboxClient(sandbox.url);
		await api.post('/webhook_endpoints', { url: down.url });
		sandbox.deliverEvent({ type: 'category_code.added', object: { id: 'jc_X', created: 1 } });
		while (sandbox.deliveries.length === 0) await new Promise((r) => setTimeout(r, 10));
		const started = Date.now();
		await sandbox.stop();
		await sandbox.settleDeliveries();
		expect(Date.now() - started).toBeLessThan(5000);
		expect(sandbox.deliveries.map((d) => d.attempt)).toEqual([1]);
		expect(down.received).toHaveLength(1);
	});
});
