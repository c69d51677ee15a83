import type { JobDivaClient, RangeQuery } from './client';
import { JobDivaInputError } from './errors';
import { idOf, mergeRows, rowIdentity, type JobDivaRow } from './rows';

/**
 * The read operations the integration needs, each a thin call on the client. Rows are returned as JobDiva sent them;
 * the only addition anywhere is `PLACEMENTID` on an expanded hire (JobDiva's own field name).
 */

/**
 * JobDiva IDs are numbers (Java `Long` on JobDiva's side, so at most 19 digits); anything else would be refused with
 * a bare 400.
 */
export function jobDivaId(value: unknown, field: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d{1,19}$/.test(text)) {
		throw new JobDivaInputError(field, value, 'is not a JobDiva ID', `Give the numeric JobDiva ${field} (digits only, at most 19), e.g. from a previous node with an expression.`);
	}
	return text;
}

export const getCandidate = (client: JobDivaClient, candidateId: unknown) =>
	client.biRows('CandidateDetail', { candidateId: jobDivaId(candidateId, 'Candidate ID') });

export const getJob = (client: JobDivaClient, jobId: unknown) => client.biRows('JobDetail', { jobId: jobDivaId(jobId, 'Job ID') });

export const getInvoice = (client: JobDivaClient, invoiceId: unknown) =>
	client.biRows('InvoiceDetail', { invoiceId: jobDivaId(invoiceId, 'Invoice ID') });

/** Billing and salary records are addressed by employee (candidate) ID and record ID, as JobDiva's webhooks give them. */
export const getBillingRecord = (client: JobDivaClient, employeeId: unknown, recordId: unknown) =>
	client.biRows('BillingRecordDetail', { employeeId: jobDivaId(employeeId, 'Employee ID'), recordId: jobDivaId(recordId, 'Record ID') });

export const getSalaryRecord = (client: JobDivaClient, employeeId: unknown, recordId: unknown) =>
	client.biRows('SalaryRecordDetail', { employeeId: jobDivaId(employeeId, 'Employee ID'), recordId: jobDivaId(recordId, 'Record ID') });

export const getTimesheets = (client: JobDivaClient, range: RangeQuery) => client.biRange('NewUpdatedTimesheetRecords', range);

export const getActivities = (client: JobDivaClient, range: RangeQuery) =>
	client.biRange('NewUpdatedSubmittalInterviewHireActivityRecords', range);

/** `searchStart` criteria: JobDiva's own keys; only the given ones are sent. */
export function searchPlacements(client: JobDivaClient, criteria: { candidateId?: unknown; jobId?: unknown; extra?: Record<string, unknown> }) {
	const body: Record<string, unknown> = { ...(criteria.extra ?? {}) };
	if (criteria.candidateId !== undefined && criteria.candidateId !== '') body.candidateid = Number(jobDivaId(criteria.candidateId, 'Candidate ID'));
	if (criteria.jobId !== undefined && criteria.jobId !== '') body.jobId = Number(jobDivaId(criteria.jobId, 'Job ID'));
	if (Object.keys(body).length === 0) {
		throw new JobDivaInputError('Candidate ID', '', 'and Job ID are both empty', 'Give a Candidate ID, a Job ID, or both, so JobDiva knows which starts to return.');
	}
	return client.searchStart(body);
}

/**
 * One placement by its ID: JobDiva has no "get start", so the candidate's starts are searched (`searchStart`) and the
 * one whose `id` is the placement ID is returned with `found: true`. When JobDiva no longer has it (deleted, or a
 * wrong candidate ID) the answer is `{id, "candidate id", found: false}` rather than an error, so a workflow can
 * branch on it; a failed search still throws (an outage must never look like a deletion).
 */
export async function getPlacement(client: JobDivaClient, placementId: unknown, candidateId: unknown): Promise<JobDivaRow> {
	const id = jobDivaId(placementId, 'Placement ID');
	const candidate = jobDivaId(candidateId, 'Candidate ID');
	const starts = await searchPlacements(client, { candidateId: candidate });
	const start = starts.find((row) => String(row.id ?? '').trim() === id);
	return start ? { ...start, found: true } : { id, 'candidate id': candidate, found: false };
}

export type HireFeed = 'new' | 'updated' | 'both';

const HIRE_FEEDS: Record<Exclude<HireFeed, 'both'>, string> = { new: 'NewHires', updated: 'UpdatedHires' };

/**
 * New and/or updated hires in a range: `NewHires` / `UpdatedHires` give `PLACEMENTID` only. With `expand`, each is
 * joined to its hire record from `NewUpdatedSubmittalInterviewHireActivityRecords` over the same windows (a JobDiva
 * placement ID is the ID of its hire activity, `ACTIVITYID` [inferred from public client code]), giving
 * `{PLACEMENTID, ...activity row}` in the order the changes happened; an ID whose activity is not in the range stays
 * `{PLACEMENTID}` alone, last. Identical rows from both feeds are returned once.
 */
export async function getHires(client: JobDivaClient, feed: HireFeed, range: RangeQuery, expand: boolean): Promise<JobDivaRow[]> {
	const feeds = feed === 'both' ? (['new', 'updated'] as const) : [feed];
	const batches: JobDivaRow[][] = [];
	for (const name of feeds) batches.push(await client.biRange(HIRE_FEEDS[name], range));
	const hires = mergeRows(batches);
	if (!expand || hires.length === 0) return hires;
	const activities = await getActivities(client, range);
	// The latest version wins when an activity was updated more than once in the range (feeds are in time order).
	const byActivityId = new Map<string, { row: JobDivaRow; position: number }>();
	activities.forEach((row, position) => {
		const id = idOf(row, ['ACTIVITYID']);
		if (id) byActivityId.set(id, { row, position });
	});
	const expanded = hires.map((hire, index) => {
		const placementId = idOf(hire, ['PLACEMENTID']);
		const activity = placementId ? byActivityId.get(placementId) : undefined;
		return activity
			? { row: { PLACEMENTID: placementId, ...activity.row }, position: activity.position, index }
			: { row: hire, position: Number.POSITIVE_INFINITY, index };
	});
	// In the order the changes happened (the activity feed's order), so a consumer sees a hire before its update;
	// hires without an activity record in the range keep their feed order, last.
	expanded.sort((a, b) => a.position - b.position || a.index - b.index);
	return dedupe(expanded.map((entry) => entry.row));
}

function dedupe(rows: JobDivaRow[]): JobDivaRow[] {
	const seen = new Set<string>();
	return rows.filter((row) => {
		const identity = rowIdentity(row);
		if (seen.has(identity)) return false;
		seen.add(identity);
		return true;
	});
}

export interface Attachment {
	/** JobDiva's row plus `CANDIDATEID`. */
	row: JobDivaRow;
	fileName: string;
	data: Buffer;
	mimeType: string;
}

/** `CandidateAttachmentDetail` → the file, decoded from JobDiva's base64 `FILECONTENT`. */
export async function getAttachment(client: JobDivaClient, candidateId: unknown, fileName: unknown): Promise<Attachment> {
	const name = typeof fileName === 'string' ? fileName.trim() : '';
	if (!name) throw new JobDivaInputError('File Name', fileName, 'is empty', 'Give the attachment\'s file name exactly as JobDiva lists it on the candidate, e.g. COI-2026.pdf.');
	const id = jobDivaId(candidateId, 'Candidate ID');
	const rows = await client.biRows('CandidateAttachmentDetail', { candidateId: id, fileName: name });
	// JobDiva's row is only {FILENAME, FILECONTENT}; the certificate upload needs to know whose file it is, so the
	// candidate ID asked for is added under JobDiva's own field name (a CANDIDATEID JobDiva sends is kept as is).
	const row: JobDivaRow | undefined = rows[0] ? { CANDIDATEID: id, ...rows[0] } : undefined;
	const content = row?.FILECONTENT;
	if (!row || typeof content !== 'string' || content.trim() === '') {
		throw new JobDivaInputError(
			'File Name',
			name,
			'was not found on this candidate (JobDiva returned no FILECONTENT)',
			'Check the file name (including its extension and case) on the candidate\'s Attachments tab in JobDiva, and that your API package includes attachments.',
		);
	}
	const base64 = content.replace(/^data:[^;]+;base64,/, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
		throw new JobDivaInputError('FILECONTENT', `${base64.slice(0, 20)}…`, 'is not base64', 'JobDiva sent an attachment this node cannot decode; download it from JobDiva by hand.');
	}
	const data = Buffer.from(base64, 'base64');
	const resolvedName = typeof row.FILENAME === 'string' && row.FILENAME.trim() ? row.FILENAME.trim() : name;
	return { row, fileName: resolvedName, data, mimeType: mimeTypeOf(resolvedName, data) };
}

/** By magic bytes first (JobDiva's names are user-typed), then by extension. */
export function mimeTypeOf(fileName: string, data: Buffer): string {
	const head = data.subarray(0, 8);
	if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
	if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
	if (head[0] === 0xff && head[1] === 0xd8) return 'image/jpeg';
	if (head.subarray(0, 2).toString('latin1') === 'PK') {
		if (/\.docx$/i.test(fileName)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
		return 'application/zip';
	}
	const byExtension: Record<string, string> = {
		pdf: 'application/pdf',
		doc: 'application/msword',
		txt: 'text/plain',
		rtf: 'application/rtf',
		png: 'image/png',
		jpg: 'image/jpeg',
		jpeg: 'image/jpeg',
	};
	return byExtension[/\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
