import type { SandboxCore } from '../core';
import { ApiError } from '../errors';
import { rate } from '../pricing';
import { route, type RequestContext, type Route } from '../router';
import type { ApiObject, Env, Json } from '../types';
import { COVERAGE_TYPES, defined, FieldChecker, mergeMetadata } from '../validation';
import { created, ok, page, pathObject, referenced } from './common';

const DAY = 86_400;

/** The region a job is rated in: the job's, else (remote work) the contractor's home state. */
export function ratingRegion(job: ApiObject, contractor: ApiObject | undefined): string | null {
	const home = (contractor?.address as { region?: string } | null | undefined)?.region;
	return (job.region as string | null) ?? home ?? null;
}

/** `net_rate`, `eligible` and the per-coverage breakdown for a contractor, job and coverage types. */
export function rateFor(core: SandboxCore, env: Env, contractorId: string, job: ApiObject, coverageTypes: string[]) {
	const contractor = core.stores[env].collections.contractors.get(contractorId);
	return rate({
		categoryCode: String(job.category_code),
		coverageTypes,
		region: ratingRegion(job, contractor),
		ineligibleCategories: core.options.ineligibleCategories,
	});
}

/**
 * Dates: `effective_date` must be in the future (`effective_date_invalid`), `end_date` after it
 * (`end_date_invalid`); defaults are tomorrow and 30 days after the effective date.
 */
function checkDates(now: number, effective: number, end: number, effectiveGiven: boolean): void {
	if (effectiveGiven && effective <= now) throw new ApiError(400, 'effective_date_invalid', { effective_date: 'must be in the future' });
	if (end <= effective) throw new ApiError(400, 'end_date_invalid', { end_date: 'must be after effective_date' });
}

function read(ctx: RequestContext, partial: boolean) {
	const check = new FieldChecker(ctx.body, partial);
	const fields = defined({
		contractor: check.id('contractor', 'cn_', true),
		job: check.id('job', 'jb_', true),
		coverage_type: check.list('coverage_type', COVERAGE_TYPES, true),
		effective_date: check.integer('effective_date', { min: 0 }),
		end_date: check.integer('end_date', { min: 0 }),
	});
	const metadata = check.metadata();
	check.done();
	return { fields, metadata };
}

function priced(ctx: RequestContext, quote: Json): Json {
	const collections = ctx.store.collections;
	referenced(collections.contractors, String(quote.contractor), 'contractor');
	const job = referenced(collections.jobs, String(quote.job), 'job');
	const rating = rateFor(ctx.core, ctx.env, String(quote.contractor), job, quote.coverage_type as string[]);
	return { ...quote, eligible: rating.eligible, net_rate: rating.net_rate, quote_json: rating.breakdown };
}

export const quoteRoutes: Route[] = [
	route('POST', '/quotes', (ctx) => {
		const { fields, metadata } = read(ctx, false);
		const now = ctx.core.nowSeconds();
		const effective = (fields.effective_date as number | undefined) ?? now + DAY;
		const end = (fields.end_date as number | undefined) ?? effective + 30 * DAY;
		const quote = priced(ctx, { ...fields, effective_date: effective, end_date: end });
		checkDates(now, effective, end, fields.effective_date !== undefined);
		return created(ctx.core.insert(ctx.env, 'quotes', 'qt_', { ...quote, custom_metadata: mergeMetadata({}, metadata) }));
	}),
	route('GET', '/quotes', (ctx) => page(ctx, ctx.store.collections.quotes)),
	route('GET', '/quotes/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.quotes))),
	route('PUT', '/quotes/:id', (ctx) => {
		const quote = pathObject(ctx, ctx.store.collections.quotes);
		const policy = ctx.store.collections.policies.all().find((p) => p.quote === quote.id);
		// DECISION: "Quotes that aren't bound to an issued policy are fully editable"; the code for a bound one is not documented, so the
		// sandbox answers the documented code that says the quote already has a policy.
		if (policy) {
			throw new ApiError(400, 'policy_already_exists', `Quote ${quote.id} is bound to policy ${policy.id} and can no longer be updated; create a new quote`);
		}
		const { fields, metadata } = read(ctx, true);
		const next = priced(ctx, { ...quote, ...fields }) as ApiObject;
		checkDates(ctx.core.nowSeconds(), next.effective_date as number, next.end_date as number, fields.effective_date !== undefined);
		return ok(ctx.store.collections.quotes.replace({ ...next, custom_metadata: mergeMetadata(quote.custom_metadata, metadata) }));
	}),
];
