/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * `npm run demo`: the placement → coverage template, end to end, with no account and no network.
 * Builds the package, starts the local 1099Policy sandbox and the JobDiva stand-in (six realistic placements),
 * makes one contractor a returning one, runs the shipped template through n8n's workflow engine and prints what
 * happened to each placement; then tells the rest of a placement's life (test/demo/lifecycle.ts) — a day later,
 * a change, an end, an email change — one run each, with the calls it cost and the placement ledger's rows.
 * `npm run demo -- invoices`: after the placement run, the timesheet → invoice template over time instead
 * (test/demo/invoices.ts): final pay recorded once per pay cycle, pay as estimated, a day later, corrections.
 * `npm run demo -- coi`: after the placement run, the COI template instead (test/demo/coi.ts): certificates attached
 * in JobDiva uploaded once, a résumé turned away, a candidate without a placement given a contractor, the hourly review.
 * `--keep` leaves the sandbox up; `--no-build` skips the build (the test of the demo uses it).
 */
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';
import { startJobDivaStandin, STANDIN_USER } from '../test/jobdiva-standin';
import { startSandbox, type Sandbox } from '../test/sandbox';
import { LEDGER_TABLE } from '../src/ledger/row';
import { INVOICE_LEDGER_TABLE } from '../src/ledger/invoices';
import { COI_LEDGER_TABLE } from '../src/ledger/certificates';
import { attach, coiIntake, coiReview, COI_STATE_NODES } from '../test/demo/coi';
import { INVOICE_STEPS } from '../test/demo/invoices';
import { LIFECYCLE } from '../test/demo/lifecycle';
import { EXPECTED, RETURNING, SANDBOX_KEY, seedReturningContractor } from '../test/demo/scenario';
import { webhookAnswers } from '../test/helpers/baseNodeDoubles';
import { tableRows } from '../test/helpers/dataTableDouble';
import { fixturesForToday } from '../test/demo/timeShift';
import { INVOICE_TEMPLATE, PLACEMENT_TEMPLATE, runTemplate } from '../test/helpers/template';
import type { RunResult } from '../test/helpers/workflow';

const out = (line = '') => process.stdout.write(`${line}\n`);
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const keep = process.argv.includes('--keep');
const invoices = process.argv.includes('invoices');
const coi = process.argv.includes('coi');

type Outcome = { placementId: string; candidate: string; outcome: string; detail: string };

function outputs(result: RunResult, node: string): INodeExecutionData[] {
	try {
		return result.output(node);
	} catch {
		return []; // the node did not run: no item took that path
	}
}

function money(cents: unknown): string {
	return typeof cents === 'number' ? `$${(cents / 100).toFixed(2)}` : 'n/a';
}

function summarise(result: RunResult): Outcome[] {
	const quotes = new Map<string, Record<string, unknown>>();
	for (const item of outputs(result, 'Quote')) {
		const id = (item.json.custom_metadata as Record<string, string> | undefined)?.jobdiva_placement_id;
		if (id) quotes.set(id, item.json);
	}
	const quoteText = (id: string) => {
		const quote = quotes.get(id);
		return quote ? `quote ${String(quote.id)}, premium ${money(quote.net_rate)} per $100 earned` : '';
	};
	const rows: Outcome[] = [];
	const name = (id: string) => EXPECTED[id]?.candidate ?? '?';
	for (const { json } of outputs(result, 'Coverage bound')) {
		const id = String(json.placementId);
		rows.push({ placementId: id, candidate: name(id), outcome: 'assignment', detail: `COVERED: assignment ${String(json.assignment)} ${String(json.status)}; ${quoteText(id)}` });
	}
	for (const { json } of outputs(result, 'Send this link to the contractor')) {
		const id = String(json.placementId);
		rows.push({ placementId: id, candidate: name(id), outcome: 'session', detail: `APPLY: send ${String(json.email)} ${String(json.applicationUrl)}; ${quoteText(id)}` });
	}
	for (const { json } of outputs(result, 'Not eligible: review the placement')) {
		const id = String(json.placementId);
		rows.push({ placementId: id, candidate: name(id), outcome: 'ineligible', detail: `NOT ELIGIBLE: ${String(json.reason)}` });
	}
	for (const { json } of outputs(result, 'Skipped: not a contractor placement')) {
		const id = String(json.placementId);
		rows.push({ placementId: id, candidate: name(id), outcome: 'skipped', detail: `SKIPPED: ${String(json.reason)} (${String(json.decidedBy)})` });
	}
	for (const { json } of outputs(result, 'Needs fixing in JobDiva')) {
		const id = String(json.placementId);
		rows.push({ placementId: id, candidate: name(id), outcome: 'needs fixing', detail: `NEEDS FIXING: ${String(json.problem).replace(/^\[item \d+\] /, '')}` });
	}
	for (const { json } of outputs(result, '1099Policy refused')) {
		const id = String(json.placementId);
		rows.push({ placementId: id, candidate: name(id), outcome: 'refused', detail: `1099POLICY REFUSED at ${String(json.step)}: ${String(json.problem)}` });
	}
	return rows.sort((a, b) => a.placementId.localeCompare(b.placementId));
}

function counts(sandbox: Sandbox): string {
	const state = sandbox.state();
	const parts = (['contractors', 'entities', 'jobs', 'quotes', 'sessions', 'policies', 'assignments'] as const).map(
		(name) => `${name} ${state[name].length}`,
	);
	return parts.join(', ');
}

async function main(): Promise<void> {
	// n8n's engine keeps an instance key in its user folder; keep the demo's out of ~/.n8n.
	process.env.N8N_USER_FOLDER ??= join(tmpdir(), 'n8n-nodes-ten99policy-demo');
	out(bold('JobDiva placement → 1099Policy coverage: demo'));
	const started = Date.now();
	if (!process.argv.includes('--no-build')) {
		out('Building the package (npm run build) ...');
		execSync('npm run build --silent', { cwd: join(__dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
	}

	const sandbox = await startSandbox();
	const jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
	try {
		await seedReturningContractor(sandbox.url);
		const seeded = sandbox.requestLog.length;
		out(`  local 1099Policy sandbox   ${sandbox.url}  (no account, no network)`);
		out(`  JobDiva stand-in           ${jobdiva.url}  (${Object.keys(EXPECTED).length} placements)`);
		out(`  returning contractor       ${RETURNING.firstName} ${RETURNING.lastName}, insured through an earlier ${RETURNING.client} engagement`);
		out();

		const credentials = {
			ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		const runStarted = Date.now();
		const first = await runTemplate(PLACEMENT_TEMPLATE, credentials);
		if (first.error) throw first.error;
		const calls = sandbox.requestLog.length - seeded;
		out(bold(`Template run 1 (${Date.now() - runStarted} ms, ${calls} calls to 1099Policy)`));
		const rows = summarise(first);
		for (const row of rows) out(`  ${row.placementId}  ${row.candidate.padEnd(13)} ${row.detail}`);
		out();
		out(`1099Policy now holds: ${counts(sandbox)}`);

		const ledger = () => new Map(tableRows(LEDGER_TABLE).map((r) => [String(r.placementId), r]));
		const problems: string[] = [];
		if (invoices) problems.push(...(await invoiceStory(sandbox, jobdiva.url, credentials)));
		if (coi) problems.push(...(await coiStory(sandbox, jobdiva.url, credentials)));
		for (const step of invoices || coi ? [] : LIFECYCLE.slice(1)) {
			const rowsBefore = ledger();
			await step.change({ sandboxUrl: sandbox.url, jobdivaUrl: jobdiva.url });
			const from = sandbox.requestLog.length;
			const result = await runTemplate(PLACEMENT_TEMPLATE, credentials);
			if (result.error) throw result.error;
			const made = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'));
			out();
			out(bold(`${step.name[0].toUpperCase()}${step.name.slice(1)}: ${step.story}`));
			out(`  ${made.length} calls to 1099Policy${made.length ? `: ${made.map((r) => `${r.method} ${r.path.replace('/api/v1', '')}`).join(', ')}` : ''}`);
			for (const [id, row] of ledger()) {
				const was = rowsBefore.get(id);
				if (was && was.lastAction === row.lastAction && was.state === row.state) continue;
				out(`  ${id}  ${String(EXPECTED[id]?.candidate ?? '').padEnd(13)} ledger: ${String(row.state)} — ${String(row.lastAction)}; coverage ${String(row.startDate)} → ${String(row.endDate)}`);
			}
			if (made.length !== step.expect.calls) problems.push(`${step.name}: ${made.length} calls, expected ${step.expect.calls}`);
		}
		out();
		out(`1099Policy now holds: ${counts(sandbox)}`);
		out(`The placement ledger (n8n Data table "${LEDGER_TABLE}") holds ${ledger().size} rows.`);
		const unchanged = problems.length === 0;

		const mismatches = Object.entries(EXPECTED)
			.filter(([id, expected]) => rows.find((r) => r.placementId === id)?.outcome !== expected.outcome)
			.map(([id, expected]) => `${id} expected ${expected.outcome} (${expected.why})`);
		out();
		if (mismatches.length > 0 || !unchanged) {
			out(`Unexpected: ${[...mismatches, ...problems].join('; ')}`);
			process.exitCode = 1;
		} else {
			out(`Every placement took the expected path. Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
		}
		if (keep) {
			out();
			out(`--keep: the sandbox stays up at ${sandbox.url}. Open an application URL above to complete it; Ctrl+C to stop.`);
			await new Promise(() => undefined);
		}
	} finally {
		if (!keep) {
			await sandbox.stop();
			await jobdiva.stop();
		}
	}
}

/** The timesheet → invoice template over time, one run per step of test/demo/invoices.ts; returns what went unexpectedly. */
async function invoiceStory(sandbox: Sandbox, jobdivaUrl: string, credentials: Parameters<typeof runTemplate>[1]): Promise<string[]> {
	const problems: string[] = [];
	for (const step of INVOICE_STEPS) {
		await step.change({ sandboxUrl: sandbox.url, jobdivaUrl });
		const from = sandbox.requestLog.length;
		const result = await runTemplate(INVOICE_TEMPLATE, credentials);
		if (result.error) throw result.error;
		const made = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'));
		out();
		out(bold(`Invoices, ${step.name}: ${step.story}`));
		out(`  ${made.length} calls to 1099Policy${made.length ? `: ${made.map((r) => `${r.method} ${r.path.replace('/api/v1', '')}`).join(', ')}` : ''}`);
		for (const node of ['Invoice recorded', 'Invoice corrected', 'Pay as estimated: no invoice', 'Unchanged: nothing sent', 'Not insured: no invoice', 'Not approved yet']) {
			for (const { json } of outputs(result, node)) out(`  ${node.padEnd(29)} ${String(json.placementId ?? json.candidateId ?? json.timesheetId ?? '')}  ${String(json.reason ?? json.status ?? '')}`);
		}
		if (made.length !== step.expect.calls) problems.push(`invoices, ${step.name}: ${made.length} calls, expected ${step.expect.calls}`);
	}
	out();
	out(`1099Policy holds ${sandbox.state().invoices.length} invoices; the invoice ledger (n8n Data table "${INVOICE_LEDGER_TABLE}"):`);
	for (const row of tableRows(INVOICE_LEDGER_TABLE)) out(`  ${String(row.cycleKey).padEnd(30)} timesheet ${String(row.sourceId)}  ${String(row.state).padEnd(12)} ${money(Number(row.grossPay))}  ${String(row.invoiceId)}`);
	return problems;
}

/** The COI template: intakes as the webhook receives them, then the hourly review; returns what went unexpectedly. */
async function coiStory(sandbox: Sandbox, jobdivaUrl: string, credentials: Parameters<typeof runTemplate>[1]): Promise<string[]> {
	const problems: string[] = [];
	const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
	const step = async (title: string, expected: number, run: () => Promise<RunResult>, show: () => string[]) => {
		const from = sandbox.requestLog.length;
		const result = await run();
		if (result.error) throw result.error;
		const made = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'));
		out();
		out(bold(`COI, ${title}`));
		out(`  ${made.length} calls to 1099Policy${made.length ? `: ${made.map((r) => `${r.method} ${r.path.replace('/api/v1', '').replace(/\?.*$/, '')}`).join(', ')}` : ''}`);
		for (const line of show()) out(`  ${line}`);
		if (made.length !== expected) problems.push(`coi, ${title}: ${made.length} calls, expected ${expected}`);
		return result;
	};
	const intake = (candidateId: string, fileName: string) => () => coiIntake(credentials, { candidateId, fileName });
	const answered = () => {
		const { outcome, certificateId, reason, problem } = webhookAnswers.at(-1) as Record<string, unknown>;
		return [`webhook answer: ${String(outcome)}${certificateId ? ` ${String(certificateId)}` : ''} — ${String(reason ?? problem ?? '')}`];
	};
	await step("Jordan Lee's certificate attached in JobDiva (he is in the placement ledger)", 1, intake('12345', 'Jordan_Lee_COI_2026.pdf'), answered);
	await step('the same intake again (JobDiva sent it twice)', 0, intake('12345', 'Jordan_Lee_COI_2026.pdf'), answered);
	sandbox.advanceClock(25 * 3_600_000);
	await step("25 h later (1099Policy's idempotency keys have expired), the same file once more", 0, intake('12345', 'Jordan_Lee_COI_2026.pdf'), answered);
	await step("Priya Raman's résumé (she has no placement in the placement ledger)", 0, intake('12346', 'Priya_Raman_Resume.txt'), answered);
	await attach(jobdivaUrl, { candidateId: '12346', fileName: 'Priya_Raman_COI.pdf', coi: { expires: inDays(20) } });
	await step('her certificate, expiring in 20 days: BYO-COI without fractional coverage, so a contractor first, then the upload', 2, intake('12346', 'Priya_Raman_COI.pdf'), answered);
	await attach(jobdivaUrl, { candidateId: '12347', fileName: 'Webb_COI.pdf', coi: { marker: 'FLAG' } });
	await step("Marcus Webb's certificate (the review will flag it)", 1, intake('12347', 'Webb_COI.pdf'), answered);
	for (const row of tableRows(COI_LEDGER_TABLE)) sandbox.reviewCertificate(String(row.certificateId));
	const states = (result: RunResult) => () =>
		Object.values(COI_STATE_NODES).flatMap((node) => outputs(result, node).map(({ json }) => `${node.padEnd(26)} ${String(json.certificateId)}  candidate ${String(json.candidateId)}  ${String(json.reason)}`));
	let review: RunResult | undefined;
	await step('the hourly check, once 1099Policy has finished its reviews', 3, async () => (review = await coiReview(credentials)), () => states(review!)());
	await step('the hourly check again: nothing new', 0, async () => (review = await coiReview(credentials)), () => states(review!)());
	out();
	out(`1099Policy holds ${sandbox.state().certificates.length} certificates; the certificate ledger (n8n Data table "${COI_LEDGER_TABLE}"):`);
	for (const row of tableRows(COI_LEDGER_TABLE)) {
		out(`  ${String(row.candidateId)}  ${String(row.fileName).padEnd(24)} ${String(row.certificateId)}  ${String(row.state).padEnd(9)} expires ${String(row.expiresOn || '—')}  placements ${String(row.placementIds || '—')}`);
	}
	return problems;
}

main()
	// n8n-core leaves timers of its own running after a workflow; the demo is over, so it ends the process itself.
	.then(() => process.exit(process.exitCode ?? 0))
	.catch((error: unknown) => {
		process.stderr.write(`Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	});
