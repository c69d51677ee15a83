/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { startSandbox, type Sandbox } from '../sandbox';

/**
 * "As fast as the API allows, never failing on its limit": the sandbox's real rate limit (a token bucket per API key,
 * 429 with Retry-After when empty) against Contractor → Create with the Requests in Parallel option left out (adaptive,
 * up to 64 at once). Every item must be created exactly once, in order and paired, with no failed item, whatever the
 * limit, also when the limit drops in the middle of the run. Small numbers, real time: a few seconds each. The full
 * figures (1,000 creates, 25 ms, no limit / 50 / 10 per second, beside n8n's HTTP Request node) are the peers benchmark.
 */

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ latencyMs: 5 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox?.stop());

const credentials = () => ({ ten99PolicyApi: { apiKey: 't9k_test_adaptive', environment: 'sandbox', baseUrl: sandbox.url } });

async function createAll(count: number, tag: string, onRequest?: () => void) {
	const items = Array.from({ length: count }, (_, i) => ({ email: `${tag}.${i}@example.net`, candidateId: `${tag}-${i}` }));
	const node = ten99Node(
		{
			resource: 'contractor',
			operation: 'create',
			first_name: 'Rate',
			last_name: 'Limited',
			email: '={{ $json.email }}',
			options: { idempotencyKey: '={{ "jobdiva-candidate-" + $json.candidateId }}' },
		},
		// Continue On Fail, so a failed item shows as an error item instead of stopping the run.
		{ onError: 'continueRegularOutput' },
	);
	const watcher = onRequest ? setInterval(onRequest, 2) : undefined;
	const started = performance.now();
	const result = await runWorkflow(chain(items, node), credentials());
	const seconds = (performance.now() - started) / 1000;
	clearInterval(watcher);
	expect(result.error).toBeUndefined();
	const output = result.output('1099Policy');
	// Every item once, in order, paired, none failed.
	expect(output.filter((item) => item.json.error !== undefined).map((item) => item.json.error)).toEqual([]);
	expect(output.map((item) => [item.json.email, item.pairedItem])).toEqual(items.map((item, i) => [item.email, { item: i }]));
	const created = sandbox.state().contractors;
	expect(created.map((c) => c.email).sort()).toEqual(items.map((item) => item.email).sort());
	expect(new Set(output.map((item) => item.json.id)).size).toBe(count);
	const log = sandbox.requestLog;
	return { seconds, limited: log.filter((entry) => entry.status === 429).length, accepted: log.filter((entry) => entry.status === 201) };
}

describe('adaptive requests in parallel under a real rate limit', () => {
	it.each([
		{ perSecond: 0, count: 150 },
		{ perSecond: 50, count: 120 },
		{ perSecond: 10, count: 30 },
	])('limit $perSecond/s (0: none): $count creates, every item exactly once, none failed', async ({ perSecond, count }) => {
		sandbox.setFaults({ rateLimitPerSecond: perSecond });
		const { seconds, limited, accepted } = await createAll(count, `limit${perSecond}`);
		expect(accepted).toHaveLength(count);
		if (perSecond === 0) {
			expect(limited).toBe(0);
			return;
		}
		// The limit was reached (the node does not merely crawl below it) …
		expect(limited).toBeGreaterThan(0);
		// … and followed: the bucket allows `perSecond` (one second's burst) plus `perSecond` per second, so the run
		// cannot be faster than that; and fewer 429s than items (a node that kept 64 in flight through the pauses would
		// draw a 429 for every item past the first second's, and more).
		expect(seconds).toBeGreaterThan((count - perSecond) / perSecond - 0.2);
		expect(limited).toBeLessThan(count);
	});

	it('follows a limit that drops in the middle of the run (100/s, then 20/s after 30 creates)', async () => {
		sandbox.setFaults({ rateLimitPerSecond: 100 });
		let dropped = false;
		const { accepted, limited } = await createAll(90, 'drop', () => {
			if (dropped || sandbox.requestLog.filter((entry) => entry.status === 201).length < 30) return;
			dropped = true;
			sandbox.setFaults({ rateLimitPerSecond: 20 });
		});
		expect(dropped).toBe(true);
		expect(accepted).toHaveLength(90);
		expect(limited).toBeGreaterThan(0);
		// The requests in flight when the limit drops draw one burst of 429s (each retried after its pause); after that
		// the node sends fewer: fewer 429s than the 60 creates left after the drop.
		expect(limited).toBeLessThan(60);
	});
});
