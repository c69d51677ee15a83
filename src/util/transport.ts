/** The one HTTP seam between the pure client and whoever sends bytes (n8n's helpers, or fetch in tests). */
export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Absolute URL including the query string. */
	url: string;
	headers: Record<string, string>;
	/** Already-serialised body: JSON text or a multipart buffer (its content-type is in `headers`). */
	body?: string | Buffer;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON when the response was JSON, else the raw text. */
	body: unknown;
}

/** Sends one request. Resolves for every HTTP status; rejects only when no response arrived (reset, refused, timeout). */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Waits `ms`; when `signal` aborts, may stop early (rejecting or resolving: callers ignore the outcome then). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** Bodies arrive as text from some transports; parse JSON when it is JSON, keep text otherwise. */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') return undefined;
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed) as unknown;
		} catch {
			return body;
		}
	}
	return body;
}
