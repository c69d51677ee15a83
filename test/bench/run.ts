/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * `npm run bench [-- name …]`: runs the benchmarks one after another (all, or the named ones: mapping, bulk,
 * returnAll, trigger, calls, ledger, coverage), each printing its figures and the ratio it is judged by, then a summary table.
 * `peers` (our node beside n8n's HTTP Request node in a real n8n, minutes long) and `queue` (one and two workers in n8n queue mode: Postgres, Redis, minutes long) run only when named.
 * Benchmarks are measurements, not tests: the exit code is 0 whatever the verdicts (non-zero only if one crashed).
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBulkCreate } from './bulkCreate';
import { benchCallsPerPlacement } from './callsPerPlacement';
import { benchCoverage } from './coverage';
import { benchLedger } from './ledger';
import { benchMapping } from './mapping';
import { benchPeers } from './peers';
import { benchQueue } from './queue';
import { summaryTable, type BenchResult } from './report';
import { benchReturnAll } from './returnAll';
import { benchTrigger } from './trigger';

// n8n-core keeps an instance key in its user folder; keep the benchmarks' out of ~/.n8n (as vitest.config does).
process.env.N8N_USER_FOLDER ??= join(tmpdir(), 'n8n-nodes-ten99policy-bench');

const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
	mapping: benchMapping,
	bulk: benchBulkCreate,
	returnAll: benchReturnAll,
	trigger: benchTrigger,
	calls: benchCallsPerPlacement,
	ledger: benchLedger,
	coverage: benchCoverage,
};
/** Run only when named: they need the e2e's n8n install (.cache/n8n) and take minutes. */
const ON_REQUEST: Record<string, () => Promise<BenchResult>> = { peers: benchPeers, queue: benchQueue };

/**
 * nock patches Node's http for the whole process once any module imports it: every request — the node's and the
 * plain-HTTP baseline's — then pays its interceptor (1.6 ms CPU each, seen when a benchmark took a helper from the
 * unit tests' support module). Benchmarks measure what n8n runs, so a loaded nock is a broken benchmark.
 */
function refuseNock(): void {
	const loaded = Object.keys(require.cache).find((path) => path.includes('/node_modules/nock/'));
	if (loaded) throw new Error(`A benchmark module loaded nock (${loaded}): take helpers from test/helpers, not from the unit tests' support modules.`);
}

async function main(): Promise<void> {
	refuseNock();
	const wanted = process.argv.slice(2);
	const all = { ...BENCHMARKS, ...ON_REQUEST };
	const unknown = wanted.filter((name) => !(name in all));
	if (unknown.length > 0) {
		console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${Object.keys(all).join(', ')}`);
		process.exit(2);
	}
	const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
	console.log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${load()}`);
	const results: BenchResult[] = [];
	let crashed = false;
	for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHMARKS)) {
		try {
			results.push(await all[name]());
		} catch (error) {
			crashed = true;
			console.error(`\n${name} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			results.push({ name, judgements: [{ label: 'crashed', value: String((error as Error).message ?? error).slice(0, 60), target: '', pass: false }] });
		}
	}
	console.log(`\nSummary (load average at the end ${load()})\n`);
	console.log(summaryTable(results));
	for (const result of results) if (result.note && result.judgements.length > 0) console.log(`  ${result.name}: ${result.note}`);
	// n8n-core's HTTP agents and timers keep the event loop alive after the last run; leave explicitly.
	process.exit(crashed ? 1 : 0);
}

void main();
