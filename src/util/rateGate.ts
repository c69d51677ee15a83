import type { TrafficGate } from '../ten99policy/client';
import type { Sleep } from './transport';

/**
 * Shared by every request of one node run: when any request is answered 429, all requests pause until the
 * `Retry-After` moment, so parallel workers slow down together instead of each hammering the API.
 */
export class RateGate implements TrafficGate {
	private resumeAt = 0;

	constructor(
		private readonly sleep: Sleep,
		private readonly now: () => number = Date.now,
	) {}

	async beforeRequest(): Promise<void> {
		// Loop: another worker may push resumeAt further while we sleep.
		for (let wait = this.resumeAt - this.now(); wait > 0; wait = this.resumeAt - this.now()) {
			await this.sleep(wait);
		}
	}

	onRateLimited(delayMs: number): void {
		this.resumeAt = Math.max(this.resumeAt, this.now() + delayMs);
	}
}
