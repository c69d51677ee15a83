import { findCategory } from '../categories';
import { ApiError } from '../errors';
import { route, type RequestContext, type Route } from '../router';
import type { ApiObject } from '../types';
import { defined, FieldChecker, mergeMetadata, WAGE_TYPES } from '../validation';
import { created, deleted, ok, page, pathObject } from './common';

/**
 * Field errors come first (400 `invalid_input` naming every bad field). A missing `category_code` on its own is
 * `missing_job_category_code`, as 1099Policy reports it. Then the references: unknown entity → `invalid_entity_id`,
 * unknown category → `invalid_job_category_code`, unapproved category → `job_category_not_approved`.
 */
function read(ctx: RequestContext, partial: boolean) {
	const check = new FieldChecker(ctx.body, partial);
	const fields = defined({
		name: check.string('name', true),
		description: check.string('description', true),
		entity: check.id('entity', 'en_', true),
		category_code: check.string('category_code', true),
		wage: check.integer('wage', { required: true, min: 100, max: 100_000_000 }),
		wage_type: check.oneOf('wage_type', WAGE_TYPES, true),
		years_experience: check.integer('years_experience', { min: 0 }),
		region: check.region('region'),
		// Remote work omits the address; a given one needs region and postal code.
		address: check.address('address', ['region', 'postalcode']),
	});
	const metadata = check.metadata();
	const onlyCategoryMissing = Object.keys(check.errors).length === 1 && check.errors.category_code === 'is required';
	if (onlyCategoryMissing) throw new ApiError(400, 'missing_job_category_code', { category_code: 'is required' });
	check.done();
	if (fields.entity !== undefined && !ctx.store.collections.entities.get(String(fields.entity))) {
		throw new ApiError(400, 'invalid_entity_id', `No entity with ID ${String(fields.entity)}`);
	}
	if (fields.category_code !== undefined) {
		const category = findCategory(String(fields.category_code));
		if (!category) throw new ApiError(400, 'invalid_job_category_code', `Unknown job category code ${String(fields.category_code)}`);
		if (!category.approved) {
			throw new ApiError(400, 'job_category_not_approved', `Job category ${category.category_code} is not approved for your account`);
		}
	}
	return { fields, metadata };
}

/** The job's state: top-level `region`, else the address's. */
function withRegion(job: Record<string, unknown>): Record<string, unknown> {
	const address = job.address as { region?: string } | null;
	return { ...job, region: job.region ?? address?.region ?? null };
}

export const jobRoutes: Route[] = [
	route('POST', '/jobs', (ctx) => {
		const { fields, metadata } = read(ctx, false);
		const job = withRegion({ years_experience: null, region: null, address: null, ...fields, custom_metadata: mergeMetadata({}, metadata) });
		return created(ctx.core.insert(ctx.env, 'jobs', 'jb_', job));
	}),
	route('GET', '/jobs', (ctx) => page(ctx, ctx.store.collections.jobs)),
	route('GET', '/jobs/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.jobs))),
	route('PUT', '/jobs/:id', (ctx) => {
		const job = pathObject(ctx, ctx.store.collections.jobs);
		const { fields, metadata } = read(ctx, true);
		const next: ApiObject = { ...job, ...fields, custom_metadata: mergeMetadata(job.custom_metadata, metadata) };
		if (fields.address !== undefined && fields.region === undefined) next.region = (fields.address as { region: string }).region;
		return ok(ctx.store.collections.jobs.replace(next));
	}),
	route('DELETE', '/jobs/:id', (ctx) => {
		const job = pathObject(ctx, ctx.store.collections.jobs);
		const policies = ctx.store.collections.policies.all().filter((p) => p.job === job.id);
		if (policies.length > 0) {
			throw new ApiError(400, 'job_is_used', `Job ${job.id} has ${policies.length} policies (${policies.map((p) => p.id).join(', ')}) and cannot be deleted`);
		}
		ctx.store.collections.jobs.delete(job.id);
		return deleted(ctx, job.id, 'job');
	}),
];
