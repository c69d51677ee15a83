import type { Sleep } from '../ten99policy/transport';

/**
 * Spreads the request starts of parallel workers over the round trip instead of letting them travel in a bunch.
 *
 * Workers that start together get their answers together, and one event loop then handles the answers (and builds
 * and sends each worker's next request) one after another: the last worker of the bunch waits for the CPU of all the
 * others, every round, and the bunch never breaks up by itself. Starting requests at least
 * `fastest round trip / (spread × workers)` apart makes the answers arrive apart, so each is handled as it arrives.
 * The interval comes from the fastest round trip seen so far, so a slow answer never widens it, and at most
 * `spread × workers` requests start per fastest round trip: more than the workers can send, so pacing never lowers
 * the throughput, it only evens out the starts. One worker, or no answer yet, is never paced.
 */
export class RequestPacer {
	private nextSlot = -Infinity;
	private fastestMs = Infinity;

	constructor(
		private readonly workers: number,
		private readonly sleep: Sleep,
		private readonly now: () => number,
		private readonly spread = 1,
		/** Waits shorter than this are skipped: a timer cannot wait less than a millisecond anyway. */
		private readonly minWaitMs = 1,
	) {}

	/** The fastest round trip seen so far, in ms (Infinity before the first answer). */
	get fastestRoundTripMs(): number {
		return this.fastestMs;
	}

	/** The interval kept between request starts, in ms (0: not pacing). */
	get intervalMs(): number {
		if (this.workers <= 1 || !Number.isFinite(this.fastestMs)) return 0;
		return this.fastestMs / (this.spread * this.workers);
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
