/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { request } from 'node:http';
import { mapWithConcurrency } from '../../src/util/pool';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { figure, heading, judge, ms, ratio, type BenchResult } from './report';
import { startSandboxProcess } from './sandboxProcess';

/**
 * Benchmark 2: 1,000 Contractor → Create items through the real Ten99Policy node (n8n-core in-process) against the
 * sandbox answering every request after 25 ms. With N requests in parallel the floor is 1000 × 25 ms / N.
 * Targets at the default parallelism 4: ideal/actual ≥ 0.8, and ≥ 3.5× faster than one at a time.
 * Right after the node's run at parallelism 4, the same creates go out as plain HTTP requests (no n8n, a fresh
 * connection each, as n8n's helper opens one per request): what the machine allows at that moment, so a verdict
 * taken on a shared, loaded machine can be read against it.
 */

const COUNT = 1000;
const LATENCY_MS = 25;
const PARALLELISM = [1, 4, 8, 20];

/** One POST /contractors over a fresh connection; resolves when the whole answer is read. */
function plainCreate(baseUrl: string, body: object, key: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const headers = { Authorization: 'Bearer t9k_test_bench', 'Content-Type': 'application/json', 'Ten99Policy-Idempotent-Key': key };
		const sent = request(`${baseUrl}/api/v1/contractors`, { method: 'POST', agent: false, headers }, (answer) => {
			answer.resume();
			answer.on('end', () => (answer.statusCode === 201 ? resolve() : reject(new Error(`Plain create answered ${answer.statusCode}`))));
		});
		sent.on('error', reject);
		sent.end(JSON.stringify(body));
	});
}

export async function benchBulkCreate(): Promise<BenchResult> {
	heading(`2. Bulk create: ${COUNT} contractors through the node, sandbox latency ${LATENCY_MS} ms`);
	const sandbox = await startSandboxProcess();
	const wall = new Map<number, number>();
	let plainRatio = NaN;
	try {
		await sandbox.setFaults({ latencyMs: LATENCY_MS });
		const credentials = { ten99PolicyApi: { apiKey: 't9k_test_bench', environment: 'sandbox', baseUrl: sandbox.url } };
		// A first, unmeasured run, so module loading and JIT warm-up count against no parallelism; then 200 items one at a
		// time with no added latency, to show the fixed cost of one request (node + n8n's HTTP helper + sandbox).
		for (const [parallelism, count, latency] of [[4, 100, LATENCY_MS], [1, 200, 0], ...PARALLELISM.map((p) => [p, COUNT, LATENCY_MS])]) {
			await sandbox.reset();
			await sandbox.setFaults({ latencyMs: latency });
			const items = Array.from({ length: count }, (_, i) => ({ first: `Casey${i}`, last: 'Nguyen', email: `bulk.${parallelism}.${i}@example.net`, candidateId: String(5000 + i) }));
			const workflow = chain(
				items,
				ten99Node({
					resource: 'contractor',
					operation: 'create',
					first_name: '={{ $json.first }}',
					last_name: '={{ $json.last }}',
					email: '={{ $json.email }}',
					options: { concurrency: parallelism, idempotencyKey: '={{ "jobdiva-candidate-" + $json.candidateId }}' },
				}),
			);
			const start = performance.now();
			const cpuStart = process.cpuUsage();
			const result = await runWorkflow(workflow, credentials);
			const elapsed = performance.now() - start;
			const cpu = process.cpuUsage(cpuStart);
			// This process's CPU per item (node, n8n-core, HTTP client; the sandbox runs in its own process): on a shared
			// machine the wall times above include waiting for a core, this does not.
			const cpuPerItem = (cpu.user + cpu.system) / 1000 / count;
			if (result.error) throw result.error;
			const created = result.output('1099Policy').filter((item) => typeof item.json.id === 'string').length;
			const requests = (await sandbox.requests()).length;
			if (created !== count) throw new Error(`Only ${created} of ${count} contractors were created`);
			if (latency === 0) figure('one request, no added latency (fixed cost)', `${(elapsed / count).toFixed(2)} ms`);
			if (count !== COUNT) continue;
			const ideal = (COUNT * LATENCY_MS) / parallelism;
			wall.set(parallelism, elapsed);
			figure(`parallelism ${String(parallelism).padStart(2)}`, `${ms(elapsed)} (ideal ${ms(ideal)}, ideal/actual ${(ideal / elapsed).toFixed(2)}, ${requests} requests, CPU ${cpuPerItem.toFixed(2)} ms/item)`);
			if (parallelism !== 4) continue;
			await sandbox.reset();
			await sandbox.setFaults({ latencyMs: LATENCY_MS });
			const plainStart = performance.now();
			const plainCpu = process.cpuUsage();
			await mapWithConcurrency(items, parallelism, (item, i) => plainCreate(sandbox.url, { first_name: item.first, last_name: item.last, email: item.email }, `plain-${i}`));
			const plainElapsed = performance.now() - plainStart;
			const plainCpuUsed = process.cpuUsage(plainCpu);
			plainRatio = ideal / plainElapsed;
			figure('  plain HTTP at 4, no n8n (machine now)', `${ms(plainElapsed)} (ideal/actual ${plainRatio.toFixed(2)}, CPU ${((plainCpuUsed.user + plainCpuUsed.system) / 1000 / COUNT).toFixed(2)} ms/item)`);
		}
	} finally {
		await sandbox.stop();
	}
	const efficiency = (COUNT * LATENCY_MS) / 4 / wall.get(4)!;
	const speedUp = wall.get(1)! / wall.get(4)!;
	return {
		name: 'bulk create',
		judgements: [
			judge('ideal/actual at parallelism 4', efficiency.toFixed(2), '≥ 0.80', efficiency >= 0.8),
			judge('speed-up of parallelism 4 over 1', ratio(speedUp), '≥ 3.5×', speedUp >= 3.5),
		],
		note: `${PARALLELISM.map((p) => `p${p} ${ms(wall.get(p)!)}`).join(', ')}; plain HTTP at 4 reached ${plainRatio.toFixed(2)} of the ideal at the same time`,
	};
}
