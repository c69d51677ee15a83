import { describe, expect, it } from 'vitest';
import { pdf } from '../../fixtures/sandbox/referenceExamples';
import { sandboxClient } from '../../sandbox/client';
import { startSandbox } from '../../sandbox/index';
import { seedFlow, useSandbox } from './setup';

const ctx = useSandbox();

interface Part {
	name: string;
	value: string | { data: Buffer; filename: string; type?: string };
}

function encode(parts: Part[], boundary = 'sandboxBoundary42'): { raw: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		if (typeof part.value === 'string') {
			chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
		} else {
			const type = part.value.type === undefined ? '' : `Content-Type: ${part.value.type}\r\n`;
			chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.value.filename}"\r\n${type}\r\n`), part.value.data, Buffer.from('\r\n'));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { raw: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(contractor: string, file: { data: Buffer; filename: string; type?: string }, extra: Part[] = []) {
	const { raw, contentType } = encode([{ name: 'certificate', value: file }, { name: 'contractor', value: contractor }, ...extra]);
	return ctx.api.request('POST', '/files/certificates', { raw, contentType });
}

const good = (flagged = false) => ({ data: pdf(flagged), filename: 'coi.pdf', type: 'application/pdf' });

describe('certificate upload validation', () => {
	it('accepts a PDF with metadata fields', async () => {
		const { contractor } = await seedFlow(ctx.api, { quote: false });
		const response = await upload(contractor, good(), [
			{ name: 'custom_metadata[jobdiva_candidate_id]', value: '12345' },
			{ name: 'custom_metadata[jobdiva_placement_id]', value: 'pl_45678' },
			{ name: 'ignored', value: 'x' },
		]);
		expect(response.status).toBe(201);
		expect(response.body).toMatchObject({
			contractor,
			file_name: 'coi.pdf',
			mime_type: 'application/pdf',
			size: pdf().length,
			status: 'pending',
			custom_metadata: { jobdiva_candidate_id: '12345', jobdiva_placement_id: 'pl_45678' },
		});
		expect(response.body.id).toMatch(/^ci_/);
		expect(response.body.review_results).toBeUndefined();
	});

	it.each([
		['a .txt name', { data: pdf(), filename: 'coi.txt', type: 'application/pdf' }, 'invalid_file_type'],
		['a non-PDF MIME type', { data: pdf(), filename: 'coi.pdf', type: 'image/png' }, 'invalid_mime_type'],
		['no MIME type (octet-stream)', { data: pdf(), filename: 'coi.pdf' }, 'invalid_mime_type'],
		['no %PDF magic', { data: Buffer.from('GIF89a not a pdf'), filename: 'coi.pdf', type: 'application/pdf' }, 'invalid_file_type'],
		['more than 15 MB', { data: Buffer.concat([pdf(), Buffer.alloc(15 * 1024 * 1024)]), filename: 'big.PDF', type: 'application/pdf' }, 'invalid_file_size'],
	])('refuses %s', async (_name, file, code) => {
		const { contractor } = await seedFlow(ctx.api, { quote: false });
		const response = await upload(contractor, file);
		expect(response.status).toBe(400);
		expect(response.body.error_code).toBe(code);
		expect(ctx.sandbox.state().certificates).toEqual([]);
	});

	it('accepts exactly 15 MB', async () => {
		const { contractor } = await seedFlow(ctx.api, { quote: false });
		const data = Buffer.concat([pdf(), Buffer.alloc(15 * 1024 * 1024 - pdf().length)]);
		expect((await upload(contractor, { data, filename: 'max.pdf', type: 'application/pdf' })).status).toBe(201);
	});

	it('names missing fields, refuses unknown contractors, non-multipart and broken bodies', async () => {
		const missing = encode([{ name: 'note', value: 'x' }]);
		expect((await ctx.api.request('POST', '/files/certificates', missing)).body).toEqual({
			message: { certificate: 'is required (a PDF file part)', contractor: 'is required' },
			error_code: 'invalid_input',
		});
		expect((await upload('cn_missing', good())).status).toBe(404);
		const json = await ctx.api.post('/files/certificates', { contractor: 'cn_1' });
		expect(json.body.message).toEqual({ certificate: 'must be uploaded as multipart/form-data with a boundary' });
		const broken = await ctx.api.request('POST', '/files/certificates', { raw: Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'), contentType: 'multipart/form-data; boundary=b' });
		expect(broken.body.message).toEqual({ certificate: 'could not be read: the body ends before the closing boundary' });
	});
});

describe('certificate review', () => {
	it('moves pending → processing → approved on reads, emits certificate.approved, and links open assignments', async () => {
		const flow = await seedFlow(ctx.api);
		await ctx.api.post('/policies', { quote: flow.quote });
		const assignment = (await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job })).body;
		const id = (await upload(flow.contractor, good())).body.id;
		const first = await ctx.api.get(`/files/certificates/${id}?expand[]=review_results`);
		expect(first.body).toMatchObject({ status: 'processing', review_results: null });
		const second = await ctx.api.get(`/files/certificates/${id}?expand[]=review_results`);
		expect(second.body.status).toBe('approved');
		expect(second.body.review_results).toMatchObject({ result: 'approved', checks: [{ name: 'file', result: 'pass' }, { name: 'coverage', result: 'pass' }] });
		const third = await ctx.api.get(`/files/certificates/${id}`);
		expect(third.body.status).toBe('approved');
		expect(third.body.review_results).toBeUndefined();
		expect(ctx.sandbox.state().events.filter((e) => String(e.type).startsWith('certificate.')).map((e) => e.type)).toEqual(['certificate.approved']);
		expect((await ctx.api.get(`/assignments/${assignment.id}`)).body.certificates).toEqual([id]);
		// A later assignment lists the approved certificate from the start.
		await ctx.api.post('/assignments/cancel', { job_id: flow.job });
		expect((await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job })).body.certificates).toEqual([id]);
	});

	it('flags a file containing FLAG, via the admin API, and lists with review results', async () => {
		const { contractor } = await seedFlow(ctx.api, { quote: false });
		const flagged = (await upload(contractor, good(true))).body.id;
		const approved = (await upload(contractor, good())).body.id;
		const reviewed = await ctx.api.admin('POST', `/certificates/${flagged}/review`);
		expect(reviewed.body).toMatchObject({ status: 'flagged', review_results: { result: 'flagged', checks: [{}, { name: 'coverage', result: 'fail' }] } });
		// Reviewing a final certificate again changes nothing.
		expect((await ctx.api.admin('POST', `/certificates/${flagged}/review`)).body.review_results).toEqual(reviewed.body.review_results);
		expect(ctx.sandbox.reviewCertificate(approved).status).toBe('approved');
		const list = await ctx.api.get('/files/certificates?expand[]=review_results');
		expect(list.body.map((c: { id: string; status: string; review_results: unknown }) => [c.id, c.status, typeof c.review_results])).toEqual([
			[approved, 'approved', 'object'],
			[flagged, 'flagged', 'object'],
		]);
		expect((await ctx.api.get('/files/certificates')).body[0].review_results).toBeUndefined();
		expect(ctx.sandbox.state().events.map((e) => e.type)).toEqual(['certificate.flagged', 'certificate.approved']);
		expect((await ctx.api.admin('POST', '/certificates/ci_missing/review')).status).toBe(404);
	});

	it('finishes on the first read when certificateReviewReads is 1', async () => {
		const sandbox = await startSandbox({ certificateReviewReads: 1 });
		try {
			const api = sandboxClient(sandbox.url);
			const { contractor } = await seedFlow(api, { quote: false });
			const { raw, contentType } = encode([{ name: 'certificate', value: good(true) }, { name: 'contractor', value: contractor }]);
			const id = (await api.request('POST', '/files/certificates', { raw, contentType })).body.id;
			expect((await api.get(`/files/certificates/${id}`)).body.status).toBe('flagged');
		} finally {
			await sandbox.stop();
		}
	});

	it('ends denied, expired or approved with the expiry the file states, and emits the documented events', async () => {
		const { contractor } = await seedFlow(ctx.api, { quote: false });
		const today = new Date(ctx.sandbox.clock().now).toISOString().slice(0, 10);
		const file = (text: string) => ({ data: Buffer.from(`%PDF-1.4\n% certificate of insurance ${text}\n%%EOF\n`, 'latin1'), filename: 'coi.pdf', type: 'application/pdf' });
		const review = async (text: string) => {
			const id = (await upload(contractor, file(text))).body.id as string;
			return (await ctx.api.admin('POST', `/certificates/${id}/review`)).body as { status: string; review_results: { expiration_date: number; checks: Array<{ name: string; result: string; message: string }> } };
		};
		const denied = await review('DENY Expires: 2030-01-31');
		expect(denied.status).toBe('denied');
		expect(denied.review_results.expiration_date).toBe(Date.parse('2030-01-31T00:00:00Z') / 1000);
		const expired = await review('Expires: 2020-06-30');
		expect(expired.status).toBe('expired');
		expect(expired.review_results.checks[1]).toEqual({ name: 'expiration', result: 'fail', message: 'The coverage expired on 2020-06-30' });
		// Expiring today is still valid today.
		const lastDay = await review(`Expires: ${today}`);
		expect(lastDay.status).toBe('approved');
		expect(lastDay.review_results.checks[1].message).toBe(`Coverage meets the requirements until ${today}`);
		const noDate = await review('');
		expect(noDate.review_results.expiration_date - Math.floor(ctx.sandbox.clock().now / 1000)).toBeGreaterThan(364 * 86_400);
		expect(ctx.sandbox.state().events.filter((e) => String(e.type).startsWith('certificate.')).map((e) => e.type)).toEqual([
			'certificate.denied',
			'certificate.denied',
			'certificate.approved',
			'certificate.approved',
		]);
	});

	it('judges the expiry against the sandbox clock at the end of the review, not at the upload', async () => {
		const { contractor } = await seedFlow(ctx.api, { quote: false });
		const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
		const tomorrow = day(ctx.sandbox.clock().now + 86_400_000);
		const id = (await upload(contractor, { data: Buffer.from(`%PDF-1.4\n% certificate Expires: ${tomorrow}\n`, 'latin1'), filename: 'coi.pdf', type: 'application/pdf' })).body.id;
		ctx.sandbox.advanceClock(2 * 86_400_000);
		expect((await ctx.api.admin('POST', `/certificates/${id}/review`)).body.status).toBe('expired');
	});
});
