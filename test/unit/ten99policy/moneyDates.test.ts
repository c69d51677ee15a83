import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toUnixSeconds } from '../../../src/ten99policy/dates';
import { toCents, toCentsInRange } from '../../../src/ten99policy/money';
import { buildRequest } from '../../../src/ten99policy/request';
import { ValueError } from '../../../src/util/valueError';

function valueError(fn: () => unknown): ValueError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ValueError);
		return error as ValueError;
	}
	throw new Error('expected a ValueError, got a value');
}

describe('toCents', () => {
	it.each([
		['95.10', 9510],
		[95.1, 9510],
		[95.10, 9510],
		[0.29, 29],
		[19.99, 1999],
		[1.1, 110],
		[4.35, 435],
		[0.07, 7],
		['1,234.56', 123456],
		['$12', 1200],
		[' $ 1,000 ', 100000],
		['12.', 1200],
		['12.500', 1250],
		[12, 1200],
		[0, 0],
		[1_000_000, 100_000_000],
	])('dollars %j → %d cents', (value, cents) => {
		expect(toCents(value, 'dollars', 'wage')).toBe(cents);
	});

	it('every two-decimal dollar amount up to $100 converts exactly (no floating-point drift)', () => {
		for (let cents = 0; cents <= 10_000; cents++) {
			const dollars = Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
			expect(toCents(dollars, 'dollars', 'wage')).toBe(cents);
		}
	});

	it.each([
		['9510', 9510],
		[9510, 9510],
		['9510.00', 9510],
		['1,500', 1500],
	])('cents %j → %d', (value, cents) => {
		expect(toCents(value, 'cents', 'gross_pay')).toBe(cents);
	});

	it('1.005 dollars (three decimals) is refused, not rounded', () => {
		const error = valueError(() => toCents(1.005, 'dollars', 'wage'));
		expect(error.field).toBe('wage');
		expect(error.message).toMatch(/more than two decimal places/);
		expect(error.fix).toMatch(/two decimal places/);
	});

	it('a fraction of a cent is refused in cents, suggesting the Dollars unit', () => {
		const error = valueError(() => toCents(95.5, 'cents', 'gross_pay'));
		expect(error.message).toMatch(/^gross_pay: has a fraction of a cent \(got 95.5\)/);
		expect(error.fix).toMatch(/Dollars/);
	});

	it.each([[-1], ['-5.00'], ['-$5']])('a negative amount %j is refused', (value) => {
		expect(valueError(() => toCents(value, 'dollars', 'wage')).message).toMatch(/wage: is negative/);
	});

	it('text that is not a number is refused, naming the field and the value', () => {
		const error = valueError(() => toCents('abc', 'dollars', 'coverage_limit.aggregate_limit'));
		expect(error.message).toBe('coverage_limit.aggregate_limit: is not a number (got "abc"). Enter the amount in dollars, e.g. 95.10.');
		expect(error.field).toBe('coverage_limit.aggregate_limit');
	});

	it.each([[1e21], [Number.POSITIVE_INFINITY], [Number.NaN], ['1e5'], ['12.3.4'], [''], [null], [{}], [true]])('%j is refused', (value) => {
		valueError(() => toCents(value, 'dollars', 'wage'));
	});

	it.each([['12,5'], ['1,23'], ['95,10'], ['12,34,567'], [',5'], ['1,,000']])('a comma that is not a thousands separator (%j) is refused, not read as a bigger amount', (value) => {
		const error = valueError(() => toCents(value, 'dollars', 'wage'));
		expect(error.message).toMatch(/^wage: has commas that are not thousands separators/);
		expect(error.fix).toMatch(/1,234\.56/);
	});

	it('thousands separators are accepted', () => {
		expect(toCents('1,234,567.89', 'dollars', 'wage')).toBe(123456789);
		expect(toCents('$1,000', 'dollars', 'wage')).toBe(100000);
		expect(toCents('12,345', 'cents', 'gross_pay')).toBe(12345);
	});

	it('amounts beyond safe integers are refused', () => {
		expect(valueError(() => toCents('900719925474099.99', 'dollars', 'wage')).message).toMatch(/too large/);
	});

	it('toCentsInRange refuses amounts outside the bounds, saying the bounds in cents and dollars', () => {
		expect(toCentsInRange('1.00', 'dollars', 'wage', 100, 100_000_000)).toBe(100);
		const error = valueError(() => toCentsInRange(99, 'cents', 'wage', 100, 100_000_000));
		expect(error.message).toContain("is 99 cents, outside 1099Policy's limits of 100…100000000 cents ($1.00…$1,000,000.00)");
		expect(error.fix).toMatch(/entered in dollars/);
	});
});

describe('wage range through Job → Create', () => {
	const job = { name: 'Field technician', description: 'Fiber', entity: 'en_1', category_code: 'jc_1', wage_type: 'hourly' };
	const wage = (value: unknown, moneyUnit: 'dollars' | 'cents') =>
		buildRequest('job', 'create', { fields: { ...job, wage: value } }, { moneyUnit, zone: 'UTC' }).json?.wage;

	it('accepts 100 … 100000000 cents, entered in dollars or in cents', () => {
		expect(wage(1, 'dollars')).toBe(100);
		expect(wage('95.10', 'dollars')).toBe(9510);
		expect(wage(1_000_000, 'dollars')).toBe(100_000_000);
		expect(wage(100, 'cents')).toBe(100);
		expect(wage('100000000', 'cents')).toBe(100_000_000);
	});

	it.each([
		[0.99, 'dollars'],
		['1000000.01', 'dollars'],
		[99, 'cents'],
		[100_000_001, 'cents'],
	] as const)('refuses %j %s', (value, unit) => {
		expect(() => wage(value, unit)).toThrow(/^wage: is \d+ cents, outside 1099Policy's limits of 100…100000000 cents/);
	});
});

describe('toUnixSeconds', () => {
	const at = (iso: string) => Date.parse(iso) / 1000;

	it('ISO with Z', () => {
		expect(toUnixSeconds('2026-12-01T09:00:00Z', 'effective_date')).toBe(at('2026-12-01T09:00:00Z'));
		expect(toUnixSeconds('2026-12-01T09:00:00.999Z', 'effective_date')).toBe(at('2026-12-01T09:00:00Z'));
	});

	it('ISO with an offset ignores the zone option', () => {
		expect(toUnixSeconds('2026-12-01T09:00:00+02:00', 'effective_date', 'America/New_York')).toBe(at('2026-12-01T07:00:00Z'));
		expect(toUnixSeconds('2026-12-01T09:00:00-05:00', 'effective_date', 'Asia/Tokyo')).toBe(at('2026-12-01T14:00:00Z'));
	});

	it('zoneless ISO is read in the given zone, across the 2026 DST change in America/New_York', () => {
		const zone = 'America/New_York';
		// DST starts Sunday 8 March 2026 at 02:00: noon the day before is EST (UTC-5), noon that day is EDT (UTC-4).
		expect(toUnixSeconds('2026-03-07T12:00:00', 'd', zone)).toBe(at('2026-03-07T17:00:00Z'));
		expect(toUnixSeconds('2026-03-08T12:00:00', 'd', zone)).toBe(at('2026-03-08T16:00:00Z'));
		expect(toUnixSeconds('2026-03-08T12:00:00', 'd', zone) - toUnixSeconds('2026-03-07T12:00:00', 'd', zone)).toBe(23 * 3600);
		// DST ends Sunday 1 November 2026.
		expect(toUnixSeconds('2026-11-02T00:00:00', 'd', zone) - toUnixSeconds('2026-11-01T00:00:00', 'd', zone)).toBe(25 * 3600);
		// A date alone is midnight in the zone.
		expect(toUnixSeconds('2026-12-01', 'd', zone)).toBe(at('2026-12-01T05:00:00Z'));
		// And UTC by default.
		expect(toUnixSeconds('2026-12-01T09:00:00', 'd')).toBe(at('2026-12-01T09:00:00Z'));
	});

	it('a Luxon DateTime and a JS Date', () => {
		expect(toUnixSeconds(DateTime.fromISO('2026-12-01T09:00:00', { zone: 'America/New_York' }), 'd')).toBe(at('2026-12-01T14:00:00Z'));
		expect(toUnixSeconds(new Date('2026-12-01T09:00:00.500Z'), 'd')).toBe(at('2026-12-01T09:00:00Z'));
		// A DateTime from another copy of Luxon (as n8n's expressions produce) is accepted by shape.
		const foreign = { isValid: true, toSeconds: () => 1796115600.7 };
		expect(toUnixSeconds(foreign, 'd')).toBe(1796115600);
	});

	it('Unix seconds as a number and as a string', () => {
		expect(toUnixSeconds(1796115600, 'd')).toBe(1796115600);
		expect(toUnixSeconds('1796115600', 'd')).toBe(1796115600);
		expect(toUnixSeconds(' 1796115600 ', 'd')).toBe(1796115600);
		expect(toUnixSeconds(1796115600.9, 'd')).toBe(1796115600);
		expect(toUnixSeconds(0, 'd')).toBe(0);
	});

	it('milliseconds are refused with the fix', () => {
		const error = valueError(() => toUnixSeconds(1796115600000, 'effective_date'));
		expect(error.message).toMatch(/^effective_date: looks like milliseconds, not seconds \(got 1796115600000\)/);
		expect(error.fix).toMatch(/Divide it by 1000/);
		expect(valueError(() => toUnixSeconds('1796115600000', 'effective_date')).message).toMatch(/milliseconds/);
	});

	it.each([['next tuesday'], ['2026-13-45'], ['12/01/2026'], [-5], [{}], [null], [true], [new Date('nope')], [DateTime.invalid('test')]])(
		'garbage %j is refused, naming the field',
		(value) => {
			expect(valueError(() => toUnixSeconds(value, 'paycycle_enddate')).message).toMatch(/^paycycle_enddate: /);
		},
	);
});
