import { DateTime } from 'luxon';
import type { Row, StandinFixtures } from './fixtures';

/**
 * Changing, ending and deleting a placement as JobDiva would show it. A placement lives in several fixture collections
 * (the hire activity row, the searchStart record, billing and salary records, the candidate), so every change edits
 * all of them, re-stamps the activity row and adds an `UpdatedHires` event at the change time, so pollers see it.
 */
export interface PlacementChange {
	/** `YYYY-MM-DD`. */
	startDate?: string;
	/** `YYYY-MM-DD`. */
	endDate?: string;
	/** The agreed pay rate, in the placement's own unit (e.g. 99.5 per hour). */
	payRate?: number | string;
	/** searchStart's `startStatus`, e.g. `Terminated`, `Cancelled` (fixtures start as `Confirmed`). */
	status?: string;
	/** The candidate's new email (changes every placement of the candidate). */
	email?: string;
	/** ISO instant of the change: its stamp in the feeds (default now). */
	at?: string;
}

/** Everything the stand-in serves about one placement. */
export interface PlacementView {
	id: string;
	/** The NewUpdatedSubmittalInterviewHireActivityRecords row and its change stamp. */
	activity: { at: string; row: Row };
	/** The searchStart record. */
	start: Row;
	billing: Row | undefined;
	salary: Row | undefined;
	candidate: Row | undefined;
}

/** A 404 or 400 for the admin API; the message names the field and the fix. */
export class PlacementError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const KEYS = ['startDate', 'endDate', 'payRate', 'status', 'email', 'at'];

export function placementView(fixtures: StandinFixtures, id: string): PlacementView {
	const activity = fixtures.activities.find((a) => String(a.row.ACTIVITYID) === id);
	const start = fixtures.starts.find((s) => String(s.id) === id);
	if (!activity || !start) throw new PlacementError(404, `No placement ${id} (known: ${fixtures.starts.map((s) => String(s.id)).join(', ')})`);
	return {
		id,
		activity,
		start,
		billing: fixtures.billing.find((b) => String(b.ACTIVITYID) === id),
		salary: fixtures.salary.find((s) => String(s.ACTIVITYID) === id),
		candidate: fixtures.candidates.find((c) => String(c.ID) === String(activity.row.CANDIDATEID)),
	};
}

function day(field: string, value: unknown): DateTime {
	const date = typeof value === 'string' ? DateTime.fromISO(value, { zone: 'utc' }) : DateTime.invalid('not a string');
	if (!date.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) {
		throw new PlacementError(400, `${field} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
	}
	return date;
}

function stampOf(at: unknown, now: () => number): string {
	if (at === undefined) return new Date(now()).toISOString();
	if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new PlacementError(400, `at must be an ISO instant, got ${JSON.stringify(at)}`);
	return new Date(at).toISOString();
}

const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];

/** searchStart dates are the worksite's midnight as epoch ms: the new day's midnight in the zone of the old value. */
const onDay = (epochMs: unknown, date: DateTime) => {
	const isMidnight = (zone: string) => DateTime.fromMillis(Number(epochMs), { zone }).toFormat('HH:mm') === '00:00';
	const zone = US_ZONES.find(isMidnight) ?? 'America/New_York';
	return DateTime.fromISO(date.toISODate() ?? '', { zone }).toMillis();
};

export function changePlacement(fixtures: StandinFixtures, id: string, change: PlacementChange, now: () => number = Date.now): PlacementView {
	const unknown = Object.keys(change).filter((k) => !KEYS.includes(k));
	if (unknown.length > 0) throw new PlacementError(400, `Unknown change fields ${unknown.join(', ')}; use ${KEYS.join(', ')}`);
	const view = placementView(fixtures, id);
	// Everything is checked before anything changes.
	const at = stampOf(change.at, now);
	const start = change.startDate === undefined ? undefined : day('startDate', change.startDate);
	const end = change.endDate === undefined ? undefined : day('endDate', change.endDate);
	const rate = change.payRate === undefined ? undefined : Number(change.payRate);
	if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) throw new PlacementError(400, `payRate must be a positive number, got ${JSON.stringify(change.payRate)}`);
	if (change.status !== undefined && (typeof change.status !== 'string' || change.status.trim() === '')) {
		throw new PlacementError(400, 'status must be a non-empty string, e.g. Terminated');
	}
	if (change.email !== undefined && typeof change.email !== 'string') throw new PlacementError(400, 'email must be a string');

	const { row } = view.activity;
	for (const [key, startKey, date] of [['STARTDATE', 'start date', start], ['ENDDATE', 'end date', end]] as const) {
		if (!date) continue;
		row[key] = date.toFormat('MM/dd/yyyy 00:00:00');
		for (const record of [view.billing, view.salary]) if (record) record[key] = date.toFormat('MM/dd/yyyy');
		view.start[startKey] = onDay(view.start[startKey], date);
	}
	if (rate !== undefined) {
		row.AGREEDPAYRATE = rate.toFixed(2);
		if (view.salary) view.salary.SALARY = rate.toFixed(2);
		view.start['agreed pay rate'] = rate;
	}
	if (change.status !== undefined) view.start.startStatus = change.status;
	if (change.email !== undefined) {
		if (view.candidate) view.candidate.EMAIL = change.email;
		for (const record of fixtures.starts) if (String(record['candidate id']) === String(row.CANDIDATEID)) record['candidate email'] = change.email;
	}
	view.activity.at = at;
	fixtures.hires.push({ at, placementId: id, feed: 'updated' });
	return view;
}

/** Ends a placement: its end date moves to `endDate` (default: the change day), with an optional status. */
export function endPlacement(fixtures: StandinFixtures, id: string, end: Pick<PlacementChange, 'endDate' | 'status' | 'at'> = {}, now: () => number = Date.now): PlacementView {
	const at = stampOf(end.at, now);
	return changePlacement(fixtures, id, { ...end, at, endDate: end.endDate ?? at.slice(0, 10) }, now);
}

/**
 * Deletes a placement: its searchStart record, hire activity row, billing and salary records disappear, and
 * `UpdatedHires` reports its ID at the deletion time (a poller that looks it up finds nothing). Returns what was removed.
 */
export function deletePlacement(fixtures: StandinFixtures, id: string, at?: string, now: () => number = Date.now): PlacementView {
	const view = placementView(fixtures, id);
	const stamp = stampOf(at, now);
	fixtures.starts = fixtures.starts.filter((s) => s !== view.start);
	fixtures.activities = fixtures.activities.filter((a) => a !== view.activity);
	fixtures.billing = fixtures.billing.filter((b) => b !== view.billing);
	fixtures.salary = fixtures.salary.filter((s) => s !== view.salary);
	fixtures.hires.push({ at: stamp, placementId: id, feed: 'updated' });
	return view;
}

/**
 * What JobDiva's webhook would send for the change: there is no placement event, so it is the placement's billing
 * record (`type: "billing"`, `id: "<employeeid>,<recid>"`), `Update` with the row or `Delete` without data.
 */
export function placementWebhookBody(view: PlacementView, operation: 'Update' | 'Delete'): Record<string, unknown> {
	const billing = view.billing ?? {};
	const body: Record<string, unknown> = { type: 'billing', operation, id: `${String(billing.EMPLOYEEID)},${String(billing.RECID)}` };
	if (operation === 'Update') body.data = [billing];
	return body;
}
