/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { FaultInjector, mergeFaults, NO_FAULTS, seededRandom } from '../../sandbox/faults';
import { useSandbox } from './setup';

const ctx = useSandbox({ latencyMs: 0 });
const jo = { first_name: 'Jo', last_name: 'Lee', email: 'jo@example.com' };

/** GETs that survive a dropped connection (fetch rejects) so shares can be counted from the request log. */
async function hammer(count: number): Promise<void> {
	for (let i = 0; i < count; i++) await ctx.api.get('/category_codes').catch(() => undefined);
}

describe('fault injection over HTTP', () => {
	it('answers roughly the configured shares of 429, 500 and drops, deterministically for a seed', async () => {
		ctx.sandbox.setFaults({ rateLimitShare: 0.2, serverErrorShare: 0.1, dropShare: 0.1, retryAfterSeconds: 7, seed: 42 });
		await hammer(500);
		const faults = ctx.sandbox.requestLog.map((r) => r.fault);
		const share = (kind: string) => faults.filter((f) => f === kind).length / faults.length;
		expect(share('rate_limit')).toBeGreaterThan(0.15);
		expect(share('rate_limit')).toBeLessThan(0.25);
		expect(share('server_error')).toBeGreaterThan(0.06);
		expect(share('server_error')).toBeLessThan(0.14);
		// Drops apply to the 70 % that were not refused up front: about 7 % of all.
		expect(share('drop')).toBeGreaterThan(0.04);
		expect(share('drop')).toBeLessThan(0.1);
		expect(ctx.sandbox.requestLog.filter((r) => r.fault === 'drop').every((r) => r.status === null)).toBe(true);
		expect(ctx.sandbox.requestLog.filter((r) => r.fault === null).every((r) => r.status === 200)).toBe(true);

		ctx.sandbox.reset();
		ctx.sandbox.setFaults({ rateLimitShare: 0.2, serverErrorShare: 0.1, dropShare: 0.1, seed: 42 });
		await hammer(500);
		expect(ctx.sandbox.requestLog.map((r) => r.fault)).toEqual(faults);
	});

	it('sends Retry-After on 429 and error bodies; neither is applied nor stored under the key', async () => {
		ctx.sandbox.setFaults({ script: ['rate_limit', 'server_error'], retryAfterSeconds: 3 });
		const limited = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k' });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.body).toEqual({ message: 'Too many requests; retry later', error_code: 'rate_limit_exceeded' });
		const failed = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k' });
		expect(failed.status).toBe(500);
		expect(failed.body.error_code).toBe('internal_error');
		expect(ctx.sandbox.state().contractors).toEqual([]);
		const applied = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k' });
		expect(applied.status).toBe(201);
		expect(applied.headers.get('ten99policy-idempotent-replayed')).toBeNull();
	});

	it('drops the connection after applying; the retry with the same key replays: exactly one object', async () => {
		ctx.sandbox.setFaults({ script: ['drop'] });
		await expect(ctx.api.post('/contractors', jo, { idempotencyKey: 'k-drop' })).rejects.toThrow();
		expect(ctx.sandbox.state().contractors).toHaveLength(1);
		const retry = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-drop' });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('ten99policy-idempotent-replayed')).toBe('true');
		expect(retry.body.id).toBe(ctx.sandbox.state().contractors[0].id);
		expect(ctx.sandbox.state().contractors).toHaveLength(1);
		expect(ctx.sandbox.requestLog.map((r) => [r.fault, r.status, r.replayed])).toEqual([
			['drop', null, false],
			[null, 201, true],
		]);
	});

	it('adds latency to every API request', async () => {
		ctx.sandbox.setFaults({ latencyMs: 60 });
		const started = Date.now();
		await ctx.api.get('/category_codes');
		expect(Date.now() - started).toBeGreaterThanOrEqual(55);
	});

	it('answers latencyMs after the request arrived, with its own work inside that time (applied at once, answered at the deadline)', async () => {
		ctx.sandbox.setFaults({ latencyMs: 300 });
		const started = Date.now();
		const answer = ctx.api.post('/contractors', jo);
		await new Promise((resolve) => setTimeout(resolve, 150));
		// Halfway through the latency the contractor exists, but no answer has gone out yet.
		expect(ctx.sandbox.state().contractors.map((c) => c.email)).toEqual([jo.email]);
		expect(ctx.sandbox.requestLog.map((r) => r.status)).toEqual([null]);
		expect((await answer).status).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
		expect(ctx.sandbox.requestLog.map((r) => r.status)).toEqual([201]);
	});

	it('is readable and settable through the admin API, which refuses bad values', async () => {
		const set = await ctx.api.admin('PUT', '/faults', { serverErrorShare: 0.5, script: ['none'] });
		expect(set.body).toMatchObject({ serverErrorShare: 0.5, script: ['none'] });
		expect((await ctx.api.admin('GET', '/faults')).body.serverErrorShare).toBe(0.5);
		const bad = await ctx.api.admin('PUT', '/faults', { rateLimitShare: 0.6 });
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual({ message: { faults: 'rateLimitShare + serverErrorShare must not exceed 1' }, error_code: 'invalid_input' });
		// reset() goes back to the start options (no faults here).
		ctx.sandbox.reset();
		expect((await ctx.api.admin('GET', '/faults')).body).toEqual(NO_FAULTS);
	});
});

describe('FaultInjector', () => {
	it.each([
		[{ rateLimitShare: 1.5 }, 'rateLimitShare must be a number from 0 to 1'],
		[{ dropShare: -0.1 }, 'dropShare must be a number from 0 to 1'],
		[{ serverErrorShare: Number.NaN }, 'serverErrorShare must be a number from 0 to 1'],
		[{ latencyMs: -1 }, 'latencyMs must be a number ≥ 0'],
		[{ retryAfterSeconds: 1.5 }, 'retryAfterSeconds must be an integer ≥ 0'],
		[{ seed: 0.5 }, 'seed must be an integer'],
		[{ script: ['explode' as never] }, 'script entries must be one of rate_limit, server_error, drop, none'],
	])('refuses %j', (update, message) => {
		expect(() => mergeFaults(NO_FAULTS, update)).toThrow(message);
	});

	it('uses the script first, then the shares; a seed repeats the sequence and unsetting it goes back to Math.random', () => {
		const injector = new FaultInjector({ script: ['drop', 'none'], rateLimitShare: 1 });
		expect([injector.decide(), injector.decide(), injector.decide()]).toEqual(['drop', 'none', 'rate_limit']);
		const a = seededRandom(7);
		const b = seededRandom(7);
		const sequence = Array.from({ length: 5 }, () => a());
		expect(Array.from({ length: 5 }, () => b())).toEqual(sequence);
		expect(sequence.every((x) => x >= 0 && x < 1)).toBe(true);
		injector.set({ rateLimitShare: 0, dropShare: 0.5, seed: 7 });
		const seeded = Array.from({ length: 20 }, () => injector.decide());
		injector.set({ seed: 7 });
		expect(Array.from({ length: 20 }, () => injector.decide())).toEqual(seeded);
		injector.set({ seed: undefined });
		expect(injector.current().seed).toBeUndefined();
		injector.clear();
		expect(injector.current()).toEqual(NO_FAULTS);
	});
});

describe('rate limit (a token bucket per API key)', () => {
	it('lets a burst through, then answers 429 with Retry-After in whole seconds and refills at the rate; per key', () => {
		let now = 0;
		const injector = new FaultInjector({ rateLimitPerSecond: 4, burst: 2 }, () => now);
		expect([injector.takeToken('a'), injector.takeToken('a')]).toEqual([undefined, undefined]);
		// Empty: the next token is 250 ms away, answered as Retry-After 1 (at least a second, as real APIs round).
		expect(injector.takeToken('a')).toBe(1);
		expect(injector.takeToken('b')).toBeUndefined();
		now = 249;
		expect(injector.takeToken('a')).toBe(1);
		now = 250;
		expect(injector.takeToken('a')).toBeUndefined();
		// A quiet spell fills the bucket only up to the burst.
		now = 10_000;
		expect([injector.takeToken('a'), injector.takeToken('a'), injector.takeToken('a')]).toEqual([undefined, undefined, 1]);
	});

	it('defaults the burst to one second of the rate; a slower limit set mid-run applies at once; clear() lifts it', () => {
		let now = 0;
		const injector = new FaultInjector({ rateLimitPerSecond: 3 }, () => now);
		expect(Array.from({ length: 4 }, () => injector.takeToken('k'))).toEqual([undefined, undefined, undefined, 1]);
		now = 10_000;
		injector.set({ rateLimitPerSecond: 0.5 });
		// The saved tokens are cut to the new bucket (1), and the next comes 2 s later: Retry-After 2.
		expect([injector.takeToken('k'), injector.takeToken('k')]).toEqual([undefined, 2]);
		injector.clear();
		expect(Array.from({ length: 10 }, () => injector.takeToken('k')).every((t) => t === undefined)).toBe(true);
	});

	it.each([
		[{ rateLimitPerSecond: -1 }, 'rateLimitPerSecond must be a number ≥ 0'],
		[{ burst: Number.NaN }, 'burst must be a number ≥ 0'],
	])('refuses %j', (update, message) => {
		expect(() => mergeFaults(NO_FAULTS, update)).toThrow(message);
	});

	it('over HTTP: set with PUT /__sandbox/faults; the refused request is logged, not applied, and the key next to it is not limited', async () => {
		const set = await ctx.api.admin('PUT', '/faults', { rateLimitPerSecond: 1, burst: 2 });
		expect(set.status).toBe(200);
		expect(set.body).toMatchObject({ rateLimitPerSecond: 1, burst: 2 });
		const first = await ctx.api.post('/contractors', jo, { idempotencyKey: 'r1' });
		const second = await ctx.api.post('/contractors', { ...jo, email: 'jo2@example.com' }, { idempotencyKey: 'r2' });
		const refused = await ctx.api.post('/contractors', { ...jo, email: 'jo3@example.com' }, { idempotencyKey: 'r3' });
		expect([first.status, second.status, refused.status]).toEqual([201, 201, 429]);
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(refused.body).toEqual({ message: 'Too many requests; retry later', error_code: 'rate_limit_exceeded' });
		expect(ctx.sandbox.state().contractors).toHaveLength(2);
		expect(ctx.sandbox.requestLog.map((r) => r.fault)).toEqual([null, null, 'rate_limit']);
		expect((await ctx.api.get('/contractors', { key: 'another_key' })).status).toBe(200);
		// Lifted over the same route.
		await ctx.api.admin('PUT', '/faults', { rateLimitPerSecond: 0 });
		expect((await ctx.api.post('/contractors', { ...jo, email: 'jo3@example.com' }, { idempotencyKey: 'r3' })).status).toBe(201);
	});
});
