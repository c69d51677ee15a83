/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDivaTrigger } from '../../nodes/JobDivaTrigger/JobDivaTrigger.node';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { signPayload } from '../../src/webhooks/signature';
import { PACKAGE } from '../helpers/nodeTypes';
import '../helpers/template'; // registers the JobDiva node and credential with the in-process runner
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow, type RunResult } from '../helpers/workflow';
import { startSandbox, type Sandbox } from '../sandbox';
import type { FaultKind } from '../sandbox/faults';
import { fakeWebhookContext } from '../unit/webhooks/support/fakeN8n';
import { captureLogs, safeStringify, type LogCapture } from './support/captureLogs';

/**
 * Every error path a user can hit, driven through the real nodes, must keep the secrets out of what n8n stores and
 * shows: output items, the run's error (message, description, JSON), the whole execution data, and every log
 * line (the node's logger, n8n's LoggerProxy, console). Secrets: the 1099Policy API key (good and rejected), the
 * JobDiva password (against the JobDiva stand-in, which refuses a wrong one with HTTP 500 as JobDiva does), the
 * 1099Policy webhook signing secret (automatic and manual registration) and the JobDiva webhook secret.
 */

// Distinctive middles, so a key echoed in part ("…SeCrEtKeY…") is caught too.
const KEY_PART = 'SeCrEtKeY7b3f9e1d';
const API_KEY = `t9k_test_${KEY_PART}_good`;
const BAD_KEY = `t9k_test_invalid_${KEY_PART}_bad`;
const WEBHOOK_SECRET = 'whsec_WeBhOoKsEcReT_5c8d2e7a91f0';
const MANUAL_SECRET = 'whsec_MaNuAlSeCrEt_0a9e4b6c3d21';
const JOBDIVA_PASSWORD = STANDIN_USER.password;
const WRONG_JOBDIVA_PASSWORD = 'JdPaSsWoRd-wrong-93c1';
const JOBDIVA_WEBHOOK_SECRET = 'jd_HoOkSeCrEt_77e2b9';
const SECRETS = [
	API_KEY,
	BAD_KEY,
	KEY_PART,
	WEBHOOK_SECRET,
	MANUAL_SECRET,
	'WeBhOoKsEcReT',
	'MaNuAlSeCrEt',
	JOBDIVA_PASSWORD,
	WRONG_JOBDIVA_PASSWORD,
	JOBDIVA_WEBHOOK_SECRET,
];

let sandbox: Sandbox;
let jobdiva: JobDivaStandin;
let logs: LogCapture;

beforeAll(async () => {
	logs = captureLogs();
	sandbox = await startSandbox();
	jobdiva = await startJobDivaStandin();
});
afterAll(async () => {
	logs?.restore();
	await sandbox?.stop();
	await jobdiva?.stop();
});

/**
 * Every 8-character piece of the secrets' random parts (not their public prefixes such as "t9k_test_invalid_"), so a
 * secret shown in part — truncated or masked at one end — is caught as well as a whole one.
 */
const RANDOM_PARTS = [KEY_PART, WEBHOOK_SECRET, MANUAL_SECRET, JOBDIVA_PASSWORD, WRONG_JOBDIVA_PASSWORD, JOBDIVA_WEBHOOK_SECRET].map((secret) =>
	secret.replace(/^(whsec_|jd_)/, ''),
);
const SECRET_PIECES = [
	...new Set([...SECRETS, ...RANDOM_PARTS.flatMap((part) => Array.from({ length: Math.max(1, part.length - 7) }, (_, i) => part.slice(i, i + 8)))]),
];

/** Names every secret (piece) found in every text, so a failure says where it leaked. */
function leaks(texts: Record<string, string>): string[] {
	return Object.entries(texts).flatMap(([where, text]) => SECRET_PIECES.filter((piece) => text.includes(piece)).map((piece) => `"${piece}" in ${where}`));
}

function texts(result: RunResult, node: string): Record<string, string> {
	const error = result.error as (Error & { description?: string }) | undefined;
	return {
		output: safeStringify(result.run.data.resultData.runData[node] ? result.output(node) : []),
		'error.message': String(error?.message ?? ''),
		'error.description': String(error?.description ?? ''),
		'error JSON': safeStringify(error ?? null),
		'execution data': safeStringify(result.run.data),
		logs: logs.lines.join('\n'),
	};
}

interface Case {
	name: string;
	parameters: INodeParameters;
	key?: string;
	faults?: FaultKind[];
	/** What the error must say, so the case really took its path. */
	expected: RegExp;
	logged?: RegExp;
}

const json = (resource: string, operation: string, body: object, options: INodeParameters = {}): INodeParameters => ({
	resource,
	operation,
	inputMode: 'json',
	jsonBody: JSON.stringify(body),
	options,
});

const CASES: Case[] = [
	{ name: 'bad API key (401)', key: BAD_KEY, parameters: { resource: 'contractor', operation: 'get', id: 'cn_anything' }, expected: /401 invalid_api_key/ },
	{
		name: 'value refused before sending',
		parameters: json('contractor', 'create', { first_name: 'Ana', last_name: 'Ruiz', email: 'not-an-email' }),
		expected: /email: is not an email address/,
	},
	{
		name: 'validation (400 invalid_input)',
		parameters: json('contractor', 'create', { first_name: 'Ana', last_name: 'Ruiz', email: 'ana@example.com', address: { line1: '1 Main St' } }),
		expected: /invalid_input/,
	},
	{
		name: 'duplicate (400 duplicate_email)',
		parameters: json('contractor', 'create', { first_name: 'Ana', last_name: 'Ruiz', email: 'taken@example.com' }),
		expected: /duplicate_email/,
	},
	{ name: 'not found (404)', parameters: { resource: 'contractor', operation: 'get', id: 'cn_doesnotexist' }, expected: /404 resource_not_found/ },
	{
		name: 'server error (500 after retries)',
		parameters: { resource: 'contractor', operation: 'get', id: 'cn_anything', options: { maxRetries: 1 } },
		faults: ['server_error', 'server_error'],
		expected: /500/,
		// Proves the node's logger is captured: the retry is logged at debug level.
		logged: /retry 1 in \d+ ms after HTTP 500/,
	},
	{
		name: 'rate limited (429 after retries)',
		parameters: { resource: 'entity', operation: 'list', returnAll: true, options: { maxRetries: 1 } },
		faults: ['rate_limit', 'rate_limit'],
		expected: /429/,
	},
	{
		name: 'connection dropped (no key, so no retry)',
		parameters: json('entity', 'create', { name: 'Dropped Co' }, { sendIdempotencyKey: false }),
		faults: ['drop'],
		expected: /No response from 1099Policy/,
	},
];

describe('secrets stay out of outputs, errors and logs', () => {
	beforeAll(async () => {
		// The contractor the duplicate case collides with.
		const response = await fetch(`${sandbox.url}/api/v1/contractors`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ first_name: 'Taken', last_name: 'Already', email: 'taken@example.com' }),
		});
		expect(response.status).toBe(201);
		sandbox.setFaults({ retryAfterSeconds: 0 });
	});

	for (const testCase of CASES) {
		for (const continueOnFail of [false, true]) {
			it(`1099Policy node: ${testCase.name}, ${continueOnFail ? 'Continue On Fail' : 'stop on error'}`, async () => {
				sandbox.setFaults({ script: testCase.faults ?? [] });
				logs.lines.length = 0;
				const credentials = { ten99PolicyApi: { apiKey: testCase.key ?? API_KEY, environment: 'sandbox', baseUrl: sandbox.url } };
				const node = ten99Node(testCase.parameters, continueOnFail ? { onError: 'continueRegularOutput' } : {});
				const result = await runWorkflow(chain([{ placement: 'P-1' }], node), credentials);

				const said = continueOnFail ? safeStringify(result.output('1099Policy')) : String(result.error?.message);
				expect(said).toMatch(testCase.expected);
				if (continueOnFail) expect(result.error).toBeUndefined();
				if (testCase.logged) expect(logs.lines.join('\n')).toMatch(testCase.logged);
				expect(leaks(texts(result, '1099Policy'))).toEqual([]);
			});
		}
	}

	for (const password of [WRONG_JOBDIVA_PASSWORD, `${JOBDIVA_PASSWORD}-expired`]) {
		for (const continueOnFail of [false, true]) {
			it(`JobDiva node: refused password (${password === WRONG_JOBDIVA_PASSWORD ? 'wrong' : 'changed'}), ${continueOnFail ? 'Continue On Fail' : 'stop on error'}`, async () => {
				logs.lines.length = 0;
				const credentials = { jobDivaApi: { ...STANDIN_USER, password, baseUrl: jobdiva.url, sessionToken: '' } };
				const node = {
					name: 'JobDiva',
					type: `${PACKAGE}.jobDiva`,
					typeVersion: 1,
					parameters: { resource: 'candidate', operation: 'get', candidateId: '12345', options: {} },
					credentials: { jobDivaApi: { id: '2', name: 'JobDiva stand-in' } },
					...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				};
				const result = await runWorkflow(chain([{}], node), credentials);
				// The stand-in saw the login with this password and refused it (it logs passwords as ***).
				expect(jobdiva.requestLog.some((entry) => entry.path.endsWith('/login') && entry.status === 500)).toBe(true);
				const said = continueOnFail ? safeStringify(result.output('JobDiva')) : String(result.error?.message);
				expect(said).toMatch(/password|log ?in|credential/i);
				expect(leaks(texts(result, 'JobDiva'))).toEqual([]);
			});
		}
	}

	it('JobDiva trigger: a bad X-Hub-Signature is refused without revealing the webhook secret', async () => {
		logs.lines.length = 0;
		const body = Buffer.from(JSON.stringify({ type: 'candidate', operation: 'Update', id: '12345', data: [{ ID: '12345' }] }));
		const parameters = { secret: JOBDIVA_WEBHOOK_SECRET, types: [], operations: [], options: {} };
		const badHeaders: Array<Record<string, string>> = [{ 'x-hub-signature': 'sha1=0000000000000000000000000000000000000000' }, {}];
		for (const headers of badHeaders) {
			const fake = fakeWebhookContext({ parameters, staticData: {}, rawBody: body, headers });
			const result = await new JobDivaTrigger().webhook.call(fake.context);
			expect(result.workflowData).toBeUndefined();
			expect(fake.response.statusCode).toBe(401);
			expect(leaks({ response: safeStringify(fake.response), 'node log': safeStringify(fake.logs), logs: logs.lines.join('\n') })).toEqual([]);
		}
	});

	const trigger = new Ten99PolicyTrigger();
	const body = Buffer.from(JSON.stringify({ id: 'ev_secret1', type: 'policy.active', created: 1795430000, data: { object: { id: 'pl_1' } } }));
	const now = Math.floor(Date.now() / 1000);
	const badSignatures: Record<string, Record<string, string>> = {
		'wrong secret': { 'ten99policy-signature': signPayload('whsec_guess', body, now) },
		'stale timestamp': { 'ten99policy-signature': signPayload(WEBHOOK_SECRET, body, now - 3600) },
		'malformed header': { 'ten99policy-signature': 'v1=abc' },
		'missing header': {},
	};
	for (const [registration, secret] of [
		['automatic', WEBHOOK_SECRET],
		['manual', MANUAL_SECRET],
	] as const) {
		for (const [name, headers] of Object.entries(badSignatures)) {
			it(`trigger (${registration} registration): ${name} is refused without revealing the signing secret`, async () => {
				logs.lines.length = 0;
				const parameters = { registration, events: ['*'], signingSecret: MANUAL_SECRET, options: {} };
				const staticData = { webhookId: 'whe_1', webhookSecret: WEBHOOK_SECRET };
				const signed = name === 'stale timestamp' ? { 'ten99policy-signature': signPayload(secret, body, now - 3600) } : headers;
				const fake = fakeWebhookContext({ parameters, staticData, rawBody: body, headers: signed });
				const result = await trigger.webhook.call(fake.context);
				expect(result.workflowData).toBeUndefined();
				expect(fake.response.statusCode).toBe(401);
				expect(fake.logs.length).toBeGreaterThan(0);
				const found = leaks({
					response: safeStringify(fake.response),
					result: safeStringify(result),
					'node log': safeStringify(fake.logs),
					logs: logs.lines.join('\n'),
				});
				expect(found).toEqual([]);
			});
		}
	}
});
