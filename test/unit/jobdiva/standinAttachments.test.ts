/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { standinOverHttp } from '../../helpers/standinOverHttp';

const jd = standinOverHttp();
const { admin } = jd;
const download = async (candidateId: string, fileName: string) => (await jd.bi('CandidateAttachmentDetail', { candidateId, fileName })) as Array<{ FILENAME: string; FILECONTENT: string }>;

describe('JobDiva stand-in: attachments added over time (/__standin/attachments)', () => {
	it('serves a certificate added over HTTP, with its expiry and review marker in the PDF text', async () => {
		expect(await download('12347', 'Marcus_Webb_COI.pdf')).toEqual([]);
		const added = await admin('POST', '/attachments', { candidateId: '12347', fileName: 'Marcus_Webb_COI.pdf', coi: { expires: '2027-03-31', marker: 'FLAG' }, at: '2026-12-06T09:00:00Z' });
		expect(added).toMatchObject({ status: 200, body: { candidateId: '12347', fileName: 'Marcus_Webb_COI.pdf', at: '2026-12-06T09:00:00Z' } });
		const [file] = await download('12347', 'Marcus_Webb_COI.pdf');
		const text = Buffer.from(file.FILECONTENT, 'base64').toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text).toContain('(INSURED: Marcus Webb)');
		expect(text).toContain('(Expires: 2027-03-31)');
		expect(text).toContain('FLAG');
		expect(added.body.bytes).toBe(Buffer.from(file.FILECONTENT, 'base64').length);
		expect((await admin('GET', '/attachments')).body).toEqual([
			{ candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf', at: '' },
			{ candidateId: '12346', fileName: 'Priya_Raman_Resume.txt', at: '' },
			{ candidateId: '12347', fileName: 'Marcus_Webb_COI.pdf', at: '2026-12-06T09:00:00Z' },
		]);
	});

	it('replaces a file of the same name on the same candidate, as re-uploading in JobDiva does', async () => {
		await jd.standin.addAttachment({ candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf', coi: { expires: '2028-01-31' } });
		const files = await download('12345', 'Jordan_Lee_COI_2026.pdf');
		expect(files).toHaveLength(1);
		expect(Buffer.from(files[0].FILECONTENT, 'base64').toString('latin1')).toContain('(Expires: 2028-01-31)');
	});

	it('notifies the firm\'s intake with the candidate and file name', async () => {
		const received: string[] = [];
		const intake: Server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				received.push(Buffer.concat(chunks).toString('utf8'));
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => intake.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(intake.address() as AddressInfo).port}/webhook/jobdiva-coi`;
			const added = await admin('POST', '/attachments', { candidateId: '12346', fileName: 'Priya_CV.txt', text: 'Priya Raman, designer', notify: { url } });
			expect(added.body.notify).toEqual({ status: 200, body: 'ok', sentBody: '{"candidateId":"12346","fileName":"Priya_CV.txt"}' });
			expect(received).toEqual(['{"candidateId":"12346","fileName":"Priya_CV.txt"}']);
			const unreachable = await admin('POST', '/attachments', { candidateId: '12346', fileName: 'b.txt', text: 'b', notify: { url: 'http://127.0.0.1:1/none' } });
			expect(unreachable.body.notify.status).toBe(0);
		} finally {
			intake.close();
		}
	});

	it('refuses bad input naming the field, and changes nothing', async () => {
		const cases: Array<[object, number, string]> = [
			[{ fileName: 'a.pdf', coi: {} }, 400, 'candidateId'],
			[{ candidateId: '99999', fileName: 'a.pdf', coi: {} }, 404, 'candidateId: no candidate 99999'],
			[{ candidateId: '12345', coi: {} }, 400, 'fileName'],
			[{ candidateId: '12345', fileName: 'a.pdf' }, 400, 'coi or text'],
			[{ candidateId: '12345', fileName: 'a.pdf', coi: { expires: '31/12/2027' } }, 400, 'coi.expires'],
			[{ candidateId: '12345', fileName: 'a.pdf', coi: { marker: 'OK' } }, 400, 'coi.marker'],
			[{ candidateId: '12345', fileName: 'a.pdf', coi: {}, colour: 'red' }, 400, 'colour: not an attachment field'],
		];
		for (const [body, status, message] of cases) {
			const answer = await admin('POST', '/attachments', body);
			expect(answer.status, JSON.stringify(body)).toBe(status);
			expect(answer.body.error).toContain(message);
		}
		expect((await admin('GET', '/attachments')).body).toHaveLength(2);
	});
});
