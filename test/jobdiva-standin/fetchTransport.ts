/**
 * A transport over Node's fetch, for tests and scripts that use the package's JobDiva client without n8n. Typed here
 * (the stand-in imports nothing from the package); it fits the clients' `Transport` by shape: every HTTP status resolves.
 */
export interface FetchRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: string | Buffer;
}

export interface FetchResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export const fetchTransport = async (request: FetchRequest): Promise<FetchResponse> => {
	const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
	const text = await response.text();
	return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: text };
};
