import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkAssignment, checkContractor, checkInvoice, checkJob, checkQuote, checkSession, isEmailText } from '../../../src/mapping/bodyChecks';
import { schemas } from '../../../src/mapping';

/**
 * bodyChecks.ts may only ever answer what zod answers: when a check returns a body, zod must accept the input and
 * return the same body, keys in the same order; when zod rejects, the check must return undefined (zod then
 * reports the error). Bodies here are valid ones with random members replaced by junk, removed or added.
 */

const junk: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(undefined, null, '', ' ', ' x', 'x ', 'x', 'CA', 'ca', 'CAL', 'US', 'general', 'cyber', 'other', 'hourly', 'unit', 'weekly'),
	fc.constantFrom('a@b.co', 'A.B+c@ex-ample.com', '.a@b.co', 'a..b@c.co', 'a@b.c', 'a@-b.co', 'a @b.co', ' a@b.co'),
	fc.constantFrom('https://x.example/a?b=1', 'http://h', 'ftp://x', 'not a url', 'https://', 'mailto:a@b.co'),
	fc.constantFrom(0, -1, 1, 99, 100, 100_000_000, 100_000_001, 1.5, NaN, Infinity, 1e11 - 1, 1e11, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -0),
	fc.constantFrom([], ['general'], ['general', 'cyber'], ['bad'], [1], new Array(1)),
	fc.constantFrom({}, { jobdiva_candidate_id: '1' }, { jobdiva_job_id: '2', x: 'y' }, { jobdiva_placement_id: '3', n: 1 }, { line1: 'a' }, { region: 'CA', postalcode: '9' }),
	fc.string({ maxLength: 4 }),
	fc.integer(),
);

const placementMeta = { jobdiva_placement_id: 'pl1', jobdiva_job_id: 'j1', jobdiva_candidate_id: 'c1' };

const cases: { name: string; schema: z.ZodTypeAny; check: (body: Record<string, unknown>) => unknown; valid: Record<string, unknown>; nested: string[] }[] = [
	{
		name: 'contractor',
		schema: schemas.contractorBody,
		check: checkContractor,
		valid: { first_name: 'Jo', last_name: 'Lee', email: 'jo@example.net', custom_metadata: { jobdiva_candidate_id: '1' }, phone: '555', address: { line1: '1 Main', locality: 'X', region: 'CA', postalcode: '9', country: 'US' } },
		nested: ['address', 'custom_metadata'],
	},
	{
		name: 'job',
		schema: schemas.jobBody,
		check: checkJob,
		valid: { name: 'Dev', description: 'Does', category_code: 'jc_X', wage: 9510, wage_type: 'hourly', entity: 'en_1', region: 'NY', address: { line1: 'a', locality: 'b', region: 'NY', postalcode: '1' }, custom_metadata: { jobdiva_job_id: '2', jobdiva_candidate_id: '1' } },
		nested: ['address', 'custom_metadata'],
	},
	{
		name: 'quote',
		schema: schemas.quoteBody,
		check: checkQuote,
		valid: { contractor: 'cn_1', job: 'jb_1', coverage_type: ['general'], effective_date: 1_800_000_000, end_date: 1_800_086_399, custom_metadata: placementMeta },
		nested: ['custom_metadata'],
	},
	{
		name: 'assignment',
		schema: schemas.assignmentBody,
		check: checkAssignment,
		valid: { job: 'jb_1', coverage_type: ['general', 'cyber'], effective_date: 1_800_000_000, custom_metadata: placementMeta },
		nested: ['custom_metadata'],
	},
	{
		name: 'session',
		schema: schemas.sessionBody,
		check: checkSession,
		valid: { custom_metadata: { jobdiva_placement_id: 'pl1' }, quote: 'qt_1', success_url: 'https://x.example/pl1?c=active', cancel_url: 'https://x.example/pl1?c=canceled' },
		nested: ['custom_metadata'],
	},
	{
		name: 'invoice',
		schema: schemas.invoiceBody,
		check: checkInvoice,
		valid: { gross_pay: 356_625, paycycle_startdate: 1_800_000_000, paycycle_enddate: 1_800_600_000, contractor: 'cn_1', job: 'jb_1', purchase_order_number: 'PO1' },
		nested: [],
	},
];

/** A valid body (keys shuffled) with some members replaced, removed or added, at the top level or one down. */
function mutated(valid: Record<string, unknown>, nested: string[]) {
	const keys = [...Object.keys(valid), ...nested.flatMap((key) => Object.keys(valid[key] as object).map((inner) => `${key}.${inner}`)), 'extra', 'address.extra', 'custom_metadata.extra'];
	return fc
		.tuple(fc.shuffledSubarray(Object.keys(valid), { minLength: Object.keys(valid).length }), fc.array(fc.tuple(fc.constantFrom(...keys), junk, fc.boolean()), { maxLength: 3 }))
		.map(([order, changes]) => {
			const body: Record<string, unknown> = {};
			for (const key of order) body[key] = valid[key] && typeof valid[key] === 'object' && !Array.isArray(valid[key]) ? { ...(valid[key] as object) } : valid[key];
			for (const [path, value, remove] of changes) {
				const [outer, inner] = path.split('.');
				const target = inner === undefined ? body : (body[outer] as Record<string, unknown> | undefined);
				if (!target || typeof target !== 'object' || Array.isArray(target)) continue;
				const key = inner ?? outer;
				if (remove) delete target[key];
				else target[key] = value;
			}
			return body;
		});
}

describe('hand-written body checks answer as zod does', () => {
	for (const { name, schema, check, valid, nested } of cases) {
		it(`${name}: same body in the same key order when sure, otherwise left to zod`, () => {
			let accepted = 0;
			fc.assert(
				fc.property(mutated(valid, nested), (body) => {
					const fast = check(body);
					const result = schema.safeParse(body);
					if (fast === undefined) return;
					accepted++;
					expect(result.success).toBe(true);
					expect(JSON.stringify(fast)).toBe(JSON.stringify(result.data));
					expect(fast).toStrictEqual(result.data);
				}),
				{ numRuns: 4000 },
			);
			expect(accepted).toBeGreaterThan(200);
			expect(JSON.stringify(check(valid))).toBe(JSON.stringify(schema.parse(valid)));
		});
	}

	it('the email pattern is zod\'s', () => {
		const email = z.string().email();
		fc.assert(
			fc.property(fc.oneof(fc.emailAddress(), fc.string(), fc.stringMatching(/^[a-z.+'_-]{0,4}@[a-z0-9.-]{0,6}\.[a-z]{0,3}$/)), (text) => {
				expect(isEmailText(text)).toBe(email.safeParse(text).success);
			}),
			{ numRuns: 5000 },
		);
	});
});
