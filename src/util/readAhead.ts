/**
 * Reads items ahead of the workers that process them: `prefetch(i)` starts `read(i)` early (e.g. while requests are
 * in flight and the CPU is idle), and `take(i)` hands over that read, or reads now if none was started. Each item is
 * read at most once, and a failed early read fails only when its item is taken, exactly as a read at that moment
 * would have. Items are taken in index order, so nothing is kept for an item already taken.
 */
export class ReadAhead<T> {
	private readonly pending = new Map<number, Promise<T>>();
	private lastTaken = -1;
	private closed = false;

	/** `read` must report failures by rejecting, not by throwing. */
	constructor(
		private readonly read: (index: number) => Promise<T>,
		private readonly count: number,
	) {}

	take(index: number): Promise<T> {
		if (index > this.lastTaken) this.lastTaken = index;
		const early = this.pending.get(index);
		if (early === undefined) return this.read(index);
		this.pending.delete(index);
		return early;
	}

	prefetch(index: number): void {
		if (this.closed || index <= this.lastTaken || index >= this.count || this.pending.has(index)) return;
		const early = this.read(index);
		// Handled when taken; until then an early failure must not count as an unhandled rejection.
		early.catch(() => undefined);
		this.pending.set(index, early);
	}

	/** Once the run is over: later prefetches do nothing, early reads not taken are dropped. */
	close(): void {
		this.closed = true;
		this.pending.clear();
	}
}
