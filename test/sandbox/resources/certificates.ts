import type { SandboxCore } from '../core';
import { ApiError, invalidInput } from '../errors';
import { multipartBoundary, MultipartError, parseMultipart } from '../multipart';
import { route, type RequestContext, type Route } from '../router';
import type { ApiObject, Env } from '../types';
import { mergeMetadata } from '../validation';
import type { CertificateFile } from '../store';
import { created, ok, page, pathObject, referenced } from './common';

export const MAX_CERTIFICATE_BYTES = 15 * 1024 * 1024;

/**
 * Certificates of insurance (BYO-COI). The review is deterministic so tests choose the outcome from the file's text:
 * `FLAG` → flagged (manual review), `DENY` → denied, `Expires: YYYY-MM-DD` → the coverage's expiry date (none: a year
 * after the upload), and an expiry before the sandbox clock's today → expired; any other PDF is approved. It advances
 * `pending → processing → final`, one step per `GET /files/certificates/{id}` (after `certificateReviewReads` reads
 * it is final), or all at once through the admin API. The final step emits 1099Policy's documented events:
 * `certificate.approved`, `certificate.flagged` or `certificate.denied` (an expired certificate is denied too; its
 * `status` says `expired`). https://docs.1099policy.com lists those events but not every field of `review_results`;
 * `expiration_date` (Unix seconds, the day's midnight UTC) is this sandbox's reading of it.
 */
const FINAL = ['approved', 'flagged', 'denied', 'expired'];
const DAY = 86_400;

/** The review's verdict on a file: see `advanceReview`. */
function judge(bytes: Buffer, uploaded: number, now: number): { status: string; expires: number; check: { name: string; result: string; message: string } } {
	const text = bytes.toString('latin1');
	const date = /Expires:\s*(\d{4}-\d{2}-\d{2})/i.exec(text)?.[1];
	const expires = date ? Date.parse(`${date}T00:00:00Z`) / 1000 : uploaded + 365 * DAY;
	const day = new Date(expires * 1000).toISOString().slice(0, 10);
	if (text.includes('FLAG')) return { status: 'flagged', expires, check: { name: 'coverage', result: 'fail', message: 'The certificate was flagged for manual review (it contains FLAG)' } };
	if (text.includes('DENY')) return { status: 'denied', expires, check: { name: 'coverage', result: 'fail', message: 'The certificate does not show the required coverage (it contains DENY)' } };
	if (expires < Math.floor(now / DAY) * DAY) return { status: 'expired', expires, check: { name: 'expiration', result: 'fail', message: `The coverage expired on ${day}` } };
	return { status: 'approved', expires, check: { name: 'coverage', result: 'pass', message: `Coverage meets the requirements until ${day}` } };
}

export function advanceReview(core: SandboxCore, env: Env, id: string, toEnd: boolean): ApiObject {
	const store = core.stores[env];
	let certificate = store.collections.certificates.require(id);
	if (FINAL.includes(certificate.status as string)) return certificate;
	// Every certificate's bytes are stored with it at upload.
	const file = store.certificateFiles.get(id) as CertificateFile;
	file.reads = toEnd ? core.options.certificateReviewReads : file.reads + 1;
	if (file.reads < core.options.certificateReviewReads) {
		return store.collections.certificates.replace({ ...certificate, status: 'processing' });
	}
	const { status, expires, check } = judge(file.bytes, certificate.created as number, core.nowSeconds());
	certificate = store.collections.certificates.replace({
		...certificate,
		status,
		review_results: {
			reviewed: core.nowSeconds(),
			result: status,
			expiration_date: expires,
			checks: [{ name: 'file', result: 'pass', message: 'Readable PDF' }, check],
		},
	});
	core.emit(env, `certificate.${status === 'expired' ? 'denied' : status}`, certificate);
	if (status === 'approved') {
		// Open assignments of the contractor list their approved certificates.
		for (const assignment of store.collections.assignments.all()) {
			if (assignment.contractor === certificate.contractor && assignment.status !== 'cancelled') {
				store.collections.assignments.replace({ ...assignment, certificates: [...(assignment.certificates as string[]), certificate.id] });
			}
		}
	}
	return certificate;
}

/** `review_results` only with `expand[]=review_results`, as 1099Policy documents. */
function shown(ctx: RequestContext, certificate: ApiObject): ApiObject {
	if (ctx.query.getAll('expand[]').includes('review_results')) return { ...certificate, review_results: certificate.review_results ?? null };
	const { review_results: _results, ...rest } = certificate;
	void _results;
	return rest as ApiObject;
}

/** Checks in 1099Policy's order; each failure has its own error code. */
function upload(ctx: RequestContext): ApiObject {
	const boundary = multipartBoundary(ctx.contentType);
	if (!boundary) throw invalidInput({ certificate: 'must be uploaded as multipart/form-data with a boundary' });
	let form;
	try {
		form = parseMultipart(ctx.raw, boundary);
	} catch (error) {
		throw invalidInput({ certificate: `could not be read: ${(error as MultipartError).message}` });
	}
	const missing: Record<string, string> = {};
	const file = form.files.certificate;
	if (!file) missing.certificate = 'is required (a PDF file part)';
	const contractorId = form.fields.contractor?.trim();
	if (!contractorId) missing.contractor = 'is required';
	if (Object.keys(missing).length > 0) throw invalidInput(missing);
	const contractor = referenced(ctx.store.collections.contractors, String(contractorId), 'contractor');
	if (!file.filename.toLowerCase().endsWith('.pdf')) throw new ApiError(400, 'invalid_file_type', `${file.filename} is not a .pdf file`);
	if (file.contentType.toLowerCase() !== 'application/pdf') {
		throw new ApiError(400, 'invalid_mime_type', `The certificate's MIME type is ${file.contentType}, not application/pdf`);
	}
	if (file.data.subarray(0, 4).toString('latin1') !== '%PDF') throw new ApiError(400, 'invalid_file_type', `${file.filename} does not start with %PDF`);
	if (file.data.length > MAX_CERTIFICATE_BYTES) {
		throw new ApiError(400, 'invalid_file_size', `${file.filename} is ${file.data.length} bytes; the limit is 15 MB`);
	}
	// custom_metadata[key]=value form fields.
	const metadata: Record<string, string> = {};
	for (const [name, value] of Object.entries(form.fields)) {
		const match = /^custom_metadata\[(.+)\]$/.exec(name);
		if (match) metadata[match[1]] = value;
	}
	const certificate = ctx.core.insert(ctx.env, 'certificates', 'ci_', {
		contractor: contractor.id,
		file_name: file.filename,
		mime_type: 'application/pdf',
		size: file.data.length,
		status: 'pending',
		review_results: null,
		custom_metadata: mergeMetadata({}, metadata),
	});
	ctx.store.certificateFiles.set(certificate.id, { bytes: file.data, reads: 0 });
	return certificate;
}

export const certificateRoutes: Route[] = [
	route('POST', '/files/certificates', (ctx) => created(shown(ctx, upload(ctx)))),
	route('GET', '/files/certificates', (ctx) => {
		const result = page(ctx, ctx.store.collections.certificates);
		return ok((result.body as ApiObject[]).map((c) => shown(ctx, c)));
	}),
	route('GET', '/files/certificates/:id', (ctx) => {
		const certificate = pathObject(ctx, ctx.store.collections.certificates);
		return ok(shown(ctx, advanceReview(ctx.core, ctx.env, certificate.id, false)));
	}),
];
