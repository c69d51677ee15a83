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

const isPlainBody = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

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
 * for an equal string, so a miss just quotes it again.
 */
const quotedFrom: string[] = new Array<string>(64).fill('');
const quotedTo: string[] = new Array<string>(64).fill('""');

function quoted(text: string): string {
	const length = text.length;
	if (length === 0) return '""';
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

/**
 * One object's text being written: members are added in sorted key order (undefined ones are left out, as
 * stableStringify leaves them out), and `end` checks that they were all of the object's members.
 */
class ObjectText {
	private out = '{';
	private written = 0;

	/** Adds `"key":value` (`quotedKey` is `"key":`) unless the value is undefined; `text` writes the value. */
	add(quotedKey: string, value: unknown, text: (value: unknown) => string = valueText): void {
		if (value === undefined) return;
		this.out += this.written === 0 ? quotedKey + text(value) : `,${quotedKey}${text(value)}`;
		this.written++;
	}

	/** The text, or stableStringify's own when `object` has a member that was not added. */
	end(object: Body): string {
		return this.written === definedMembers(object) ? `${this.out}}` : stableStringify(object);
	}
}

/** An address (contractor or job). */
function addressText(value: unknown): string {
	if (!isPlainBody(value)) return stableStringify(value);
	const text = new ObjectText();
	text.add('"country":', value.country);
	text.add('"line1":', value.line1);
	text.add('"line2":', value.line2);
	text.add('"locality":', value.locality);
	text.add('"postalcode":', value.postalcode);
	text.add('"region":', value.region);
	return text.end(value);
}

/** custom_metadata, with the keys the mapping writes (any other key: stableStringify). */
function metadataText(value: unknown): string {
	if (!isPlainBody(value)) return stableStringify(value);
	const text = new ObjectText();
	text.add('"jobdiva_candidate_id":', value.jobdiva_candidate_id);
	text.add('"jobdiva_job_id":', value.jobdiva_job_id);
	text.add('"jobdiva_placement_id":', value.jobdiva_placement_id);
	return text.end(value);
}

/** POST /contractors. */
export function contractorText(body: unknown): string {
	if (!isPlainBody(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add('"address":', body.address, addressText);
	text.add('"custom_metadata":', body.custom_metadata, metadataText);
	text.add('"email":', body.email);
	text.add('"first_name":', body.first_name);
	text.add('"last_name":', body.last_name);
	text.add('"phone":', body.phone);
	return text.end(body);
}

/** POST /jobs. */
export function jobText(body: unknown): string {
	if (!isPlainBody(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add('"address":', body.address, addressText);
	text.add('"category_code":', body.category_code);
	text.add('"custom_metadata":', body.custom_metadata, metadataText);
	text.add('"description":', body.description);
	text.add('"entity":', body.entity);
	text.add('"name":', body.name);
	text.add('"region":', body.region);
	text.add('"wage":', body.wage);
	text.add('"wage_type":', body.wage_type);
	return text.end(body);
}

/** POST /quotes and POST /assignments (one shape). */
export function coverageText(body: unknown): string {
	if (!isPlainBody(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add('"contractor":', body.contractor);
	text.add('"coverage_type":', body.coverage_type);
	text.add('"custom_metadata":', body.custom_metadata, metadataText);
	text.add('"effective_date":', body.effective_date);
	text.add('"end_date":', body.end_date);
	text.add('"job":', body.job);
	return text.end(body);
}

/** POST /apply/sessions. */
export function sessionText(body: unknown): string {
	if (!isPlainBody(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add('"cancel_url":', body.cancel_url);
	text.add('"custom_metadata":', body.custom_metadata, metadataText);
	text.add('"quote":', body.quote);
	text.add('"success_url":', body.success_url);
	return text.end(body);
}

/** POST /invoices. */
export function invoiceText(body: unknown): string {
	if (!isPlainBody(body)) return stableStringify(body);
	const text = new ObjectText();
	text.add('"contractor":', body.contractor);
	text.add('"gross_pay":', body.gross_pay);
	text.add('"job":', body.job);
	text.add('"paycycle_enddate":', body.paycycle_enddate);
	text.add('"paycycle_startdate":', body.paycycle_startdate);
	text.add('"purchase_order_number":', body.purchase_order_number);
	return text.end(body);
}
