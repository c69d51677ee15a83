import { describe, expect, it } from 'vitest';
import { RequestPacer } from '../../../src/util/pacer';

/** A fake clock; each sleep is recorded and, once it ends, moves the clock to its end (sleeps overlap like timers). */
function fakeTime() {
	let now = 0;
	const waits: number[] = [];
	return {
		now: () => now,
		advance: (ms: number) => void (now += ms),
		waits,
		sleep: async (ms: number) => {
			const end = now + ms;
			waits.push(ms);
			await Promise.resolve();
			now = Math.max(now, end);
		},
	};
}

describe('RequestPacer', () => {
	it('does not pace before the first answer, nor a single worker', async () => {
		const time = fakeTime();
		const pacer = new RequestPacer(4, time.sleep, time.now);
		for (let i = 0; i < 4; i++) await pacer.beforeRequest();
		expect(time.waits).toEqual([]);
		const single = new RequestPacer(1, time.sleep, time.now);
		single.onResponse(25);
		for (let i = 0; i < 4; i++) await single.beforeRequest();
		expect(time.waits).toEqual([]);
		expect(single.intervalMs).toBe(0);
	});

	it('spaces request starts by the fastest round trip / (spread × workers), spread 1.5 unless given', async () => {
		const time = fakeTime();
		const paced = new RequestPacer(4, time.sleep, time.now);
		paced.onResponse(24);
		expect(paced.intervalMs).toBe(4);
		const pacer = new RequestPacer(4, time.sleep, time.now, 1);
		pacer.onResponse(30);
		pacer.onResponse(24);
		pacer.onResponse(40);
		expect(pacer.intervalMs).toBe(6);
		// Four workers asking at the same moment get slots 0, 6, 12 and 18 ms out.
		const asked = time.now();
		const starts: number[] = [];
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				await pacer.beforeRequest();
				starts.push(time.now() - asked);
			}),
		);
		expect(time.waits).toEqual([6, 12, 18]);
		expect(starts[0]).toBe(0);
	});

	it('never waits when requests already come an interval apart, and skips waits under a millisecond', async () => {
		const time = fakeTime();
		const pacer = new RequestPacer(4, time.sleep, time.now, 1);
		pacer.onResponse(20);
		for (let i = 0; i < 5; i++) {
			await pacer.beforeRequest();
			time.advance(5);
		}
		expect(time.waits).toEqual([]);
		await pacer.beforeRequest();
		time.advance(4.5);
		await pacer.beforeRequest();
		expect(time.waits).toEqual([]);
	});

	it('ignores nonsense round trips', () => {
		const time = fakeTime();
		const pacer = new RequestPacer(4, time.sleep, time.now);
		pacer.onResponse(-3);
		pacer.onResponse(Number.NaN);
		expect(pacer.intervalMs).toBe(0);
	});
});

describe('the client and its pacer', () => {
	it('asks the pacer before the rate gate (so none starts during a 429 pause) and reports each round trip', async () => {
		const { Ten99PolicyClient } = await import('../../../src/ten99policy/client');
		let clock = 1000;
		const events: string[] = [];
		const client = new Ten99PolicyClient({
			baseUrl: 'https://api.1099policy.com',
			sleep: async () => undefined,
			now: () => clock,
			transport: async () => {
				events.push('send');
				clock += 27;
				return { status: 200, headers: {}, body: { id: 'cn_1' } };
			},
			gate: { beforeRequest: async () => void events.push('gate'), onRateLimited: () => undefined },
			pacer: { beforeRequest: async () => void events.push('pacer'), onResponse: (ms) => void events.push(`answer after ${ms} ms`) },
		});
		await client.call('contractor', 'get', { id: 'cn_1' });
		expect(events).toEqual(['pacer', 'gate', 'send', 'answer after 27 ms']);
	});
});
