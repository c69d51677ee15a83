import { LIFECYCLE } from '../demo/lifecycle';
import { SANDBOX_KEY, seedReturningContractor } from '../demo/scenario';
import { fixturesForToday } from '../demo/timeShift';
import { forgetDataTables } from '../helpers/dataTableDouble';
import { PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import { knownEntities } from '../../src/ten99policy/knownEntities';
import { startJobDivaStandin, STANDIN_USER } from '../jobdiva-standin';
import { startSandbox } from '../sandbox';
import { figure, heading, judge, type BenchResult } from './report';

/**
 * Benchmark 6: a placement's life with the placement ledger (test/demo/lifecycle.ts, the demo's story): 1099Policy
 * calls per step from the sandbox's request log, and the time n8n spent in the ledger's Data table nodes per
 * placement. In-process the Data table is a double (test/helpers/dataTableDouble.ts), so those milliseconds are the
 * engine's cost around an in-memory table; the real table's figures come from the end-to-end run (docs/BENCHMARKS.md).
 */
const LEDGER_NODES = { lookUp: ['Ledger: rows of these placements'], write: ['Ledger: sending', 'Ledger: save'] };

export async function benchLedger(): Promise<BenchResult> {
	heading('6. A placement’s life with the ledger (calls per step; ledger look-up and write per placement)');
	forgetDataTables(); // a fresh n8n and a fresh 1099Policy account
	knownEntities.clear();
	const sandbox = await startSandbox();
	const jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
	try {
		await seedReturningContractor(sandbox.url);
		const credentials = {
			ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		const calls: Record<string, number> = {};
		const time = { lookUp: 0, write: 0, lookUps: 0, writes: 0 };
		for (const step of LIFECYCLE) {
			await step.change({ sandboxUrl: sandbox.url, jobdivaUrl: jobdiva.url });
			const from = sandbox.requestLog.length;
			const result = await runTemplate(PLACEMENT_TEMPLATE, credentials);
			if (result.error) throw result.error;
			calls[step.name] = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).length;
			figure(step.name, `${calls[step.name]} calls (${step.story})`);
			for (const kind of ['lookUp', 'write'] as const) {
				for (const node of LEDGER_NODES[kind]) {
					for (const task of result.run.data.resultData.runData[node] ?? []) {
						time[kind] += task.executionTime;
						time[kind === 'lookUp' ? 'lookUps' : 'writes'] += (task.data?.main?.[0] ?? []).length;
					}
				}
			}
		}
		const perLookUp = time.lookUp / Math.max(1, time.lookUps);
		const perWrite = time.write / Math.max(1, time.writes);
		figure('ledger look-up per placement (Data table double)', `${perLookUp.toFixed(2)} ms over ${time.lookUps} rows read`);
		figure('ledger write per placement (Data table double)', `${perWrite.toFixed(2)} ms over ${time.writes} rows written`);
		return {
			name: 'ledger lifecycle',
			judgements: [
				judge('unchanged placement at +25 h', String(calls['a day later']), '0', calls['a day later'] === 0),
				judge('date change of a covered placement + a pay change', String(calls['a change']), '≤ 2 + ≤ 2', calls['a change'] <= 4),
				judge('an end', String(calls['an end']), '≤ 2', calls['an end'] <= 2),
				judge('a cancellation', String(calls['a cancellation']), '≤ 2', calls['a cancellation'] <= 2),
				judge('a deletion', String(calls['a deletion']), '≤ 2', calls['a deletion'] <= 2),
			],
			note: `calls per step ${LIFECYCLE.map((s) => `${s.name} ${calls[s.name]}`).join(', ')}; ledger ${perLookUp.toFixed(2)} ms look-up, ${perWrite.toFixed(2)} ms write per placement (double)`,
		};
	} finally {
		await sandbox.stop();
		await jobdiva.stop();
	}
}
