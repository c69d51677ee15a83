import { describe, expect, it } from 'vitest';
import { mapRecord, mapRecordSafe, parseRules } from '../../../src/mapping';
import { ValueError } from '../../../src/util/valueError';
import { failed, fixture, nestedPlacement, rules } from './support';

/** Bad JobDiva input becomes an error naming the field as the user sees it, the value, and the fix. */

const start = (overrides: Record<string, unknown>) => ({ ...fixture('searchStart'), ...overrides });

describe('bad input names the JobDiva field', () => {
	it.each([
		['missing first name (BI)', { ...fixture('candidateDetail'), FIRSTNAME: '' }, 'mapCandidate', 'FIRSTNAME / firstName', /first name/],
		['missing last name (BI)', { ...fixture('candidateDetail'), LASTNAME: '  ' }, 'mapCandidate', 'LASTNAME / lastName', /last name/],
		['one-word candidate name (searchStart)', start({ 'candidate name': 'Cher' }), 'mapPlacement', 'candidate name', /first and last name/],
		['missing candidate id', { FIRSTNAME: 'A', LASTNAME: 'B' }, 'mapCandidate', 'candidateId (ID / CANDIDATEID / "candidate id")', /candidate ID/],
		['unparseable start (searchStart)', start({ 'start date': 'next monday' }), 'mapPlacement', 'start date', /MM\/dd\/yyyy/],
		['unparseable end (BI)', nestedPlacement({ ENDDATE: '31/31/2026' }), 'mapPlacement', 'placement.ENDDATE', /MM\/dd\/yyyy/],
		['end before start (searchStart)', start({ 'end date': 1700000000000 }), 'mapPlacement', 'end date', /end date must come after/],
		['end equal to start (camelCase)', { ...fixture('camelCasePlacement'), endDate: '2026-11-28T00:00:00Z' }, 'mapPlacement', 'endDate', /after the start/],
		['missing start', nestedPlacement({ STARTDATE: '' }, { STARTDATE: '' }), 'mapPlacement', 'start date (STARTDATE / "start date" / startDate)', /start date/],
		['rate missing', start({ 'agreed pay rate': null, 'job title': 'Analyst' }), 'mapPlacement', 'pay rate', /AGREEDPAYRATE/],
		['rate zero', start({ 'agreed pay rate': 0, 'job title': 'Analyst' }), 'mapPlacement', 'agreed pay rate', /Check the amount/],
		['rate zero without job details', start({ 'agreed pay rate': 0 }), 'mapPlacement', 'agreed pay rate', /Check the amount/],
		['rate negative', start({ 'agreed pay rate': -95, 'job title': 'Analyst' }), 'mapPlacement', 'agreed pay rate', /positive/],
		['rate too large', start({ 'agreed pay rate': 1000001, 'job title': 'Analyst' }), 'mapPlacement', 'agreed pay rate', /Check the amount/],
		['rate not a number', nestedPlacement({ AGREEDPAYRATE: 'TBD' }), 'mapPlacement', 'placement.AGREEDPAYRATE', /95\.10/],
		['rate with fractions of a cent', nestedPlacement({ AGREEDPAYRATE: '95.105' }), 'mapPlacement', 'placement.AGREEDPAYRATE', /two decimal places/],
		['unknown unit', start({ 'pay rate currency/unit': 'USD/Shift', 'job title': 'Analyst' }), 'mapPlacement', 'pay rate currency/unit', /Rate Units/],
		['unit missing', nestedPlacement({ PAYFREQUENCY: '' }), 'mapPlacement', 'placement.AGREEDPAYRATE unit', /PAYFREQUENCY/],
		['job title missing', { ...fixture('jobDetail'), JOBTITLE: '' }, 'mapJob', 'JOBTITLE / jobTitle', /title/],
		['placement id missing', { candidateId: '1', jobId: '2', startDate: '03/01/2026', employmentCategory: 'Subcontractor' }, 'mapPlacement', 'placementId (PLACEMENTID / ACTIVITYID / searchStart "id")', /placement/],
		['timesheet without hours or amount', { TIMESHEETID: '1', WEEKENDINGDATE: '03/14/2026' }, 'mapTimesheetOrInvoice', 'AMOUNT / HOURSWORKED / REG_HOURS', /hours worked/],
		['timesheet without dates', { TIMESHEETID: '1', REG_HOURS: '8', REG_PAY: '50' }, 'mapTimesheetOrInvoice', 'WEEKENDINGDATE', /week-ending/],
		['invoice period reversed', { ...fixture('invoiceDetail'), FROMDATE: '04/01/2026' }, 'mapTimesheetOrInvoice', 'TODATE', /pay-period/],
		['wrong operation for the item', fixture('jobDetail'), 'mapPlacement', 'placement', /pick the operation/],
	])('%s', (_label, input, operation, field, fix) => {
		const error = failed(input, operation as Parameters<typeof failed>[1]);
		expect(error.field).toBe(field);
		expect(`${error.error} ${error.fix}`).toMatch(fix);
		expect(error.error.startsWith(`${field}: `)).toBe(true);
	});

	it('the error carries the value it got', () => {
		expect(failed(start({ 'start date': 'next monday' }), 'mapPlacement').value).toBe('next monday');
		expect(failed(nestedPlacement({ AGREEDPAYRATE: 'TBD' }), 'mapPlacement').value).toBe('TBD');
	});

	it('mapRecord throws the same error as a ValueError (the node turns it into a NodeOperationError)', () => {
		expect(() => mapRecord({ ...fixture('candidateDetail'), FIRSTNAME: '' }, 'mapCandidate', rules())).toThrow(ValueError);
	});

	it('bad rules name the parameter row', () => {
		expect(() => parseRules({ clientTable: [{ client: '501', coverageTypes: ['dental' as 'general'] }] })).toThrow(/^clientTable row 1 coverageTypes row 1/);
		expect(() => parseRules({ proxyEmailDomain: 'not a domain' })).toThrow(/^proxyEmailDomain/);
		expect(() => rules({ categoryTable: [{ match: 'title', pattern: '/([/', code: 'X' }] })).not.toThrow();
		expect(failed(nestedPlacement(), 'mapPlacement', rules({ categoryTable: [{ match: 'title', pattern: '/([/', code: 'X' }] })).field).toBe('Category Table row 1 pattern');
	});
});

describe('absurd timesheet hours', () => {
	it('an epoch timestamp sent as hours is an error naming the hours field, not a body 1099Policy would refuse', () => {
		const outcome = mapRecordSafe(
			{ TIMESHEETID: '9001', EMPLOYEEID: '12345', JOBID: '78910', WEEKENDINGDATE: '11/14/2026', REG_HOURS: '1772946000000', REG_PAY: '95.10', REG_PAY_RATE_UNIT: 'Hourly' },
			'mapTimesheetOrInvoice',
			rules({ contractorId: 'cn_1', jobId: 'jb_1' }),
		);
		expect(outcome.kind).toBe('error');
		expect(outcome.json).toMatchObject({ field: 'REG_HOURS', value: '1772946000000' });
		expect((outcome.json as { error: string }).error).toMatch(/too large to be real pay/);
	});
});
