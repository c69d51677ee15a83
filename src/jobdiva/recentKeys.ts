/**
 * A bounded first-in-first-out set of keys that survives as plain JSON in n8n's static data. Used to drop repeated
 * webhook deliveries and records a poll has already emitted.
 */
export class RecentKeys {
	private readonly order: string[];
	private readonly set: Set<string>;

	private constructor(keys: string[], readonly limit: number) {
		this.order = keys.slice(-limit);
		this.set = new Set(this.order);
	}

	static fromState(state: unknown, limit: number): RecentKeys {
		const keys = Array.isArray(state) ? state.filter((k): k is string => typeof k === 'string') : [];
		return new RecentKeys(keys, Math.max(1, Math.floor(limit)));
	}

	has(key: string): boolean {
		return this.set.has(key);
	}

	/** Adds a key, forgetting the oldest beyond the limit. Returns false when it was already there. */
	add(key: string): boolean {
		if (this.set.has(key)) return false;
		this.order.push(key);
		this.set.add(key);
		while (this.order.length > this.limit) this.set.delete(this.order.shift() as string);
		return true;
	}

	/** A fresh array, so n8n's observable static data sees the change and saves it. */
	toState(): string[] {
		return [...this.order];
	}

	get size(): number {
		return this.order.length;
	}
}
