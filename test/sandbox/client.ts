/* eslint-disable @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * A minimal fetch client for the sandbox, used by its tests and handy in scripts:
 * `const api = sandboxClient(sandbox.url); await api.post('/contractors', {...})`.
 */
export interface SandboxResponse<T = any> {
	status: number;
	body: T;
	headers: Headers;
}

export interface RequestOptions {
	body?: unknown;
	/** Sent as is (e.g. a multipart buffer) instead of JSON. */
	raw?: Buffer;
	contentType?: string;
	/** API key; `null` sends no Authorization header. */
	key?: string | null;
	env?: string;
	idempotencyKey?: string;
	headers?: Record<string, string>;
}

export interface SandboxClient {
	request<T = any>(method: string, path: string, options?: RequestOptions): Promise<SandboxResponse<T>>;
	get<T = any>(path: string, options?: RequestOptions): Promise<SandboxResponse<T>>;
	post<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<SandboxResponse<T>>;
	put<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<SandboxResponse<T>>;
	delete<T = any>(path: string, options?: RequestOptions): Promise<SandboxResponse<T>>;
	/** Admin API: `admin('POST', '/reset')` calls `/__sandbox/reset`. */
	admin<T = any>(method: string, path: string, body?: unknown): Promise<SandboxResponse<T>>;
	/** `POST /__sandbox/clock {advanceMs}`: moves the sandbox clock forward; resolves the new clock. */
	advanceClock(ms: number): Promise<SandboxClockBody>;
	/** `GET /__sandbox/clock`. */
	clock(): Promise<SandboxClockBody>;
}

/** The sandbox time: `now` (ms), `iso`, and `offsetMs` (how far it was advanced since start or reset). */
export interface SandboxClockBody {
	now: number;
	iso: string;
	offsetMs: number;
}

/** `path` is relative to `/api/v1` unless it is an admin (`/__sandbox/…`) or application page (`/apply/ias_…`) path. */
export function sandboxClient(baseUrl: string, defaults: { key?: string; env?: string } = {}): SandboxClient {
	async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<SandboxResponse<T>> {
		const headers: Record<string, string> = { ...options.headers };
		const key = options.key === undefined ? (defaults.key ?? 't9k_test_sandbox') : options.key;
		if (key !== null) headers.Authorization = `Bearer ${key}`;
		const env = options.env ?? defaults.env;
		if (env) headers['Ten99Policy-Environment'] = env;
		if (options.idempotencyKey) headers['Ten99Policy-Idempotent-Key'] = options.idempotencyKey;
		let body: string | Buffer | undefined;
		if (options.raw) {
			body = options.raw;
			if (options.contentType) headers['Content-Type'] = options.contentType;
		} else if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['Content-Type'] = 'application/json';
		}
		const direct = path.startsWith('/__sandbox') || /^\/apply\/ias_/.test(path);
		const response = await fetch(`${baseUrl}${direct ? '' : '/api/v1'}${path}`, { method, headers, body });
		const text = await response.text();
		let parsed: unknown = text;
		if ((response.headers.get('content-type') ?? '').includes('application/json')) parsed = JSON.parse(text);
		return { status: response.status, body: parsed as T, headers: response.headers };
	}
	return {
		request,
		get: (path, options) => request('GET', path, options),
		post: (path, body, options) => request('POST', path, { ...options, body }),
		put: (path, body, options) => request('PUT', path, { ...options, body }),
		delete: (path, options) => request('DELETE', path, options),
		admin: (method, path, body) => request(method, `/__sandbox${path}`, { body, key: null }),
		advanceClock: async (ms) => clockBody(await request('POST', '/__sandbox/clock', { body: { advanceMs: ms }, key: null })),
		clock: async () => clockBody(await request('GET', '/__sandbox/clock', { key: null })),
	};
}

function clockBody(response: SandboxResponse): SandboxClockBody {
	if (response.status !== 200) throw new Error(`Sandbox clock: HTTP ${response.status} ${JSON.stringify(response.body)}`);
	return response.body as SandboxClockBody;
}
