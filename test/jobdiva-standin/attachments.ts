import { coiPdf, type CoiOptions, type StandinFixtures } from './fixtures';
import { PlacementError } from './placements';

/**
 * Candidate attachments added over time (`/__standin/attachments`): a recruiter or the contractor attaches a file
 * to the candidate in JobDiva, and `CandidateAttachmentDetail` serves it from then on. JobDiva documents no feed or
 * webhook event for new attachments, so `notify` stands in for the firm's own intake (an alert, a portal or a form)
 * telling a workflow which file was added.
 */
export interface AttachmentInput {
	candidateId?: string;
	fileName?: string;
	/** A certificate PDF (`coiPdf`): who is insured, its expiry, a review marker. */
	coi?: { insured?: string } & CoiOptions;
	/** Or any other file, as text (e.g. a résumé). */
	text?: string;
	/** ISO instant the file was attached (default now). */
	at?: string;
}

export interface AttachmentView {
	candidateId: string;
	fileName: string;
	at: string;
	bytes: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Adds the attachment (a file of the same name on the same candidate is replaced, as re-uploading in JobDiva does). */
export function addAttachment(fixtures: StandinFixtures, input: AttachmentInput): AttachmentView {
	const known = ['candidateId', 'fileName', 'coi', 'text', 'at'];
	const unknown = Object.keys(input).find((key) => !known.includes(key));
	if (unknown) throw new PlacementError(400, `${unknown}: not an attachment field (${known.join(', ')})`);
	const { candidateId, fileName, coi, text, at = new Date().toISOString() } = input;
	if (typeof candidateId !== 'string' || !/^\d{1,19}$/.test(candidateId)) throw new PlacementError(400, `candidateId: ${JSON.stringify(candidateId)} is not a JobDiva candidate ID (digits)`);
	if (!fixtures.candidates.some((c) => c.ID === candidateId)) throw new PlacementError(404, `candidateId: no candidate ${candidateId}`);
	if (typeof fileName !== 'string' || fileName.trim() === '') throw new PlacementError(400, 'fileName: needed, e.g. "COI-2027.pdf"');
	if ((coi === undefined) === (text === undefined)) throw new PlacementError(400, 'coi or text: give exactly one (coi for a certificate PDF, text for any other file)');
	if (coi?.expires !== undefined && !DATE.test(coi.expires)) throw new PlacementError(400, `coi.expires: ${JSON.stringify(coi.expires)} is not a YYYY-MM-DD date`);
	if (coi?.marker !== undefined && coi.marker !== 'FLAG' && coi.marker !== 'DENY') throw new PlacementError(400, `coi.marker: ${JSON.stringify(coi.marker)} is not FLAG or DENY`);
	if (Number.isNaN(Date.parse(at))) throw new PlacementError(400, `at: ${JSON.stringify(at)} is not an ISO instant`);
	const candidate = fixtures.candidates.find((c) => c.ID === candidateId);
	const data = coi ? coiPdf(coi.insured ?? `${String(candidate?.FIRSTNAME)} ${String(candidate?.LASTNAME)}`, coi) : Buffer.from(text as string, 'utf8');
	const row = { CANDIDATEID: candidateId, FILENAME: fileName, FILECONTENT: data.toString('base64'), ADDED: at };
	fixtures.attachments = [...fixtures.attachments.filter((a) => !(a.CANDIDATEID === candidateId && a.FILENAME === fileName)), row];
	return { candidateId, fileName, at, bytes: data.length };
}

/** Every attachment, oldest first (fixture files carry no stamp: shown as ''). */
export function listAttachments(fixtures: StandinFixtures): Array<Omit<AttachmentView, 'bytes'>> {
	return fixtures.attachments.map((a) => ({ candidateId: String(a.CANDIDATEID), fileName: String(a.FILENAME), at: typeof a.ADDED === 'string' ? a.ADDED : '' }));
}
