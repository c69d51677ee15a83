import { ValueError } from '../util/valueError';
import type { Found } from './normalise';

/**
 * Exact decimal arithmetic for quantities that are not money (hours worked), so hours × rate never drifts:
 * "37.5" h × 9510 cents = 356625 cents exactly. Values are read as decimal text and held as BigInt units.
 */

export interface Decimal {
	units: bigint;
	scale: number;
}

export function parseDecimal(found: Found, what: string): Decimal {
	const { value, field } = found;
	let textValue: string;
	if (typeof value === 'number' && Number.isFinite(value) && !/e/i.test(String(value))) textValue = String(value);
	else if (typeof value === 'string') textValue = value.trim().replace(/,/g, '');
	else throw new ValueError(field, value, `is not a number of ${what}`, `Send ${what} as a number such as 37.5.`);
	const match = /^(\d+)(?:\.(\d{0,6}))?$/.exec(textValue);
	if (!match) throw new ValueError(field, value, `is not a non-negative number of ${what} (at most 6 decimals)`, `Send ${what} as a number such as 37.5.`);
	const fraction = match[2] ?? '';
	return { units: BigInt(match[1] + fraction), scale: fraction.length };
}

export function isZero(decimal: Decimal): boolean {
	return decimal.units === 0n;
}

/** quantity × cents, rounded half up to a whole cent. */
export function timesCents(quantity: Decimal, cents: number): number {
	const divisor = 10n ** BigInt(quantity.scale);
	const product = quantity.units * BigInt(cents);
	const rounded = (product * 2n + divisor) / (2n * divisor);
	return Number(rounded);
}

export function formatDecimal(decimal: Decimal): string {
	const digits = decimal.units.toString().padStart(decimal.scale + 1, '0');
	return decimal.scale === 0 ? digits : `${digits.slice(0, -decimal.scale)}.${digits.slice(-decimal.scale)}`;
}
