import { DateTime } from 'luxon';
import { ValueError } from '../util/valueError';

/** Largest Unix-seconds value we accept (year 5138); anything larger is almost certainly milliseconds. */
const MAX_UNIX_SECONDS = 1e11;

/**
 * Converts what an n8n user can put in a date field — a Unix-seconds number or digit string, an ISO 8601
 * string, a Luxon DateTime or a JS Date — to Unix seconds UTC, the only form 1099Policy accepts.
 * ISO strings without an offset are read in `zone` (nodes pass the workflow's time zone).
 */
export function toUnixSeconds(value: unknown, field: string, zone = 'UTC'): number {
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))) {
		const seconds = Number(value);
		if (!Number.isFinite(seconds) || seconds < 0) {
			throw new ValueError(field, value, 'is not a valid Unix timestamp', 'Enter Unix seconds, an ISO date such as 2026-12-01 or 2026-12-01T09:00:00Z, or a Luxon date.');
		}
		if (seconds >= MAX_UNIX_SECONDS) {
			throw new ValueError(field, value, 'looks like milliseconds, not seconds', 'Divide it by 1000, e.g. {{ Math.floor($json.date / 1000) }}.');
		}
		return Math.floor(seconds);
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new ValueError(field, value, 'is an invalid Date', 'Check the expression that builds it.');
		return Math.floor(value.getTime() / 1000);
	}
	if (DateTime.isDateTime(value)) {
		if (!value.isValid) throw new ValueError(field, String(value), `is an invalid Luxon date (${value.invalidReason})`, 'Check the expression that builds it.');
		return Math.floor(value.toSeconds());
	}
	if (isLuxonLike(value)) return Math.floor(value.toSeconds());
	if (typeof value === 'string') {
		const parsed = DateTime.fromISO(value.trim(), { zone, setZone: true });
		if (parsed.isValid) return Math.floor(parsed.toSeconds());
		throw new ValueError(field, value, 'is not a date', 'Enter an ISO date such as 2026-12-01 or 2026-12-01T09:00:00Z, Unix seconds, or a Luxon date.');
	}
	throw new ValueError(field, value, 'is not a date', 'Enter an ISO date, Unix seconds, or a Luxon date.');
}

// A DateTime created by another copy of Luxon (n8n's) fails `isDateTime` across module instances.
function isLuxonLike(value: unknown): value is { toSeconds(): number; isValid: boolean } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toSeconds?: unknown }).toSeconds === 'function' &&
		(value as { isValid?: unknown }).isValid === true
	);
}
