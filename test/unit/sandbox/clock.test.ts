import { describe, expect, it } from 'vitest';
import { sandboxClient } from '../../sandbox/client';
import { startSandbox } from '../../sandbox/index';
import { seedFlow, useSandbox } from './setup';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const ctx = useSandbox();
const types = () => ctx.sandbox.state().events.map((e) => e.type);

describe('the sandbox clock (POST/GET /__sandbox/clock)', () => {
	it('moves forward by advanceMs; created timestamps follow it; reset moves it back', async () => {
		const before = await ctx.api.clock();
		expect(before.offsetMs).toBe(0);
		expect(new Date(before.iso).getTime()).toBe(before.now);
		const moved = await ctx.api.admin('POST', '/clock', { advanceMs: 25 * HOUR });
		expect(moved.status).toBe(200);
		expect(moved.body.offsetMs).toBe(25 * HOUR);
		expect(moved.body.now - before.now).toBeGreaterThanOrEqual(25 * HOUR);
		const entity = await ctx.api.post('/entities', { name: 'Later' });
		expect(entity.body.created).toBeGreaterThanOrEqual(Math.floor(moved.body.now / 1000));
		expect((await ctx.api.admin('GET', '/clock')).body.offsetMs).toBe(25 * HOUR);
		await ctx.api.admin('POST', '/reset');
		expect((await ctx.api.clock()).offsetMs).toBe(0);
	});

	it('refuses a missing, negative or fractional advanceMs, naming the field', async () => {
		for (const body of [{}, { advanceMs: -1 }, { advanceMs: 1.5 }, { advanceMs: '10' }]) {
			const response = await ctx.api.admin('POST', '/clock', body);
			expect(response.status).toBe(400);
			expect(response.body.error_code).toBe('invalid_input');
			expect(response.body.message.advanceMs).toMatch(/only moves forward/);
		}
		expect(() => ctx.sandbox.advanceClock(-5)).toThrow(/≥ 0/);
		expect((await ctx.api.clock()).offsetMs).toBe(0);
	});

	it('expires idempotency keys at 24 h of sandbox time, not before', async () => {
		const first = await ctx.api.post('/entities', { name: 'E' }, { idempotencyKey: 'k-clock' });
		await ctx.api.advanceClock(DAY - 2000);
		const replay = await ctx.api.post('/entities', { name: 'E' }, { idempotencyKey: 'k-clock' });
		expect(replay.headers.get('Ten99Policy-Idempotent-Replayed')).toBe('true');
		expect(replay.body.id).toBe(first.body.id);
		ctx.sandbox.advanceClock(2000);
		const fresh = await ctx.api.post('/entities', { name: 'E' }, { idempotencyKey: 'k-clock' });
		expect(fresh.body.id).not.toBe(first.body.id);
		expect(ctx.sandbox.state().entities).toHaveLength(2);
	});

	it('keeps the idempotencyTtlMs option, counted on the sandbox clock', async () => {
		const sandbox = await startSandbox({ idempotencyTtlMs: 10 * 60 * 1000 });
		try {
			const api = sandboxClient(sandbox.url);
			const first = await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k' });
			sandbox.advanceClock(9 * 60 * 1000);
			expect((await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k' })).body.id).toBe(first.body.id);
			sandbox.advanceClock(60 * 1000);
			expect((await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k' })).body.id).not.toBe(first.body.id);
		} finally {
			await sandbox.stop();
		}
	});

	it('expires an open application session after its lifetime (default 7 days), emitting application.expired once', async () => {
		const flow = await seedFlow(ctx.api);
		const session = (await ctx.api.post('/apply/sessions', { quote: flow.quote })).body;
		await ctx.api.advanceClock(7 * DAY - 60_000);
		expect((await ctx.api.get(`/apply/sessions/${session.id}`)).body.status).toBe('open');
		await ctx.api.advanceClock(60_000);
		// Aged at the moment the clock moves: the event is out before any API request.
		expect(types()).toContain('application.expired');
		expect((await ctx.api.get(`/apply/sessions/${session.id}`)).body.status).toBe('expired');
		expect((await fetch(session.url)).status).toBe(410);
		expect((await ctx.api.admin('POST', `/sessions/${session.id}/complete`)).body.error_code).toBe('session_expired');
		expect(types().filter((t) => t === 'application.expired')).toHaveLength(1);
	});

	it('takes the session lifetime from sessionLifetimeMs; a completed session never expires', async () => {
		const sandbox = await startSandbox({ sessionLifetimeMs: HOUR });
		try {
			const api = sandboxClient(sandbox.url);
			const a = await seedFlow(api);
			const b = await seedFlow(api);
			const open = (await api.post('/apply/sessions', { quote: a.quote })).body;
			const done = sandbox.completeSession((await api.post('/apply/sessions', { quote: b.quote })).body.id);
			sandbox.advanceClock(HOUR);
			expect((await api.get(`/apply/sessions/${open.id}`)).body.status).toBe('expired');
			expect((await api.get(`/apply/sessions/${done.id}`)).body.status).toBe('complete');
		} finally {
			await sandbox.stop();
		}
	});

	it('ages policies with the clock: active until expiration_date, then expired (policy.expired)', async () => {
		const now = Math.floor((await ctx.api.clock()).now / 1000);
		const flow = await seedFlow(ctx.api, { quote: { effective_date: now + 86_400, end_date: now + 3 * 86_400 } });
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		await ctx.api.advanceClock(2 * DAY);
		expect((await ctx.api.get(`/policies/${policy.id}`)).body.status).toBe('active');
		await ctx.api.advanceClock(DAY);
		expect(ctx.sandbox.state().policies[0].status).toBe('expired');
		expect(types().filter((t) => t === 'policy.expired')).toHaveLength(1);
	});

	it('checks quote dates against the sandbox clock', async () => {
		const flow = await seedFlow(ctx.api, { quote: false });
		const realTomorrow = Math.floor(Date.now() / 1000) + 86_400;
		await ctx.api.advanceClock(2 * DAY);
		const quote = await ctx.api.post('/quotes', { contractor: flow.contractor, job: flow.job, coverage_type: ['general'], effective_date: realTomorrow });
		expect(quote.body.error_code).toBe('effective_date_invalid');
		const defaulted = await ctx.api.post('/quotes', { contractor: flow.contractor, job: flow.job, coverage_type: ['general'] });
		expect(defaulted.body.effective_date).toBeGreaterThan(realTomorrow + 86_400);
	});
});
