import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseJsonObject } from '../util/bounds';
import { ValueError } from '../util/valueError';
import { rowReader, type LedgerRow } from './row';

/**
 * The certificate ledger: one row per certificate file a contractor sent (BYO-COI, the JobDiva guide's §4.6) in an
 * n8n Data table, so that the same PDF is uploaded to 1099Policy once at any age (1099Policy's idempotency keys expire
 * after 24 hours) and the review's outcome — valid, expiring, flagged, rejected, expired — is kept and re-judged
 * against today's date without a call.
 *
 * 1099Policy documents the review's events (`certificate.approved`, `certificate.flagged`, `certificate.denied`) and
 * the `expand[]=review_results` flag of GET /files/certificates/{id} (https://docs.1099policy.com), but not every
 * field of `review_results`. This ledger reads the certificate's `status` (pending, processing, approved, flagged,
 * denied, expired) and `review_results.expiration_date` (Unix seconds, UTC) when present; nothing else.
 */

/** The table the template finds by name (n8n's "By Name" lookup lower-cases the name). */
export const COI_LEDGER_TABLE = '1099policy_certificate_ledger';

/** A valid certificate that expires within this many days (today included) is `expiring`: flagged before it lapses. */
export const EXPIRY_WARNING_DAYS = 30;

export const CERTIFICATE_STATES = [
	'uploading', // written before the upload; a row still uploading is uploaded again (same idempotency key)
	'in review', // 1099Policy is reviewing it (pending or processing)
	'valid', // approved, expiring later than EXPIRY_WARNING_DAYS from today (or no expiry known)
	'expiring', // approved, expiring within EXPIRY_WARNING_DAYS
	'flagged', // flagged for manual review by 1099Policy
	'rejected', // denied by 1099Policy
	'expired', // past its expiry date
	'refused', // 1099Policy refused the upload (lastAction keeps its message and error_code); a new intake tries again
] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/** States the hourly review still looks at: the others change only with a new file. */
export const OPEN_STATES: readonly CertificateState[] = ['in review', 'valid', 'expiring'];

const short = z.string().max(64).default('');

export const certificateRowSchema = z.object({
	/** `<candidateId>:<first 32 hex digits of the SHA-256 of the PDF>`: one row per file. */
	fileKey: z.string().min(1).max(100),
	candidateId: short,
	/** The candidate's JobDiva placement IDs from the placement ledger, comma-separated ('' when none). */
	placementIds: z.string().max(200).default(''),
	fileName: z.string().max(200).default(''),
	contractorId: short,
	certificateId: short,
	state: z.enum(CERTIFICATE_STATES),
	/** `yyyy-MM-dd`, or '' when 1099Policy gave no expiry. */
	expiresOn: z.string().max(10).default(''),
	/** The day the state was last judged (`yyyy-MM-dd`). */
	reviewedAt: z.string().max(32).default(''),
	lastAction: z.string().max(200).default(''),
});
export type CertificateRow = z.infer<typeof certificateRowSchema>;

export const CERTIFICATE_COLUMNS = Object.keys(certificateRowSchema.shape) as Array<keyof CertificateRow>;

export const readCertificateRow = rowReader(certificateRowSchema);

/** The row key of a file: the same PDF sent again (at any age, under any name) has the same key. */
export function fileKeyOf(candidateId: string, pdf: Buffer): string {
	return `${candidateId}:${createHash('sha256').update(pdf).digest('hex').slice(0, 32)}`;
}

/** One certificate file as Map Attachment and the ledgers give it, before any call. */
export interface IncomingCertificate {
	fileKey: string;
	candidateId: string;
	fileName: string;
	/** The candidate's 1099Policy contractor when a ledger knows it, else ''. */
	contractorId: string;
	placementIds: string;
}

export type UploadRoute = 'upload' | 'needsContractor' | 'alreadySent';

export interface UploadDecision {
	route: UploadRoute;
	reason: string;
	fileKey: string;
	candidateId: string;
	fileName: string;
	contractorId: string;
	/** The row to write before the upload (state `uploading`), or the row as it is (alreadySent). */
	row: CertificateRow;
}

/**
 * The candidate's 1099Policy contractor and placements from the placement ledger (and, failing that, from an earlier
 * certificate of the candidate): contractorId '' when neither knows one.
 */
export function candidateInLedgers(candidateId: string, placements: readonly LedgerRow[], certificates: readonly CertificateRow[]): { contractorId: string; placementIds: string } {
	const own = placements.filter((p) => p.candidateId === candidateId);
	const contractorId = own.find((p) => p.contractorId)?.contractorId ?? certificates.find((c) => c.candidateId === candidateId && c.contractorId)?.contractorId ?? '';
	return { contractorId, placementIds: [...new Set(own.map((p) => p.placementId))].join(',') };
}

/** One certificate file against its ledger row (undefined when the file is new): upload it, or not. */
export function decideUpload(row: CertificateRow | undefined, incoming: IncomingCertificate): UploadDecision {
	if (!incoming.candidateId) {
		throw new ValueError('jobdiva.candidateId', incoming.candidateId, 'is missing', 'Send the JobDiva candidate ID with the attachment (the webhook body\'s candidateId).');
	}
	const base = { fileKey: incoming.fileKey, candidateId: incoming.candidateId, fileName: incoming.fileName };
	if (row && row.state !== 'uploading' && row.state !== 'refused') {
		const reason = `this file was sent before as certificate ${row.certificateId || '?'} (${row.state}${row.expiresOn ? `, expires ${row.expiresOn}` : ''}): nothing uploaded`;
		return { ...base, route: 'alreadySent', reason, contractorId: row.contractorId, row };
	}
	const contractorId = row?.contractorId || incoming.contractorId;
	const next: CertificateRow = {
		fileKey: incoming.fileKey,
		candidateId: incoming.candidateId,
		placementIds: incoming.placementIds || row?.placementIds || '',
		fileName: incoming.fileName,
		contractorId,
		certificateId: '',
		state: 'uploading',
		expiresOn: '',
		reviewedAt: '',
		lastAction: row ? `uploading again (was ${row.state})` : 'uploading',
	};
	const why = row?.state === 'uploading' ? 'an earlier upload did not finish: uploading again with the same idempotency key' : row ? `1099Policy refused it before (${row.lastAction}): trying again` : 'a new certificate file';
	if (!contractorId) return { ...base, route: 'needsContractor', reason: `${why}; candidate ${incoming.candidateId} has no 1099Policy contractor in the ledgers yet`, contractorId, row: next };
	return { ...base, route: 'upload', reason: why, contractorId, row: next };
}

/**
 * A JSON node parameter as an object, or undefined when empty: n8n gives an expression's object as it is, typed JSON
 * as text.
 */
export function objectOf(value: unknown, field: string): Record<string, unknown> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = parseJsonObject(value, field, `Give ${field} as an expression returning an object.`);
	return Object.keys(parsed).length === 0 ? undefined : parsed;
}

/** A ledger row handed to Judge a Review, read strictly: a row this ledger cannot read names its file and the fix. */
export function certificateRowOf(value: unknown): CertificateRow {
	const raw = objectOf(value, 'Ledger Row') ?? {};
	const row = readCertificateRow(raw);
	if (!row) {
		throw new ValueError('Ledger Row', raw.fileKey ?? raw, 'cannot be read as a certificate ledger row', 'Give the row as the Data table node returned it; fix a hand-edited value (e.g. the state) in the Data tables view.');
	}
	return row;
}

/** The parts of a 1099Policy certificate (GET /files/certificates/{id}?expand[]=review_results) the review reads. */
export interface ReviewedCertificate {
	id?: string;
	status?: string;
	review_results?: { expiration_date?: number | null } | null;
}

export interface ReviewDecision {
	/** Whether the row changed (state or expiry): only then is it written and sent down its state's branch. */
	changed: boolean;
	state: CertificateState;
	reason: string;
	row: CertificateRow;
}

const STATUS: Record<string, CertificateState> = {
	pending: 'in review',
	processing: 'in review',
	approved: 'valid',
	flagged: 'flagged',
	denied: 'rejected',
	expired: 'expired',
};

/** `valid`, `expiring` or `expired` for a certificate expiring on `expiresOn` ('' = no expiry known), seen on `today`. */
function byDate(expiresOn: string, today: string): CertificateState {
	if (!expiresOn) return 'valid';
	const days = DateTime.fromISO(expiresOn, { zone: 'utc' }).diff(DateTime.fromISO(today, { zone: 'utc' }), 'days').days;
	if (days < 0) return 'expired';
	return days <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid';
}

/**
 * A ledger row's state today: for a row `in review`, from the certificate 1099Policy returned; for a `valid` or
 * `expiring` row, from its expiry date alone (no call). `today` is `yyyy-MM-dd`.
 */
export function decideReview(row: CertificateRow, certificate: ReviewedCertificate | undefined, today: string): ReviewDecision {
	if (!DateTime.fromISO(today).isValid) throw new ValueError('today', today, 'is not a date', 'Give today as yyyy-MM-dd (e.g. {{ $today.toISODate() }}).');
	let state: CertificateState = row.state;
	let expiresOn = row.expiresOn;
	let why: string;
	if (row.state === 'in review') {
		if (!certificate) return { changed: false, state, reason: `certificate ${row.certificateId || '?'} was not read: still in review`, row };
		const status = String(certificate.status ?? '');
		const mapped = STATUS[status];
		if (!mapped) {
			throw new ValueError('status', certificate.status, 'is not a certificate status this ledger knows', 'Expected pending, processing, approved, flagged, denied or expired: check the certificate in the 1099Policy dashboard.');
		}
		const seconds = certificate.review_results?.expiration_date;
		expiresOn = typeof seconds === 'number' ? (DateTime.fromSeconds(seconds, { zone: 'utc' }).toISODate() ?? '') : '';
		state = mapped === 'valid' ? byDate(expiresOn, today) : mapped;
		why = `1099Policy's review: ${status}`;
	} else if (row.state === 'valid' || row.state === 'expiring') {
		state = byDate(expiresOn, today);
		why = 'checked against today';
	} else {
		return { changed: false, state, reason: `${row.state}: nothing to check until a new file is sent`, row };
	}
	const changed = state !== row.state || expiresOn !== row.expiresOn;
	const expiry = expiresOn ? `expires ${expiresOn}` : 'no expiry given';
	const reason = `${why}: ${state} (${expiry})`;
	if (!changed) return { changed, state, reason, row };
	return { changed, state, reason, row: { ...row, state, expiresOn, reviewedAt: today, lastAction: reason.slice(0, 200) } };
}
