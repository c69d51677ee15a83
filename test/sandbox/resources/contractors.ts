import { ApiError } from '../errors';
import { route, type RequestContext, type Route } from '../router';
import { defined, FieldChecker, mergeMetadata } from '../validation';
import type { ApiObject } from '../types';
import { created, deleted, ok, page, pathObject } from './common';
import { cancelPolicy } from './policies';

/**
 * Contractors. DECISION: the 2022 reference marks `phone` and `address` required, but 1099Policy's newer JobDiva
 * guide creates contractors without them, so only `first_name`, `last_name` and `email` are required; a given
 * address must carry a 2-letter `region`.
 */
function read(ctx: RequestContext, partial: boolean) {
	const check = new FieldChecker(ctx.body, partial);
	const fields = defined({
		first_name: check.string('first_name', true),
		last_name: check.string('last_name', true),
		middle_name: check.string('middle_name'),
		email: check.email('email', true),
		phone: check.string('phone'),
		company_name: check.string('company_name'),
		address: check.address('address', ['region']),
		tax_identification: check.string('tax_identification'),
	});
	const metadata = check.metadata();
	check.done();
	return { fields, metadata };
}

function assertUniqueEmail(ctx: RequestContext, email: string | undefined, self?: string): void {
	if (email === undefined) return;
	const lower = email.toLowerCase();
	const clash = ctx.store.collections.contractors.all().find((c) => c.id !== self && String(c.email).toLowerCase() === lower);
	if (clash) throw new ApiError(400, 'duplicate_email', `A contractor with email ${email} already exists`);
}

/** The tax ID is stored but never echoed, as 1099Policy's examples show; the state dump keeps it. */
export function publicContractor(contractor: ApiObject): ApiObject {
	const { tax_identification: _tin, ...rest } = contractor;
	void _tin;
	return rest as ApiObject;
}

export const contractorRoutes: Route[] = [
	route('POST', '/contractors', (ctx) => {
		const { fields, metadata } = read(ctx, false);
		assertUniqueEmail(ctx, fields.email as string);
		const contractor = ctx.core.insert(ctx.env, 'contractors', 'cn_', {
			first_name: null,
			middle_name: null,
			last_name: null,
			email: null,
			phone: null,
			company_name: null,
			address: null,
			...fields,
			custom_metadata: mergeMetadata({}, metadata),
		});
		return created(publicContractor(contractor));
	}),
	route('GET', '/contractors', (ctx) => {
		const email = ctx.query.get('email')?.trim().toLowerCase();
		const result = page(ctx, ctx.store.collections.contractors, (c) => !email || String(c.email).toLowerCase() === email);
		return ok((result.body as ApiObject[]).map(publicContractor));
	}),
	route('GET', '/contractors/:id', (ctx) => ok(publicContractor(pathObject(ctx, ctx.store.collections.contractors)))),
	route('GET', '/contractors/:id/policies', (ctx) => {
		const contractor = pathObject(ctx, ctx.store.collections.contractors);
		return ok(ctx.store.collections.policies.newestFirst((p) => p.contractor === contractor.id));
	}),
	route('PUT', '/contractors/:id', (ctx) => {
		const contractor = pathObject(ctx, ctx.store.collections.contractors);
		const { fields, metadata } = read(ctx, true);
		assertUniqueEmail(ctx, fields.email as string | undefined, contractor.id);
		const updated = { ...contractor, ...fields, custom_metadata: mergeMetadata(contractor.custom_metadata, metadata) };
		return ok(publicContractor(ctx.store.collections.contractors.replace(updated)));
	}),
	route('DELETE', '/contractors/:id', (ctx) => {
		const contractor = pathObject(ctx, ctx.store.collections.contractors);
		// "Also immediately cancels any active policies connected with the contractor."
		for (const policy of ctx.store.collections.policies.all()) {
			if (policy.contractor === contractor.id && policy.status === 'active') cancelPolicy(ctx.core, ctx.env, policy);
		}
		ctx.store.collections.contractors.delete(contractor.id);
		return deleted(ctx, contractor.id, 'contractor');
	}),
];
