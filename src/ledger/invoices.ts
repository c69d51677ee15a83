import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseDecimal, timesCents } from '../mapping/decimal';
import { toCents } from '../ten99policy/money';
import { ValueError } from '../util/valueError';
import { rowReader, type LedgerRow } from './row';

/**
 * The invoice ledger: one row per JobDiva placement and pay cycle in an n8n Data Table, so that final pay is recorded
 * with 1099Policy exactly once per pay cycle at any age (1099Policy's idempotency keys expire after 24 hours), and a
 * corrected timesheet updates its invoice instead of adding one.
 *
 * The guide's rule (§4.7, "if the contractor's actual pay differs from the original placement estimate, record final
 * remuneration"): the timesheet's gross pay (regular hours × rate + overtime hours × overtime rate, or the amount
 * paid) is compared with the placement's estimate for the same hours (hours worked × the placement's agreed hourly
 * pay rate — the wage 1099Policy's job was given). Equal: 1099Policy already prices the pay from the job's wage, so
 * no invoice is sent and the ledger notes "as estimated". Different (or no estimate possible): an invoice is created;
 * once one exists, a corrected timesheet updates it, whatever the amount.
 */

/** The table the template finds by name (n8n's "By Name" lookup lower-cases the name). */
export const INVOICE_LEDGER_TABLE = '1099policy_invoice_ledger';

export const INVOICE_STATES = [
	'sending', // written before the invoice is created; a row still "sending" on the next run is sent again (same key)
	'recorded', // 1099Policy holds the invoice (invoiceId); a corrected timesheet updates it
	'as estimated', // the pay equals the placement's estimate: nothing to record
	'refused', // 1099Policy refused the invoice; sent again on the next run
] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

const short = z.string().max(64).default('');

export const invoiceRowSchema = z.object({
	/** `<placementId>:<pay-cycle start>..<end>` (dates `yyyy-MM-dd` in the timesheet's zone): one row per pay cycle. */
	cycleKey: z.string().min(1).max(100),
	placementId: short,
	candidateId: short,
	/** The JobDiva timesheet or invoice ID the pay came from. */
	sourceId: short,
	state: z.enum(INVOICE_STATES),
	invoiceId: short,
	contractorId: short,
	jobId: short,
	/** Gross pay last recorded (or found as estimated), in cents. */
	grossPay: short,
	/** The placement's estimate for the same hours, in cents ('' when none could be made). */
	estimatedPay: short,
	payStart: z.string().max(10).default(''),
	payEnd: z.string().max(10).default(''),
	lastAction: z.string().max(200).default(''),
});
export type InvoiceRow = z.infer<typeof invoiceRowSchema>;

export const INVOICE_COLUMNS = Object.keys(invoiceRowSchema.shape) as Array<keyof InvoiceRow>;

export const readInvoiceRow = rowReader(invoiceRowSchema);

/** The parts of a Map Timesheet or Invoice output the invoice ledger reads. */
export interface MappedPay {
	jobdiva?: { candidateId?: string; jobId?: string; placementId?: string };
	invoice?: {
		body: { gross_pay: number; paycycle_startdate: number; paycycle_enddate: number; purchase_order_number?: string };
		idempotencyKey: string;
		timeZone: string;
		source: 'timesheet' | 'invoice';
	};
	/** JobDiva's timesheet or invoice ID, when the item carries it (for the register). */
	sourceId?: string;
}

export type InvoiceRoute = 'create' | 'update' | 'asEstimated' | 'unchanged' | 'notInsured';

export interface InvoiceDecision {
	route: InvoiceRoute;
	/** Why, in words: shown in the ledger's lastAction and on the Set nodes. */
	reason: string;
	cycleKey: string;
	placementId: string;
	candidateId: string;
	/** The gross pay and the placement's estimate, in cents (estimate null when none could be made). */
	grossPay: number;
	estimatedPay: number | null;
	/** The invoice already in 1099Policy for this cycle ('' when none). */
	invoiceId: string;
	/** The body to send: POST /invoices (create) or PUT /invoices/{id} (update). */
	body: Record<string, unknown>;
	idempotencyKey: string;
	/** The ledger row to write once the branch has run (state set by the branch, or here for asEstimated). */
	row: InvoiceRow;
	/** The pay cycle whose row goes once the update is saved: the timesheet was moved from it ('' when not moved). */
	movedFrom: string;
}

/** A placement in the placement ledger counts as insured while covered, or after an end when it had coverage. */
function insured(row: LedgerRow): boolean {
	if (!row.contractorId || !row.jobId) return false;
	if (row.state === 'covered') return true;
	return (row.state === 'ended' || row.state === 'lapsed') && Boolean(row.assignmentId || row.policyId);
}

/**
 * The placement's estimate of the pay for the hours worked: hours × the agreed hourly pay rate, in exact cents.
 * Null when either is not given (a flat-fee placement, an invoice without hours): no estimate, so the pay is recorded.
 */
export function estimateOf(hours: unknown, agreedRate: unknown): number | null {
	const empty = (v: unknown) => v === undefined || v === null || String(v).trim() === '';
	if (empty(hours) || empty(agreedRate)) return null;
	const rate = toCents(agreedRate as string | number, 'dollars', 'Agreed Pay Rate');
	return timesCents(parseDecimal({ field: 'Hours Worked', value: hours }, 'hours'), rate);
}

/** The JobDiva ID inside a Map Timesheet or Invoice key (`jobdiva-invoice-9001-1a2b3c4d` → `9001`). */
const sourceOf = (key: string): string => /^jobdiva-invoice-(.+)-[^-]+$/.exec(key)?.[1] ?? '';

const dayIn = (seconds: number, zone: string) => DateTime.fromSeconds(seconds, { zone }).toISODate() ?? '';

/**
 * One mapped timesheet (or JobDiva invoice) against its placement's ledger rows and the invoice ledger's rows: what
 * it needs from 1099Policy — before any call.
 */
export function decideInvoice(pay: MappedPay, placements: readonly LedgerRow[], invoices: readonly InvoiceRow[], estimatedPay: number | null): InvoiceDecision {
	const invoice = pay.invoice;
	if (!invoice?.body || typeof invoice.body.gross_pay !== 'number') {
		throw new ValueError('invoice.body.gross_pay', invoice?.body?.gross_pay, 'is missing', 'Feed the Mapped output of JobDiva to 1099Policy → Map Timesheet or Invoice into the Timesheets input.');
	}
	const candidateId = String(pay.jobdiva?.candidateId ?? '').trim();
	const jobdivaJobId = String(pay.jobdiva?.jobId ?? '').trim();
	const { body } = invoice;
	const payStart = dayIn(body.paycycle_startdate, invoice.timeZone);
	const payEnd = dayIn(body.paycycle_enddate, invoice.timeZone);
	// The candidate's placement on this job; with several (a re-hire), the one whose coverage dates overlap the pay cycle.
	const ofJob = placements.filter((p) => (pay.jobdiva?.placementId ? p.placementId === pay.jobdiva.placementId : p.candidateId === candidateId && p.jobdivaJobId === jobdivaJobId));
	const placement = ofJob.find((p) => p.startDate <= payEnd && (!p.endDate || p.endDate >= payStart)) ?? ofJob.at(-1);
	const placementId = placement?.placementId ?? '';
	const cycleKey = `${placementId || `candidate ${candidateId} job ${jobdivaJobId}`}:${payStart}..${payEnd}`;
	const sourceId = pay.sourceId ?? sourceOf(invoice.idempotencyKey);
	// A correction that moved the timesheet to another pay cycle (a wrong week fixed in JobDiva) takes its invoice
	// along: that invoice's dates and pay are updated and the old cycle's row goes, so the same pay is never invoiced
	// twice. Only when this cycle has no invoice of its own.
	const here = invoices.find((r) => r.cycleKey === cycleKey);
	const moved = here?.invoiceId ? undefined : invoices.find((r) => r.cycleKey !== cycleKey && r.invoiceId && sourceId && r.sourceId === sourceId && r.placementId === placementId);
	const own = moved ? { ...moved, cycleKey } : here;
	const movedFrom = moved?.cycleKey ?? '';
	const gross = body.gross_pay;
	const row: InvoiceRow = {
		cycleKey,
		placementId,
		candidateId,
		sourceId,
		state: own?.state ?? 'sending',
		invoiceId: own?.invoiceId ?? '',
		contractorId: placement?.contractorId ?? '',
		jobId: placement?.jobId ?? '',
		grossPay: String(gross),
		estimatedPay: estimatedPay === null ? '' : String(estimatedPay),
		payStart,
		payEnd,
		lastAction: own?.lastAction ?? '',
	};
	const base = { cycleKey, placementId, candidateId, grossPay: gross, estimatedPay, invoiceId: row.invoiceId, idempotencyKey: invoice.idempotencyKey, row, movedFrom };
	const send = { ...body, contractor: row.contractorId, job: row.jobId };

	if (!placement || !insured(placement)) {
		const reason = placement
			? `placement ${placementId} is "${placement.state}" in the placement ledger, not insured: no invoice`
			: `no placement of candidate ${candidateId || '?'} on job ${jobdivaJobId || '?'} in the placement ledger: no invoice`;
		return { ...base, route: 'notInsured', reason, body: send };
	}
	const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
	if (own?.invoiceId) {
		if (own.grossPay === String(gross) && !movedFrom) return { ...base, route: 'unchanged', reason: `invoice ${own.invoiceId} already records ${dollars(gross)}`, body: send };
		const { paycycle_startdate, paycycle_enddate, gross_pay, purchase_order_number } = body;
		return {
			...base,
			route: 'update',
			reason: movedFrom
				? `corrected timesheet moved from the pay cycle ${moved?.payStart}..${moved?.payEnd}: invoice ${own.invoiceId} now covers ${payStart}..${payEnd}, ${dollars(gross)}`
				: `corrected timesheet: gross pay ${dollars(Number(own.grossPay))} → ${dollars(gross)}`,
			body: { gross_pay, paycycle_startdate, paycycle_enddate, ...(purchase_order_number ? { purchase_order_number } : {}) },
		};
	}
	if (estimatedPay !== null && gross === estimatedPay) {
		const reason = `pay ${dollars(gross)} equals the placement's estimate: no invoice needed`;
		if (own?.state === 'as estimated' && own.grossPay === String(gross)) return { ...base, route: 'unchanged', reason, body: send };
		return { ...base, route: 'asEstimated', reason, body: send, row: { ...row, state: 'as estimated', lastAction: reason } };
	}
	const reason =
		estimatedPay === null
			? `no estimate for this pay (no hours or no agreed hourly rate): recording ${dollars(gross)}`
			: `pay ${dollars(gross)} differs from the placement's estimate ${dollars(estimatedPay)}`;
	return { ...base, route: 'create', reason: own ? `${reason} (${own.state} before)` : reason, body: send };
}

/**
 * One decision per pay cycle and run: when one run holds two timesheets of the same placement and pay cycle (a
 * timesheet re-entered under a new ID), the one JobDiva served last (its feed is oldest first) counts and the others
 * send nothing — two sends would make a second invoice, or a refusal that hides the first.
 */
export function onePerCycle(decisions: readonly InvoiceDecision[]): InvoiceDecision[] {
	const last = new Map<string, number>();
	decisions.forEach((d, i) => {
		if (d.route !== 'notInsured') last.set(d.cycleKey, i);
	});
	return decisions.map((d, i) => {
		const winner = last.get(d.cycleKey);
		if (d.route === 'notInsured' || winner === undefined || winner === i) return d;
		return { ...d, route: 'unchanged', reason: `timesheet ${d.row.sourceId || '?'} is superseded by timesheet ${decisions[winner].row.sourceId || '?'} of the same pay cycle, served later` };
	});
}
