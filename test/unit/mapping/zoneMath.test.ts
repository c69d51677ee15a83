import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJobDivaDate } from '../../../src/mapping';
import type { DateRole, ParsedDate } from '../../../src/mapping/dates';
import { startOfDayBefore, zoneOffsets } from '../../../src/mapping/zoneMath';

/**
 * The date fast path (dates.ts `parseCommonForm`, zoneMath.ts) must read every value exactly as the Luxon-only
 * reading did before it: same seconds, same `how`, same errors. `reference` below is that reading, verbatim.
 * Random dates cluster around DST changes (skipped and repeated hours, zones whose midnight is skipped, half-hour
 * DST, a skipped day), in every role and form, with "now" on both sides of a change (Luxon's first guess).
 */

const WALL_CLOCK_FORMATS: readonly { format: string; dateOnly: boolean }[] = [
	{ format: 'M/d/yyyy', dateOnly: true },
	{ format: 'M/d/yyyy H:mm:ss', dateOnly: false },
	{ format: 'M/d/yyyy H:mm', dateOnly: false },
	{ format: 'M/d/yyyy h:mm:ss a', dateOnly: false },
	{ format: 'M/d/yyyy h:mm a', dateOnly: false },
	{ format: 'yyyy-MM-dd', dateOnly: true },
	{ format: 'yyyy-MM-dd H:mm:ss', dateOnly: false },
];

function referenceWallClock(parsed: DateTime, dateOnly: boolean, role: DateRole, field: string, textValue: string, zone: string): ParsedDate {
	const midnight = parsed.hour === 0 && parsed.minute === 0 && parsed.second === 0 && parsed.millisecond === 0;
	if (role === 'end' && (dateOnly || midnight)) {
		const end = parsed.endOf('day').set({ millisecond: 0 });
		return { seconds: Math.floor(end.toSeconds()), how: `${field} "${textValue}" read as the end of that day (23:59:59) in ${zone}`, usedZone: true };
	}
	if (dateOnly) {
		return { seconds: Math.floor(parsed.startOf('day').toSeconds()), how: `${field} "${textValue}" read as the start of that day in ${zone}`, usedZone: true };
	}
	return { seconds: Math.floor(parsed.toSeconds()), how: `${field} "${textValue}" read as wall-clock time in ${zone}`, usedZone: true };
}

/** The string branch of parseJobDivaDate as it was before the fast path; undefined where it threw. */
function reference(textValue: string, role: DateRole, zone: string, field = 'STARTDATE'): ParsedDate | undefined {
	for (const { format, dateOnly } of WALL_CLOCK_FORMATS) {
		const parsed = DateTime.fromFormat(textValue, format, { zone });
		if (parsed.isValid) return referenceWallClock(parsed, dateOnly, role, field, textValue, zone);
	}
	if (/^\d{4}-\d{2}-\d{2}T/.test(textValue)) {
		const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(textValue);
		const parsed = DateTime.fromISO(textValue, { zone, setZone: hasZone });
		if (parsed.isValid) {
			if (hasZone) return { seconds: Math.floor(parsed.toSeconds()), how: `${field} "${textValue}" read with its own offset`, usedZone: false };
			return referenceWallClock(parsed, false, role, field, textValue, zone);
		}
	}
	return undefined;
}

function actual(textValue: string, role: DateRole, zone: string): ParsedDate | undefined {
	try {
		return parseJobDivaDate({ value: textValue, field: 'STARTDATE' }, role, zone);
	} catch (error) {
		expect((error as Error).message).toMatch(/is not a date in a format JobDiva uses/);
		return undefined;
	}
}

const ZONES = [
	'America/New_York', 'America/Los_Angeles', 'America/Chicago', 'America/Phoenix', 'America/Santiago', 'America/Havana',
	'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London', 'Pacific/Apia', 'Pacific/Honolulu',
	'UTC', 'Etc/GMT+5', 'UTC+3', 'utc', 'America/new_york', 'Not/AZone', 'local',
];

/** DST changes (and Apia's skipped 2011-12-30) to cluster dates around, as yyyy-mm-dd. */
const CHANGES = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-09-06', '2026-10-04', '2026-04-04', '2011-12-30', '2026-03-14', '2026-11-07', '2024-02-29', '2026-12-31', '2027-01-01'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A value in one of the forms, near a DST change, sometimes malformed or out of range. */
const dateText = fc
	.record({
		change: fc.constantFrom(...CHANGES),
		dayShift: fc.integer({ min: -2, max: 2 }),
		hour: fc.oneof(fc.constantFrom(0, 1, 2, 3, 23, 24), fc.integer({ min: 0, max: 25 })),
		minute: fc.oneof(fc.constantFrom(0, 30, 59), fc.integer({ min: 0, max: 61 })),
		second: fc.oneof(fc.constantFrom(0, 59), fc.integer({ min: 0, max: 61 })),
		millis: fc.constantFrom('', '.0', '.5', '.123', '.999', '.12', '.1234'),
		form: fc.integer({ min: 0, max: 9 }),
		offset: fc.constantFrom('', 'Z', '-05:00', '+05:45', '-00:30', '+14:00', '-0500', 'z', '+24:00'),
		junk: fc.constantFrom(null, '13', '00', '02', '30', '31', '0999', '1'),
	})
	.map(({ change, dayShift, hour, minute, second, millis, form, offset, junk }) => {
		const base = new Date(Date.parse(`${change}T00:00:00Z`) + dayShift * 86_400_000);
		const y = base.getUTCFullYear();
		let m = String(base.getUTCMonth() + 1);
		let d = String(base.getUTCDate());
		// Sometimes a month or day that does not exist, or a year Luxon reads specially.
		if (junk === '13' || junk === '00') m = junk;
		if (junk === '30' || junk === '31' || junk === '02') d = junk;
		const year = junk === '0999' ? '0999' : String(y);
		const time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
		switch (form) {
			case 0: return `${m}/${d}/${year}`;
			case 1: return `${pad(Number(m))}/${pad(Number(d))}/${year}`;
			case 2: return `${m}/${d}/${year} ${junk === '1' ? hour : pad(hour)}:${pad(minute)}:${pad(second)}`;
			case 3: return `${m}/${d}/${year} ${hour % 12 || 12}:${pad(minute)} ${hour < 12 ? 'AM' : 'pm'}`;
			case 4: return `${year}-${pad(Number(m))}-${pad(Number(d))}`;
			case 5: return `${year}-${pad(Number(m))}-${pad(Number(d))} ${time}`;
			case 6: return `${year}-${pad(Number(m))}-${pad(Number(d))}T${time}${millis}`;
			case 7: return `${year}-${pad(Number(m))}-${pad(Number(d))}T${time}${millis}${offset}`;
			case 8: return `${year}-${pad(Number(m))}-${pad(Number(d))}T${pad(hour)}:${pad(minute)}${offset}`;
			default: return `${m}/${d}/${year}  ${time}`;
		}
	});

/** "now" on either side of a change, so Luxon's first offset guess differs. */
const NOWS = [Date.parse('2026-01-15T12:00:00Z'), Date.parse('2026-07-15T12:00:00Z'), Date.parse('2026-11-01T05:59:30Z'), Date.parse('2026-03-08T06:59:59Z')];

describe('date fast path agrees with Luxon', () => {
	const realNow = Settings.now;
	afterEach(() => {
		Settings.now = realNow;
	});

	it('same seconds and wording for random values near DST changes, in every zone, role and form', () => {
		let fastForms = 0;
		fc.assert(
			fc.property(dateText, fc.constantFrom(...ZONES), fc.constantFrom<DateRole>('start', 'end'), fc.constantFrom(...NOWS, undefined), (textValue, zone, role, now) => {
				Settings.now = now === undefined ? realNow : () => now;
				const expected = reference(textValue, role, zone);
				expect(actual(textValue, role, zone)).toEqual(expected);
				if (expected) fastForms++;
			}),
			{ numRuns: 20_000 },
		);
		expect(fastForms).toBeGreaterThan(5_000);
	});

	it('every day of three years, start and end, in US and odd zones', () => {
		for (const zone of ['America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Pacific/Apia', 'Europe/London']) {
			for (let day = 0; day < 3 * 366; day++) {
				const date = new Date(Date.UTC(2010, 0, 1) + day * 86_400_000 * 5);
				const us = `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}`;
				for (const textValue of [us, `${us} 00:00:00`, `${us} 02:30:00`, `${date.toISOString().slice(0, 10)}T01:30:00`]) {
					for (const role of ['start', 'end'] as const) expect(actual(textValue, role, zone)).toEqual(reference(textValue, role, zone));
				}
			}
		}
	});

	it('a zone check is remembered, not wrong', () => {
		for (const zone of ['America/New_York', 'Mars/Olympus', '', 'UTC']) {
			const expected = reference('3/8/2026 02:30:00', 'start', zone);
			expect(actual('3/8/2026 02:30:00', 'start', zone)).toEqual(expected);
			expect(actual('3/8/2026 02:30:00', 'start', zone)).toEqual(expected);
		}
	});

	it('the start of a timesheet week (end − 6 days, start of day) is Luxon\'s, around DST changes', () => {
		const near = fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -10 * 86_400, max: 10 * 86_400 })).map(([change, shift]) => Date.parse(`${change}T00:00:00Z`) / 1000 + shift);
		fc.assert(
			fc.property(near, fc.constantFrom(...ZONES.filter((zone) => zoneOffsets(zone))), (seconds, zone) => {
				const entry = zoneOffsets(zone);
				if (!entry) throw new Error(zone);
				const expected = DateTime.fromSeconds(seconds, { zone }).minus({ days: 6 }).startOf('day').toMillis();
				expect(startOfDayBefore(entry, seconds, 6)).toBe(expected);
			}),
			{ numRuns: 20_000 },
		);
	});
});
