import { newWebhookSecret } from '../ids';
import { route, type RequestContext, type Route } from '../router';
import type { ApiObject } from '../types';
import { defined, FieldChecker } from '../validation';
import { created, deleted, ok, page, pathObject } from './common';

/**
 * Every webhook event type 1099Policy's API docs (https://docs.1099policy.com) list, plus the guide-only
 * `policy.expired`, `certificate.validated` and `certificate.error`. Written out here, not taken from the package: the
 * sandbox is an independent oracle, so a type the package forgot or misspelt fails against it. `*` and the `canceled`
 * spellings are accepted too.
 */
export const EVENT_TYPES = [
	'application.created',
	'application.started',
	'application.complete',
	'application.expired',
	'application.ineligible',
	'application.manual_review',
	'application.manual_review_approved',
	'policy.active',
	'policy.active.media',
	'policy.cancelled',
	'policy.expired',
	'policy.reactivated',
	'assignment.active',
	'assignment.cancelled',
	'certificate.approved',
	'certificate.flagged',
	'certificate.denied',
	'certificate.validated',
	'certificate.error',
	'invoice.charge_card_failed',
	'invoice.charge_card_succeeded',
	'category_code.added',
] as const;

function read(ctx: RequestContext, partial: boolean) {
	const check = new FieldChecker(ctx.body, partial);
	const fields = defined({
		url: check.url('url', true),
		description: check.string('description'),
		// A disabled endpoint keeps its settings but receives no events.
		status: check.oneOf('status', ['enabled', 'disabled'] as const),
	});
	const events = ctx.body.events;
	if (events !== undefined && events !== null) {
		const known = [...EVENT_TYPES, '*'] as string[];
		if (!Array.isArray(events)) check.fail('events', 'must be an array of event types');
		else {
			const bad = events.filter((e) => typeof e !== 'string' || !known.includes(e.replace(/\.canceled\b/g, '.cancelled')));
			if (bad.length > 0) check.fail('events', `has unknown event types ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
			else fields.events = [...new Set(events as string[])];
		}
	}
	check.done();
	return fields;
}

/** The signing secret is shown once, when the endpoint is created (as in the dashboard); later reads omit it. */
function withoutSecret(endpoint: ApiObject): ApiObject {
	const { secret: _secret, ...rest } = endpoint;
	void _secret;
	return rest as ApiObject;
}

export const webhookEndpointRoutes: Route[] = [
	route('POST', '/webhook_endpoints', (ctx) => {
		const fields = read(ctx, false);
		return created(ctx.core.insert(ctx.env, 'webhook_endpoints', 'whe_', { description: null, events: [], status: 'enabled', ...fields, secret: newWebhookSecret() }));
	}),
	route('GET', '/webhook_endpoints', (ctx) => {
		const result = page(ctx, ctx.store.collections.webhook_endpoints);
		return ok((result.body as ApiObject[]).map(withoutSecret));
	}),
	route('GET', '/webhook_endpoints/:id', (ctx) => ok(withoutSecret(pathObject(ctx, ctx.store.collections.webhook_endpoints)))),
	route('PUT', '/webhook_endpoints/:id', (ctx) => {
		const endpoint = pathObject(ctx, ctx.store.collections.webhook_endpoints);
		return ok(withoutSecret(ctx.store.collections.webhook_endpoints.replace({ ...endpoint, ...read(ctx, true) })));
	}),
	route('DELETE', '/webhook_endpoints/:id', (ctx) => {
		const endpoint = pathObject(ctx, ctx.store.collections.webhook_endpoints);
		ctx.store.collections.webhook_endpoints.delete(endpoint.id);
		return deleted(ctx, endpoint.id, 'webhook_endpoint');
	}),
];
