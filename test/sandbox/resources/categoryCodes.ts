import { JOB_CATEGORIES } from '../categories';
import { route, type Route } from '../router';
import { ok } from './common';

/** Only the codes approved for "your account" are listed; see categories.ts for the unapproved ones. */
export const categoryRoutes: Route[] = [
	route('GET', '/category_codes', () =>
		ok(JOB_CATEGORIES.filter((c) => c.approved).map((c) => ({ category_code: c.category_code, name: c.name }))),
	),
];
