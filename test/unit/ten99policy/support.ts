/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import nock from 'nock';
import { Ten99PolicyClient, type ClientOptions } from '../../../src/ten99policy/client';
import type { Transport } from '../../../src/util/transport';
import { credentialHeaders as headersFor, fetchTransport as transportFor } from '../../helpers/fetchTransport';

export const BASE = 'https://api.1099policy.com';
export const SECRET = 't9k_test_SECRETdoNotLeak_4f2a9c';
export const CREDENTIAL = { apiKey: SECRET, environment: 'sandbox', baseUrl: BASE };
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The headers n8n adds for the credential (see test/helpers/fetchTransport.ts), e.g. `Authorization: Bearer <key>`. */
export function credentialHeaders(credential: Record<string, string> = CREDENTIAL): Record<string, string> {
	return headersFor(credential);
}

/** A transport over Node's fetch (intercepted by nock) that authenticates like the n8n credential does. */
export function fetchTransport(credential: Record<string, string> = CREDENTIAL): Transport {
	return transportFor(credential);
}

export interface FakeSleep {
	(ms: number): Promise<void>;
	delays: number[];
}

/** A `sleep` that returns at once and records what it was asked to wait. */
export function fakeSleep(): FakeSleep {
	const delays: number[] = [];
	const sleep = (async (ms: number) => {
		delays.push(ms);
	}) as FakeSleep;
	sleep.delays = delays;
	return sleep;
}

export function makeClient(options: Partial<ClientOptions> = {}): { client: Ten99PolicyClient; sleep: FakeSleep } {
	const sleep = fakeSleep();
	const client = new Ten99PolicyClient({ transport: fetchTransport(), sleep, baseUrl: BASE, random: () => 0.5, ...options });
	return { client, sleep };
}

/** One request as the server saw it. */
export interface SeenRequest {
	method: string;
	path: string;
	query: Array<[string, string]>;
	headers: Record<string, string>;
	body: string;
}

/** Records each request nock answers; use `record(seen)` as a reply function. */
export function recorder(seen: SeenRequest[], status = 200, body: unknown = { id: 'x_1' }, headers: Record<string, string> = {}) {
	return function (this: { req: { method: string; path: string; headers: Record<string, string | string[]> } }, _uri: string, requestBody: unknown) {
		seen.push(toSeen(this.req, requestBody));
		return [status, body, headers] as [number, unknown, Record<string, string>];
	};
}

export function toSeen(req: { method: string; path: string; headers: Record<string, string | string[]> }, requestBody: unknown): SeenRequest {
	const url = new URL(req.path, BASE);
	return {
		method: req.method,
		path: url.pathname,
		query: [...url.searchParams.entries()],
		headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)])),
		body: typeof requestBody === 'string' ? requestBody : requestBody === undefined ? '' : JSON.stringify(requestBody),
	};
}

export interface MultipartField {
	name: string;
	fileName?: string;
	contentType?: string;
	value: string;
}

/** Parses a multipart/form-data body (text parts and ASCII files) into its parts, in order. */
export function parseMultipart(body: string, contentType: string): MultipartField[] {
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
	if (!boundary) throw new Error(`No boundary in ${contentType}`);
	if (!body.endsWith(`--${boundary}--\r\n`)) throw new Error('Multipart body is not terminated by the closing boundary');
	const sections = body.split(`--${boundary}`).slice(1, -1);
	return sections.map((section) => {
		const text = section.replace(/^\r\n/, '').replace(/\r\n$/, '');
		const split = text.indexOf('\r\n\r\n');
		const head = text.slice(0, split);
		const value = text.slice(split + 4);
		const disposition = /Content-Disposition: form-data; name="([^"]*)"(?:; filename="([^"]*)")?/.exec(head);
		if (!disposition) throw new Error(`Part without Content-Disposition: ${head}`);
		const type = /Content-Type: (.+)/.exec(head)?.[1];
		return { name: disposition[1], fileName: disposition[2], contentType: type, value };
	});
}

export function setupNock(): void {
	nock.disableNetConnect();
}

export function teardownNock(): void {
	nock.cleanAll();
	nock.enableNetConnect();
}
