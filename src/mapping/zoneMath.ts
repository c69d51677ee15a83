import { FixedOffsetZone, IANAZone, Info, Settings, type Zone } from 'luxon';

/**
 * Wall-clock ↔ instant arithmetic that gives exactly what Luxon gives, without building DateTime objects.
 *
 * Luxon's `fromFormat`/`fromISO` in a zone, `startOf('day')` and `endOf('day')` all come down to four small
 * steps (datetime.js: `objToLocalTS`, `tsToObj`, `fixOffset`, and the zone's `offset(ts)`). The costly one is
 * `offset(ts)`: an `Intl.DateTimeFormat.formatToParts` call, made several times per parsed date. Here the steps
 * are repeated literally, and the offset is still Luxon's own `zone.offset(ts)`, but memoised per zone and
 * instant: a mapping run reads the same few dates (placement starts, week endings) in the same few zones over
 * and over. `test/unit/mapping/zoneMath.test.ts` checks the results against Luxon across DST changes.
 */

/** A zone Luxon would use for this name, with memoised offsets; undefined when the fast path must not be used. */
export interface ZoneOffsets {
	zone: Zone;
	/** Instant (ms) → offset (minutes), bounded (see OFFSET_MEMO_LIMIT). */
	memo: Map<number, number>;
	/** The offset "now", and the window [from, until) of `Settings.now()` it holds for. */
	now: { offset: number; from: number; until: number };
}

/**
 * Bounded so a long-running n8n worker mapping dates from all over the calendar does not grow without limit:
 * 4,096 instants per zone covers years of daily dates; when full the memo starts again (cheap, rare).
 */
const OFFSET_MEMO_LIMIT = 4096;
/** Zone names seen (parameters, the state table): a handful; bounded against a caller passing arbitrary names. */
const ZONE_LIMIT = 256;
/** How long an offset read at "now" is reused; it is re-read after, and never reused across a change (see offsetNow). */
const NOW_WINDOW_MS = 60_000;

const zones = new Map<string, ZoneOffsets | null>();

/**
 * The memo for a zone name, or undefined when the name is not a valid IANA or fixed-offset zone (or one whose
 * meaning can change at run time: "default", "local", "system"), in which case callers take Luxon's own path.
 */
export function zoneOffsets(name: string): ZoneOffsets | undefined {
	const cached = zones.get(name);
	if (cached !== undefined) return cached ?? undefined;
	let entry: ZoneOffsets | null = null;
	const lowered = name.toLowerCase();
	if (lowered !== 'default' && lowered !== 'local' && lowered !== 'system') {
		const zone = Info.normalizeZone(name);
		if (zone && zone.isValid && (zone instanceof IANAZone || zone instanceof FixedOffsetZone)) {
			entry = { zone, memo: new Map(), now: { offset: 0, from: 0, until: 0 } };
		}
	}
	if (zones.size >= ZONE_LIMIT) zones.clear();
	zones.set(name, entry);
	return entry ?? undefined;
}

/** Luxon's `zone.offset(ts)` in minutes, memoised. */
export function offsetAt(entry: ZoneOffsets, ts: number): number {
	let offset = entry.memo.get(ts);
	if (offset === undefined) {
		offset = entry.zone.offset(ts);
		if (entry.memo.size >= OFFSET_MEMO_LIMIT) entry.memo.clear();
		entry.memo.set(ts, offset);
	}
	return offset;
}

/**
 * The zone's offset at `Settings.now()`: Luxon's first guess when it turns a wall-clock time into an instant
 * (`fromObject`'s `offsetProvis`), which decides how ambiguous and skipped times (DST changes) are read. Reused
 * for a minute only when the offset is the same at both ends of that minute, so a DST change is never missed.
 */
export function offsetNow(entry: ZoneOffsets): number {
	const now = Settings.now();
	const held = entry.now;
	if (now >= held.from && now < held.until) return held.offset;
	const offset = entry.zone.offset(now);
	const until = now + NOW_WINDOW_MS;
	if (entry.zone.offset(until) === offset) {
		held.offset = offset;
		held.from = now;
		held.until = until;
	}
	return offset;
}

/** Luxon's `objToLocalTS`: calendar fields read as if UTC, years 0–99 kept as such. */
export function localTS(year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number): number {
	let ts = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
	if (year < 100 && year >= 0) {
		const date = new Date(ts);
		date.setUTCFullYear(year, month - 1, day);
		ts = +date;
	}
	return ts;
}

/** Luxon's `fixOffset`: the instant for a wall-clock time, starting from a guessed offset. Returns [ts, offset]. */
export function fixOffset(local: number, guess: number, entry: ZoneOffsets): [number, number] {
	let utcGuess = local - guess * 60_000;
	const o2 = offsetAt(entry, utcGuess);
	if (guess === o2) return [utcGuess, guess];
	utcGuess -= (o2 - guess) * 60_000;
	const o3 = offsetAt(entry, utcGuess);
	if (o2 === o3) return [utcGuess, o2];
	// A skipped hour: Luxon keeps the wall-clock time and takes the larger offset.
	return [local - Math.min(o2, o3) * 60_000, Math.max(o2, o3)];
}

/** The wall-clock fields of instant `ts` at `offset` (Luxon's `tsToObj`), as a Date read through its UTC getters. */
export function wallDate(ts: number, offset: number): Date {
	return new Date(ts + offset * 60_000);
}

/**
 * A DateTime as Luxon holds it: the instant and the offset its wall-clock fields were read at. Luxon's `clone`
 * (behind `set`, `plus`, `minus`) keeps the old offset when the instant did not move and re-reads the zone's
 * offset when it did, whatever offset `fixOffset` suggested; `moved` repeats that.
 */
export type Instant = [ts: number, offset: number];

function moved(entry: ZoneOffsets, before: Instant, ts: number): Instant {
	return ts === before[0] ? before : [ts, offsetAt(entry, ts)];
}

/**
 * `DateTime.fromObject(fields, { zone })` for fields Luxon accepts as valid: the offset fixOffset found is kept.
 * `guess` is {@link offsetNow} (taken by the caller, which remembers readings per guess).
 */
export function fromWallClock(entry: ZoneOffsets, guess: number, year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number): Instant {
	return fixOffset(localTS(year, month, day, hour, minute, second, millisecond), guess, entry);
}

/** `dt.startOf('day')`: Luxon's `set({hour: 0, minute: 0, second: 0, millisecond: 0})`. */
export function startOfDay(entry: ZoneOffsets, dt: Instant): Instant {
	const wall = wallDate(dt[0], dt[1]);
	const [ts] = fixOffset(localTS(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), 0, 0, 0, 0), dt[1], entry);
	return moved(entry, dt, ts);
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `dt.endOf('day').set({ millisecond: 0 })`, step by step as Luxon does it: plus one day, start of that day,
 * minus 1 ms, then the millisecond set to 0. Returns the instant in ms.
 */
export function endOfDaySecond(entry: ZoneOffsets, dt: Instant): number {
	// plus({ days: 1 }): Luxon's adjustTime
	const wall = wallDate(dt[0], dt[1]);
	const year = wall.getUTCFullYear();
	const month = wall.getUTCMonth() + 1;
	const day = Math.min(wall.getUTCDate(), daysInMonth(year, month)) + 1;
	const [nextTs] = fixOffset(localTS(year, month, day, wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds()), dt[1], entry);
	const next = moved(entry, dt, nextTs);
	// startOf('day')
	const start = startOfDay(entry, next);
	// minus(1): the (unchanged) calendar part through fixOffset, then 1 ms off the instant
	const [sameTs] = fixOffset(start[0] + start[1] * 60_000, start[1], entry);
	const last = moved(entry, start, sameTs - 1);
	// set({ millisecond: 0 })
	const lastWall = wallDate(last[0], last[1]);
	const [endTs] = fixOffset(
		localTS(lastWall.getUTCFullYear(), lastWall.getUTCMonth() + 1, lastWall.getUTCDate(), lastWall.getUTCHours(), lastWall.getUTCMinutes(), lastWall.getUTCSeconds(), 0),
		last[1],
		entry,
	);
	return endTs;
}

/**
 * `DateTime.fromSeconds(seconds, { zone }).minus({ days }).startOf('day')` in ms: the start of the day `days`
 * calendar days before the one holding that instant.
 */
export function startOfDayBefore(entry: ZoneOffsets, seconds: number, days: number): number {
	const ts = seconds * 1000;
	const dt: Instant = [ts, offsetAt(entry, ts)];
	// minus({ days }): Luxon's adjustTime, calendar part only
	const wall = wallDate(dt[0], dt[1]);
	const year = wall.getUTCFullYear();
	const month = wall.getUTCMonth() + 1;
	const day = Math.min(wall.getUTCDate(), daysInMonth(year, month)) - days;
	const [earlierTs] = fixOffset(localTS(year, month, day, wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds()), dt[1], entry);
	return startOfDay(entry, moved(entry, dt, earlierTs))[0];
}
