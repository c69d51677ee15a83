import { formatDollars, toCentsInRange, WAGE_MAX_CENTS, WAGE_MIN_CENTS } from '../ten99policy/money';
import { ValueError } from '../util/valueError';
import type { Found } from './normalise';

/**
 * JobDiva pay units → 1099Policy `wage_type`.
 *
 * The rule (one, documented, stated on every output as `conversion`):
 * - hourly units (`Hour`, `Hourly`, `h`, `H`, `/Hour`) → `hourly`, the rate as is;
 * - every other period (day, week, two weeks, half month, month, year) and every flat form (`/W - Flat`, `Flat`)
 *   → `flatfee`, the wage being the amount JobDiva states for ONE such period, unchanged. Nothing is multiplied or
 *   divided by assumed hours or days: a $800 daily rate becomes a flatfee of 80000 cents "per day", and the
 *   conversion text says so. (Turning it into an hourly equivalent would need hours per day nobody states.)
 * Unknown units are an error naming the field; tenants with their own units map them with the node's Rate Units table.
 */

export const RATE_PERIODS = ['hour', 'day', 'week', 'biweek', 'semimonth', 'month', 'year', 'flat'] as const;
export type RatePeriod = (typeof RATE_PERIODS)[number];

export interface UnitRule {
	/** The unit as JobDiva writes it, compared case-insensitively without spaces or slashes. */
	unit: string;
	period: RatePeriod;
}

export interface Wage {
	wage: number;
	wage_type: 'hourly' | 'flatfee';
	period: RatePeriod;
	currency: string;
	conversion: string;
}

const PERIOD_WORDS: Record<string, RatePeriod> = {
	h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour', hourly: 'hour', perhour: 'hour',
	d: 'day', day: 'day', days: 'day', daily: 'day', perday: 'day',
	w: 'week', wk: 'week', week: 'week', weekly: 'week', perweek: 'week',
	b: 'biweek', biweekly: 'biweek', biweek: 'biweek',
	s: 'semimonth', semimonthly: 'semimonth',
	m: 'month', mo: 'month', month: 'month', monthly: 'month', permonth: 'month',
	y: 'year', yr: 'year', year: 'year', yearly: 'year', annual: 'year', annually: 'year', peryear: 'year', annum: 'year',
	flat: 'flat', flatfee: 'flat', fixed: 'flat', fixedfee: 'flat', project: 'flat', lumpsum: 'flat',
};

const PERIOD_TEXT: Record<RatePeriod, string> = {
	hour: 'per hour',
	day: 'per day',
	week: 'per week',
	biweek: 'per two weeks',
	semimonth: 'per half month',
	month: 'per month',
	year: 'per year',
	flat: 'as a flat fee',
};

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Reads a JobDiva unit such as `Hourly`, `h`, `USD/Hour`, `/W - Flat` or `Daily`. Returns the currency when the
 * unit carries one (`USD/Hour`). Throws a ValueError naming the field for anything unknown.
 */
export interface RateUnit {
	period: RatePeriod;
	currency?: string;
	flat: boolean;
}

export function parseRateUnit(found: Found, custom: readonly UnitRule[] = []): RateUnit {
	const raw = typeof found.value === 'string' || typeof found.value === 'number' ? String(found.value).trim() : '';
	const customHit = custom.find((rule) => squash(rule.unit) === squash(raw) && squash(rule.unit) !== '');
	if (customHit) return { period: customHit.period, flat: customHit.period === 'flat' };

	let rest = raw;
	let currency: string | undefined;
	const currencyMatch = /^([A-Za-z]{3})\s*\/\s*(.+)$/.exec(rest);
	if (currencyMatch && !PERIOD_WORDS[squash(currencyMatch[1])]) {
		currency = currencyMatch[1].toUpperCase();
		rest = currencyMatch[2];
	}
	rest = rest.replace(/^\s*(per\s+|\/)\s*/i, '');
	// "/W - Flat", "Week (Flat)", "Flat - Day": a period with a flat marker is a flat amount per that period.
	const flat = /\bflat\b/i.test(rest);
	const withoutFlat = rest.replace(/[-(),]*\s*\bflat\b\s*[-(),]*/i, ' ').trim();
	const word = squash(withoutFlat).replace(/^(fee|rate|amount|fixed)$/, '');
	const period = word === '' ? (flat ? 'flat' : undefined) : PERIOD_WORDS[word];
	if (!period) {
		throw new ValueError(
			found.field,
			found.value,
			'is not a pay unit this node knows',
			'Use Hour, Day, Week, Month, Year or Flat, or add the unit to the node\'s Rate Units table (e.g. "Shift" → Day).',
		);
	}
	return { period, currency, flat };
}

/**
 * The job wage from a JobDiva rate and unit. `rate` may be a number or a decimal string ("95.10", "1,234.56");
 * it is read in dollars exactly (no float) and must fall inside 1099Policy's 100…100000000 cents.
 */
export function toWage(rate: Found | undefined, unit: Found | undefined, custom: readonly UnitRule[], currencyField?: Found): Wage {
	if (!rate) {
		throw new ValueError(
			'pay rate',
			undefined,
			'is missing',
			'Set the agreed pay rate on the JobDiva placement (AGREEDPAYRATE / "agreed pay rate") or the pay rate on the job (PAYRATEMAX).',
		);
	}
	if (!unit) {
		throw new ValueError(
			`${rate.field} unit`,
			undefined,
			'is missing, so the wage type is unknown',
			'Send the pay unit with the rate (PAYFREQUENCY / PAYRATEPER / "pay rate currency/unit").',
		);
	}
	const { period, currency: unitCurrency } = parseRateUnit(unit, custom);
	const currency = (typeof currencyField?.value === 'string' ? currencyField.value.trim().toUpperCase() : undefined) || unitCurrency || 'USD';
	if (currency !== 'USD') {
		throw new ValueError(
			currencyField && typeof currencyField.value === 'string' ? currencyField.field : unit.field,
			currencyField?.value ?? unit.value,
			`is in ${currency}, but 1099Policy wages are US dollars`,
			'Convert the rate to USD before mapping, or exclude non-US placements with the Skip List.',
		);
	}
	const cents = toCentsInRange(rate.value, 'dollars', rate.field, WAGE_MIN_CENTS, WAGE_MAX_CENTS);
	const wage_type = period === 'hour' ? 'hourly' : 'flatfee';
	const stated = `$${formatDollars(cents)} ${PERIOD_TEXT[period]} (${rate.field} ${JSON.stringify(rate.value)}, ${unit.field} ${JSON.stringify(unit.value)})`;
	const conversion =
		wage_type === 'hourly'
			? `${stated} → wage ${cents} cents, wage_type hourly (rate unchanged).`
			: `${stated} → wage ${cents} cents, wage_type flatfee: the amount ${PERIOD_TEXT[period]} as JobDiva states it, not multiplied or divided by assumed hours.`;
	return { wage: cents, wage_type, period, currency, conversion };
}
