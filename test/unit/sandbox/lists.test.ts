import { describe, expect, it } from 'vitest';
import { useSandbox } from './setup';

const ctx = useSandbox();

async function createContractors(count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const response = await ctx.api.post('/contractors', { first_name: 'C', last_name: String(i), email: `c${i}@example.com` });
		ids.push(response.body.id);
	}
	return ids;
}

describe('lists', () => {
	it('pages through 260 contractors newest first with starting_after, without gaps or repeats', async () => {
		const ids = await createContractors(260);
		// All created within the same second or two: the creation sequence breaks ties.
		const newestFirst = [...ids].reverse();
		const seen: string[] = [];
		let cursor: string | undefined;
		for (;;) {
			const response = await ctx.api.get(`/contractors?limit=100${cursor ? `&starting_after=${cursor}` : ''}`);
			expect(response.status).toBe(200);
			expect(Array.isArray(response.body)).toBe(true);
			seen.push(...response.body.map((c: { id: string }) => c.id));
			if (response.body.length < 100) break;
			cursor = response.body.at(-1).id;
		}
		expect(seen).toEqual(newestFirst);
		const pages = ctx.sandbox.requestLog.filter((r) => r.method === 'GET');
		expect(pages.length).toBe(3);
	});

	it('defaults to 10, and ending_before returns the objects just newer than the cursor', async () => {
		const ids = (await createContractors(25)).reverse();
		const first = await ctx.api.get('/contractors');
		expect(first.body.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 10));
		const before = await ctx.api.get(`/contractors?limit=5&ending_before=${ids[12]}`);
		expect(before.body.map((c: { id: string }) => c.id)).toEqual(ids.slice(7, 12));
		const beforeFirst = await ctx.api.get(`/contractors?ending_before=${ids[0]}`);
		expect(beforeFirst.body).toEqual([]);
		const afterLast = await ctx.api.get(`/contractors?starting_after=${ids[24]}`);
		expect(afterLast.body).toEqual([]);
	});

	it.each(['0', '101', 'ten', '-1', '1.5'])('refuses limit=%s', async (limit) => {
		const response = await ctx.api.get(`/entities?limit=${limit}`);
		expect(response.status).toBe(400);
		expect(response.body).toEqual({ message: { limit: 'must be an integer from 1 to 100' }, error_code: 'invalid_input' });
	});

	it('answers an unknown cursor with 404, and refuses both cursors at once', async () => {
		const [id] = await createContractors(1);
		const unknown = await ctx.api.get('/contractors?starting_after=cn_doesnotexist');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error_code).toBe('resource_not_found');
		expect((await ctx.api.get('/contractors?ending_before=cn_doesnotexist')).status).toBe(404);
		const both = await ctx.api.get(`/contractors?starting_after=${id}&ending_before=${id}`);
		expect(both.body.message).toEqual({ ending_before: 'cannot be combined with starting_after' });
	});

	it('filters contractors by email, case-insensitively, also after a cursor', async () => {
		await createContractors(3);
		const match = await ctx.api.get('/contractors?email=C1@Example.com');
		expect(match.body.map((c: { email: string }) => c.email)).toEqual(['c1@example.com']);
		expect((await ctx.api.get('/contractors?email=nobody@example.com')).body).toEqual([]);
		const newest = (await ctx.api.get('/contractors?limit=1')).body[0].id;
		const afterNewest = await ctx.api.get(`/contractors?email=c0@example.com&starting_after=${newest}`);
		expect(afterNewest.body.map((c: { email: string }) => c.email)).toEqual(['c0@example.com']);
	});

	it('orders by created first: an object created later by the clock comes first', async () => {
		let now = Date.UTC(2030, 0, 1);
		const { startSandbox } = await import('../../sandbox/index');
		const { sandboxClient } = await import('../../sandbox/client');
		const clocked = await startSandbox({ now: () => now });
		try {
			const api = sandboxClient(clocked.url);
			const a = await api.post('/entities', { name: 'A' });
			now += 5000;
			const b = await api.post('/entities', { name: 'B' });
			expect(b.body.created - a.body.created).toBe(5);
			expect((await api.get('/entities')).body.map((e: { name: string }) => e.name)).toEqual(['B', 'A']);
		} finally {
			await clocked.stop();
		}
	});
});
