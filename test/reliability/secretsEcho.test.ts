import type { ICredentialTestFunctions, IHttpRequestHelper, INode, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { ten99PolicyApiTest } from '../../nodes/Ten99Policy/methods';
import { PACKAGE } from '../helpers/nodeTypes';
import '../helpers/template'; // registers the JobDiva node and credential with the in-process runner
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow, type RunResult } from '../helpers/workflow';
import { captureLogs, safeStringify, type LogCapture } from './support/captureLogs';
import { ECHO_FORMS, json, leaksIn, secretPieces, startHostileServer, type HostileServer, type Seen } from './support/hostileServer';

/**
 * Servers that echo what they were sent: every secret of the credential in use (the 1099Policy API key, the JobDiva
 * password and session token) must stay out of every output, error and log line, whatever the encoding of the echo
 * (raw, JSON-escaped, URL-encoded, HTML-escaped) and wherever a length limit cuts it.
 */

// Characters every encoding treats differently, so each form of the echo differs from the others.
const API_KEY = 't9k_test_KeyAlpha1"KeyBravo2\\KeyCharlie3<KeyDelta4&KeyEcho5%KeyFoxtrot6+KeyGolf7 KeyHotel8';
const PASSWORD = 'PwAlpha1"PwBravo2\\PwCharlie3<PwDelta4&PwEcho5';
const TOKEN_MARK = 'TokSecretXyzzy';
const PIECES = secretPieces([API_KEY, PASSWORD, `${TOKEN_MARK}0123456789`], ['t9k_test_']);

let server: HostileServer;
let logs: LogCapture;
beforeAll(async () => {
	logs = captureLogs();
	server = await startHostileServer();
});
afterAll(async () => {
	logs.restore();
	await server.close();
});
beforeEach(() => {
	logs.lines.length = 0;
	server.requests.length = 0;
});

/** The request's headers and body in every form a server might echo them. */
function everyForm(seen: Seen): string {
	const sent = `${seen.body} ${JSON.stringify(seen.headers)}`;
	return Object.values(ECHO_FORMS)
		.map((form) => form(sent))
		.join(' | ');
}

/** Padding that puts the secret right at a length limit, so a cut leaves only a prefix of it. */
function cutAt(limit: number, seen: Seen): string {
	// The cut leaves "Bearer " and the secret's first 21 characters.
	return `${'x'.repeat(limit - 28)}${String(seen.headers.authorization ?? '')}`;
}

function texts(result: RunResult, node: string): Record<string, string> {
	const error = result.error as (Error & { description?: string }) | undefined;
	const outputs = result.run.data.resultData.runData[node] ? [result.output(node), result.output(node, 1)] : [];
	return {
		output: safeStringify(outputs),
		'error.message': String(error?.message ?? ''),
		'error.description': String(error?.description ?? ''),
		'error JSON': safeStringify(error ?? null),
		'execution data': safeStringify(result.run.data),
		logs: logs.lines.join('\n'),
	};
}

const MODES = ['stop', 'continueRegularOutput', 'continueErrorOutput'] as const;
const onError = (mode: (typeof MODES)[number]): Partial<INode> => (mode === 'stop' ? {} : { onError: mode });

type Echo = (seen: Seen) => string;
const ECHOES: Record<string, Echo> = { 'every encoding': everyForm, 'cut at 500': (seen) => cutAt(500, seen) };

interface T99Case {
	name: string;
	parameters: INodeParameters;
	answer: (seen: Seen, echo: string, res: import('node:http').ServerResponse) => void;
}

const T99_CASES: T99Case[] = [
	{ name: '404 with the echo as message', parameters: { resource: 'contractor', operation: 'get', id: 'cn_1' }, answer: (_s, echo, res) => json(res, 404, { message: echo, error_code: 'resource_not_found' }) },
	{
		name: '400 with the echo as a field message',
		parameters: { resource: 'contractor', operation: 'create', inputMode: 'json', jsonBody: JSON.stringify({ first_name: 'A', last_name: 'B', email: 'a@example.com' }), options: {} },
		answer: (_s, echo, res) => json(res, 400, { message: { email: echo }, error_code: 'invalid_input' }),
	},
	{
		name: '500 after retries, text body',
		parameters: { resource: 'contractor', operation: 'get', id: 'cn_1', options: { maxRetries: 1 } },
		answer: (_s, echo, res) => res.writeHead(500, { 'Content-Type': 'text/plain', 'Retry-After': '0' }).end(echo),
	},
	{
		name: 'Return All, error on a page',
		parameters: { resource: 'entity', operation: 'list', returnAll: true },
		answer: (_s, echo, res) => json(res, 403, { message: echo }),
	},
	{ name: '200 that is not JSON', parameters: { resource: 'contractor', operation: 'get', id: 'cn_1' }, answer: (_s, echo, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(echo) },
];

describe('1099Policy node: a server echoing the API key', () => {
	for (const testCase of T99_CASES) {
		for (const [echoName, echo] of Object.entries(ECHOES)) {
			for (const mode of MODES) {
				it(`${testCase.name}, ${echoName}, ${mode}`, async () => {
					server.handle = (seen, res) => testCase.answer(seen, echo(seen), res);
					const credentials = { ten99PolicyApi: { apiKey: API_KEY, environment: 'sandbox', baseUrl: server.url } };
					const result = await runWorkflow(chain([{}], ten99Node(testCase.parameters, onError(mode))), credentials);
					// The server really saw the key (so an echo would carry it).
					expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
					if (mode === 'stop') expect(result.error).toBeDefined();
					else expect(safeStringify(result.output('1099Policy', mode === 'continueErrorOutput' ? 1 : 0))).toMatch(/error/);
					expect(leaksIn(texts(result, '1099Policy'), PIECES)).toEqual([]);
				});
			}
		}
	}

	it('the credential test', async () => {
		for (const [echoName, echo] of Object.entries(ECHOES)) {
			server.handle = (seen, res) => json(res, 401, { message: echo(seen), error_code: 'invalid_api_key' });
			const result = await ten99PolicyApiTest.call({} as ICredentialTestFunctions, {
				id: '1',
				name: 'c',
				type: 'ten99PolicyApi',
				data: { apiKey: API_KEY, environment: 'sandbox', baseUrl: server.url },
			});
			expect(result.status, echoName).toBe('Error');
			expect(leaksIn({ [echoName]: result.message }, PIECES)).toEqual([]);
		}
	});
});

/** A JobDiva that issues a new token at each login and answers data calls with `data`. */
function jobDivaServer(data: (seen: Seen, res: import('node:http').ServerResponse) => void): { logins: () => number } {
	let logins = 0;
	server.handle = (seen, res) => {
		if (seen.path === '/apiv2/v2/login') {
			logins++;
			return json(res, 200, { token: `${TOKEN_MARK}${logins}0123456789` });
		}
		data(seen, res);
	};
	return { logins: () => logins };
}

const jobDivaNode = (mode: (typeof MODES)[number], options: INodeParameters = {}) => ({
	name: 'JobDiva',
	type: `${PACKAGE}.jobDiva`,
	typeVersion: 1,
	parameters: { resource: 'candidate', operation: 'get', candidateId: '12345', options },
	credentials: { jobDivaApi: { id: '2', name: 'JobDiva' } },
	...onError(mode),
});

describe('JobDiva node: a server echoing the password and the session token', () => {
	const credentials = () => ({ jobDivaApi: { clientId: '1', userName: 'api', password: PASSWORD, baseUrl: server.url, sessionToken: '' } });
	const cases: Record<string, (seen: Seen, res: import('node:http').ServerResponse) => void> = {
		'401 echoing the token': (seen, res) => res.writeHead(401, { 'Content-Type': 'text/plain' }).end(everyForm(seen)),
		'400 echoing the request': (seen, res) => json(res, 400, { message: everyForm(seen) }),
		'429 echoing, cut at 300': (seen, res) => res.writeHead(429, { 'Retry-After': '0' }).end(cutAt(300, seen)),
		'200 that is not JSON': (seen, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(everyForm(seen)),
	};
	for (const [name, answer] of Object.entries(cases)) {
		for (const mode of MODES) {
			it(`${name}, ${mode}`, async () => {
				const server401 = jobDivaServer(answer);
				const result = await runWorkflow(chain([{}], jobDivaNode(mode, { maxRetries: 0 })), credentials());
				expect(server.requests.some((r) => String(r.headers.authorization).includes(TOKEN_MARK))).toBe(true);
				expect(leaksIn(texts(result, 'JobDiva'), PIECES)).toEqual([]);
				// A token JobDiva refuses right after issuing it is not worth a second login.
				if (name.startsWith('401')) expect(server401.logins()).toBe(1);
			});
		}
	}

	it('login refused, echoing the password JSON-escaped', async () => {
		server.handle = (seen, res) => json(res, 500, { message: `Invalid username/password for ${seen.body} ${everyForm(seen)}` });
		for (const mode of MODES) {
			logs.lines.length = 0;
			const result = await runWorkflow(chain([{}], jobDivaNode(mode)), credentials());
			expect(server.requests.some((r) => r.path === '/apiv2/v2/login')).toBe(true);
			expect(leaksIn(texts(result, 'JobDiva'), PIECES)).toEqual([]);
		}
	});

	it('the credential login (preAuthentication) quoting the password in every encoding', async () => {
		server.handle = (seen, res) => json(res, 500, { message: `Invalid username/password: ${everyForm(seen)}` });
		const helpers = {
			httpRequest: async (options: { url: string; body: unknown; method: string }) => {
				const response = await fetch(options.url, { method: options.method, body: JSON.stringify(options.body), headers: { 'Content-Type': 'application/json' } });
				return { statusCode: response.status, body: (await response.json()) as unknown };
			},
		};
		const error = await new JobDivaApi().preAuthentication
			.call({ helpers } as unknown as IHttpRequestHelper, { clientId: '1', userName: 'api', password: PASSWORD, baseUrl: server.url })
			.then(() => undefined, (e: unknown) => e as Error);
		expect(error?.message).toMatch(/rejected/);
		expect(leaksIn({ message: safeStringify(error) }, PIECES)).toEqual([]);
	});
});
