/**
 * 1099Policy answers errors as `{"message": "…" | {field: "…"}, "error_code": "snake_case"}`. This error keeps all of
 * it, plus the request's method and path, and adds a fix for the codes we know. It never holds headers, so the
 * secret key cannot leak through it.
 */
export class Ten99PolicyApiError extends Error {
	readonly status: number;
	readonly errorCode: string | undefined;
	/** 1099Policy's own message: a string, or an object of field → message. */
	readonly apiMessage: string | Record<string, unknown> | undefined;
	readonly fieldErrors: Record<string, string>;
	readonly method: string;
	readonly path: string;
	readonly fix: string | undefined;
	readonly retryable: boolean;
	readonly body: unknown;

	constructor(init: { status: number; body: unknown; method: string; path: string; attempts?: number; message?: string; fix?: string }) {
		const { errorCode, apiMessage, fieldErrors } = readErrorBody(init.body);
		const summary = summarise(init.status, apiMessage, fieldErrors);
		const code = errorCode ? ` ${errorCode}` : '';
		const attempts = init.attempts && init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
		super(init.message ?? `1099Policy rejected ${init.method} ${init.path} (${init.status}${code})${attempts}: ${summary}`);
		this.name = 'Ten99PolicyApiError';
		this.status = init.status;
		this.errorCode = errorCode;
		this.apiMessage = apiMessage;
		this.fieldErrors = fieldErrors;
		this.method = init.method;
		this.path = init.path;
		this.body = init.body;
		this.fix = init.fix ?? fixFor(init.status, errorCode);
		this.retryable = init.status === 429 || init.status >= 500;
	}
}

/**
 * A 2xx answer that is not what the operation expects (not JSON, not a list, a created object without an `id`, a
 * list that repeats itself): it is not a success, whatever the status says.
 */
export function unexpectedAnswer(method: string, path: string, status: number, body: unknown, problem: string, fix?: string): Ten99PolicyApiError {
	const text = typeof body === 'string' ? body : body === undefined ? '(empty)' : (JSON.stringify(body) ?? String(body));
	const head = text.length > 120 ? `${text.slice(0, 120)}…` : text;
	return new Ten99PolicyApiError({
		status,
		body: { message: problem },
		method,
		path,
		message: `1099Policy answered ${method} ${path} with HTTP ${status}, but ${problem}. It began: ${head}`,
		fix: fix ?? 'Check that the base URL in the 1099Policy credential is the 1099Policy API (https://api.1099policy.com) or your sandbox, not a web page or proxy.',
	});
}

/** No response arrived at all (reset, refused, timed out) after the allowed retries. */
export class Ten99PolicyConnectionError extends Error {
	readonly method: string;
	readonly path: string;
	readonly code: string | undefined;

	constructor(method: string, path: string, cause: unknown, attempts: number) {
		const code = connectionErrorCode(cause);
		super(
			`No response from 1099Policy for ${method} ${path} after ${attempts} attempt${attempts === 1 ? '' : 's'}` +
				`${code ? ` (${code})` : ''}. Check the base URL in the 1099Policy credential and the network, then retry.`,
		);
		this.name = 'Ten99PolicyConnectionError';
		this.method = method;
		this.path = path;
		this.code = code;
	}
}

const CONNECTION_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Finds a Node/undici/axios network error code anywhere in an error's cause chain. */
export function connectionErrorCode(error: unknown): string | undefined {
	const chain: object[] = [];
	for (let current: unknown = error; chain.length < 5 && current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
		chain.push(current);
	}
	// A real code anywhere in the chain wins over a generic message: fetch wraps ECONNREFUSED in "fetch failed".
	for (const link of chain) {
		// n8n's httpRequestWithAuthentication rethrows a reset as a NodeApiError that keeps the socket code only in
		// `httpCode` (its `cause` is dropped), so look there too.
		for (const code of [(link as { code?: unknown }).code, (link as { httpCode?: unknown }).httpCode]) {
			if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
		}
	}
	for (const link of chain) {
		const message = (link as { message?: unknown }).message;
		if (typeof message === 'string' && /socket hang up|other side closed|fetch failed/i.test(message)) return 'ECONNRESET';
		// Headers followed by silence: axios aborts the body stream.
		if (typeof message === 'string' && /stream has been aborted|timeout of \d+ms exceeded/i.test(message)) return 'ECONNABORTED';
	}
	return undefined;
}

/**
 * Whether the request may have reached 1099Policy. A refused connection or failed DNS lookup never did, so even a
 * POST without an idempotency key can be retried safely after one.
 */
export function neverReachedServer(code: string | undefined): boolean {
	return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

function readErrorBody(body: unknown): {
	errorCode: string | undefined;
	apiMessage: string | Record<string, unknown> | undefined;
	fieldErrors: Record<string, string>;
} {
	const fieldErrors: Record<string, string> = {};
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { errorCode: undefined, apiMessage: typeof body === 'string' && body ? body.slice(0, 500) : undefined, fieldErrors };
	}
	const record = body as Record<string, unknown>;
	const errorCode = typeof record.error_code === 'string' ? record.error_code : undefined;
	const message = record.message;
	if (message && typeof message === 'object' && !Array.isArray(message)) {
		flattenFieldErrors(message as Record<string, unknown>, '', fieldErrors);
		return { errorCode, apiMessage: message as Record<string, unknown>, fieldErrors };
	}
	return { errorCode, apiMessage: typeof message === 'string' ? message : undefined, fieldErrors };
}

function flattenFieldErrors(source: Record<string, unknown>, prefix: string, into: Record<string, string>): void {
	for (const [key, value] of Object.entries(source)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			flattenFieldErrors(value as Record<string, unknown>, path, into);
		} else {
			into[path] = Array.isArray(value) ? value.map(String).join('; ') : String(value);
		}
	}
}

function summarise(status: number, apiMessage: unknown, fieldErrors: Record<string, string>): string {
	const fields = Object.entries(fieldErrors);
	if (fields.length > 0) return fields.map(([field, text]) => `${field}: ${text}`).join('; ');
	if (typeof apiMessage === 'string' && apiMessage.trim() !== '') return apiMessage;
	return DEFAULT_STATUS_TEXT[status] ?? `HTTP ${status}`;
}

const DEFAULT_STATUS_TEXT: Record<number, string> = {
	400: 'Bad request',
	401: 'The API key was not accepted',
	403: 'The API key may not make this request',
	404: 'Not found',
	429: 'Too many requests',
	500: '1099Policy had an internal error',
	502: 'Bad gateway',
	503: '1099Policy is unavailable',
	504: 'Gateway timeout',
};

/** What a user can do about each error code we know of. */
const FIXES: Record<string, string> = {
	invalid_api_key:
		'Check the secret key in the 1099Policy credential (Dashboard → API Keys) and that its environment (sandbox or production) matches the key.',
	resource_not_found:
		'Check the ID: it may belong to the other environment (sandbox vs production) or have been deleted.',
	invalid_input: 'Correct the fields named in the message.',
	bad_request: 'Correct the request fields named in the message.',
	effective_date_invalid: 'Set the effective date in the future (1099Policy does not backdate coverage).',
	end_date_invalid: 'Set the end date after the effective date.',
	duplicate_email:
		'A contractor with this email already exists: use Contractor → Upsert, or look it up with Contractor → Get Many filtered by email.',
	missing_job_category_code: 'Set a job category code (Job Category → Get Many lists the codes approved for your account).',
	invalid_job_category_code: 'Use a category code from Job Category → Get Many; codes are specific to your 1099Policy account.',
	job_category_not_approved: 'Ask 1099Policy to approve this job category for your account, or map the job to an approved code.',
	invalid_entity_id: 'Create the entity first (Entity → Create) or use an entity ID from the same environment.',
	invoice_exists: 'An invoice for this contractor, job and pay period already exists; update it instead of creating another.',
	job_is_used: 'This job has policies attached and cannot be deleted.',
	policy_already_exists: 'A policy already exists for this quote; look it up instead of binding again.',
	contractor_has_matching_policy: 'The contractor already holds a matching policy; create an assignment for the job instead.',
	contract_has_matching_policy: 'The contractor already holds a matching policy; create an assignment for the job instead.',
	invalid_webhook_signature: 'Check the webhook signing secret.',
	invalid_file_type: 'Upload a PDF file (extension .pdf, content starting with %PDF).',
	invalid_mime_type: 'Upload the certificate with MIME type application/pdf.',
	invalid_file_size: 'Upload a certificate PDF no larger than 15 MB.',
	session_expired: 'Create a new application session for the quote.',
	application_already_complete: 'The contractor already completed this application; no new session is needed.',
};

function fixFor(status: number, errorCode: string | undefined): string | undefined {
	if (errorCode && FIXES[errorCode]) return FIXES[errorCode];
	if (status === 401) return FIXES.invalid_api_key;
	if (status === 404) return FIXES.resource_not_found;
	if (status === 429) return 'Lower "Requests in Parallel" or retry later; 1099Policy is rate limiting this key.';
	if (status >= 500) return 'This is on 1099Policy\'s side; retry later. Idempotency keys make retries safe.';
	return undefined;
}
