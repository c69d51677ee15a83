/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, environment, type KeyRejecter } from './auth';
import type { SandboxCore } from './core';
import { ApiError } from './errors';
import type { FaultInjector } from './faults';
import { header, readBody, sendJson } from './http';
import { matchRoute, type HandlerResult } from './router';
import { API_ROUTES } from './routes';
import { ageToClock } from './resources/sessions';
import type { Json, RequestLogEntry } from './types';

export const API_PREFIX = '/api/v1';
export const IDEMPOTENCY_HEADER = 'ten99policy-idempotent-key';
export const REPLAYED_HEADER = 'Ten99Policy-Idempotent-Replayed';

function parseJson(raw: Buffer, contentType: string | undefined): Json {
	if (raw.length === 0 || (contentType ?? '').toLowerCase().startsWith('multipart/')) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw.toString('utf8'));
	} catch {
		throw new ApiError(400, 'invalid_input', { body: 'is not valid JSON' });
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError(400, 'invalid_input', { body: 'must be a JSON object' });
	return parsed as Json;
}

function run(apply: () => HandlerResult): HandlerResult {
	try {
		return apply();
	} catch (error) {
		if (error instanceof ApiError) return { status: error.status, body: error.body };
		return { status: 500, body: { message: `Internal sandbox error: ${(error as Error).message}`, error_code: 'internal_error' } };
	}
}

/**
 * One `/api/v1` request, in this order: body (≤ 20 MB, else 413), auth, environment, route, the key's rate limit (429), injected 429/500 (nothing applied
 * or stored), session and policy expiry, idempotency replay, apply, store under the key; then the answer (or the injected drop: connection
 * destroyed after applying) waits until `latencyMs` after the request arrived. So `latencyMs` is the time the API takes to answer, its own
 * work included, as a real API's latency is: the sandbox's processing does not add to it (unless it takes longer).
 * Parameter validation failures (`invalid_input`) are not stored under the key — 1099Policy: "Results are only
 * saved if an API endpoint started executing" — so a corrected retry with the same key goes through.
 */
export async function handleApi(
	core: SandboxCore,
	faults: FaultInjector,
	rejectKey: KeyRejecter,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const method = req.method ?? 'GET';
	const entry: RequestLogEntry = {
		method,
		path: url.pathname,
		query: url.search,
		status: null,
		idempotencyKey: header(req, IDEMPOTENCY_HEADER) ?? null,
		env: null,
		timestamp: core.nowMs(),
		replayed: false,
		fault: null,
	};
	core.requestLog.push(entry);
	const answerAt = performance.now() + faults.latencyMs;
	const latency = async () => {
		const left = Math.ceil(answerAt - performance.now());
		if (left > 0) await sleep(left);
	};
	const respond = async (result: HandlerResult, headers: Record<string, string> = {}) => {
		// A body over the limit is refused at once, its rest unread, as before any latency.
		if (result.status !== 413) await latency();
		entry.status = result.status;
		sendJson(res, result.status, result.body, headers);
	};
	try {
		const raw = await readBody(req);
		const apiKey = authenticate(header(req, 'authorization'), rejectKey);
		const env = environment(header(req, 'ten99policy-environment'));
		entry.env = env;
		const path = url.pathname.slice(API_PREFIX.length) || '/';
		const match = matchRoute(API_ROUTES, method, path);
		if (!match) throw new ApiError(404, 'resource_not_found', `Unknown endpoint ${method} ${url.pathname}`);

		// The key's rate limit first: a refused request is not counted against the random faults' sequence or script.
		const retryAfter = faults.takeToken(apiKey);
		if (retryAfter !== undefined) {
			entry.fault = 'rate_limit';
			await respond(
				{ status: 429, body: { message: 'Too many requests; retry later', error_code: 'rate_limit_exceeded' } },
				{ 'Retry-After': String(retryAfter) },
			);
			return;
		}
		const fault = faults.decide();
		if (fault === 'rate_limit' || fault === 'server_error') {
			entry.fault = fault;
			if (fault === 'rate_limit') {
				await respond(
					{ status: 429, body: { message: 'Too many requests; retry later', error_code: 'rate_limit_exceeded' } },
					{ 'Retry-After': String(faults.retryAfterSeconds) },
				);
			} else {
				await respond({ status: 500, body: { message: 'Injected server error', error_code: 'internal_error' } });
			}
			return;
		}

		const store = core.stores[env];
		ageToClock(core, env);
		// Keys count on POST only; on GET, PUT and DELETE they are ignored.
		const key = method === 'POST' ? entry.idempotencyKey?.trim() || undefined : undefined;
		let result: HandlerResult;
		let replayed = false;
		const stored = key === undefined ? undefined : store.idempotency.get(key);
		if (stored && stored.expiresAt > core.nowMs()) {
			if (stored.method !== method || stored.path !== url.pathname) {
				throw new ApiError(400, 'bad_request', `Idempotency key ${key} was already used for ${stored.method} ${stored.path}`);
			}
			result = { status: stored.status, body: stored.body };
			replayed = true;
		} else {
			const contentType = header(req, 'content-type');
			result = run(() =>
				match.route.handler({ core, env, store, params: match.params, query: url.searchParams, body: parseJson(raw, contentType), raw, contentType }),
			);
			const validationFailure = (result.body as { error_code?: string } | undefined)?.error_code === 'invalid_input';
			if (key !== undefined && !validationFailure) {
				store.idempotency.set(key, {
					method,
					path: url.pathname,
					status: result.status,
					body: structuredClone(result.body),
					expiresAt: core.nowMs() + core.options.idempotencyTtlMs,
				});
			}
		}
		entry.replayed = replayed;
		if (fault === 'drop') {
			entry.fault = 'drop';
			await latency();
			req.socket.destroy();
			return;
		}
		await respond(result, replayed ? { [REPLAYED_HEADER]: 'true' } : {});
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		// After a 413 the rest of the body is unread: close rather than reuse the connection.
		await respond({ status: error.status, body: error.body }, error.status === 413 ? { Connection: 'close' } : {});
	}
}
