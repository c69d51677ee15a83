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
 * Certificates of insurance (BYO-COI). The review is deterministic so tests choose the outcome: a file containing
 * the ASCII text `FLAG` is flagged, any other PDF approved. It advances `pending → processing → approved|flagged`,
 * one step per `GET /files/certificates/{id}` (after `certificateReviewReads` reads it is final), or all at once
 * through the admin API. The final step emits `certificate.approved` or `certificate.flagged`.
 */
export function advanceReview(core: SandboxCore, env: Env, id: string, toEnd: boolean): ApiObject {
	const store = core.stores[env];
	let certificate = store.collections.certificates.require(id);
	if (certificate.status === 'approved' || certificate.status === 'flagged') return certificate;
	// Every certificate's bytes are stored with it at upload.
	const file = store.certificateFiles.get(id) as CertificateFile;
	file.reads = toEnd ? core.options.certificateReviewReads : file.reads + 1;
	if (file.reads < core.options.certificateReviewReads) {
		return store.collections.certificates.replace({ ...certificate, status: 'processing' });
	}
	const flagged = file.bytes.includes('FLAG', 0, 'latin1');
	const status = flagged ? 'flagged' : 'approved';
	certificate = store.collections.certificates.replace({
		...certificate,
		status,
		review_results: {
			reviewed: core.nowSeconds(),
			result: status,
			checks: [
				{ name: 'file', result: 'pass', message: 'Readable PDF' },
				flagged
					? { name: 'coverage', result: 'fail', message: 'The certificate was flagged for manual review (it contains FLAG)' }
					: { name: 'coverage', result: 'pass', message: 'Coverage meets the requirements' },
			],
		},
	});
	core.emit(env, `certificate.${status}`, certificate);
	if (!flagged) {
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
