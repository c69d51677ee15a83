import { Ten99PolicyApi } from '../../credentials/Ten99PolicyApi.credentials';
import type { HttpRequest, HttpResponse, Transport } from '../../src/util/transport';

/**
 * The 1099Policy client's transport over Node's fetch, for tests and benchmarks, in a module of its own: it loads no
 * nock, whose import patches Node's `http` for the whole process (a benchmark that loaded it would time every request
 * through nock's interceptor, which n8n never has).
 */

/**
 * The headers n8n adds for the Ten99PolicyApi credential, resolved from the credential's own `authenticate`
 * declaration (so a change there shows up in these tests), e.g. `Authorization: Bearer <key>`.
 */
export function credentialHeaders(credential: Record<string, string>): Record<string, string> {
	const auth = new Ten99PolicyApi().authenticate;
	const headers = (auth.properties.headers ?? {}) as Record<string, string>;
	return Object.fromEntries(
		Object.entries(headers).map(([name, template]) => [
			name,
			template.replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => credential[key] ?? ''),
		]),
	);
}

/** A transport over Node's fetch that authenticates like the n8n credential does. */
export function fetchTransport(credential: Record<string, string>): Transport {
	const auth = credentialHeaders(credential);
	return async (request: HttpRequest): Promise<HttpResponse> => {
		const response = await fetch(request.url, { method: request.method, headers: { ...request.headers, ...auth }, body: request.body });
		const text = await response.text();
		return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: text };
	};
}
