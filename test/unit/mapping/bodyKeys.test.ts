import { describe, expect, it } from 'vitest';
import { benchRecords } from '../../bench/mappingRecords';
import { mapRecordSafe } from '../../../src/mapping';
import { idempotencyKey } from '../../../src/mapping/keys';
import { fixture, rules } from './support';

/**
 * Every idempotency key is the hash of the body it goes with, as idempotencyKey computes it, including the
 * assignment key, which placement.ts takes from the quote's hash (the two bodies are equal by construction).
 */

describe('idempotency keys match their bodies', () => {
	it('for the mapping benchmark mix and the fixtures, under two rule sets', () => {
		const inputs = [
			...benchRecords(2_000).map((record) => ({ input: record.input, operation: record.operation })),
			...['activityRecord', 'searchStart', 'camelCasePlacement', 'webhookSalary'].map((name) => ({ input: fixture(name), operation: 'mapPlacement' as const })),
		];
		let checked = 0;
		for (const ruleSet of [rules(), rules({ contractorId: '', jobId: '', quoteId: '', successUrlTemplate: '', timeZone: 'America/Chicago' })]) {
			for (const { input, operation } of inputs) {
				const outcome = mapRecordSafe(input, operation, ruleSet);
				if (outcome.kind !== 'mapped') continue;
				const { quote, assignment, session, jobdiva } = outcome.json;
				if (!quote || !assignment || !session) continue;
				const id = jobdiva.placementId ?? '';
				expect(quote.body).toStrictEqual(assignment.body);
				expect(quote.idempotencyKey).toBe(idempotencyKey('placement', id, quote.body));
				expect(assignment.idempotencyKey).toBe(idempotencyKey('assignment', id, assignment.body));
				expect(session.idempotencyKey).toBe(idempotencyKey('session', id, session.body));
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(1_000);
	});
});
