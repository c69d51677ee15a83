import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOICE_LEDGER_TABLE } from '../../src/ledger/invoices';
import { LEDGER_TABLE } from '../../src/ledger/row';
import { INVOICE_STEPS } from '../demo/invoices';
import { requestShape } from '../demo/lifecycle';
import { SANDBOX_KEY, seedReturningContractor } from '../demo/scenario';
import { fixturesForToday } from '../demo/timeShift';
import { failWrites, restoreTables, tableRows } from '../helpers/dataTableDouble';
import { INVOICE_TEMPLATE, PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { startSandbox, type Sandbox } from '../sandbox';

/** An invoice's pay cycle as days in the tenant's zone (the stand-in's, America/New_York). */
const payDays = (invoice: Record<string, unknown> | undefined) =>
	['paycycle_startdate', 'paycycle_enddate'].map((k) => DateTime.fromSeconds(Number(invoice?.[k]), { zone: 'America/New_York' }).toISODate());

/**
 * The timesheet → invoice template over time, with its invoice ledger in (a double of) n8n's Data table, after the
 * placement template's first run: exact calls per run, the invoices 1099Policy holds and the ledger's states.
 * Checklist item 7 of 1099Policy's JobDiva guide ("invoice recorded when final remuneration differs").
 */
describe('template: JobDiva timesheets → 1099Policy invoices, once per pay cycle', () => {
	let sandbox: Sandbox;
	let jobdiva: JobDivaStandin;
	let credentials: Parameters<typeof runTemplate>[1];
	let placements: ReturnType<typeof tableRows> = [];
	let invoices: ReturnType<typeof tableRows> = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
		jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
		await seedReturningContractor(sandbox.url);
		credentials = {
			ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		const run = await runTemplate(PLACEMENT_TEMPLATE, credentials);
		expect(run.error).toBeUndefined();
		placements = tableRows(LEDGER_TABLE);
	}, 60_000);

	afterAll(async () => {
		await sandbox?.stop();
		await jobdiva?.stop();
	});

	for (const step of INVOICE_STEPS) {
		it(`checklist 7, ${step.name}: ${step.expect.calls} calls, ${step.expect.invoices} invoice(s)`, async () => {
			await step.change({ sandboxUrl: sandbox.url, jobdivaUrl: jobdiva.url });
			restoreTables(LEDGER_TABLE, placements);
			restoreTables(INVOICE_LEDGER_TABLE, invoices);
			const from = sandbox.requestLog.length;
			const run = await runTemplate(INVOICE_TEMPLATE, credentials);
			invoices = tableRows(INVOICE_LEDGER_TABLE);
			expect(run.error).toBeUndefined();
			const shapes = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).map((r) => requestShape(r.method, r.path));
			expect(shapes, shapes.join(', ')).toHaveLength(step.expect.calls);
			if (step.expect.requests) {
				const counted: Record<string, number> = {};
				for (const s of shapes) counted[s] = (counted[s] ?? 0) + 1;
				expect(counted).toEqual(step.expect.requests);
			}
			const held = sandbox.state().invoices;
			expect(held.map((i) => i.gross_pay).sort()).toEqual(step.expect.grossPay);
			expect(Object.fromEntries(invoices.map((r) => [String(r.sourceId), String(r.state)]))).toEqual(step.expect.ledger);
			// One row per timesheet's pay cycle: a moved timesheet leaves no row behind in its old week.
			expect(invoices).toHaveLength(Object.keys(step.expect.ledger).length);
			// Each recorded row names the invoice 1099Policy holds, with the gross pay and pay cycle it holds.
			for (const row of invoices.filter((r) => r.state === 'recorded')) {
				const invoice = held.find((i) => i.id === row.invoiceId);
				expect(invoice?.gross_pay).toBe(Number(row.grossPay));
				expect(payDays(invoice)).toEqual([row.payStart, row.payEnd]);
			}
		});
	}

	it('routes 9003 (placement awaiting application) to Not insured and 9004 (submitted) to Not approved yet', async () => {
		restoreTables(LEDGER_TABLE, placements);
		restoreTables(INVOICE_LEDGER_TABLE, invoices);
		const run = await runTemplate(INVOICE_TEMPLATE, credentials);
		expect(run.error).toBeUndefined();
		const notInsured = run.output('Not insured: no invoice').map((i) => i.json.reason);
		expect(notInsured).toEqual([expect.stringMatching(/placement 45680 is "awaiting application" in the placement ledger, not insured/)]);
		expect(run.output('Not approved yet').map((i) => i.json.timesheetId)).toEqual(['9004']);
	});

	it('a timesheet JobDiva cannot be paid from goes to Needs fixing in JobDiva, naming the field, the value and the fix; nothing is sent', async () => {
		const response = await fetch(`${jobdiva.url}/__standin/timesheets/9006`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ employeeId: '12345', jobId: '78910', weekEnding: '2026-11-21', regularHours: 0, payRate: 95.1, at: new Date(Date.now() - 5_000).toISOString() }),
		});
		expect(response.status).toBe(200);
		restoreTables(LEDGER_TABLE, placements);
		restoreTables(INVOICE_LEDGER_TABLE, invoices);
		const from = sandbox.requestLog.length;
		const run = await runTemplate(INVOICE_TEMPLATE, credentials);
		expect(run.error).toBeUndefined();
		expect(run.output('Needs fixing in JobDiva').map((i) => i.json)).toEqual([
			{ timesheetId: '9006', problem: expect.stringMatching(/REG_HOURS: gives a gross pay of 0 cents \(got "0"\)\. Only record invoices for pay actually earned/) },
		]);
		expect(sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1'))).toEqual([]);
	});
});

describe('template: an invoice ledger that cannot be written stops the run before the invoice is sent', () => {
	it('names the pay cycle, n8n’s message and the setting to raise; no POST /invoices', async () => {
		const sandbox = await startSandbox();
		const jobdiva = await startJobDivaStandin({ fixtures: fixturesForToday() });
		try {
			await seedReturningContractor(sandbox.url);
			const credentials = {
				ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
				jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
			};
			expect((await runTemplate(PLACEMENT_TEMPLATE, credentials)).error).toBeUndefined();
			failWrites('Data table size limit exceeded: 50MB used, limit is 50MB');
			const run = await runTemplate(INVOICE_TEMPLATE, credentials);
			expect(run.error?.message).toMatch(/could not be written \(Ledger: sending\) for pay cycle 45678:[\d-]+\.\.[\d-]+: Data table size limit exceeded.*No invoice was sent for it.*N8N_DATA_TABLES_MAX_SIZE_BYTES/);
			expect(sandbox.requestLog.filter((r) => r.path === '/api/v1/invoices')).toEqual([]);
		} finally {
			failWrites(undefined);
			await sandbox.stop();
			await jobdiva.stop();
		}
	});
});
