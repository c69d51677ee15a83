import { EVENT_TYPES } from '../../../src/ten99policy/events';
import { newWebhookSecret } from '../ids';
import { route, type RequestContext, type Route } from '../router';
import type { ApiObject } from '../types';
import { defined, FieldChecker } from '../validation';
import { created, deleted, ok, page, pathObject } from './common';

/**
 * Every event type 1099Policy documents (FACTS.md, plus the JobDiva guide's `policy.expired`), from the package's own
 * list so the sandbox and the trigger node never disagree; `*` and `canceled` spellings are accepted too.
 */
export { EVENT_TYPES };

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
