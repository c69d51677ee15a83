import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE, makeClient, setupNock, teardownNock } from './support';

/** A server holding `count` contractors, newest first, serving bare-array pages with `limit` and `starting_after`. */
function contractorsServer(count: number) {
	const all = Array.from({ length: count }, (_, i) => ({ id: `cn_${String(i).padStart(4, '0')}`, email: `c${i}@example.com` }));
	const queries: Array<Record<string, string>> = [];
	nock(BASE)
		.get('/api/v1/contractors')
		.query(true)
		.times(50)
		.reply(function () {
			const query = Object.fromEntries(new URL(this.req.path, BASE).searchParams.entries());
			queries.push(query);
			const limit = Number(query.limit ?? 10);
			const start = query.starting_after ? all.findIndex((c) => c.id === query.starting_after) + 1 : 0;
			return [200, all.slice(start, start + limit)];
		});
	return { all, queries };
}

describe('pagination over bare-array pages', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	it('Return All over 257 objects follows starting_after cursors and returns all, in order', async () => {
		const server = contractorsServer(257);
		const { client } = makeClient();
		const pages: number[] = [];
		const result = await client.list('contractor', 'list', {}, { returnAll: true, onPage: (p) => pages.push(p.size) });
		expect(server.queries).toEqual([
			{ limit: '100' },
			{ limit: '100', starting_after: 'cn_0099' },
			{ limit: '100', starting_after: 'cn_0199' },
		]);
		expect(pages).toEqual([100, 100, 57]);
		expect(result).toHaveLength(257);
		expect(result.map((c) => c.id)).toEqual(server.all.map((c) => c.id));
	});

	it('Return All over an exact multiple of the page size stops at the empty page', async () => {
		const server = contractorsServer(300);
		const { client } = makeClient();
		const result = await client.list('contractor', 'list', {}, { returnAll: true });
		expect(server.queries).toEqual([
			{ limit: '100' },
			{ limit: '100', starting_after: 'cn_0099' },
			{ limit: '100', starting_after: 'cn_0199' },
			{ limit: '100', starting_after: 'cn_0299' },
		]);
		expect(result.map((c) => c.id)).toEqual(server.all.map((c) => c.id));
	});

	it('Return All keeps filters on every page', async () => {
		const server = contractorsServer(150);
		const { client } = makeClient();
		await client.list('contractor', 'list', { fields: { email: 'c1@example.com' } }, { returnAll: true });
		expect(server.queries).toEqual([
			{ email: 'c1@example.com', limit: '100' },
			{ email: 'c1@example.com', limit: '100', starting_after: 'cn_0099' },
		]);
	});

	it('a limit above 100 pages until the limit and asks only for what is still wanted', async () => {
		const server = contractorsServer(400);
		const { client } = makeClient();
		const result = await client.list('contractor', 'list', {}, { limit: 250 });
		expect(server.queries).toEqual([
			{ limit: '100' },
			{ limit: '100', starting_after: 'cn_0099' },
			{ limit: '50', starting_after: 'cn_0199' },
		]);
		expect(result.map((c) => c.id)).toEqual(server.all.slice(0, 250).map((c) => c.id));
	});

	it('a short page stops paging even when the limit is not reached', async () => {
		const server = contractorsServer(120);
		const { client } = makeClient();
		const result = await client.list('contractor', 'list', {}, { limit: 250 });
		expect(server.queries).toEqual([{ limit: '100' }, { limit: '100', starting_after: 'cn_0099' }]);
		expect(result).toHaveLength(120);
	});

	it('a limit of at most 100 is one request', async () => {
		const server = contractorsServer(400);
		const { client } = makeClient();
		const result = await client.list('contractor', 'list', {}, { limit: 7 });
		expect(server.queries).toEqual([{ limit: '7' }]);
		expect(result).toHaveLength(7);
	});

	it('a list endpoint that answers with something other than an array is an error, not an empty result', async () => {
		nock(BASE).get('/api/v1/contractors').query(true).reply(200, { data: [] });
		const { client } = makeClient();
		await expect(client.list('contractor', 'list', {}, { returnAll: true })).rejects.toThrow(/HTTP 200, but the answer is not a list in JSON/);
	});
});
