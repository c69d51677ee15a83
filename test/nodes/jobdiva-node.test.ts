import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { JobDiva } from '../../nodes/JobDiva/JobDiva.node';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { PACKAGE, registerCredentialType, registerNodeType } from '../helpers/nodeTypes';
import { chain, runWorkflow } from '../helpers/workflow';

/**
 * The JobDiva node run in-process through n8n-core against the local stand-in: n8n's request helper applies the
 * credential (pre-authentication login, Bearer token, renewal after a 401), parameters and expressions are n8n's.
 */

const TYPE = `${PACKAGE}.jobDiva`;
registerNodeType(TYPE, new JobDiva());
registerCredentialType(new JobDivaApi());

let standin: JobDivaStandin;
const creds = (extra: Record<string, string> = {}) => ({ jobDivaApi: { ...STANDIN_USER, baseUrl: standin.url, ...extra } });
const jobDivaNode = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	name: 'JobDiva',
	type: TYPE,
	typeVersion: 1,
	parameters: { options: { timeZone: 'America/New_York' }, ...parameters },
	credentials: { jobDivaApi: { id: '1', name: 'JobDiva' } },
	...extra,
});
const paths = () => standin.requestLog.map((e) => `${e.path.replace('/apiv2/', '')} ${e.status}`);

beforeAll(async () => {
	standin = await startJobDivaStandin();
});
afterAll(() => standin.stop());
beforeEach(() => {
	standin.requestLog.length = 0;
});

describe('JobDiva node: credential and token', () => {
	it('logs in once through the credential, reuses the token for every item and keeps JobDiva\'s fields unchanged', async () => {
		const result = await runWorkflow(
			chain([{ id: '12345' }, { id: '12346' }, { id: '12347' }], jobDivaNode({ resource: 'candidate', operation: 'get', candidateId: '={{ $json.id }}' })),
			creds(),
		);
		expect(result.error).toBeUndefined();
		const out = result.output('JobDiva');
		expect(out.map((i) => [i.json.ID, i.json.FIRSTNAME, i.pairedItem])).toEqual([
			['12345', 'Jordan', { item: 0 }],
			['12346', 'Priya', { item: 1 }],
			['12347', 'Marcus', { item: 2 }],
		]);
		expect(out[0].json).toEqual(standin.fixtures.candidates[0]);
		expect(paths()).toEqual(['v2/login 200', 'bi/CandidateDetail 200', 'bi/CandidateDetail 200', 'bi/CandidateDetail 200']);
		const token = result.credentials.updates[0].data.sessionToken;
		expect(standin.requestLog.slice(1).every((e) => e.token === token)).toBe(true);
	});

	it('reuses a stored token in a later execution, and after JobDiva expires it n8n logs in again and the call succeeds', async () => {
		const first = await runWorkflow(chain([{}], jobDivaNode({ resource: 'job', operation: 'get', jobId: '78910' })), creds());
		const sessionToken = first.credentials.updates[0].data.sessionToken as string;
		standin.requestLog.length = 0;

		const reused = await runWorkflow(chain([{}], jobDivaNode({ resource: 'job', operation: 'get', jobId: '78911' })), creds({ sessionToken }));
		expect(reused.error).toBeUndefined();
		expect(paths()).toEqual(['bi/JobDetail 200']);

		standin.expireTokens();
		standin.requestLog.length = 0;
		const renewed = await runWorkflow(chain([{}], jobDivaNode({ resource: 'job', operation: 'get', jobId: '78912' })), creds({ sessionToken }));
		expect(renewed.error).toBeUndefined();
		expect(renewed.output('JobDiva')[0].json).toMatchObject({ ID: '78912', PAYRATEPER: 'Daily' });
		// The 401 is sent once more so that n8n itself sees it throw, logs in again and retries.
		expect(paths()).toEqual(['bi/JobDetail 401', 'bi/JobDetail 401', 'v2/login 200', 'bi/JobDetail 200']);
		expect(renewed.credentials.updates.at(-1)?.data.sessionToken).not.toBe(sessionToken);
	});

	it('bad credentials fail with JobDiva\'s own text, never the password', async () => {
		const result = await runWorkflow(
			chain([{}], jobDivaNode({ resource: 'candidate', operation: 'get', candidateId: '12345' })),
			creds({ password: 'not-the-password' }),
		);
		expect(result.error?.message).toBe('[item 0] JobDiva rejected the client ID, username or password: Invalid username/password');
		expect((result.error as { description?: string }).description).toMatch(/Check the Client ID, Username and Password/);
		expect(JSON.stringify(result.run.data)).not.toContain('not-the-password');
	});
});

describe('JobDivaApi credential', () => {
	const helpers = {
		// n8n's request helper as preAuthentication uses it: full response, status errors not thrown.
		httpRequest: async (options: { url: string; body: unknown }) => {
			const response = await fetch(options.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(options.body) });
			const text = await response.text();
			return { statusCode: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
		},
	};
	const preAuthenticate = (data: Record<string, string>) =>
		new JobDivaApi().preAuthentication.call({ helpers } as never, { ...STANDIN_USER, baseUrl: `${standin.url}/`, ...data });

	it('preAuthentication logs in and returns only the session token', async () => {
		const output = await preAuthenticate({});
		expect(Object.keys(output)).toEqual(['sessionToken']);
		expect(output.sessionToken).toBe(standin.issuedTokens.at(-1));
		expect(standin.requestLog.at(-1)).toMatchObject({ method: 'POST', path: '/apiv2/v2/login', body: { clientId: '1234', userName: STANDIN_USER.userName, password: '***' } });
	});

	it('preAuthentication reports JobDiva\'s own text for bad credentials', async () => {
		await expect(preAuthenticate({ password: 'nope-nope' })).rejects.toThrow('JobDiva rejected the client ID, username or password: Invalid username/password');
		await expect(preAuthenticate({ baseUrl: `${standin.url}/nowhere` })).rejects.toThrow("JobDiva's login answered HTTP 401: Unauthorized: missing or unknown token. Check the Base URL and try again.");
	});

	it('declares the expirable token, the Bearer header and an authenticated test call', () => {
		const credential = new JobDivaApi();
		expect(credential.properties.find((p) => p.name === 'sessionToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(credential.authenticate.properties.headers).toEqual({ Authorization: '=Bearer {{$credentials.sessionToken}}' });
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/apiv2/bi/CandidateDetail' });
		expect(credential.properties.find((p) => p.name === 'password')?.typeOptions).toEqual({ password: true });
	});

	it('a stored token that expired while the password changed fails with the login message', async () => {
		const first = await runWorkflow(chain([{}], jobDivaNode({ resource: 'job', operation: 'get', jobId: '78910' })), creds());
		const sessionToken = first.credentials.updates[0].data.sessionToken as string;
		standin.expireTokens();
		const result = await runWorkflow(chain([{}], jobDivaNode({ resource: 'job', operation: 'get', jobId: '78910' })), creds({ sessionToken, password: 'changed-elsewhere' }));
		expect(result.error?.message).toBe('[item 0] JobDiva rejected the client ID, username or password: Invalid username/password');
	});
});

describe('JobDiva node: operations', () => {
	it('Get New or Updated Hires over 40 days: 3 windows per feed, expanded to hire records, in order', async () => {
		const result = await runWorkflow(
			chain([{}], jobDivaNode({ resource: 'placement', operation: 'getHires', hireFeed: 'both', fromDate: '2026-10-15T00:00:00', toDate: '2026-11-24T00:00:00', expand: true })),
			creds(),
		);
		expect(result.error).toBeUndefined();
		const rows = result.output('JobDiva').map((i) => i.json);
		expect(rows.map((r) => r.PLACEMENTID)).toEqual(['45678', '45679', '45680', '45690', '45700', '45710']);
		expect(rows[0]).toEqual({ PLACEMENTID: '45678', ...standin.fixtures.activities[0].row });
		for (const feed of ['NewHires', 'UpdatedHires', 'NewUpdatedSubmittalInterviewHireActivityRecords']) {
			expect(standin.requestLog.filter((e) => e.path.endsWith(`/${feed}`)).map((e) => e.status)).toEqual([200, 200, 200]);
		}
	});

	it('Search placements returns searchStart records unchanged; billing, salary, invoice and timesheets read their feeds', async () => {
		const run = async (parameters: Record<string, unknown>) => {
			const result = await runWorkflow(chain([{}], jobDivaNode(parameters)), creds());
			expect(result.error).toBeUndefined();
			return result.output('JobDiva').map((i) => i.json);
		};
		expect(await run({ resource: 'placement', operation: 'search', candidateId: '12348', jobId: '' })).toEqual([standin.fixtures.starts[4]]);
		expect(await run({ resource: 'billingRecord', operation: 'get', employeeId: '12345', recordId: '880' })).toMatchObject([{ WORK_STATE: 'CA', BILL_RATE_PER: 'H' }]);
		expect(await run({ resource: 'salaryRecord', operation: 'get', employeeId: '12348', recordId: '884' })).toMatchObject([{ EMPLOYMENT_CATEGORY: 'Employee' }]);
		expect(await run({ resource: 'invoice', operation: 'get', invoiceId: '3001' })).toMatchObject([{ AMOUNT: '15,216.00', INVOICETYPE: 'Regular' }]);
		expect(await run({ resource: 'timesheet', operation: 'getNewUpdated', fromDate: '2026-11-15T00:00:00', toDate: '2026-11-22T00:00:00' })).toMatchObject([{ TIMESHEETID: '9001' }]);
		const hires = await run({ resource: 'activity', operation: 'getNewUpdated', fromDate: '2026-11-01T00:00:00', toDate: '2026-11-10T00:00:00', hiresOnly: true });
		expect(hires.map((r) => r.ACTIVITYID)).toEqual(['45678', '45679', '45680']);
	});

	it('Get placement finds a start among its candidate\'s starts (found: true); one JobDiva no longer has comes back found: false', async () => {
		const result = await runWorkflow(
			chain(
				[{ p: '45690', c: '12345' }, { p: '45680', c: '12345' }],
				jobDivaNode({ resource: 'placement', operation: 'get', placementId: '={{ $json.p }}', candidateId: '={{ $json.c }}' }),
			),
			creds(),
		);
		expect(result.error).toBeUndefined();
		const out = result.output('JobDiva');
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json).toEqual({ ...standin.fixtures.starts.find((s) => String(s.id) === '45690'), found: true });
		// 45680 is Marcus Webb's (12347), so it is not among Jordan Lee's starts: not found, not an error.
		expect(out[1].json).toEqual({ id: '45680', 'candidate id': '12345', found: false });
		expect(paths()).toEqual(['v2/login 200', 'jobdiva/searchStart 200', 'jobdiva/searchStart 200']);
		const bad = await runWorkflow(chain([{}], jobDivaNode({ resource: 'placement', operation: 'get', placementId: 'P-1', candidateId: '12345' })), creds());
		expect(bad.error?.message).toMatch(/Placement ID/);
	});

	it('Download Attachment puts the PDF in binary data and keeps FILENAME/FILECONTENT in the JSON', async () => {
		const result = await runWorkflow(
			chain([{}], jobDivaNode({ resource: 'candidate', operation: 'downloadAttachment', candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf', binaryPropertyName: 'coi' })),
			creds(),
		);
		expect(result.error).toBeUndefined();
		const item = result.output('JobDiva')[0];
		expect(item.binary?.coi).toMatchObject({ fileName: 'Jordan_Lee_COI_2026.pdf', mimeType: 'application/pdf', fileExtension: 'pdf' });
		expect(Buffer.from(item.binary!.coi.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		expect(Object.keys(item.json)).toEqual(['CANDIDATEID', 'FILENAME', 'FILECONTENT']);
		expect(item.json).toMatchObject({ CANDIDATEID: '12345', FILENAME: 'Jordan_Lee_COI_2026.pdf' });
		expect(typeof item.json.FILECONTENT).toBe('string');
	});

	it('a 429 is retried and the item succeeds', async () => {
		standin.rateLimit('CandidateDetail', 1);
		const result = await runWorkflow(chain([{}], jobDivaNode({ resource: 'candidate', operation: 'get', candidateId: '12349', options: { maxRetries: 2 } })), creds());
		expect(result.error).toBeUndefined();
		expect(result.output('JobDiva')[0].json).toMatchObject({ ID: '12349', EMAIL: '' });
		expect(paths().filter((p) => p.startsWith('bi/'))).toEqual(['bi/CandidateDetail 429', 'bi/CandidateDetail 200']);
	});

	it('a bad ID names the item, the field and the fix; with Continue On Fail it becomes an error item and the rest go on', async () => {
		const items = [{ id: '12345' }, { id: 'J-12' }, { id: '12346' }];
		const failing = await runWorkflow(chain(items, jobDivaNode({ resource: 'candidate', operation: 'get', candidateId: '={{ $json.id }}' })), creds());
		expect(failing.error?.message).toBe('[item 1] Candidate ID is not a JobDiva ID');
		expect((failing.error as { description?: string }).description).toMatch(/numeric JobDiva Candidate ID/);

		const tolerant = await runWorkflow(
			chain(items, jobDivaNode({ resource: 'candidate', operation: 'get', candidateId: '={{ $json.id }}' }, { onError: 'continueRegularOutput' })),
			creds(),
		);
		expect(tolerant.error).toBeUndefined();
		const out = tolerant.output('JobDiva');
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json).toMatchObject({ error: 'Candidate ID is not a JobDiva ID', item: 1, field: 'Candidate ID' });
	});

	it('Continue (using error output): the failed item goes to the error output with its fix, the rest to the main output', async () => {
		const items = [{ id: '12345' }, { id: 'J-12' }, { id: '12346' }];
		const result = await runWorkflow(
			chain(items, jobDivaNode({ resource: 'candidate', operation: 'get', candidateId: '={{ $json.id }}' }, { onError: 'continueErrorOutput' })),
			creds(),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('JobDiva', 0).map((i) => [i.json.ID, i.pairedItem])).toEqual([
			['12345', { item: 0 }],
			['12346', { item: 2 }],
		]);
		const errors = result.output('JobDiva', 1);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		// n8n keeps only json.error on the error output, so the message carries the fix.
		expect(errors[0].json.error).toMatch(/^\[item 1\] Candidate ID is not a JobDiva ID\. Fix: .*numeric JobDiva Candidate ID/);
	});

	it('a range longer than allowed is never sent whole, and a reversed range is refused before any call', async () => {
		const result = await runWorkflow(
			chain([{}], jobDivaNode({ resource: 'timesheet', operation: 'getNewUpdated', fromDate: '2026-11-20T00:00:00', toDate: '2026-11-01T00:00:00' })),
			creds(),
		);
		expect(result.error?.message).toMatch(/^\[item 0\] To is not after From/);
		expect(standin.requestLog.filter((e) => e.path.includes('Timesheet'))).toEqual([]);
	});
});
