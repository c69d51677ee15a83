import { describe, expect, it } from 'vitest';
import { sandboxClient } from '../../sandbox/client';
import { startSandbox } from '../../sandbox/index';
import { nowSeconds, seedFlow, useSandbox } from './setup';

const ctx = useSandbox();
const DAY = 86_400;

describe('quotes', () => {
	it('rates deterministically: category base × coverage weight × region factor, summed', async () => {
		// jc_DATA_ANALYTICS base 12; NY factor 1.2: general round(12×0.4×1.2)=6, workers-comp round(12×1×1.2)=14.
		const a = await seedFlow(ctx.api);
		const quote = (await ctx.api.get(`/quotes/${a.quote}`)).body;
		expect(quote).toMatchObject({ eligible: true, net_rate: 20, coverage_type: ['general', 'workers-comp'] });
		expect(quote.quote_json).toEqual({ general: { state: 'NY', net_rate: 6 }, 'workers-comp': { state: 'NY', net_rate: 14 } });
		const b = await seedFlow(ctx.api);
		expect((await ctx.api.get(`/quotes/${b.quote}`)).body.net_rate).toBe(20);
		// Field technician (base 60) in CA (1.25), professional (0.5) + cyber (0.35): 38 + 26.
		const c = await seedFlow(ctx.api, { job: { category_code: 'jc_MTqpkbkp6G', region: 'CA' }, quote: { coverage_type: ['professional', 'cyber'] } });
		expect((await ctx.api.get(`/quotes/${c.quote}`)).body.net_rate).toBe(64);
	});

	it("uses the contractor's home state for a remote job, and factor 1 without any region", async () => {
		const remote = await seedFlow(ctx.api, { job: { region: undefined }, quote: { coverage_type: ['workers-comp'] } });
		expect((await ctx.api.get(`/quotes/${remote.quote}`)).body.quote_json['workers-comp']).toEqual({ state: 'CA', net_rate: 15 });
		const nowhere = await seedFlow(ctx.api, { contractor: { address: undefined }, job: { region: undefined }, quote: { coverage_type: ['workers-comp'] } });
		expect((await ctx.api.get(`/quotes/${nowhere.quote}`)).body.quote_json['workers-comp']).toEqual({ state: null, net_rate: 12 });
	});

	it('returns eligible: false for the default ineligible category and for workers comp in monopolistic states', async () => {
		const roofing = await seedFlow(ctx.api, { job: { category_code: 'jc_ROOFING' } });
		expect((await ctx.api.get(`/quotes/${roofing.quote}`)).body).toMatchObject({ eligible: false, net_rate: 672 });
		const ohio = await seedFlow(ctx.api, { job: { region: 'OH' } });
		expect((await ctx.api.get(`/quotes/${ohio.quote}`)).body.eligible).toBe(false);
		const ohioGeneral = await seedFlow(ctx.api, { job: { region: 'OH' }, quote: { coverage_type: ['general'] } });
		expect((await ctx.api.get(`/quotes/${ohioGeneral.quote}`)).body.eligible).toBe(true);
	});

	it('takes the ineligible categories from the options', async () => {
		const sandbox = await startSandbox({ ineligibleCategories: ['jc_DATA_ANALYTICS'] });
		try {
			const api = sandboxClient(sandbox.url);
			const analytics = await seedFlow(api);
			expect((await api.get(`/quotes/${analytics.quote}`)).body.eligible).toBe(false);
			const roofing = await seedFlow(api, { job: { category_code: 'jc_ROOFING' } });
			expect((await api.get(`/quotes/${roofing.quote}`)).body.eligible).toBe(true);
		} finally {
			await sandbox.stop();
		}
	});

	it('defaults effective_date to tomorrow and end_date to 30 days later', async () => {
		const flow = await seedFlow(ctx.api, { quote: false });
		const before = nowSeconds();
		const quote = (await ctx.api.post('/quotes', { contractor: flow.contractor, job: flow.job, coverage_type: ['general'] })).body;
		expect(quote.effective_date - before).toBeGreaterThanOrEqual(DAY);
		expect(quote.effective_date - before).toBeLessThanOrEqual(DAY + 2);
		expect(quote.end_date - quote.effective_date).toBe(30 * DAY);
		expect(quote.custom_metadata).toEqual({});
	});

	it('refuses past effective dates, end dates before them, unknown references and bad coverage', async () => {
		const flow = await seedFlow(ctx.api, { quote: false });
		const base = { contractor: flow.contractor, job: flow.job, coverage_type: ['general'] };
		const past = await ctx.api.post('/quotes', { ...base, effective_date: nowSeconds() - 10 });
		expect(past.body).toEqual({ message: { effective_date: 'must be in the future' }, error_code: 'effective_date_invalid' });
		const end = await ctx.api.post('/quotes', { ...base, effective_date: nowSeconds() + DAY, end_date: nowSeconds() + DAY });
		expect(end.body).toEqual({ message: { end_date: 'must be after effective_date' }, error_code: 'end_date_invalid' });
		const unknown = await ctx.api.post('/quotes', { ...base, job: 'jb_missing' });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ message: 'No job with ID jb_missing (job)', error_code: 'resource_not_found' });
		const coverage = await ctx.api.post('/quotes', { ...base, coverage_type: ['general', 'dental'], contractor: 'en_wrong' });
		expect(coverage.body.message).toEqual({
			contractor: 'must be an ID starting with cn_',
			coverage_type: 'has unknown values "dental"; use general, professional, workers-comp, media, cyber',
		});
		expect((await ctx.api.post('/quotes', { ...base, coverage_type: [] })).body.message.coverage_type).toMatch(/non-empty array/);
		expect(ctx.sandbox.state().quotes).toHaveLength(0);
	});

	it('updates an unbound quote (re-rated), but not a bound one', async () => {
		const flow = await seedFlow(ctx.api);
		const updated = await ctx.api.put(`/quotes/${flow.quote}`, { coverage_type: ['general'], custom_metadata: { a: '1' } });
		expect(updated.body).toMatchObject({ net_rate: 6, coverage_type: ['general'], custom_metadata: { a: '1' } });
		const late = await ctx.api.put(`/quotes/${flow.quote}`, { end_date: updated.body.effective_date - 1 });
		expect(late.body.error_code).toBe('end_date_invalid');
		const policy = await ctx.api.post('/policies', { quote: flow.quote });
		const bound = await ctx.api.put(`/quotes/${flow.quote}`, { coverage_type: ['cyber'] });
		expect(bound.status).toBe(400);
		expect(bound.body).toEqual({
			message: `Quote ${flow.quote} is bound to policy ${policy.body.id} and can no longer be updated; create a new quote`,
			error_code: 'policy_already_exists',
		});
		expect((await ctx.api.get('/quotes')).body.map((q: { id: string }) => q.id)).toEqual([flow.quote]);
	});
});
