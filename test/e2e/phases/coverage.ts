/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { KINDS } from '../../../src/ledger/reconcile';
import { COLUMNS, LEDGER_TABLE } from '../../../src/ledger/row';
import { requestShape } from '../../demo/lifecycle';
import { SANDBOX_KEY } from '../../demo/scenario';
import { sandboxClient } from '../../sandbox/client';
import type { FinishedExecution } from '../lib/executionData';
import { runFromTrigger } from '../lib/manualRun';
import type { DataTable, N8nRest } from '../lib/n8nRest';
import { waitFor } from '../lib/wait';
import type { VersionRun } from '../runVersion';
import type { ImportedWorkflow } from './workflows';

/** The reconciliation node and the report built from it, as the template names them. */
const RECONCILE = 'Reconcile coverage';
const REPORT = 'Morning report';
const ALL_CLEAR = 'Every active contractor placement has active coverage, and the ledger matches 1099Policy.';
/** The placements the lifecycle leaves in the ledger (placement and compliance phases). */
const PLACEMENTS = ['45678', '45680', '45690'];

type Json = Record<string, unknown>;

interface CheckRun {
	findings: Json[];
	summary: Json | undefined;
	/** Ledger rows the check wrote (its second output). */
	written: Json[];
	report: { subject?: string; text?: string } | undefined;
	execution: FinishedExecution;
}

/**
 * The Daily coverage check template in the running server, after the placement and compliance phases: run as the
 * editor's "Execute workflow" from its Schedule Trigger, like the placement template from its Manual Trigger.
 *   clean:   the world as the lifecycle left it → one ledger row corrected (45680's policy ID), then no finding and
 *            the all-clear report;
 *   rebuild: the ledger table deleted through n8n's REST API → the check rebuilds its three rows as they were, and the
 *            placement template then sends nothing to 1099Policy;
 *   seeded:  one problem of each kind made over HTTP (1099Policy sandbox, JobDiva stand-in, n8n's Data table REST) →
 *            each found exactly once, most urgent first, in the Morning report; the hand-made ledger row is removed
 *            afterwards. This execution is the one the editor phase shows (the README's report).
 */
export async function checkCoverageFlow(run: VersionRun, rest: N8nRest): Promise<void> {
	const { report } = run;
	const coverage = run.workflows.find((w) => w.template.role === 'coverage');
	const placement = run.workflows.find((w) => w.template.role === 'placement');
	if (!report.check('a coverage check workflow (file name containing "coverage") was imported', coverage !== undefined && placement !== undefined)) return;
	const file = coverage!.template.file.split('/').pop()!;
	const trigger = coverage!.template.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger' && !n.disabled);
	if (!report.check(`${file}: has a Schedule Trigger to run it from`, trigger !== undefined)) return;
	const check = (step: string) => runCheck(run, rest, coverage!, trigger!.name, `${file} ${step}`, `coverage-${step.replace(/\W+/g, '-')}`);

	// Clean: the lifecycle's three placements, each covered. The compliance template's "Ledger: covered" set 45680's state
	// but not its policy ID (a policy event names its quote, the row is matched by quoteId), so the first check corrects
	// that row from 1099Policy; the next finds nothing.
	const first = await check('clean state');
	if (first) {
		report.equal(`${file} clean state: one finding, 45680's ledger row lacking its policy`, first.findings.map(brief), ['stale ledger row 45680']);
		report.check(`${file} clean state: … "policyId empty → pl_…"`, /policyId empty → pl_\w+/.test(String(first.findings[0]?.problem)), first.findings[0]?.problem);
		const row = first.written.map((w) => pickFields(w.row as Json, ['placementId', 'state']));
		report.equal(`${file} clean state: the check writes that row, still "covered"`, row, [{ placementId: '45680', state: 'covered' }]);
	}
	const clean = await check('clean state again');
	if (clean) {
		report.equal(`${file} clean state again: no finding`, clean.findings.map(brief), []);
		report.equal(`${file} clean state again: the summary counts 0 findings over 3 placements`, pick(clean.summary, ['findings', 'placements']), { findings: 0, placements: 3 });
		report.equal(`${file} clean state again: no ledger row written`, clean.written, []);
		report.equal(`${file} clean state again: the Morning report says all is well`, clean.report?.text, ALL_CLEAR);
		report.check(`${file} clean state again: the subject says every active placement is covered`, /^Contractor coverage \d{4}-\d{2}-\d{2}: every active placement covered, 0 finding\(s\) in all$/.test(String(clean.report?.subject)), clean.report?.subject);
	}

	await checkRebuild(run, rest, file, check, placement!);
	await checkSeeded(run, rest, file, check);
}

/** Deletes the ledger table (n8n's Data tables view → Delete), runs the check, compares the rebuilt rows, runs the placement template. */
async function checkRebuild(run: VersionRun, rest: N8nRest, file: string, check: (step: string) => Promise<CheckRun | undefined>, placement: ImportedWorkflow): Promise<void> {
	const { report } = run;
	const before = await ledger(rest);
	if (!report.check(`${file} rebuild: the ledger table exists before it is deleted`, before !== undefined)) return;
	const original = await rest.dataTableRows(before!);
	await rest.deleteDataTable(before!);
	report.equal(`${file} rebuild: DELETE /rest/projects/:projectId/data-tables/:id removed the ledger table`, (await ledger(rest)) === undefined, true);

	const rebuilt = await check('rebuild');
	if (!rebuilt) return;
	report.equal(`${file} rebuild: one "stale ledger row" finding per placement (the rows are missing)`, rebuilt.findings.map(brief), PLACEMENTS.map((p) => `stale ledger row ${p}`));
	report.equal(`${file} rebuild: the check writes the 3 missing rows`, rebuilt.written.map((w) => String((w.row as Json | undefined)?.placementId)).sort(), PLACEMENTS);
	const table = await ledger(rest);
	if (!report.check(`${file} rebuild: the ledger table exists again`, table !== undefined)) return;
	const rows = await rest.dataTableRows(table!);
	// lastAction says what last wrote the row; everything else must be as the placement template had left it.
	const fields = COLUMNS.filter((c) => c !== 'lastAction');
	report.equal(`${file} rebuild: the rebuilt rows equal the lost ones (${fields.length} columns, all but lastAction)`, ledgerView(rows, fields), ledgerView(original, fields));

	const sandbox = run.services.sandbox;
	const from = sandbox.requestLog.length;
	const trigger = placement.template.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger' && !n.disabled)!;
	const placed = await runFromTrigger(run, rest, placement.id, trigger.name, `${file} rebuild: the placement template after the rebuild`, 'coverage-rebuild-placement');
	if (!placed) return;
	const calls = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).map((r) => requestShape(r.method, r.path));
	report.equal(`${file} rebuild: the placement template then creates nothing (POSTs to 1099Policy)`, calls.filter((c) => c.startsWith('POST')), []);
	report.equal(`${file} rebuild: … and sends nothing at all`, calls, []);
}

/**
 * One problem of each kind, made the way it happens: in 1099Policy (a policy cancelled; a second assignment), in JobDiva
 * (a placement terminated; one extended) and in the ledger (a hand-made row naming a job 1099Policy does not have).
 */
async function checkSeeded(run: VersionRun, rest: N8nRest, file: string, check: (step: string) => Promise<CheckRun | undefined>): Promise<void> {
	const { report } = run;
	const sandbox = run.services.sandbox;
	const api = sandboxClient(sandbox.url, { key: SANDBOX_KEY });
	const table = await ledger(rest);
	if (!report.check(`${file} seeded: the ledger table exists`, table !== undefined)) return;
	// The compliance phase is over: its workflow is deactivated (the trigger deletes its webhook endpoint), so the
	// cancellation below reaches the check alone and the ledger keeps the lifecycle's states for the editor phase.
	const compliance = run.workflows.find((w) => w.template.role === 'compliance');
	if (compliance) {
		await rest.deactivateWorkflow(compliance.id);
		const gone = await waitFor('the compliance trigger to delete its webhook endpoint', async () => (sandbox.state('sandbox').webhook_endpoints.length === 0 ? true : undefined), 30_000).catch(() => false);
		report.check(`${file} seeded: the compliance workflow is deactivated first; its webhook endpoint is gone`, gone);
	}
	const rows = await rest.dataTableRows(table!);
	const row = (placementId: string) => rows.find((r) => String(r.placementId) === placementId) ?? {};

	// no coverage: the policy Marcus Webb's application bound (45680) is cancelled.
	const cancelled = await api.put(`/policies/${String(row('45680').policyId)}`, { is_active: false });
	report.equal(`${file} seeded: 1099Policy cancels 45680's policy (PUT /policies/:id is_active false)`, cancelled.status, 200);
	// coverage without a live placement: Jordan Lee's second placement (45690) is terminated in JobDiva; its assignment stays active.
	await standin(run, '/placements/45690/end', { status: 'Terminated' });
	// covered twice: a second active assignment for 45678, on another job for the same contractor and dates.
	const state = sandbox.state('sandbox');
	const first = state.assignments.find((a) => a.id === row('45678').assignmentId);
	const job = state.jobs.find((j) => j.id === first?.job);
	if (!report.check(`${file} seeded: 45678's assignment and job are in 1099Policy`, first !== undefined && job !== undefined)) return;
	const otherJob = await api.post<{ id: string }>('/jobs', { ...pickFields(job!, ['entity', 'category_code', 'wage', 'wage_type', 'region', 'address']), name: 'Duplicate', description: 'dup' });
	const second = await api.post<{ status: string }>('/assignments', {
		contractor: first!.contractor,
		job: otherJob.body.id,
		effective_date: first!.effective_date,
		end_date: first!.end_date,
		custom_metadata: { jobdiva_placement_id: '45678', jobdiva_candidate_id: String(row('45678').candidateId) },
	});
	report.equal(`${file} seeded: 1099Policy holds a second active assignment for 45678`, [otherJob.status, second.status, second.body.status], [201, 201, 'active']);
	// dates mismatch: 45678 is extended by two more weeks in JobDiva, and the placement template has not run since.
	const end = new Date(Number(first!.end_date) * 1000 + 14 * 86_400_000).toISOString().slice(0, 10);
	await standin(run, '/placements/45678/change', { endDate: end });
	// stale ledger row: a hand-made row naming a job 1099Policy does not have.
	const handMade = { ...Object.fromEntries(COLUMNS.map((c) => [c, ''])), placementId: '99999', candidateId: '19999', jobId: 'jb_gone', state: 'covered' };
	await rest.insertDataTableRows(table!, [handMade]);

	const seeded = await check('seeded');
	if (!seeded) return;
	report.equal(`${file} seeded: the ledger still reads the lifecycle's states (the check corrects stale rows only)`, Object.fromEntries((await rest.dataTableRows(table!)).filter((r) => PLACEMENTS.includes(String(r.placementId))).map((r) => [String(r.placementId), String(r.state)]).sort()), Object.fromEntries(PLACEMENTS.map((p) => [p, 'covered'])));
	run.coverageReport = { workflowId: run.workflows.find((w) => w.template.role === 'coverage')!.id, executionId: seeded.execution.id };
	report.equal(`${file} seeded: each kind found once, most urgent first`, seeded.findings.map(brief), [
		'no coverage 45680',
		'coverage without a live placement 45690',
		'covered twice 45678',
		'dates mismatch 45678',
		'stale ledger row 99999',
	]);
	report.equal(`${file} seeded: the summary counts 1 of each kind`, seeded.summary?.counts, Object.fromEntries(KINDS.map((k) => [k, 1])));
	report.check(`${file} seeded: 45680's finding names the cancelled policy, the candidate and the client`, /^policy pl_\w+ was cancelled$/.test(String(seeded.findings[0]?.problem)) && seeded.findings[0]?.candidate === 'Marcus Webb' && seeded.findings[0]?.client === 'Contoso Logistics', seeded.findings[0]);
	report.check(`${file} seeded: every finding names a fix`, seeded.findings.every((f) => String(f.fix ?? '').length > 20), seeded.findings.map((f) => f.fix));
	report.equal(`${file} seeded: only the hand-made row is written, cleared to "refused"`, seeded.written.map((w) => pickFields(w.row as Json, ['placementId', 'state', 'jobId'])), [{ placementId: '99999', state: 'refused', jobId: '' }]);
	const subject = String(seeded.report?.subject);
	report.check(`${file} seeded: the Morning report's subject: 1 placement without coverage, 5 findings`, /^Contractor coverage \d{4}-\d{2}-\d{2}: 1 placement\(s\) without coverage, 5 finding\(s\) in all$/.test(subject), subject);
	const lines = String(seeded.report?.text).split('\n');
	report.equal(`${file} seeded: the Morning report's text has one bullet per finding`, lines.filter((l) => l.startsWith('• ')).length, 5);
	report.equal(`${file} seeded: its first bullet is 45680 without coverage`, lines[0], `• NO COVERAGE: placement 45680, Marcus Webb at Contoso Logistics (starts ${String(seeded.findings[0]?.startDate)})`);
	console.log(`    Morning report:\n      ${subject}\n      ${lines.join('\n      ')}`);

	// The hand-made row goes again, so the ledger holds the lifecycle's placements only (the editor phase shows it).
	await rest.deleteDataTableRows(table!, 'placementId', '99999');
	const left = (await rest.dataTableRows(table!)).map((r) => String(r.placementId)).sort();
	report.equal(`${file} seeded: the hand-made row is removed again (DELETE …/rows?filter=)`, left, PLACEMENTS);
}

async function runCheck(run: VersionRun, rest: N8nRest, coverage: ImportedWorkflow, trigger: string, label: string, file: string): Promise<CheckRun | undefined> {
	const started = Date.now();
	const execution = await runFromTrigger(run, rest, coverage.id, trigger, label, file);
	if (!execution) return undefined;
	const items = execution.output(RECONCILE, 0);
	const findings = items.filter((i) => !i.summary);
	const summary = items.find((i) => i.summary);
	console.log(`    ${label}: ${findings.length} findings in ${((Date.now() - started) / 1000).toFixed(1)} s (${findings.map(brief).join('; ') || 'none'}); summary ${JSON.stringify(summary)}`);
	return { findings, summary, written: execution.output(RECONCILE, 1), report: execution.output(REPORT, 0)[0] as CheckRun['report'], execution };
}

async function ledger(rest: N8nRest): Promise<DataTable | undefined> {
	return (await rest.dataTables()).find((t) => t.name === LEDGER_TABLE);
}

/** The JobDiva stand-in's admin API, stamped a few seconds back as the lifecycle's changes are. */
async function standin(run: VersionRun, path: string, body: Json): Promise<void> {
	const response = await fetch(`${run.services.jobDiva.url}/__standin${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ ...body, at: new Date(Date.now() - 5_000).toISOString() }),
	});
	run.report.equal(`JobDiva stand-in POST /__standin${path} ${JSON.stringify(body)} answers 200`, response.status, 200);
}

function brief(finding: Json): string {
	return `${String(finding.kind)} ${String(finding.placementId)}`;
}

function pick(object: Json | undefined, keys: string[]): Json {
	return pickFields(object ?? {}, keys);
}

function pickFields(object: Json, keys: string[]): Json {
	return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

/** Rows as comparable text, one per placement, sorted, with n8n's own id and timestamps left out. */
function ledgerView(rows: Json[], fields: readonly string[]): Json[] {
	return rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] === null || r[f] === undefined ? '' : String(r[f])]))).sort((a, b) => String(a.placementId).localeCompare(String(b.placementId)));
}
