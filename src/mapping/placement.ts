import { ValueError } from '../util/valueError';
import { attempt } from '../util/attempt';
import { candidateId } from './candidate';
import { chooseClient } from './clients';
import { parseJobDivaDate, type ParsedDate } from './dates';
import { jobId } from './job';
import { idempotencyKey } from './keys';
import { pick, text, type Found, type Normalised } from './normalise';
import {
	assignmentBody,
	quoteBody,
	sessionBody,
	validate,
	type AssignmentBody,
	type MappingRules,
	type QuoteBody,
	type SessionBody,
} from './schemas';
import { chooseZone } from './worksite';

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

function fillTemplate(template: string, values: Record<string, string>, parameter: string): string {
	const url = template.replace(PLACEHOLDER, (_match, name: string) => encodeURIComponent(values[name] ?? ''));
	const parsed = attempt(() => new URL(url));
	if (!parsed.ok || (parsed.value.protocol !== 'https:' && parsed.value.protocol !== 'http:')) {
		throw new ValueError(parameter, template, 'does not give an http(s) URL', 'Enter a full URL such as https://dashboard.example.com/jobdiva/placements/{placementId}?coverage=active.');
	}
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

	const coverage: Record<string, unknown> = {};
	if (rules.contractorId !== '') coverage.contractor = rules.contractorId;
	else notes.push('quote/assignment contractor left out: set the Contractor ID parameter (e.g. {{ $(\'Create Contractor\').item.json.id }}).');
	if (rules.jobId !== '') coverage.job = rules.jobId;
	else notes.push('quote/assignment job left out: set the Job ID parameter (e.g. {{ $(\'Create Job\').item.json.id }}).');
	coverage.coverage_type = client.coverageTypes;
	coverage.effective_date = dates.effective_date;
	if (dates.end_date !== undefined) coverage.end_date = dates.end_date;
	coverage.custom_metadata = metadata;
	const quote = validate(quoteBody, coverage, 'quote');
	const assignment = validate(assignmentBody, coverage, 'assignment');

	const session: Record<string, unknown> = { custom_metadata: { jobdiva_placement_id: id } };
	if (rules.quoteId !== '') session.quote = rules.quoteId;
	else notes.push('session.quote left out: set the Quote ID parameter to the quote created from this placement.');
	const values = { placementId: id, candidateId: candidate ?? '', jobId: job ?? '' };
	if (rules.successUrlTemplate !== '') session.success_url = fillTemplate(rules.successUrlTemplate, values, 'Success URL Template');
	if (rules.cancelUrlTemplate !== '') session.cancel_url = fillTemplate(rules.cancelUrlTemplate, values, 'Cancel URL Template');
	if (rules.successUrlTemplate === '' || rules.cancelUrlTemplate === '') notes.push('A success or cancel URL template is empty; that URL was left out of the session.');
	const sessionParsed = validate(sessionBody, session, 'session');

	return {
		quote: { body: quote, idempotencyKey: idempotencyKey('placement', id, quote), timeZone: dates.timeZone },
		assignment: { body: assignment, idempotencyKey: idempotencyKey('assignment', id, assignment), timeZone: dates.timeZone },
		session: { body: sessionParsed, idempotencyKey: idempotencyKey('session', id, sessionParsed) },
		placementId: id,
	};
}
