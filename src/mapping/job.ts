import { unescape } from 'lodash';
import { ValueError } from '../util/valueError';
import { chooseCategory } from './categories';
import { candidateId } from './candidate';
import { chooseClient } from './clients';
import { idempotencyKey } from './keys';
import { pick, text, type Found, type Normalised } from './normalise';
import { toWage } from './rates';
import { jobBody, validate, type JobBody, type MappingRules } from './schemas';
import { worksite } from './worksite';

/**
 * Guide §4.2, JobDiva Job → 1099Policy Job (POST /jobs):
 * | name                  | job title (JOBTITLE)                 | required |
 * | description           | job description (JOBDESCRIPTION)     | HTML stripped; the title when JobDiva has none (noted) |
 * | entity                | client → Client Table entity / Default Entity | must exist in 1099Policy; left out (noted) when not set |
 * | category_code         | title/category/skill → Category Table | default or a clear error |
 * | wage (cents)          | placement agreed pay rate, else job PAYRATEMAX/PAYRATEMIN | exact cents, 100…100000000 |
 * | wage_type             | pay unit → hourly / flatfee           | conversion stated (rates.ts) |
 * | region                | worksite state, else candidate state  | 2-letter code |
 * | custom_metadata       | jobdiva_job_id, jobdiva_candidate_id  | reconciliation |
 */

export interface MappedJob {
	body: JobBody;
	idempotencyKey: string;
	conversion: string;
}

export function jobId(record: Normalised): Found | undefined {
	return pick(record.job, 'id') ?? pick(record.placement, 'jobId') ?? pick(record.timesheet, 'jobId') ?? pick(record.invoice, 'jobId');
}

/** JobDiva descriptions are usually HTML from its editor; 1099Policy wants plain text. */
export function plainText(html: string): string {
	const withBreaks = html.replace(/<\s*(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ' ');
	return unescape(withBreaks.replace(/&nbsp;/gi, ' '))
		.split('\n')
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join('\n');
}

export function mapJob(record: Normalised, rules: MappingRules, notes: string[]): MappedJob {
	const idFound = jobId(record);
	const id = text(idFound);
	if (!id) {
		throw new ValueError('jobId (ID / JOBID / "job id")', undefined, 'is missing', 'Send the JobDiva job ID with the job; 1099Policy stores it as custom_metadata.jobdiva_job_id.');
	}
	const titleFound = pick(record.job, 'title');
	const name = text(titleFound);
	if (!name) {
		throw new ValueError('JOBTITLE / jobTitle', titleFound?.value, 'is missing', 'Give the JobDiva job a title; 1099Policy requires a job name.');
	}
	const descriptionFound = pick(record.job, 'description');
	let description = descriptionFound ? plainText(text(descriptionFound) ?? '') : '';
	if (description === '') {
		description = name;
		notes.push('The JobDiva job has no description; the job title was used as the 1099Policy description.');
	}

	const category = chooseCategory(record, rules);
	notes.push(`category_code ${category.code}: ${category.because}.`);

	const placementRate = pick(record.placement, 'payRate');
	const jobRate = pick(record.job, 'payRateMax', 'payRateMin');
	let wage;
	if (placementRate) {
		wage = toWage(placementRate, pick(record.placement, 'payRateUnit'), rules.unitTable, pick(record.placement, 'currency'));
	} else {
		if (jobRate && pick(record.job, 'payRateMax') === undefined) notes.push(`Only ${jobRate.field} is set on the job; it was used as the wage.`);
		wage = toWage(jobRate, pick(record.job, 'payRateUnit'), rules.unitTable);
		if (jobRate) notes.push(`No placement pay rate: the wage comes from the job's ${jobRate.field}.`);
	}

	const body: Record<string, unknown> = { name, description, category_code: category.code, wage: wage.wage, wage_type: wage.wage_type };

	const client = chooseClient(record, rules);
	if (client.entity !== '') body.entity = client.entity;
	else notes.push('job.entity left out: no entity for this client in the Client Table and no Default Entity; set one (1099Policy requires it) or add it in the Ten99Policy node.');

	const site = worksite(record);
	if (site.state) {
		body.region = site.state.code;
		if (site.source === 'candidate') notes.push(`job.region ${site.state.code} taken from the candidate's state (no worksite state on the job or placement).`);
		const zip = site.source === 'placement' ? text(pick(record.placement, 'workZip')) : site.source === 'job' ? text(pick(record.job, 'zip')) : undefined;
		if (zip) {
			const city = site.source === 'placement' ? text(pick(record.placement, 'workCity')) : text(pick(record.job, 'city'));
			const line1 = site.source === 'job' ? text(pick(record.job, 'line1')) : undefined;
			body.address = { ...(line1 ? { line1 } : {}), ...(city ? { locality: city } : {}), region: site.state.code, postalcode: zip };
		}
	} else {
		notes.push(
			site.found
				? `job.region left out: ${site.found.field} "${text(site.found)}" is not a US state.`
				: 'job.region left out: no worksite, job or candidate state on the item.',
		);
	}

	const metadata: Record<string, string> = { jobdiva_job_id: id };
	const candidate = text(candidateId(record));
	if (candidate) metadata.jobdiva_candidate_id = candidate;
	body.custom_metadata = metadata;

	const parsed = validate(jobBody, body, 'job');
	return { body: parsed, idempotencyKey: idempotencyKey('job', id, parsed), conversion: wage.conversion };
}
