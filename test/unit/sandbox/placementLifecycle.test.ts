import { describe, expect, it } from 'vitest';
import { nowSeconds, seedFlow, useSandbox } from './setup';

const ctx = useSandbox();
const DAY = 86_400;

/** The calls a placement ledger makes over a placement's life: change, re-date, end, re-identify. */
describe('what the placement lifecycle needs', () => {
	it('updates a job, and a quote only while it is unbound', async () => {
		const flow = await seedFlow(ctx.api);
		const job = await ctx.api.put(`/jobs/${flow.job}`, { wage: 6500, description: 'Dashboards, phase two' });
		expect(job.body).toMatchObject({ id: flow.job, wage: 6500, description: 'Dashboards, phase two', wage_type: 'hourly' });
		const start = nowSeconds() + 10 * DAY;
		const quote = await ctx.api.put(`/quotes/${flow.quote}`, { effective_date: start, end_date: start + 60 * DAY });
		expect(quote.body).toMatchObject({ id: flow.quote, effective_date: start, end_date: start + 60 * DAY });
		ctx.sandbox.completeSession((await ctx.api.post('/apply/sessions', { quote: flow.quote })).body.id);
		const refused = await ctx.api.put(`/quotes/${flow.quote}`, { end_date: start + 90 * DAY });
		expect(refused.status).toBe(400);
		expect(refused.body.error_code).toBe('policy_already_exists');
		expect((await ctx.api.get(`/quotes/${flow.quote}`)).body.end_date).toBe(start + 60 * DAY);
	});

	it("moves a returning contractor's assignment dates, then cancels the job's assignments with a reason", async () => {
		const flow = await seedFlow(ctx.api);
		ctx.sandbox.completeSession((await ctx.api.post('/apply/sessions', { quote: flow.quote })).body.id);
		const second = await seedFlow(ctx.api, { contractor: { email: `other.${Date.now()}@example.com` }, quote: false });
		const assignment = (await ctx.api.post('/assignments', { contractor: flow.contractor, job: second.job })).body;
		expect(assignment.status).toBe('active');
		const start = nowSeconds() + 5 * DAY;
		const moved = await ctx.api.put(`/assignments/${assignment.id}`, { effective_date: start, end_date: start + 14 * DAY });
		expect(moved.body).toMatchObject({ id: assignment.id, status: 'active', effective_date: start, end_date: start + 14 * DAY });
		expect((await ctx.api.put(`/assignments/${assignment.id}`, { end_date: start })).body.error_code).toBe('end_date_invalid');
		const cancel = await ctx.api.post('/assignments/cancel', { job_id: second.job, reason: 'Placement ended in JobDiva' });
		expect(cancel.body).toMatchObject({ job_id: second.job, reason: 'Placement ended in JobDiva', cancelled: [{ id: assignment.id, status: 'cancelled' }] });
		expect((await ctx.api.get(`/assignments/${assignment.id}`)).body.cancel_reason).toBe('Placement ended in JobDiva');
		expect((await ctx.api.post('/assignments/cancel', { job_id: second.job })).status).toBe(404);
		expect(ctx.sandbox.state().events.map((e) => e.type)).toContain('assignment.cancelled');
	});

	it('expires an open session on request, lists a contractor\'s policies, and changes an email unless taken', async () => {
		const flow = await seedFlow(ctx.api);
		const session = (await ctx.api.post('/apply/sessions', { quote: flow.quote })).body;
		expect((await ctx.api.post(`/apply/sessions/${session.id}/expire`)).body.status).toBe('expired');
		expect((await ctx.api.get(`/contractors/${flow.contractor}/policies`)).body).toEqual([]);
		const fresh = (await ctx.api.post('/quotes', { contractor: flow.contractor, job: flow.job, coverage_type: ['general'] })).body;
		const policy = ctx.sandbox.completeSession((await ctx.api.post('/apply/sessions', { quote: fresh.id })).body.id).policy;
		expect((await ctx.api.get(`/contractors/${flow.contractor}/policies`)).body.map((p: { id: string }) => p.id)).toEqual([policy]);

		const other = await seedFlow(ctx.api, { quote: false });
		const taken = (await ctx.api.get(`/contractors/${other.contractor}`)).body.email;
		const clash = await ctx.api.put(`/contractors/${flow.contractor}`, { email: taken.toUpperCase() });
		expect(clash.status).toBe(400);
		expect(clash.body.error_code).toBe('duplicate_email');
		const changed = await ctx.api.put(`/contractors/${flow.contractor}`, { email: 'jordan.new@example.com' });
		expect(changed.body).toMatchObject({ id: flow.contractor, email: 'jordan.new@example.com' });
		expect((await ctx.api.get('/contractors?email=jordan.new@example.com')).body.map((c: { id: string }) => c.id)).toEqual([flow.contractor]);
	});
});
