import { describe, expect, it } from 'vitest';
import { defaultFixtures } from '../../jobdiva-standin';
import { FIXTURES_WRITTEN_FOR, fixturesForToday } from '../../demo/timeShift';

const DAY = 86_400_000;

describe('fixturesForToday', () => {
	it('leaves the fixtures as written on the day they were written for', () => {
		expect(fixturesForToday(FIXTURES_WRITTEN_FOR + 5 * 3600_000)).toEqual(defaultFixtures());
	});

	it('moves every kind of date by whole days, keeping times and formats', () => {
		const original = defaultFixtures();
		const moved = fixturesForToday(FIXTURES_WRITTEN_FOR + 40 * DAY);
		const [a0, a1] = [original.activities[0], moved.activities[0]];
		expect(Date.parse(a1.at) - Date.parse(a0.at)).toBe(40 * DAY);
		expect(a0.row.STARTDATE).toBe('12/01/2026 00:00:00');
		expect(a1.row.STARTDATE).toBe('01/10/2027 00:00:00');
		expect((moved.starts[0]['start date'] as number) - (original.starts[0]['start date'] as number)).toBe(40 * DAY);
		expect(moved.jobs[0].STARTDATE).toBe('01/10/2027');
		// Non-dates are untouched.
		expect(moved.activities[0].row.AGREEDPAYRATE).toBe(original.activities[0].row.AGREEDPAYRATE);
		expect(moved.attachments[0].FILECONTENT).toBe(original.attachments[0].FILECONTENT);
	});
});
