/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { environment } from './auth';
import type { SandboxClock, SandboxCore } from './core';
import { ApiError, invalidInput } from './errors';
import type { FaultInjector, FaultOptions } from './faults';
import { header, readBody, sendJson } from './http';
import { advanceReview } from './resources/certificates';
import { completeSession } from './resources/sessions';
import { COLLECTIONS, type ApiObject, type CollectionName, type Env, type Json } from './types';

export const ADMIN_PREFIX = '/__sandbox';

/** What the admin API and the `Sandbox` object both drive. */
export interface AdminActions {
	core: SandboxCore;
	faults: FaultInjector;
	reset(): void;
	advanceClock(ms: number): SandboxClock;
	deliverEvent(input: DeliverEventInput): { event: Json; endpoints: number };
}

export type DeliverEventInput =
	| { eventId: string; endpointId?: string; env?: Env }
	| { type: string; object: Json; env?: Env };

type AdminHandler = (args: { env: Env; match: RegExpExecArray; body: Json }) => Promise<unknown> | unknown;

/**
 * The sandbox's own controls, outside `/api/v1` and without an API key. `env` comes from `?env=` or the
 * `Ten99Policy-Environment` header (default sandbox). Answers JSON; errors use 1099Policy's error body.
 */
function adminRoutes(admin: AdminActions): Array<{ method: string; pattern: RegExp; handler: AdminHandler }> {
	const { core, faults } = admin;
	return [
		{ method: 'POST', pattern: /^\/reset$/, handler: () => (admin.reset(), { reset: true }) },
		{ method: 'GET', pattern: /^\/clock$/, handler: () => core.clock() },
		{
			method: 'POST',
			pattern: /^\/clock$/,
			handler: ({ body }) => {
				const ms = body.advanceMs;
				if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) throw invalidInput({ advanceMs: 'must be an integer number of milliseconds ≥ 0 (the clock only moves forward)' });
				return admin.advanceClock(ms);
			},
		},
		{ method: 'GET', pattern: /^\/state$/, handler: ({ env }) => ({ env, ...core.stores[env].dump() }) },
		{
			// Bulk seeding for benchmarks: objects stored as given (no validation, no events), each with an `id` and `created`.
			method: 'POST',
			pattern: /^\/import$/,
			handler: ({ env, body }) => {
				const collection = body.collection as CollectionName;
				if (!COLLECTIONS.includes(collection)) throw invalidInput({ collection: `must be one of ${COLLECTIONS.join(', ')}` });
				const objects = body.objects;
				if (!Array.isArray(objects) || objects.some((o: Json) => typeof o?.id !== 'string' || typeof o?.created !== 'number')) {
					throw invalidInput({ objects: 'must be an array of objects, each with a string id and a numeric created' });
				}
				for (const object of objects as ApiObject[]) core.stores[env].collections[collection].insert(object, core.nextSeq());
				return { imported: objects.length };
			},
		},
		{ method: 'POST', pattern: /^\/sessions\/([^/]+)\/complete$/, handler: ({ env, match }) => completeSession(core, env, match[1]) },
		{ method: 'POST', pattern: /^\/certificates\/([^/]+)\/review$/, handler: ({ env, match }) => advanceReview(core, env, match[1], true) },
		{
			method: 'POST',
			pattern: /^\/events\/([^/]+)\/deliver$/,
			handler: ({ env, match, body }) =>
				admin.deliverEvent({ eventId: match[1], endpointId: typeof body.endpoint === 'string' ? body.endpoint : undefined, env }),
		},
		{
			method: 'POST',
			pattern: /^\/events$/,
			handler: ({ env, body }) => {
				const errors: Record<string, string> = {};
				if (typeof body.type !== 'string' || body.type === '') errors.type = 'is required';
				if (!body.object || typeof body.object !== 'object' || Array.isArray(body.object)) errors.object = 'must be an object';
				if (Object.keys(errors).length > 0) throw invalidInput(errors);
				return admin.deliverEvent({ type: String(body.type), object: body.object as Json, env });
			},
		},
		{ method: 'GET', pattern: /^\/faults$/, handler: () => faults.current() },
		{
			method: 'PUT',
			pattern: /^\/faults$/,
			handler: ({ body }) => {
				try {
					return faults.set(body as Partial<FaultOptions>);
				} catch (error) {
					throw invalidInput({ faults: (error as Error).message });
				}
			},
		},
		{ method: 'GET', pattern: /^\/requests$/, handler: () => core.requestLog },
		{ method: 'DELETE', pattern: /^\/requests$/, handler: () => ((core.requestLog.length = 0), { cleared: true }) },
		{ method: 'GET', pattern: /^\/deliveries$/, handler: () => core.webhooks.log },
		{ method: 'POST', pattern: /^\/deliveries\/settle$/, handler: async () => (await core.webhooks.settle(), core.webhooks.log) },
	];
}

export async function handleAdmin(admin: AdminActions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const path = url.pathname.slice(ADMIN_PREFIX.length);
	try {
		const env = environment(url.searchParams.get('env') ?? header(req, 'ten99policy-environment'));
		const raw = await readBody(req);
		let body: Json = {};
		if (raw.length > 0) {
			try {
				body = JSON.parse(raw.toString('utf8')) as Json;
			} catch {
				throw invalidInput({ body: 'is not valid JSON' });
			}
		}
		for (const candidate of adminRoutes(admin)) {
			const match = candidate.method === req.method ? candidate.pattern.exec(path) : null;
			if (match) {
				sendJson(res, 200, await candidate.handler({ env, match, body }));
				return;
			}
		}
		throw new ApiError(404, 'resource_not_found', `Unknown admin endpoint ${req.method ?? ''} ${url.pathname}`);
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		sendJson(res, error.status, error.body);
	}
}
