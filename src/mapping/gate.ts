import { compactKey, isBlank, pick, text, type Found, type Normalised } from './normalise';

/**
 * The contractor-only gate. The integration guide covers independent-contractor placements only; W-2 employees,
 * direct hires and EOR arrangements are out of scope. JobDiva has no literal "1099" field, so a placement passes
 * only on POSITIVE evidence:
 * - a user-configured field/value (Contractor Evidence parameter), e.g. a tenant UDF `WORKER_TYPE = 1099`;
 * - employment category `Subcontractor`, `1099`, `Independent Contractor`, `C2C`/`Corp to Corp`;
 * - the corp-to-corp flag (`CORPTOCORP`, searchStart's `"crop to crop"` [sic], `corpToCorp`) set: Y/Yes/true/1;
 * - a position type that itself says 1099 / subcontractor / independent contractor / corp-to-corp.
 * A position type of "contract" alone is NOT evidence: staffing firms place many W-2 hourly "contract" employees,
 * and a production JobDiva sync treats `contract` + `crop to crop: null` as W-2.
 * Negative evidence (employment category Employee/W2/Hourly/Salaried; position type Direct Placement, Direct Hire,
 * Right to Hire, Contract to Hire, Permanent) skips the item even when a positive sign is present too.
 */

export interface FieldValue {
	field: string;
	value: string;
}

export interface GateResult {
	pass: boolean;
	reason: string;
	field: string;
	value: unknown;
	/** Set when the item is positively NOT a contractor engagement (employee, direct hire), not merely unproven. */
	negative?: true;
}

const POSITIVE_CATEGORY = /^(subcontractor|sub contractor|1099|1099 contractor|independent contractor|ic|c2c|corp to corp|corp-to-corp|corptocorp)$/i;
const NEGATIVE_CATEGORY = /^(employee|w2|w-2|w 2|hourly|salaried|salary|exempt|non-exempt|full time|part time|eor)$/i;
const POSITIVE_POSITION = /\b(1099|subcontract(or)?|independent contractor|c2c|corp[- ]?to[- ]?corp)\b/i;
const NEGATIVE_POSITION = /\b(direct placement|direct hire|right to hire|contract to hire|temp to perm|permanent|perm|w-?2)\b/i;
const TRUE_FLAG = /^(y|yes|true|1|t|on|x)$/i;

/** True when `rule.value` matches `found.value`: comma-separated alternatives, case-insensitive, or `*` for "any value". */
function matches(found: Found | undefined, expected: string): boolean {
	if (!found || isBlank(found.value)) return false;
	const actual = String(found.value).trim().toLowerCase();
	return expected
		.split(',')
		.map((alt) => alt.trim().toLowerCase())
		.some((alt) => alt === '*' || alt === actual);
}

/** Finds a user-named field anywhere in the input (BI, searchStart, camelCase or nested), by compacted key. */
export function findRaw(record: Normalised, field: string): Found | undefined {
	return record.raw.get(compactKey(field));
}

/** The Skip List: any matching field/value sends the item to the Skipped output. */
export function checkSkipList(record: Normalised, skipList: readonly FieldValue[]): GateResult | undefined {
	for (const rule of skipList) {
		const found = findRaw(record, rule.field);
		if (matches(found, rule.value)) {
			return { pass: false, reason: `matches the Skip List (${rule.field} = ${rule.value})`, field: found?.field ?? rule.field, value: found?.value };
		}
	}
	return undefined;
}

export function contractorGate(record: Normalised, evidence: readonly FieldValue[]): GateResult {
	const category = pick(record.placement, 'employmentCategory') ?? pick(record.job, 'employmentCategory');
	const positions: Found[] = [];
	const placementPosition = pick(record.placement, 'positionType');
	const jobPosition = pick(record.job, 'positionType');
	if (placementPosition) positions.push(placementPosition);
	if (jobPosition) positions.push(jobPosition);
	const corpToCorp = pick(record.placement, 'corpToCorp');

	const categoryText = text(category);
	if (category && categoryText && NEGATIVE_CATEGORY.test(categoryText)) {
		return { pass: false, reason: `employment category "${categoryText}" is a W-2/employee engagement, out of scope for 1099Policy`, field: category.field, value: category.value, negative: true };
	}
	for (const position of positions) {
		const positionText = text(position) ?? '';
		if (NEGATIVE_POSITION.test(positionText)) {
			return { pass: false, reason: `position type "${positionText}" is a direct-hire/employee placement, out of scope for 1099Policy`, field: position.field, value: position.value, negative: true };
		}
	}

	for (const rule of evidence) {
		const found = findRaw(record, rule.field);
		if (matches(found, rule.value)) {
			return { pass: true, reason: `contractor evidence: ${found?.field} = ${String(found?.value)} (configured)`, field: found?.field ?? rule.field, value: found?.value };
		}
	}
	if (category && categoryText && POSITIVE_CATEGORY.test(categoryText)) {
		return { pass: true, reason: `contractor evidence: employment category "${categoryText}"`, field: category.field, value: category.value };
	}
	const flagText = text(corpToCorp);
	if (corpToCorp && flagText && TRUE_FLAG.test(flagText)) {
		return { pass: true, reason: `contractor evidence: corp-to-corp flag set (${flagText})`, field: corpToCorp.field, value: corpToCorp.value };
	}
	for (const position of positions) {
		const positionText = text(position) ?? '';
		if (POSITIVE_POSITION.test(positionText)) {
			return { pass: true, reason: `contractor evidence: position type "${positionText}"`, field: position.field, value: position.value };
		}
	}

	// No evidence: name the field that came closest, so the user sees why.
	if (corpToCorp) {
		return {
			pass: false,
			reason: `no evidence of an independent-contractor engagement: the corp-to-corp flag is "${flagText}" (not set)`,
			field: corpToCorp.field,
			value: corpToCorp.value,
		};
	}
	const position = positions[0];
	if (position) {
		const contract = /^contract$/i.test(text(position) ?? '');
		return {
			pass: false,
			reason: contract
				? 'no evidence of an independent-contractor engagement: position type "contract" alone is not evidence (many are W-2 hourly contract employees) and no corp-to-corp flag or Subcontractor category is set'
				: `no evidence of an independent-contractor engagement: position type "${text(position)}" says nothing about 1099 status`,
			field: position.field,
			value: position.value,
		};
	}
	if (category) {
		return { pass: false, reason: `no evidence of an independent-contractor engagement: employment category "${categoryText}" is not a contractor category`, field: category.field, value: category.value };
	}
	return {
		pass: false,
		reason: 'no evidence of an independent-contractor engagement: the item has no employment category, corp-to-corp flag or position type (configure Contractor Evidence if your tenant marks 1099 placements another way)',
		field: 'EMPLOYMENT_CATEGORY / CORPTOCORP / "crop to crop"',
		value: null,
	};
}
