import { MAX_CERTIFICATE_BYTES } from '../ten99policy/multipart';
import { ValueError } from '../util/valueError';
import { candidateId } from './candidate';
import { shortHash, safeId } from './keys';
import { pick, text, type Normalised } from './normalise';
import { placementId } from './placement';
import { certificateFields, validate, type CertificateFields, type MappingRules } from './schemas';

/**
 * Guide §4.6, JobDiva candidate attachment (`CandidateAttachmentDetail`: FILENAME + base64 FILECONTENT) →
 * 1099Policy certificate upload (POST /files/certificates, multipart: `certificate` PDF + `contractor` +
 * `custom_metadata[...]`). Candidates carry many attachments (résumés, IDs); only a PDF that looks like a
 * certificate of insurance goes on — by its file name (COI, certificate, insurance, ACORD, liability) or, failing
 * that, by the certificate wording inside the PDF. Anything else is skipped with the reason.
 */

export interface MappedCertificate {
	fields: CertificateFields;
	idempotencyKey: string;
	file: { data: Buffer; fileName: string; mimeType: 'application/pdf' };
	because: string;
}

export type CertificateOutcome = { kind: 'mapped'; certificate: MappedCertificate } | { kind: 'skipped'; reason: string; field: string; value: unknown };

const COI_NAME = /(^|[^a-z])(coi|certificate|cert|insurance|acord|liability|ins)([^a-z]|$)/i;
// ACORD 25 is the standard US certificate of liability insurance form.
const COI_CONTENT = /certificate of (liability )?insurance|acord 25|acord corporation|certificate holder/i;

export function mapAttachment(record: Normalised, rules: MappingRules, notes: string[]): CertificateOutcome {
	const a = record.attachment;
	const nameFound = pick(a, 'fileName');
	const contentFound = pick(a, 'content');
	const fileName = text(nameFound) ?? '';
	if (!contentFound || typeof contentFound.value !== 'string') {
		throw new ValueError(contentFound?.field ?? 'FILECONTENT', contentFound?.value, 'is missing', 'Read the attachment with CandidateAttachmentDetail (candidateId and fileName) so FILECONTENT holds the base64 file.');
	}
	const base64 = contentFound.value.replace(/^data:[^;]+;base64,/, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64) || base64.length === 0) {
		throw new ValueError(contentFound.field, `${base64.slice(0, 20)}…`, 'is not base64', 'Pass JobDiva\'s FILECONTENT unchanged (base64).');
	}
	const data = Buffer.from(base64, base64.includes('-') || base64.includes('_') ? 'base64url' : 'base64');
	if (data.subarray(0, 4).toString('latin1') !== '%PDF') {
		return { kind: 'skipped', reason: 'the attachment is not a PDF; 1099Policy reviews PDF certificates only', field: nameFound?.field ?? contentFound.field, value: fileName || null };
	}
	if (data.length > MAX_CERTIFICATE_BYTES) {
		throw new ValueError(contentFound.field, `${data.length} bytes`, 'is larger than 1099Policy\'s 15 MB limit', 'Ask the contractor for a smaller PDF of the certificate.');
	}
	let because: string;
	if (COI_NAME.test(fileName.replace(/\.pdf$/i, ''))) {
		because = `file name "${fileName}" looks like a certificate of insurance`;
	} else if (COI_CONTENT.test(data.toString('latin1'))) {
		because = 'the PDF contains certificate-of-insurance wording (e.g. "CERTIFICATE OF LIABILITY INSURANCE" / ACORD 25)';
	} else {
		return {
			kind: 'skipped',
			reason: 'the attachment does not look like a certificate of insurance (name has no COI/certificate/insurance/ACORD, content has no certificate wording)',
			field: nameFound?.field ?? 'FILENAME',
			value: fileName || null,
		};
	}
	notes.push(`Certificate: ${because}.`);

	const candidate = text(candidateId(record));
	if (!candidate) {
		throw new ValueError('candidateId', undefined, 'is missing', 'Send the JobDiva candidate ID with the attachment (it is stored as custom_metadata[jobdiva_candidate_id]).');
	}
	const metadata: Record<string, string> = { jobdiva_candidate_id: candidate };
	const placement = text(placementId(record));
	if (placement) metadata.jobdiva_placement_id = placement;
	const body: Record<string, unknown> = { custom_metadata: metadata };
	if (rules.contractorId !== '') body.contractor = rules.contractorId;
	else notes.push('certificate contractor left out: set the Contractor ID parameter.');
	const fields = validate(certificateFields, body, 'certificate');
	const pdfName = fileName.toLowerCase().endsWith('.pdf') ? fileName : `${fileName || `certificate-${safeId(candidate)}`}.pdf`;
	return {
		kind: 'mapped',
		certificate: {
			fields,
			// The file content is what matters: the same PDF re-sent reuses the key.
			idempotencyKey: `jobdiva-certificate-${safeId(candidate)}-${shortHash(`${shortHash(fields)}:${shortHash(base64)}`)}`,
			file: { data, fileName: pdfName, mimeType: 'application/pdf' },
			because,
		},
	};
}
