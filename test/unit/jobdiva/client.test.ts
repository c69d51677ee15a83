/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobDivaClient, rowsOf } from '../../../src/jobdiva/client';
import { JobDivaApiError, JobDivaAuthError, JobDivaConnectionError, toJobDivaError } from '../../../src/jobdiva/errors';
import { getAttachment, getCandidate, jobDivaId, searchPlacements } from '../../../src/jobdiva/operations';
import { JobDivaSession } from '../../../src/jobdiva/session';
import type { HttpResponse, Transport } from '../../../src/util/transport';
import { fetchTransport, startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../../jobdiva-standin';
import { callsTo, standinClient } from './support';

describe('JobDiva client against the stand-in', () => {
	let standin: JobDivaStandin;
	beforeAll(async () => {
		standin = await startJobDivaStandin();
	});
	afterAll(() => standin.stop());
	beforeEach(() => {
		standin.requestLog.length = 0;
	});

	it('logs in once and reuses the token for every later call', async () => {
		const { client, session } = standinClient(standin);
		await getCandidate(client, '12345');
		await getCandidate(client, '12346');
		await client.biRows('JobDetail', { jobId: '78910' });
		expect(session.loginCount).toBe(1);
		const tokens = standin.requestLog.filter((e) => e.path.startsWith('/apiv2/bi/')).map((e) => e.token);
		expect(new Set(tokens).size).toBe(1);
		expect(tokens[0]).toBe(standin.issuedTokens.at(-1));
	});

	it('logs in again after a 401 (expired token) and the call succeeds', async () => {
		const { client, session } = standinClient(standin);
		await getCandidate(client, '12345');
		standin.expireTokens();
		const rows = await getCandidate(client, '12347');
		expect(rows[0]).toMatchObject({ ID: '12347', FIRSTNAME: 'Marcus' });
		expect(session.loginCount).toBe(2);
		expect(standin.requestLog.map((e) => `${e.path} ${e.status}`)).toEqual([
			'/apiv2/v2/login 200',
			'/apiv2/bi/CandidateDetail 200',
			'/apiv2/bi/CandidateDetail 401',
			'/apiv2/v2/login 200',
			'/apiv2/bi/CandidateDetail 200',
		]);
	});

	it('renews a token older than its lifetime before JobDiva refuses it', async () => {
		let now = 1_000_000;
		const session = new JobDivaSession({ transport: fetchTransport, baseUrl: standin.url, login: STANDIN_USER, tokenTtlMs: 60_000, now: () => now });
		const first = await session.currentToken();
		now += 30_000;
		expect(await session.currentToken()).toBe(first);
		now += 31_000;
		expect(await session.currentToken()).not.toBe(first);
		expect(session.loginCount).toBe(2);
	});

	it('parallel first calls share one login', async () => {
		const { client, session } = standinClient(standin);
		await Promise.all(['12345', '12346', '12347'].map((id) => getCandidate(client, id)));
		expect(session.loginCount).toBe(1);
	});

	it('bad credentials: JobDiva\'s 500 "Invalid username/password" becomes a clear error without the password', async () => {
		const { client } = standinClient(standin, { password: 'wrong-password-123' });
		const error = await getCandidate(client, '12345').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(JobDivaAuthError);
		expect((error as Error).message).toBe('JobDiva rejected the client ID, username or password: Invalid username/password');
		expect((error as JobDivaAuthError).fix).toMatch(/Client ID, Username and Password/);
		expect(JSON.stringify(error)).not.toContain('wrong-password-123');
		expect(callsTo(standin, '/login')[0]).toMatchObject({ status: 500, body: { password: '***' } });
	});

	it('scrubs the session token if JobDiva ever echoes it in an error', async () => {
		const { client, session } = standinClient(standin);
		await getCandidate(client, '12345');
		const token = await session.currentToken();
		const echo = new JobDivaClient({
			transport: async () => ({ status: 400, headers: {}, body: `Bad request for token ${token}` }),
			sleep: async () => {},
			secrets: () => session.secrets(),
		});
		const error = (await echo.biRows('CandidateDetail', { candidateId: '1' }).catch((e: unknown) => e)) as Error;
		expect(error.message).toBe('JobDiva refused GET /apiv2/bi/CandidateDetail as invalid: Bad request for token ***');
	});

	it('retries 429 "Request Limit Exceeded" with growing jittered waits, then succeeds', async () => {
		const { client, sleeps } = standinClient(standin, { maxRetries: 4 });
		standin.rateLimit('CandidateDetail', 3);
		const rows = await getCandidate(client, '12345');
		expect(rows).toHaveLength(1);
		expect(callsTo(standin, 'CandidateDetail').map((c) => c.status)).toEqual([429, 429, 429, 200]);
		// random() = 0.5 → 75 % of min(cap, 1000 × 2^attempt)
		expect(sleeps).toEqual([750, 1500, 3000]);
	});

	it('gives up after Max Retries and says what to do', async () => {
		const { client, sleeps } = standinClient(standin, { maxRetries: 2 });
		standin.rateLimit('JobDetail', 5);
		const error = await client.biRows('JobDetail', { jobId: '78910' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(JobDivaApiError);
		expect(error).toMatchObject({ status: 429, jobDivaMessage: 'Request Limit Exceeded' });
		expect((error as Error).message).toBe("JobDiva's request limit for /apiv2/bi/JobDetail was still exceeded after 2 retries: Request Limit Exceeded");
		expect(sleeps).toHaveLength(2);
		standin.rateLimit('JobDetail', 0);
	});

	it('searchStart returns lower-case records with epoch-ms dates unchanged', async () => {
		const { client } = standinClient(standin);
		const starts = await searchPlacements(client, { candidateId: '12345' });
		expect(starts.map((s) => s.id)).toEqual([45678, 45690]);
		expect(starts[0]).toMatchObject({ 'candidate id': 12345, 'start date': Date.parse('2026-12-01T08:00:00Z'), 'crop to crop': 'true' });
		expect(callsTo(standin, 'searchStart')[0].body).toEqual({ candidateid: 12345 });
		expect(() => searchPlacements(client, {})).toThrow(/Candidate ID and Job ID are both empty/);
	});

	it('decodes a candidate attachment from base64 and recognises the PDF', async () => {
		const { client } = standinClient(standin);
		const file = await getAttachment(client, '12345', 'Jordan_Lee_COI_2026.pdf');
		expect(file.mimeType).toBe('application/pdf');
		expect(file.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(file.data.toString('latin1')).toContain('CERTIFICATE OF LIABILITY INSURANCE');
		await expect(getAttachment(client, '12345', 'missing.pdf')).rejects.toMatchObject({ field: 'File Name' });
	});

	it('refuses a non-numeric ID before calling JobDiva, naming the field', () => {
		expect(() => jobDivaId('12a45', 'Candidate ID')).toThrow('Candidate ID is not a JobDiva ID');
		expect(jobDivaId(' 12345 ', 'Candidate ID')).toBe('12345');
		expect(jobDivaId(12345, 'Candidate ID')).toBe('12345');
	});
});

describe('JobDiva error mapping', () => {
	it('maps statuses to messages with JobDiva\'s text and a fix', () => {
		expect(toJobDivaError('GET', '/apiv2/bi/JobDetail', 404, 'Not found').message).toBe('JobDiva found nothing at GET /apiv2/bi/JobDetail: Not found');
		expect(toJobDivaError('GET', '/x', 403, { message: 'No BI access' }).fix).toMatch(/permission/);
		expect(toJobDivaError('GET', '/x', 401, 'Token expired').message).toMatch(/refused the session token/);
		expect(toJobDivaError('POST', '/apiv2/v2/login', 500, 'Invalid username/password')).toBeInstanceOf(JobDivaAuthError);
		expect(toJobDivaError('GET', '/x', 502, '').message).toBe('JobDiva answered GET /x with HTTP 502: HTTP 502');
	});

	it('scrubs known secrets that JobDiva echoes back', () => {
		const error = toJobDivaError('POST', '/apiv2/v2/login', 500, 'Invalid username/password for hunter2-secret', ['hunter2-secret']);
		expect(error.message).not.toContain('hunter2-secret');
		expect(error.message).toContain('***');
	});

	it('reads BI and searchStart answers, and names a Base URL that is not the API', () => {
		expect(rowsOf({ message: 'Success', data: [{ ID: '1' }, 'junk'] }, 'GET', '/apiv2/bi/X')).toEqual([{ ID: '1' }]);
		expect(rowsOf({ message: 'Success', data: { ID: '1' } }, 'GET', '/apiv2/bi/X')).toEqual([{ ID: '1' }]);
		expect(rowsOf({ message: 'No data', data: null }, 'GET', '/apiv2/bi/X')).toEqual([]);
		expect(rowsOf('', 'GET', '/apiv2/bi/X')).toEqual([]);
		expect(rowsOf([{ id: 1 }], 'POST', '/apiv2/jobdiva/searchStart')).toEqual([{ id: 1 }]);
		expect(() => rowsOf('<html>JobDiva Login</html>', 'POST', '/apiv2/jobdiva/searchStart')).toThrow(
			/JobDiva answered \/apiv2\/jobdiva\/searchStart with something that is not a list of records/,
		);
	});

	it('a transport failure becomes a connection error naming the request', async () => {
		const transport: Transport = async () => {
			throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		};
		const client = new JobDivaClient({ transport, sleep: async () => {}, baseUrl: 'http://127.0.0.1:9' });
		const error = await client.biRows('CandidateDetail', { candidateId: '1' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(JobDivaConnectionError);
		expect(error).toMatchObject({ code: 'ECONNREFUSED', path: '/apiv2/bi/CandidateDetail' });
	});

	it('honours Retry-After when JobDiva sends one', async () => {
		const answers: HttpResponse[] = [
			{ status: 429, headers: { 'retry-after': '2' }, body: 'Request Limit Exceeded' },
			{ status: 200, headers: {}, body: { message: 'Success', data: [{ ID: '1' }] } },
		];
		const sleeps: number[] = [];
		const client = new JobDivaClient({ transport: async () => answers.shift() as HttpResponse, sleep: async (ms) => void sleeps.push(ms) });
		expect(await client.biRows('CandidateDetail', { candidateId: '1' })).toEqual([{ ID: '1' }]);
		expect(sleeps).toEqual([2000]);
	});
});
