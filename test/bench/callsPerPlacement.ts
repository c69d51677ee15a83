/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describeCall, measurePlacementCalls } from '../helpers/placementCalls';
import { figure, heading, judge, type BenchResult } from './report';

/**
 * Benchmark 5: 1099Policy calls per placement on the placement template's paths, read from the sandbox's request
 * log (scenarios in test/helpers/placementCalls.ts: the shipped template run in-process from "Run now", the JobDiva
 * stand-in holding one placement at a time). The target: a new placement costs at most 4 calls. Entity →
 * Find or Create answers a client it has seen from memory, so entity calls happen once per client per n8n process
 * (none when the Client Table gives the entity ID); they are shown apart.
 */

const TARGET_NEW = 4;

export async function benchCallsPerPlacement(): Promise<BenchResult> {
	heading('5. Calls per placement on the placement template (sandbox request log)');
	console.log('  (the shipped template, run in-process by test/helpers/template.ts, JobDiva stand-in as the source)');
	const { paths, createdTwice } = await measurePlacementCalls();
	for (const { path, calls, entityCalls } of paths) {
		figure(path, `${calls.length} calls: ${calls.length - entityCalls} for the placement + ${entityCalls} for the client entity`);
		console.log(`      ${calls.map(describeCall).join(' → ')}`);
	}
	if (createdTwice) console.log('  !! the re-run created a second contractor, job, quote or entity');
	const count = (prefix: string) => paths.find((p) => p.path.startsWith(prefix))!.calls.length;
	const seen = count('new contractor, client seen before');
	const configured = count('new contractor, entity ID in the Client Table');
	const rerun = count('re-run');
	const known = count('returning contractor known in the ledger');
	return {
		name: 'calls per placement',
		judgements: [
			judge('new placement, client seen before', String(seen), `≤ ${TARGET_NEW}`, seen <= TARGET_NEW),
			judge('new placement, entity ID in Client Table, fresh process', String(configured), `≤ ${TARGET_NEW}`, configured <= TARGET_NEW),
			judge('re-run creates nothing twice', createdTwice ? 'duplicates' : 'no duplicates', 'no duplicates', !createdTwice),
			judge('re-run of an unchanged placement (ledger)', String(rerun), '0', rerun === 0),
			judge('returning contractor known in the ledger', String(known), `≤ ${TARGET_NEW}`, known <= TARGET_NEW),
		],
		note: paths.map((p) => `${p.path}: ${p.calls.length}`).join('; '),
	};
}
