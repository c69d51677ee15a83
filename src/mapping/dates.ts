import { DateTime } from 'luxon';
import { ValueError } from '../ten99policy/valueError';
import type { Found } from './normalise';
import { endOfDaySecond, fromWallClock, offsetNow, startOfDay, wallDate, zoneOffsets, type Instant, type ZoneOffsets } from './zoneMath';

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
	const fast = parseCommonForm(textValue, role, field, zone);
	if (fast) return fast;

	for (const { format, dateOnly } of WALL_CLOCK_FORMATS) {
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

/* ---------- the fast path: the forms JobDiva really sends, read without building DateTime objects ---------- */

// Each matches exactly what the Luxon path above accepts for that form (same digits, anchored); anything else,
// including out-of-range fields, goes the Luxon way, so these only ever save time.
const US_DATE = /^(\d\d?)\/(\d\d?)\/(\d{4})(?: (\d\d?):(\d\d):(\d\d))?$/;
const ISO_DAY = /^(\d{4})-(\d\d)-(\d\d)$/;
const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?(Z|[+-]\d\d:\d\d)?$/;

/** Calendar fields Luxon's `fromObject` accepts (hour 24 and years below 1000 are left to Luxon). */
function isPlainDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
	return (
		year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate() &&
		hour <= 23 && minute <= 59 && second <= 59
	);
}

/** How a fast-path value was read: with its own offset, or in the zone as a day's end, a day's start or a time. */
type Reading = 'offset' | 'end' | 'start' | 'wall';

/** A reading remembered, with Luxon's first offset guess it was made with (see below). */
interface Remembered {
	guess: number;
	seconds: number;
	reading: Reading;
}

/**
 * Wall-clock readings by zone, role and text. A run maps the same few dates (placement starts, week endings)
 * many times over; reading one is pure given the zone, the role, the text and Luxon's first offset guess (the
 * zone's offset "now", which only matters for times in a DST change), so a reading is reused only while that
 * guess is unchanged. Bounded per zone and in zones, as texts are data.
 */
const remembered = new Map<string, [start: Map<string, Remembered>, end: Map<string, Remembered>]>();
const REMEMBERED_LIMIT = 4096;
const REMEMBERED_ZONES = 64;

function rememberedFor(zone: string, role: DateRole): Map<string, Remembered> {
	let byRole = remembered.get(zone);
	if (byRole === undefined) {
		if (remembered.size >= REMEMBERED_ZONES) remembered.clear();
		byRole = [new Map(), new Map()];
		remembered.set(zone, byRole);
	}
	return byRole[role === 'end' ? 1 : 0];
}

/**
 * `M/d/yyyy`, `M/d/yyyy H:mm:ss`, `yyyy-MM-dd` and `yyyy-MM-ddTHH:mm:ss[.SSS][Z|±HH:mm]`, read exactly as the
 * Luxon path reads them (see zoneMath.ts); undefined for anything else, which then takes the Luxon path.
 */
function parseCommonForm(textValue: string, role: DateRole, field: string, zone: string): ParsedDate | undefined {
	const entry = zoneOffsets(zone);
	const guess = entry ? offsetNow(entry) : 0;
	const memo = entry ? rememberedFor(zone, role) : undefined;
	let seconds: number;
	let reading: Reading;
	const hit = memo?.get(textValue);
	if (hit !== undefined && hit.guess === guess) {
		({ seconds, reading } = hit);
	} else {
		const read = readCommonForm(textValue, role, entry, guess);
		if (!read) return undefined;
		[seconds, reading] = read;
		// Readings with their own offset depend on nothing else; kept too (the guess check is then moot).
		if (memo) {
			if (memo.size >= REMEMBERED_LIMIT) memo.clear();
			memo.set(textValue, { guess, seconds, reading });
		}
	}
	switch (reading) {
		case 'offset':
			return { seconds, how: `${field} "${textValue}" read with its own offset`, usedZone: false };
		case 'end':
			return { seconds, how: `${field} "${textValue}" read as the end of that day (23:59:59) in ${zone}`, usedZone: true };
		case 'start':
			return { seconds, how: `${field} "${textValue}" read as the start of that day in ${zone}`, usedZone: true };
		default:
			return { seconds, how: `${field} "${textValue}" read as wall-clock time in ${zone}`, usedZone: true };
	}
}

/** The fast path's reading of a value in `entry`'s zone, with `guess` as Luxon's first offset guess. */
function readCommonForm(textValue: string, role: DateRole, entry: ZoneOffsets | undefined, guess: number): [number, Reading] | undefined {
	let match = US_DATE.exec(textValue);
	let year: number;
	let month: number;
	let day: number;
	let dateOnly: boolean;
	let millisecond = 0;
	let offset: string | undefined;
	if (match) {
		[month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
		dateOnly = match[4] === undefined;
	} else if ((match = ISO_DAY.exec(textValue))) {
		[year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		dateOnly = true;
	} else if ((match = ISO_TIME.exec(textValue))) {
		[year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		dateOnly = false;
		// Luxon's parseMillis
		if (match[7] !== undefined) millisecond = Math.floor(parseFloat(`0.${match[7]}`) * 1000);
		offset = match[8];
	} else {
		return undefined;
	}
	const hour = dateOnly ? 0 : Number(match[4]);
	const minute = dateOnly ? 0 : Number(match[5]);
	const second = dateOnly ? 0 : Number(match[6]);
	if (!isPlainDateTime(year, month, day, hour, minute, second)) return undefined;

	if (offset !== undefined) {
		const minutes = offset === 'Z' ? 0 : offsetMinutes(offset);
		if (minutes === undefined) return undefined;
		const ts = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - minutes * 60_000;
		return [Math.floor(ts / 1000), 'offset'];
	}
	if (!entry) return undefined;
	const parsed = fromWallClock(entry, guess, year, month, day, hour, minute, second, millisecond);
	return readWallClock(entry, parsed, dateOnly, role);
}

/** `±HH:mm` as Luxon's `signedOffset` reads it; undefined (Luxon's path) for offsets no zone has. */
function offsetMinutes(offset: string): number | undefined {
	const hours = Number(offset.slice(1, 3));
	const minutes = Number(offset.slice(4, 6));
	if (hours > 23 || minutes > 59) return undefined;
	const total = hours * 60 + minutes;
	return offset[0] === '-' ? -total : total;
}

/** {@link wallClock} on an instant from zoneMath.ts. */
function readWallClock(entry: ZoneOffsets, parsed: Instant, dateOnly: boolean, role: DateRole): [number, Reading] {
	const wall = wallDate(parsed[0], parsed[1]);
	const midnight = wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0 && wall.getUTCSeconds() === 0 && wall.getUTCMilliseconds() === 0;
	if (role === 'end' && (dateOnly || midnight)) return [Math.floor(endOfDaySecond(entry, parsed) / 1000), 'end'];
	if (dateOnly) return [Math.floor(startOfDay(entry, parsed)[0] / 1000), 'start'];
	return [Math.floor(parsed[0] / 1000), 'wall'];
}

/** Zone names already checked: a handful per run (the Time Zone parameter, the fallback); bounded all the same. */
const validZones = new Map<string, boolean>();
const VALID_ZONE_LIMIT = 256;

/** True when `zone` is an IANA zone Luxon knows. */
export function isValidZone(zone: string): boolean {
	let valid = validZones.get(zone);
	if (valid === undefined) {
		valid = DateTime.now().setZone(zone).isValid;
		// "default" follows Settings.defaultZone, which may change; every other name means the same zone for good.
		if (zone.toLowerCase() === 'default') return valid;
		if (validZones.size >= VALID_ZONE_LIMIT) validZones.clear();
		validZones.set(zone, valid);
	}
	return valid;
}
