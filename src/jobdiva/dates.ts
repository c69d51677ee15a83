import { DateTime, IANAZone } from 'luxon';
import { JobDivaInputError } from './errors';

/** JobDiva's BI date-range feeds take `fromDate`/`toDate` in this format, read in the tenant's time zone. */
export const JOBDIVA_DATE_FORMAT = 'MM/dd/yyyy HH:mm:ss';

/** JobDiva refuses a date-range call longer than this (HTTP 400), so longer ranges are split. */
export const MAX_WINDOW_DAYS = 14;

export interface DateWindow {
	from: DateTime;
	to: DateTime;
}

export interface DateRangeInput {
	from: unknown;
	to: unknown;
	/** IANA zone the dates are read in (when they carry none) and sent to JobDiva in. */
	zone: string;
}

/** Checks the zone dates are read and sent in (a node option), so a typo is reported as such, not as a bad date. */
export function checkZone(zone: string, field = 'JobDiva Time Zone'): string {
	if (!IANAZone.isValidZone(zone)) {
		throw new JobDivaInputError(field, zone, 'is not a time zone', 'Use an IANA time zone name such as America/New_York, or leave it empty for the workflow\'s time zone.');
	}
	return zone;
}

/** Formats an instant for JobDiva's `fromDate`/`toDate`, in `zone`. */
export function formatJobDivaDate(date: DateTime, zone: string): string {
	return date.setZone(zone).toFormat(JOBDIVA_DATE_FORMAT);
}

/**
 * Reads a date given to the node: an ISO string (n8n's date picker sends one without a zone, which is read in
 * `zone`), `MM/dd/yyyy[ HH:mm:ss]`, epoch milliseconds, a JS Date or a luxon DateTime.
 */
export function readDate(value: unknown, field: string, zone: string): DateTime {
	let date: DateTime | undefined;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value);
	else if (typeof value === 'number' && Number.isFinite(value)) date = DateTime.fromMillis(value);
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		if (/^\d{10,}$/.test(text)) date = DateTime.fromMillis(Number(text));
		else if (/^\d{1,2}\/\d{1,2}\/\d{4}/.test(text)) {
			date = DateTime.fromFormat(text, text.includes(':') ? 'M/d/yyyy H:mm:ss' : 'M/d/yyyy', { zone });
		} else date = DateTime.fromISO(text, { zone });
	}
	if (!date || !date.isValid) {
		throw new JobDivaInputError(
			field,
			value,
			'is not a date',
			'Pick a date in the date picker, or give an ISO date such as 2026-11-01T00:00:00 or MM/dd/yyyy HH:mm:ss.',
		);
	}
	return date.setZone(zone);
}

/**
 * Splits [from, to] into consecutive windows of at most `maxDays`, counted both ways: calendar days in the dates'
 * zone and `maxDays × 24` hours of elapsed time, whichever ends first. Across a DST change the two differ by an
 * hour, and JobDiva may count either way, so a window never exceeds the limit under either reading. Windows touch: each one starts where the previous ended, so a row stamped
 * exactly on a boundary can come back twice; callers de-duplicate (see `mergeRows`). 40 days → 14 + 14 + 12.
 */
export function splitWindows(from: DateTime, to: DateTime, maxDays = MAX_WINDOW_DAYS): DateWindow[] {
	if (!(maxDays > 0)) throw new RangeError('maxDays must be positive');
	const windows: DateWindow[] = [];
	let start = from;
	while (start < to) {
		const calendar = start.plus({ days: maxDays });
		const elapsed = start.plus({ hours: maxDays * 24 });
		const limit = calendar < elapsed ? calendar : elapsed;
		const end = limit < to ? limit : to;
		windows.push({ from: start, to: end });
		start = end;
	}
	return windows;
}

/** Reads and checks a From/To pair given to the node, then splits it into JobDiva-sized windows. */
export function windowsFor(input: DateRangeInput, fields: { from: string; to: string } = { from: 'From', to: 'To' }): DateWindow[] {
	checkZone(input.zone);
	const from = readDate(input.from, fields.from, input.zone);
	const to = readDate(input.to, fields.to, input.zone);
	if (to <= from) {
		throw new JobDivaInputError(
			fields.to,
			to.toISO(),
			`is not after ${fields.from} (${from.toISO()})`,
			`Set ${fields.to} to a later date than ${fields.from}.`,
		);
	}
	return splitWindows(from, to);
}
