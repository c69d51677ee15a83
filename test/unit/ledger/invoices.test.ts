/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { decideInvoice, estimateOf, INVOICE_COLUMNS, onePerCycle, readInvoiceRow, type InvoiceRow, type MappedPay } from '../../../src/ledger/invoices';
import { readRow, type LedgerRow } from '../../../src/ledger/row';

const WEEK_START = 1_795_842_000; // 2026-11-28 00:00 America/New_York
const WEEK_END = WEEK_START + 7 * 86_400 - 1; // 2026-12-04 23:59:59

function pay(gross: number, over: Partial<MappedPay['jobdiva']> = {}): MappedPay {
	return {
		jobdiva: { candidateId: '12345', jobId: '78910', ...over },
		invoice: {
			body: { gross_pay: gross, paycycle_startdate: WEEK_START, paycycle_enddate: WEEK_END },
			idempotencyKey: 'jobdiva-invoice-9001-1a2b3c4d',
			timeZone: 'America/New_York',
			source: 'timesheet',
		},
	};
}

function placementRow(over: Partial<LedgerRow> = {}): LedgerRow {
	return readRow({ placementId: '45678', candidateId: '12345', jobdivaJobId: '78910', state: 'covered', contractorId: 'cn_1', jobId: 'jb_1', assignmentId: 'an_1', startDate: '2026-11-01', endDate: '2027-01-31', ...over })!;
}

function invoiceRow(over: Partial<InvoiceRow> = {}): InvoiceRow {
	return readInvoiceRow({ cycleKey: '45678:2026-11-28..2026-12-04', placementId: '45678', candidateId: '12345', state: 'recorded', invoiceId: 'in_1', grossPay: '416063', ...over })!;
}

describe('the invoice ledger: final pay once per pay cycle per insured placement', () => {
	it('pay that differs from the estimate, never recorded, is created for the placement’s contractor and job', () => {
		const d = decideInvoice(pay(416063), [placementRow()], [], 404175);
		expect(d.route).toBe('create');
		expect(d.cycleKey).toBe('45678:2026-11-28..2026-12-04');
		expect(d.body).toEqual({ gross_pay: 416063, paycycle_startdate: WEEK_START, paycycle_enddate: WEEK_END, contractor: 'cn_1', job: 'jb_1' });
		expect(d.reason).toBe("pay $4160.63 differs from the placement's estimate $4041.75");
		expect(d.row).toMatchObject({ sourceId: '9001', contractorId: 'cn_1', jobId: 'jb_1', grossPay: '416063', estimatedPay: '404175', payStart: '2026-11-28', payEnd: '2026-12-04' });
	});

	it('pay equal to the estimate needs no invoice, and the ledger notes it (checklist 7: only when final pay differs)', () => {
		const d = decideInvoice(pay(410000), [placementRow()], [], 410000);
		expect(d.route).toBe('asEstimated');
		expect(d.row.state).toBe('as estimated');
		expect(d.reason).toBe("pay $4100.00 equals the placement's estimate: no invoice needed");
		// Seen again, at any age: nothing.
		expect(decideInvoice(pay(410000), [placementRow()], [invoiceRow({ state: 'as estimated', invoiceId: '', grossPay: '410000' })], 410000).route).toBe('unchanged');
	});

	it('without an estimate (no hours or no agreed hourly rate) the pay is recorded', () => {
		expect(decideInvoice(pay(410000), [placementRow()], [], null)).toMatchObject({ route: 'create', reason: expect.stringMatching(/^no estimate/) });
	});

	it('a recorded pay cycle is never sent again while its pay is the same, whatever the age of the idempotency key', () => {
		const d = decideInvoice(pay(416063), [placementRow()], [invoiceRow()], 404175);
		expect(d.route).toBe('unchanged');
		expect(d.invoiceId).toBe('in_1');
	});

	it('a timesheet corrected into another week takes its invoice along: the invoice is updated to the new dates and the old week\'s row goes', () => {
		const lastWeek = invoiceRow({ cycleKey: '45678:2026-11-21..2026-11-27', sourceId: '9001', payStart: '2026-11-21', payEnd: '2026-11-27' });
		const d = decideInvoice(pay(416063), [placementRow()], [lastWeek], 404175);
		expect(d).toMatchObject({ route: 'update', invoiceId: 'in_1', cycleKey: '45678:2026-11-28..2026-12-04', movedFrom: '45678:2026-11-21..2026-11-27' });
		expect(d.body).toEqual({ gross_pay: 416063, paycycle_startdate: WEEK_START, paycycle_enddate: WEEK_END });
		expect(d.row).toMatchObject({ cycleKey: '45678:2026-11-28..2026-12-04', invoiceId: 'in_1', state: 'recorded', payStart: '2026-11-28' });
		expect(d.reason).toBe('corrected timesheet moved from the pay cycle 2026-11-21..2026-11-27: invoice in_1 now covers 2026-11-28..2026-12-04, $4160.63');
		// Once saved (the new row, the old one gone), the same timesheet is unchanged.
		expect(decideInvoice(pay(416063), [placementRow()], [{ ...d.row, state: 'recorded' }], 404175)).toMatchObject({ route: 'unchanged', movedFrom: '' });
		// Another timesheet's invoice in the old week is not taken; nor is one when the new week has its own invoice.
		expect(decideInvoice(pay(416063), [placementRow()], [{ ...lastWeek, sourceId: '9005' }], 404175)).toMatchObject({ route: 'create', movedFrom: '' });
		expect(decideInvoice(pay(416063), [placementRow()], [lastWeek, invoiceRow({ invoiceId: 'in_2', sourceId: '9005', grossPay: '400000' })], 404175)).toMatchObject({ route: 'update', invoiceId: 'in_2', movedFrom: '' });
	});

	it('a corrected timesheet updates its invoice (only the fields Update accepts), even when it now equals the estimate', () => {
		const d = decideInvoice(pay(437460), [placementRow()], [invoiceRow()], 404175);
		expect(d.route).toBe('update');
		expect(d.body).toEqual({ gross_pay: 437460, paycycle_startdate: WEEK_START, paycycle_enddate: WEEK_END });
		expect(d.reason).toBe('corrected timesheet: gross pay $4160.63 → $4374.60');
		expect(decideInvoice(pay(404175), [placementRow()], [invoiceRow()], 404175).route).toBe('update');
	});

	it('a pay cycle noted as estimated whose corrected pay now differs is created', () => {
		const d = decideInvoice(pay(440750), [placementRow()], [invoiceRow({ state: 'as estimated', invoiceId: '', grossPay: '410000' })], 430500);
		expect(d.route).toBe('create');
		expect(d.reason).toMatch(/differs .* \(as estimated before\)$/);
	});

	it('a cycle left "sending" or "refused" without an invoice is created again (the same idempotency key within 24 h)', () => {
		for (const state of ['sending', 'refused'] as const) {
			const d = decideInvoice(pay(416063), [placementRow()], [invoiceRow({ state, invoiceId: '', grossPay: '' })], 404175);
			expect(d.route).toBe('create');
			expect(d.idempotencyKey).toBe('jobdiva-invoice-9001-1a2b3c4d');
		}
	});

	it('only insured placements get invoices: covered, or ended/lapsed after an assignment or policy', () => {
		expect(decideInvoice(pay(1), [], [], null)).toMatchObject({ route: 'notInsured', reason: 'no placement of candidate 12345 on job 78910 in the placement ledger: no invoice' });
		expect(decideInvoice(pay(1), [placementRow({ state: 'awaiting application', assignmentId: '', sessionId: 'ias_1' })], [], null)).toMatchObject({
			route: 'notInsured',
			reason: 'placement 45678 is "awaiting application" in the placement ledger, not insured: no invoice',
		});
		expect(decideInvoice(pay(1), [placementRow({ state: 'ended', assignmentId: '' })], [], null).route).toBe('notInsured');
		expect(decideInvoice(pay(1), [placementRow({ state: 'ended' })], [], null).route).toBe('create');
		expect(decideInvoice(pay(1), [placementRow({ state: 'lapsed', assignmentId: '', policyId: 'pl_1' })], [], null).route).toBe('create');
	});

	it('a candidate re-hired on the same job: the placement whose dates overlap the pay cycle gets the invoice', () => {
		const earlier = placementRow({ placementId: '40000', startDate: '2026-01-05', endDate: '2026-03-31', contractorId: 'cn_1', jobId: 'jb_old' });
		const d = decideInvoice(pay(1000), [placementRow(), earlier], [], null);
		expect(d.placementId).toBe('45678');
		expect(d.body.job).toBe('jb_1');
	});

	it('the estimate is hours × the agreed hourly rate in exact cents; none without either', () => {
		expect(estimateOf('42.5', '95.10')).toBe(404175);
		expect(estimateOf(37.5, 95.1)).toBe(356625);
		expect(estimateOf('', '95.10')).toBeNull();
		expect(estimateOf('40', undefined)).toBeNull();
		expect(() => estimateOf('forty', '95.10')).toThrow(/Hours Worked: is not a non-negative number of hours/);
	});

	it('an item that is not a mapped timesheet names the field and the fix', () => {
		expect(() => decideInvoice({ jobdiva: {} }, [], [], null)).toThrow(/invoice.body.gross_pay: is missing .*Map Timesheet or Invoice/);
	});

	it('rows: all columns text; a hand-edited state is not read', () => {
		expect(INVOICE_COLUMNS).toEqual(['cycleKey', 'placementId', 'candidateId', 'sourceId', 'state', 'invoiceId', 'contractorId', 'jobId', 'grossPay', 'estimatedPay', 'payStart', 'payEnd', 'lastAction']);
		expect(readInvoiceRow({ cycleKey: 'x', state: 'paid' })).toBeUndefined();
		expect(readInvoiceRow({ cycleKey: 'x', state: 'recorded', grossPay: 416063, id: 7, createdAt: 'now' })).toMatchObject({ grossPay: '416063', invoiceId: '' });
	});
});

describe('one decision per pay cycle and run', () => {
	it('two timesheets of one placement and week in one run: the one served last counts, the other sends nothing', () => {
		const first = { ...pay(416063), invoice: { ...pay(416063).invoice!, idempotencyKey: 'jobdiva-invoice-9001-aaaaaaaa' } };
		const second = { ...pay(420000), invoice: { ...pay(420000).invoice!, idempotencyKey: 'jobdiva-invoice-9005-bbbbbbbb' } };
		const other = { ...pay(100000, { jobId: '78913' }) };
		const rows = [placementRow(), placementRow({ placementId: '45690', jobdivaJobId: '78913', jobId: 'jb_2' })];
		const decisions = onePerCycle([first, second, other].map((p) => decideInvoice(p, rows, [], 404175)));
		expect(decisions.map((d) => d.route)).toEqual(['unchanged', 'create', 'create']);
		expect(decisions[0].reason).toBe('timesheet 9001 is superseded by timesheet 9005 of the same pay cycle, served later');
	});
});
