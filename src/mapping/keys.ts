import { hash } from 'crypto';

/**
 * Idempotency keys for the `Ten99Policy-Idempotent-Key` header: `jobdiva-<object>-<JobDiva id>-<hash8>`.
 * The hash is over the request body (keys sorted), so re-running the same JobDiva record reuses the key and
 * 1099Policy replays its first answer instead of creating a duplicate, while a changed record (new dates, new
 * rate) gets a new key and really is sent. 1099Policy keeps keys 24 h.
 */
export type KeyKind = 'candidate' | 'job' | 'placement' | 'assignment' | 'session' | 'invoice' | 'timesheet' | 'certificate';

/** JSON with object keys sorted and undefined members left out, so equal bodies give equal keys whatever order they were built in. */
export function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, item]) => item !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The first 8 hex digits of the SHA-256 of the text (or of the value's {@link stableStringify}). */
export function shortHash(content: unknown): string {
	const text = typeof content === 'string' ? content : stableStringify(content);
	return hash('sha256', text, 'hex').slice(0, 8);
}

/** JobDiva IDs may hold commas (`"<employeeid>,<recid>"` on billing webhooks); keys keep only safe characters. */
export function safeId(id: string): string {
	const cleaned = id.trim().replace(/[^A-Za-z0-9_.-]+/g, '_');
	return cleaned === '' ? 'none' : cleaned.slice(0, 64);
}

export function idempotencyKey(kind: KeyKind, id: string, content: unknown): string {
	return `jobdiva-${kind}-${safeId(id)}-${shortHash(content)}`;
}
