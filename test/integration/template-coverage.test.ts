/* eslint-disable @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/ledger/reconcile';
import { LEDGER_TABLE } from '../../src/ledger/row';
import { SANDBOX_KEY, seedReturningContractor } from '../demo/scenario';
import { fixturesForToday } from '../demo/timeShift';
import { forgetDataTables, restoreTables, tableRows } from '../helpers/dataTableDouble';
import { COVERAGE_TEMPLATE, PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { startSandbox, type Sandbox } from '../sandbox';
import { sandboxClient } from '../sandbox/client';

/**
 * The Daily coverage check template over the demo data: the placement template runs first (as it would all day),
 * then the world is changed behind its back — in 1099Policy (the sandbox), in JobDiva (the stand-in) and in the
 * ledger — and the check must report each problem once, most urgent first, and correct or rebuild the ledger.
 */

const START = 'Every morning at 7';

interface World {
	sandbox: Sandbox;
	jobdiva: JobDivaStandin;
	credentials: Parameters<typeof runTemplate>[1];
}

async function startWorld(): Promise<World> {
	const sandbox = await startSandbox();
	const jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
	await seedReturningContractor(sandbox.url);
	const credentials = {
		ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
		jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
	};
	return { sandbox, jobdiva, credentials };
}

async function check(world: World) {
	const run = await runTemplate(COVERAGE_TEMPLATE, world.credentials, { startNode: START });
	expect(run.error).toBeUndefined();
	const items = run.output('Reconcile coverage').map((i) => i.json as Record<string, any>);
	return {
		findings: items.filter((i) => !i.summary),
		summary: items.find((i) => i.summary) as Record<string, any>,
		written: run.output('Reconcile coverage', 1).map((i) => (i.json as { row: Record<string, string> }).row),
		report: run.output('Morning report')[0]?.json as { subject: string; text: string },
	};
}

const rowOf = (placementId: string) => tableRows(LEDGER_TABLE).find((r) => r.placementId === placementId) as Record<string, string>;

async function standin(world: World, path: string, body: Record<string, unknown>) {
	const response = await fetch(`${world.jobdiva.url}/__standin${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ ...body, at: new Date(Date.now() - 5_000).toISOString() }),
	});
	expect(response.status).toBe(200);
}

describe('template: daily coverage check', () => {
	let world: World;
	let saved: ReturnType<typeof tableRows> = [];

	beforeAll(async () => {
		world = await startWorld();
		const placed = await runTemplate(PLACEMENT_TEMPLATE, world.credentials);
		expect(placed.error).toBeUndefined();
		saved = tableRows(LEDGER_TABLE);
	}, 60_000);

	afterAll(async () => {
		await world?.sandbox.stop();
		await world?.jobdiva.stop();
	});

	it('a clean state yields no finding: once the application is completed and the stale ledger row corrected, the next check reports nothing', async () => {
		restoreTables(LEDGER_TABLE, saved);
		const session = rowOf('45680').sessionId;
		world.sandbox.completeSession(session);

		const first = await check(world);
		expect(first.findings.map((f) => [f.kind, f.placementId])).toEqual([['stale ledger row', '45680']]);
		expect(first.findings[0].problem).toMatch(/state awaiting application → covered.*policyId empty → pl_/);
		expect(rowOf('45680')).toMatchObject({ state: 'covered', sessionId: session, policyId: expect.stringMatching(/^pl_/) });

		const second = await check(world);
		expect(second.findings).toEqual([]);
		expect(second.written).toEqual([]);
		expect(second.summary).toMatchObject({ findings: 0, placements: 3, requests: 5 });
		expect(second.report.text).toBe('Every active contractor placement has active coverage, and the ledger matches 1099Policy.');
		saved = tableRows(LEDGER_TABLE);
	});

	it('every kind of finding seeded in 1099Policy, JobDiva and the ledger is found exactly once, "no coverage" first', async () => {
		restoreTables(LEDGER_TABLE, saved);
		const api = sandboxClient(world.sandbox.url, { key: SANDBOX_KEY });
		// no coverage: the policy Marcus Webb's application bound (45680) is cancelled.
		expect((await api.put(`/policies/${rowOf('45680').policyId}`, { is_active: false })).status).toBe(200);
		// coverage without a live placement: Jordan Lee's second placement (45690) is terminated in JobDiva; its assignment stays active.
		await standin(world, '/placements/45690/end', { status: 'Terminated' });
		// covered twice: a second active assignment for 45678 (another job for the same contractor, same dates).
		const state = world.sandbox.state();
		const first = state.assignments.find((a) => a.id === rowOf('45678').assignmentId)!;
		const job = state.jobs.find((j) => j.id === first.job)!;
		const created = await api.post<{ id: string }>('/jobs', { name: 'Duplicate', description: 'dup', entity: job.entity, category_code: job.category_code, wage: job.wage, wage_type: job.wage_type, region: job.region, address: job.address });
		expect(created.status).toBe(201);
		const otherJob = created.body.id;
		const second = await api.post<{ status: string }>('/assignments', {
			contractor: first.contractor, job: otherJob, effective_date: first.effective_date, end_date: first.end_date,
			custom_metadata: { jobdiva_placement_id: '45678', jobdiva_candidate_id: '12345' },
		});
		expect(second.body.status).toBe('active');
		// dates mismatch: 45678 is extended by two weeks in JobDiva and the placement template has not run since.
		const end = new Date((first.end_date as number) * 1000 + 14 * 86_400_000).toISOString().slice(0, 10);
		await standin(world, '/placements/45678/change', { endDate: end });
		// stale ledger row: a hand-made row naming a job 1099Policy does not have.
		restoreTables(LEDGER_TABLE, [...saved, { ...saved[0], placementId: '99999', candidateId: '19999', jobId: 'jb_gone', quoteId: '', assignmentId: '', policyId: '', state: 'covered' }]);

		const { findings, summary, written, report } = await check(world);
		expect(findings.map((f) => [f.kind, f.placementId])).toEqual([
			['no coverage', '45680'],
			['coverage without a live placement', '45690'],
			['covered twice', '45678'],
			['dates mismatch', '45678'],
			['stale ledger row', '99999'],
		]);
		expect(summary.counts).toEqual(Object.fromEntries(KINDS.map((k) => [k, 1])));
		for (const f of findings) expect(f.fix.length, f.kind).toBeGreaterThan(20);
		expect(findings[0]).toMatchObject({ candidate: 'Marcus Webb', client: 'Contoso Logistics', problem: expect.stringMatching(/^policy pl_\w+ was cancelled$/) });
		expect(findings[1].problem).toMatch(/^assignment an_\w+ still active, but JobDiva has no running contractor placement with this ID/);
		const [, coverageEnd, placementEnd] = /^coverage (\S+) → (\S+), placement \1 → (\S+)$/.exec(findings[3].problem) ?? [];
		expect(placementEnd > coverageEnd, findings[3].problem).toBe(true);
		// Only the stale row is written: cleared, so the next placement run sends that placement again.
		expect(written).toEqual([expect.objectContaining({ placementId: '99999', state: 'refused', jobId: '', fingerprint: '' })]);
		expect(rowOf('99999')).toMatchObject({ state: 'refused', jobId: '' });
		expect(rowOf('45680').state).toBe('covered');
		expect(report.subject).toMatch(/: 1 placement\(s\) without coverage, 5 finding\(s\) in all$/);
		expect(report.text.split('\n')[0]).toBe('• NO COVERAGE: placement 45680, Marcus Webb at Contoso Logistics (starts ' + findings[0].startDate + ')');
	});
});

describe('template: a lost ledger is rebuilt from 1099Policy', () => {
	it('after the ledger is deleted the check rebuilds its rows, and the next placement run creates nothing', async () => {
		const world = await startWorld();
		try {
			expect((await runTemplate(PLACEMENT_TEMPLATE, world.credentials)).error).toBeUndefined();
			const original = tableRows(LEDGER_TABLE);
			forgetDataTables();

			const { findings, written } = await check(world);
			expect(findings.filter((f) => f.kind === 'stale ledger row').map((f) => f.placementId).sort()).toEqual(['45678', '45680', '45690']);
			expect(written).toHaveLength(3);
			const ids = ['placementId', 'candidateId', 'jobdivaJobId', 'state', 'contractorId', 'entityId', 'jobId', 'quoteId', 'sessionId', 'assignmentId', 'policyId', 'fingerprint', 'startDate', 'endDate'];
			const pick = (rows: ReturnType<typeof tableRows>) => rows.map((r) => Object.fromEntries(ids.map((k) => [k, r[k]]))).sort((a, b) => String(a.placementId).localeCompare(String(b.placementId)));
			expect(pick(tableRows(LEDGER_TABLE))).toEqual(pick(original));

			const from = world.sandbox.requestLog.length;
			expect((await runTemplate(PLACEMENT_TEMPLATE, world.credentials)).error).toBeUndefined();
			const calls = world.sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'));
			expect(calls.filter((r) => r.method === 'POST')).toEqual([]);
			expect(calls).toEqual([]);
		} finally {
			await world.sandbox.stop();
			await world.jobdiva.stop();
		}
	}, 60_000);
});
