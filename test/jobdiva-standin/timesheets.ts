import { DateTime } from 'luxon';
import type { Row, StandinFixtures } from './fixtures';
import { PlacementError } from './placements';

/**
 * Timesheets added or corrected over time (`/__standin/timesheets/{id}`): JobDiva re-stamps a corrected timesheet,
 * so `NewUpdatedTimesheetRecords` serves it again, once, with its new hours, under the same TIMESHEETID.
 */
export interface TimesheetChange {
	employeeId?: string;
	jobId?: string;
	/** `YYYY-MM-DD`: the last day of the timesheet's week. */
	weekEnding?: string;
	regularHours?: number;
	overtimeHours?: number;
	/** Hourly pay rate, dollars. */
	payRate?: number;
	overtimeRate?: number;
	/** e.g. `Approved` (default for a new timesheet), `Submitted`, `Rejected`. */
	status?: string;
	/** ISO instant of the change (default now): the feed's stamp. */
	at?: string;
}

const FIELDS: Record<keyof TimesheetChange, 'text' | 'number' | 'date' | 'instant'> = {
	employeeId: 'text',
	jobId: 'text',
	weekEnding: 'date',
	regularHours: 'number',
	overtimeHours: 'number',
	payRate: 'number',
	overtimeRate: 'number',
	status: 'text',
	at: 'instant',
};

const money = (n: number) => n.toFixed(2);

export function timesheetView(fixtures: StandinFixtures, id: string): { at: string; row: Row } {
	const found = fixtures.timesheets.find((t) => t.row.TIMESHEETID === id);
	if (!found) throw new PlacementError(404, `No timesheet ${id}`);
	return found;
}

/** Adds timesheet `id` (employeeId, jobId, weekEnding, regularHours and payRate needed) or corrects it; re-stamps it. */
export function putTimesheet(fixtures: StandinFixtures, id: string, change: TimesheetChange): { at: string; row: Row } {
	if (!/^\d{1,19}$/.test(id)) throw new PlacementError(400, `timesheet ID ${JSON.stringify(id)}: digits only`);
	for (const [key, value] of Object.entries(change)) {
		const kind = FIELDS[key as keyof TimesheetChange];
		if (!kind) throw new PlacementError(400, `${key}: not a timesheet field (${Object.keys(FIELDS).join(', ')})`);
		const ok =
			kind === 'number'
				? typeof value === 'number' && Number.isFinite(value) && value >= 0
				: kind === 'date'
					? typeof value === 'string' && DateTime.fromISO(value).isValid && /^\d{4}-\d{2}-\d{2}$/.test(value)
					: kind === 'instant'
						? typeof value === 'string' && !Number.isNaN(Date.parse(value))
						: typeof value === 'string' && value !== '';
		if (!ok) throw new PlacementError(400, `${key}: ${JSON.stringify(value)} is not ${kind === 'date' ? 'a YYYY-MM-DD date' : kind === 'number' ? 'a number ≥ 0' : kind === 'instant' ? 'an ISO instant' : 'a non-empty text'}`);
	}
	const existing = fixtures.timesheets.find((t) => t.row.TIMESHEETID === id);
	if (!existing) {
		const missing = (['employeeId', 'jobId', 'weekEnding', 'regularHours', 'payRate'] as const).filter((k) => change[k] === undefined);
		if (missing.length) throw new PlacementError(400, `${missing.join(', ')}: needed for a new timesheet`);
	}
	const row: Row = existing ? { ...existing.row } : { TIMESHEETID: id, OT_HOURS: '0', REG_PAY_RATE_UNIT: 'Hourly', STATUS: 'Approved' };
	if (change.employeeId !== undefined) row.EMPLOYEEID = change.employeeId;
	if (change.jobId !== undefined) row.JOBID = change.jobId;
	if (change.weekEnding !== undefined) row.WEEKENDINGDATE = DateTime.fromISO(change.weekEnding).toFormat('MM/dd/yyyy');
	if (change.regularHours !== undefined) row.REG_HOURS = String(change.regularHours);
	if (change.overtimeHours !== undefined) row.OT_HOURS = String(change.overtimeHours);
	if (change.payRate !== undefined) row.REG_PAY = money(change.payRate);
	if (change.overtimeRate !== undefined) row.OT_PAY_RATE = money(change.overtimeRate);
	if (change.status !== undefined) row.STATUS = change.status;
	row.HOURSWORKED = String(Number(row.REG_HOURS ?? 0) + Number(row.OT_HOURS ?? 0));
	const stamped = { at: change.at ?? new Date().toISOString(), row };
	fixtures.timesheets = [...fixtures.timesheets.filter((t) => t !== existing), stamped];
	return stamped;
}
