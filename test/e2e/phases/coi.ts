/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { COI_LEDGER_TABLE } from '../../../src/ledger/certificates';
import { COI_REVIEW_NOW, COI_STATE_NODES } from '../../demo/coi';
import { requestShape } from '../../demo/lifecycle';
import { waitForExecution, type FinishedExecution } from '../lib/executionData';
import type { N8nRest } from '../lib/n8nRest';
import { sleep, waitFor } from '../lib/wait';
import type { VersionRun } from '../runVersion';

/**
 * The COI template inside the running n8n server, after the placement and invoice phases: activated, so its webhook
 * *Certificate added in JobDiva* listens on n8n's production URL. Files are attached to candidates on the JobDiva
 * stand-in, whose `notify` POSTs `{candidateId, fileName}` to that URL — the firm's intake. After each intake: the
 * webhook's answer, one successful webhook-mode execution, the exact calls 1099Policy received and the certificate
 * ledger in n8n's own Data table. The same file again, and again after the sandbox's clock moved 25 h (every
 * idempotency key expired), uploads nothing. Then five certificates whose reviews end valid, expiring within 30 days,
 * flagged, rejected (denied) and expired; *Check reviews now* (the hourly check's manual entry) reads each once and
 * sends each down its own branch; run again, it makes 0 calls.
 */
export async function checkCoiFlow(run: VersionRun, rest: N8nRest): Promise<void> {
	const { report } = run;
	const workflow = run.workflows.find((w) => /coi/i.test(w.template.file));
	if (!report.check('the COI → certificate review template was imported', workflow !== undefined)) return;
	const file = workflow!.template.file.split('/').pop()!;
	const webhook = workflow!.template.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	if (!report.check(`${file}: has a Webhook node for the intake`, webhook !== undefined)) return;
	const sandbox = run.services.sandbox;
	const jobdivaUrl = run.services.jobDiva.url;
	const url = `${rest.baseUrl}/webhook/${String(webhook!.parameters?.path)}`;
	const inDays = (days: number) => DateTime.utc().plus({ days }).toISODate()!;

	const loaded = await rest.workflow(workflow!.id);
	await rest.activateWorkflow(loaded.id, loaded.versionId);
	try {
		const calls = (from: number) => sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).map((r) => requestShape(r.method, r.path));
		const ledger = async () => {
			const table = (await rest.dataTables()).find((t) => t.name === COI_LEDGER_TABLE);
			return table ? rest.dataTableRows(table) : [];
		};

		/** Attaches a file on the stand-in, which tells n8n's webhook; waits for the execution the POST started. */
		const intake = async (label: string, attachment: Record<string, unknown>, expectOutcome: string, expectCalls: string[]) => {
			const before = (await rest.executions(workflow!.id)).map((e) => e.id);
			const from = sandbox.requestLog.length;
			const started = Date.now();
			const send = async () => {
				const response = await fetch(`${jobdivaUrl}/__standin/attachments`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ ...attachment, notify: { url } }),
				});
				return (await response.json()) as { notify?: { status: number; body: string } };
			};
			// n8n 2.40.7 registers an activated workflow's production webhook a moment after the activation call returns
			// (404 "not registered" until then; no execution is started): attach again until it listens, at most 30 s.
			let answer = await send();
			for (const deadline = Date.now() + 30_000; answer.notify?.status === 404 && Date.now() < deadline; answer = await send()) await sleep(500);
			let body: Record<string, unknown> = {};
			try {
				body = JSON.parse(answer.notify?.body ?? '{}') as Record<string, unknown>;
			} catch {
				// not JSON: the check below shows it
			}
			report.check(`${file} ${label}: the webhook answers 200 "${expectOutcome}"`, answer.notify?.status === 200 && body.outcome === expectOutcome, answer.notify);
			const fresh = await waitFor(`the execution of ${label}`, async () => {
				const list = (await rest.executions(workflow!.id)).filter((e) => !before.includes(e.id));
				return list.length > 0 ? list : undefined;
			}, 60_000, 500).catch(() => []);
			if (!report.check(`${file} ${label}: one webhook execution`, fresh.length === 1 && fresh[0].mode === 'webhook', fresh)) return body;
			const finished = await waitForExecution(run.install, rest, fresh[0].id, 120_000);
			report.check(`${file} ${label}: execution ${finished.id} succeeded with no node error`, finished.status === 'success' && finished.failedNodes.length === 0, `${finished.status} ${finished.failedNodes.join('; ')}`);
			const made = calls(from);
			console.log(`    ${label}: ${made.length} calls in ${((Date.now() - started) / 1000).toFixed(1)} s${made.length ? ` (${made.join(', ')})` : ''}`);
			report.equal(`${file} ${label}: calls to 1099Policy`, made, expectCalls);
			return body;
		};

		/** Runs the hourly check from its manual entry: the finished execution and the calls it made. */
		const review = async (label: string): Promise<{ finished: FinishedExecution; calls: string[] } | undefined> => {
			const from = sandbox.requestLog.length;
			const started = Date.now();
			const execution = await rest.runManually(await rest.workflow(workflow!.id), COI_REVIEW_NOW);
			if (!report.check(`${file} ${label}: POST /rest/workflows/:id/run starts an execution`, execution.executionId !== undefined, execution)) return undefined;
			const finished = await waitForExecution(run.install, rest, execution.executionId!, 120_000);
			writeFileSync(join(run.workDir, `coi-${label.replace(/\W+/g, '-')}.json`), JSON.stringify(finished, null, 1));
			report.check(`${file} ${label}: execution ${finished.id} succeeded with no node error`, finished.status === 'success' && finished.failedNodes.length === 0, `${finished.status} ${finished.error ?? ''} ${finished.failedNodes.join('; ')}`);
			const made = calls(from);
			console.log(`    ${label}: ${made.length} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			return { finished, calls: made };
		};

		// Jordan Lee (12345) is in the placement ledger since the placement phase: the upload uses his contractor.
		const jordan = { candidateId: '12345', fileName: 'Jordan_Lee_COI_2027.pdf', coi: { expires: inDays(200) } };
		const first = await intake('a new certificate', jordan, 'uploaded', ['POST /files/certificates']);
		const uploadedId = String(first.certificateId ?? '');
		const contractor = sandbox.state('sandbox').certificates.find((c) => c.id === uploadedId)?.contractor;
		const covered = sandbox.state('sandbox').contractors.find((c) => (c.custom_metadata as Record<string, unknown> | undefined)?.jobdiva_candidate_id === '12345');
		report.check(`${file}: the certificate names Jordan Lee's contractor from the placement flow (${String(covered?.id)})`, contractor !== undefined && contractor === covered?.id, { contractor, covered: covered?.id });
		let rows = await ledger();
		report.equal(
			`${file}: the certificate ledger in n8n holds the file, in review`,
			rows.map((r) => [r.candidateId, r.fileName, r.certificateId, r.state]),
			[['12345', jordan.fileName, uploadedId, 'in review']],
		);
		await intake('the same file again', jordan, 'already sent', []);
		sandbox.advanceClock(25 * 3_600_000);
		await intake('the same file 25 h later (keys expired)', jordan, 'already sent', []);
		await intake('a résumé', { candidateId: '12346', fileName: 'Priya_Raman_Resume_2027.txt', text: 'Priya Raman, Senior UX Designer' }, 'not a certificate', []);

		// One certificate per review outcome; the sandbox finishes each review at once.
		const outcomes = {
			expiring: { fileName: 'COI-expiring.pdf', coi: { expires: inDays(20) } },
			flagged: { fileName: 'COI-flag.pdf', coi: { marker: 'FLAG', expires: inDays(300) } },
			rejected: { fileName: 'COI-deny.pdf', coi: { marker: 'DENY', expires: inDays(300) } },
			expired: { fileName: 'COI-old.pdf', coi: { expires: inDays(-30) } },
		};
		const ids: Record<string, string> = { valid: uploadedId };
		for (const [state, attachment] of Object.entries(outcomes)) {
			const answer = await intake(`a certificate that will be ${state}`, { candidateId: '12345', ...attachment }, 'uploaded', ['POST /files/certificates']);
			ids[state] = String(answer.certificateId ?? '');
		}
		for (const id of Object.values(ids)) if (id) sandbox.reviewCertificate(id);

		const judged = await review('the hourly check after five reviews');
		if (judged) {
			report.equal(`${file}: the check read each certificate once`, judged.calls, Object.keys(ids).map(() => 'GET /files/certificates/{id}'));
			for (const [state, node] of Object.entries(COI_STATE_NODES)) {
				report.equal(`${file}: "${node}" received exactly the ${state} certificate`, judged.finished.items(node).map((i) => [i.certificateId, i.state]), [[ids[state], state]]);
			}
		}
		rows = await ledger();
		report.equal(
			`${file}: the certificate ledger in n8n reads each state`,
			Object.fromEntries(rows.map((r) => [String(r.certificateId), String(r.state)])),
			Object.fromEntries(Object.entries(ids).map(([state, id]) => [id, state])),
		);
		const quiet = await review('the hourly check again, nothing new');
		if (quiet) report.equal(`${file}: the check again makes 0 calls`, quiet.calls, []);
	} finally {
		await rest.deactivateWorkflow(workflow!.id);
		// The later phases sign deliveries in n8n's time.
		run.services.clockInStep();
	}
}
