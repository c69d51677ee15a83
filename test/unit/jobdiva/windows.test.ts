import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJobDivaDate, readDate, splitWindows, windowsFor } from '../../../src/jobdiva/dates';
import { JobDivaApiError, JobDivaInputError } from '../../../src/jobdiva/errors';
import { mergeRows } from '../../../src/jobdiva/rows';
import { startJobDivaStandin, type JobDivaStandin } from '../../jobdiva-standin';
import { callsTo, standinClient } from './support';

const ZONE = 'America/New_York';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

describe('14-day windows', () => {
	it('splits a 40-day range into 14 + 14 + 12 days that touch', () => {
		const windows = splitWindows(at('2026-10-01T00:00:00'), at('2026-11-10T00:00:00'));
		expect(windows.map((w) => [formatJobDivaDate(w.from, ZONE), formatJobDivaDate(w.to, ZONE)])).toEqual([
			['10/01/2026 00:00:00', '10/15/2026 00:00:00'],
			['10/15/2026 00:00:00', '10/29/2026 00:00:00'],
			['10/29/2026 00:00:00', '11/10/2026 00:00:00'],
		]);
	});

	it('keeps every window within both 14 calendar days and 336 hours across the November DST change', () => {
		const windows = splitWindows(at('2026-10-25T00:00:00'), at('2026-11-22T00:00:00'));
		// 10/25 00:00 + 336 h is 11/07 23:00 wall-clock (the clocks went back an hour on 11/01).
		expect(windows.map((w) => formatJobDivaDate(w.to, ZONE))).toEqual(['11/07/2026 23:00:00', '11/21/2026 23:00:00', '11/22/2026 00:00:00']);
		for (const w of windows) expect(w.to.diff(w.from, 'hours').hours).toBeLessThanOrEqual(336);
		expect(splitWindows(at('2027-03-07T00:00:00'), at('2027-03-21T00:00:00')).map((w) => w.to.diff(w.from, 'hours').hours)).toEqual([335]);
		expect(splitWindows(at('2026-11-02T00:00:00'), at('2026-11-16T00:00:00'))).toHaveLength(1);
	});

	it('reads the date picker\'s zoneless ISO text in the given zone, and MM/dd/yyyy forms', () => {
		expect(readDate('2026-11-01T09:30:00', 'From', ZONE).toISO()).toBe('2026-11-01T09:30:00.000-05:00');
		expect(formatJobDivaDate(readDate('11/01/2026 09:30:00', 'From', ZONE), ZONE)).toBe('11/01/2026 09:30:00');
		expect(formatJobDivaDate(readDate('11/01/2026', 'From', ZONE), ZONE)).toBe('11/01/2026 00:00:00');
	});

	it('names the field and the fix for an unreadable or reversed range', () => {
		expect(() => readDate('next tuesday', 'From', ZONE)).toThrow(JobDivaInputError);
		expect(() => readDate('', 'From', ZONE)).toThrow(/From is not a date/);
		let error: unknown;
		try {
			windowsFor({ from: '2026-11-10T00:00:00', to: '2026-11-01T00:00:00', zone: ZONE });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(JobDivaInputError);
		expect(error).toMatchObject({ field: 'To', fix: 'Set To to a later date than From.' });
		expect(() => windowsFor({ from: '2026-11-01T00:00:00', to: '2026-11-02T00:00:00', zone: 'America/NewYork' })).toThrow('JobDiva Time Zone is not a time zone');
	});

	it('merges windows in order and drops only exact repeats', () => {
		const a = { PLACEMENTID: '1' };
		const b1 = { ACTIVITYID: '2', AGREEDPAYRATE: '90' };
		const b2 = { AGREEDPAYRATE: '95', ACTIVITYID: '2' };
		expect(mergeRows([[a, b1], [{ PLACEMENTID: '1' }, b2], [{ AGREEDPAYRATE: '90', ACTIVITYID: '2' }]])).toEqual([a, b1, b2]);
	});
});

describe('date-range feeds against the stand-in', () => {
	// A tenant on UTC keeps these windows free of DST hours (the DST case is covered above).
	const UTC = 'UTC';
	let standin: JobDivaStandin;
	beforeAll(async () => {
		standin = await startJobDivaStandin({ zone: UTC });
	});
	afterAll(() => standin.stop());

	it('a 40-day range makes 3 calls of at most 14 days, and the rows come back merged in time order', async () => {
		standin.requestLog.length = 0;
		const { client } = standinClient(standin);
		const rows = await client.biRange('NewHires', { windows: windowsFor({ from: '2026-10-10T00:00:00', to: '2026-11-19T00:00:00', zone: UTC }), zone: UTC });
		const calls = callsTo(standin, '/NewHires');
		expect(calls.map((c) => [c.query.fromDate, c.query.toDate])).toEqual([
			['10/10/2026 00:00:00', '10/24/2026 00:00:00'],
			['10/24/2026 00:00:00', '11/07/2026 00:00:00'],
			['11/07/2026 00:00:00', '11/19/2026 00:00:00'],
		]);
		expect(calls.every((c) => c.status === 200)).toBe(true);
		expect(rows.map((r) => r.PLACEMENTID)).toEqual(['45678', '45679', '45680', '45690', '45700', '45710']);
	});

	it('a hire stamped exactly on a window boundary is returned by both windows but emitted once', async () => {
		const fixtures = standin.fixtures;
		const saved = fixtures.hires;
		fixtures.hires = [...saved, { at: '2026-10-24T00:00:00Z', placementId: '45999', feed: 'new' }];
		try {
			standin.requestLog.length = 0;
			const { client } = standinClient(standin);
			const windows = windowsFor({ from: '2026-10-10T00:00:00', to: '2026-11-07T00:00:00', zone: UTC });
			const perWindow = await Promise.all(windows.map((w) => client.biRange('NewHires', { windows: [w], zone: UTC })));
			expect(perWindow.map((rows) => rows.filter((r) => r.PLACEMENTID === '45999').length)).toEqual([1, 1]);
			const merged = await client.biRange('NewHires', { windows, zone: UTC });
			expect(merged.filter((r) => r.PLACEMENTID === '45999')).toHaveLength(1);
		} finally {
			fixtures.hires = saved;
		}
	});

	it('the stand-in refuses a range longer than 14 days, as JobDiva does', async () => {
		const { client } = standinClient(standin);
		const error = await client
			.biRows('NewHires', { fromDate: '10/01/2026 00:00:00', toDate: '10/20/2026 00:00:00' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(JobDivaApiError);
		expect(error).toMatchObject({ status: 400, jobDivaMessage: 'Date range cannot exceed 14 days' });
	});
});
