/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseFaultFlags, parsePort } from '../../sandbox/cli';
import { sandboxClient } from '../../sandbox/client';
import { startSandbox } from '../../sandbox/index';
import { seedFlow, useSandbox } from './setup';

const ctx = useSandbox();

/** Sends a request that announces more body than it sends, then hangs up. */
async function abortMidBody(port: number, path: string): Promise<void> {
	await new Promise<void>((resolve) => {
		const socket = connect(port, '127.0.0.1', () => {
			socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na`);
			setTimeout(() => {
				socket.destroy();
				resolve();
			}, 100);
		});
	});
	await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('admin API', () => {
	it('dumps the state of either environment and resets everything', async () => {
		await seedFlow(ctx.api);
		await seedFlow(ctx.api, { env: 'production', quote: false });
		const state = await ctx.api.admin('GET', '/state');
		expect(state.body.env).toBe('sandbox');
		expect([state.body.contractors.length, state.body.quotes.length]).toEqual([1, 1]);
		const production = await ctx.api.admin('GET', '/state?env=production');
		expect([production.body.contractors.length, production.body.quotes.length]).toEqual([1, 0]);
		expect(Object.keys(production.body).sort()).toEqual(
			['env', 'contractors', 'entities', 'jobs', 'quotes', 'sessions', 'policies', 'assignments', 'invoices', 'certificates', 'webhook_endpoints', 'events'].sort(),
		);
		const viaHeader = await ctx.api.request('GET', '/__sandbox/state', { key: null, env: 'production' });
		expect(viaHeader.body.env).toBe('production');
		expect((await ctx.api.admin('POST', '/reset')).body).toEqual({ reset: true });
		expect(ctx.sandbox.state().contractors).toEqual([]);
		expect(ctx.sandbox.state('production').contractors).toEqual([]);
		expect(ctx.sandbox.requestLog).toEqual([]);
	});

	it('serves and clears the request log', async () => {
		await ctx.api.post('/entities', { name: 'E' }, { idempotencyKey: 'abc' });
		await ctx.api.get('/entities?limit=5', { env: 'production' });
		const log = await ctx.api.admin('GET', '/requests');
		expect(log.body).toEqual([
			{ method: 'POST', path: '/api/v1/entities', query: '', status: 201, idempotencyKey: 'abc', env: 'sandbox', timestamp: expect.any(Number), replayed: false, fault: null },
			{ method: 'GET', path: '/api/v1/entities', query: '?limit=5', status: 200, idempotencyKey: null, env: 'production', timestamp: expect.any(Number), replayed: false, fault: null },
		]);
		expect((await ctx.api.admin('DELETE', '/requests')).body).toEqual({ cleared: true });
		expect(ctx.sandbox.requestLog).toEqual([]);
	});

	it('refuses unknown admin routes, bad JSON and unknown environments', async () => {
		expect((await ctx.api.admin('GET', '/nope')).body).toEqual({ message: 'Unknown admin endpoint GET /__sandbox/nope', error_code: 'resource_not_found' });
		expect((await ctx.api.admin('GET', '/reset')).status).toBe(404);
		const broken = await ctx.api.request('POST', '/__sandbox/reset', { key: null, raw: Buffer.from('{'), contentType: 'application/json' });
		expect(broken.body).toEqual({ message: { body: 'is not valid JSON' }, error_code: 'invalid_input' });
		expect((await ctx.api.admin('GET', '/state?env=qa')).status).toBe(400);
	});

	it('survives clients that hang up mid-body, on the API and the admin API', async () => {
		await abortMidBody(ctx.sandbox.port, '/api/v1/contractors');
		await abortMidBody(ctx.sandbox.port, '/__sandbox/events');
		expect(ctx.sandbox.requestLog.map((r) => [r.path, r.status])).toEqual([['/api/v1/contractors', null]]);
		expect((await ctx.api.get('/contractors')).status).toBe(200);
	});
});

describe('unexpected failures', () => {
	it('answers 500 internal_error, and a 500 from an endpoint is replayed under its key', async () => {
		// A clock that breaks on one chosen call lets the test reach the sandbox's last-resort error paths.
		let calls = 0;
		let breakOnCall = -1;
		const sandbox = await startSandbox({
			now: () => {
				calls++;
				if (calls === breakOnCall) throw new Error('clock stopped');
				return Date.now();
			},
		});
		try {
			const api = sandboxClient(sandbox.url);
			// Call 1 stamps the request log, calls 2 and 3 are the session- and policy-expiry sweeps, call 4 the entity's `created`.
			calls = 0;
			breakOnCall = 4;
			const failed = await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k500' });
			expect(failed.status).toBe(500);
			expect(failed.body).toEqual({ message: 'Internal sandbox error: clock stopped', error_code: 'internal_error' });
			const replayed = await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k500' });
			expect([replayed.status, replayed.headers.get('ten99policy-idempotent-replayed')]).toEqual([500, 'true']);
			expect(sandbox.state().entities).toEqual([]);
			calls = 0;
			breakOnCall = 1;
			const outer = await api.get('/entities');
			expect(outer.body).toEqual({ message: 'Internal sandbox error: clock stopped', error_code: 'internal_error' });
		} finally {
			await sandbox.stop();
		}
	});
});

describe('cli', () => {
	it.each([
		[[], 4599],
		[['--port', '5000'], 5000],
		[['--port=0'], 0],
	])('parses %j as port %i', (argv, port) => expect(parsePort(argv)).toBe(port));

	it.each([[['--port']], [['--port', 'abc']], [['--port=70000']]])('refuses %j', (argv) => {
		expect(() => parsePort(argv)).toThrow(/--port must be an integer from 0 to 65535/);
	});

	it('reads the start faults: --latency, --rate-limit and --burst', () => {
		expect(parseFaultFlags(['--port', '0', '--latency', '25', '--rate-limit=10', '--burst', '20'])).toEqual({ latencyMs: 25, rateLimitPerSecond: 10, burst: 20 });
		expect(parseFaultFlags([])).toEqual({});
		expect(() => parseFaultFlags(['--rate-limit', 'fast'])).toThrow('--rate-limit must be a number ≥ 0, got "fast"');
		expect(() => parseFaultFlags(['--burst'])).toThrow('--burst must be a number ≥ 0, got ""');
	});
});
