/** How many recent event IDs the trigger remembers by default. */
export const DEFAULT_DEDUPE_WINDOW = 1000;

/**
 * The IDs of the most recent events, oldest first, bounded: remembering one more than `capacity` forgets the
 * oldest. 1099Policy retries a delivery that did not get a 2xx, so the same event ID can arrive more than once;
 * this is how the trigger tells. The state is a plain string array so it can live in n8n's workflow static data.
 *
 * The window is rebuilt from static data on every delivery and looked up once, so a plain array is used: a linear
 * scan of 1,000 short strings costs about a microsecond, while building a Set for the single lookup costs tens.
 */
export class RecentEventIds {
	private readonly order: string[];
	/** Built by `absorb` for a long-lived window; a window rebuilt per delivery scans `order` instead (see above). */
	private index?: Set<string>;

	constructor(
		readonly capacity: number = DEFAULT_DEDUPE_WINDOW,
		ids: readonly string[] = [],
	) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`The deduplication window must be a whole number of at least 1 (got ${capacity}).`);
		}
		// The newest `capacity` IDs of the given state. A state written by toState() has no repeats; a repeat in a
		// hand-edited one would only take up a slot.
		this.order = ids.slice(-capacity);
	}

	/** Restores a window from static data; anything that is not an array of strings counts as empty. */
	static fromState(state: unknown, capacity: number = DEFAULT_DEDUPE_WINDOW): RecentEventIds {
		const ids = Array.isArray(state) ? state.filter((id): id is string => typeof id === 'string') : [];
		return new RecentEventIds(capacity, ids);
	}

	get size(): number {
		return this.order.length;
	}

	has(id: string): boolean {
		return this.index ? this.index.has(id) : this.order.includes(id);
	}

	/** Records an ID. Returns false when it was already in the window (a repeat delivery). */
	remember(id: string): boolean {
		if (this.has(id)) return false;
		this.order.push(id);
		this.index?.add(id);
		if (this.order.length > this.capacity) {
			const dropped = this.order.splice(0, this.order.length - this.capacity);
			if (this.index) for (const old of dropped) this.index.delete(old);
		}
		return true;
	}

	/**
	 * Remembers every ID of a stored state this window does not hold yet (IDs another process stored), oldest first.
	 * For a window that lives across deliveries: it keeps a Set from the first call on, so merging a full state costs
	 * one lookup per ID instead of a scan of the window per ID (which made each delivery cost about a millisecond).
	 */
	absorb(state: unknown): void {
		if (!Array.isArray(state)) return;
		this.index ??= new Set(this.order);
		for (const id of state) if (typeof id === 'string' && !this.index.has(id)) this.remember(id);
	}

	/** A fresh array (oldest first) to store; assigning a new array also marks n8n's static data as changed. */
	toState(): string[] {
		return this.order.slice();
	}
}
