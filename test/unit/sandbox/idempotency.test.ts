import { describe, expect, it } from 'vitest';
import { sandboxClient } from '../../sandbox/client';
import { startSandbox } from '../../sandbox/index';
import { useSandbox } from './setup';

const ctx = useSandbox();
const jo = { first_name: 'Jo', last_name: 'Lee', email: 'jo@example.com' };

describe('Ten99Policy-Idempotent-Key', () => {
	it('replays the first status and body for the same key: one object', async () => {
		const first = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-1' });
		const second = await ctx.api.post('/contractors', { ...jo, first_name: 'Changed' }, { idempotencyKey: 'k-1' });
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.body).toEqual(first.body);
		expect(second.headers.get('ten99policy-idempotent-replayed')).toBe('true');
		expect(first.headers.get('ten99policy-idempotent-replayed')).toBeNull();
		expect(ctx.sandbox.state().contractors).toHaveLength(1);
		expect(ctx.sandbox.requestLog.map((r) => [r.idempotencyKey, r.replayed])).toEqual([
			['k-1', false],
			['k-1', true],
		]);
	});

	it('replays an error too: a duplicate_email answer stays the answer after the clash is gone', async () => {
		const original = await ctx.api.post('/contractors', jo);
		const refused = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-dup' });
		expect(refused.status).toBe(400);
		expect(refused.body).toEqual({ message: 'A contractor with email jo@example.com already exists', error_code: 'duplicate_email' });
		await ctx.api.delete(`/contractors/${original.body.id}`);
		const replayed = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-dup' });
		expect(replayed.status).toBe(400);
		expect(replayed.body).toEqual(refused.body);
		expect(ctx.sandbox.state().contractors).toHaveLength(0);
		// A fresh key applies the request again.
		expect((await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-new' })).status).toBe(201);
	});

	it('does not store parameter validation failures, so a corrected retry with the same key goes through', async () => {
		const invalid = await ctx.api.post('/contractors', { ...jo, email: 'not-an-email' }, { idempotencyKey: 'k-fix' });
		expect(invalid.body).toEqual({ message: { email: 'must be an email address' }, error_code: 'invalid_input' });
		const fixed = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-fix' });
		expect(fixed.status).toBe(201);
	});

	it('ignores keys on GET, PUT and DELETE', async () => {
		const created = await ctx.api.post('/contractors', jo);
		const id = created.body.id;
		const first = await ctx.api.put(`/contractors/${id}`, { first_name: 'A' }, { idempotencyKey: 'k-put' });
		const second = await ctx.api.put(`/contractors/${id}`, { first_name: 'B' }, { idempotencyKey: 'k-put' });
		expect([first.body.first_name, second.body.first_name]).toEqual(['A', 'B']);
		expect((await ctx.api.get(`/contractors/${id}`, { idempotencyKey: 'k-get' })).body.first_name).toBe('B');
		expect((await ctx.api.delete(`/contractors/${id}`, { idempotencyKey: 'k-del' })).status).toBe(200);
		expect((await ctx.api.delete(`/contractors/${id}`, { idempotencyKey: 'k-del' })).status).toBe(404);
	});

	it('refuses a key reused on another endpoint', async () => {
		await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-x' });
		const reused = await ctx.api.post('/entities', { name: 'E' }, { idempotencyKey: 'k-x' });
		expect(reused.status).toBe(400);
		expect(reused.body).toEqual({ message: 'Idempotency key k-x was already used for POST /api/v1/contractors', error_code: 'bad_request' });
		expect(ctx.sandbox.state().entities).toHaveLength(0);
	});

	it('keeps keys per environment', async () => {
		await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-env' });
		const production = await ctx.api.post('/contractors', jo, { idempotencyKey: 'k-env', env: 'production' });
		expect(production.status).toBe(201);
		expect(production.headers.get('ten99policy-idempotent-replayed')).toBeNull();
		expect(ctx.sandbox.state('production').contractors).toHaveLength(1);
	});

	it('forgets a key after 24 hours', async () => {
		let now = Date.UTC(2030, 0, 1);
		const sandbox = await startSandbox({ now: () => now });
		try {
			const api = sandboxClient(sandbox.url);
			const first = await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k-ttl' });
			now += 24 * 3600 * 1000 - 1;
			expect((await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k-ttl' })).body.id).toBe(first.body.id);
			now += 2;
			const later = await api.post('/entities', { name: 'E' }, { idempotencyKey: 'k-ttl' });
			expect(later.body.id).not.toBe(first.body.id);
			expect(sandbox.state().entities).toHaveLength(2);
		} finally {
			await sandbox.stop();
		}
	});
});
