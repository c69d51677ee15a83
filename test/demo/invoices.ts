/* eslint-disable @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { DateTime } from 'luxon';
import { sandboxClient } from '../sandbox/client';
import type { World } from './lifecycle';
import { SANDBOX_KEY } from './scenario';

/**
 * Final pay over time (issue: the guide's other two flows), told in steps for the timesheet → invoice template, after
 * the placement template's first run has insured 45678 and 45690 (Jordan Lee) and sent Marcus Webb (45680) an
 * application. Each step changes the world over HTTP — the JobDiva stand-in's timesheets (`/__standin/timesheets`),
 * the sandbox's clock — so the in-process test and the real-n8n end-to-end test share it. `ledger` is the state of
 * each timesheet's pay cycle in the invoice ledger (by JobDiva timesheet ID).
 *
 * The pay: timesheet 9001 (45678, fixtures) 40 h × $95.10 + 2.5 h × $142.65 = $4,160.63 against the estimate
 * 42.5 h × $95.10 = $4,041.75: differs, so an invoice. Timesheet 9002 (45690) 40 h × $102.50 = $4,100.00 = the
 * estimate: no invoice. 9003 (45680, awaiting application): not insured. 9004 is only submitted, not approved.
 */
export interface InvoiceStep {
	name: string;
	story: string;
	change: (world: World) => Promise<void>;
	expect: {
		calls: number;
		requests?: Record<string, number>;
		/** Invoices 1099Policy holds after the run. */
		invoices: number;
		/** Invoice ledger state per JobDiva timesheet ID. */
		ledger: Record<string, string>;
		/** Gross pay (cents) of each invoice in 1099Policy, sorted. */
		grossPay: number[];
	};
}

const HOUR = 3_600_000;

async function timesheet(world: World, id: string, body: Record<string, unknown>): Promise<Record<string, any>> {
	const response = await fetch(`${world.jobdivaUrl}/__standin/timesheets/${id}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ ...body, at: new Date(Date.now() - 5_000).toISOString() }),
	});
	const answer = (await response.json()) as Record<string, any>;
	if (!response.ok) throw new Error(`JobDiva stand-in POST /timesheets/${id}: ${response.status} ${JSON.stringify(answer)}`);
	return answer;
}

/** The Saturday that ended last week, `YYYY-MM-DD`. */
const lastWeekEnding = () => DateTime.utc().minus({ weeks: 1 }).endOf('week').minus({ days: 1 }).toISODate()!;

const FIRST = { '9001': 'recorded', '9002': 'as estimated' };

export const INVOICE_STEPS: InvoiceStep[] = [
	{
		name: 'first run',
		story: 'Approved timesheets arrive: 9001 (overtime: pay differs), 9002 (pay as estimated), 9003 (not insured), 9004 (only submitted).',
		change: async (world) => {
			const weekEnding = lastWeekEnding();
			await timesheet(world, '9002', { employeeId: '12345', jobId: '78913', weekEnding, regularHours: 40, payRate: 102.5 });
			await timesheet(world, '9003', { employeeId: '12347', jobId: '78912', weekEnding, regularHours: 40, payRate: 100 });
			await timesheet(world, '9004', { employeeId: '12345', jobId: '78910', weekEnding, regularHours: 38, payRate: 95.1, status: 'Submitted' });
		},
		expect: { calls: 1, requests: { 'POST /invoices': 1 }, invoices: 1, ledger: FIRST, grossPay: [416063] },
	},
	{
		name: 'again at once',
		story: 'The same timesheets, a moment later.',
		change: async () => {},
		expect: { calls: 0, invoices: 1, ledger: FIRST, grossPay: [416063] },
	},
	{
		name: 'a day later',
		story: "25 hours later (1099Policy's idempotency keys have expired) JobDiva serves the same timesheets again.",
		change: async (world) => {
			await sandboxClient(world.sandboxUrl, { key: SANDBOX_KEY }).advanceClock(25 * HOUR);
			await timesheet(world, '9001', {});
			await timesheet(world, '9002', {});
		},
		expect: { calls: 0, invoices: 1, ledger: FIRST, grossPay: [416063] },
	},
	{
		name: 'a corrected timesheet',
		story: 'Timesheet 9001 is corrected in JobDiva: 4 overtime hours, not 2.5. Its invoice is updated, not doubled.',
		change: async (world) => {
			await timesheet(world, '9001', { overtimeHours: 4 });
		},
		// 40 h × $95.10 + 4 h × $142.65 = $4,374.60
		expect: { calls: 1, requests: { 'PUT /invoices/{id}': 1 }, invoices: 1, ledger: FIRST, grossPay: [437460] },
	},
	{
		name: 'pay now differs',
		story: 'Timesheet 9002 is corrected: 2 overtime hours at $153.75. Its pay no longer matches the estimate, so it is recorded.',
		change: async (world) => {
			await timesheet(world, '9002', { overtimeHours: 2, overtimeRate: 153.75 });
		},
		// 40 h × $102.50 + 2 h × $153.75 = $4,407.50 against 42 h × $102.50 = $4,305.00
		expect: { calls: 1, requests: { 'POST /invoices': 1 }, invoices: 2, ledger: { '9001': 'recorded', '9002': 'recorded' }, grossPay: [437460, 440750] },
	},
	{
		name: 'moved to another week',
		story: "Timesheet 9001 was entered under the wrong week: JobDiva corrects it to this week. Its invoice takes the new dates and its ledger row moves with it — no second invoice for the same pay.",
		change: async (world) => {
			await timesheet(world, '9001', { weekEnding: DateTime.fromISO(lastWeekEnding()).plus({ weeks: 1 }).toISODate()! });
		},
		expect: { calls: 1, requests: { 'PUT /invoices/{id}': 1 }, invoices: 2, ledger: { '9001': 'recorded', '9002': 'recorded' }, grossPay: [437460, 440750] },
	},
];
