/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdmin, type AdminActions, type DeliverEventInput } from './admin';
import { API_PREFIX, handleApi } from './api';
import { handleApplyPage } from './applyPage';
import { DEFAULT_KEY_REJECTER, type KeyRejecter } from './auth';
import { DEFAULT_INELIGIBLE_CATEGORIES } from './categories';
import { SandboxCore, type SandboxClock } from './core';
import { ApiError } from './errors';
import { FaultInjector, type FaultOptions } from './faults';
import { sendJson } from './http';
import { advanceReview } from './resources/certificates';
import { ageToClock, completeSession } from './resources/sessions';
import { ENVS, type ApiObject, type DeliveryLogEntry, type Env, type Json, type RequestLogEntry, type SandboxState } from './types';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from './webhooks';

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Shorthand for `faults.latencyMs`. */
	latencyMs?: number;
	faults?: Partial<FaultOptions>;
	/** Job category codes whose quotes are `eligible: false`. Default: `['jc_ROOFING']`. */
	ineligibleCategories?: readonly string[];
	/** The sandbox clock in ms (default Date.now): `created`, quote date checks, idempotency expiry, signatures. */
	now?: () => number;
	/** Which API keys get 401. Default: keys containing "invalid". */
	rejectKey?: KeyRejecter;
	webhooks?: Partial<WebhookOptions>;
	/** GETs of a certificate until its review is final (default 2: processing, then approved/flagged). */
	certificateReviewReads?: number;
	/** How long an idempotency key replays (default 24 h, as 1099Policy documents), on the sandbox clock. */
	idempotencyTtlMs?: number;
	/** How long an application session stays open before it expires (default 7 days), on the sandbox clock. */
	sessionLifetimeMs?: number;
}

export interface Sandbox {
	/** e.g. `http://127.0.0.1:54321` (no trailing slash; the API is under `/api/v1`). */
	readonly url: string;
	readonly port: number;
	stop(): Promise<void>;
	/** Empties both environments, the idempotency keys, the request and delivery logs; faults go back to the start options, the clock to `now`. */
	reset(): void;
	/** A deep copy of every collection of one environment, oldest first. */
	state(env?: Env): SandboxState;
	/** Every `/api/v1` request (live array; `reset()` empties it). */
	readonly requestLog: readonly RequestLogEntry[];
	/** Every webhook delivery attempt (live array). */
	readonly deliveries: readonly DeliveryLogEntry[];
	setFaults(faults: Partial<FaultOptions>): FaultOptions;
	/** Completes an application session as if the contractor finished it. */
	completeSession(id: string, env?: Env): ApiObject;
	/** Finishes a certificate's review (approved, or flagged when the file contains FLAG). */
	reviewCertificate(id: string, env?: Env): ApiObject;
	/** Re-sends a stored event (to its subscribers or one endpoint), or emits a new event of any type. */
	deliverEvent(input: DeliverEventInput): { event: Json; endpoints: number };
	/** Resolves once every webhook delivery, retries included, has finished. */
	settleDeliveries(): Promise<void>;
	/** The sandbox time (`now` in ms, `iso`, `offsetMs` ahead of the `now` option). */
	clock(): SandboxClock;
	/** Moves the sandbox clock forward by `ms` (keys, sessions and policies age at once); `reset()` moves it back. */
	advanceClock(ms: number): SandboxClock;
}

const HOUR_MS = 60 * 60 * 1000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const core = new SandboxCore({
		now: options.now ?? Date.now,
		ineligibleCategories: new Set(options.ineligibleCategories ?? DEFAULT_INELIGIBLE_CATEGORIES),
		certificateReviewReads: options.certificateReviewReads ?? 2,
		idempotencyTtlMs: options.idempotencyTtlMs ?? 24 * HOUR_MS,
		sessionLifetimeMs: options.sessionLifetimeMs ?? 7 * 24 * HOUR_MS,
		webhooks: { ...DEFAULT_WEBHOOK_OPTIONS, ...options.webhooks },
	});
	const initialFaults: Partial<FaultOptions> = { ...options.faults, ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}) };
	const faults = new FaultInjector(initialFaults);
	const rejectKey = options.rejectKey ?? DEFAULT_KEY_REJECTER;

	const admin: AdminActions = {
		core,
		faults,
		reset() {
			core.reset();
			faults.clear();
			faults.set(initialFaults);
		},
		advanceClock(ms) {
			core.advanceClock(ms);
			for (const env of ENVS) ageToClock(core, env);
			return core.clock();
		},
		deliverEvent(input) {
			const env = input.env ?? 'sandbox';
			if ('eventId' in input) {
				const event = core.stores[env].collections.events.require(input.eventId);
				if (input.endpointId) core.stores[env].collections.webhook_endpoints.require(input.endpointId);
				return { event, endpoints: core.deliver(env, event, input.endpointId) };
			}
			const event = core.record(env, input.type, input.object as ApiObject);
			return { event, endpoints: core.deliver(env, event) };
		},
	};

	const server = createServer((req, res) => {
		// Only unexpected failures get here (a client gone mid-body, a broken clock), always before a response was sent.
		dispatch(req, res).catch((error: unknown) => {
			sendJson(res, 500, { message: `Internal sandbox error: ${(error as Error).message}`, error_code: 'internal_error' });
		});
	});
	async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', core.baseUrl);
		if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return handleApi(core, faults, rejectKey, req, res, url);
		if (url.pathname.startsWith(`${ADMIN_PREFIX}/`)) return handleAdmin(admin, req, res, url);
		const apply = /^\/apply\/(ias_[^/]+)\/?$/.exec(url.pathname);
		if (apply && req.method === 'GET') return handleApplyPage(core, res, apply[1]);
		const error = new ApiError(404, 'resource_not_found', `Nothing at ${url.pathname}; the API is under ${API_PREFIX}`);
		sendJson(res, 404, error.body);
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	core.baseUrl = `http://${host}:${address.port}`;

	return {
		url: core.baseUrl,
		port: address.port,
		async stop() {
			core.webhooks.stop();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
		reset: () => admin.reset(),
		state: (env = 'sandbox') => core.stores[env].dump(),
		get requestLog() {
			return core.requestLog;
		},
		get deliveries() {
			return core.webhooks.log;
		},
		setFaults: (update) => faults.set(update),
		completeSession: (id, env = 'sandbox') => completeSession(core, env, id),
		reviewCertificate: (id, env = 'sandbox') => advanceReview(core, env, id, true),
		deliverEvent: (input) => admin.deliverEvent(input),
		settleDeliveries: () => core.webhooks.settle(),
		clock: () => core.clock(),
		advanceClock: (ms) => {
			if (!Number.isFinite(ms) || ms < 0) throw new Error(`advanceClock takes a number of milliseconds ≥ 0, got ${ms}`);
			return admin.advanceClock(ms);
		},
	};
}
