/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { INode, INodeParameters } from 'n8n-workflow';
import { PACKAGE } from './nodeTypes';

export const T99_BASE = 'https://api.1099policy.com';
export const T99_SECRET = 't9k_test_NODEsecretNeverShown_8e1d';
export const T99_CREDENTIALS = { ten99PolicyApi: { apiKey: T99_SECRET, environment: 'sandbox', baseUrl: T99_BASE } };

/** A Ten99Policy node for `chain(...)`, with the test credential attached. */
export function ten99Node(
	parameters: INodeParameters,
	extra: Partial<Omit<INode, 'parameters'>> = {},
): Omit<INode, 'position' | 'id'> {
	return {
		name: '1099Policy',
		type: `${PACKAGE}.ten99Policy`,
		typeVersion: 1,
		parameters,
		credentials: { ten99PolicyApi: { id: '1', name: '1099Policy account' } },
		...extra,
	};
}

/** One request as nock saw it (header names lower-cased). */
export interface SeenHttp {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: string;
	at: number;
}

type NockReq = { req: { method: string; path: string; headers: Record<string, string | string[]> } };

export function seen(ctx: NockReq, body: unknown): SeenHttp {
	const url = new URL(ctx.req.path, T99_BASE);
	return {
		method: ctx.req.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams.entries()),
		headers: Object.fromEntries(Object.entries(ctx.req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)])),
		body: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body),
		at: Date.now(),
	};
}

/** A nock reply function that records the request into `log` and answers with `answer(request)`. */
export function answerWith(log: SeenHttp[], answer: (request: SeenHttp) => [number, unknown?, Record<string, string>?]) {
	return function (this: NockReq, _uri: string, body: unknown) {
		const request = seen(this, body);
		log.push(request);
		return answer(request);
	};
}

/**
 * A network error for nock's `replyWithError`. nock 14 (via @mswjs/interceptors) treats a plain object such as
 * `{code: 'ECONNRESET'}` as a response and crashes ("Reflect.has called on non-object"); an Error instance with a
 * `code` reaches the client the way a real reset does.
 */
export function connectionError(code: string, message = code === 'ECONNRESET' ? 'socket hang up' : `connect ${code}`): Error {
	return Object.assign(new Error(message), { code });
}
