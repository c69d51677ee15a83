import { describe, expect, it } from 'vitest';
import { seedFlow, useSandbox } from './setup';

const ctx = useSandbox();
const jo = { first_name: 'Jo', last_name: 'Lee', email: 'jo@example.com' };

describe('contractors', () => {
	it('updates partially, keeps emails unique (case-insensitive), merges metadata as documented', async () => {
		const a = (await ctx.api.post('/contractors', { ...jo, custom_metadata: { a: '1', b: 2, c: true } })).body;
		expect(a.custom_metadata).toEqual({ a: '1', b: '2', c: 'true' });
		await ctx.api.post('/contractors', { ...jo, email: 'other@example.com' });
		expect((await ctx.api.post('/contractors', { ...jo, email: 'JO@example.com' })).body.error_code).toBe('duplicate_email');
		expect((await ctx.api.put(`/contractors/${a.id}`, { email: 'Other@Example.com' })).body.error_code).toBe('duplicate_email');
		// Its own email (any case) is not a clash.
		expect((await ctx.api.put(`/contractors/${a.id}`, { email: 'Jo@example.com' })).status).toBe(200);
		const unset = await ctx.api.put(`/contractors/${a.id}`, { middle_name: 'Q', custom_metadata: { a: '', b: null, d: 'new' } });
		expect(unset.body).toMatchObject({ first_name: 'Jo', middle_name: 'Q', email: 'Jo@example.com', custom_metadata: { c: 'true', d: 'new' } });
		const cleared = await ctx.api.put(`/contractors/${a.id}`, { custom_metadata: {} });
		expect(cleared.body.custom_metadata).toEqual({});
		expect((await ctx.api.get(`/contractors/${a.id}`)).body).toEqual(cleared.body);
		expect((await ctx.api.put('/contractors/cn_missing', { first_name: 'x' })).status).toBe(404);
	});

	it('names each invalid field', async () => {
		const response = await ctx.api.post('/contractors', {
			first_name: 7,
			last_name: 'L',
			email: 'nope',
			address: { line1: 5, region: 'California', postalcode: { zip: 1 } },
			custom_metadata: { nested: { no: 1 } },
		});
		expect(response.body).toEqual({
			message: {
				first_name: 'must be a string',
				email: 'must be an email address',
				'address.line1': 'must be a string',
				'address.postalcode': 'must be a string',
				'address.region': 'must be a 2-letter state code',
				'custom_metadata.nested': 'must be a string',
			},
			error_code: 'invalid_input',
		});
		expect((await ctx.api.post('/contractors', { ...jo, address: { line1: '1 Main' } })).body.message).toEqual({ 'address.region': 'is required' });
		expect((await ctx.api.post('/contractors', { ...jo, address: 'Main St' })).body.message).toEqual({ address: 'must be an object' });
		expect((await ctx.api.post('/contractors', { ...jo, custom_metadata: ['x'] })).body.message).toEqual({ custom_metadata: 'must be an object of strings' });
		const ok = await ctx.api.post('/contractors', { ...jo, address: { region: 'ny', postalcode: '10001', country: 'US' } });
		expect(ok.body.address).toEqual({ region: 'NY', postalcode: '10001', country: 'US' });
	});

	it("deletes a contractor and cancels its active policies; lists a contractor's policies", async () => {
		const flow = await seedFlow(ctx.api);
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		expect((await ctx.api.get(`/contractors/${flow.contractor}/policies`)).body.map((p: { id: string }) => p.id)).toEqual([policy.id]);
		const removed = await ctx.api.delete(`/contractors/${flow.contractor}`);
		expect(removed.body).toEqual({ deleted: true, deleted_at: expect.any(Number), id: flow.contractor, object: 'contractor' });
		expect((await ctx.api.get(`/policies/${policy.id}`)).body.status).toBe('cancelled');
		expect((await ctx.api.get(`/contractors/${flow.contractor}/policies`)).status).toBe(404);
		expect(ctx.sandbox.state().events.map((e) => e.type)).toEqual(['policy.active', 'policy.cancelled']);
	});
});

describe('entities', () => {
	it('validates coverage limits and required coverage', async () => {
		const low = await ctx.api.post('/entities', { name: 'E', coverage_limit: { aggregate_limit: 999, occurrence_limit: 'ten' }, required_coverage: ['dental'] });
		expect(low.body.message).toEqual({
			'coverage_limit.aggregate_limit': 'must be an integer of at least 1000',
			'coverage_limit.occurrence_limit': 'must be an integer of at least 1000',
			required_coverage: 'has unknown values "dental"; use general, professional, workers-comp, media, cyber',
		});
		expect((await ctx.api.post('/entities', { name: 'E', coverage_limit: { aggregate_limit: 5000 } })).body.message).toEqual({ 'coverage_limit.occurrence_limit': 'is required' });
		expect((await ctx.api.post('/entities', { name: 'E', coverage_limit: 5 })).body.message).toEqual({ coverage_limit: 'must be an object with aggregate_limit and occurrence_limit' });
		expect((await ctx.api.post('/entities', { name: 'E', address: { region: 'Illinois' } })).body.message).toEqual({ 'address.region': 'must be a 2-letter state code' });
		const entity = (await ctx.api.post('/entities', { name: 'E', coverage_limit: { aggregate_limit: '2000', occurrence_limit: 1000 } })).body;
		expect(entity).toMatchObject({ name: 'E', coverage_limit: { aggregate_limit: 2000, occurrence_limit: 1000 }, required_coverage: [], address: null });
		const partial = await ctx.api.put(`/entities/${entity.id}`, { coverage_limit: { aggregate_limit: 3000 } });
		expect(partial.body.message).toEqual({ 'coverage_limit.occurrence_limit': 'is required' });
		const renamed = await ctx.api.put(`/entities/${entity.id}`, { name: 'Renamed' });
		expect(renamed.body).toMatchObject({ name: 'Renamed', coverage_limit: { aggregate_limit: 2000 } });
		expect((await ctx.api.get('/entities')).body).toEqual([renamed.body]);
	});

	it('deletes an entity, cancelling the policies of its jobs', async () => {
		const flow = await seedFlow(ctx.api);
		const policy = (await ctx.api.post('/policies', { quote: flow.quote })).body;
		const other = await seedFlow(ctx.api);
		const otherPolicy = (await ctx.api.post('/policies', { quote: other.quote })).body;
		expect((await ctx.api.delete(`/entities/${flow.entity}`)).body).toMatchObject({ deleted: true, object: 'entity' });
		expect((await ctx.api.get(`/policies/${policy.id}`)).body.status).toBe('cancelled');
		expect((await ctx.api.get(`/policies/${otherPolicy.id}`)).body.status).toBe('active');
		expect((await ctx.api.get(`/entities/${flow.entity}`)).status).toBe(404);
	});
});

describe('jobs', () => {
	const job = (entity: string, extra: object = {}) => ({ name: 'J', description: 'D', entity, category_code: 'jc_TUTORING', wage: 100, wage_type: 'unit', ...extra });

	it('checks the entity and the category code with their own error codes', async () => {
		const { entity } = await seedFlow(ctx.api, { quote: false });
		expect((await ctx.api.post('/jobs', job('en_missing'))).body).toEqual({ message: 'No entity with ID en_missing', error_code: 'invalid_entity_id' });
		expect((await ctx.api.post('/jobs', job(entity, { category_code: 'jc_NOPE' }))).body).toEqual({
			message: 'Unknown job category code jc_NOPE',
			error_code: 'invalid_job_category_code',
		});
		expect((await ctx.api.post('/jobs', job(entity, { category_code: 'jc_DEMOLITION' }))).body.error_code).toBe('job_category_not_approved');
		expect((await ctx.api.post('/jobs', job(entity, { category_code: '' }))).body).toEqual({ message: { category_code: 'is required' }, error_code: 'missing_job_category_code' });
	});

	it('validates wage, wage type, experience, region and address', async () => {
		const { entity } = await seedFlow(ctx.api, { quote: false });
		const bad = await ctx.api.post('/jobs', job(entity, { wage: 99, wage_type: 'salary', years_experience: -1, region: 'Texas', address: { line1: '1 Main' }, entity: 'cn_x' }));
		expect(bad.body.message).toEqual({
			entity: 'must be an ID starting with en_',
			wage: 'must be an integer from 100 to 100000000',
			wage_type: 'must be one of flatfee, hourly, unit, blended',
			years_experience: 'must be an integer of at least 0',
			region: 'must be a 2-letter state code',
			'address.region': 'is required',
			'address.postalcode': 'is required',
		});
		expect((await ctx.api.post('/jobs', job(entity, { wage: 100_000_001 }))).body.message).toEqual({ wage: 'must be an integer from 100 to 100000000' });
		expect((await ctx.api.post('/jobs', job(entity, { wage: 150.5 }))).body.message).toEqual({ wage: 'must be an integer from 100 to 100000000' });
		const max = await ctx.api.post('/jobs', job(entity, { wage: 100_000_000, address: { region: 'tx', postalcode: 73301 }, custom_metadata: { jobdiva_job_id: '9' } }));
		expect(max.body).toMatchObject({ wage: 100_000_000, region: 'TX', address: { region: 'TX', postalcode: 73301 }, custom_metadata: { jobdiva_job_id: '9' }, years_experience: null });
		const remote = await ctx.api.post('/jobs', job(entity));
		expect(remote.body).toMatchObject({ region: null, address: null });
	});

	it('updates (an address moves the region), lists and deletes', async () => {
		const { entity } = await seedFlow(ctx.api, { quote: false });
		const created = (await ctx.api.post('/jobs', job(entity, { region: 'CA' }))).body;
		const moved = await ctx.api.put(`/jobs/${created.id}`, { address: { region: 'WA', postalcode: '98101' } });
		expect(moved.body.region).toBe('WA');
		const both = await ctx.api.put(`/jobs/${created.id}`, { address: { region: 'WA', postalcode: '98101' }, region: 'OR' });
		expect(both.body.region).toBe('OR');
		const renamed = await ctx.api.put(`/jobs/${created.id}`, { name: 'New', wage: 200 });
		expect(renamed.body).toMatchObject({ name: 'New', wage: 200, region: 'OR', description: 'D' });
		expect((await ctx.api.put(`/jobs/${created.id}`, { entity: 'en_missing' })).body.error_code).toBe('invalid_entity_id');
		expect((await ctx.api.get('/jobs')).body.map((j: { id: string }) => j.id)).toContain(created.id);
		expect((await ctx.api.delete(`/jobs/${created.id}`)).body).toMatchObject({ deleted: true, id: created.id });
		expect((await ctx.api.get(`/jobs/${created.id}`)).status).toBe(404);
	});
});

describe('invoices', () => {
	it('creates, refuses duplicates and reversed pay cycles, updates, lists and deletes', async () => {
		const flow = await seedFlow(ctx.api, { quote: false });
		const body = { contractor: flow.contractor, job: flow.job, gross_pay: 120000, paycycle_startdate: 1714000000, paycycle_enddate: 1714600000, purchase_order_number: 'PO-1' };
		const invoice = await ctx.api.post('/invoices', body);
		expect(invoice.status).toBe(201);
		expect(invoice.body).toMatchObject({ ...body });
		expect(invoice.body.id).toMatch(/^in_/);
		const duplicate = await ctx.api.post('/invoices', { ...body, gross_pay: 1 });
		expect(duplicate.body).toEqual({ message: `Invoice ${invoice.body.id} already covers this contractor, job and pay cycle`, error_code: 'invoice_exists' });
		expect((await ctx.api.post('/invoices', { ...body, paycycle_enddate: 1713000000 })).body).toEqual({
			message: { paycycle_enddate: 'must not be before paycycle_startdate' },
			error_code: 'invalid_input',
		});
		expect((await ctx.api.post('/invoices', { ...body, gross_pay: 0 })).body.message).toEqual({ gross_pay: 'must be an integer of at least 1' });
		expect((await ctx.api.post('/invoices', { ...body, job: 'jb_missing' })).status).toBe(404);
		const next = await ctx.api.post('/invoices', { ...body, paycycle_startdate: 1714600000, paycycle_enddate: 1715200000 });
		expect((await ctx.api.put(`/invoices/${next.body.id}`, { paycycle_startdate: 1714000000, paycycle_enddate: 1714600000 })).body.error_code).toBe('invoice_exists');
		const updated = await ctx.api.put(`/invoices/${next.body.id}`, { gross_pay: 5000 });
		expect(updated.body).toMatchObject({ gross_pay: 5000, purchase_order_number: 'PO-1' });
		expect((await ctx.api.get('/invoices')).body.map((i: { id: string }) => i.id)).toEqual([next.body.id, invoice.body.id]);
		expect((await ctx.api.delete(`/invoices/${invoice.body.id}`)).body).toMatchObject({ deleted: true, object: 'invoice' });
		expect((await ctx.api.get(`/invoices/${invoice.body.id}`)).status).toBe(404);
	});
});

describe('events', () => {
	it('answers 404 for an unknown event', async () => {
		expect((await ctx.api.get('/events/ev_missing')).body).toEqual({ message: 'No event with ID ev_missing', error_code: 'resource_not_found' });
	});
});
