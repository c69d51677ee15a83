import { describe, expect, it } from 'vitest';
import { parseRateUnit, toWage } from '../../../src/mapping';
import { failed, mapped, nestedPlacement, rules } from './support';

const f = (value: unknown, field = 'PAYFREQUENCY') => ({ value, field });

describe('rate units → wage_type', () => {
	it.each([
		['Hour', 'hour'], ['Hourly', 'hour'], ['h', 'hour'], ['H', 'hour'], ['/Hour', 'hour'], ['USD/Hour', 'hour'], ['per hour', 'hour'],
		['Day', 'day'], ['Daily', 'day'], ['d', 'day'], ['D', 'day'], ['USD/Day', 'day'],
		['Week', 'week'], ['W', 'week'], ['Weekly', 'week'],
		['B', 'biweek'], ['Bi-Weekly', 'biweek'],
		['Month', 'month'], ['M', 'month'], ['Monthly', 'month'],
		['Year', 'year'], ['Yearly', 'year'], ['y', 'year'], ['Y', 'year'], ['Annual', 'year'],
		['Flat', 'flat'], ['/W - Flat', 'week'], ['Flat Fee', 'flat'], ['Day (Flat)', 'day'],
	])('%s → %s', (unit, period) => {
		expect(parseRateUnit(f(unit)).period).toBe(period);
	});

	it('flat forms are flagged as flat', () => {
		expect(parseRateUnit(f('/W - Flat'))).toEqual({ period: 'week', currency: undefined, flat: true });
		expect(parseRateUnit(f('USD/Hour'))).toEqual({ period: 'hour', currency: 'USD', flat: false });
	});

	it('an unknown unit is an error naming the field and value, pointing at the Rate Units table', () => {
		expect(() => parseRateUnit(f('Shift'))).toThrow(/PAYFREQUENCY: is not a pay unit this node knows \(got "Shift"\).*Rate Units/);
	});

	it('tenant units map through the Rate Units table', () => {
		expect(parseRateUnit(f('Shift'), [{ unit: 'shift', period: 'day' }]).period).toBe('day');
	});

	it.each([
		['95', 'Hourly', 9500, 'hourly', /rate unchanged/],
		['800', 'Daily', 80000, 'flatfee', /amount per day/],
		['4,000', 'Weekly', 400000, 'flatfee', /amount per week/],
		['3000', '/W - Flat', 300000, 'flatfee', /amount per week/],
		['12500.50', 'Monthly', 1250050, 'flatfee', /amount per month/],
		['150000', 'Yearly', 15000000, 'flatfee', /amount per year/],
		['25000', 'Flat', 2500000, 'flatfee', /amount as a flat fee/],
	])('%s %s → wage %d, %s, conversion stated', (rate, unit, wage, type, conversion) => {
		const result = toWage(f(rate, 'AGREEDPAYRATE'), f(unit), []);
		expect(result).toMatchObject({ wage, wage_type: type });
		expect(result.conversion).toMatch(conversion);
	});

	it('a non-USD currency is an error naming the field', () => {
		expect(() => toWage(f('95', 'AGREEDPAYRATE'), f('Hourly'), [], f('CAD', 'CURRENCY'))).toThrow(/CURRENCY: is in CAD/);
		expect(() => toWage(f('95', 'agreed pay rate'), f('EUR/Hour', 'pay rate currency/unit'), [])).toThrow(/pay rate currency\/unit: is in EUR/);
	});

	it('the Map Placement job carries the conversion text', () => {
		const job = mapped(nestedPlacement({ AGREEDPAYRATE: '800', PAYFREQUENCY: 'D' }), 'mapPlacement').job!;
		expect(job.body).toMatchObject({ wage: 80000, wage_type: 'flatfee' });
		expect(job.conversion).toBe(
			'$800.00 per day (placement.AGREEDPAYRATE "800", placement.PAYFREQUENCY "D") → wage 80000 cents, wage_type flatfee: the amount per day as JobDiva states it, not multiplied or divided by assumed hours.',
		);
	});
});

describe('money is exact', () => {
	it.each([
		['95.10', 9510],
		['0.29', 29],
		['1,234.56', 123456],
		[95.1, 9510],
		['$19.99', 1999],
		['1.005e2', null],
		['100000000.00', null],
	])('%s dollars', (rate, cents) => {
		const unit = f('Hourly');
		if (cents === null) expect(() => toWage(f(rate, 'AGREEDPAYRATE'), unit, [])).toThrow(/AGREEDPAYRATE/);
		else if (cents < 100) expect(() => toWage(f(rate, 'AGREEDPAYRATE'), unit, [])).toThrow(/outside 1099Policy's limits/);
		else expect(toWage(f(rate, 'AGREEDPAYRATE'), unit, []).wage).toBe(cents);
	});

	it('"0.29" is 29 cents exactly (then below the 100-cent minimum wage)', () => {
		expect(() => toWage(f('0.29', 'AGREEDPAYRATE'), f('Hourly'), [])).toThrow(/is 29 cents, outside/);
	});

	it('every cent value from 1.00 to 99.99 converts without float drift', () => {
		for (let cents = 100; cents < 10000; cents++) {
			const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
			expect(toWage(f(text, 'AGREEDPAYRATE'), f('Hourly'), []).wage).toBe(cents);
		}
	});

	it('invoice amounts stay exact too ("0.29" → 29)', () => {
		const invoice = mapped({ INVOICEID: '1', FROMDATE: '03/01/2026', TODATE: '03/31/2026', AMOUNT: '0.29' }, 'mapTimesheetOrInvoice', rules()).invoice!;
		expect(invoice.body.gross_pay).toBe(29);
	});

	it('rate missing / ≤ 0 / too large each name the field', () => {
		expect(failed(nestedPlacement({ AGREEDPAYRATE: '' }, { PAYRATEMAX: '', PAYRATEMIN: '' }), 'mapPlacement').field).toBe('pay rate');
		expect(failed(nestedPlacement({ AGREEDPAYRATE: '0' }), 'mapPlacement')).toMatchObject({ field: 'placement.AGREEDPAYRATE', value: '0' });
		expect(failed(nestedPlacement({ AGREEDPAYRATE: '-5' }), 'mapPlacement')).toMatchObject({ field: 'placement.AGREEDPAYRATE', value: '-5' });
		expect(failed(nestedPlacement({ AGREEDPAYRATE: '1000000.01' }), 'mapPlacement').error).toMatch(/100000001 cents, outside/);
		expect(failed(nestedPlacement({ PAYFREQUENCY: 'Fortnightish' }), 'mapPlacement')).toMatchObject({ field: 'placement.PAYFREQUENCY', value: 'Fortnightish' });
	});
});
