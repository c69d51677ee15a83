import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchRecords } from '../../bench/mappingRecords';
import { mapRecordSafe, OPERATIONS } from '../../../src/mapping';
import { contractorText, coverageText, invoiceText, jobText, sessionText } from '../../../src/mapping/bodyTexts';
import { stableStringify } from '../../../src/mapping/keys';
import { fixture, rules } from './support';

/**
 * bodyTexts.ts writes the text idempotency keys hash without sorting keys at run time; it must be exactly
 * stableStringify's text for every value: real mapped bodies, and any object built from the bodies' keys with junk
 * members, extra keys, undefined members, null prototypes and nested oddities.
 */

const writers = { contractor: contractorText, job: jobText, coverage: coverageText, session: sessionText, invoice: invoiceText };

/** Each body's keys (and its nested objects' keys), as the writers expect them, plus keys no body has. */
const BODY_KEYS = [
	['first_name', 'last_name', 'email', 'phone', 'address', 'custom_metadata'],
	['name', 'description', 'entity', 'category_code', 'wage', 'wage_type', 'region', 'address', 'custom_metadata'],
	['contractor', 'job', 'coverage_type', 'effective_date', 'end_date', 'custom_metadata'],
	['quote', 'success_url', 'cancel_url', 'custom_metadata'],
	['contractor', 'job', 'gross_pay', 'paycycle_startdate', 'paycycle_enddate', 'purchase_order_number'],
];
const INNER_KEYS = [
	['line1', 'line2', 'locality', 'region', 'postalcode', 'country'],
	['jobdiva_candidate_id', 'jobdiva_job_id', 'jobdiva_placement_id'],
];
const EXTRA_KEYS = ['extra', 'other', 'Address', '0', 'a', 'z', '_', '__proto__'];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(undefined, null, '', 'x', 'é ✓ 𝄞', '"quoted"\\', '\u0000\u001f', '\ud800', 'general', true, false),
	fc.constantFrom(0, -0, 1, 9510, 1.5, -1, NaN, Infinity, -Infinity, 1e21, Number.MAX_SAFE_INTEGER),
	fc.string(),
	fc.double(),
	fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null)), { maxLength: 3 }),
	fc.constantFrom(new Array(2), [1, , 3], new Date(0)), // eslint-disable-line no-sparse-arrays
);

/** An object of some of `keys` (sometimes an extra one, sometimes without a prototype), with `values`. */
function objectOf(keyLists: string[][], values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
	return fc
		.tuple(fc.constantFrom(...keyLists).chain((keys) => fc.shuffledSubarray(keys)), fc.array(values, { minLength: 10, maxLength: 10 }), fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...EXTRA_KEYS) }), fc.boolean(), fc.nat(20))
		.map(([keys, memberValues, extra, nullPrototype, roll]) => {
			const object: Record<string, unknown> = roll === 0 && nullPrototype ? (Object.create(null) as Record<string, unknown>) : {};
			keys.forEach((key, index) => (object[key] = memberValues[index]));
			if (extra !== null) Object.defineProperty(object, extra, { value: memberValues[9], enumerable: true, writable: true, configurable: true });
			return object;
		});
}

const inner: fc.Arbitrary<unknown> = fc.oneof({ weight: 1, arbitrary: leaf }, { weight: 3, arbitrary: objectOf(INNER_KEYS, leaf) });
const body: fc.Arbitrary<unknown> = fc.oneof({ weight: 10, arbitrary: objectOf(BODY_KEYS, fc.oneof(leaf, inner, inner)) }, { weight: 1, arbitrary: fc.anything() });

describe('bodyTexts: stableStringify without sorting at run time', () => {
	it('every writer gives stableStringify text for any value', () => {
		fc.assert(
			fc.property(body, (value) => {
				for (const write of Object.values(writers)) expect(write(value)).toBe(stableStringify(value));
			}),
			{ numRuns: 5000 },
		);
	});

	it('a body with an inherited enumerable key or a non-enumerable own key is written as stableStringify writes it', () => {
		const withHidden = { email: 'a@b.co' };
		Object.defineProperty(withHidden, 'phone', { value: '555', enumerable: false });
		const inheriting = Object.create({ name: 'inherited' }) as Record<string, unknown>;
		inheriting.description = 'own';
		for (const value of [withHidden, inheriting, { custom_metadata: withHidden }, { address: inheriting }]) {
			for (const write of Object.values(writers)) expect(write(value)).toBe(stableStringify(value));
		}
	});

	it('every mapped body of the benchmark mix and the fixtures, under two rule sets', () => {
		const inputs = [
			...benchRecords(2_000).map((record) => ({ input: record.input, operations: [record.operation] })),
			...['candidateDetail', 'jobDetail', 'activityRecord', 'searchStart', 'camelCasePlacement', 'webhookCandidate', 'webhookSalary', 'timesheetRecord', 'invoiceDetail'].map((name) => ({ input: fixture(name), operations: OPERATIONS })),
		];
		let checked = 0;
		for (const ruleSet of [rules(), rules({ contractorId: '', jobId: '', quoteId: '', successUrlTemplate: '', defaultEntity: '', timeZone: 'America/Chicago' })]) {
			for (const { input, operations } of inputs) {
				for (const operation of operations) {
					const outcome = mapRecordSafe(input, operation, ruleSet);
					if (outcome.kind !== 'mapped') continue;
					const json = outcome.json;
					const pairs: [unknown, (value: unknown) => string][] = [
						[json.contractor?.body, contractorText],
						[json.job?.body, jobText],
						[json.quote?.body, coverageText],
						[json.assignment?.body, coverageText],
						[json.session?.body, sessionText],
						[json.invoice?.body, invoiceText],
					];
					for (const [mappedBody, write] of pairs) {
						if (mappedBody === undefined) continue;
						expect(write(mappedBody)).toBe(stableStringify(mappedBody));
						checked++;
					}
				}
			}
		}
		expect(checked).toBeGreaterThan(4_000);
	});
});
