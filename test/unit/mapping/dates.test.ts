import { describe, expect, it } from 'vitest';
import { findState, parseJobDivaDate, US_STATES } from '../../../src/mapping';
import { failed, mapped, nestedPlacement, rules } from './support';

const NY = 'America/New_York';
const at = (value: unknown, role: 'start' | 'end' = 'start', zone = NY) => parseJobDivaDate({ value, field: 'STARTDATE' }, role, zone).seconds;

/**
 * Expected values computed independently (GNU date -u -d '…Z' +%s). DST in America/New_York 2026: clocks go
 * forward on 2026-03-08 at 02:00 EST (-5 → -4) and back on 2026-11-01 at 02:00 EDT (-4 → -5).
 */
describe('JobDiva date formats → Unix seconds UTC across DST (America/New_York)', () => {
	it.each([
		// spring forward, 2026-03-08
		['epoch ms number', 1772946000000, 'start', 1772946000],
		['epoch ms string', '1772946000000', 'start', 1772946000],
		['MM/dd/yyyy start (00:00 EST)', '03/08/2026', 'start', 1772946000],
		['MM/dd/yyyy end (23:59:59 EDT)', '03/08/2026', 'end', 1773028799],
		['MM/dd/yyyy HH:mm:ss after the jump (03:30 EDT)', '03/08/2026 03:30:00', 'start', 1772955000],
		['ISO without zone after the jump (04:30 EDT)', '2026-03-08T04:30:00', 'start', 1772958600],
		['ISO with zone', '2026-03-08T04:30:00-04:00', 'start', 1772958600],
		// fall back, 2026-11-01
		['epoch ms number', 1793505600000, 'start', 1793505600],
		['MM/dd/yyyy start (00:00 EDT)', '11/01/2026', 'start', 1793505600],
		['MM/dd/yyyy end (23:59:59 EST)', '11/01/2026', 'end', 1793595599],
		['MM/dd/yyyy HH:mm:ss midnight end = whole day', '11/01/2026 00:00:00', 'end', 1793595599],
		['MM/dd/yyyy HH:mm:ss after the fall-back (12:00 EST)', '11/01/2026 12:00:00', 'start', 1793552400],
		['ISO without zone after the fall-back (12:00 EST)', '2026-11-01T12:00:00', 'start', 1793552400],
		['ISO with Z', '2026-11-01T17:00:00Z', 'start', 1793552400],
		['yyyy-MM-dd end', '2026-11-01', 'end', 1793595599],
		['single-digit month/day', '3/8/2026', 'start', 1772946000],
		['yyyy-MM-dd HH:mm:ss (SQL style)', '2026-11-01 12:00:00', 'start', 1793552400],
	])('%s: %s (%s) → %d', (_label, value, role, seconds) => {
		expect(at(value, role as 'start' | 'end')).toBe(seconds);
	});

	it('the zone matters for wall-clock values, not for epoch ms', () => {
		expect(at('03/08/2026', 'start', 'America/Los_Angeles')).toBe(1772956800);
		expect(at(1772946000000, 'start', 'America/Los_Angeles')).toBe(1772946000);
	});

	it.each([['13/45/2026'], ['2026-02-30'], ['tomorrow'], [''], [true], [{}], [20260308]])('unparseable %j names the field', (value) => {
		expect(() => at(value)).toThrow(/^STARTDATE: /);
	});
});

describe('time zone choice', () => {
	it('default: the worksite state zone, stated on the quote and in the notes', () => {
		const result = mapped(nestedPlacement({}, { STATE: 'TX', ZIPCODE: '73301' }), 'mapPlacement');
		expect(result.quote!.timeZone).toBe('America/Chicago');
		expect(result.notes.join(' ')).toMatch(/Dates read in America\/Chicago: worksite state job\.STATE "TX" \(job\); Texas spans zones/);
	});
	it('the placement work state beats the job state', () => {
		const result = mapped(nestedPlacement({ WORK_STATE: 'Arizona' }, { STATE: 'CA' }), 'mapPlacement');
		expect(result.quote!.timeZone).toBe('America/Phoenix');
	});
	it('the Time Zone parameter overrides; a bad zone names the parameter', () => {
		expect(mapped(nestedPlacement(), 'mapPlacement', rules({ timeZone: 'Europe/Berlin' })).quote!.timeZone).toBe('Europe/Berlin');
		expect(failed(nestedPlacement(), 'mapPlacement', rules({ timeZone: 'Mars/Olympus' })).field).toBe('Time Zone');
	});
	it('no state anywhere: the workflow time zone', () => {
		const result = mapped(nestedPlacement({}, { STATE: '' }, { STATE: '' }), 'mapPlacement', rules({ fallbackTimeZone: 'America/Denver' }));
		expect(result.quote!.timeZone).toBe('America/Denver');
		expect(result.notes.join(' ')).toMatch(/no worksite state on the item, so the workflow time zone was used/);
	});
	it('every state table entry has a valid IANA zone and a unique code', () => {
		const codes = new Set(US_STATES.map((s) => s.code));
		expect(codes.size).toBe(US_STATES.length);
		expect(US_STATES.length).toBe(56);
		for (const state of US_STATES) expect(() => at('01/02/2026', 'start', state.zone)).not.toThrow();
		expect(findState('new york')?.code).toBe('NY');
		expect(findState('Ontario')).toBeUndefined();
	});
});

describe('coverage window', () => {
	it('end before start is an error naming the end date', () => {
		const error = failed(nestedPlacement({ STARTDATE: '03/10/2026', ENDDATE: '03/01/2026' }), 'mapPlacement');
		expect(error).toMatchObject({ field: 'placement.ENDDATE', value: '03/01/2026' });
		expect(error.error).toMatch(/is not after the start date placement\.STARTDATE "03\/10\/2026"/);
	});
	it('an unparseable start names the field', () => {
		expect(failed(nestedPlacement({ STARTDATE: 'ASAP' }), 'mapPlacement')).toMatchObject({ field: 'placement.STARTDATE', value: 'ASAP' });
	});
	it('a missing end date is left out, with a note (1099Policy defaults to 30 days)', () => {
		const result = mapped(nestedPlacement({ ENDDATE: '' }, { ENDDATE: '' }), 'mapPlacement');
		expect(result.quote!.body).not.toHaveProperty('end_date');
		expect(result.notes.join(' ')).toMatch(/no end date/);
	});
	it('a placement without dates uses the job dates, noted', () => {
		const result = mapped(nestedPlacement({ STARTDATE: '', ENDDATE: '' }), 'mapPlacement');
		expect(result.quote!.body.effective_date).toBe(1796112000);
		expect(result.notes.join(' ')).toMatch(/no start date; the job's job\.STARTDATE was used/);
	});
});
