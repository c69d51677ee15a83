import { COVERAGE_TYPES, WAGE_TYPES } from '../ten99policy/fields';
import { WAGE_MAX_CENTS, WAGE_MIN_CENTS } from '../ten99policy/money';
import type { AssignmentBody, ContractorBody, InvoiceBody, JobBody, QuoteBody, SessionBody } from './schemas';

/**
 * Hand-written twins of the zod body schemas in schemas.ts, for the hot path: zod stays the schema of record,
 * but running it on every body of every item was a tenth of the mapping's time. Each check returns what zod's
 * `parse` would return (a fresh object, keys in schema order, arrays copied) when it is SURE zod accepts the body,
 * and undefined otherwise; `schemas.ts` `validateBody` then asks zod itself, so an odd body (untrimmed text, a
 * key set to undefined) gets exactly zod's result or error. `test/unit/mapping/bodyChecks.test.ts` holds them to that.
 */

type Body = Record<string, unknown>;

/** zod's `z.string().email()` pattern (zod v3 types.js `emailRegex`). */
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9-]*\.)+[A-Z]{2,}$/i;
const TWO_LETTERS = /^[A-Z]{2}$/;
const COVERAGE = new Set<unknown>(COVERAGE_TYPES);
const WAGE_TYPE = new Set<unknown>(WAGE_TYPES);

/** True for a string zod's `email()` accepts. */
export const isEmailText = (value: unknown): value is string => typeof value === 'string' && EMAIL.test(value);

/** `z.string().trim().min(1)` leaving the value as it is: already trimmed and not empty. */
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.trim() === value;
const isRegion = (value: unknown): value is string => typeof value === 'string' && TWO_LETTERS.test(value);
const isUnixSeconds = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0 && (value as number) < 1e11;

/**
 * The last two URLs placement.ts parsed with `new URL`, or knew to parse (from a template no value can break), the
 * session's success and cancel URLs, so checkSession, which runs right after on the same strings, need not parse
 * them again: `new URL` answers the same for the same text. Two plain slots, not a Set: comparing the very same strings is nearly free, hashing fresh ones is not.
 */
const parsedUrls: [string, string] = ['', ''];

export function rememberParsedUrl(url: string): void {
	parsedUrls[1] = parsedUrls[0];
	parsedUrls[0] = url;
}

function isUrl(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	if (value !== '' && (value === parsedUrls[0] || value === parsedUrls[1])) return true;
	try {
		new URL(value);
		return true;
	} catch {
		return false;
	}
}

/** A plain object (an object literal or JSON.parse's), not an array, class instance or null. */
export const isRecord = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Every own key is one of `allowed` and set (a key holding undefined is left to zod). */
function hasOnly(body: Body, allowed: ReadonlySet<string>): boolean {
	for (const key in body) {
		if (!Object.prototype.hasOwnProperty.call(body, key)) return false;
		if (!allowed.has(key) || body[key] === undefined) return false;
	}
	return true;
}

/**
 * `{ [idKey]: id }`, as object literals with the key written out for the three ID keys: a computed key makes V8
 * define the property the slow way, and every metadata object of every body starts here.
 */
function startMetadata(idKey: string, id: string): Record<string, string> {
	switch (idKey) {
		case 'jobdiva_candidate_id':
			return { jobdiva_candidate_id: id };
		case 'jobdiva_job_id':
			return { jobdiva_job_id: id };
		case 'jobdiva_placement_id':
			return { jobdiva_placement_id: id };
		default:
			return { [idKey]: id };
	}
}

/** `z.object({ [idKey]: text }).catchall(z.string())`: the ID first, then the other keys in their order. */
function metadata(value: unknown, idKey: string): Record<string, string> | undefined {
	if (!isRecord(value) || !isText(value[idKey])) return undefined;
	const out = startMetadata(idKey, value[idKey]);
	for (const key in value) {
		if (key === idKey) continue;
		const item = value[key];
		if (typeof item !== 'string' || key === '__proto__' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		out[key] = item;
	}
	return out;
}

function coverageTypes(value: unknown): QuoteBody['coverage_type'] | undefined {
	if (!Array.isArray(value) || value.length === 0) return undefined;
	const out: QuoteBody['coverage_type'] = [];
	for (let index = 0; index < value.length; index++) {
		const item: unknown = value[index];
		if (!COVERAGE.has(item)) return undefined;
		out.push(item as QuoteBody['coverage_type'][number]);
	}
	return out;
}

/** Copies the optional text keys that are present, in `keys` order; false when one is not text. */
function copyTexts(from: Body, to: Body, keys: readonly string[]): boolean {
	for (const key of keys) {
		if (!(key in from)) continue;
		if (!isText(from[key])) return false;
		to[key] = from[key];
	}
	return true;
}

const CONTRACTOR_KEYS = new Set(['first_name', 'last_name', 'email', 'phone', 'address', 'custom_metadata']);
const ADDRESS_KEYS = new Set(['line1', 'line2', 'locality', 'region', 'postalcode', 'country']);

function contractorAddress(value: unknown): Body | undefined {
	if (!isRecord(value) || !hasOnly(value, ADDRESS_KEYS)) return undefined;
	const out: Body = {};
	if (!copyTexts(value, out, ['line1', 'line2', 'locality'])) return undefined;
	if ('region' in value) {
		if (!isRegion(value.region)) return undefined;
		out.region = value.region;
	}
	if (!copyTexts(value, out, ['postalcode'])) return undefined;
	if ('country' in value) {
		if (!isRegion(value.country)) return undefined;
		out.country = value.country;
	}
	// the schema's refine: an empty address must be left out
	return Object.keys(out).length > 0 ? out : undefined;
}

export function checkContractor(body: Body): ContractorBody | undefined {
	if (!hasOnly(body, CONTRACTOR_KEYS)) return undefined;
	if (!isText(body.first_name) || !isText(body.last_name) || !isEmailText(body.email)) return undefined;
	const out: Body = { first_name: body.first_name, last_name: body.last_name, email: body.email };
	if (!copyTexts(body, out, ['phone'])) return undefined;
	if ('address' in body) {
		const address = contractorAddress(body.address);
		if (!address) return undefined;
		out.address = address;
	}
	const custom = metadata(body.custom_metadata, 'jobdiva_candidate_id');
	if (!custom) return undefined;
	out.custom_metadata = custom;
	return out as ContractorBody;
}

const JOB_KEYS = new Set(['name', 'description', 'entity', 'category_code', 'wage', 'wage_type', 'region', 'address', 'custom_metadata']);

function jobAddress(value: unknown): Body | undefined {
	if (!isRecord(value) || !hasOnly(value, ADDRESS_KEYS)) return undefined;
	const out: Body = {};
	if (!copyTexts(value, out, ['line1', 'line2', 'locality'])) return undefined;
	if (!isRegion(value.region) || !isText(value.postalcode)) return undefined;
	out.region = value.region;
	out.postalcode = value.postalcode;
	if ('country' in value) {
		if (!isRegion(value.country)) return undefined;
		out.country = value.country;
	}
	return out;
}

export function checkJob(body: Body): JobBody | undefined {
	if (!hasOnly(body, JOB_KEYS)) return undefined;
	if (!isText(body.name) || !isText(body.description)) return undefined;
	const out: Body = { name: body.name, description: body.description };
	if (!copyTexts(body, out, ['entity'])) return undefined;
	if (!isText(body.category_code)) return undefined;
	out.category_code = body.category_code;
	const wage = body.wage;
	if (!Number.isInteger(wage) || (wage as number) < WAGE_MIN_CENTS || (wage as number) > WAGE_MAX_CENTS) return undefined;
	if (!WAGE_TYPE.has(body.wage_type)) return undefined;
	out.wage = wage;
	out.wage_type = body.wage_type;
	if ('region' in body) {
		if (!isRegion(body.region)) return undefined;
		out.region = body.region;
	}
	if ('address' in body) {
		const address = jobAddress(body.address);
		if (!address) return undefined;
		out.address = address;
	}
	const custom = metadata(body.custom_metadata, 'jobdiva_job_id');
	if (!custom) return undefined;
	out.custom_metadata = custom;
	return out as JobBody;
}

const COVERAGE_KEYS = new Set(['contractor', 'job', 'coverage_type', 'effective_date', 'end_date', 'custom_metadata']);

/** Quote and assignment bodies have one shape. */
function checkCoverage(body: Body): Body | undefined {
	if (!hasOnly(body, COVERAGE_KEYS)) return undefined;
	const out: Body = {};
	if (!copyTexts(body, out, ['contractor', 'job'])) return undefined;
	const types = coverageTypes(body.coverage_type);
	if (!types || !isUnixSeconds(body.effective_date)) return undefined;
	out.coverage_type = types;
	out.effective_date = body.effective_date;
	if ('end_date' in body) {
		// the schema's refine: the end after the start
		if (!isUnixSeconds(body.end_date) || body.end_date <= body.effective_date) return undefined;
		out.end_date = body.end_date;
	}
	const custom = metadata(body.custom_metadata, 'jobdiva_placement_id');
	if (!custom) return undefined;
	out.custom_metadata = custom;
	return out;
}

export const checkQuote = (body: Body): QuoteBody | undefined => checkCoverage(body) as QuoteBody | undefined;
export const checkAssignment = (body: Body): AssignmentBody | undefined => checkCoverage(body) as AssignmentBody | undefined;

const SESSION_KEYS = new Set(['quote', 'success_url', 'cancel_url', 'custom_metadata']);

export function checkSession(body: Body): SessionBody | undefined {
	if (!hasOnly(body, SESSION_KEYS)) return undefined;
	const out: Body = {};
	if (!copyTexts(body, out, ['quote'])) return undefined;
	for (const key of ['success_url', 'cancel_url']) {
		if (!(key in body)) continue;
		if (!isUrl(body[key])) return undefined;
		out[key] = body[key];
	}
	const custom = metadata(body.custom_metadata, 'jobdiva_placement_id');
	if (!custom) return undefined;
	out.custom_metadata = custom;
	return out as SessionBody;
}

const INVOICE_KEYS = new Set(['contractor', 'job', 'gross_pay', 'paycycle_startdate', 'paycycle_enddate', 'purchase_order_number']);

export function checkInvoice(body: Body): InvoiceBody | undefined {
	if (!hasOnly(body, INVOICE_KEYS)) return undefined;
	const out: Body = {};
	if (!copyTexts(body, out, ['contractor', 'job'])) return undefined;
	const gross = body.gross_pay;
	if (!Number.isInteger(gross) || (gross as number) < 1 || (gross as number) > Number.MAX_SAFE_INTEGER) return undefined;
	if (!isUnixSeconds(body.paycycle_startdate) || !isUnixSeconds(body.paycycle_enddate)) return undefined;
	// the schema's refine: the end not before the start
	if (body.paycycle_enddate < body.paycycle_startdate) return undefined;
	out.gross_pay = gross;
	out.paycycle_startdate = body.paycycle_startdate;
	out.paycycle_enddate = body.paycycle_enddate;
	if (!copyTexts(body, out, ['purchase_order_number'])) return undefined;
	return out as InvoiceBody;
}
