import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { startSandbox, type Sandbox } from '../sandbox';

/**
 * "Slows down by itself when 429s arrive (honouring Retry-After) instead of failing the run": one 429 with
 * Retry-After: 1 in the middle of a parallel run must pause every worker — no new request reaches 1099Policy until the
 * second is over — and the run still creates every contractor. Real time (no faster sleep), so it takes ~1.2 s.
 */

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ latencyMs: 20, faults: { retryAfterSeconds: 1 } });
});
afterAll(async () => sandbox?.stop());

describe('429 with Retry-After under parallel requests', () => {
	it('pauses all workers for the Retry-After, then finishes every item', async () => {
		// Requests 1–5 pass, the 6th is answered 429, the rest pass.
		sandbox.setFaults({ script: ['none', 'none', 'none', 'none', 'none', 'rate_limit'] });
		const items = Array.from({ length: 16 }, (_, i) => ({ email: `paced.${i}@example.net` }));
		const node = ten99Node({
			resource: 'contractor',
			operation: 'create',
			first_name: 'Paced',
			last_name: 'Worker',
			email: '={{ $json.email }}',
			options: { concurrency: 4 },
		});
		const credentials = { ten99PolicyApi: { apiKey: 't9k_test_paced', environment: 'sandbox', baseUrl: sandbox.url } };
		const result = await runWorkflow(chain(items, node), credentials);

		expect(result.error).toBeUndefined();
		expect(result.output('1099Policy').map((item) => item.json.email)).toEqual(items.map((item) => item.email));
		expect(sandbox.state().contractors).toHaveLength(16);
		const log = sandbox.requestLog;
		const limited = log.find((entry) => entry.fault === 'rate_limit');
		expect(limited).toBeDefined();
		// Requests already in flight arrive with the 429 (same few ms); after that, silence until Retry-After is over.
		// (The sandbox logs arrival before its 20 ms latency, so the 429 left it ~20 ms after its timestamp.)
		const answeredAt = limited!.timestamp + 20;
		const during = log.filter((entry) => entry.timestamp > answeredAt + 30 && entry.timestamp < answeredAt + 950);
		expect(during.map((entry) => `${entry.timestamp - answeredAt} ms after`)).toEqual([]);
		expect(log.filter((entry) => entry.timestamp >= answeredAt + 950)).not.toHaveLength(0);
		expect(log).toHaveLength(17);
	});
});
