/* eslint-disable @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { defaultFixtures, STANDIN_USER, startJobDivaStandin, type JobDivaStandin } from '../jobdiva-standin';

export interface StandinOverHttp {
	/** The running stand-in (started before the first test). */
	readonly standin: JobDivaStandin;
	/** A BI read (`/apiv2/bi/<method>`) with this test's token: the rows of `data`. */
	bi(method: string, query: Record<string, string>): Promise<Array<Record<string, unknown>>>;
	/** `POST /apiv2/jobdiva/searchStart` with this test's token. */
	starts(criteria: object): Promise<Array<Record<string, unknown>>>;
	/** The stand-in's own controls (`/__standin…`, no token): the status and the parsed JSON answer. */
	admin(method: string, path: string, body?: object): Promise<{ status: number; body: any }>;
}

/**
 * Plain HTTP against the JobDiva stand-in, as n8n in another process sees it (no src/ client: the stand-in is an
 * oracle). One stand-in per test file; the default fixtures and a fresh login before each test.
 */
export function standinOverHttp(): StandinOverHttp {
	let standin: JobDivaStandin;
	let token = '';
	beforeAll(async () => {
		standin = await startJobDivaStandin();
	});
	beforeEach(async () => {
		standin.setFixtures(defaultFixtures());
		const login = await fetch(`${standin.url}/apiv2/v2/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(STANDIN_USER) });
		token = ((await login.json()) as { token: string }).token;
	});
	afterAll(() => standin.stop());
	const auth = () => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
	return {
		get standin() {
			return standin;
		},
		bi: async (method, query) =>
			((await (await fetch(`${standin.url}/apiv2/bi/${method}?${new URLSearchParams(query).toString()}`, { headers: auth() })).json()) as { data: Array<Record<string, unknown>> }).data,
		starts: async (criteria) =>
			(await (await fetch(`${standin.url}/apiv2/jobdiva/searchStart`, { method: 'POST', headers: auth(), body: JSON.stringify(criteria) })).json()) as Array<Record<string, unknown>>,
		admin: async (method, path, body) => {
			const response = await fetch(`${standin.url}/__standin${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
			return { status: response.status, body: (await response.json()) as any };
		},
	};
}
