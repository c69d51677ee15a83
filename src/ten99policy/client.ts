import { randomUUID } from 'crypto';
import { attempt, attemptAsync } from '../util/attempt';
import { backoffDelay, retryAfterMs } from '../util/backoff';
import { clampRetries, exceedsSize, MAX_ANSWER_CHARS, sendWithDeadline } from '../util/bounds';
import { connectionErrorCode, neverReachedServer, Ten99PolicyApiError, Ten99PolicyConnectionError, unexpectedAnswer } from './errors';
import type { ConvertOptions } from './convert';
import { buildRequest, DEFAULT_CONVERT_OPTIONS, type OperationInput, type PreparedRequest } from './request';
import { operationSpec, resourceSpec } from './resources';
import { headerValue, parseBody, type HttpRequest, type Sleep, type Transport } from '../util/transport';

export const DEFAULT_BASE_URL = 'https://api.1099policy.com';
export const IDEMPOTENCY_HEADER = 'Ten99Policy-Idempotent-Key';
/** The largest page 1099Policy serves. */
export const MAX_PAGE_SIZE = 100;
/** Pages one Return All may read (100,000 objects at full pages); more means the server's cursor never ends. */
export const MAX_PAGES = 1000;

export interface RetryInfo {
	attempt: number;
	delayMs: number;
	method: string;
	path: string;
	reason: string;
}

/** Lets a caller shape traffic, e.g. slow every request down after a 429 (see src/util/rateGate.ts). */
export interface TrafficGate {
	beforeRequest(): Promise<void>;
	onRateLimited(delayMs: number): void;
}

/** Lets a caller space request starts apart (see src/util/pacer.ts); told each request's round trip. */
export interface RequestPacing {
	beforeRequest(): Promise<void>;
	onResponse(roundTripMs: number): void;
}

export interface ClientOptions {
	transport: Transport;
	sleep: Sleep;
	baseUrl?: string;
	/** Retries after the first attempt, for 429, 5xx and dropped connections. */
	maxRetries?: number;
	backoffBaseMs?: number;
	backoffCapMs?: number;
	/** Longest `Retry-After` we wait for before giving up on a request. */
	maxRetryAfterMs?: number;
	/** Overall deadline of one attempt, body included (a dripping server cannot hold it open); none when unset. */
	timeoutMs?: number;
	/** Longest one request may take with all its retries and waits; no retry starts that would end after it. */
	totalTimeoutMs?: number;
	random?: () => number;
	now?: () => number;
	onRetry?: (info: RetryInfo) => void;
	gate?: TrafficGate;
	pacer?: RequestPacing;
}

export interface SendOptions {
	/**
	 * For POST: a key to send (the same key on every retry), `undefined` to send a fresh UUID v4, or `false` to send
	 * none — then the POST is never retried, because 1099Policy could apply it twice.
	 */
	idempotencyKey?: string | false;
	/**
	 * The caller guarantees a repeat cannot create a second object (e.g. a contractor create, which a repeat answers
	 * with duplicate_email), so the POST may be retried even without an idempotency key.
	 */
	repeatable?: boolean;
}

export interface ListOptions {
	returnAll?: boolean;
	/** Objects wanted when not returning all (may exceed one page). */
	limit?: number;
	/** Page size for Return All (1…100). */
	pageSize?: number;
	onPage?: (page: { number: number; size: number; total: number }) => void;
}

/**
 * A 1099Policy API client that knows nothing about n8n: it builds requests from the declaration, sends them through
 * the injected transport, retries what is safe to retry, and pages through bare-array lists.
 */
export class Ten99PolicyClient {
	private readonly options: Required<Omit<ClientOptions, 'onRetry' | 'gate' | 'pacer' | 'timeoutMs'>> & Pick<ClientOptions, 'onRetry' | 'gate' | 'pacer' | 'timeoutMs'>;

	constructor(options: ClientOptions) {
		// Explicit `undefined`s in `options` must not override the defaults, so spread first and default after.
		this.options = {
			...options,
			baseUrl: normaliseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
			maxRetries: clampRetries(options.maxRetries, 3),
			backoffBaseMs: options.backoffBaseMs ?? 500,
			backoffCapMs: options.backoffCapMs ?? 20_000,
			maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
			totalTimeoutMs: options.totalTimeoutMs ?? Infinity,
			random: options.random ?? Math.random,
			now: options.now ?? Date.now,
		};
	}

	get baseUrl(): string {
		return this.options.baseUrl;
	}

	/** Builds and sends one declared operation. */
	async call(
		resource: string,
		operation: string,
		input: OperationInput = {},
		send: SendOptions = {},
		convert: ConvertOptions = DEFAULT_CONVERT_OPTIONS,
	): Promise<unknown> {
		const request = buildRequest(resource, operation, input, convert);
		const answer = await this.send(request, send);
		const op = operationSpec(resource, operation);
		const expected = op.paginated || op.returnsArray ? 'a list' : request.method === 'DELETE' ? undefined : 'an object';
		const isList = Array.isArray(answer);
		const isObject = !!answer && typeof answer === 'object' && !isList;
		if ((expected === 'a list' && !isList) || (expected === 'an object' && !isObject)) {
			throw unexpectedAnswer(request.method, request.path, 200, answer, `the answer is not ${expected} in JSON`);
		}
		if (operation === 'create' && typeof (answer as { id?: unknown }).id !== 'string') {
			throw unexpectedAnswer(request.method, request.path, 200, answer, `the created ${resourceSpec(resource).displayName.toLowerCase()} has no id`);
		}
		return answer;
	}

	/** Lists a paginated collection: one page, `limit` objects across pages, or everything (Return All). */
	async list(
		resource: string,
		operation: string,
		input: OperationInput = {},
		options: ListOptions = {},
		convert: ConvertOptions = DEFAULT_CONVERT_OPTIONS,
	): Promise<Record<string, unknown>[]> {
		const all: Record<string, unknown>[] = [];
		for await (const page of this.pages(resource, operation, input, options, convert)) all.push(...page);
		return all;
	}

	/**
	 * The pages of a paginated collection, one at a time, so a caller that keeps only what it needs from each page
	 * (e.g. src/ledger/reconcile.ts) holds one page in memory, not the whole collection.
	 */
	async *pages(
		resource: string,
		operation: string,
		input: OperationInput = {},
		options: ListOptions = {},
		convert: ConvertOptions = DEFAULT_CONVERT_OPTIONS,
	): AsyncGenerator<Record<string, unknown>[]> {
		const wanted = options.returnAll ? Infinity : (options.limit ?? 10);
		const pageSize = options.returnAll ? (options.pageSize ?? MAX_PAGE_SIZE) : Math.min(MAX_PAGE_SIZE, wanted);
		let total = 0;
		// IDs seen so far (the guard below): a few dozen bytes per object, the only thing kept across pages.
		const seen = new Set<string>();
		let cursor = input.startingAfter;
		for (let pageNumber = 1; ; pageNumber++) {
			const size = Math.min(pageSize, wanted - total);
			const request = buildRequest(resource, operation, { ...input, limit: size, startingAfter: cursor }, convert);
			const page = await this.send(request);
			if (!Array.isArray(page)) throw unexpectedAnswer('GET', request.path, 200, page, 'the answer is not a list in JSON');
			// A server whose cursor cycles (A → B → A) or that repeats a page would otherwise never end, or double the output.
			const repeated = page.find((object) => {
				const id = (object as { id?: unknown } | null)?.id;
				if (typeof id !== 'string') return false;
				if (seen.has(id)) return true;
				seen.add(id);
				return false;
			});
			if (repeated) {
				throw unexpectedAnswer('GET', request.path, 200, repeated, `the page after ${cursor ? `"${cursor}"` : 'the start'} repeats ${resource} "${(repeated as { id: string }).id}" from an earlier page, so the list would never end`, 'Retry later; if it persists, report it to 1099Policy with the resource and the cursor named here.');
			}
			total += page.length;
			options.onPage?.({ number: pageNumber, size: page.length, total });
			yield page as Record<string, unknown>[];
			// 1099Policy returns no has_more flag: a short or empty page is the last one.
			if (page.length < size || total >= wanted) break;
			const last = page[page.length - 1] as { id?: unknown } | undefined;
			if (!last || typeof last.id !== 'string' || last.id === cursor) break;
			if (pageNumber >= MAX_PAGES) {
				throw unexpectedAnswer('GET', request.path, 200, last, `the ${resource} list still had more after ${MAX_PAGES} pages (cursor "${last.id}")`, `Narrow the list with filters, or turn off Return All and set a Limit.`);
			}
			cursor = last.id;
		}
	}

	/** Sends a prepared request with idempotency and retries. Resolves with the parsed body. */
	async send(request: PreparedRequest, send: SendOptions = {}): Promise<unknown> {
		const headers: Record<string, string> = { Accept: 'application/json' };
		let body: string | Buffer | undefined;
		if (request.json !== undefined) {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(request.json);
		} else if (request.multipart) {
			headers['Content-Type'] = request.multipart.contentType;
			body = request.multipart.body;
		}
		let idempotent = request.method !== 'POST' || send.repeatable === true;
		if (request.method === 'POST' && send.idempotencyKey !== false) {
			headers[IDEMPOTENCY_HEADER] = send.idempotencyKey && send.idempotencyKey.trim() !== '' ? send.idempotencyKey.trim() : randomUUID();
			idempotent = true;
		}
		const http: HttpRequest = { method: request.method, url: this.url(request), headers, body };
		return this.sendWithRetries(http, request.path, idempotent);
	}

	private url(request: PreparedRequest): string {
		const query = request.query.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`);
		return `${this.options.baseUrl}/api/v1${request.path}${query.length ? `?${query.join('&')}` : ''}`;
	}

	private async sendWithRetries(http: HttpRequest, path: string, safeToRepeat: boolean): Promise<unknown> {
		const { maxRetries, gate, pacer } = this.options;
		const startedAt = this.options.now();
		// No retry (with its wait) may start that would end after the request's total budget.
		const fits = (delayMs: number) => this.options.now() - startedAt + delayMs < this.options.totalTimeoutMs;
		for (let attempt = 0; ; attempt++) {
			// Pacing first: the gate's check must come right before the request, so none starts during a 429 pause.
			await pacer?.beforeRequest();
			await gate?.beforeRequest();
			const started = pacer ? this.options.now() : 0;
			const sent = await attemptAsync(() => sendWithDeadline(this.options.transport, http, this.options.timeoutMs, this.options.sleep));
			if (!sent.ok) {
				const code = connectionErrorCode(sent.error);
				if (code === undefined) throw sent.error;
				// A request that never reached 1099Policy may be repeated even without an idempotency key.
				const delayMs = this.delay(attempt, undefined);
				if (attempt >= maxRetries || !(safeToRepeat || neverReachedServer(code)) || !fits(delayMs)) {
					throw new Ten99PolicyConnectionError(http.method, path, sent.error, attempt + 1);
				}
				await this.wait(attempt, delayMs, http, path, `connection ${code}`);
				continue;
			}
			const response = sent.value;
			pacer?.onResponse(this.options.now() - started);
			const status = response.status;
			const parsed = parseBody(response.body);
			if (exceedsSize(parsed)) {
				throw unexpectedAnswer(http.method, path, status, '(not shown)', `the answer is larger than ${MAX_ANSWER_CHARS / 1_000_000} million characters`);
			}
			if (status >= 200 && status < 300) {
				// A text answer (an HTML page, a proxy's notice) is not 1099Policy's JSON; empty is fine (e.g. a delete).
				if (typeof parsed === 'string') throw unexpectedAnswer(http.method, path, status, parsed, 'the answer is not JSON');
				return parsed;
			}
			const retryable = status === 429 || status >= 500;
			if (retryable && safeToRepeat && attempt < maxRetries) {
				const after = retryAfterMs(headerValue(response.headers, 'retry-after'), this.options.now);
				const delayMs = this.delay(attempt, after);
				if ((after !== undefined && after > this.options.maxRetryAfterMs) || !fits(delayMs)) {
					throw new Ten99PolicyApiError({ status, body: parsed, method: http.method, path, attempts: attempt + 1 });
				}
				if (status === 429) gate?.onRateLimited(after ?? 1000);
				await this.wait(attempt, delayMs, http, path, `HTTP ${status}`);
				continue;
			}
			throw new Ten99PolicyApiError({ status, body: parsed, method: http.method, path, attempts: attempt + 1 });
		}
	}

	private delay(attempt: number, retryAfter: number | undefined): number {
		return retryAfter ?? backoffDelay(attempt, { baseMs: this.options.backoffBaseMs, capMs: this.options.backoffCapMs, random: this.options.random });
	}

	private async wait(attempt: number, delayMs: number, http: HttpRequest, path: string, reason: string): Promise<void> {
		this.options.onRetry?.({ attempt: attempt + 1, delayMs, method: http.method, path, reason });
		await this.options.sleep(delayMs);
	}
}

/**
 * Accepts `https://api.1099policy.com`, with or without a trailing slash or `/api/v1`. Plain http is only for a
 * sandbox on this machine, so a key is never sent unencrypted over a network.
 */
export function normaliseBaseUrl(baseUrl: string): string {
	const parsed = attempt(() => new URL(baseUrl.trim()));
	if (!parsed.ok) {
		throw new Error(`The 1099Policy base URL "${baseUrl}" is not a URL. Use ${DEFAULT_BASE_URL} or your local sandbox, e.g. http://localhost:4599.`);
	}
	const url = parsed.value;
	const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
		throw new Error(
			`The 1099Policy base URL "${baseUrl}" must use https (plain http is allowed only for localhost / 127.0.0.1). Use ${DEFAULT_BASE_URL}.`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}`;
}
