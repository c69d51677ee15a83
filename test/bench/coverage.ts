/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { listCoverage, reconcile, type Placement } from '../../src/ledger/reconcile';
import { Ten99PolicyClient } from '../../src/ten99policy/client';
import { fetchTransport } from '../helpers/fetchTransport';
import { figure, heading, judge, mb, ms, ratio, type BenchResult } from './report';
import { startSandboxProcess } from './sandboxProcess';

/**
 * Benchmark 7: the daily coverage check over 10,000 placements. The sandbox (its own process, a fixed latency per
 * request) holds each placement's job and quote; half are covered by an assignment (returning contractors), half by
 * the policy their application bound. The listing is cursor-paged, so each collection is a chain of requests and
 * the five collections are listed at once: parallelism 5. Judged: wall time ≤ 2 × requests × latency ÷ 5.
 * Memory: the index kept (a few fields per object) against the transient peak while pages arrive.
 */

const COUNT = 10_000;
const LATENCY_MS = 50;
const PARALLELISM = 5;
const DAY = 86_400;

function world(now: number) {
	const start = now + 7 * DAY;
	const end = start + 90 * DAY;
	const iso = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
	const objects: Record<'jobs' | 'quotes' | 'sessions' | 'policies' | 'assignments', Record<string, unknown>[]> = { jobs: [], quotes: [], sessions: [], policies: [], assignments: [] };
	const placements: Placement[] = [];
	for (let i = 0; i < COUNT; i++) {
		const placementId = String(500_000 + i);
		const meta = { jobdiva_placement_id: placementId, jobdiva_candidate_id: String(900_000 + i), jobdiva_job_id: String(700_000 + i) };
		const created = now - COUNT + i;
		objects.jobs.push({ id: `jb_${i}`, created, entity: 'en_bench', name: `Analyst ${i}`, custom_metadata: { jobdiva_job_id: meta.jobdiva_job_id, jobdiva_candidate_id: meta.jobdiva_candidate_id } });
		objects.quotes.push({ id: `qt_${i}`, created, contractor: `cn_${i}`, job: `jb_${i}`, eligible: true, effective_date: start, end_date: end, custom_metadata: meta });
		if (i % 2 === 0) {
			objects.policies.push({ id: `pl_${i}`, created, quote: `qt_earlier_${i}`, contractor: `cn_${i}`, status: 'active', effective_date: now - 300 * DAY, expiration_date: now + 300 * DAY });
			objects.assignments.push({ id: `an_${i}`, created, contractor: `cn_${i}`, job: `jb_${i}`, policy: `pl_${i}`, status: 'active', eligible: { result: true }, effective_date: start, end_date: end, custom_metadata: meta });
		} else {
			// Every 100th first-timer has not completed the application: "no coverage".
			const done = i % 100 !== 1;
			objects.sessions.push({ id: `ias_${i}`, created, quote: `qt_${i}`, status: done ? 'complete' : 'open', policy: done ? `pl_${i}` : null, custom_metadata: { jobdiva_placement_id: placementId } });
			if (done) objects.policies.push({ id: `pl_${i}`, created, quote: `qt_${i}`, contractor: `cn_${i}`, status: 'active', effective_date: start, expiration_date: end });
		}
		placements.push({ placementId, candidateId: meta.jobdiva_candidate_id, jobdivaJobId: meta.jobdiva_job_id, candidate: `Riley Okafor ${i}`, client: 'Acme Health', startDate: iso(start), endDate: iso(end), live: true, fingerprint: `c${i} j${i} q${i}` });
	}
	return { objects, placements };
}

export async function benchCoverage(): Promise<BenchResult> {
	heading(`7. Daily coverage check: ${COUNT.toLocaleString('en-US')} placements with their 1099Policy objects`);
	const sandbox = await startSandboxProcess();
	try {
		const { now } = await sandbox.api.clock();
		const { objects, placements } = world(Math.floor(now / 1000));
		const seedStart = performance.now();
		for (const [collection, list] of Object.entries(objects)) {
			for (let i = 0; i < list.length; i += 2_000) {
				const response = await sandbox.api.admin('POST', '/import', { collection, objects: list.slice(i, i + 2_000) });
				if (response.status !== 200) throw new Error(`Seeding ${collection} failed: ${response.status} ${JSON.stringify(response.body)}`);
			}
		}
		const total = Object.values(objects).reduce((n, list) => n + list.length, 0);
		figure(`seeded (${total.toLocaleString('en-US')} objects, admin import)`, ms(performance.now() - seedStart));
		await sandbox.setFaults({ latencyMs: LATENCY_MS });
		await sandbox.clearRequests();

		// Each request's round trip as the client sees it (injected latency + the sandbox's time + this machine's load).
		const roundTrips: number[] = [];
		const transport = fetchTransport({ apiKey: 't9k_test_bench', environment: 'sandbox' });
		const timed: typeof transport = async (request) => {
			const sent = performance.now();
			const response = await transport(request);
			roundTrips.push(performance.now() - sent);
			return response;
		};
		const client = new Ten99PolicyClient({ transport: timed, sleep: (t) => new Promise((r) => setTimeout(r, t)), baseUrl: sandbox.url });
		const gc = (globalThis as { gc?: () => void }).gc;
		gc?.();
		const before = process.memoryUsage().heapUsed;
		let peak = before;
		const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
		const start = performance.now();
		const index = await listCoverage(client);
		const listed = performance.now() - start;
		clearInterval(timer);
		gc?.();
		const kept = process.memoryUsage().heapUsed - before;

		const rebuildStart = performance.now();
		const rebuilt = reconcile(index, placements, []);
		const rebuildMs = performance.now() - rebuildStart;
		const dailyStart = performance.now();
		const daily = reconcile(index, placements, rebuilt.rows);
		const dailyMs = performance.now() - dailyStart;

		const requests = (await sandbox.requests()).filter((r) => r.path.startsWith('/api/v1')).length;
		// The latency the bound uses: the mean round trip of the listing's own requests.
		const latency = roundTrips.reduce((a, b) => a + b, 0) / roundTrips.length;
		const bound = (2 * requests * latency) / PARALLELISM;
		figure('requests (pages of 100, five collections at once)', `${requests} (${Object.entries(index.listed).map(([k, v]) => `${k} ${v}`).join(', ')})`);
		figure('listing wall time', ms(listed));
		figure(`mean latency of a page request (${LATENCY_MS} ms injected)`, ms(latency));
		figure('ideal: requests × latency ÷ parallelism', ms((requests * latency) / PARALLELISM));
		figure('reconcile, empty ledger (rebuild)', `${ms(rebuildMs)}: ${rebuilt.rows.length.toLocaleString('en-US')} rows rebuilt`);
		figure('reconcile, daily (ledger up to date)', `${ms(dailyMs)}: ${daily.findings.length} findings (${daily.summary.counts['no coverage']} no coverage)`);
		figure('heap: index kept after the listing', gc ? mb(kept) : 'run with node --expose-gc');
		figure('heap: transient peak above the index', gc ? mb(Math.max(0, peak - before - kept)) : '-');
		const judgements = [judge(`listing time / (2 × requests × latency ÷ ${PARALLELISM})`, ratio(listed / bound), '≤ 1×', listed <= bound)];
		if (daily.summary.counts['no coverage'] !== COUNT / 100) throw new Error(`expected ${COUNT / 100} placements without coverage, found ${daily.summary.counts['no coverage']}`);
		return { name: 'coverage', judgements, note: `latency ${ms(latency)} (${LATENCY_MS} injected), ${requests} requests, listed in ${ms(listed)}` };
	} finally {
		await sandbox.stop();
	}
}
