import { describe, expect, it } from 'vitest';
import { standinOverHttp } from '../../helpers/standinOverHttp';

const jd = standinOverHttp();
const { admin } = jd;
const timesheets = (fromDate: string, toDate: string) => jd.bi('NewUpdatedTimesheetRecords', { fromDate, toDate });

describe('JobDiva stand-in: timesheets added and corrected over HTTP (/__standin/timesheets/{id})', () => {
	it('adds an approved timesheet that the feed serves in the window of its stamp', async () => {
		const added = await admin('POST', '/timesheets/9002', { employeeId: '12345', jobId: '78913', weekEnding: '2026-12-05', regularHours: 40, payRate: 102.5, at: '2026-12-06T12:00:00Z' });
		expect(added.status).toBe(200);
		expect(await timesheets('12/06/2026 00:00:00', '12/06/2026 23:59:59')).toEqual([
			{ TIMESHEETID: '9002', EMPLOYEEID: '12345', JOBID: '78913', WEEKENDINGDATE: '12/05/2026', REG_HOURS: '40', OT_HOURS: '0', HOURSWORKED: '40', REG_PAY: '102.50', REG_PAY_RATE_UNIT: 'Hourly', STATUS: 'Approved' },
		]);
	});

	it('a correction keeps the ID, changes the hours and re-stamps the timesheet: served once, in the new window only', async () => {
		const corrected = await admin('POST', '/timesheets/9001', { overtimeHours: 4, at: '2026-12-06T12:00:00Z' });
		expect(corrected.body.row).toMatchObject({ TIMESHEETID: '9001', REG_HOURS: '40', OT_HOURS: '4', HOURSWORKED: '44', OT_PAY_RATE: '142.65' });
		expect(await timesheets('11/20/2026 00:00:00', '11/21/2026 00:00:00')).toEqual([]);
		const served = await timesheets('12/06/2026 00:00:00', '12/06/2026 23:59:59');
		expect(served.map((t) => [t.TIMESHEETID, t.OT_HOURS])).toEqual([['9001', '4']]);
		expect((await admin('GET', '/timesheets/9001')).body.at).toBe('2026-12-06T12:00:00Z');
	});

	it('refuses unknown fields, bad values and an incomplete new timesheet, naming the field; changes nothing', async () => {
		expect(await admin('POST', '/timesheets/9001', { hours: 4 })).toEqual({ status: 400, body: { error: expect.stringMatching(/^hours: not a timesheet field/) } });
		expect(await admin('POST', '/timesheets/9001', { weekEnding: '12/05/2026' })).toEqual({ status: 400, body: { error: expect.stringMatching(/^weekEnding: .* is not a YYYY-MM-DD date/) } });
		expect(await admin('POST', '/timesheets/9002', { regularHours: 40 })).toEqual({ status: 400, body: { error: 'employeeId, jobId, weekEnding, payRate: needed for a new timesheet' } });
		expect((await admin('GET', '/timesheets/9002')).status).toBe(404);
		expect((await admin('GET', '/timesheets/9001')).body.row.OT_HOURS).toBe('2.5');
	});
});
