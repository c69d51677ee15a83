import { findCategory } from './categories';

/**
 * The sandbox's deterministic rating rule (also written down in README.md):
 *
 *   component(type) = max(1, round(category.baseRate × COVERAGE_WEIGHT[type] × regionFactor(region)))
 *   net_rate        = sum of the components of the requested coverage types (integer cents per $100 earned)
 *
 * `eligible` is false when the job's category is in the configured ineligible set, or when workers' comp is
 * requested in a monopolistic state fund state (ND, OH, WA, WY), where private carriers cannot write it.
 * `net_rate` is computed either way, so a client can still show what the rate would have been.
 */
export const COVERAGE_WEIGHT: Record<string, number> = {
	general: 0.4,
	professional: 0.5,
	'workers-comp': 1,
	media: 0.3,
	cyber: 0.35,
};

export const REGION_FACTOR: Record<string, number> = { CA: 1.25, NY: 1.2, NJ: 1.15, IL: 1.1, FL: 1.05, TX: 0.95 };

export const MONOPOLISTIC_WC_STATES: readonly string[] = ['ND', 'OH', 'WA', 'WY'];

export interface Rating {
	net_rate: number;
	eligible: boolean;
	/** Why the quote is not eligible (null when it is). */
	reason: string | null;
	/** Per coverage type: the region used and the component's rate, like the guide's `quote_json`. */
	breakdown: Record<string, { state: string | null; net_rate: number }>;
}

export function rate(input: {
	categoryCode: string;
	coverageTypes: readonly string[];
	region: string | null;
	ineligibleCategories: ReadonlySet<string>;
}): Rating {
	const category = findCategory(input.categoryCode);
	// A job can only be created with a known category, so the fallback only guards deleted or hand-edited state.
	const base = category?.baseRate ?? 50;
	const factor = input.region ? (REGION_FACTOR[input.region] ?? 1) : 1;
	const breakdown: Rating['breakdown'] = {};
	let total = 0;
	for (const type of input.coverageTypes) {
		const component = Math.max(1, Math.round(base * (COVERAGE_WEIGHT[type] ?? 1) * factor));
		breakdown[type] = { state: input.region, net_rate: component };
		total += component;
	}
	let reason: string | null = null;
	if (input.ineligibleCategories.has(input.categoryCode)) {
		reason = `Job category ${input.categoryCode} is not eligible for coverage`;
	} else if (input.coverageTypes.includes('workers-comp') && input.region && MONOPOLISTIC_WC_STATES.includes(input.region)) {
		reason = `Workers' comp cannot be written in ${input.region} (monopolistic state fund)`;
	}
	return { net_rate: total, eligible: reason === null, reason, breakdown };
}
