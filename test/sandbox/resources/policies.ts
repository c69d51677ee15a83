import type { SandboxCore } from '../core';
import { ApiError, invalidInput } from '../errors';
import { route, type Route } from '../router';
import type { ApiObject, Env } from '../types';
import { defined, FieldChecker } from '../validation';
import { created, deleted, ok, page, pathObject, referenced } from './common';

export const SAMPLE_POLICY_PDF = 'http://ten99policy.s3.amazonaws.com/1099policy-coi-sample.pdf';

/** Binds a quote: a new active policy carrying the quote's contractor, job and coverage; emits `policy.active`. */
export function bindQuote(core: SandboxCore, env: Env, quote: ApiObject, dates: { effective?: number; expiration?: number } = {}): ApiObject {
	const policy = core.insert(env, 'policies', 'pl_', {
		quote: quote.id,
		contractor: quote.contractor,
		job: quote.job,
		coverage_type: quote.coverage_type,
		status: 'active',
		effective_date: dates.effective ?? quote.effective_date,
		expiration_date: dates.expiration ?? quote.end_date,
		pdf_url: SAMPLE_POLICY_PDF,
	});
	core.emit(env, 'policy.active', policy);
	return policy;
}

/** Cancels a policy and the assignments bound to it; emits `assignment.cancelled` for each and `policy.cancelled`. */
export function cancelPolicy(core: SandboxCore, env: Env, policy: ApiObject, reason = 'policy cancelled'): ApiObject {
	const collections = core.stores[env].collections;
	for (const assignment of collections.assignments.all()) {
		if (assignment.policy === policy.id && assignment.status === 'active') {
			core.emit(env, 'assignment.cancelled', collections.assignments.replace({ ...assignment, status: 'cancelled', cancel_reason: reason }));
		}
	}
	const cancelled = collections.policies.replace({ ...policy, status: 'cancelled' });
	core.emit(env, 'policy.cancelled', cancelled);
	return cancelled;
}

/**
 * Active policies whose `expiration_date` has passed become `expired` (emitting `policy.expired`). Run at the start
 * of every API request of the environment, so the sandbox clock (`now`) drives expiry without timers.
 */
export function expirePolicies(core: SandboxCore, env: Env): void {
	const now = core.nowSeconds();
	const policies = core.stores[env].collections.policies;
	for (const policy of policies.all()) {
		if (policy.status === 'active' && (policy.expiration_date as number) <= now) {
			core.emit(env, 'policy.expired', policies.replace({ ...policy, status: 'expired' }));
		}
	}
}

/** The contractor's newest active policy: having one makes a contractor "returning". */
export function activePolicyOf(core: SandboxCore, env: Env, contractorId: string): ApiObject | undefined {
	return core.stores[env].collections.policies.newestFirst((p) => p.contractor === contractorId && p.status === 'active')[0];
}

export const policyRoutes: Route[] = [
	route('POST', '/policies', (ctx) => {
		const check = new FieldChecker(ctx.body);
		const quoteId = check.id('quote', 'qt_', true);
		const effective = check.integer('effective_date', { min: 0 });
		const expiration = check.integer('expiration_date', { min: 0 });
		check.done();
		const quote = referenced(ctx.store.collections.quotes, String(quoteId), 'quote');
		const existing = ctx.store.collections.policies.all().find((p) => p.quote === quote.id && p.status === 'active');
		if (existing) throw new ApiError(400, 'policy_already_exists', `Quote ${quote.id} is already bound to active policy ${existing.id}`);
		if (quote.eligible !== true) throw new ApiError(400, 'bad_request', `Quote ${quote.id} is not eligible for coverage`);
		const start = effective ?? (quote.effective_date as number);
		const end = expiration ?? (quote.end_date as number);
		if (end <= start) throw new ApiError(400, 'end_date_invalid', { expiration_date: 'must be after effective_date' });
		return created(bindQuote(ctx.core, ctx.env, quote, { effective: start, expiration: end }));
	}),
	route('GET', '/policies', (ctx) => {
		const quote = ctx.query.get('quote');
		return page(ctx, ctx.store.collections.policies, (p) => !quote || p.quote === quote);
	}),
	route('GET', '/policies/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.policies))),
	route('PUT', '/policies/:id', (ctx) => {
		const policy = pathObject(ctx, ctx.store.collections.policies);
		const check = new FieldChecker(ctx.body, true);
		const fields = defined({
			effective_date: check.integer('effective_date', { min: 0 }),
			expiration_date: check.integer('expiration_date', { min: 0 }),
		});
		const quote = check.id('quote', 'qt_');
		if (quote !== undefined && quote !== policy.quote) check.fail('quote', `cannot be changed (the policy binds ${String(policy.quote)})`);
		const isActive = check.boolean('is_active');
		const status = check.oneOf('status', ['active', 'cancelled'] as const);
		if (isActive !== undefined && status !== undefined && isActive !== (status === 'active')) {
			check.fail('is_active', 'contradicts status');
		}
		check.done();
		const next = { ...policy, ...fields };
		if ((next.expiration_date as number) <= (next.effective_date as number)) {
			throw invalidInput({ expiration_date: 'must be after effective_date' });
		}
		const wanted = status ?? (isActive === undefined ? undefined : isActive ? 'active' : 'cancelled');
		let saved = ctx.store.collections.policies.replace(next);
		if (wanted === 'cancelled' && policy.status === 'active') saved = cancelPolicy(ctx.core, ctx.env, saved);
		if (wanted === 'active' && policy.status !== 'active') {
			saved = ctx.store.collections.policies.replace({ ...saved, status: 'active' });
			ctx.core.emit(ctx.env, 'policy.reactivated', saved);
		}
		return ok(saved);
	}),
	route('DELETE', '/policies/:id', (ctx) => {
		const policy = pathObject(ctx, ctx.store.collections.policies);
		if (policy.status === 'active') cancelPolicy(ctx.core, ctx.env, policy, 'policy deleted');
		ctx.store.collections.policies.delete(policy.id);
		return deleted(ctx, policy.id, 'policy');
	}),
];
