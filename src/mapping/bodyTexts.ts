import { isRecord } from './bodyChecks';
import { stableStringify } from './keys';

/**
 * `stableStringify` of the request bodies the mapping hashes for idempotency keys, written member by member in
 * sorted key order (code-unit order, as stableStringify sorts) instead of listing and sorting every object's keys
 * for every body. The text is stableStringify's, byte for byte, for ANY value: each writer counts the members it
 * wrote and, when the object has another one (a key outside the body's schema, say), or is not a plain object,
 * hands the whole object to stableStringify. Idempotency keys hash this text, so they stay what they were
 * (`test/unit/mapping/bodyTexts.test.ts` holds every writer to stableStringify).
 */

type Body = Record<string, unknown>;


/** How many members stableStringify writes for a plain object: enumerable keys with a defined value. */
function definedMembers(object: Body): number {
	let count = 0;
	for (const key in object) if (object[key] !== undefined) count++;
	return count;
}

/**
 * `JSON.stringify(text)`, remembered in 64 slots picked by length and end characters: a body's strings are largely
 * the same IDs, codes and parameters as the previous body's (the candidate ID is in three bodies of a placement;
 * the Contractor ID parameter in every quote), and a lookup is far cheaper than JSON.stringify. A slot answers only
 * for an equal string, so a miss just quotes it again. Short strings only, so 64 slots hold little memory.
 */
const quotedFrom: string[] = new Array<string>(64).fill('');
const QUOTED_LENGTH_LIMIT = 256;
const quotedTo: string[] = new Array<string>(64).fill('""');

function quoted(text: string): string {
	const length = text.length;
	if (length === 0) return '""';
	// long texts (a job description) are quoted each time rather than kept
	if (length > QUOTED_LENGTH_LIMIT) return JSON.stringify(text);
	const slot = (length * 7 + text.charCodeAt(0) * 3 + text.charCodeAt(length - 1)) & 63;
	if (quotedFrom[slot] === text) return quotedTo[slot];
	const json = JSON.stringify(text);
	quotedFrom[slot] = text;
	quotedTo[slot] = json;
	return json;
}

/** A member's value as stableStringify writes it. */
function valueText(value: unknown): string {
	if (typeof value === 'string') return quoted(value);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
	return stableStringify(value);
}

/** A member name as written before its value: `"key":` first in its object, `,"key":` after another member. */
interface Member {
	first: string;
	next: string;
}

function member(key: string): Member {
	const quoted = `${JSON.stringify(key)}:`;
	return { first: quoted, next: `,${quoted}` };
}

const ADDRESS = member('address');
const CANCEL_URL = member('cancel_url');
const CATEGORY_CODE = member('category_code');
const CONTRACTOR = member('contractor');
const COUNTRY = member('country');
const COVERAGE_TYPE = member('coverage_type');
const CUSTOM_METADATA = member('custom_metadata');
const DESCRIPTION = member('description');
const EFFECTIVE_DATE = member('effective_date');
const EMAIL = member('email');
const END_DATE = member('end_date');
const ENTITY = member('entity');
const FIRST_NAME = member('first_name');
const GROSS_PAY = member('gross_pay');
const JOB = member('job');
const JOBDIVA_CANDIDATE_ID = member('jobdiva_candidate_id');
const JOBDIVA_JOB_ID = member('jobdiva_job_id');
const JOBDIVA_PLACEMENT_ID = member('jobdiva_placement_id');
const LAST_NAME = member('last_name');
const LINE1 = member('line1');
const LINE2 = member('line2');
const LOCALITY = member('locality');
const NAME = member('name');
const PAYCYCLE_ENDDATE = member('paycycle_enddate');
const PAYCYCLE_STARTDATE = member('paycycle_startdate');
const PHONE = member('phone');
const POSTALCODE = member('postalcode');
const PURCHASE_ORDER_NUMBER = member('purchase_order_number');
const QUOTE = member('quote');
const REGION = member('region');
const SUCCESS_URL = member('success_url');
const WAGE = member('wage');
const WAGE_TYPE = member('wage_type');

/**
 * One object's text being written: members are added in sorted key order (undefined ones are left out, as
 * stableStringify leaves them out), and `end` checks that they were all of the object's members.
 */
class ObjectText {
	private out = '{';
	private written = 0;

	/** Adds `"key":value` unless the value is undefined (`key` from {@link member}); `text` writes the value. */
	add(key: Member, value: unknown, text: (value: unknown) => string = valueText): void {
		if (value === undefined) return;
		this.out += (this.written === 0 ? key.first : key.next) + text(value);
		this.written++;
	}

	/** The text, or stableStringify's own when `object` has a member that was not added. */
	end(object: Body): string {
		return this.written === definedMembers(object) ? `${this.out}}` : stableStringify(object);
	}
}

/** An address (contractor or job). */
function addressText(value: unknown): string {
	if (!isRecord(value)) return stableStringify(value);
	const text = new ObjectText();
	text.add(COUNTRY, value.country);
	text.add(LINE1, value.line1);
	text.add(LINE2, value.line2);
	text.add(LOCALITY, value.locality);
	text.add(POSTALCODE, value.postalcode);
	text.add(REGION, value.region);
	return text.end(value);
}

/** custom_metadata, with the keys the mapping writes (any other key: stableStringify). */
function metadataText(value: unknown): string {
	if (!isRecord(value)) return stableStringify(value);
	const text = new ObjectText();
	text.add(JOBDIVA_CANDIDATE_ID, value.jobdiva_candidate_id);
	text.add(JOBDIVA_JOB_ID, value.jobdiva_job_id);
	text.add(JOBDIVA_PLACEMENT_ID, value.jobdiva_placement_id);
	return text.end(value);
}

/** POST /contractors. */
export function contractorText(body: unknown): string {
	if (!isRecord(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add(ADDRESS, body.address, addressText);
	text.add(CUSTOM_METADATA, body.custom_metadata, metadataText);
	text.add(EMAIL, body.email);
	text.add(FIRST_NAME, body.first_name);
	text.add(LAST_NAME, body.last_name);
	text.add(PHONE, body.phone);
	return text.end(body);
}

/** POST /jobs. */
export function jobText(body: unknown): string {
	if (!isRecord(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add(ADDRESS, body.address, addressText);
	text.add(CATEGORY_CODE, body.category_code);
	text.add(CUSTOM_METADATA, body.custom_metadata, metadataText);
	text.add(DESCRIPTION, body.description);
	text.add(ENTITY, body.entity);
	text.add(NAME, body.name);
	text.add(REGION, body.region);
	text.add(WAGE, body.wage);
	text.add(WAGE_TYPE, body.wage_type);
	return text.end(body);
}

/** POST /quotes and POST /assignments (one shape). */
export function coverageText(body: unknown): string {
	if (!isRecord(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add(CONTRACTOR, body.contractor);
	text.add(COVERAGE_TYPE, body.coverage_type);
	text.add(CUSTOM_METADATA, body.custom_metadata, metadataText);
	text.add(EFFECTIVE_DATE, body.effective_date);
	text.add(END_DATE, body.end_date);
	text.add(JOB, body.job);
	return text.end(body);
}

/** POST /apply/sessions. */
export function sessionText(body: unknown): string {
	if (!isRecord(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add(CANCEL_URL, body.cancel_url);
	text.add(CUSTOM_METADATA, body.custom_metadata, metadataText);
	text.add(QUOTE, body.quote);
	text.add(SUCCESS_URL, body.success_url);
	return text.end(body);
}

/** POST /invoices. */
export function invoiceText(body: unknown): string {
	if (!isRecord(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add(CONTRACTOR, body.contractor);
	text.add(GROSS_PAY, body.gross_pay);
	text.add(JOB, body.job);
	text.add(PAYCYCLE_ENDDATE, body.paycycle_enddate);
	text.add(PAYCYCLE_STARTDATE, body.paycycle_startdate);
	text.add(PURCHASE_ORDER_NUMBER, body.purchase_order_number);
	return text.end(body);
}
