import fc from 'fast-check';
import { fixture } from './support';

/** Random and malformed JobDiva records: real fixtures with fields replaced or deleted, records built from known keys and junk values, webhooks, nested items and anything at all. Shared by the property test and the golden outputs test. */

export const FIXTURES = ['candidateDetail', 'jobDetail', 'activityRecord', 'searchStart', 'webhookCandidate', 'webhookSalary', 'camelCasePlacement', 'timesheetRecord', 'invoiceDetail', 'coiAttachment'].map(fixture);

const junk: fc.Arbitrary<unknown> = fc.oneof(
	fc.constant(null),
	fc.constant(undefined),
	fc.constant(''),
	fc.constant('null'),
	fc.string(),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constantFrom('95.10', '0', '-1', '1e9', '1,234.56', 'NaN', 'Infinity', '$95', '100000000.01', '0.001'),
	fc.constantFrom('Hour', 'Daily', '/W - Flat', 'USD/Hour', 'EUR/Day', 'Shift', 'y', 'fortnight'),
	fc.constantFrom('03/08/2026', '11/01/2026 00:00:00', '2026-03-08T02:30:00', '2026-11-01T01:30:00-04:00', '13/13/2026', '1772946000000', '0', '02/30/2026'),
	fc.constantFrom('Y', 'N', 'true', 'false', '1', 'Subcontractor', 'Employee', 'contract', 'Direct Placement', 'Right to Hire'),
	fc.constantFrom('CA', 'NY', 'Texas', 'Ontario', 'ZZ', 'USA', 'Canada'),
	fc.constantFrom('jordan@example.org', 'gdpr@removed.com', 'not-an-email', '***@***'),
	fc.constantFrom(Buffer.from('%PDF-1.4 CERTIFICATE OF LIABILITY INSURANCE').toString('base64'), Buffer.from('hello').toString('base64'), '@@@'),
	fc.array(fc.anything(), { maxLength: 3 }),
	fc.object({ maxDepth: 1 }),
);

const KEYS = [
	'ID', 'id', 'FIRSTNAME', 'LASTNAME', 'EMAIL', 'candidate name', 'candidate id', 'job id', 'JOBID', 'CANDIDATEID', 'JOBTITLE',
	'JOBDESCRIPTION', 'STATE', 'WORK_STATE', 'COUNTRY', 'STARTDATE', 'ENDDATE', 'start date', 'end date', 'AGREEDPAYRATE', 'PAYFREQUENCY',
	'PAYRATEMAX', 'PAYRATEPER', 'pay rate currency/unit', 'agreed pay rate', 'CORPTOCORP', 'crop to crop', 'EMPLOYMENT_CATEGORY',
	'POSITIONTYPE', 'position type', 'COMPANYID', 'CURRENCY', 'TIMESHEETID', 'WEEKENDINGDATE', 'REG_HOURS', 'OT_HOURS', 'REG_PAY',
	'REG_PAY_RATE_UNIT', 'OT_PAY_RATE', 'HOURSWORKED', 'INVOICEID', 'FROMDATE', 'TODATE', 'AMOUNT', 'FILENAME', 'FILECONTENT',
	'placementId', 'candidateId', 'jobId', 'firstName', 'lastName', 'startDate', 'endDate', 'payRate', 'payRateUnit',
];

/** A real fixture with some fields replaced by junk or deleted. */
const mutated = fc
	.tuple(fc.constantFrom(...FIXTURES), fc.array(fc.tuple(fc.constantFrom(...KEYS), junk, fc.boolean()), { maxLength: 8 }))
	.map(([base, changes]) => {
		const copy = structuredClone(base) as Record<string, unknown>;
		const target = Array.isArray(copy.data) ? (copy.data[0] as Record<string, unknown>) : copy;
		for (const [key, value, remove] of changes) {
			if (remove) delete target[key];
			else target[key] = value;
		}
		return copy;
	});

/** A record built from scratch out of known keys and junk values. */
const random = fc.dictionary(fc.constantFrom(...KEYS), junk, { maxKeys: 20 });

export const item: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: mutated },
	{ weight: 3, arbitrary: random },
	{ weight: 1, arbitrary: fc.record({ type: fc.constantFrom('candidate', 'job', 'billing', 'salary', 'timesheet', 'company', 'expense'), operation: fc.constantFrom('Insert', 'Update', 'Delete'), id: fc.oneof(fc.string(), fc.integer()), data: fc.oneof(fc.array(random, { maxLength: 2 }), junk) }) },
	{ weight: 1, arbitrary: fc.record({ candidate: fc.oneof(mutated, random), job: fc.oneof(mutated, random), placement: fc.oneof(mutated, random) }, { requiredKeys: [] }) },
	{ weight: 1, arbitrary: fc.anything() },
);

