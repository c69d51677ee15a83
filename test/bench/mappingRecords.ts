/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Operation } from '../../src/mapping';

/**
 * 100,000-record mixes for the mapping benchmark, built from the mapping fixtures with varied IDs, dates, rates and
 * names, in every input shape the mapping reads: BI rows, `searchStart` records, JobDiva webhook envelopes, camelCase
 * records and nested placements. Each record comes with the operation a workflow would map it with.
 */

const fixture = (name: string) =>
	JSON.parse(readFileSync(join(__dirname, '../fixtures/mapping', `${name}.json`), 'utf8')) as Record<string, unknown>;

export interface BenchRecord {
	/** Which kind of record this is, for the per-shape breakdown. */
	shape: string;
	operation: Operation;
	input: unknown;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A BI-style MM/dd/yyyy date `days` after 2026-12-01. */
function biDate(days: number): string {
	const date = new Date(Date.UTC(2026, 11, 1) + days * 86_400_000);
	return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}
const isoDate = (days: number) => new Date(Date.UTC(2026, 11, 1) + days * 86_400_000).toISOString();
const epochMs = (days: number) => Date.UTC(2026, 11, 1, 5) + days * 86_400_000;
const STATES = ['CA', 'NY', 'TX', 'IL', 'WA', 'FL', 'AZ', 'CO'];

export function benchRecords(count: number): BenchRecord[] {
	const candidate = fixture('candidateDetail');
	const job = fixture('jobDetail');
	const activity = fixture('activityRecord');
	const search = fixture('searchStart');
	const camel = fixture('camelCasePlacement');
	const webhookCandidate = fixture('webhookCandidate') as { data: Record<string, unknown>[] };
	const webhookSalary = fixture('webhookSalary') as { data: Record<string, unknown>[] };
	const timesheet = fixture('timesheetRecord');
	const invoice = fixture('invoiceDetail');

	const makers: Array<[string, (i: number) => Omit<BenchRecord, 'shape'>]> = [
		// Nested BI rows: candidate + job + activity, the template's usual input.
		['nested BI placement', (i) => ({
			operation: 'mapPlacement',
			input: {
				candidate: { ...candidate, ID: String(10_000 + i), FIRSTNAME: `Jordan${i % 97}`, EMAIL: `c${i}@example.net`, STATE: STATES[i % 8] },
				job: { ...job, ID: String(20_000 + i), STATE: STATES[(i + 3) % 8], PAYRATEMAX: `${80 + (i % 50)}.00`, STARTDATE: biDate(i % 60), ENDDATE: biDate(90 + (i % 60)) },
				placement: {
					...activity,
					ACTIVITYID: String(30_000 + i),
					CANDIDATEID: String(10_000 + i),
					JOBID: String(20_000 + i),
					STARTDATE: `${biDate(i % 60)} 00:00:00`,
					ENDDATE: `${biDate(90 + (i % 60))} 00:00:00`,
					AGREEDPAYRATE: `${70 + (i % 60)}.${pad(i % 100)}`,
				},
			},
		})],
		// A bare BI activity row (no candidate/job details: the placement's pay is handed on).
		['BI activity row', (i) => ({
			operation: 'mapPlacement',
			input: { ...activity, ACTIVITYID: String(40_000 + i), CANDIDATEID: String(10_000 + i), JOBID: String(20_000 + i), STARTDATE: `${biDate(i % 45)} 00:00:00`, ENDDATE: `${biDate(120 + (i % 30))} 00:00:00`, AGREEDPAYRATE: `${60 + (i % 80)}.50` },
		})],
		// searchStart record.
		['searchStart', (i) => ({
			operation: 'mapPlacement',
			input: { ...search, id: 50_000 + i, 'candidate id': 10_000 + i, 'job id': 20_000 + i, 'candidate email': `s${i}@example.net`, 'start date': epochMs(i % 50), 'end date': epochMs(100 + (i % 50)), 'agreed pay rate': 55 + (i % 70) },
		})],
		// camelCase placement from the guide.
		['camelCase placement', (i) => ({
			operation: 'mapPlacement',
			input: { ...camel, candidateId: String(10_000 + i), placementId: `pl_${60_000 + i}`, jobId: `job_${20_000 + i}`, email: `k${i}@example.net`, state: STATES[i % 8], startDate: isoDate(i % 40), endDate: isoDate(60 + (i % 40)), payRate: `${90 + (i % 30)}.00` },
		})],
		// Webhook envelopes: candidate update and salary insert.
		['webhook candidate', (i) => ({
			operation: 'mapCandidate',
			input: { ...webhookCandidate, id: String(10_000 + i), data: [{ ...webhookCandidate.data[0], ID: String(10_000 + i), EMAIL: `w${i}@example.net`, STATE: STATES[i % 8] }] },
		})],
		['webhook salary', (i) => ({
			operation: 'mapPlacement',
			input: { ...webhookSalary, id: `${10_000 + i},${i}`, data: [{ ...webhookSalary.data[0], EMPLOYEEID: String(10_000 + i), JOBID: String(20_000 + i), SALARY: `${70 + (i % 50)}.10`, STARTDATE: biDate(i % 30), ENDDATE: biDate(80 + (i % 30)), WORK_STATE: STATES[i % 8] }] },
		})],
		// BI candidate and job rows on their own.
		['BI candidate', (i) => ({ operation: 'mapCandidate', input: { ...candidate, ID: String(70_000 + i), EMAIL: `b${i}@example.net`, STATE: STATES[i % 8] } })],
		['BI job', (i) => ({ operation: 'mapJob', input: { ...job, ID: String(80_000 + i), PAYRATEMAX: `${75 + (i % 40)}.00`, STATE: STATES[i % 8] } })],
		// Timesheets and invoices.
		['BI timesheet', (i) => ({ operation: 'mapTimesheetOrInvoice', input: { ...timesheet, TIMESHEETID: `TS-${i}`, EMPLOYEEID: String(10_000 + i), WEEKENDINGDATE: biDate(i % 120), REG_HOURS: String(30 + (i % 11)), REG_PAY: `${80 + (i % 40)}.10` } })],
		['BI invoice', (i) => ({ operation: 'mapTimesheetOrInvoice', input: { ...invoice, INVOICEID: `INV-${i}`, EMPLOYEEID: String(10_000 + i), AMOUNT: `${10_000 + i}.00`, FROMDATE: biDate(i % 60), TODATE: biDate(29 + (i % 60)) } })],
	];
	return Array.from({ length: count }, (_, i) => {
		const [shape, make] = makers[i % makers.length];
		return { shape, ...make(i) };
	});
}
