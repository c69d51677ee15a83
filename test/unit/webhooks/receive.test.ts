import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../../src/util/recentKeys';
import { receiveDelivery, type DeliveryInput } from '../../../src/webhooks/receive';
import { signPayload } from '../../../src/webhooks/signature';

const SECRET = 'whsec_receive';
const NOW = 1_763_900_000;

function delivery(event: Record<string, unknown>, overrides: Partial<DeliveryInput> = {}): DeliveryInput {
	const rawBody = JSON.stringify(event);
	return {
		rawBody,
		signatureHeader: signPayload(SECRET, rawBody, NOW),
		secret: SECRET,
		now: () => NOW * 1000,
		selectedEvents: ['*'],
		recent: new RecentKeys(10),
		...overrides,
	};
}

const ACTIVE = { id: 'ev_1', type: 'policy.active', created: NOW, data: { object: { id: 'pl_1' } } };

describe('receiveDelivery', () => {
	it('emits a verified new event and remembers its ID', () => {
		const input = delivery(ACTIVE);
		expect(receiveDelivery(input)).toMatchObject({ action: 'emit', event: { id: 'ev_1', objectType: 'policy' } });
		expect(input.recent.has('ev_1')).toBe(true);
	});

	it('acknowledges a duplicate delivery without emitting it', () => {
		const recent = new RecentKeys(10);
		expect(receiveDelivery(delivery(ACTIVE, { recent })).action).toBe('emit');
		expect(receiveDelivery(delivery(ACTIVE, { recent }))).toMatchObject({ action: 'acknowledge', reason: 'duplicate' });
	});

	it('acknowledges an unselected type without remembering it', () => {
		const input = delivery(ACTIVE, { selectedEvents: ['policy.cancelled'] });
		expect(receiveDelivery(input)).toMatchObject({ action: 'acknowledge', reason: 'event_not_selected' });
		expect(input.recent.has('ev_1')).toBe(false);
	});

	it('emits policy.canceled when policy.cancelled is selected', () => {
		const canceled = { ...ACTIVE, id: 'ev_2', type: 'policy.canceled' };
		expect(receiveDelivery(delivery(canceled, { selectedEvents: ['policy.cancelled'] }))).toMatchObject({
			action: 'emit',
			event: { type: 'policy.cancelled' },
		});
	});

	it('rejects a bad signature with 401 before looking at the body', () => {
		expect(receiveDelivery(delivery(ACTIVE, { signatureHeader: signPayload('whsec_forged', JSON.stringify(ACTIVE), NOW) }))).toMatchObject({
			action: 'reject',
			status: 401,
			reason: 'signature_mismatch',
		});
		expect(receiveDelivery(delivery(ACTIVE, { signatureHeader: undefined, rawBody: 'not json' }))).toMatchObject({ status: 401, reason: 'missing_header' });
	});

	it('rejects a signed body that is not a 1099Policy event with 400', () => {
		const rawBody = JSON.stringify({ hello: 'world' });
		expect(receiveDelivery(delivery({}, { rawBody, signatureHeader: signPayload(SECRET, rawBody, NOW) }))).toMatchObject({
			action: 'reject',
			status: 400,
			reason: 'not_a_1099policy_event',
		});
	});

	it('skips verification only when asked to', () => {
		expect(receiveDelivery(delivery(ACTIVE, { signatureHeader: undefined, secret: undefined, skipVerification: true })).action).toBe('emit');
		expect(receiveDelivery(delivery(ACTIVE, { signatureHeader: undefined, secret: undefined })).action).toBe('reject');
	});
});
