/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVOICE_COLUMNS, INVOICE_LEDGER_TABLE } from '../../../src/ledger/invoices';
import { INVOICE_STEPS } from '../../demo/invoices';
import { requestShape } from '../../demo/lifecycle';
import { waitForExecution } from '../lib/executionData';
import type { N8nRest } from '../lib/n8nRest';
import type { VersionRun } from '../runVersion';

/**
 * The timesheet → invoice template inside the running n8n server, after the placement phase has insured 45678 and
 * 45690: the steps of test/demo/invoices.ts (the story the in-process test/integration/template-invoices.test.ts
 * pins), each followed by one run from the template's Manual Trigger. After each run: success with no node error,
 * the exact API calls 1099Policy received, the invoices it holds (count and gross pay), and each timesheet's state
 * in n8n's own Data table `1099policy_invoice_ledger`. The third step moves the sandbox's clock 25 h ahead (every
 * idempotency key expired) and re-serves the timesheets: no invoice is sent twice.
 */
export async function checkInvoiceFlow(run: VersionRun, rest: N8nRest): Promise<void> {
	const { report } = run;
	const workflow = run.workflows.find((w) => /timesheets/i.test(w.template.file));
	if (!report.check('the timesheet → invoice template was imported', workflow !== undefined)) return;
	const file = workflow!.template.file.split('/').pop()!;
	const trigger = workflow!.template.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger' && !n.disabled);
	if (!report.check(`${file}: has a Manual Trigger to run it from`, trigger !== undefined)) return;
	const sandbox = run.services.sandbox;
	const world = { sandboxUrl: sandbox.url, jobdivaUrl: run.services.jobDiva.url };

	for (const [index, step] of INVOICE_STEPS.entries()) {
		const label = `${file} ${step.name}`;
		await step.change(world);
		const from = sandbox.requestLog.length;
		const started = Date.now();
		const loaded = await rest.workflow(workflow!.id);
		const execution = await rest.runManually(loaded, trigger!.name);
		if (!report.check(`${label}: POST /rest/workflows/:id/run starts an execution`, execution.executionId !== undefined, execution)) continue;
		const finished = await waitForExecution(run.install, rest, execution.executionId!, 300_000);
		writeFileSync(join(run.workDir, `invoice-run-${index + 1}.json`), JSON.stringify(finished, null, 1));
		const shapes = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).map((r) => requestShape(r.method, r.path));
		console.log(`    ${step.name}: ${shapes.length} calls in ${((Date.now() - started) / 1000).toFixed(1)} s${shapes.length ? ` (${shapes.join(', ')})` : ''}`);
		if (!report.check(`${label}: execution ${finished.id} finished with status success`, finished.status === 'success', `${finished.status}: ${finished.error ?? ''}`)) continue;
		report.equal(`${label}: no node failed`, finished.failedNodes, []);
		report.check(`${label}: ${step.expect.calls} API calls to 1099Policy`, shapes.length === step.expect.calls, `got ${shapes.length}: ${shapes.join(', ')}`);
		if (step.expect.requests) {
			const counted: Record<string, number> = {};
			for (const s of shapes) counted[s] = (counted[s] ?? 0) + 1;
			report.equal(`${label}: the calls were ${JSON.stringify(step.expect.requests)}`, counted, step.expect.requests);
		}
		const invoices = sandbox.state('sandbox').invoices;
		report.equal(`${label}: 1099Policy holds ${step.expect.invoices} invoice(s) with gross pay ${step.expect.grossPay.join(', ')} cents`, invoices.map((i) => i.gross_pay).sort(), step.expect.grossPay);

		const table = (await rest.dataTables()).find((t) => t.name === INVOICE_LEDGER_TABLE);
		if (!report.check(`${label}: n8n lists the Data table "${INVOICE_LEDGER_TABLE}"`, table !== undefined)) continue;
		if (index === 0) {
			const columns = [...table!.columns].sort((a, b) => a.index - b.index);
			report.equal(`${label}: the invoice ledger has its columns, all strings`, columns.map((c) => `${c.name}:${c.type}`), INVOICE_COLUMNS.map((c) => `${c}:string`));
		}
		const rows = await rest.dataTableRows(table!);
		const states = Object.fromEntries(rows.map((r) => [String(r.sourceId), String(r.state)]).sort());
		report.equal(`${label}: the invoice ledger in n8n reads ${JSON.stringify(step.expect.ledger)}`, states, step.expect.ledger);
		report.equal(`${label}: one ledger row per timesheet's pay cycle (none left behind in an old week)`, rows.length, Object.keys(step.expect.ledger).length);
		for (const row of rows.filter((r) => r.state === 'recorded')) {
			report.equal(`${label}: ledger row ${String(row.sourceId)} names invoice ${String(row.invoiceId)} with 1099Policy's gross pay`, String(invoices.find((i) => i.id === row.invoiceId)?.gross_pay), String(row.grossPay));
		}
	}
	const tables = (await rest.dataTables()).filter((t) => t.name === INVOICE_LEDGER_TABLE);
	report.equal(`${file}: ${INVOICE_STEPS.length} runs reused one invoice ledger table`, tables.length, 1);
}
