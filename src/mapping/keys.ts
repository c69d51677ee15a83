import { hash } from 'crypto';

/**
 * Idempotency keys for the `Ten99Policy-Idempotent-Key` header: `jobdiva-<object>-<JobDiva id>-<hash8>`.
 * The hash is over the request body (keys sorted), so re-running the same JobDiva record reuses the key and
 * 1099Policy replays its first answer instead of creating a duplicate, while a changed record (new dates, new
 * rate) gets a new key and really is sent. 1099Policy keeps keys 24 h.
 */
export type KeyKind = 'candidate' | 'job' | 'placement' | 'assignment' | 'session' | 'invoice' | 'timesheet' | 'certificate';

/**
 * JSON with object keys sorted and undefined members left out, so equal bodies give equal keys whatever order
 * they were built in. Written as plain loops: it runs for every request body of every mapped item, and the
 * intermediate entry arrays of the obvious version were a good share of the mapping's garbage.
 */
export function stableStringify(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (Array.isArray(value)) {
		let out = '[';
		for (let index = 0; index < value.length; index++) {
			// A hole in a sparse array writes nothing, as Array#map + join did.
			out += (index === 0 ? '' : ',') + (index in value ? stableStringify(value[index]) : '');
		}
		return `${out}]`;
	}
	if (value && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		const keys = sortedKeys(object);
		let out = '{';
		let first = true;
		for (const key of keys) {
			const item = object[key];
			if (item === undefined) continue;
			// strings (most members) straight to JSON.stringify, as the recursive call would
			out += `${first ? '' : ','}${quotedKey(key)}:${typeof item === 'string' ? JSON.stringify(item) : stableStringify(item)}`;
			first = false;
		}
		return `${out}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Own keys in code-unit order; insertion sort, as bodies have a handful of keys. */
function sortedKeys(object: Record<string, unknown>): string[] {
	const keys = Object.keys(object);
	for (let index = 1; index < keys.length; index++) {
		const key = keys[index];
		let before = index - 1;
		while (before >= 0 && keys[before] > key) {
			keys[before + 1] = keys[before];
			before--;
		}
		keys[before + 1] = key;
	}
	return keys;
}

/**
 * `JSON.stringify(key)`, remembered: body keys are the same few dozen names every time. Bounded (emptied when
 * full) since nested custom_metadata keys could in principle be anything.
 */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_LIMIT = 1000;

function quotedKey(key: string): string {
	let quoted = quotedKeys.get(key);
	if (quoted === undefined) {
		quoted = JSON.stringify(key);
		if (quotedKeys.size >= QUOTED_KEYS_LIMIT) quotedKeys.clear();
		quotedKeys.set(key, quoted);
	}
	return quoted;
}

/** The first 8 hex digits of the SHA-256 of the text (one-shot `crypto.hash`: a third of createHash's cost). */
export function shortHash(content: unknown): string {
	const text = typeof content === 'string' ? content : stableStringify(content);
	return hash('sha256', text, 'hex').slice(0, 8);
}

const SAFE_ID = /^[A-Za-z0-9_.-]*$/;

/** JobDiva IDs may hold commas (`"<employeeid>,<recid>"` on billing webhooks); keys keep only safe characters. */
export function safeId(id: string): string {
	const trimmed = id.trim();
	// most IDs are safe already: test before building a replaced copy
	const cleaned = SAFE_ID.test(trimmed) ? trimmed : trimmed.replace(/[^A-Za-z0-9_.-]+/g, '_');
	return cleaned === '' ? 'none' : cleaned.slice(0, 64);
}

export function idempotencyKey(kind: KeyKind, id: string, content: unknown): string {
	return keyFromHash(kind, id, shortHash(content));
}

/** {@link idempotencyKey} when the body's {@link shortHash} is already known (two bodies with equal content). */
export function keyFromHash(kind: KeyKind, id: string, hash8: string): string {
	return `jobdiva-${kind}-${safeId(id)}-${hash8}`;
}
