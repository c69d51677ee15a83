import { attemptAsync } from '../util/attempt';
import { backoffDelay, retryAfterMs } from '../util/backoff';
import { clampRetries, exceedsSize, MAX_ANSWER_CHARS, sendWithDeadline } from '../util/bounds';
import { headerValue, parseBody, type HttpRequest, type Sleep, type Transport } from '../util/transport';
import { formatJobDivaDate, type DateWindow } from './dates';
import { JobDivaApiError, JobDivaConnectionError, toJobDivaError } from './errors';
import { mergeRows, type JobDivaRow } from './rows';

export const DEFAULT_BASE_URL = 'https://api.jobdiva.com';

export interface JobDivaClientOptions {
	/** Sends one request; authentication is the transport's job (n8n's credential, or `JobDivaSession`). */
	transport: Transport;
	sleep: Sleep;
	baseUrl?: string;
	/** 429 retries per request (JobDiva's "Request Limit Exceeded" is per method per tenant). */
	maxRetries?: number;
	baseDelayMs?: number;
	capDelayMs?: number;
	random?: () => number;
	/** Longest `Retry-After` waited for; a longer one ends the retries at once (default 2 minutes). */
	maxRetryAfterMs?: number;
	/** Overall deadline of one attempt, body included; none when unset. */
	timeoutMs?: number;
	now?: () => number;
	/**
	 * Secrets to scrub from JobDiva's echoed text (the n8n path never sees them; tests and scripts do). A function is
	 * asked at each error, so a token obtained later is covered too.
	 */
	secrets?: string[] | (() => string[]);
	onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number }) => void;
}

export interface RangeQuery {
	windows: DateWindow[];
	/** Zone the window bounds are written in for JobDiva. */
	zone: string;
}

/**
 * The JobDiva V2 API seen from n8n-free code: BI reads (`GET /apiv2/bi/<Feed>` → `{message, data}`), date-range
 * feeds split into windows, `searchStart`, bounded 429 retries with exponential backoff and jitter, errors mapped
 * to `JobDivaApiError`. Rows come back exactly as JobDiva sent them.
 */
export class JobDivaClient {
	private readonly baseUrl: string;
	private readonly maxRetries: number;

	constructor(private readonly options: JobDivaClientOptions) {
		this.baseUrl = (options.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
		this.maxRetries = clampRetries(options.maxRetries, 4);
	}

	/** One call with 429 retries. Resolves with the parsed body of a 2xx answer. */
	async request(method: 'GET' | 'POST', path: string, query: Record<string, string> = {}, body?: unknown): Promise<unknown> {
		const search = new URLSearchParams(query).toString();
		const request: HttpRequest = {
			method,
			url: `${this.baseUrl}${path}${search ? `?${search}` : ''}`,
			headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		};
		for (let attempt = 0; ; attempt++) {
			const sent = await attemptAsync(() => sendWithDeadline(this.options.transport, request, this.options.timeoutMs, this.options.sleep));
			if (!sent.ok) {
				const error = sent.error;
				if (error instanceof JobDivaApiError) throw error;
				const code = (error as { code?: unknown }).code;
				throw new JobDivaConnectionError(
					`No answer from JobDiva for ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`,
					method,
					path,
					typeof code === 'string' ? code : undefined,
				);
			}
			const response = sent.value;
			const parsed = parseBody(response.body);
			if (exceedsSize(parsed)) {
				throw new JobDivaApiError(
					`JobDiva's answer to ${method} ${path} is larger than ${MAX_ANSWER_CHARS / 1_000_000} million characters`,
					response.status, method, path, '',
					'Narrow the request (a shorter date range, one record); check the credential\'s Base URL is the JobDiva API.',
				);
			}
			if (response.status >= 200 && response.status < 300) {
				// JobDiva answers JSON (or nothing); a text answer is an HTML page or a proxy's notice, not data.
				if (typeof parsed === 'string' && parsed.trim() !== '') {
					throw new JobDivaApiError(
						`JobDiva answered ${method} ${path} with HTTP ${response.status}, but not with JSON. It began: ${parsed.slice(0, 120)}${parsed.length > 120 ? '…' : ''}`,
						response.status, method, path, '',
						'Check that the credential\'s Base URL is the JobDiva API (https://api.jobdiva.com), not the web app or a proxy.',
					);
				}
				return parsed;
			}
			const retryAfter = retryAfterMs(headerValue(response.headers, 'retry-after'), this.options.now);
			const waitable = retryAfter === undefined || retryAfter <= (this.options.maxRetryAfterMs ?? 120_000);
			if (response.status === 429 && attempt < this.maxRetries && waitable) {
				const delayMs =
					retryAfter ??
					backoffDelay(attempt, {
						baseMs: this.options.baseDelayMs ?? 1000,
						capMs: this.options.capDelayMs ?? 30_000,
						random: this.options.random,
					});
				this.options.onRetry?.({ method, path, attempt: attempt + 1, delayMs });
				await this.options.sleep(delayMs);
				continue;
			}
			const secrets = typeof this.options.secrets === 'function' ? this.options.secrets() : this.options.secrets;
			throw toJobDivaError(method, path, response.status, parsed, secrets, attempt);
		}
	}

	/** `GET /apiv2/bi/<feed>` → its rows (`data`), unchanged. */
	async biRows(feed: string, query: Record<string, string>): Promise<JobDivaRow[]> {
		const path = `/apiv2/bi/${feed}`;
		return rowsOf(await this.request('GET', path, query), 'GET', path);
	}

	/** A date-range feed over every window, in order, rows merged and de-duplicated where windows touch. */
	async biRange(feed: string, range: RangeQuery, query: Record<string, string> = {}): Promise<JobDivaRow[]> {
		const batches: JobDivaRow[][] = [];
		for (const window of range.windows) {
			batches.push(
				await this.biRows(feed, {
					...query,
					fromDate: formatJobDivaDate(window.from, range.zone),
					toDate: formatJobDivaDate(window.to, range.zone),
				}),
			);
		}
		return mergeRows(batches);
	}

	/** `POST /apiv2/jobdiva/searchStart` → start (placement) records, lower-case keys with spaces, unchanged. */
	async searchStart(criteria: Record<string, unknown>): Promise<JobDivaRow[]> {
		const path = '/apiv2/jobdiva/searchStart';
		return rowsOf(await this.request('POST', path, {}, criteria), 'POST', path);
	}
}

/** BI answers are `{message, data: [rows]}`; searchStart answers a bare array. An empty answer is no rows. */
export function rowsOf(body: unknown, method: string, path: string): JobDivaRow[] {
	if (body === undefined || body === null || body === '') return [];
	if (Array.isArray(body)) return body.filter(isRow);
	if (typeof body === 'object') {
		const data = (body as Record<string, unknown>).data;
		if (data === undefined || data === null) return [];
		if (Array.isArray(data)) return data.filter(isRow);
		if (isRow(data)) return [data];
	}
	throw new JobDivaApiError(
		`JobDiva answered ${path} with something that is not a list of records: ${String(JSON.stringify(body)).slice(0, 120)}`,
		200,
		method,
		path,
		'',
		'Check that the credential\'s Base URL points at the JobDiva API (https://api.jobdiva.com).',
	);
}

function isRow(value: unknown): value is JobDivaRow {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}
