/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ten99PolicyApiError, Ten99PolicyConnectionError, connectionErrorCode } from '../../../src/ten99policy/errors';
import type { HttpRequest, Transport } from '../../../src/util/transport';
import { backoffDelay, retryAfterMs } from '../../../src/util/backoff';
import { RateGate } from '../../../src/util/rateGate';
import { BASE, fetchTransport, makeClient, recorder, setupNock, teardownNock, UUID_V4, type SeenRequest } from './support';

const QUOTE = { contractor: 'cn_1', job: 'jb_1', coverage_type: ['general'] };

/** nock + fetch passes an Error instance through as the rejection (a plain `{code}` object crashes nock's fetch path). */
function connError(code: string): Error {
	return Object.assign(new Error(code === 'ECONNRESET' ? 'socket hang up' : `connect ${code}`), { code });
}

describe('retries', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	it('a 429 with Retry-After: 2 waits 2000 ms, then succeeds', async () => {
		nock(BASE).get('/api/v1/contractors/cn_1').reply(429, { message: 'Too many requests', error_code: 'rate_limited' }, { 'Retry-After': '2' });
		nock(BASE).get('/api/v1/contractors/cn_1').reply(200, { id: 'cn_1' });
		const { client, sleep } = makeClient();
		await expect(client.call('contractor', 'get', { id: 'cn_1' })).resolves.toEqual({ id: 'cn_1' });
		expect(sleep.delays).toEqual([2000]);
		expect(nock.isDone()).toBe(true);
	});

	it('a 500 then a 200 succeeds after one backoff', async () => {
		nock(BASE).get('/api/v1/jobs/jb_1').reply(500, { message: 'Internal error', error_code: 'server_error' });
		nock(BASE).get('/api/v1/jobs/jb_1').reply(200, { id: 'jb_1' });
		const retries: string[] = [];
		const { client, sleep } = makeClient({ onRetry: (info) => retries.push(`${info.attempt} ${info.method} ${info.path} ${info.reason}`) });
		await expect(client.call('job', 'get', { id: 'jb_1' })).resolves.toEqual({ id: 'jb_1' });
		// random 0.5 → half of the 500 ms ceiling plus a quarter of it.
		expect(sleep.delays).toEqual([375]);
		expect(retries).toEqual(['1 GET /jobs/jb_1 HTTP 500']);
	});

	it('a dropped connection (ECONNRESET) on a GET is retried', async () => {
		nock(BASE).get('/api/v1/contractors/cn_1').replyWithError(connError('ECONNRESET'));
		nock(BASE).get('/api/v1/contractors/cn_1').reply(200, { id: 'cn_1' });
		const { client, sleep } = makeClient();
		await expect(client.call('contractor', 'get', { id: 'cn_1' })).resolves.toEqual({ id: 'cn_1' });
		expect(sleep.delays).toHaveLength(1);
	});

	it('DELETE and PUT are retried on 503 (they are idempotent)', async () => {
		nock(BASE).delete('/api/v1/jobs/jb_1').reply(503).delete('/api/v1/jobs/jb_1').reply(200, { deleted: true });
		nock(BASE).put('/api/v1/jobs/jb_1').reply(503).put('/api/v1/jobs/jb_1').reply(200, { id: 'jb_1' });
		const { client, sleep } = makeClient();
		await expect(client.call('job', 'delete', { id: 'jb_1' })).resolves.toEqual({ deleted: true });
		await expect(client.call('job', 'update', { id: 'jb_1', fields: { name: 'x' } })).resolves.toEqual({ id: 'jb_1' });
		expect(sleep.delays).toHaveLength(2);
	});

	it('a POST with a key is retried with the SAME key (500, 503, 201)', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE)
			.post('/api/v1/quotes')
			.reply(recorder(seen, 500, { message: 'oops', error_code: 'server_error' }))
			.post('/api/v1/quotes')
			.reply(recorder(seen, 503, 'Service Unavailable'))
			.post('/api/v1/quotes')
			.reply(recorder(seen, 201, { id: 'qt_1' }));
		const { client, sleep } = makeClient();
		await expect(client.call('quote', 'create', { fields: QUOTE }, { idempotencyKey: 'jobdiva-candidate-7' })).resolves.toEqual({ id: 'qt_1' });
		expect(seen.map((r) => r.headers['ten99policy-idempotent-key'])).toEqual(['jobdiva-candidate-7', 'jobdiva-candidate-7', 'jobdiva-candidate-7']);
		expect(seen.map((r) => r.body)).toEqual([seen[0].body, seen[0].body, seen[0].body]);
		expect(sleep.delays).toHaveLength(2);
	});

	it('a POST with a generated key keeps that one key across retries, also after a reset', async () => {
		const keys: string[] = [];
		const base = fetchTransport();
		let calls = 0;
		const transport: Transport = async (request: HttpRequest) => {
			keys.push(request.headers['Ten99Policy-Idempotent-Key']);
			if (++calls === 1) throw connError('ECONNRESET');
			return base(request);
		};
		nock(BASE).post('/api/v1/quotes').reply(500).post('/api/v1/quotes').reply(201, { id: 'qt_1' });
		const { client } = makeClient({ transport });
		await expect(client.call('quote', 'create', { fields: QUOTE })).resolves.toEqual({ id: 'qt_1' });
		expect(keys).toHaveLength(3);
		expect(keys[0]).toMatch(UUID_V4);
		expect(new Set(keys).size).toBe(1);
	});

	it('a POST without a key (idempotencyKey: false) is NEVER retried on 500', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).post('/api/v1/quotes').times(4).reply(recorder(seen, 500, { message: 'oops', error_code: 'server_error' }));
		const { client, sleep } = makeClient();
		const error = await client.call('quote', 'create', { fields: QUOTE }, { idempotencyKey: false }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Ten99PolicyApiError);
		expect((error as Ten99PolicyApiError).status).toBe(500);
		expect(seen).toHaveLength(1);
		expect(seen[0].headers['ten99policy-idempotent-key']).toBeUndefined();
		expect(sleep.delays).toEqual([]);
	});

	it('a POST without a key is NEVER retried on 429 either', async () => {
		nock(BASE).post('/api/v1/quotes').reply(429, {}, { 'Retry-After': '1' });
		const scope = nock(BASE).post('/api/v1/quotes').reply(201, { id: 'qt_1' });
		const { client, sleep } = makeClient();
		await expect(client.call('quote', 'create', { fields: QUOTE }, { idempotencyKey: false })).rejects.toMatchObject({ status: 429 });
		expect(scope.isDone()).toBe(false);
		expect(sleep.delays).toEqual([]);
	});

	it('a POST without a key is NEVER retried on ECONNRESET (it may have reached 1099Policy)', async () => {
		nock(BASE).post('/api/v1/quotes').replyWithError(connError('ECONNRESET'));
		const second = nock(BASE).post('/api/v1/quotes').reply(201, { id: 'qt_1' });
		const { client, sleep } = makeClient();
		const error = await client.call('quote', 'create', { fields: QUOTE }, { idempotencyKey: false }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Ten99PolicyConnectionError);
		expect((error as Error).message).toMatch(/No response from 1099Policy for POST \/quotes after 1 attempt \(ECONNRESET\)/);
		expect(second.isDone()).toBe(false);
		expect(sleep.delays).toEqual([]);
	});

	it('a POST without a key IS retried when the connection was refused (it never reached 1099Policy)', async () => {
		nock(BASE).post('/api/v1/quotes').replyWithError(connError('ECONNREFUSED'));
		nock(BASE).post('/api/v1/quotes').reply(201, { id: 'qt_1' });
		const { client, sleep } = makeClient();
		await expect(client.call('quote', 'create', { fields: QUOTE }, { idempotencyKey: false })).resolves.toEqual({ id: 'qt_1' });
		expect(sleep.delays).toHaveLength(1);
	});

	it("fetch's own wrapping (TypeError 'fetch failed' with the code in its cause) keeps the real code", () => {
		const refused = new TypeError('fetch failed', { cause: connError('ECONNREFUSED') });
		const reset = new TypeError('fetch failed', { cause: connError('ECONNRESET') });
		expect(connectionErrorCode(refused)).toBe('ECONNREFUSED');
		expect(connectionErrorCode(reset)).toBe('ECONNRESET');
		expect(connectionErrorCode(new TypeError('fetch failed'))).toBe('ECONNRESET');
		expect(connectionErrorCode(new Error('Cannot read properties of undefined'))).toBeUndefined();
	});

	it("n8n's NodeApiError shape for a reset (the code only in httpCode, no cause) is recognised", () => {
		const n8nWrapped = Object.assign(new Error('The connection to the server was closed unexpectedly'), { httpCode: 'ECONNRESET', cause: undefined });
		expect(connectionErrorCode(n8nWrapped)).toBe('ECONNRESET');
		expect(connectionErrorCode(Object.assign(new Error('Bad request'), { httpCode: '400' }))).toBeUndefined();
	});

	it('a keyless POST refused as fetch reports it (fetch failed ← ECONNREFUSED) is retried and named correctly', async () => {
		let calls = 0;
		const transport: Transport = async () => {
			calls++;
			throw new TypeError('fetch failed', { cause: connError('ECONNREFUSED') });
		};
		const { client, sleep } = makeClient({ transport, maxRetries: 2 });
		await expect(client.call('quote', 'create', { fields: QUOTE }, { idempotencyKey: false })).rejects.toThrow(/after 3 attempts \(ECONNREFUSED\)/);
		expect(calls).toBe(3);
		expect(sleep.delays).toHaveLength(2);
	});

	it('retries are bounded: maxRetries + 1 attempts, then an error saying so', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).get('/api/v1/contractors/cn_1').times(10).reply(recorder(seen, 502, { message: 'Bad gateway', error_code: 'bad_gateway' }));
		const { client, sleep } = makeClient({ maxRetries: 2 });
		const error = await client.call('contractor', 'get', { id: 'cn_1' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Ten99PolicyApiError);
		expect((error as Error).message).toContain('after 3 attempts');
		expect((error as Ten99PolicyApiError).status).toBe(502);
		expect(seen).toHaveLength(3);
		expect(sleep.delays).toHaveLength(2);
	});

	it('dropped connections are bounded too', async () => {
		nock(BASE).get('/api/v1/contractors/cn_1').times(3).replyWithError(connError('ECONNRESET'));
		const { client } = makeClient({ maxRetries: 2 });
		await expect(client.call('contractor', 'get', { id: 'cn_1' })).rejects.toThrow(/after 3 attempts \(ECONNRESET\)/);
	});

	it('4xx other than 429 is not retried', async () => {
		nock(BASE).get('/api/v1/contractors/cn_1').reply(404, { message: 'Not found', error_code: 'resource_not_found' });
		const { client, sleep } = makeClient();
		await expect(client.call('contractor', 'get', { id: 'cn_1' })).rejects.toMatchObject({ status: 404, errorCode: 'resource_not_found' });
		expect(sleep.delays).toEqual([]);
	});

	it('backoff grows exponentially, is jittered within [ceiling/2, ceiling] and capped', async () => {
		nock(BASE).get('/api/v1/contractors/cn_1').times(5).reply(500);
		nock(BASE).get('/api/v1/contractors/cn_1').reply(200, { id: 'cn_1' });
		const randoms = [0, 1, 0.5, 0.25, 0.999];
		const { client, sleep } = makeClient({ maxRetries: 5, backoffBaseMs: 500, backoffCapMs: 4000, random: () => randoms.shift() ?? 0 });
		await client.call('contractor', 'get', { id: 'cn_1' });
		// Ceilings 500, 1000, 2000, 4000 (cap), 4000 (cap).
		expect(sleep.delays).toEqual([250, 1000, 1500, 2500, 3998]);
		for (let attempt = 0; attempt < 12; attempt++) {
			const ceiling = Math.min(20_000, 500 * 2 ** attempt);
			for (const r of [0, 0.1, 0.5, 0.9, 0.99999]) {
				const delay = backoffDelay(attempt, { baseMs: 500, capMs: 20_000, random: () => r });
				expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
				expect(delay).toBeLessThanOrEqual(ceiling);
			}
		}
		// Jitter: different random draws give different delays for the same attempt.
		const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(3, { baseMs: 500, capMs: 20_000 })));
		expect(spread.size).toBeGreaterThan(10);
	});

	it('Retry-After as an HTTP date waits until that moment', async () => {
		const now = 1_800_000_000_000;
		nock(BASE)
			.get('/api/v1/contractors/cn_1')
			.reply(503, {}, { 'Retry-After': new Date(now + 7000).toUTCString() })
			.get('/api/v1/contractors/cn_1')
			.reply(200, { id: 'cn_1' });
		const { client, sleep } = makeClient({ now: () => now });
		await client.call('contractor', 'get', { id: 'cn_1' });
		expect(sleep.delays).toEqual([7000]);
		expect(retryAfterMs(new Date(now - 5000).toUTCString(), () => now)).toBe(0);
		expect(retryAfterMs('soon', () => now)).toBeUndefined();
	});

	it('a Retry-After longer than the allowed maximum fails at once, without waiting', async () => {
		nock(BASE).get('/api/v1/contractors/cn_1').reply(429, { message: 'Slow down', error_code: 'rate_limited' }, { 'Retry-After': '600' });
		const later = nock(BASE).get('/api/v1/contractors/cn_1').reply(200, { id: 'cn_1' });
		const { client, sleep } = makeClient({ maxRetryAfterMs: 60_000 });
		await expect(client.call('contractor', 'get', { id: 'cn_1' })).rejects.toMatchObject({ status: 429, message: expect.stringContaining('Slow down') });
		expect(sleep.delays).toEqual([]);
		expect(later.isDone()).toBe(false);
	});

	it('a 429 tells the traffic gate, so every later request waits for Retry-After', async () => {
		let clock = 1_000_000;
		const sleeps: number[] = [];
		const sleep = async (ms: number) => {
			sleeps.push(ms);
			clock += ms;
		};
		const shared = new RateGate(sleep, () => clock);
		const told: number[] = [];
		const gate = { beforeRequest: () => shared.beforeRequest(), onRateLimited: (ms: number) => (told.push(ms), shared.onRateLimited(ms)) };
		nock(BASE).get('/api/v1/contractors/cn_1').reply(429, {}, { 'Retry-After': '3' }).get('/api/v1/contractors/cn_1').reply(200, { id: 'cn_1' });
		nock(BASE).get('/api/v1/contractors/cn_2').reply(200, { id: 'cn_2' });
		const { client } = makeClient({ gate, sleep, now: () => clock });
		await client.call('contractor', 'get', { id: 'cn_1' });
		expect(told).toEqual([3000]);
		// The client's own wait (3000) moved the clock past the gate's resume time, so the gate adds nothing more.
		expect(sleeps).toEqual([3000]);
		gate.onRateLimited(1500);
		await client.call('contractor', 'get', { id: 'cn_2' });
		expect(sleeps).toEqual([3000, 1500]);
	});
});
