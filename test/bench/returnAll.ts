/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { mapWithConcurrency } from '../../src/util/pool';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { figure, heading, judge, mb, ms, type BenchResult } from './report';
import { startSandboxProcess } from './sandboxProcess';

/**
 * Benchmark 3: Contractor → Get Many with Return All over 10,000 contractors, through the node. Judged by the
 * number of requests the sandbox logged (100 full pages of 100, plus at most one empty page to see the end: ≤ 101);
 * wall time and peak memory of this process (the sandbox runs in its own) are reported.
 */

const COUNT = 10_000;
const MAX_REQUESTS = 101;

/** Samples this process's memory every 5 ms while `task` runs. */
async function withPeakMemory<T>(task: () => Promise<T>): Promise<{ value: T; peakRss: number; peakHeap: number }> {
	let peakRss = process.memoryUsage().rss;
	let peakHeap = process.memoryUsage().heapUsed;
	const timer = setInterval(() => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	}, 5);
	try {
		const value = await task();
		const usage = process.memoryUsage();
		return { value, peakRss: Math.max(peakRss, usage.rss), peakHeap: Math.max(peakHeap, usage.heapUsed) };
	} finally {
		clearInterval(timer);
	}
}

export async function benchReturnAll(): Promise<BenchResult> {
	heading(`3. Return All: ${COUNT.toLocaleString('en-US')} contractors through the node`);
	const sandbox = await startSandboxProcess();
	try {
		// The sandbox has no bulk import, so seed through the API, 20 at a time.
		const seedStart = performance.now();
		await mapWithConcurrency(Array.from({ length: COUNT }, (_, i) => i), 20, async (i) => {
			const response = await sandbox.api.post('/contractors', { first_name: `Riley${i}`, last_name: 'Okafor', email: `all.${i}@example.net`, custom_metadata: { jobdiva_candidate_id: String(i) } });
			if (response.status !== 201) throw new Error(`Seeding contractor ${i} failed: ${response.status} ${JSON.stringify(response.body)}`);
		});
		figure('seeded (POST ×10,000, 20 in parallel)', ms(performance.now() - seedStart));
		await sandbox.clearRequests();

		const credentials = { ten99PolicyApi: { apiKey: 't9k_test_bench', environment: 'sandbox', baseUrl: sandbox.url } };
		const workflow = chain([{}], ten99Node({ resource: 'contractor', operation: 'list', returnAll: true }));
		(globalThis as { gc?: () => void }).gc?.();
		const before = process.memoryUsage();
		const start = performance.now();
		const { value: result, peakRss, peakHeap } = await withPeakMemory(() => runWorkflow(workflow, credentials));
		const elapsed = performance.now() - start;
		if (result.error) throw result.error;
		const returned = result.output('1099Policy').length;
		const ids = new Set(result.output('1099Policy').map((item) => item.json.id));
		const requests = (await sandbox.requests()).filter((entry) => entry.path === '/api/v1/contractors');
		figure('contractors returned (distinct)', `${returned.toLocaleString('en-US')} (${ids.size.toLocaleString('en-US')})`);
		figure('wall time', ms(elapsed));
		figure('rss before → peak', `${mb(before.rss)} → ${mb(peakRss)} (+${mb(peakRss - before.rss)})`);
		figure('heapUsed before → peak', `${mb(before.heapUsed)} → ${mb(peakHeap)} (+${mb(peakHeap - before.heapUsed)})`);
		const complete = returned === COUNT && ids.size === COUNT;
		return {
			name: 'return all',
			judgements: [
				judge('GET /contractors requests for 10,000', String(requests.length), `≤ ${MAX_REQUESTS}`, requests.length <= MAX_REQUESTS && complete),
			],
			note: `${ms(elapsed)}, peak rss ${mb(peakRss)}, peak heap ${mb(peakHeap)}`,
		};
	} finally {
		await sandbox.stop();
	}
}
