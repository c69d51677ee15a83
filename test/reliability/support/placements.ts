/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

/**
 * JobDiva placements for the reliability tests and the calls-per-placement benchmark: the mapping fixtures
 * (candidate, job and activity BI rows, nested as one item) with a unique candidate, job and placement per index,
 * so every placement must end up as its own contractor, job and quote in 1099Policy.
 */

const FIXTURES = join(__dirname, '../../fixtures/mapping');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, string>;

export const CLIENT_NAME = 'Acme Health';

export interface PlacementItem {
	candidate: Record<string, string>;
	job: Record<string, string>;
	placement: Record<string, string>;
	[key: string]: unknown;
}

/** JobDiva IDs of placement `index` as the mapping writes them into custom_metadata. */
export function placementIds(index: number, prefix = '') {
	return { candidateId: `${prefix}${700000 + index}`, jobId: `${prefix}${800000 + index}`, placementId: `${prefix}${900000 + index}` };
}

/** Every 100th placement (index 50, 150, …) is a welding job, which 1099Policy refuses: see REFUSED_CATEGORY. */
export const isRefusedJob = (index: number) => index % 100 === 50;
/** A job category code 1099Policy does not know (`invalid_job_category_code`), mapped from "Welder" titles. */
export const REFUSED_CATEGORY = 'jc_NOT_A_REAL_CODE';

/**
 * Placement `index`, starting in 2–5 weeks (so 1099Policy accepts the quote dates) for 90 days. `prefix` keeps
 * several batches apart in one sandbox.
 */
export function placement(index: number, prefix = ''): PlacementItem {
	const ids = placementIds(index, prefix);
	const start = DateTime.utc().startOf('day').plus({ days: 14 + (index % 21) });
	const end = start.plus({ days: 90 });
	const bi = (date: DateTime) => date.toFormat('MM/dd/yyyy');
	return {
		candidate: {
			...fixture('candidateDetail'),
			ID: ids.candidateId,
			FIRSTNAME: `Jordan${index}`,
			EMAIL: `candidate.${prefix}${index}@example.net`,
		},
		job: {
			...fixture('jobDetail'),
			ID: ids.jobId,
			...(isRefusedJob(index) ? { JOBTITLE: 'Contract Welder — Plant Shutdown' } : {}),
			COMPANYNAME: CLIENT_NAME,
			STARTDATE: bi(start),
			ENDDATE: bi(end),
		},
		placement: {
			...fixture('activityRecord'),
			ACTIVITYID: ids.placementId,
			CANDIDATEID: ids.candidateId,
			JOBID: ids.jobId,
			STARTDATE: `${bi(start)} 00:00:00`,
			ENDDATE: `${bi(end)} 00:00:00`,
			AGREEDPAYRATE: (60 + (index % 40)).toFixed(2),
		},
	};
}

export function placements(count: number, prefix = ''): PlacementItem[] {
	return Array.from({ length: count }, (_, index) => placement(index, prefix));
}
