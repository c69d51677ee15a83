import type { SandboxCore } from '../core';
import { ApiError } from '../errors';
import { newSessionId } from '../ids';
import { route, type RequestContext, type Route } from '../router';
import { ENVS, type ApiObject, type Env } from '../types';
import { defined, FieldChecker, mergeMetadata } from '../validation';
import { created, ok, page, pathObject, referenced } from './common';
import { bindQuote, expirePolicies } from './policies';

/**
 * Insurance application sessions. The session's `url` points at the sandbox itself (`<sandbox>/apply/<ias_id>`);
 * opening it (or the admin API) stands in for the contractor filling in 1099Policy's hosted application.
 */

function assertOpen(session: ApiObject): void {
	if (session.status === 'expired') throw new ApiError(400, 'session_expired', `Application session ${session.id} has expired`);
	if (session.status !== 'open') {
		throw new ApiError(400, 'application_already_complete', `Application session ${session.id} is already ${String(session.status)}`);
	}
}

/**
 * Open sessions older than `sessionLifetimeMs` on the sandbox clock become `expired` (emitting `application.expired`).
 * DECISION: 1099Policy does not document a session lifetime; the sandbox's default is 7 days (start option).
 */
export function expireSessions(core: SandboxCore, env: Env): void {
	const sessions = core.stores[env].collections.sessions;
	const cutoff = core.nowMs() - core.options.sessionLifetimeMs;
	for (const session of sessions.all()) {
		if (session.status === 'open' && session.created * 1000 <= cutoff) {
			core.emit(env, 'application.expired', sessions.replace({ ...session, status: 'expired' }));
		}
	}
}

/** Ages an environment to the sandbox clock: expired sessions and policies. Runs before every API request and after the clock moves. */
export function ageToClock(core: SandboxCore, env: Env): void {
	expireSessions(core, env);
	expirePolicies(core, env);
}

/**
 * Completes an open session: an eligible quote is bound (a new active policy, or the quote's existing active one)
 * and the contractor becomes a returning contractor; emits `application.started`, `policy.active` and
 * `application.complete`. An ineligible quote ends the session as `ineligible` with `application.ineligible`.
 */
export function completeSession(core: SandboxCore, env: Env, id: string): ApiObject {
	const sessions = core.stores[env].collections.sessions;
	ageToClock(core, env);
	const session = sessions.require(id);
	assertOpen(session);
	core.emit(env, 'application.started', session);
	// Quotes cannot be deleted, so the session's quote is always there.
	const quote = core.stores[env].collections.quotes.require(String(session.quote));
	if (quote.eligible !== true) {
		const ineligible = sessions.replace({ ...session, status: 'ineligible' });
		core.emit(env, 'application.ineligible', ineligible);
		return ineligible;
	}
	const policies = core.stores[env].collections.policies;
	const policy = policies.all().find((p) => p.quote === quote.id && p.status === 'active') ?? bindQuote(core, env, quote);
	const complete = sessions.replace({ ...session, status: 'complete', policy: policy.id, completed: core.nowSeconds() });
	core.emit(env, 'application.complete', complete);
	return complete;
}

/** Which environment holds a session (the application page is opened without API headers). */
export function sessionEnv(core: SandboxCore, id: string): Env | undefined {
	return ENVS.find((env) => core.stores[env].collections.sessions.get(id));
}

function read(ctx: RequestContext, partial: boolean) {
	const check = new FieldChecker(ctx.body, partial);
	const fields = defined({
		quote: partial ? undefined : check.id('quote', 'qt_', true),
		success_url: check.url('success_url'),
		cancel_url: check.url('cancel_url'),
	});
	const metadata = check.metadata();
	check.done();
	return { fields, metadata };
}

export const sessionRoutes: Route[] = [
	route('POST', '/apply/sessions', (ctx) => {
		const { fields, metadata } = read(ctx, false);
		const quote = referenced(ctx.store.collections.quotes, String(fields.quote), 'quote');
		const bound = ctx.store.collections.policies.all().find((p) => p.quote === quote.id && p.status === 'active');
		if (bound) throw new ApiError(400, 'policy_already_exists', `Quote ${quote.id} is already bound to active policy ${bound.id}`);
		const id = newSessionId();
		const session = ctx.core.insert(
			ctx.env,
			'sessions',
			'ias_',
			{
				quote: quote.id,
				contractor: quote.contractor,
				job: quote.job,
				success_url: null,
				cancel_url: null,
				...fields,
				url: `${ctx.core.baseUrl}/apply/${id}`,
				status: 'open',
				policy: null,
				custom_metadata: mergeMetadata({}, metadata),
			},
			id,
		);
		ctx.core.emit(ctx.env, 'application.created', session);
		return created(session);
	}),
	route('GET', '/apply/sessions', (ctx) => page(ctx, ctx.store.collections.sessions)),
	route('GET', '/apply/sessions/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.sessions))),
	route('PUT', '/apply/sessions/:id', (ctx) => {
		const session = pathObject(ctx, ctx.store.collections.sessions);
		assertOpen(session);
		const { fields, metadata } = read(ctx, true);
		const next = { ...session, ...fields, custom_metadata: mergeMetadata(session.custom_metadata, metadata) };
		return ok(ctx.store.collections.sessions.replace(next));
	}),
	route('POST', '/apply/sessions/:id/expire', (ctx) => {
		const session = pathObject(ctx, ctx.store.collections.sessions);
		if (session.status === 'expired') return ok(session);
		assertOpen(session);
		const expired = ctx.store.collections.sessions.replace({ ...session, status: 'expired' });
		ctx.core.emit(ctx.env, 'application.expired', expired);
		return ok(expired);
	}),
];
