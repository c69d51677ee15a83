import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapRecordSafe, OPERATIONS, schemas, type MapOutcome } from '../../../src/mapping';
import { fixture, rules } from './support';

/**
 * Thousands of random and malformed JobDiva records through every operation: nothing escapes as an uncaught
 * exception, and every outcome is either schema-valid 1099Policy bodies, a Skipped item with a reason and a
 * field, or an error naming a field and a fix.
 */

const FIXTURES = ['candidateDetail', 'jobDetail', 'activityRecord', 'searchStart', 'webhookCandidate', 'webhookSalary', 'camelCasePlacement', 'timesheetRecord', 'invoiceDetail', 'coiAttachment'].map(fixture);

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

const item: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: mutated },
	{ weight: 3, arbitrary: random },
	{ weight: 1, arbitrary: fc.record({ type: fc.constantFrom('candidate', 'job', 'billing', 'salary', 'timesheet', 'company', 'expense'), operation: fc.constantFrom('Insert', 'Update', 'Delete'), id: fc.oneof(fc.string(), fc.integer()), data: fc.oneof(fc.array(random, { maxLength: 2 }), junk) }) },
	{ weight: 1, arbitrary: fc.record({ candidate: fc.oneof(mutated, random), job: fc.oneof(mutated, random), placement: fc.oneof(mutated, random) }, { requiredKeys: [] }) },
	{ weight: 1, arbitrary: fc.anything() },
);

const ruleSets = [rules(), rules({ contractorId: '', jobId: '', quoteId: '', successUrlTemplate: '', cancelUrlTemplate: '', defaultEntity: '', defaultCategoryCode: '', timeZone: 'America/New_York', gateAllOperations: true })];

function check(outcome: MapOutcome): void {
	if (outcome.kind === 'error') {
		// A body failing its own schema would be a mapping bug, not bad input.
		expect(outcome.json.error).not.toMatch(/does not fit the 1099Policy/);
		expect(typeof outcome.json.field).toBe('string');
		expect(outcome.json.field.length).toBeGreaterThan(0);
		expect(outcome.json.fix.length).toBeGreaterThan(0);
		return;
	}
	if (outcome.kind === 'skipped') {
		expect(outcome.json.reason.length).toBeGreaterThan(0);
		expect(outcome.json.field.length).toBeGreaterThan(0);
		return;
	}
	const json = outcome.json;
	const bodies: [unknown, { safeParse(value: unknown): { success: boolean } }][] = [];
	if (json.contractor) bodies.push([json.contractor.body, schemas.contractorBody]);
	if (json.job) bodies.push([json.job.body, schemas.jobBody]);
	if (json.compensation) {
		expect(json.compensation.wage).toBeGreaterThanOrEqual(100);
		expect(json.compensation.wage).toBeLessThanOrEqual(100_000_000);
		expect(Number.isInteger(json.compensation.wage)).toBe(true);
	}
	if (json.quote) bodies.push([json.quote.body, schemas.quoteBody]);
	if (json.assignment) bodies.push([json.assignment.body, schemas.assignmentBody]);
	if (json.session) bodies.push([json.session.body, schemas.sessionBody]);
	if (json.invoice) bodies.push([json.invoice.body, schemas.invoiceBody]);
	if (json.certificate) bodies.push([json.certificate.fields, schemas.certificateFields]);
	expect(bodies.length).toBeGreaterThan(0);
	for (const [body, schema] of bodies) expect(schema.safeParse(body).success).toBe(true);
	for (const key of [json.contractor, json.job, json.quote, json.assignment, json.session, json.invoice, json.certificate]) {
		if (key) expect(key.idempotencyKey).toMatch(/^jobdiva-[a-z]+-[A-Za-z0-9_.-]+-[0-9a-f]{8}$/);
	}
	// Bodies never carry empty strings (the API would store them).
	expect(JSON.stringify(bodies.map(([body]) => body))).not.toMatch(/:""/);
}

describe('property: random and malformed JobDiva records', () => {
	for (const operation of OPERATIONS) {
		it(`${operation}: schema-valid, skipped with a reason, or an error naming a field`, () => {
			const seen = { mapped: 0, skipped: 0, error: 0 };
			fc.assert(
				fc.property(item, fc.constantFrom(0, 1), (input, ruleIndex) => {
					const outcome = mapRecordSafe(input, operation, ruleSets[ruleIndex]);
					seen[outcome.kind]++;
					check(outcome);
				}),
				{ numRuns: 1500 },
			);
			// The generator reaches every kind of outcome, so the property is not vacuous.
			expect(seen.error).toBeGreaterThan(0);
			expect(seen.mapped).toBeGreaterThan(0);
			expect(seen.skipped).toBeGreaterThan(0);
		});
	}
});
