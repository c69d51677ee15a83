import { createHash } from 'crypto';

/** Keys longer than this are kept as their SHA-256 (`sha256:` and 64 hex digits), so a sender cannot grow the state. */
export const MAX_KEY_LENGTH = 128;

/** How a key is kept: as is when short, else its digest (equal keys keep equal digests, so lookups still match). */
export function storedKey(key: string): string {
	return key.length > MAX_KEY_LENGTH ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key;
}

/**
 * The most recent keys, oldest first, bounded in count (remembering one more than `capacity` forgets the oldest)
 * and in size (long keys are kept as digests). The state is a plain string array, so it can live in n8n's workflow
 * static data. Used to drop repeated webhook deliveries (1099Policy event IDs, JobDiva delivery keys) and records a
 * poll has already emitted.
 *
 * A window rebuilt from static data on every delivery is looked up once, so a plain array is used: a linear scan of
 * 1,000 short strings costs about a microsecond, while building a Set for the single lookup costs tens.
 */
export class RecentKeys {
	private readonly order: string[];
	/** Built by `absorb` for a long-lived window; a window rebuilt per delivery scans `order` instead (see above). */
	private index?: Set<string>;

	constructor(
		readonly capacity: number,
		keys: readonly string[] = [],
	) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`The deduplication window must be a whole number of at least 1 (got ${capacity}).`);
		}
		// The newest `capacity` keys of the given state. A state written by toState() has no repeats; a repeat in a
		// hand-edited one would only take up a slot.
		this.order = keys.slice(-capacity).map(storedKey);
	}

	/** Restores a window from static data; anything that is not an array of strings counts as empty. */
	static fromState(state: unknown, capacity: number): RecentKeys {
		const keys = Array.isArray(state) ? state.filter((key): key is string => typeof key === 'string') : [];
		return new RecentKeys(Math.max(1, Math.floor(capacity)), keys);
	}

	get size(): number {
		return this.order.length;
	}

	has(key: string): boolean {
		const stored = storedKey(key);
		return this.index ? this.index.has(stored) : this.order.includes(stored);
	}

	/** Records a key. Returns false when it was already in the window (a repeat). */
	add(key: string): boolean {
		if (this.has(key)) return false;
		const stored = storedKey(key);
		this.order.push(stored);
		this.index?.add(stored);
		if (this.order.length > this.capacity) {
			const dropped = this.order.splice(0, this.order.length - this.capacity);
			if (this.index) for (const old of dropped) this.index.delete(old);
		}
		return true;
	}

	/**
	 * Remembers every key of a stored state this window does not hold yet (keys another process stored), oldest
	 * first. For a window that lives across deliveries: it keeps a Set from the first call on, so merging a full state
	 * costs one lookup per key instead of a scan of the window per key.
	 */
	absorb(state: unknown): void {
		if (!Array.isArray(state)) return;
		this.index ??= new Set(this.order);
		for (const key of state) if (typeof key === 'string' && !this.index.has(storedKey(key))) this.add(key);
	}

	/** A fresh array (oldest first) to store; assigning a new array also marks n8n's static data as changed. */
	toState(): string[] {
		return this.order.slice();
	}
}
