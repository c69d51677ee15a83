import type { Sleep } from './transport';

/**
 * Spreads the request starts of parallel workers over the round trip instead of letting them travel in a bunch.
 *
 * Workers that start together get their answers together, and the one event loop handles them one after another.
 * Worse, each handled answer starts the worker's next request, but its bytes go out only on a later loop turn, after
 * the other answers already waiting: so the next requests leave together again, and the bunch never breaks up.
 * Measured at 4 in parallel against 25 ms answers, every request then waited ~4 ms for the others' CPU.
 *
 * Starting requests at least `fastest round trip / (spread × workers)` apart makes the answers arrive apart, so each
 * is handled as it arrives. The fastest round trip seen so far sets the interval, so a slow answer never widens it;
 * at most `spread × workers` requests start per fastest round trip, more than the workers can send (each waits at
 * least that long for its answer), so pacing does not lower the throughput, it only evens out the starts. A spread
 * of 1.5 leaves room for round trips that vary by a millisecond or two without making requests wait for a slot.
 * One worker, or no answer yet, is never paced.
 */
export class RequestPacer {
	private nextSlot = -Infinity;
	private fastestMs = Infinity;

	constructor(
		/** How many requests are in flight at most (a function when that changes during the run). */
		private readonly workers: number | (() => number),
		private readonly sleep: Sleep,
		private readonly now: () => number,
		private readonly spread = 1.5,
		/** Waits shorter than this are skipped: a timer cannot wait less than a millisecond anyway. */
		private readonly minWaitMs = 1,
	) {}

	/** The interval kept between request starts, in ms (0: not pacing). */
	get intervalMs(): number {
		const workers = typeof this.workers === 'number' ? this.workers : this.workers();
		if (workers <= 1 || !Number.isFinite(this.fastestMs)) return 0;
		return this.fastestMs / (this.spread * workers);
	}

	/** Resolves when this request may start: takes the next free start slot. */
	async beforeRequest(): Promise<void> {
		const interval = this.intervalMs;
		if (interval <= 0) return;
		const now = this.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + interval;
		if (slot - now >= this.minWaitMs) await this.sleep(slot - now);
	}

	/** Reports how long one request took, from its start to its answer. */
	onResponse(roundTripMs: number): void {
		if (roundTripMs >= 0 && roundTripMs < this.fastestMs) this.fastestMs = roundTripMs;
	}
}
