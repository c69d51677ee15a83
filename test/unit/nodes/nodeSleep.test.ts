import { describe, expect, it, vi } from 'vitest';

// n8n 2.40's n8n-workflow exports `sleep` but no `sleepWithAbort` (2.8's has both): the nodes' wait must work with either.
vi.mock('n8n-workflow', async (importOriginal) => {
	const actual = await importOriginal<typeof import('n8n-workflow')>();
	return { ...actual, sleepWithAbort: undefined };
});

describe("the nodes' wait on a host without sleepWithAbort (n8n 2.40)", () => {
	it('falls back to n8n-workflow’s sleep', async () => {
		const { nodeSleep } = await import('../../../nodes/shared/sleep');
		const started = Date.now();
		await nodeSleep(30, new AbortController().signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
	});
});
