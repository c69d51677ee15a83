import { describe, expect, it } from 'vitest';
import { nowSeconds, seedFlow, useSandbox } from './setup';

const ctx = useSandbox();
const types = () => ctx.sandbox.state().events.map((e) => e.type);

async function openSession(quote: string) {
	const response = await ctx.api.post('/apply/sessions', { quote, success_url: 'https://example.com/ok', cancel_url: 'https://example.com/no' });
	expect(response.status).toBe(201);
	return response.body;
}

describe('application session → policy → returning contractor', () => {
	it('completes when the session URL is opened, and the contractor then binds assignments at once', async () => {
		const flow = await seedFlow(ctx.api);
		const session = await openSession(flow.quote!);
		expect(session).toMatchObject({ status: 'open', policy: null, quote: flow.quote, contractor: flow.contractor, job: flow.job });
		expect(session.id).toMatch(/^ias_01[0-9A-Z]{24}$/);
		expect(session.url).toBe(`${ctx.sandbox.url}/apply/${session.id}`);
		expect((await ctx.api.get(`/contractors/${flow.contractor}/policies`)).body).toEqual([]);

		// Before coverage: the assignment is created, but pending and ineligible.
		const early = await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job });
		expect(early.body).toMatchObject({ status: 'pending', policy: null, eligible: { result: false } });
		expect(early.body.eligible.message).toContain('no active policy');

		const page = await fetch(session.url);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Application complete');
		expect(html).toContain('https://example.com/ok');

		const completed = (await ctx.api.get(`/apply/sessions/${session.id}`)).body;
		expect(completed.status).toBe('complete');
		const policies = (await ctx.api.get(`/contractors/${flow.contractor}/policies`)).body;
		expect(policies).toHaveLength(1);
		expect(policies[0]).toMatchObject({ id: completed.policy, status: 'active', quote: flow.quote, contractor: flow.contractor, job: flow.job });
		expect(types()).toEqual(['application.created', 'application.started', 'policy.active', 'application.complete']);

		// Opening it again shows the result without binding twice.
		expect(await (await fetch(session.url)).text()).toContain('Application complete');
		expect(ctx.sandbox.state().policies).toHaveLength(1);

		// A second job for the returning contractor binds immediately.
		const job2 = await ctx.api.post('/jobs', { name: 'Analyst II', description: 'More dashboards', entity: flow.entity, category_code: 'jc_DATA_ANALYTICS', wage: 6000, wage_type: 'hourly', region: 'NY' });
		const start = nowSeconds() + 3 * 86_400;
		const assignment = await ctx.api.post('/assignments', { contractor: flow.contractor, job: job2.body.id, effective_date: start, end_date: start + 86_400 });
		expect(assignment.status).toBe(201);
		expect(assignment.body).toMatchObject({
			status: 'active',
			policy: completed.policy,
			eligible: { result: true },
			net_rate: 20,
			coverage_type: ['general', 'workers-comp'],
			effective_date: start,
			certificates: [],
		});
		expect(assignment.body.id).toMatch(/^an_/);
		expect(types().at(-1)).toBe('assignment.active');
		const event = ctx.sandbox.state().events.at(-1)!;
		expect(event).toMatchObject({ object: 'event', type: 'assignment.active', data: { object: { id: assignment.body.id } } });
		expect((await ctx.api.get(`/events/${event.id}`)).body).toEqual(event);
	});

	it('completes through the admin API and the Sandbox object too, and refuses a second completion', async () => {
		const a = await seedFlow(ctx.api);
		const viaAdmin = await ctx.api.admin('POST', `/sessions/${(await openSession(a.quote!)).id}/complete`);
		expect(viaAdmin.status).toBe(200);
		expect(viaAdmin.body.status).toBe('complete');
		const again = await ctx.api.admin('POST', `/sessions/${viaAdmin.body.id}/complete`);
		expect(again.body).toEqual({ message: `Application session ${viaAdmin.body.id} is already complete`, error_code: 'application_already_complete' });
		const b = await seedFlow(ctx.api);
		const completed = ctx.sandbox.completeSession((await openSession(b.quote!)).id);
		expect(completed.status).toBe('complete');
		expect((await ctx.api.admin('POST', '/sessions/ias_missing/complete')).status).toBe(404);
	});

	it('ends an ineligible quote\'s application as ineligible, without a policy', async () => {
		const flow = await seedFlow(ctx.api, { job: { category_code: 'jc_ROOFING' } });
		const session = await openSession(flow.quote!);
		const page = await fetch(session.url);
		expect(await page.text()).toContain('Not eligible');
		expect((await ctx.api.get(`/apply/sessions/${session.id}`)).body.status).toBe('ineligible');
		expect(ctx.sandbox.state().policies).toEqual([]);
		expect(types()).toContain('application.ineligible');
	});

	it('expires a session: the page says so, completion and updates are refused', async () => {
		const flow = await seedFlow(ctx.api);
		const session = await openSession(flow.quote!);
		const updated = await ctx.api.put(`/apply/sessions/${session.id}`, { success_url: 'https://example.com/new', custom_metadata: { k: 'v' } });
		expect(updated.body).toMatchObject({ success_url: 'https://example.com/new', custom_metadata: { k: 'v' } });
		const expired = await ctx.api.post(`/apply/sessions/${session.id}/expire`);
		expect(expired.body.status).toBe('expired');
		expect((await ctx.api.post(`/apply/sessions/${session.id}/expire`)).body.status).toBe('expired');
		const page = await fetch(session.url);
		expect(page.status).toBe(410);
		expect(await page.text()).toContain('https://example.com/no');
		expect((await ctx.api.admin('POST', `/sessions/${session.id}/complete`)).body.error_code).toBe('session_expired');
		expect((await ctx.api.put(`/apply/sessions/${session.id}`, { cancel_url: 'https://example.com/x' })).body.error_code).toBe('session_expired');
		expect(types().filter((t) => t === 'application.expired')).toHaveLength(1);
		// A completed session cannot be expired.
		const other = await seedFlow(ctx.api);
		const done = ctx.sandbox.completeSession((await openSession(other.quote!)).id);
		expect((await ctx.api.post(`/apply/sessions/${done.id}/expire`)).body.error_code).toBe('application_already_complete');
		expect((await fetch(`${ctx.sandbox.url}/apply/ias_unknown`)).status).toBe(404);
	});

	it('validates sessions and lists them newest first', async () => {
		const flow = await seedFlow(ctx.api);
		expect((await ctx.api.post('/apply/sessions', { quote: flow.quote, success_url: 'ftp://x' })).body.message).toEqual({ success_url: 'must be an http(s) URL' });
		expect((await ctx.api.post('/apply/sessions', { quote: flow.quote, cancel_url: 'not a url' })).body.message).toEqual({ cancel_url: 'must be an http(s) URL' });
		expect((await ctx.api.post('/apply/sessions', { quote: 'qt_missing' })).status).toBe(404);
		const first = await openSession(flow.quote!);
		const second = await openSession(flow.quote!);
		expect((await ctx.api.get('/apply/sessions')).body.map((s: { id: string }) => s.id)).toEqual([second.id, first.id]);
		// Once the quote is bound, a new session for it is refused; the other open session completes onto the same policy.
		ctx.sandbox.completeSession(first.id);
		expect((await ctx.api.post('/apply/sessions', { quote: flow.quote })).body.error_code).toBe('policy_already_exists');
		const secondDone = ctx.sandbox.completeSession(second.id);
		expect(secondDone.policy).toBe(ctx.sandbox.state().policies[0].id);
		expect(ctx.sandbox.state().policies).toHaveLength(1);
	});
});

describe('policies', () => {
	it('creates from a quote, refuses a second active policy and ineligible quotes, filters by quote', async () => {
		const flow = await seedFlow(ctx.api);
		const policy = await ctx.api.post('/policies', { quote: flow.quote });
		expect(policy.status).toBe(201);
		const quote = (await ctx.api.get(`/quotes/${flow.quote}`)).body;
		expect(policy.body).toMatchObject({ status: 'active', effective_date: quote.effective_date, expiration_date: quote.end_date, pdf_url: expect.stringMatching(/\.pdf$/) });
		expect((await ctx.api.post('/policies', { quote: flow.quote })).body.error_code).toBe('policy_already_exists');
		const bad = await ctx.api.post('/policies', { quote: flow.quote, effective_date: 2000, expiration_date: 1000 });
		expect(bad.body.error_code).toBe('policy_already_exists');
		const other = await seedFlow(ctx.api);
		expect((await ctx.api.post('/policies', { quote: other.quote, effective_date: 2000, expiration_date: 1000 })).body).toEqual({
			message: { expiration_date: 'must be after effective_date' },
			error_code: 'end_date_invalid',
		});
		const roofing = await seedFlow(ctx.api, { job: { category_code: 'jc_ROOFING' } });
		expect((await ctx.api.post('/policies', { quote: roofing.quote })).body.error_code).toBe('bad_request');
		expect((await ctx.api.get(`/policies?quote=${flow.quote}`)).body.map((p: { id: string }) => p.id)).toEqual([policy.body.id]);
		expect((await ctx.api.get(`/policies?quote=${other.quote}`)).body).toEqual([]);
	});

	it('cancels (is_active false), cascades to its assignments, and reactivates', async () => {
		const flow = await seedFlow(ctx.api);
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		const assignment = (await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job })).body;
		expect(assignment.status).toBe('active');
		const cancelled = await ctx.api.put(`/policies/${policy.id}`, { is_active: false });
		expect(cancelled.body.status).toBe('cancelled');
		expect((await ctx.api.get(`/assignments/${assignment.id}`)).body).toMatchObject({ status: 'cancelled', cancel_reason: 'policy cancelled' });
		const reactivated = await ctx.api.put(`/policies/${policy.id}`, { status: 'active', expiration_date: policy.expiration_date + 86_400 });
		expect(reactivated.body).toMatchObject({ status: 'active', expiration_date: policy.expiration_date + 86_400 });
		expect(types().slice(-3)).toEqual(['assignment.cancelled', 'policy.cancelled', 'policy.reactivated']);
		// No-op status changes emit nothing.
		await ctx.api.put(`/policies/${policy.id}`, { is_active: true });
		expect(types().at(-1)).toBe('policy.reactivated');
	});

	it('validates policy updates', async () => {
		const flow = await seedFlow(ctx.api);
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		const other = await seedFlow(ctx.api);
		const bad = await ctx.api.put(`/policies/${policy.id}`, { quote: other.quote, is_active: false, status: 'active' });
		expect(bad.body).toEqual({
			message: { quote: `cannot be changed (the policy binds ${flow.quote})`, is_active: 'contradicts status' },
			error_code: 'invalid_input',
		});
		expect((await ctx.api.put(`/policies/${policy.id}`, { status: 'expired' })).body.message.status).toBe('must be one of active, cancelled');
		expect((await ctx.api.put(`/policies/${policy.id}`, { expiration_date: policy.effective_date })).body.message).toEqual({
			expiration_date: 'must be after effective_date',
		});
		expect((await ctx.api.put(`/policies/${policy.id}`, { is_active: 'no' })).body.message).toEqual({ is_active: 'must be true or false' });
	});

	it('deletes a policy (cancelling it); then the job can be deleted, not before', async () => {
		const flow = await seedFlow(ctx.api);
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		const used = await ctx.api.delete(`/jobs/${flow.job}`);
		expect(used.body).toEqual({ message: `Job ${flow.job} has 1 policies (${policy.id}) and cannot be deleted`, error_code: 'job_is_used' });
		const removed = await ctx.api.delete(`/policies/${policy.id}`);
		expect(removed.body).toMatchObject({ deleted: true, id: policy.id, object: 'policy' });
		expect(types().at(-1)).toBe('policy.cancelled');
		expect((await ctx.api.get(`/policies/${policy.id}`)).status).toBe(404);
		expect((await ctx.api.delete(`/jobs/${flow.job}`)).body).toMatchObject({ deleted: true, object: 'job' });
		// Deleting an already cancelled policy emits nothing more.
		const second = await seedFlow(ctx.api);
		const p2 = (await ctx.api.post('/policies', { quote: second.quote })).body;
		await ctx.api.put(`/policies/${p2.id}`, { status: 'cancelled' });
		const count = types().length;
		await ctx.api.delete(`/policies/${p2.id}`);
		expect(types().length).toBe(count);
	});
});

describe('policy expiry', () => {
	it('expires active policies once the sandbox clock passes expiration_date, emitting policy.expired once', async () => {
		const { startSandbox } = await import('../../sandbox/index');
		const { sandboxClient } = await import('../../sandbox/client');
		let now = Date.UTC(2030, 0, 1);
		const sandbox = await startSandbox({ now: () => now });
		try {
			const api = sandboxClient(sandbox.url);
			const flow = await seedFlow(api, { quote: { effective_date: now / 1000 + 86_400, end_date: now / 1000 + 2 * 86_400 } });
			const policy = (await api.post('/policies', { quote: flow.quote })).body;
			now += 86_400 * 1000;
			expect((await api.get(`/policies/${policy.id}`)).body.status).toBe('active');
			now += 86_400 * 1000;
			expect((await api.get(`/policies/${policy.id}`)).body.status).toBe('expired');
			await api.get(`/policies/${policy.id}`);
			expect(sandbox.state().events.map((e) => e.type)).toEqual(['policy.active', 'policy.expired']);
			// An expired policy does not make a returning contractor.
			expect((await api.post('/assignments', { contractor: flow.contractor, job: flow.job })).body.status).toBe('pending');
			// Production's policies are swept by production's requests only.
			expect(sandbox.state('production').policies).toEqual([]);
		} finally {
			await sandbox.stop();
		}
	});
});

describe('assignments', () => {
	it('binds a returning contractor, honours bind: false, a named policy, and refuses duplicates', async () => {
		const flow = await seedFlow(ctx.api);
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		const pending = await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job, bind: false });
		expect(pending.body).toMatchObject({ status: 'pending', policy: policy.id, eligible: { result: true } });
		const duplicate = await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job, policy: policy.id });
		expect(duplicate.body.error_code).toBe('contractor_has_matching_policy');
		const cancel = await ctx.api.post('/assignments/cancel', { job_id: flow.job, reason: 'placement ended' });
		expect(cancel.body).toMatchObject({ job_id: flow.job, reason: 'placement ended', cancelled: [{ id: pending.body.id, status: 'cancelled' }] });
		const named = await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job, policy: policy.id, coverage_type: ['general'] });
		expect(named.body).toMatchObject({ status: 'active', policy: policy.id, net_rate: 6 });
		expect((await ctx.api.post('/assignments/cancel', { job_id: flow.job })).body.cancelled[0]).toMatchObject({ id: named.body.id, cancel_reason: null });
		expect(types().slice(-3)).toEqual(['assignment.cancelled', 'assignment.active', 'assignment.cancelled']);
		expect((await ctx.api.post('/assignments/cancel', { job_id: flow.job })).body).toEqual({
			message: `No open assignment for job ${flow.job}`,
			error_code: 'resource_not_found',
		});
		expect((await ctx.api.post('/assignments/cancel', {})).body.message).toEqual({ job_id: 'is required' });
	});

	it('refuses a policy of another contractor or an inactive one, and bad dates', async () => {
		const a = await seedFlow(ctx.api);
		const b = await seedFlow(ctx.api);
		const policyA = (await ctx.api.post('/policies', { quote: a.quote })).body;
		const foreign = await ctx.api.post('/assignments', { contractor: b.contractor, job: b.job, policy: policyA.id });
		expect(foreign.body).toEqual({ message: { policy: `belongs to contractor ${a.contractor}, not ${b.contractor}` }, error_code: 'invalid_input' });
		await ctx.api.put(`/policies/${policyA.id}`, { is_active: false });
		const inactive = await ctx.api.post('/assignments', { contractor: a.contractor, job: a.job, policy: policyA.id });
		expect(inactive.body).toEqual({ message: `Policy ${policyA.id} is cancelled, not active`, error_code: 'bad_request' });
		expect((await ctx.api.post('/assignments', { contractor: a.contractor, job: a.job, policy: 'pl_missing' })).status).toBe(404);
		const dates = await ctx.api.post('/assignments', { contractor: a.contractor, job: a.job, effective_date: 2000, end_date: 1000 });
		expect(dates.body.error_code).toBe('end_date_invalid');
		expect((await ctx.api.post('/assignments', { contractor: 'cn_missing', job: a.job })).status).toBe(404);
	});

	it('leaves an ineligible job pending even for a covered contractor', async () => {
		const flow = await seedFlow(ctx.api);
		ctx.sandbox.completeSession((await ctx.api.post('/apply/sessions', { quote: flow.quote })).body.id);
		const roofing = await ctx.api.post('/jobs', { name: 'Roofer', description: 'Roofs', entity: flow.entity, category_code: 'jc_ROOFING', wage: 9000, wage_type: 'hourly' });
		const assignment = await ctx.api.post('/assignments', { contractor: flow.contractor, job: roofing.body.id });
		expect(assignment.body).toMatchObject({ status: 'pending', policy: null, eligible: { result: false, message: 'Job category jc_ROOFING is not eligible for coverage' } });
	});

	it('updates (re-rating on coverage change), lists, deletes', async () => {
		const flow = await seedFlow(ctx.api);
		await ctx.api.post('/policies', { quote: flow.quote });
		const assignment = (await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job })).body;
		const updated = await ctx.api.put(`/assignments/${assignment.id}`, { coverage_type: ['workers-comp'], custom_metadata: { placement: '1' } });
		expect(updated.body).toMatchObject({ net_rate: 14, coverage_type: ['workers-comp'], custom_metadata: { placement: '1' } });
		const dates = await ctx.api.put(`/assignments/${assignment.id}`, { end_date: assignment.effective_date });
		expect(dates.body.error_code).toBe('end_date_invalid');
		const moved = await ctx.api.put(`/assignments/${assignment.id}`, { end_date: assignment.end_date + 10 });
		expect(moved.body).toMatchObject({ end_date: assignment.end_date + 10, net_rate: 14 });
		expect((await ctx.api.get('/assignments')).body.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
		expect((await ctx.api.delete(`/assignments/${assignment.id}`)).body).toMatchObject({ deleted: true, object: 'assignment' });
		expect(types().at(-1)).toBe('assignment.cancelled');
		expect((await ctx.api.get(`/assignments/${assignment.id}`)).status).toBe(404);
		// A cancelled assignment cannot be updated; deleting it emits nothing.
		const again = (await ctx.api.post('/assignments', { contractor: flow.contractor, job: flow.job })).body;
		await ctx.api.post('/assignments/cancel', { job_id: flow.job });
		expect((await ctx.api.put(`/assignments/${again.id}`, { end_date: again.end_date + 1 })).body.error_code).toBe('bad_request');
		const count = types().length;
		await ctx.api.delete(`/assignments/${again.id}`);
		expect(types().length).toBe(count);
	});
});
