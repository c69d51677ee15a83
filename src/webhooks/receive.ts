import type { RecentKeys } from '../util/recentKeys';
import { eventFilter } from './filter';
import { parseEvent, type NormalisedEvent } from './normalise';
import { verifySignature, type SignatureFailureReason } from './signature';

export interface DeliveryInput {
	rawBody: Buffer | string;
	signatureHeader: string | readonly string[] | undefined;
	secret: string | undefined;
	/** Local testing only: accept unsigned deliveries. */
	skipVerification?: boolean;
	toleranceSeconds?: number;
	now?: () => number;
	/** The Events selection (`*` or empty for all). */
	selectedEvents: readonly string[] | undefined;
	/** The recent-ID window; remembered into only when the event is emitted. */
	recent: RecentKeys;
}

/**
 * What to do with one delivery:
 * - `reject`: answer `status` with `{error: reason}` and emit nothing (bad signature → 401, not an event → 400);
 * - `acknowledge`: answer 200 and emit nothing (a repeat, or a type the user did not select), so 1099Policy stops retrying;
 * - `emit`: start the workflow with the normalised event.
 */
export type DeliveryDecision =
	| { action: 'reject'; status: 401 | 400; reason: SignatureFailureReason | 'invalid_json' | 'not_a_1099policy_event'; message: string }
	| { action: 'acknowledge'; reason: 'duplicate' | 'event_not_selected'; event: NormalisedEvent }
	| { action: 'emit'; event: NormalisedEvent };

/** Verification, then parsing, then deduplication, then the event filter: the webhook handler's whole decision. */
export function receiveDelivery(input: DeliveryInput): DeliveryDecision {
	if (!input.skipVerification) {
		const check = verifySignature({
			secret: input.secret,
			header: input.signatureHeader,
			rawBody: input.rawBody,
			toleranceSeconds: input.toleranceSeconds,
			now: input.now,
		});
		if (!check.valid) return { action: 'reject', status: 401, reason: check.reason, message: check.message };
	}
	const parsed = parseEvent(input.rawBody);
	if (!parsed.ok) return { action: 'reject', status: 400, reason: parsed.reason, message: parsed.message };
	const { event } = parsed;
	if (input.recent.has(event.id)) return { action: 'acknowledge', reason: 'duplicate', event };
	if (!eventFilter(input.selectedEvents)(event.type)) return { action: 'acknowledge', reason: 'event_not_selected', event };
	input.recent.add(event.id);
	return { action: 'emit', event };
}
