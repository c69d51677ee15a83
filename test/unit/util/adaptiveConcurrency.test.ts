/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrency, trafficControl } from '../../../src/util/adaptiveConcurrency';
import { mapWithConcurrency } from '../../../src/util/pool';

/** A fake clock: sleeps move it to their end. */
function fakeClock() {
	let now = 0;
	return {
		now: () => now,
		set: (ms: number) => void (now = ms),
		sleep: async (ms: number) => {
			const end = now + ms;
			await Promise.resolve();
			now = Math.max(now, end);
		},
	};
}

describe('AdaptiveConcurrency', () => {
	it('starts at 4 (or the maximum if lower) and doubles per round trip of fast answers (one more per answer), never above the maximum', () => {
		const clock = fakeClock();
		expect(new AdaptiveConcurrency(2, clock.now).limit).toBe(2);
		expect(new AdaptiveConcurrency(20, clock.now).limit).toBe(4);
		const limit = new AdaptiveConcurrency(20, clock.now, 1);
		expect(limit.limit).toBe(1);
		const roundTrip = () => {
			const inFlight = limit.limit;
			for (let i = 0; i < inFlight; i++) limit.onResponse(25);
			return limit.limit;
		};
		expect([roundTrip(), roundTrip(), roundTrip(), roundTrip(), roundTrip(), roundTrip()]).toEqual([2, 4, 8, 16, 20, 20]);
	});

	it('stops growing while answers take longer than twice the fastest (plus 25 ms), and grows again when they are fast', () => {
		const clock = fakeClock();
		const limit = new AdaptiveConcurrency(50, clock.now, 1);
		for (let i = 0; i < 5; i++) limit.onResponse(20);
		expect(limit.limit).toBe(6);
		// Queueing: round trips of 100 ms pull the smoothed round trip above 65 ms within some answers; from then on it holds.
		for (let i = 0; i < 40; i++) limit.onResponse(100);
		const held = limit.limit;
		expect(held).toBeLessThan(15);
		for (let i = 0; i < 20; i++) limit.onResponse(100);
		expect(limit.limit).toBe(held);
		// Fast again: once the smoothed round trip is back under 65 ms it grows again.
		for (let i = 0; i < 40; i++) limit.onResponse(20);
		expect(limit.limit).toBeGreaterThan(held);
	});

	it('halves on a 429, once per Retry-After pause, does not grow during the pause, then grows by one per round trip', () => {
		const clock = fakeClock();
		const limit = new AdaptiveConcurrency(64, clock.now);
		for (let i = 0; i < 28; i++) limit.onResponse(25);
		expect(limit.limit).toBe(32);
		limit.onRateLimited(1000);
		expect(limit.limit).toBe(16);
		// The other requests in flight get their 429s (and answers) within the pause: the same signal, no second halving.
		clock.set(30);
		limit.onRateLimited(1000);
		for (let i = 0; i < 10; i++) limit.onResponse(25);
		expect(limit.limit).toBe(16);
		// After the pause: additive increase, about one per round trip (1/window per answer: 17 answers → 17).
		clock.set(1001);
		for (let i = 0; i < 15; i++) limit.onResponse(25);
		expect(limit.limit).toBe(16);
		for (let i = 0; i < 2; i++) limit.onResponse(25);
		expect(limit.limit).toBe(17);
		// A 429 after the pause is news: halve again.
		limit.onRateLimited(1000);
		expect(limit.limit).toBe(8);
	});

	it('never goes below one, however many 429s', () => {
		const clock = fakeClock();
		const limit = new AdaptiveConcurrency(8, clock.now);
		for (let t = 0; t < 10; t++) {
			clock.set(t * 2000);
			limit.onRateLimited(1000);
		}
		expect(limit.limit).toBe(1);
	});
});

describe('trafficControl', () => {
	it('one 429 pauses every request until Retry-After and halves the limit; the pacer spreads starts over the current limit', async () => {
		const clock = fakeClock();
		const traffic = trafficControl(16, clock.sleep, clock.now);
		for (let i = 0; i < 4; i++) traffic.pacer.onResponse(24);
		expect(traffic.limit).toBe(8);
		traffic.gate.onRateLimited(1000);
		expect(traffic.limit).toBe(4);
		await traffic.gate.beforeRequest();
		expect(clock.now()).toBe(1000);
		// Pacing: starts 24 / (1.5 × 4) = 4 ms apart at 4 in flight.
		const starts: number[] = [];
		for (let i = 0; i < 3; i++) {
			await traffic.pacer.beforeRequest();
			starts.push(clock.now());
		}
		expect(starts).toEqual([1000, 1004, 1008]);
	});
});

describe('mapWithConcurrency with a changing limit', () => {
	it('keeps at most the current limit in flight, follows it up and down, and keeps the input order', async () => {
		let limit = 1;
		let running = 0;
		const seen: number[] = [];
		const results = await mapWithConcurrency(
			Array.from({ length: 40 }, (_, i) => i),
			() => limit,
			async (item) => {
				running++;
				seen.push(running);
				// Items take different numbers of event-loop turns, so they finish out of order (deterministically).
				for (let turn = 0; turn <= (item * 7) % 5; turn++) await Promise.resolve();
				running--;
				// Grows to 6 by the 10th item, back to 2 from the 25th.
				limit = item < 10 ? Math.min(6, limit + 1) : item < 25 ? limit : 2;
				return item * 2;
			},
		);
		expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
		expect(Math.max(...seen)).toBe(6);
		expect(seen[0]).toBe(1);
		// Once the limit is 2 and the items started under 6 have finished, never more than 2 at once.
		expect(Math.max(...seen.slice(-10))).toBeLessThanOrEqual(2);
	});

	it('starts no further item after a failure and throws it', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (item) => {
				started.push(item);
				await Promise.resolve();
				if (item === 1) throw new Error('item 1 failed');
				return item;
			}),
		).rejects.toThrow('item 1 failed');
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(started).toEqual([0, 1, 2]);
	});
});

describe('AdaptiveConcurrency and short pauses', () => {
	it('halves once per round trip when Retry-After is shorter than one; Retry-After: 0 changes nothing', () => {
		const clock = fakeClock();
		const limit = new AdaptiveConcurrency(64, clock.now);
		for (let i = 0; i < 12; i++) limit.onResponse(30);
		expect(limit.limit).toBe(16);
		limit.onRateLimited(0);
		expect(limit.limit).toBe(16);
		limit.onRateLimited(5);
		clock.set(20);
		limit.onRateLimited(5);
		expect(limit.limit).toBe(8);
		clock.set(31);
		limit.onRateLimited(5);
		expect(limit.limit).toBe(4);
	});
});
