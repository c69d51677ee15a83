import { ApiError, invalidInput, notFound } from '../errors';
import type { HandlerResult, RequestContext } from '../router';
import type { Collection } from '../store';
import type { ApiObject } from '../types';

export function created(object: ApiObject): HandlerResult {
	return { status: 201, body: object };
}

export function ok(body: unknown): HandlerResult {
	return { status: 200, body };
}

/** The reference's delete response: `{deleted: true, deleted_at, id, object}`. */
export function deleted(ctx: RequestContext, id: string, object: string): HandlerResult {
	return ok({ deleted: true, deleted_at: ctx.core.nowSeconds(), id, object });
}

/**
 * A page of a collection, newest first: `limit` 1–100 (default 10), `starting_after` (objects older than the
 * cursor) or `ending_before` (objects newer than it, the ones nearest the cursor). A cursor that names no object
 * of this collection is a 404. Filters apply after the cursor is located, so a cursor need not match the filter.
 */
export function page(ctx: RequestContext, collection: Collection, filter: (object: ApiObject) => boolean = () => true): HandlerResult {
	const limitText = ctx.query.get('limit');
	let limit = 10;
	if (limitText !== null) {
		limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
		if (!(limit >= 1 && limit <= 100)) throw invalidInput({ limit: 'must be an integer from 1 to 100' });
	}
	const after = ctx.query.get('starting_after');
	const before = ctx.query.get('ending_before');
	if (after && before) throw invalidInput({ ending_before: 'cannot be combined with starting_after' });
	const all = collection.newestFirst();
	const cursorIndex = (cursor: string) => {
		const index = all.findIndex((o) => o.id === cursor);
		if (index === -1) throw notFound(collection.noun, cursor);
		return index;
	};
	if (after) return ok(all.slice(cursorIndex(after) + 1).filter(filter).slice(0, limit));
	if (before) return ok(all.slice(0, cursorIndex(before)).filter(filter).slice(-limit));
	return ok(all.filter(filter).slice(0, limit));
}

/** Path ID of the request, checked against the collection (404 when unknown). */
export function pathObject(ctx: RequestContext, collection: Collection): ApiObject {
	return collection.require(ctx.params.id);
}

/** A 404 for an ID named in the body, saying which field held it. */
export function referenced(collection: Collection, id: string, field: string): ApiObject {
	const object = collection.get(id);
	if (!object) throw new ApiError(404, 'resource_not_found', `No ${collection.noun} with ID ${id} (${field})`);
	return object;
}
