import { z } from 'zod';
import { ValueError } from '../util/valueError';
import { COVERAGE_TYPES, WAGE_TYPES } from '../ten99policy/fields';
import { WAGE_MAX_CENTS, WAGE_MIN_CENTS } from '../ten99policy/money';
import { RATE_PERIODS } from './rates';

/**
 * The 1099Policy request bodies this mapping produces, as zod schemas. Every body leaves `src/mapping` only after
 * passing its schema, so a mapped item is always a body the API accepts (shape-wise; IDs are checked by the API).
 *
 * The IDs of objects created by earlier workflow steps (`contractor`, `job`, `quote`, `entity`) come from node
 * parameters; when the user leaves one empty the body omits it and the item says so in `notes`, so those keys
 * are optional here even where the API requires them: the Ten99Policy node (or an expression) fills them in.
 */

const text = z.string().trim().min(1);
const unixSeconds = z.number().int().positive().lt(1e11);
const region = z.string().regex(/^[A-Z]{2}$/, 'a 2-letter state code');
const coverageType = z.enum(COVERAGE_TYPES);

const address = z
	.object({
		line1: text.optional(),
		line2: text.optional(),
		locality: text.optional(),
		region: region.optional(),
		postalcode: text.optional(),
		country: z.string().regex(/^[A-Z]{2}$/, 'a 2-letter country code').optional(),
	})
	.strict()
	.refine((a) => Object.keys(a).length > 0, 'an empty address must be left out');

/**
 * Contractor: FLAT, as in the API reference and both SDKs. The JobDiva guide's example nests name and email in a
 * `contact` object; that is a simplification of its docs, not the API's shape.
 */
export const contractorBody = z
	.object({
		first_name: text,
		last_name: text,
		email: z.string().email(),
		phone: text.optional(),
		address: address.optional(),
		custom_metadata: z.object({ jobdiva_candidate_id: text }).catchall(z.string()),
	})
	.strict();

export const jobBody = z
	.object({
		name: text,
		description: text,
		entity: text.optional(),
		category_code: text,
		wage: z.number().int().min(WAGE_MIN_CENTS).max(WAGE_MAX_CENTS),
		wage_type: z.enum(WAGE_TYPES),
		region: region.optional(),
		address: z
			.object({ line1: text.optional(), line2: text.optional(), locality: text.optional(), region, postalcode: text, country: z.string().regex(/^[A-Z]{2}$/).optional() })
			.strict()
			.optional(),
		custom_metadata: z.object({ jobdiva_job_id: text }).catchall(z.string()),
	})
	.strict();

const placementMetadata = z.object({ jobdiva_placement_id: text }).catchall(z.string());

// end_date may be left out: 1099Policy then ends coverage 30 days after the effective date (reference, Create a quote).
const coverageWindow = {
	effective_date: unixSeconds,
	end_date: unixSeconds.optional(),
};

/** A quote and an assignment for one placement take the same fields, with the same window rule. */
const placementCoverageBody = z
	.object({
		contractor: text.optional(),
		job: text.optional(),
		coverage_type: z.array(coverageType).min(1),
		...coverageWindow,
		custom_metadata: placementMetadata,
	})
	.strict()
	.refine((b) => b.end_date === undefined || b.end_date > b.effective_date, { message: 'end_date must be after effective_date', path: ['end_date'] });

export const quoteBody = placementCoverageBody;
export const assignmentBody = placementCoverageBody;

export const sessionBody = z
	.object({
		quote: text.optional(),
		success_url: z.string().url().optional(),
		cancel_url: z.string().url().optional(),
		custom_metadata: placementMetadata,
	})
	.strict();

export const invoiceBody = z
	.object({
		contractor: text.optional(),
		job: text.optional(),
		gross_pay: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
		paycycle_startdate: unixSeconds,
		paycycle_enddate: unixSeconds,
		purchase_order_number: text.optional(),
	})
	.strict()
	.refine((i) => i.paycycle_enddate >= i.paycycle_startdate, { message: 'paycycle_enddate must not be before paycycle_startdate', path: ['paycycle_enddate'] });

/** The multipart form fields of a certificate upload; the PDF itself travels as n8n binary data. */
export const certificateFields = z
	.object({
		contractor: text.optional(),
		custom_metadata: z.object({ jobdiva_candidate_id: text }).catchall(z.string()),
	})
	.strict();

export type ContractorBody = z.infer<typeof contractorBody>;
export type JobBody = z.infer<typeof jobBody>;
export type QuoteBody = z.infer<typeof quoteBody>;
export type AssignmentBody = z.infer<typeof assignmentBody>;
export type SessionBody = z.infer<typeof sessionBody>;
export type InvoiceBody = z.infer<typeof invoiceBody>;
export type CertificateFields = z.infer<typeof certificateFields>;

/* ---------- the rules (node parameters), validated so a bad table names the parameter row ---------- */

const fieldValue = z.object({ field: text, value: text });

export const rulesSchema = z.object({
	categoryTable: z
		.array(z.object({ match: z.enum(['title', 'category', 'skill', 'any']), pattern: text, code: text }))
		.default([]),
	defaultCategoryCode: z.string().trim().default(''),
	clientTable: z
		.array(z.object({ client: text, coverageTypes: z.array(coverageType).min(1), entity: z.string().trim().default('') }))
		.default([]),
	defaultCoverageTypes: z.array(coverageType).min(1).default(['general']),
	defaultEntity: z.string().trim().default(''),
	proxyEmailDomain: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/, 'a domain such as relay.example.com')
		.default('relay.example.com'),
	/** IANA zone for zoneless dates; empty = the worksite state's zone. */
	timeZone: z.string().trim().default(''),
	/** Used when no worksite state is known (the node passes the workflow's time zone). */
	fallbackTimeZone: z.string().trim().default('UTC'),
	skipList: z.array(fieldValue).default([]),
	contractorEvidence: z.array(fieldValue).default([]),
	/** Apply the contractor gate to candidate/job/timesheet/invoice/attachment items too (placements always are). */
	gateAllOperations: z.boolean().default(false),
	unitTable: z.array(z.object({ unit: text, period: z.enum(RATE_PERIODS) })).default([]),
	successUrlTemplate: z.string().trim().default(''),
	cancelUrlTemplate: z.string().trim().default(''),
	/** IDs of 1099Policy objects created earlier in the workflow (expressions); empty = left out with a note. */
	contractorId: z.string().trim().default(''),
	jobId: z.string().trim().default(''),
	quoteId: z.string().trim().default(''),
});

export type MappingRules = z.infer<typeof rulesSchema>;
export type MappingRulesInput = z.input<typeof rulesSchema>;

/**
 * Parses `body` with `schema`; a failure (a mapping bug or an odd value that slipped through) becomes a ValueError
 * naming the 1099Policy field, so it reaches the user as an item error instead of an uncaught exception.
 */
export function validate<T extends z.ZodTypeAny>(schema: T, body: unknown, what: string): z.infer<T> {
	const result = schema.safeParse(body);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const path = issue.path.join('.');
	let value: unknown = body;
	for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
	throw new ValueError(
		`${what}${path ? `.${path}` : ''}`,
		value,
		`does not fit the 1099Policy ${what} request (${issue.message})`,
		'Check the JobDiva value this field is mapped from (see the mapping README) or the node parameter that feeds it.',
	);
}
