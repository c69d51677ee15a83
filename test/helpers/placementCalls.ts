import { fixturesForToday } from '../demo/timeShift';
import { seedReturningContractor, SANDBOX_KEY } from '../demo/scenario';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin, type StandinFixtures } from '../jobdiva-standin';
import { startSandbox, type Sandbox } from '../sandbox';
import type { RequestLogEntry } from '../sandbox/types';
import { knownEntities } from '../../src/ten99policy/knownEntities';
import { forgetDataTables } from './dataTableDouble';
import { PLACEMENT_TEMPLATE, runTemplate, type TemplateJson } from './template';

/**
 * The 1099Policy calls the shipped placement template makes for one placement on each of its paths, read from the
 * sandbox's request log (benchmark 5 prints them; test/integration/template-calls.test.ts holds them to the issue's
 * "at most 4 calls for a new placement"). Each path runs the template from "Run now" with the JobDiva stand-in
 * holding only that placement. "Fresh process" means n8n has just started: nothing remembered by Entity → Find or
 * Create (src/ten99policy/knownEntities.ts).
 */

export const NEW_CONTRACTOR = '45680'; // Marcus Webb, client Contoso Logistics (new to 1099Policy)
export const SAME_CLIENT_NEW_CONTRACTOR = '45681'; // Dana Kim, a first-time contractor for the same client and a new job
export const CONFIGURED_CLIENT_NEW_CONTRACTOR = '45682'; // Lee Park, the same client named with its entity ID in the Client Table
export const RETURNING_CONTRACTOR = '45678'; // Jordan Lee, insured earlier (seeded)
export const RETURNING_SECOND = '45690'; // Jordan Lee's second placement: the ledger knows him from 45678

export interface PathCalls {
	path: string;
	calls: RequestLogEntry[];
	/** GET/POST /entities among `calls`. */
	entityCalls: number;
}

export interface PlacementCallsResult {
	paths: PathCalls[];
	/** One contractor, job and quote per placement after all runs (the re-run created nothing twice). */
	createdTwice: boolean;
}

/** A first-time contractor's placement cloned from Marcus Webb's 45680: new candidate, new job, same client. */
function addFirstTimePlacement(fixtures: StandinFixtures, placementId: string, candidateId: string, jobId: string, name: [string, string]): void {
	const activity = fixtures.activities.find((a) => String(a.row.ACTIVITYID) === NEW_CONTRACTOR)!;
	const hire = fixtures.hires.find((h) => h.placementId === NEW_CONTRACTOR)!;
	const candidate = fixtures.candidates.find((c) => String(c.ID) === String(activity.row.CANDIDATEID))!;
	const job = fixtures.jobs.find((j) => String(j.ID) === String(activity.row.JOBID))!;
	fixtures.candidates.push({ ...candidate, ID: candidateId, FIRSTNAME: name[0], LASTNAME: name[1], EMAIL: `${name[0]}.${name[1]}@example.com`.toLowerCase() });
	fixtures.jobs.push({ ...job, ID: jobId, JOBTITLE: `${String(job.JOBTITLE)}, phase ${placementId.slice(-1)}` });
	fixtures.activities.push({ at: activity.at, row: { ...activity.row, ACTIVITYID: placementId, CANDIDATEID: candidateId, JOBID: jobId } });
	fixtures.hires.push({ ...hire, placementId });
}

function allFixtures(): StandinFixtures {
	const fixtures = fixturesForToday();
	addFirstTimePlacement(fixtures, SAME_CLIENT_NEW_CONTRACTOR, '12350', '78916', ['Dana', 'Kim']);
	addFirstTimePlacement(fixtures, CONFIGURED_CLIENT_NEW_CONTRACTOR, '12351', '78917', ['Lee', 'Park']);
	return fixtures;
}

/** Only placement `id` in the stand-in's hire feeds. */
function onePlacement(jobdiva: JobDivaStandin, all: StandinFixtures, id: string): void {
	jobdiva.setFixtures({
		...all,
		hires: all.hires.filter((hire) => hire.placementId === id),
		activities: all.activities.filter((activity) => String(activity.row.ACTIVITYID) === id),
	});
}

const isEntityCall = (entry: RequestLogEntry) => entry.path === '/api/v1/entities';

export const describeCall = (entry: RequestLogEntry) =>
	`${entry.method} ${entry.path.replace('/api/v1', '').replace(/\/(cn|jb|qt|en)_\w+/g, '/$1_…')}${entry.replayed ? ' (replayed)' : ''}`;

export async function measurePlacementCalls(): Promise<PlacementCallsResult> {
	const sandbox: Sandbox = await startSandbox();
	const all = allFixtures();
	const jobdiva = await startJobDivaStandin({ fixtures: all });
	const credentials = {
		ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
		jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
	};
	const paths: PathCalls[] = [];
	const run = async (path: string, placement: string, adjust?: (template: TemplateJson) => void) => {
		onePlacement(jobdiva, all, placement);
		const before = sandbox.requestLog.length;
		const result = await runTemplate(PLACEMENT_TEMPLATE, credentials, { adjust });
		if (result.error) throw result.error;
		const calls = sandbox.requestLog.slice(before);
		paths.push({ path, calls, entityCalls: calls.filter(isEntityCall).length });
	};
	try {
		knownEntities.clear();
		await run('new contractor, new client, fresh process', NEW_CONTRACTOR);
		await run('new contractor, client seen before (next poll)', SAME_CLIENT_NEW_CONTRACTOR);
		await run('re-run of the first placement (JobDiva retry)', NEW_CONTRACTOR);
		const contractorsBefore = sandbox.state().contractors.length;

		knownEntities.clear();
		const contoso = sandbox.state().entities.find((e) => e.name === 'Contoso Logistics')!;
		await run('new contractor, entity ID in the Client Table, fresh process', CONFIGURED_CLIENT_NEW_CONTRACTOR, (template) => {
			const map = template.nodes.find((node) => node.name === 'Map placement')!;
			const table = map.parameters.clientTable as { clients: Array<Record<string, unknown>> };
			table.clients.push({ client: 'Contoso Logistics', coverageTypes: ['general'], entity: contoso.id });
		});
		const state = sandbox.state();
		const createdTwice =
			contractorsBefore !== 2 || state.contractors.length !== 3 || state.quotes.length !== 3 || state.jobs.length !== 3 || state.entities.length !== 1;

		sandbox.reset();
		forgetDataTables(); // a new 1099Policy account: a new, empty ledger
		knownEntities.clear();
		await seedReturningContractor(sandbox.url);
		await run('returning contractor, fresh process', RETURNING_CONTRACTOR);
		await run('returning contractor known in the ledger (his next placement)', RETURNING_SECOND);
		return { paths, createdTwice };
	} finally {
		knownEntities.clear();
		await sandbox.stop();
		await jobdiva.stop();
	}
}
