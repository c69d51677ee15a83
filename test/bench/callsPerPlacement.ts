import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { seedReturningContractor, SANDBOX_KEY } from '../demo/scenario';
import { fixturesForToday } from '../demo/timeShift';
import { PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import { startSandbox, type Sandbox } from '../sandbox';
import type { RequestLogEntry } from '../sandbox/types';
import { figure, heading, judge, type BenchResult } from './report';

/**
 * Benchmark 5: 1099Policy calls per placement on the placement template's paths, read from the sandbox's request
 * log. The shipped template (templates/jobdiva-placement-to-1099policy.json) runs in-process through
 * test/helpers/template.ts, fed by the JobDiva stand-in holding one placement of the demo fixtures at a time:
 * - new contractor: Marcus Webb's placement 45680 on an empty 1099Policy → application session;
 * - returning contractor: Jordan Lee's placement 45678 after Jordan was insured earlier → assignment;
 * - re-run: the new-contractor run again, as after a JobDiva retry (nothing may be created twice).
 * The target: a new placement costs at most 4 calls. The template finds or creates the client entity with
 * one list per execution and one create per new client; those are not per placement and are counted apart.
 */

const NEW_CONTRACTOR = '45680';
const RETURNING_CONTRACTOR = '45678';
const TARGET_NEW = 4;

/** Only placement `id` in the stand-in's hire feeds. */
function onePlacement(jobdiva: JobDivaStandin, id: string): void {
	const fixtures = fixturesForToday();
	jobdiva.setFixtures({
		hires: fixtures.hires.filter((hire) => hire.placementId === id),
		activities: fixtures.activities.filter((activity) => String(activity.row.ACTIVITYID) === id),
	});
}

const describeCalls = (log: readonly RequestLogEntry[]) =>
	log.map((entry) => `${entry.method} ${entry.path.replace('/api/v1', '').replace(/\/(cn|jb|qt|en)_\w+/g, '/$1_…')}${entry.replayed ? ' (replayed)' : ''}`);

/** GET /entities (once per execution) and POST /entities (once per new client). */
const isEntityCall = (entry: RequestLogEntry) => entry.path === '/api/v1/entities';

async function callsOf(sandbox: Sandbox, run: () => Promise<void>): Promise<RequestLogEntry[]> {
	const before = sandbox.requestLog.length;
	await run();
	return sandbox.requestLog.slice(before);
}

export async function benchCallsPerPlacement(): Promise<BenchResult> {
	heading('5. Calls per placement on the placement template (sandbox request log)');
	console.log('  (the shipped template, run in-process by test/helpers/template.ts, JobDiva stand-in as the source)');
	const sandbox = await startSandbox();
	const jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
	const credentials = {
		ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
		jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
	};
	const runOnce = async () => {
		const result = await runTemplate(PLACEMENT_TEMPLATE, credentials);
		if (result.error) throw result.error;
	};
	try {
		onePlacement(jobdiva, NEW_CONTRACTOR);
		const fresh = await callsOf(sandbox, runOnce);
		const rerun = await callsOf(sandbox, runOnce);
		const createdTwice = sandbox.state().contractors.length !== 1 || sandbox.state().quotes.length !== 1;

		sandbox.reset();
		await seedReturningContractor(sandbox.url);
		onePlacement(jobdiva, RETURNING_CONTRACTOR);
		const returning = await callsOf(sandbox, runOnce);

		const perPath: Array<[string, RequestLogEntry[]]> = [
			['new contractor', fresh],
			['returning contractor', returning],
			['re-run (new contractor again)', rerun],
		];
		for (const [path, calls] of perPath) {
			const entity = calls.filter(isEntityCall).length;
			figure(`${path}`, `${calls.length} calls: ${calls.length - entity} for the placement + ${entity} for the client entity`);
			console.log(`      ${describeCalls(calls).join(' → ')}`);
		}
		if (createdTwice) console.log('  !! the re-run created a second contractor or quote');
		const newPerPlacement = fresh.filter((c) => !isEntityCall(c)).length;
		return {
			name: 'calls per placement',
			judgements: [
				judge('calls per new placement (excl. entity list/create)', String(newPerPlacement), `≤ ${TARGET_NEW}`, newPerPlacement <= TARGET_NEW),
				judge('calls for one new placement of a new client, alone', String(fresh.length), `≤ ${TARGET_NEW}`, fresh.length <= TARGET_NEW),
				judge('re-run creates nothing twice', createdTwice ? 'duplicates' : 'no duplicates', 'no duplicates', !createdTwice),
			],
			note: `returning ${returning.length}, re-run ${rerun.length}`,
		};
	} finally {
		await sandbox.stop();
		await jobdiva.stop();
	}
}
