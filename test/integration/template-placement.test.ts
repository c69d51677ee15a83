import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { EXPECTED, RETURNING, SANDBOX_KEY, seedReturningContractor } from '../demo/scenario';
import { fixturesForToday } from '../demo/timeShift';
import { PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import type { RunResult } from '../helpers/workflow';

/**
 * The shipped placement template, unchanged, run in-process through n8n-core (real 1099Policy and JobDiva nodes;
 * test doubles only for n8n's If/Set/NoOp/Manual Trigger) against the sandbox and the JobDiva stand-in.
 */
describe('template: JobDiva placement → 1099Policy coverage', () => {
	let sandbox: Sandbox;
	let jobdiva: JobDivaStandin;
	let credentials: Parameters<typeof runTemplate>[1];
	let first: RunResult;

	const placementIdsOf = (result: RunResult, node: string) =>
		result.output(node).map((item) => String(item.json.placementId)).sort();

	beforeAll(async () => {
		sandbox = await startSandbox();
		jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
		await seedReturningContractor(sandbox.url);
		credentials = {
			ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		first = await runTemplate(PLACEMENT_TEMPLATE, credentials);
	}, 60_000);

	afterAll(async () => {
		await sandbox?.stop();
		await jobdiva?.stop();
	});

	it('runs without a workflow error', () => {
		expect(first.error).toBeUndefined();
	});

	it('binds assignments for the returning contractor and sends application links to first-time contractors', () => {
		const byOutcome = (outcome: string) => Object.keys(EXPECTED).filter((id) => EXPECTED[id].outcome === outcome).sort();
		expect(placementIdsOf(first, 'Coverage bound')).toEqual(byOutcome('assignment'));
		expect(placementIdsOf(first, 'Send this link to the contractor')).toEqual(byOutcome('session'));
		expect(placementIdsOf(first, 'Skipped: not a contractor placement')).toEqual(byOutcome('skipped'));
		expect(placementIdsOf(first, 'Needs fixing in JobDiva')).toEqual(byOutcome('needs fixing'));
		for (const item of first.output('Send this link to the contractor')) {
			expect(String(item.json.applicationUrl)).toMatch(new RegExp(`^${sandbox.url}/apply/ias_`));
			expect(item.json.netRateCentsPer100).toBeGreaterThan(0);
		}
		for (const item of first.output('Coverage bound')) expect(item.json.status).toBe('active');
	});

	it('says why a placement was skipped or needs fixing', () => {
		for (const item of first.output('Skipped: not a contractor placement')) expect(String(item.json.reason)).toMatch(/contractor/i);
		const [broken] = first.output('Needs fixing in JobDiva');
		// The message names the JobDiva field, what it held and the fix.
		expect(String(broken.json.problem)).toMatch(/pay rate: is missing .*Set the agreed pay rate/);
	});

	it('leaves exactly the expected objects in 1099Policy, linked to the JobDiva IDs', () => {
		const state = sandbox.state();
		// Jordan (seeded) and Marcus; Jordan's two placements reuse his contractor.
		expect(state.contractors.map((c) => c.email).sort()).toEqual([RETURNING.email, 'marcus.webb@example.com']);
		// Acme Health was seeded; Contoso Logistics (Marcus's client) was created once.
		expect(state.entities.map((e) => e.name).sort()).toEqual(['Acme Health', 'Contoso Logistics']);
		const quotes = state.quotes.filter((q) => (q.custom_metadata as Record<string, string> | undefined)?.jobdiva_placement_id);
		expect(quotes.map((q) => (q.custom_metadata as Record<string, string>).jobdiva_placement_id).sort()).toEqual(['45678', '45680', '45690']);
		expect(state.assignments).toHaveLength(2);
		expect(state.sessions).toHaveLength(1 + 1); // the seeded, completed one and Marcus's
	});

	it('creates nothing more when run again with the same JobDiva data', async () => {
		const before = sandbox.state();
		const again = await runTemplate(PLACEMENT_TEMPLATE, credentials);
		expect(again.error).toBeUndefined();
		const after = sandbox.state();
		for (const collection of ['contractors', 'entities', 'jobs', 'quotes', 'sessions', 'assignments', 'policies'] as const) {
			expect(after[collection].map((o) => o.id), collection).toEqual(before[collection].map((o) => o.id));
		}
		expect(placementIdsOf(again, 'Coverage bound')).toEqual(placementIdsOf(first, 'Coverage bound'));
	}, 60_000);
});
