import { ValueError } from '../ten99policy/valueError';
import { attempt } from '../util/attempt';
import { candidateId } from './candidate';
import { chooseClient } from './clients';
import { parseJobDivaDate, type ParsedDate } from './dates';
import { jobId } from './job';
import { coverageText, sessionText } from './bodyTexts';
import { idempotencyKey, keyFromHash, shortHash } from './keys';
import { pick, text, type Found, type Normalised } from './normalise';
import {
	assignmentBody,
	quoteBody,
	sessionBody,
	validateBody,
	type AssignmentBody,
	type MappingRules,
	type QuoteBody,
	type SessionBody,
} from './schemas';
import { chooseZone } from './worksite';
import { checkAssignment, checkQuote, checkSession, rememberParsedUrl } from './bodyChecks';

/**
 * Guide §4.3 (Quote), §4.4 (Application Session) and §4.5 (Assignment) from a JobDiva placement:
 * | contractor        | ID of the contractor made from the candidate | Contractor ID parameter; left out (noted) when empty |
 * | job               | ID of the 1099Policy job                     | Job ID parameter; left out (noted) when empty |
 * | coverage_type[]   | the client's compliance requirement          | Client Table, default ["general"] |
 * | effective_date    | placement start date                         | Unix seconds UTC, zone stated |
 * | end_date          | placement end date                           | Unix seconds UTC; must be after the start |
 * | custom_metadata   | jobdiva_placement_id, jobdiva_job_id, jobdiva_candidate_id | reconciliation |
 * The session's success/cancel URLs come from templates with `{placementId}`, `{candidateId}`, `{jobId}`.
 */

export interface Coverage {
	effective_date: number;
	end_date?: number;
	timeZone: string;
	zoneReason: string;
}

export interface MappedPlacement {
	quote: { body: QuoteBody; idempotencyKey: string; timeZone: string };
	assignment: { body: AssignmentBody; idempotencyKey: string; timeZone: string };
	session: { body: SessionBody; idempotencyKey: string };
	placementId: string;
}

export function placementId(record: Normalised): Found | undefined {
	return pick(record.placement, 'id') ?? pick(record.attachment, 'placementId');
}

/** Reads the placement's dates in the chosen zone; a date only on the job is used with a note. */
export function coverageDates(record: Normalised, rules: MappingRules, notes: string[]): Coverage {
	const { zone, because } = chooseZone(record, rules);
	const startFound = pick(record.placement, 'startDate') ?? pick(record.job, 'startDate');
	const endFound = pick(record.placement, 'endDate') ?? pick(record.job, 'endDate');
	if (!startFound) {
		throw new ValueError('start date (STARTDATE / "start date" / startDate)', undefined, 'is missing', 'Set the placement start date in JobDiva; coverage must start when the work does.');
	}
	if (!pick(record.placement, 'startDate')) notes.push(`The placement has no start date; the job's ${startFound.field} was used.`);
	const start: ParsedDate = parseJobDivaDate(startFound, 'start', zone);
	notes.push(`effective_date ${start.seconds}: ${start.how}.`);
	let end: ParsedDate | undefined;
	if (endFound) {
		end = parseJobDivaDate(endFound, 'end', zone);
		notes.push(`end_date ${end.seconds}: ${end.how}.`);
		if (end.seconds <= start.seconds) {
			throw new ValueError(
				endFound.field,
				endFound.value,
				`is not after the start date ${startFound.field} ${JSON.stringify(startFound.value)}`,
				'Correct the placement dates in JobDiva: the end date must come after the start date.',
			);
		}
	} else {
		notes.push('The placement has no end date: end_date left out, so 1099Policy ends coverage 30 days after the effective date.');
	}
	if (start.usedZone || end?.usedZone) notes.push(`Dates read in ${zone}: ${because}.`);
	return { effective_date: start.seconds, end_date: end?.seconds, timeZone: zone, zoneReason: because };
}

const PLACEHOLDER = /\{(placementId|candidateId|jobId)\}/g;

/** A URL template split once into [text, placeholder, text, …, text] (placeholder names at the odd indexes). */
interface SplitTemplate {
	parts: string[];
	/** Every URL it gives is an http(s) URL whatever the values (see {@link valuesCannotBreak}). */
	alwaysValid: boolean;
}

/**
 * URL templates split once (what the global replace walked each time), by template text. Bounded: templates are
 * node parameters and may be expressions.
 */
const splitTemplates = new Map<string, SplitTemplate>();
const SPLIT_TEMPLATES_LIMIT = 100;

function splitTemplate(template: string): SplitTemplate {
	let split = splitTemplates.get(template);
	if (split === undefined) {
		// split with a capturing group keeps the captured placeholder names at the odd indexes
		const parts = template.split(PLACEHOLDER);
		split = { parts, alwaysValid: valuesCannotBreak(parts) };
		if (splitTemplates.size >= SPLIT_TEMPLATES_LIMIT) splitTemplates.clear();
		splitTemplates.set(template, split);
	}
	return split;
}

/** Stands for a value in {@link valuesCannotBreak}: letters only, as the URL parser keeps them (even in a host). */
const MARKER = 'zqjobdivavaluezq';

/**
 * True when the template (split) gives an http(s) URL for ANY values, so its URLs need not be parsed one by one.
 * Values are inserted with encodeURIComponent, which writes no URL delimiter (`/ ? # \ : @ [ ]`), and the URL
 * parser never fails in the path, query or fragment: only the scheme, userinfo, host and port can make it fail or
 * change the protocol. So: filled with a marker, the template must parse as http(s), with every marker in the path,
 * query or fragment and none in the scheme, userinfo or host. Anything else is parsed per URL, as before.
 */
export function valuesCannotBreak(parts: readonly string[]): boolean {
	const placeholders = (parts.length - 1) / 2;
	let filled = parts[0];
	for (let index = 1; index < parts.length; index += 2) filled += MARKER + parts[index + 1];
	let parsed: URL;
	try {
		parsed = new URL(filled);
	} catch {
		return false;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
	if (`${parsed.protocol}${parsed.username}${parsed.password}${parsed.host}`.includes(MARKER)) return false;
	return `${parsed.pathname}${parsed.search}${parsed.hash}`.split(MARKER).length - 1 === placeholders;
}

function fillTemplate(template: string, values: Record<string, string>, parameter: string): string {
	const { parts, alwaysValid } = splitTemplate(template);
	let url = parts[0];
	for (let index = 1; index < parts.length; index += 2) url += encodeURIComponent(values[parts[index]] ?? '') + parts[index + 1];
	if (!alwaysValid) {
		const parsed = attempt(() => new URL(url));
		if (!parsed.ok || (parsed.value.protocol !== 'https:' && parsed.value.protocol !== 'http:')) {
			throw new ValueError(parameter, template, 'does not give an http(s) URL', 'Enter a full URL such as https://dashboard.example.com/jobdiva/placements/{placementId}?coverage=active.');
		}
	}
	rememberParsedUrl(url);
	return url;
}

export function mapPlacement(record: Normalised, rules: MappingRules, notes: string[]): MappedPlacement {
	const idFound = placementId(record);
	const id = text(idFound);
	if (!id) {
		throw new ValueError(
			'placementId (PLACEMENTID / ACTIVITYID / searchStart "id")',
			undefined,
			'is missing',
			'Send the JobDiva placement (start) ID; 1099Policy stores it as custom_metadata.jobdiva_placement_id and the idempotency keys are built from it.',
		);
	}
	const dates = coverageDates(record, rules, notes);
	const client = chooseClient(record, rules);
	notes.push(`coverage_type ${JSON.stringify(client.coverageTypes)}: ${client.because}.`);

	const metadata: Record<string, string> = { jobdiva_placement_id: id };
	const job = text(jobId(record));
	const candidate = text(candidateId(record));
	if (job) metadata.jobdiva_job_id = job;
	if (candidate) metadata.jobdiva_candidate_id = candidate;

	// One input for both bodies (the checks and zod copy, never change it): contractor, job, coverage_type, the
	// coverage window, custom_metadata.
	const coverage: Record<string, unknown> = {};
	if (rules.contractorId !== '') coverage.contractor = rules.contractorId;
	else notes.push('quote/assignment contractor left out: set the Contractor ID parameter (e.g. {{ $(\'Create Contractor\').item.json.id }}).');
	if (rules.jobId !== '') coverage.job = rules.jobId;
	else notes.push('quote/assignment job left out: set the Job ID parameter (e.g. {{ $(\'Create Job\').item.json.id }}).');
	coverage.coverage_type = client.coverageTypes;
	coverage.effective_date = dates.effective_date;
	if (dates.end_date !== undefined) coverage.end_date = dates.end_date;
	coverage.custom_metadata = metadata;
	const quote = validateBody(quoteBody, checkQuote, coverage, 'quote');
	const assignment = validateBody(assignmentBody, checkAssignment, coverage, 'assignment');

	const session: Record<string, unknown> = { custom_metadata: { jobdiva_placement_id: id } };
	if (rules.quoteId !== '') session.quote = rules.quoteId;
	else notes.push('session.quote left out: set the Quote ID parameter to the quote created from this placement.');
	const values = { placementId: id, candidateId: candidate ?? '', jobId: job ?? '' };
	if (rules.successUrlTemplate !== '') session.success_url = fillTemplate(rules.successUrlTemplate, values, 'Success URL Template');
	if (rules.cancelUrlTemplate !== '') session.cancel_url = fillTemplate(rules.cancelUrlTemplate, values, 'Cancel URL Template');
	if (rules.successUrlTemplate === '' || rules.cancelUrlTemplate === '') notes.push('A success or cancel URL template is empty; that URL was left out of the session.');
	const sessionParsed = validateBody(sessionBody, checkSession, session, 'session');

	// The quote and the assignment are the same fields through the same checks (equal schemas), so their bodies
	// are equal and one hash serves both keys.
	const coverageHash = shortHash(coverageText(quote));
	return {
		quote: { body: quote, idempotencyKey: keyFromHash('placement', id, coverageHash), timeZone: dates.timeZone },
		assignment: { body: assignment, idempotencyKey: keyFromHash('assignment', id, coverageHash), timeZone: dates.timeZone },
		session: { body: sessionParsed, idempotencyKey: idempotencyKey('session', id, sessionText(sessionParsed)) },
		placementId: id,
	};
}
