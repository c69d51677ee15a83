import { DateTime } from 'luxon';
import { ValueError } from '../util/valueError';
import type { Found } from './normalise';

/**
 * JobDiva dates → Unix seconds UTC (what 1099Policy takes). JobDiva sends:
 * - epoch milliseconds, as a number or a digit string (`searchStart`): an instant, no zone needed;
 * - `MM/dd/yyyy` and `MM/dd/yyyy HH:mm:ss` (BI feeds), ISO without a zone (`2026-01-21T13:02:15`) or a bare
 *   `yyyy-MM-dd`: wall-clock values, read in `zone`;
 * - ISO with a zone (`…Z`, `…-05:00`): an instant.
 * A date without a time means the whole day: a start is the first second of the day and an end the last second
 * (23:59:59) in `zone`, so a placement ending 03/31 is covered through the 31st. JobDiva often writes date-only
 * values as `… 00:00:00`; an END at exactly midnight is therefore read as that whole day too (stated in `how`).
 */

export type DateRole = 'start' | 'end';

export interface ParsedDate {
	seconds: number;
	/** Human-readable account of how the value was read, for the item's notes. */
	how: string;
	/** False when the value was an instant and the zone played no part. */
	usedZone: boolean;
}

const MAX_SECONDS = 1e11;

const WALL_CLOCK_FORMATS: readonly { format: string; dateOnly: boolean }[] = [
	{ format: 'M/d/yyyy', dateOnly: true },
	{ format: 'M/d/yyyy H:mm:ss', dateOnly: false },
	{ format: 'M/d/yyyy H:mm', dateOnly: false },
	{ format: 'M/d/yyyy h:mm:ss a', dateOnly: false },
	{ format: 'M/d/yyyy h:mm a', dateOnly: false },
	{ format: 'yyyy-MM-dd', dateOnly: true },
	{ format: 'yyyy-MM-dd H:mm:ss', dateOnly: false },
];

const count = (text: string, char: string): number => text.split(char).length - 1;

const FIX = 'Send epoch milliseconds, MM/dd/yyyy, MM/dd/yyyy HH:mm:ss or an ISO date such as 2026-01-21T13:02:15.';

export function parseJobDivaDate(found: Found, role: DateRole, zone: string): ParsedDate {
	const { value, field } = found;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
		const number = Number(value);
		if (!Number.isFinite(number) || number <= 0) throw new ValueError(field, value, 'is not a date', FIX);
		// JobDiva's numeric dates are epoch milliseconds; a number small enough to be seconds is read as seconds.
		if (number >= MAX_SECONDS) {
			const seconds = Math.floor(number / 1000);
			if (seconds >= MAX_SECONDS) throw new ValueError(field, value, 'is too far in the future to be a date', FIX);
			return { seconds, how: `${field} ${String(value)} read as epoch milliseconds`, usedZone: false };
		}
		if (number < 1e8) {
			// e.g. 20260121: a yyyyMMdd date typed as a number would otherwise become 1970.
			throw new ValueError(field, value, 'is too small to be epoch milliseconds or seconds', FIX);
		}
		return { seconds: Math.floor(number), how: `${field} ${String(value)} read as Unix seconds`, usedZone: false };
	}
	if (typeof value !== 'string') throw new ValueError(field, value, 'is not a date', FIX);
	const textValue = value.trim();

	for (const { format, dateOnly } of WALL_CLOCK_FORMATS) {
		// Only a format with the text's separators can match (Luxon's digit and AM/PM tokens match neither / nor :).
		if (count(format, '/') !== count(textValue, '/') || count(format, ':') !== count(textValue, ':')) continue;
		const parsed = DateTime.fromFormat(textValue, format, { zone });
		if (parsed.isValid) return wallClock(parsed, dateOnly, role, field, textValue, zone);
	}
	if (/^\d{4}-\d{2}-\d{2}T/.test(textValue)) {
		const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(textValue);
		const parsed = DateTime.fromISO(textValue, { zone, setZone: hasZone });
		if (parsed.isValid) {
			if (hasZone) return { seconds: Math.floor(parsed.toSeconds()), how: `${field} "${textValue}" read with its own offset`, usedZone: false };
			return wallClock(parsed, false, role, field, textValue, zone);
		}
	}
	throw new ValueError(field, value, 'is not a date in a format JobDiva uses', FIX);
}

function wallClock(parsed: DateTime, dateOnly: boolean, role: DateRole, field: string, textValue: string, zone: string): ParsedDate {
	const midnight = parsed.hour === 0 && parsed.minute === 0 && parsed.second === 0 && parsed.millisecond === 0;
	if (role === 'end' && (dateOnly || midnight)) {
		const end = parsed.endOf('day').set({ millisecond: 0 });
		return {
			seconds: Math.floor(end.toSeconds()),
			how: `${field} "${textValue}" read as the end of that day (23:59:59) in ${zone}`,
			usedZone: true,
		};
	}
	if (dateOnly) {
		return { seconds: Math.floor(parsed.startOf('day').toSeconds()), how: `${field} "${textValue}" read as the start of that day in ${zone}`, usedZone: true };
	}
	return { seconds: Math.floor(parsed.toSeconds()), how: `${field} "${textValue}" read as wall-clock time in ${zone}`, usedZone: true };
}

/** True when `zone` is an IANA zone Luxon knows. */
export function isValidZone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}
