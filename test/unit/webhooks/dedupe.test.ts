import { describe, expect, it } from 'vitest';
import { DEFAULT_DEDUPE_WINDOW } from '../../../src/webhooks/dedupe';
import { RecentKeys } from '../../../src/util/recentKeys';

describe('RecentKeys', () => {
	it('recognises a repeated ID', () => {
		const recent = new RecentKeys(DEFAULT_DEDUPE_WINDOW);
		expect(recent.add('ev_1')).toBe(true);
		expect(recent.has('ev_1')).toBe(true);
		expect(recent.add('ev_1')).toBe(false);
		expect(recent.has('ev_2')).toBe(false);
		expect(recent.size).toBe(1);
	});

	it('holds 1,000 IDs by default and evicts the oldest first', () => {
		const recent = new RecentKeys(DEFAULT_DEDUPE_WINDOW);
		expect(recent.capacity).toBe(DEFAULT_DEDUPE_WINDOW);
		for (let i = 0; i <= 1000; i++) recent.add(`ev_${i}`);
		expect(recent.size).toBe(1000);
		expect(recent.has('ev_0')).toBe(false);
		expect(recent.has('ev_1')).toBe(true);
		expect(recent.has('ev_1000')).toBe(true);
	});

	it('evicts in arrival order in a small window', () => {
		const recent = new RecentKeys(3);
		for (const id of ['a', 'b', 'c', 'd']) recent.add(id);
		expect(recent.toState()).toEqual(['b', 'c', 'd']);
		// A repeat does not refresh its place: the window is about when an event first arrived.
		recent.add('b');
		recent.add('e');
		expect(recent.toState()).toEqual(['c', 'd', 'e']);
	});

	it('round-trips through plain JSON (n8n static data)', () => {
		const recent = new RecentKeys(5);
		['ev_a', 'ev_b', 'ev_c'].forEach((id) => recent.add(id));
		const stored = JSON.parse(JSON.stringify({ recentEventIds: recent.toState() })) as { recentEventIds: unknown };
		const restored = RecentKeys.fromState(stored.recentEventIds, 5);
		expect(restored.toState()).toEqual(['ev_a', 'ev_b', 'ev_c']);
		expect(restored.add('ev_b')).toBe(false);
	});

	it('keeps the newest IDs when restored into a smaller window, and drops junk', () => {
		expect(RecentKeys.fromState(['a', 'b', 'c', 'd'], 2).toState()).toEqual(['c', 'd']);
		expect(RecentKeys.fromState(['a', 7, null, 'b'], 5).toState()).toEqual(['a', 'b']);
		expect(RecentKeys.fromState(undefined, DEFAULT_DEDUPE_WINDOW).size).toBe(0);
		expect(RecentKeys.fromState({ a: 1 }, DEFAULT_DEDUPE_WINDOW).size).toBe(0);
	});

	it('returns a copy, so mutating the stored array does not change the window', () => {
		const recent = new RecentKeys(3);
		recent.add('a');
		recent.toState().push('b');
		expect(recent.has('b')).toBe(false);
	});

	it('rejects a window below 1', () => {
		expect(() => new RecentKeys(0)).toThrow(/at least 1/);
		expect(() => new RecentKeys(1.5)).toThrow(RangeError);
	});

	it('absorbs IDs another process stored: new ones remembered oldest first, known ones skipped, still bounded', () => {
		const window = new RecentKeys(4, ['ev_1', 'ev_2', 'ev_3']);
		window.absorb(['ev_2', 'ev_9', 7, 'ev_10']);
		expect(window.toState()).toEqual(['ev_2', 'ev_3', 'ev_9', 'ev_10']);
		// ev_1 was pushed out: its index entry must go with it, so it counts as new again.
		expect(window.has('ev_1')).toBe(false);
		expect(window.add('ev_1')).toBe(true);
		expect(window.add('ev_10')).toBe(false);
		expect(window.toState()).toEqual(['ev_3', 'ev_9', 'ev_10', 'ev_1']);
		window.absorb('not an array');
		expect(window.size).toBe(4);
	});
});

