/**
 * Every webhook event type 1099Policy's API docs list (https://docs.1099policy.com). `certificate.validated` / `certificate.error` and
 * `policy.expired` appear in guides only (the JobDiva guide flags coverage on `policy.expired`); they are listed so a
 * filter can name them. The API spells `cancelled`; guides also write `canceled`.
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

export type EventType = (typeof EVENT_TYPES)[number];

/** Folds the American spelling onto the API's, so `policy.canceled` and `policy.cancelled` compare equal. */
export function canonicalEventType(type: string): string {
	return type.trim().toLowerCase().replace(/\.canceled\b/g, '.cancelled');
}
