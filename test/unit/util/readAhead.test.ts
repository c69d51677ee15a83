/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../../../src/util/readAhead';

describe('ReadAhead', () => {
	it('reads each item once, early or when taken', async () => {
		const reads: number[] = [];
		const ahead = new ReadAhead(async (i) => {
			reads.push(i);
			return `item ${i}`;
		}, 5);
		ahead.prefetch(2);
		ahead.prefetch(2);
		await expect(ahead.take(0)).resolves.toBe('item 0');
		await expect(ahead.take(1)).resolves.toBe('item 1');
		await expect(ahead.take(2)).resolves.toBe('item 2');
		expect(reads).toEqual([2, 0, 1]);
	});

	it('does not read items already taken or past the end', async () => {
		const reads: number[] = [];
		const ahead = new ReadAhead(async (i) => void reads.push(i), 3);
		await ahead.take(0);
		await ahead.take(1);
		ahead.prefetch(1);
		ahead.prefetch(0);
		ahead.prefetch(3);
		expect(reads).toEqual([0, 1]);
	});

	it('an early failure surfaces only when its item is taken, and is not an unhandled rejection', async () => {
		const ahead = new ReadAhead(async (i) => {
			if (i === 1) throw new Error('bad expression in item 1');
			return i;
		}, 3);
		ahead.prefetch(1);
		// Let the rejection settle before anyone takes it: an unhandled rejection would fail the test run.
		await new Promise((resolve) => setTimeout(resolve, 5));
		await expect(ahead.take(0)).resolves.toBe(0);
		await expect(ahead.take(1)).rejects.toThrow('bad expression in item 1');
	});

	it('prefetches nothing once closed', async () => {
		const reads: number[] = [];
		const ahead = new ReadAhead(async (i) => void reads.push(i), 3);
		ahead.close();
		ahead.prefetch(2);
		expect(reads).toEqual([]);
	});
});
