import { ValueError } from '../util/valueError';

export type MoneyUnit = 'dollars' | 'cents';

/** 1099Policy's wage bounds (reference: "Minimum value is 100, maximum value is 100000000"). */
export const WAGE_MIN_CENTS = 100;
export const WAGE_MAX_CENTS = 100_000_000;

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * Converts an amount to integer cents without floating-point arithmetic: the value is read as a decimal string
 * (numbers through their shortest round-trip form, so 95.1 reads as "95.1"), then digits are shifted.
 * "95.10" dollars → 9510, never 9509. More than two decimal places is an error, not a silent rounding.
 */
export function toCents(value: unknown, unit: MoneyUnit, field: string): number {
	const text = normaliseNumberText(value, field);
	if (text.startsWith('-')) {
		throw new ValueError(field, value, 'is negative', 'Enter a positive amount.');
	}
	const match = DECIMAL.exec(text);
	if (!match) {
		throw new ValueError(field, value, 'is not a number', `Enter the amount in ${unit}, e.g. ${unit === 'dollars' ? '95.10' : '9510'}.`);
	}
	const whole = match[1];
	const fraction = (match[2] ?? '').replace(/0+$/, '');
	if (unit === 'cents') {
		if (fraction.length > 0) {
			throw new ValueError(field, value, 'has a fraction of a cent', 'Cents must be a whole number; to enter dollars switch the amount unit to Dollars.');
		}
		return checkSafe(Number(whole), value, field);
	}
	if (fraction.length > 2) {
		throw new ValueError(field, value, 'has more than two decimal places', 'Round the amount to whole cents (two decimal places) before sending it.');
	}
	return checkSafe(Number(whole + fraction.padEnd(2, '0')), value, field);
}

/** Like {@link toCents}, then checks the result lies in [min, max] cents. */
export function toCentsInRange(value: unknown, unit: MoneyUnit, field: string, min: number, max: number): number {
	const cents = toCents(value, unit, field);
	if (cents < min || cents > max) {
		throw new ValueError(
			field,
			value,
			`is ${cents} cents, outside 1099Policy's limits of ${min}…${max} cents ($${formatDollars(min)}…$${formatDollars(max)})`,
			unit === 'cents'
				? 'Check whether the amount was entered in dollars; if so switch the amount unit to Dollars.'
				: 'Check the amount and the unit it was entered in.',
		);
	}
	return cents;
}

export function formatDollars(cents: number): string {
	const whole = Math.trunc(cents / 100);
	const rest = Math.abs(cents % 100);
	return `${whole.toLocaleString('en-US')}.${String(rest).padStart(2, '0')}`;
}

function normaliseNumberText(value: unknown, field: string): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new ValueError(field, value, 'is not a finite number', 'Enter a plain amount.');
		const text = String(value);
		if (/e/i.test(text)) {
			// Exponent forms only appear for amounts far outside any wage (≥ 1e21 or < 1e-6).
			throw new ValueError(field, value, 'is too large or too small to be an amount', 'Enter a plain amount.');
		}
		return text;
	}
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string') {
		const trimmed = value.trim().replace(/^\$/, '').trim();
		if (trimmed === '') throw new ValueError(field, value, 'is empty', 'Enter an amount.');
		// Commas only as thousands separators: "12,5" (a decimal comma) must not become 125.
		if (trimmed.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(trimmed)) {
			throw new ValueError(field, value, 'has commas that are not thousands separators', 'Use a dot for decimals and commas only between thousands, e.g. 1,234.56.');
		}
		return trimmed.replace(/,/g, '');
	}
	throw new ValueError(field, value, 'is not a number', 'Enter an amount as a number or a decimal string.');
}

function checkSafe(cents: number, value: unknown, field: string): number {
	if (!Number.isSafeInteger(cents)) {
		throw new ValueError(field, value, 'is too large', 'Enter an amount below 90 trillion cents.');
	}
	return cents;
}
