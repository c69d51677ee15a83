import { ValueError } from '../util/valueError';
import { idempotencyKey } from './keys';
import { pick, text, type Found, type Normalised } from './normalise';
import { contractorBody, validate, type ContractorBody, type MappingRules } from './schemas';
import { findState } from './timezones';

/**
 * Guide §4.1, JobDiva Candidate → 1099Policy Contractor (POST /contractors):
 * | candidateId        | custom_metadata.jobdiva_candidate_id | reconciliation key |
 * | firstName/lastName | first_name, last_name                | required           |
 * | email              | email                                | required; proxy `<candidateId>@<relay domain>` when missing |
 * | country            | address.country                      | optional           |
 * | state              | address.region                       | optional           |
 * | phone              | phone                                | optional           |
 * The body is flat (see schemas.ts): the guide's `contact` wrapper is a docs simplification.
 */

export interface MappedContractor {
	body: ContractorBody;
	idempotencyKey: string;
	/** True when the email is the generated relay address. */
	proxyEmail: boolean;
}

/** Addresses JobDiva tenants use for "no email" or GDPR-erased candidates; they would collide across candidates. */
const PLACEHOLDER_EMAIL = /^(gdpr|removed|deleted|anonymi[sz]ed|redacted|noemail|no-email|no\.email|none|na|n\/a|unknown|donotemail|do-not-email|test|noreply|no-reply)(\d*)@|@(noemail\.com|none\.com|na\.com|gdpr\.[a-z]+|removed\.[a-z]+|anonymi[sz]ed\.[a-z]+)$|\*{2,}|\bgdpr\b/i;
/** An address the contractor body's schema accepts as `email`. */
const isEmail = (value: string): boolean => contractorBody.shape.email.safeParse(value).success;

const COUNTRY_ALIASES: Record<string, string> = {
	us: 'US', usa: 'US', unitedstates: 'US', unitedstatesofamerica: 'US', america: 'US',
	ca: 'CA', can: 'CA', canada: 'CA', mx: 'MX', mex: 'MX', mexico: 'MX', gb: 'GB', uk: 'GB', unitedkingdom: 'GB',
};

export function candidateId(record: Normalised): Found | undefined {
	return pick(record.candidate, 'id') ?? pick(record.placement, 'candidateId') ?? pick(record.timesheet, 'candidateId') ?? pick(record.invoice, 'candidateId') ?? pick(record.attachment, 'candidateId');
}

/** Splits `"Lee, Jordan"` or `"Jordan Lee"` (searchStart's `candidate name`). */
function splitName(full: string): { first: string; last: string } | undefined {
	if (full.includes(',')) {
		const [last, first] = full.split(',', 2).map((part) => part.trim());
		return first && last ? { first, last } : undefined;
	}
	const words = full.split(/\s+/).filter(Boolean);
	if (words.length < 2) return undefined;
	return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] };
}

export function countryCode(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const alias = COUNTRY_ALIASES[value.toLowerCase().replace(/[^a-z]/g, '')];
	if (alias) return alias;
	return /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : undefined;
}

export function mapCandidate(record: Normalised, rules: MappingRules, notes: string[]): MappedContractor {
	const c = record.candidate;
	const id = candidateId(record);
	const idText = text(id);
	if (!idText) {
		throw new ValueError(
			'candidateId (ID / CANDIDATEID / "candidate id")',
			undefined,
			'is missing',
			'Send the JobDiva candidate ID with the candidate: 1099Policy stores it as custom_metadata.jobdiva_candidate_id and the relay email is built from it.',
		);
	}

	let first = text(pick(c, 'firstName'));
	let last = text(pick(c, 'lastName'));
	const full = pick(c, 'fullName');
	if ((!first || !last) && full) {
		const split = splitName(text(full) ?? '');
		if (split) {
			first = first ?? split.first;
			last = last ?? split.last;
			notes.push(`Contractor name split from ${full.field} "${text(full)}".`);
		} else {
			throw new ValueError(full.field, full.value, 'cannot be split into a first and a last name', "Enter the candidate's first and last name in JobDiva; 1099Policy requires both.");
		}
	}
	if (!first) {
		throw new ValueError(c.firstName?.field ?? 'FIRSTNAME / firstName', c.firstName?.value ?? full?.value, 'is missing', "Enter the candidate's first name in JobDiva; 1099Policy requires first and last name.");
	}
	if (!last) {
		throw new ValueError(c.lastName?.field ?? 'LASTNAME / lastName', c.lastName?.value ?? full?.value, 'is missing', "Enter the candidate's last name in JobDiva; 1099Policy requires first and last name.");
	}

	let email: string | undefined;
	let proxyEmail = false;
	for (const found of [pick(c, 'email'), pick(c, 'alternateEmail')]) {
		const candidate = text(found);
		if (!found || !candidate) continue;
		if (!isEmail(candidate)) {
			notes.push(`${found.field} "${candidate}" is not an email address; not used.`);
			continue;
		}
		if (PLACEHOLDER_EMAIL.test(candidate)) {
			notes.push(`${found.field} "${candidate}" looks like a placeholder/GDPR address; not used.`);
			continue;
		}
		email = candidate.toLowerCase();
		if (found.field.toLowerCase().includes('alternate')) notes.push(`Email taken from ${found.field}.`);
		break;
	}
	if (!email) {
		email = `${idText.toLowerCase().replace(/[^a-z0-9._-]+/g, '_')}@${rules.proxyEmailDomain.toLowerCase()}`;
		proxyEmail = true;
		notes.push(`No usable candidate email: using the relay address ${email} (1099Policy needs a unique email per contractor).`);
	}

	const body: Record<string, unknown> = {
		first_name: first,
		last_name: last,
		email,
		custom_metadata: { jobdiva_candidate_id: idText },
	};
	const phone = text(pick(c, 'phone'));
	if (phone) body.phone = phone;

	const address: Record<string, string> = {};
	const line1 = text(pick(c, 'line1'));
	const line2 = text(pick(c, 'line2'));
	const city = text(pick(c, 'city'));
	const zip = text(pick(c, 'zip'));
	if (line1) address.line1 = line1;
	if (line2) address.line2 = line2;
	if (city) address.locality = city;
	const stateFound = pick(c, 'state');
	if (stateFound) {
		const state = findState(text(stateFound));
		if (state) address.region = state.code;
		else notes.push(`${stateFound.field} "${text(stateFound)}" is not a US state; address.region left out.`);
	}
	if (zip) address.postalcode = zip;
	const countryFound = pick(c, 'country');
	if (countryFound) {
		const code = countryCode(text(countryFound));
		if (code) address.country = code;
		else notes.push(`${countryFound.field} "${text(countryFound)}" is not a 2-letter country code; address.country left out.`);
	}
	if (Object.keys(address).length > 0) body.address = address;

	const parsed = validate(contractorBody, body, 'contractor');
	return { body: parsed, idempotencyKey: idempotencyKey('candidate', idText, parsed), proxyEmail };
}
