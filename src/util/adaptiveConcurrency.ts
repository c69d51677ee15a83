import type { RequestPacing, TrafficGate } from '../ten99policy/client';
import { RequestPacer } from './pacer';
import { RateGate } from './rateGate';
import type { Sleep } from './transport';

/**
 * How many requests may be in flight, learnt from the answers the way TCP learns its window (AIMD):
 *  - it starts at `start` (4: the fixed number the node used to send) and adds one per answer (doubling every round
 *    trip) until the first 429, then one per round trip;
 *  - it grows only while answers come back about as fast as the fastest seen (a recent round trip at most
 *    `latencyTolerance` × the fastest, plus `latencySlackMs`): longer round trips mean requests now queue (at the API,
 *    or for this process's CPU), so more in flight would only add waiting;
 *  - on a 429 that asks for a pause it halves, once per `Retry-After` pause or round trip, whichever is longer (the
 *    answers to requests already sent arrive with the first 429; they are the same signal, not a new one); a 429
 *    with `Retry-After: 0` (the limit has room again at once) changes nothing;
 *  - it never goes below one or above `max`.
 * The pause itself (every request waits for `Retry-After`) is the shared RateGate's: this only decides how many go.
 */
export class AdaptiveConcurrency {
	private window: number;
	/** Below it the window doubles per round trip; above it it grows by one per round trip. Set by the first 429. */
	private threshold = Infinity;
	private fastestMs = Infinity;
	/** Smoothed recent round trip (exponentially weighted, 1/8 per answer, as TCP smooths its RTT). */
	private recentMs: number | undefined;
	/** 429s answered before this moment belong to the back-off already made. */
	private calmAt = -Infinity;

	constructor(
		readonly max: number,
		private readonly now: () => number,
		start = 4,
		private readonly latencyTolerance = 2,
		private readonly latencySlackMs = 25,
	) {
		this.window = Math.max(1, Math.min(max, start));
	}

	/** The number of requests that may be in flight now (1…max). */
	get limit(): number {
		return Math.max(1, Math.min(this.max, Math.floor(this.window)));
	}

	/** Reports one answer (any status but a connection failure) and its round trip in ms. */
	onResponse(roundTripMs: number): void {
		if (!(roundTripMs >= 0)) return;
		this.fastestMs = Math.min(this.fastestMs, roundTripMs);
		this.recentMs = this.recentMs === undefined ? roundTripMs : this.recentMs + (roundTripMs - this.recentMs) / 8;
		if (this.recentMs > this.fastestMs * this.latencyTolerance + this.latencySlackMs) return;
		// During a 429 pause the answers still arriving were sent before it (some of them the 429s themselves).
		if (this.window >= this.max || this.now() < this.calmAt) return;
		this.window = Math.min(this.max, this.window + (this.window < this.threshold ? 1 : 1 / this.window));
	}

	/** Reports a 429 whose `Retry-After` (or assumed) pause is `delayMs`. */
	onRateLimited(delayMs: number): void {
		const now = this.now();
		// `Retry-After: 0` says the limit has room again at once: no reason to send fewer.
		if (!(delayMs > 0) || now < this.calmAt) return;
		this.window = Math.max(1, this.window / 2);
		this.threshold = this.window;
		// At least one round trip: the answers to the requests already in flight.
		this.calmAt = now + Math.max(delayMs, this.recentMs ?? 0);
	}
}

/**
 * The traffic control of one node run: the shared 429 pause (RateGate), the spreading of request starts
 * (RequestPacer, over however many are in flight now) and the adaptive limit, wired to the client's two hooks.
 * `limit` is what the parallel runner reads before it starts the next item.
 */
export function trafficControl(
	max: number,
	sleep: Sleep,
	now: () => number,
): { gate: TrafficGate; pacer: RequestPacing; readonly limit: number; concurrency: AdaptiveConcurrency } {
	const concurrency = new AdaptiveConcurrency(max, now);
	const rateGate = new RateGate(sleep, now);
	const requestPacer = new RequestPacer(() => concurrency.limit, sleep, now);
	return {
		gate: {
			beforeRequest: () => rateGate.beforeRequest(),
			onRateLimited: (delayMs) => {
				rateGate.onRateLimited(delayMs);
				concurrency.onRateLimited(delayMs);
			},
		},
		pacer: {
			beforeRequest: () => requestPacer.beforeRequest(),
			onResponse: (roundTripMs) => {
				requestPacer.onResponse(roundTripMs);
				concurrency.onResponse(roundTripMs);
			},
		},
		get limit() {
			return concurrency.limit;
		},
		concurrency,
	};
}
