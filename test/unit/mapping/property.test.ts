import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapRecordSafe, OPERATIONS, schemas, type MapOutcome } from '../../../src/mapping';
import { item } from './arbitraries';
import { rules } from './support';

/**
 * Thousands of random and malformed JobDiva records through every operation: nothing escapes as an uncaught
 * exception, and every outcome is either schema-valid 1099Policy bodies, a Skipped item with a reason and a
 * field, or an error naming a field and a fix.
 */

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
