import { route, type RequestContext, type Route } from '../router';
import { COVERAGE_TYPES, defined, FieldChecker } from '../validation';
import type { Json } from '../types';
import { created, deleted, ok, page, pathObject } from './common';
import { cancelPolicy } from './policies';

function read(ctx: RequestContext, partial: boolean): Json {
	const check = new FieldChecker(ctx.body, partial);
	let coverageLimit: Json | undefined;
	const limit = ctx.body.coverage_limit;
	if (limit !== undefined && limit !== null) {
		if (typeof limit !== 'object' || Array.isArray(limit)) {
			check.fail('coverage_limit', 'must be an object with aggregate_limit and occurrence_limit');
		} else {
			// Both members are required whenever coverage_limit is given (cents, at least 1000).
			const from = limit as Json;
			coverageLimit = {
				aggregate_limit: check.integer('aggregate_limit', { from, name: 'coverage_limit.aggregate_limit', required: true, min: 1000 }),
				occurrence_limit: check.integer('occurrence_limit', { from, name: 'coverage_limit.occurrence_limit', required: true, min: 1000 }),
			};
			if (partial) {
				for (const key of ['aggregate_limit', 'occurrence_limit']) {
					if (from[key] === undefined || from[key] === null || from[key] === '') check.fail(`coverage_limit.${key}`, 'is required');
				}
			}
		}
	}
	const fields = defined({
		name: check.string('name', true),
		address: check.address('address', []),
		coverage_limit: coverageLimit,
		required_coverage: check.list('required_coverage', COVERAGE_TYPES),
	});
	check.done();
	return fields;
}

export const entityRoutes: Route[] = [
	route('POST', '/entities', (ctx) => {
		const fields = read(ctx, false);
		return created(ctx.core.insert(ctx.env, 'entities', 'en_', { name: null, address: null, coverage_limit: null, required_coverage: [], ...fields }));
	}),
	route('GET', '/entities', (ctx) => page(ctx, ctx.store.collections.entities)),
	route('GET', '/entities/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.entities))),
	route('PUT', '/entities/:id', (ctx) => {
		const entity = pathObject(ctx, ctx.store.collections.entities);
		return ok(ctx.store.collections.entities.replace({ ...entity, ...read(ctx, true) }));
	}),
	route('DELETE', '/entities/:id', (ctx) => {
		const entity = pathObject(ctx, ctx.store.collections.entities);
		// "Also immediately cancels any insurance policies connected with active jobs managed by the entity."
		const jobs = new Set(ctx.store.collections.jobs.all().filter((j) => j.entity === entity.id).map((j) => j.id));
		for (const policy of ctx.store.collections.policies.all()) {
			if (jobs.has(String(policy.job)) && policy.status === 'active') cancelPolicy(ctx.core, ctx.env, policy);
		}
		ctx.store.collections.entities.delete(entity.id);
		return deleted(ctx, entity.id, 'entity');
	}),
];
