import { DateTime } from 'luxon';
import { formatDollars, toCents } from '../ten99policy/money';
import { ValueError } from '../util/valueError';
import { parseJobDivaDate } from './dates';
import { formatDecimal, isZero, parseDecimal, timesCents } from './decimal';
import { idempotencyKey } from './keys';
import { pick, text, type Fields, type Found, type Normalised } from './normalise';
import { placementId } from './placement';
import { parseRateUnit } from './rates';
import { invoiceBody, validate, type InvoiceBody, type MappingRules } from './schemas';
import { chooseZone } from './worksite';

/**
 * Guide §4.7, JobDiva Timesheet / Invoice → 1099Policy Invoice (POST /invoices), optional final remuneration:
 * | contractor         | Contractor ID parameter            | left out (noted) when empty |
 * | job                | Job ID parameter                   | left out (noted) when empty |
 * | gross_pay          | AMOUNT / gross pay, else hours × pay rate (+ overtime hours × overtime rate) | exact cents |
 * | paycycle_startdate | FROMDATE, else WEEKENDINGDATE − 6 days (start of day) | Unix seconds UTC |
 * | paycycle_enddate   | TODATE, else WEEKENDINGDATE (end of day)              | Unix seconds UTC |
 * Sources: BI `NewUpdatedTimesheetRecords` (REG_PAY is read as the pay RATE per REG_PAY_RATE_UNIT) and `InvoiceDetail`.
 */

export interface MappedInvoice {
	body: InvoiceBody;
	idempotencyKey: string;
	timeZone: string;
	source: 'timesheet' | 'invoice';
}

function grossPay(fields: Fields, record: Normalised, rules: MappingRules, notes: string[]): number {
	const amount = pick(fields, 'amount');
	if (amount) {
		const cents = toCents(amount.value, 'dollars', amount.field);
		notes.push(`gross_pay ${cents} cents from ${amount.field} ${JSON.stringify(amount.value)}.`);
		return cents;
	}
	const hoursFound = pick(fields, 'regularHours', 'hours');
	if (!hoursFound) {
		throw new ValueError('AMOUNT / HOURSWORKED / REG_HOURS', undefined, 'is missing', 'Send the amount paid, or the hours worked with the pay rate, so gross pay can be computed.');
	}
	// The rate: on the timesheet row, else the placement's agreed rate carried in the same item.
	const rateFound = pick(fields, 'rate') ?? pick(record.placement, 'payRate');
	const unitFound: Found | undefined = pick(fields, 'rate') ? pick(fields, 'rateUnit') : pick(record.placement, 'payRateUnit');
	if (!rateFound) {
		throw new ValueError('REG_PAY / payRate', undefined, 'is missing', 'Send the hourly pay rate with the hours (or the placement with the timesheet), or send the amount paid.');
	}
	if (unitFound && parseRateUnit(unitFound, rules.unitTable).period !== 'hour') {
		throw new ValueError(unitFound.field, unitFound.value, 'is not an hourly unit, so hours × rate is meaningless', 'Send the amount paid (AMOUNT) for non-hourly pay.');
	}
	const rate = toCents(rateFound.value, 'dollars', rateFound.field);
	if (rate <= 0) throw new ValueError(rateFound.field, rateFound.value, 'is zero', 'Send a positive pay rate.');
	const hours = parseDecimal(hoursFound, 'hours');
	let gross = timesCents(hours, rate);
	let how = `${formatDecimal(hours)} h (${hoursFound.field}) × $${formatDollars(rate)} (${rateFound.field})`;

	const overtimeFound = pick(fields, 'overtimeHours');
	if (overtimeFound && hoursFound !== pick(fields, 'hours')) {
		const overtime = parseDecimal(overtimeFound, 'hours');
		if (!isZero(overtime)) {
			const overtimeRateFound = pick(fields, 'overtimeRate');
			if (!overtimeRateFound) {
				throw new ValueError(overtimeFound.field, overtimeFound.value, 'has overtime hours but no overtime rate', 'Send OT_PAY_RATE with the timesheet, or the amount paid; the node does not assume an overtime multiplier.');
			}
			const overtimeRate = toCents(overtimeRateFound.value, 'dollars', overtimeRateFound.field);
			gross += timesCents(overtime, overtimeRate);
			how += ` + ${formatDecimal(overtime)} h (${overtimeFound.field}) × $${formatDollars(overtimeRate)} (${overtimeRateFound.field})`;
		}
	}
	notes.push(`gross_pay ${gross} cents = ${how}.`);
	return gross;
}

export function mapInvoice(record: Normalised, rules: MappingRules, notes: string[]): MappedInvoice {
	const source: 'timesheet' | 'invoice' = record.recognised.includes('invoice') ? 'invoice' : 'timesheet';
	const fields = record[source];
	const { zone, because } = chooseZone(record, rules);

	const gross = grossPay(fields, record, rules, notes);
	if (gross < 1) {
		const field = pick(fields, 'amount', 'regularHours', 'hours');
		throw new ValueError(field?.field ?? 'gross pay', field?.value, 'gives a gross pay of 0 cents', 'Only record invoices for pay actually earned; skip zero timesheets with the Skip List.');
	}
	if (!Number.isSafeInteger(gross)) {
		// Hours × rate of absurd inputs (e.g. an epoch timestamp in the hours field) exceeds any real pay and JSON's safe integers.
		const field = pick(fields, 'amount', 'regularHours', 'hours');
		throw new ValueError(field?.field ?? 'gross pay', field?.value, 'gives a gross pay too large to be real pay', 'Check the hours and the pay rate (a date or an ID may have been sent in the hours field).');
	}

	let start: number;
	let end: number;
	const startFound = pick(fields, 'periodStart');
	const endFound = pick(fields, 'periodEnd');
	const weekEnding = pick(fields, 'weekEnding');
	if (startFound && endFound) {
		const s = parseJobDivaDate(startFound, 'start', zone);
		const e = parseJobDivaDate(endFound, 'end', zone);
		start = s.seconds;
		end = e.seconds;
		notes.push(`paycycle_startdate ${start}: ${s.how}; paycycle_enddate ${end}: ${e.how}.`);
		if (end < start) {
			throw new ValueError(endFound.field, endFound.value, `is before ${startFound.field} ${JSON.stringify(startFound.value)}`, 'Correct the pay-period dates in JobDiva.');
		}
	} else if (weekEnding) {
		const e = parseJobDivaDate(weekEnding, 'end', zone);
		end = e.seconds;
		// A JobDiva timesheet covers the seven days ending on the week-ending date.
		start = Math.floor(DateTime.fromSeconds(end, { zone }).minus({ days: 6 }).startOf('day').toSeconds());
		notes.push(`Pay cycle = the 7 days ending ${weekEnding.field} ${JSON.stringify(weekEnding.value)}: ${start}…${end} in ${zone}.`);
	} else {
		throw new ValueError(
			source === 'invoice' ? 'FROMDATE / TODATE' : 'WEEKENDINGDATE',
			undefined,
			'is missing',
			'Send the pay-period start and end (FROMDATE/TODATE) or the timesheet week-ending date.',
		);
	}
	notes.push(`Pay-cycle dates read in ${zone}: ${because}.`);

	const body: Record<string, unknown> = { gross_pay: gross, paycycle_startdate: start, paycycle_enddate: end };
	if (rules.contractorId !== '') body.contractor = rules.contractorId;
	else notes.push('invoice.contractor left out: set the Contractor ID parameter.');
	if (rules.jobId !== '') body.job = rules.jobId;
	else notes.push('invoice.job left out: set the Job ID parameter.');
	const po = text(pick(record.invoice, 'purchaseOrder'));
	if (po) body.purchase_order_number = po;

	const id = text(pick(fields, 'id')) ?? text(placementId(record));
	if (!id) {
		throw new ValueError(source === 'invoice' ? 'INVOICEID' : 'TIMESHEETID', undefined, 'is missing', 'Send the JobDiva timesheet or invoice ID (or the placement ID); the idempotency key is built from it.');
	}
	const parsed = validate(invoiceBody, body, 'invoice');
	return { body: parsed, idempotencyKey: idempotencyKey('invoice', id, parsed), timeZone: zone, source };
}
