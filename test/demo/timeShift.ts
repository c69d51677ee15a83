import { defaultFixtures, type StandinFixtures } from '../jobdiva-standin';

/**
 * The JobDiva stand-in's fixtures are written for 2026-11-23 (hires in the weeks before, placements starting after).
 * So that the demo and the tests keep working on any later day — the template reads "the last 30 days" of hires and
 * 1099Policy refuses coverage that starts in the past — every date in them is moved forward by whole days to today.
 */
export const FIXTURES_WRITTEN_FOR = Date.UTC(2026, 10, 23);
const DAY = 24 * 60 * 60 * 1000;

const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})( \d{2}:\d{2}:\d{2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** searchStart keys whose numbers are epoch milliseconds. */
const EPOCH_MS_KEYS = new Set(['start date', 'end date']);

export function fixturesForToday(now = Date.now()): StandinFixtures {
	const days = Math.max(0, Math.floor((now - FIXTURES_WRITTEN_FOR) / DAY));
	return shift(defaultFixtures(), days) as StandinFixtures;
}

function shift(value: unknown, days: number, key = ''): unknown {
	if (days === 0) return value;
	if (Array.isArray(value)) return value.map((item) => shift(item, days));
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v, days, k)]));
	}
	if (typeof value === 'number' && EPOCH_MS_KEYS.has(key)) return value + days * DAY;
	if (typeof value !== 'string') return value;
	const us = US_DATE.exec(value);
	if (us) {
		const moved = new Date(Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])) + days * DAY);
		const mm = String(moved.getUTCMonth() + 1).padStart(2, '0');
		const dd = String(moved.getUTCDate()).padStart(2, '0');
		return `${mm}/${dd}/${moved.getUTCFullYear()}${us[4] ?? ''}`;
	}
	if (ISO_DATE.test(value)) {
		const [date, time] = value.split('T');
		const moved = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
		return time === undefined ? moved : `${moved}T${time}`;
	}
	return value;
}
