/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { sleepWithAbort, type INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobDivaTrigger } from '../../nodes/JobDivaTrigger/JobDivaTrigger.node';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { Ten99PolicyClient } from '../../src/ten99policy/client';
import { signPayload } from '../../src/webhooks/signature';
import { PACKAGE } from '../helpers/nodeTypes';
import '../helpers/template'; // registers the JobDiva node and credential with the in-process runner
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { fakeWebhookContext } from '../unit/webhooks/support/fakeN8n';
import { safeStringify } from './support/captureLogs';
import { json, startHostileServer, type HostileServer } from './support/hostileServer';

/**
 * Servers and input that try to make the nodes loop forever, hang, send a request somewhere else, report a failure as
 * a success, or grow without bound. Each case runs in well under a second against a small local server.
 */

const API_KEY = 't9k_test_hostile_7c1e';
let server: HostileServer;
beforeAll(async () => {
	server = await startHostileServer();
});
afterAll(async () => server.close());
beforeEach(() => {
	server.requests.length = 0;
});

const credentials = () => ({ ten99PolicyApi: { apiKey: API_KEY, environment: 'sandbox', baseUrl: server.url } });
const run = (parameters: INodeParameters, continueOnFail = false) =>
	runWorkflow(chain([{}], ten99Node(parameters, continueOnFail ? { onError: 'continueRegularOutput' } : {})), credentials());
const page = (prefix: string) => Array.from({ length: 100 }, (_, i) => ({ id: `en_${prefix}${i}`, name: `${prefix} ${i}` }));

describe('pagination always ends', () => {
	it('a cycling cursor (A → B → A) stops with an error naming the resource and the cursor, emitting nothing twice', async () => {
		server.handle = (seen, res) => {
			if (server.requests.length > 50) return json(res, 200, []); // ends a run that has no guard
			json(res, 200, seen.query.get('starting_after') === 'en_A99' ? page('B') : page('A'));
		};
		const result = await run({ resource: 'entity', operation: 'list', returnAll: true }, true);
		const output = result.output('1099Policy');
		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).toMatch(/entity "en_A0".*earlier page/);
		expect(String(output[0].json.error)).toMatch(/after "en_B99"/);
		expect(server.requests).toHaveLength(3);
	});

	it('the same full page twice is an error, not doubled output', async () => {
		server.handle = (_seen, res) => json(res, 200, server.requests.length > 50 ? [] : page('A'));
		const result = await run({ resource: 'entity', operation: 'list', returnAll: true });
		expect(result.error?.message).toMatch(/repeats entity "en_A0"/);
		expect(server.requests).toHaveLength(2);
	});
});

describe('every path segment is checked before sending', () => {
	// The ID typed, and given by an expression (IDs come from JobDiva data, not only from people). A resource
	// locator's typed ID is already held to its prefix by n8n; an expression in it is not.
	const typed = (id: string) => [id, `={{ ${JSON.stringify(id)} }}`];
	const locator = (id: string) => [{ __rl: true, mode: 'id', value: `={{ ${JSON.stringify(id)} }}` }];
	const cases: Array<[string, INodeParameters, (id: string) => unknown[]]> = [
		['Contractor → Get Policies', { resource: 'contractor', operation: 'listPolicies' }, locator],
		['Contractor → Delete', { resource: 'contractor', operation: 'delete' }, locator],
		['Contractor → Get', { resource: 'contractor', operation: 'get' }, locator],
		['Application Session → Expire', { resource: 'applicationSession', operation: 'expire' }, typed],
	];
	for (const [name, parameters, values] of cases) {
		for (const id of ['..', '.', '%2e%2e', 'cn_1/../..', ' ']) {
			it(`${name} with ID ${JSON.stringify(id)} (typed and by expression) is refused naming the field`, async () => {
				server.handle = (_seen, res) => json(res, 200, []);
				for (const value of values(id) as INodeParameters[]) {
					const result = await run({ ...parameters, id: value });
					expect(result.error?.message).toMatch(/ID/);
					expect(result.error?.message).toMatch(/is not a 1099Policy ID|is empty/);
				}
				expect(server.requests).toEqual([]);
			});
		}
	}
});

describe('answers are checked', () => {
	it('a 200 whose body is not JSON is an error with the status, the first bytes and the fix', async () => {
		server.handle = (_seen, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Welcome to nginx</html>');
		const result = await run({ resource: 'entity', operation: 'create', inputMode: 'json', jsonBody: '{"name":"Acme"}', options: {} });
		expect(result.error?.message).toMatch(/HTTP 200, but the answer is not JSON\. It began: <html>Welcome to nginx/);
		expect((result.error as { description?: string }).description).toMatch(/base URL/);
	});

	it('a created object without an id is an error', async () => {
		server.handle = (_seen, res) => json(res, 201, { name: 'Acme' });
		const result = await run({ resource: 'entity', operation: 'create', inputMode: 'json', jsonBody: '{"name":"Acme"}', options: {} });
		expect(result.error?.message).toMatch(/the created entity has no id/);
	});
});

describe('deadlines and bounds', () => {
	it('a server that drips one byte at a time fails at the request deadline, naming the request', async () => {
		server.handle = (_seen, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 50);
		};
		const client = new Ten99PolicyClient({ transport: fetchTransport(), sleep: sleepWithAbort, baseUrl: server.url, timeoutMs: 400, maxRetries: 1, backoffBaseMs: 1 });
		const started = Date.now();
		await expect(client.call('contractor', 'get', { id: 'cn_1' })).rejects.toThrow(/No response from 1099Policy for GET \/contractors\/cn_1 after 2 attempts \(ETIMEDOUT\)/);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('no retry starts that would end after the request budget', async () => {
		server.handle = (_seen, res) => json(res, 503, { message: 'busy' }, { 'Retry-After': '1' });
		const client = new Ten99PolicyClient({ transport: fetchTransport(), sleep: sleepWithAbort, baseUrl: server.url, maxRetries: 10, totalTimeoutMs: 1500 });
		await expect(client.call('contractor', 'get', { id: 'cn_1' })).rejects.toThrow(/503/);
		expect(server.requests).toHaveLength(2);
	});

	it('Max Retries set to 1,000,000 by an expression is held to 10', async () => {
		server.handle = (_seen, res) => (server.requests.length > 40 ? json(res, 200, { id: 'cn_1' }) : json(res, 500, { message: 'down' }, { 'Retry-After': '0' }));
		const result = await run({ resource: 'contractor', operation: 'get', id: 'cn_1', options: { maxRetries: '={{ 1000000 }}' } });
		expect(result.error?.message).toMatch(/500/);
		expect(server.requests).toHaveLength(11);
	});

	it('an answer larger than the bound is an error, not a 50 MB output item', async () => {
		const big = JSON.stringify({ id: 'cn_1', notes: 'x'.repeat(25_000_000) });
		server.handle = (_seen, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(big);
		const result = await run({ resource: 'contractor', operation: 'get', id: 'cn_1' });
		expect(result.error?.message).toMatch(/larger than 20 million characters/);
	});

	it('a 5 MB JobDiva candidate ID is refused before anything is sent', async () => {
		const node = {
			name: 'JobDiva',
			type: `${PACKAGE}.jobDiva`,
			typeVersion: 1,
			parameters: { resource: 'candidate', operation: 'get', candidateId: '1'.repeat(5_000_000), options: {} },
			credentials: { jobDivaApi: { id: '2', name: 'JobDiva' } },
		};
		const result = await runWorkflow(chain([{}], node), { jobDivaApi: { clientId: '1', userName: 'u', password: 'p4ssw0rd', baseUrl: server.url, sessionToken: '' } });
		expect(result.error?.message).toMatch(/Candidate ID is not a JobDiva ID/);
		expect(server.requests).toEqual([]);
	});

	it('"__proto__", "constructor" and "prototype" keys are refused in JSON bodies and metadata, naming the key', async () => {
		server.handle = (_seen, res) => json(res, 201, { id: 'en_1' });
		const bodies = [
			'{"name":"Acme","__proto__":{"required_coverage":["general"],"anything":1}}',
			'{"name":"Acme","constructor":{"prototype":{}}}',
			'{"name":"Acme","custom_metadata":{"prototype":"x"}}',
		];
		for (const jsonBody of bodies) {
			const result = await run({ resource: 'entity', operation: 'create', inputMode: 'json', jsonBody, options: {} });
			expect(result.error?.message).toMatch(/(__proto__|constructor|prototype)" , which is not allowed|uses the key "(__proto__|constructor|prototype)"/);
		}
		expect(server.requests).toEqual([]);
	});

	it('a JobDiva webhook whose id is nested 10,000 deep is refused with 400, no stack overflow', async () => {
		const deep = `${'{"id":'.repeat(10_000)}"1"${'}'.repeat(10_000)}`;
		for (const body of [`{"type":"candidate","operation":"Update","id":${deep},"data":[]}`, `{"type":"candidate","operation":"Update","id":"1","data":[{"x":${deep}}]}`]) {
			const parameters = { secret: '', types: [], operations: [], options: { skipSignatureVerification: true } };
			const fake = fakeWebhookContext({ parameters, staticData: {}, rawBody: Buffer.from(body), headers: {} });
			const result = await new JobDivaTrigger().webhook.call(fake.context);
			expect(result.workflowData).toBeUndefined();
			expect(fake.response.statusCode).toBe(400);
			expect(safeStringify(fake.logs)).toMatch(/nested more than 32 levels/);
		}
	});

	it('1099Policy events with 100 KB IDs keep the trigger\'s stored window small', async () => {
		const secret = 'whsec_hostile_window_1';
		const staticData: Record<string, string> = { webhookId: 'whe_1', webhookSecret: secret };
		const trigger = new Ten99PolicyTrigger();
		for (let i = 0; i < 200; i++) {
			const body = Buffer.from(JSON.stringify({ id: `ev_${i}_${'x'.repeat(100_000)}`, type: 'policy.active', created: 1795430000, data: { object: { id: 'pl_1' } } }));
			const headers = { 'ten99policy-signature': signPayload(secret, body, Math.floor(Date.now() / 1000)) };
			const fake = fakeWebhookContext({ parameters: { registration: 'automatic', events: ['*'], options: {} }, staticData, rawBody: body, headers });
			const result = await trigger.webhook.call(fake.context);
			expect(result.workflowData).toBeDefined();
		}
		// Before: 200 × 100 KB = 20 MB of IDs; now each is a 71-character digest.
		expect(JSON.stringify(staticData).length).toBeLessThan(30_000);
	});
});

function fetchTransport() {
	return async (request: { method: string; url: string; headers: Record<string, string>; body?: string | Buffer }) => {
		const response = await fetch(request.url, { method: request.method, headers: { ...request.headers, Authorization: `Bearer ${API_KEY}` }, body: request.body });
		return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
	};
}
