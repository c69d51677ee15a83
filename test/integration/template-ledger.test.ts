import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_TABLE } from '../../src/ledger/row';
import { LIFECYCLE, requestShape } from '../demo/lifecycle';
import { SANDBOX_KEY, seedReturningContractor } from '../demo/scenario';
import { fixturesForToday } from '../demo/timeShift';
import { failWrites, raceTableCreates, restoreTables, tableRows } from '../helpers/dataTableDouble';
import { PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { startSandbox, type Sandbox } from '../sandbox';

/**
 * The placement template over a placement's whole life, with its ledger in (a double of) n8n's Data table:
 * first sight, a day later (keys expired), a change, an end, an email change — exact calls per run.
 * The Data table double keeps its rows across runs within this file (one n8n, one database).
 */
describe('template: the placement ledger over a placement’s life', () => {
	let sandbox: Sandbox;
	let jobdiva: JobDivaStandin;
	let credentials: Parameters<typeof runTemplate>[1];
	let saved: ReturnType<typeof tableRows> = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
		jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
		await seedReturningContractor(sandbox.url);
		credentials = {
			ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
	}, 60_000);

	afterAll(async () => {
		await sandbox?.stop();
		await jobdiva?.stop();
	});

	for (const step of LIFECYCLE) {
		it(`${step.name}: ${step.expect.calls} calls`, async () => {
			await step.change({ sandboxUrl: sandbox.url, jobdivaUrl: jobdiva.url });
			restoreTables(LEDGER_TABLE, saved);
			const from = sandbox.requestLog.length;
			const run = await runTemplate(PLACEMENT_TEMPLATE, credentials);
			saved = tableRows(LEDGER_TABLE);
			expect(run.error).toBeUndefined();
			const calls = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'));
			const shapes = calls.map((r) => requestShape(r.method, r.path));
			expect(shapes, shapes.join(', ')).toHaveLength(step.expect.calls);
			if (step.expect.requests) {
				const counted: Record<string, number> = {};
				for (const s of shapes) counted[s] = (counted[s] ?? 0) + 1;
				expect(counted).toEqual(step.expect.requests);
			}
			const state = sandbox.state();
			const counts = Object.fromEntries(Object.keys(step.expect.counts).map((k) => [k, state[k as keyof typeof state].length]));
			// The returning contractor's seeded job, quote and session are part of the counts.
			expect(counts).toEqual({ ...step.expect.counts });
			const states = Object.fromEntries(saved.map((r) => [String(r.placementId), String(r.state)]));
			expect(states).toEqual(step.expect.ledger);
		});
	}
});

type World = { sandbox: Sandbox; jobdiva: JobDivaStandin; credentials: Parameters<typeof runTemplate>[1] };

/** A fresh sandbox and JobDiva stand-in (today's fixtures) for one test, with the template's two credentials; stopped after it. */
async function inFreshWorld(test: (world: World) => Promise<void>, options: { seedReturning: boolean }): Promise<void> {
	const sandbox = await startSandbox();
	const jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
	try {
		if (options.seedReturning) await seedReturningContractor(sandbox.url);
		const credentials = {
			ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		await test({ sandbox, jobdiva, credentials });
	} finally {
		await sandbox.stop();
		await jobdiva.stop();
	}
}

describe('template: a ledger that cannot be written stops the run before anything is sent', () => {
	it('names the placement, n8n’s message and the setting to raise; 1099Policy gets no call', () =>
		inFreshWorld(
			async ({ sandbox, credentials }) => {
				failWrites('Data table size limit exceeded: 50MB used, limit is 50MB');
				try {
					const run = await runTemplate(PLACEMENT_TEMPLATE, credentials);
					expect(run.error?.message).toMatch(/could not be written, so nothing was sent to 1099Policy for placement \d+: Data table size limit exceeded.*N8N_DATA_TABLES_MAX_SIZE_BYTES/);
					expect(sandbox.requestLog.filter((r) => r.path.startsWith('/api/v1'))).toEqual([]);
				} finally {
					failWrites(undefined);
				}
			},
			{ seedReturning: false },
		));
});

describe('template: a hire reported without its record is checked with JobDiva before anything is ended', () => {
	it('still in JobDiva (its record is only outside the window): nothing is sent and the ledger keeps it covered', () =>
		inFreshWorld(
			async ({ sandbox, jobdiva, credentials }) => {
				expect((await runTemplate(PLACEMENT_TEMPLATE, credentials)).error).toBeUndefined();
				const rows = tableRows(LEDGER_TABLE);
				expect(rows.find((r) => r.placementId === '45690')?.state).toBe('covered');
				// UpdatedHires names 45690 now, while its hire record was last changed 40 days ago (outside the 30-day window).
				const activity = jobdiva.fixtures.activities.find((a) => String(a.row.ACTIVITYID) === '45690');
				activity!.at = new Date(Date.now() - 40 * 86_400_000).toISOString();
				jobdiva.fixtures.hires.push({ at: new Date(Date.now() - 5_000).toISOString(), placementId: '45690', feed: 'updated' });
				restoreTables(LEDGER_TABLE, rows);
				const from = sandbox.requestLog.length;
				const jobdivaFrom = jobdiva.requestLog.length;
				const run = await runTemplate(PLACEMENT_TEMPLATE, credentials);
				expect(run.error).toBeUndefined();
				expect(sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'))).toEqual([]);
				// The look-up that decided it: 45690 is still among Jordan Lee's starts, so nothing reached the End path.
				expect(run.output('JobDiva: is it still there?').map((i) => [i.json.id, i.json.found])).toEqual([[45690, true]]);
				expect(run.output('Deleted in JobDiva?', 0)).toEqual([]);
				expect([0, 1, 2].map((o) => run.output('Compare deleted with ledger', o).length)).toEqual([0, 0, 0]);
				expect(jobdiva.requestLog.length).toBeGreaterThan(jobdivaFrom);
				expect(tableRows(LEDGER_TABLE).find((r) => r.placementId === '45690')?.state).toBe('covered');
			},
			{ seedReturning: true },
		));
});

describe('template: two executions creating the ledger table at once', () => {
	it('the one that loses the race retries "Ledger: make sure the table exists" and runs on (20 calls, nothing twice)', () =>
		inFreshWorld(
			async ({ sandbox, credentials }) => {
				raceTableCreates(1);
				try {
					const from = sandbox.requestLog.length;
					const run = await runTemplate(PLACEMENT_TEMPLATE, credentials);
					expect(run.error).toBeUndefined();
					expect(run.run.data.resultData.runData['Ledger: make sure the table exists'].every((task) => task.error === undefined)).toBe(true);
					expect(sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'))).toHaveLength(20);
				} finally {
					raceTableCreates(0);
				}
			},
			{ seedReturning: true },
		));
});
