import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COI_LEDGER_TABLE } from '../../src/ledger/certificates';
import { LEDGER_TABLE } from '../../src/ledger/row';
import { attach, coiIntake, coiReview, COI_STATE_NODES } from '../demo/coi';
import { requestShape } from '../demo/lifecycle';
import { SANDBOX_KEY, seedReturningContractor } from '../demo/scenario';
import { webhookAnswers } from '../helpers/baseNodeDoubles';
import { failWrites, restoreTables, tableRows } from '../helpers/dataTableDouble';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { startSandbox, type Sandbox } from '../sandbox';

/**
 * The COI template, unchanged, through n8n-core against the 1099Policy sandbox and the JobDiva stand-in: intakes as
 * the webhook emits them, the hourly review from its manual entry, the certificate ledger in (a double of) n8n's
 * Data table. Calls counted from the sandbox's request log.
 */
describe('template: JobDiva COI → 1099Policy certificate review', () => {
	let sandbox: Sandbox;
	let jobdiva: JobDivaStandin;
	let credentials: Parameters<typeof coiIntake>[0];
	let from = 0;
	const calls = () => sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).map((r) => requestShape(r.method, r.path));
	const uploads = () => calls().filter((c) => c.startsWith('POST /files/certificates'));
	const mark = () => (from = sandbox.requestLog.length);
	const ledger = () => tableRows(COI_LEDGER_TABLE);
	const inDays = (days: number) => DateTime.utc().plus({ days }).toISODate()!;

	beforeEach(async () => {
		sandbox = await startSandbox();
		jobdiva = await startJobDivaStandin();
		credentials = {
			ten99PolicyApi: { apiKey: SANDBOX_KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		from = 0;
	});
	afterEach(async () => {
		await sandbox?.stop();
		await jobdiva?.stop();
	});

	/** Uploads a certificate for Jordan Lee (no placement ledger row) and finishes its review at once. */
	async function uploaded(fileName: string, coi: Record<string, unknown>) {
		await attach(jobdiva.url, { candidateId: '12345', fileName, coi });
		const run = await coiIntake(credentials, { candidateId: '12345', fileName });
		expect(run.error).toBeUndefined();
		const certificateId = String(run.output('Uploaded: in review')[0].json.certificateId);
		sandbox.reviewCertificate(certificateId);
		return certificateId;
	}

	describe('checklist 6: BYO-COI tested independently from fractional coverage', () => {
		it('a candidate with no placement ledger row gets a contractor and one upload; the same intake again, and 25 h later, uploads nothing', async () => {
			const first = await coiIntake(credentials, { candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf' });
			expect(first.error).toBeUndefined();
			expect(calls()).toEqual(['POST /contractors', 'POST /files/certificates']);
			expect(sandbox.state().contractors.map((c) => c.email)).toEqual(['jordan.lee@example.net']);
			const [certificate] = sandbox.state().certificates;
			expect(certificate).toMatchObject({ contractor: sandbox.state().contractors[0].id, custom_metadata: { jobdiva_candidate_id: '12345' } });
			expect(webhookAnswers.at(-1)).toMatchObject({ outcome: 'uploaded', candidateId: '12345', certificateId: certificate.id });
			expect(ledger()).toEqual([
				expect.objectContaining({ candidateId: '12345', placementIds: '', fileName: 'Jordan_Lee_COI_2026.pdf', contractorId: certificate.contractor, certificateId: certificate.id, state: 'in review' }),
			]);
			expect(String(ledger()[0].fileKey)).toMatch(/^12345:[0-9a-f]{32}$/);

			mark();
			const again = await coiIntake(credentials, { candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf' });
			expect(again.error).toBeUndefined();
			expect(calls()).toEqual([]);
			expect(webhookAnswers.at(-1)).toMatchObject({ outcome: 'already sent', certificateId: certificate.id, state: 'in review' });

			sandbox.advanceClock(25 * 3_600_000);
			mark();
			expect((await coiIntake(credentials, { candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf' })).error).toBeUndefined();
			expect(uploads()).toEqual([]);
			expect(calls()).toEqual([]);
			expect(sandbox.state().certificates).toHaveLength(1);
			expect(ledger()).toHaveLength(1);
		});

		it('a candidate in the placement ledger uploads with the contractor of its placements: 1 call, the placement IDs in the row', async () => {
			const { contractor } = await seedReturningContractor(sandbox.url);
			const placement = { candidateId: '12345', jobdivaJobId: '78910', state: 'covered', contractorId: contractor, lastAction: 'covered' };
			restoreTables(LEDGER_TABLE, [
				{ ...placement, placementId: '45678' },
				{ ...placement, placementId: '45690' },
			]);
			mark();
			expect((await coiIntake(credentials, { candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf' })).error).toBeUndefined();
			expect(calls()).toEqual(['POST /files/certificates']);
			expect(ledger()).toEqual([expect.objectContaining({ contractorId: contractor, placementIds: '45678,45690', state: 'in review' })]);
			expect(sandbox.state().certificates.map((c) => c.contractor)).toEqual([contractor]);
		});

		it('a ledger that cannot be written stops the intake before the upload, naming the file and the setting to raise', async () => {
			failWrites('Data table size limit exceeded: 50MB used, limit is 50MB');
			try {
				const run = await coiIntake(credentials, { candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf' });
				expect(run.error?.message).toMatch(/could not be written \(Ledger: uploading\) for file 12345:[0-9a-f]{32}: Data table size limit exceeded.*The certificate was not uploaded.*N8N_DATA_TABLES_MAX_SIZE_BYTES/);
				expect(uploads()).toEqual([]);
			} finally {
				failWrites(undefined);
			}
		});

		it('an earlier certificate of the candidate gives the contractor for a new file: 1 call', async () => {
			await coiIntake(credentials, { candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf' });
			const contractorId = String(ledger()[0].contractorId);
			// The same file under a new name is the same file: nothing; a new file is a new row and one upload.
			await attach(jobdiva.url, { candidateId: '12345', fileName: 'COI-renewal.pdf', coi: { expires: inDays(400) } });
			mark();
			expect((await coiIntake(credentials, { candidateId: '12345', fileName: 'COI-renewal.pdf' })).error).toBeUndefined();
			expect(calls()).toEqual(['POST /files/certificates']);
			expect(ledger().map((r) => [r.fileName, r.contractorId, r.state])).toEqual([
				['Jordan_Lee_COI_2026.pdf', contractorId, 'in review'],
				['COI-renewal.pdf', contractorId, 'in review'],
			]);
		});

		it('a résumé goes to Not a certificate with the reason: 0 uploads, 0 calls', async () => {
			const run = await coiIntake(credentials, { candidateId: '12346', fileName: 'Priya_Raman_Resume.txt' });
			expect(run.error).toBeUndefined();
			expect(run.output('Not a certificate').map((i) => i.json)).toEqual([
				{ outcome: 'not a certificate', candidateId: '12346', fileName: 'Priya_Raman_Resume.txt', reason: expect.stringMatching(/not a PDF/) },
			]);
			expect(webhookAnswers.at(-1)).toMatchObject({ outcome: 'not a certificate' });
			expect(calls()).toEqual([]);
			expect(ledger()).toEqual([]);
		});

		it('an attachment JobDiva does not have answers Needs fixing, naming the file', async () => {
			const run = await coiIntake(credentials, { candidateId: '12345', fileName: 'missing.pdf' });
			expect(run.error).toBeUndefined();
			expect(webhookAnswers.at(-1)).toMatchObject({ outcome: 'needs fixing', fileName: 'missing.pdf', problem: expect.stringMatching(/File Name was not found on this candidate/) });
			expect(calls()).toEqual([]);
		});

		it('each review outcome takes its own branch and sets the ledger state; the next hourly check makes 0 calls', async () => {
			const ids = {
				valid: await uploaded('COI-valid.pdf', { expires: inDays(200) }),
				expiring: await uploaded('COI-expiring.pdf', { expires: inDays(20) }),
				flagged: await uploaded('COI-flag.pdf', { marker: 'FLAG' }),
				rejected: await uploaded('COI-deny.pdf', { marker: 'DENY' }),
				expired: await uploaded('COI-old.pdf', { expires: inDays(-3) }),
			};
			mark();
			const run = await coiReview(credentials);
			expect(run.error).toBeUndefined();
			expect(calls()).toHaveLength(5);
			expect(calls().every((c) => c === 'GET /files/certificates/{id}')).toBe(true);
			for (const [state, node] of Object.entries(COI_STATE_NODES)) {
				expect(run.output(node).map((i) => [i.json.certificateId, i.json.state]), node).toEqual([[ids[state as keyof typeof ids], state]]);
			}
			expect(run.output(COI_STATE_NODES.expiring)[0].json).toMatchObject({ candidateId: '12345', expiresOn: inDays(20), reason: expect.stringMatching(/approved: expiring/) });
			expect(Object.fromEntries(ledger().map((r) => [r.certificateId, r.state]))).toEqual(Object.fromEntries(Object.entries(ids).map(([state, id]) => [id, state])));

			mark();
			const quiet = await coiReview(credentials);
			expect(quiet.error).toBeUndefined();
			expect(calls()).toEqual([]);
			expect(quiet.output('Unchanged: nothing to do')).toHaveLength(2);
		});

		it('a certificate still under review stays in review; read again once the review ends', async () => {
			await coiIntake(credentials, { candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf' });
			mark();
			const first = await coiReview(credentials);
			expect(first.error).toBeUndefined();
			expect(calls()).toEqual(['GET /files/certificates/{id}']);
			expect(ledger()[0].state).toBe('in review');
			const second = await coiReview(credentials);
			expect(second.error).toBeUndefined();
			expect(ledger()[0].state).toBe('valid');
			expect(second.output(COI_STATE_NODES.valid)).toHaveLength(1);
		});
	});
});
