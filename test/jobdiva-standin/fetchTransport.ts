import type { HttpRequest, HttpResponse, Transport } from '../../src/ten99policy/transport';

/** The client's transport over Node's fetch, for tests and scripts that use `src/jobdiva` without n8n. */
export const fetchTransport: Transport = async (request: HttpRequest): Promise<HttpResponse> => {
	const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
	const text = await response.text();
	return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: text };
};
