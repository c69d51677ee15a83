import { describe, expect, it } from 'vitest';
import { JOB_CATEGORIES } from '../../sandbox/categories';
import { rate } from '../../sandbox/pricing';

const none = new Set<string>();

describe('rate', () => {
	it('applies the documented rule', () => {
		// Electrician base 150 in TX (0.95): general round(57)=57, workers-comp round(142.5)=143 (half rounds up).
		expect(rate({ categoryCode: 'jc_ELECTRICIAN', coverageTypes: ['general', 'workers-comp'], region: 'TX', ineligibleCategories: none })).toEqual({
			net_rate: 200,
			eligible: true,
			reason: null,
			breakdown: { general: { state: 'TX', net_rate: 57 }, 'workers-comp': { state: 'TX', net_rate: 143 } },
		});
	});

	it('never rates a coverage below 1 cent, and uses base 50 / weight 1 for unknowns (hand-edited state)', () => {
		expect(rate({ categoryCode: 'jc_TUTORING', coverageTypes: ['media'], region: null, ineligibleCategories: none }).net_rate).toBe(2);
		expect(rate({ categoryCode: 'jc_GONE', coverageTypes: ['unknown'], region: 'ZZ', ineligibleCategories: none }).net_rate).toBe(50);
	});

	it('is ineligible for configured categories and for workers comp in monopolistic states', () => {
		const roofing = rate({ categoryCode: 'jc_ROOFING', coverageTypes: ['general'], region: 'CA', ineligibleCategories: new Set(['jc_ROOFING']) });
		expect([roofing.eligible, roofing.reason]).toEqual([false, 'Job category jc_ROOFING is not eligible for coverage']);
		for (const state of ['ND', 'OH', 'WA', 'WY']) {
			const wc = rate({ categoryCode: 'jc_CLEANING', coverageTypes: ['workers-comp'], region: state, ineligibleCategories: none });
			expect(wc.reason).toBe(`Workers' comp cannot be written in ${state} (monopolistic state fund)`);
		}
	});

	it('seeds about twenty categories, all jc_ codes, some unapproved', () => {
		expect(JOB_CATEGORIES.length).toBeGreaterThanOrEqual(20);
		expect(new Set(JOB_CATEGORIES.map((c) => c.category_code)).size).toBe(JOB_CATEGORIES.length);
		expect(JOB_CATEGORIES.every((c) => /^jc_[A-Za-z0-9_]+$/.test(c.category_code) && c.baseRate > 0)).toBe(true);
		expect(JOB_CATEGORIES.filter((c) => !c.approved).length).toBeGreaterThan(0);
	});
});
