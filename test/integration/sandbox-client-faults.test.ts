import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Ten99PolicyClient } from '../../src/ten99policy/client';
import type { Transport } from '../../src/util/transport';
import { startSandbox, type Sandbox } from '../sandbox/index';

/**
 * The project's own 1099Policy client (src/ten99policy/client.ts) against the sandbox under injected faults: with
 * 429s, 500s and connections dropped after the request was applied, retries with the same idempotency key must
 * still create each object exactly once.
 */

const fetchTransport: Transport = async (request) => {
	const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
	return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
};

let sandbox: Sandbox;
let client: Ten99PolicyClient;
const retries: string[] = [];

beforeAll(async () => {
	sandbox = await startSandbox();
	client = new Ten99PolicyClient({
		transport: async (request) => fetchTransport({ ...request, headers: { ...request.headers, Authorization: 'Bearer t9k_test_faults' } }),
		sleep: () => Promise.resolve(),
		baseUrl: sandbox.url,
		maxRetries: 8,
		onRetry: (info) => retries.push(info.reason),
	});
});
afterAll(async () => sandbox?.stop());
beforeEach(() => {
	sandbox.reset();
	retries.length = 0;
});

describe('Ten99PolicyClient against a faulty sandbox', () => {
	it('creates 40 contractors exactly once each through 429s, 500s and dropped connections', async () => {
		sandbox.setFaults({ rateLimitShare: 0.15, serverErrorShare: 0.1, dropShare: 0.2, retryAfterSeconds: 0, seed: 2026 });
		for (let i = 0; i < 40; i++) {
			const created = (await client.call('contractor', 'create', { fields: { first_name: 'F', last_name: String(i), email: `f${i}@example.com` } })) as { id: string };
			expect(created.id).toMatch(/^cn_/);
		}
		const contractors = sandbox.state().contractors;
		expect(contractors).toHaveLength(40);
		expect(new Set(contractors.map((c) => c.email)).size).toBe(40);
		const faults = sandbox.requestLog.map((r) => r.fault);
		for (const kind of ['rate_limit', 'server_error', 'drop']) expect(faults).toContain(kind);
		// Every drop was followed by a replay of the same key, not a second create.
		const drops = sandbox.requestLog.filter((r) => r.fault === 'drop').map((r) => r.idempotencyKey);
		const replays = sandbox.requestLog.filter((r) => r.replayed).map((r) => r.idempotencyKey);
		for (const key of drops) expect(replays).toContain(key);
		expect(retries.length).toBe(sandbox.requestLog.length - 40);
	});

	it('pages through a list while reads are dropped and refused', async () => {
		for (let i = 0; i < 130; i++) await client.call('entity', 'create', { fields: { name: `E${i}` } });
		sandbox.setFaults({ rateLimitShare: 0.2, dropShare: 0.3, retryAfterSeconds: 0, seed: 7 });
		const all = await client.list('entity', 'list', {}, { returnAll: true, pageSize: 25 });
		expect(all.map((e) => e.name)).toEqual(Array.from({ length: 130 }, (_, i) => `E${129 - i}`));
	});
});
