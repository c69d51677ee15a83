import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerWith, T99_BASE, T99_CREDENTIALS, T99_SECRET, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { binaryChain, runWorkflow } from '../helpers/workflow';

const PDF_TEXT = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const PDF = Buffer.from(PDF_TEXT, 'latin1').toString('base64');

function parts(body: string, contentType: string) {
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
	expect(boundary).toBeTruthy();
	expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
	return body
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((section) => {
			const text = section.replace(/^\r\n/, '').replace(/\r\n$/, '');
			const split = text.indexOf('\r\n\r\n');
			const head = text.slice(0, split);
			return {
				name: /name="([^"]*)"/.exec(head)?.[1],
				fileName: /filename="([^"]*)"/.exec(head)?.[1],
				contentType: /Content-Type: (.+)/.exec(head)?.[1],
				value: text.slice(split + 4),
			};
		});
}

const upload = (additionalFields: INodeParameters = {}, certificate = 'data') =>
	ten99Node({
		resource: 'certificate',
		operation: 'upload',
		certificate,
		contractor: { __rl: true, mode: 'id', value: '={{ $json.contractorId }}' },
		additionalFields,
	});

describe('Certificate → Upload through the node', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('sends the PDF from a binary property as multipart/form-data with contractor and custom_metadata[key] parts', async () => {
		const log: SeenHttp[] = [];
		const scope = nock(T99_BASE).post('/api/v1/files/certificates').reply(answerWith(log, () => [201, { id: 'ci_1', status: 'pending' }]));
		const result = await runWorkflow(
			binaryChain(
				[{ base64: PDF, fileName: 'coi.pdf', mimeType: 'application/pdf', property: 'coi', json: { contractorId: 'cn_42', candidate: '12345' } }],
				upload({ custom_metadata: { pairs: [{ key: 'jobdiva_candidate_id', value: '={{ $json.candidate }}' }] } }, 'coi'),
			),
			T99_CREDENTIALS,
		);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.output('1099Policy')).toEqual([{ json: { id: 'ci_1', status: 'pending' }, pairedItem: { item: 0 } }]);
		const [request] = log;
		expect(request.headers.authorization).toBe(`Bearer ${T99_SECRET}`);
		expect(request.headers['ten99policy-environment']).toBe('sandbox');
		expect(request.headers['ten99policy-idempotent-key']).toMatch(/^[0-9a-f-]{36}$/);
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(parts(request.body, request.headers['content-type'])).toEqual([
			{ name: 'certificate', fileName: 'coi.pdf', contentType: 'application/pdf', value: PDF_TEXT },
			{ name: 'contractor', fileName: undefined, contentType: undefined, value: 'cn_42' },
			{ name: 'custom_metadata[jobdiva_candidate_id]', fileName: undefined, contentType: undefined, value: '12345' },
		]);
	});

	it.each([
		['a .docx file', { base64: Buffer.from('PK\u0003\u0004 word').toString('base64'), fileName: 'coi.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, /is not a \.pdf file/],
		['a PNG renamed to .pdf', { base64: Buffer.from('\u0089PNG\r\n').toString('base64'), fileName: 'coi.pdf', mimeType: 'application/pdf' }, /does not start with %PDF/],
		['a PDF with an image MIME type', { base64: PDF, fileName: 'coi.pdf', mimeType: 'image/png' }, /MIME type other than application\/pdf/],
		['a PDF over 15 MB', { base64: PDF, fileName: 'coi.pdf', mimeType: 'application/pdf', padToBytes: 15 * 1024 * 1024 + 1 }, /larger than 1099Policy's 15 MB limit/],
	])('refuses %s before any request', async (_label, file, message) => {
		const scope = nock(T99_BASE).post('/api/v1/files/certificates').reply(201, { id: 'ci_1' });
		const result = await runWorkflow(binaryChain([{ ...file, json: { contractorId: 'cn_42' } }], upload()), T99_CREDENTIALS);
		expect(result.error).toBeDefined();
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/^\[item 0\] certificate: /);
		expect(scope.isDone()).toBe(false);
		expect(nock.pendingMocks()).toHaveLength(1);
	});

	it.each(['application/octet-stream', 'binary/octet-stream', 'application/pdf; charset=binary'])(
		'a real PDF downloaded with the generic MIME type %s is uploaded as application/pdf',
		async (mimeType) => {
			const log: SeenHttp[] = [];
			nock(T99_BASE).post('/api/v1/files/certificates').reply(answerWith(log, () => [201, { id: 'ci_2' }]));
			const result = await runWorkflow(binaryChain([{ base64: PDF, fileName: 'coi.pdf', mimeType, json: { contractorId: 'cn_42' } }], upload()), T99_CREDENTIALS);
			expect(result.error).toBeUndefined();
			const [file] = parts(log[0].body, log[0].headers['content-type']);
			expect(file).toEqual({ name: 'certificate', fileName: 'coi.pdf', contentType: 'application/pdf', value: PDF_TEXT });
		},
	);

	it('a missing binary property is refused, naming the property and the fix', async () => {
		const scope = nock(T99_BASE).post('/api/v1/files/certificates').reply(201, { id: 'ci_1' });
		const result = await runWorkflow(binaryChain([{ base64: PDF, fileName: 'coi.pdf', mimeType: 'application/pdf', json: { contractorId: 'cn_42' } }], upload({}, 'attachment')), T99_CREDENTIALS);
		expect(result.error?.message).toMatch(/Input Binary Field: names no binary property on item 0.*"attachment"/);
		expect(scope.isDone()).toBe(false);
	});

	it('with Continue On Fail, the non-PDF item becomes an error item and the PDF is uploaded', async () => {
		const log: SeenHttp[] = [];
		nock(T99_BASE).post('/api/v1/files/certificates').reply(answerWith(log, () => [201, { id: 'ci_ok' }]));
		const result = await runWorkflow(
			binaryChain(
				[
					{ base64: Buffer.from('hello').toString('base64'), fileName: 'notes.txt', mimeType: 'text/plain', json: { contractorId: 'cn_1' } },
					{ base64: PDF, fileName: 'coi.pdf', mimeType: 'application/pdf', json: { contractorId: 'cn_2' } },
				],
				{ ...upload(), onError: 'continueRegularOutput' },
			),
			T99_CREDENTIALS,
		);
		expect(result.error).toBeUndefined();
		const out = result.output('1099Policy');
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json).toMatchObject({ field: 'certificate', item: 0, error: expect.stringMatching(/is not a \.pdf file/) });
		expect(out[1].json).toEqual({ id: 'ci_ok' });
		expect(log).toHaveLength(1);
	});
});
