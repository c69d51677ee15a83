import { route, type Route } from '../router';
import { ok, page, pathObject } from './common';

/** Events, newest first; `type` filters by event type. */
export const eventRoutes: Route[] = [
	route('GET', '/events', (ctx) => {
		const type = ctx.query.get('type');
		return page(ctx, ctx.store.collections.events, (e) => !type || e.type === type);
	}),
	route('GET', '/events/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.events))),
];
