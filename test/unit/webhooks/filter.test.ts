import { describe, expect, it } from 'vitest';
import { eventFilter, registrationEvents, sameEventSelection, selectsAllEvents } from '../../../src/webhooks/filter';

describe('eventFilter', () => {
	it('passes only the selected types', () => {
		const wants = eventFilter(['policy.active', 'certificate.flagged']);
		expect(wants('policy.active')).toBe(true);
		expect(wants('certificate.flagged')).toBe(true);
		expect(wants('policy.reactivated')).toBe(false);
		expect(wants('application.created')).toBe(false);
	});

	it('treats cancelled and canceled as one type, whichever was selected or delivered', () => {
		expect(eventFilter(['policy.cancelled'])('policy.canceled')).toBe(true);
		expect(eventFilter(['policy.canceled'])('policy.cancelled')).toBe(true);
		expect(eventFilter(['assignment.cancelled'])('policy.cancelled')).toBe(false);
	});

	it('ignores case and spaces', () => {
		expect(eventFilter([' Policy.Active '])('policy.active')).toBe(true);
	});

	it('passes everything for All, for an empty selection and for no selection', () => {
		for (const selection of [['*'], ['policy.active', '*'], [], undefined]) {
			expect(eventFilter(selection)('invoice.charge_card_failed')).toBe(true);
			expect(selectsAllEvents(selection)).toBe(true);
		}
		expect(selectsAllEvents(['policy.active'])).toBe(false);
	});
});

describe('registrationEvents / sameEventSelection', () => {
	it('omits events for All and sorts canonical spellings otherwise', () => {
		expect(registrationEvents(['*'])).toBeUndefined();
		expect(registrationEvents(['policy.canceled', 'policy.active', 'policy.cancelled'])).toEqual(['policy.active', 'policy.cancelled']);
	});

	it('compares selections by meaning', () => {
		expect(sameEventSelection(['*'], [])).toBe(true);
		expect(sameEventSelection(undefined, ['*'])).toBe(true);
		expect(sameEventSelection(['policy.active', 'policy.canceled'], ['policy.cancelled', 'policy.active'])).toBe(true);
		expect(sameEventSelection(['policy.active'], ['*'])).toBe(false);
		expect(sameEventSelection(['policy.active'], ['policy.active', 'policy.cancelled'])).toBe(false);
	});
});
