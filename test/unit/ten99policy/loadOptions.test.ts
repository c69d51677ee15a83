import nock from 'nock';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listSearchMethods, loadOptionsMethods } from '../../../nodes/Ten99Policy/methods';
import { Ten99Policy } from '../../../nodes/Ten99Policy/Ten99Policy.node';
import { BASE, CREDENTIAL, SECRET, credentialHeaders, recorder, setupNock, teardownNock, type SeenRequest } from './support';

/** A load-options context whose httpRequestWithAuthentication authenticates like n8n (credential headers) over fetch. */
function loadOptionsContext(): ILoadOptionsFunctions {
	const context = {
		getCredentials: async () => CREDENTIAL,
		helpers: {
			async httpRequestWithAuthentication(
				this: unknown,
				type: string,
				options: { method: string; url: string; headers: Record<string, string>; body?: string },
			) {
				expect(type).toBe('ten99PolicyApi');
				const response = await fetch(options.url, { method: options.method, headers: { ...options.headers, ...credentialHeaders() }, body: options.body });
				const text = await response.text();
				return { statusCode: response.status, headers: Object.fromEntries(response.headers.entries()), body: text ? JSON.parse(text) : undefined };
			},
		},
	};
	return context as unknown as ILoadOptionsFunctions;
}

const people = Array.from({ length: 100 }, (_, i) => ({ id: `cn_${i}`, first_name: i === 42 ? 'Ann' : `P${i}`, last_name: 'Lee', email: `p${i}@example.com` }));

describe('list search and load options', () => {
	beforeAll(setupNock);
	afterEach(() => nock.cleanAll());
	afterAll(teardownNock);

	it('the node offers list search for every resource with IDs (version 1 uses the first five, version 2 all)', () => {
		expect(Object.keys(new Ten99Policy().methods.listSearch).sort()).toEqual([
			'searchApplicationSessions',
			'searchAssignments',
			'searchCertificates',
			'searchContractors',
			'searchEntitys',
			'searchEvents',
			'searchInvoices',
			'searchJobs',
			'searchPolicys',
			'searchQuotes',
			'searchWebhookEndpoints',
		]);
	});

	it('assignments: one page of GET /assignments, labelled with status, contractor and job; the next page by starting_after', async () => {
		const seen: SeenRequest[] = [];
		const page = Array.from({ length: 100 }, (_, i) => ({ id: `an_${i}`, status: i === 7 ? 'pending' : 'active', contractor: `cn_${i}`, job: 'jb_1' }));
		nock(BASE).get('/api/v1/assignments').query(true).reply(recorder(seen, 200, page));
		const first = await listSearchMethods.searchAssignments.call(loadOptionsContext(), 'pending');
		expect(seen[0].query).toEqual([['limit', '100']]);
		expect(first).toEqual({ results: [{ name: 'an_7 (pending, cn_7, jb_1)', value: 'an_7' }], paginationToken: 'an_99' });

		nock(BASE).get('/api/v1/assignments').query(true).reply(recorder(seen, 200, [{ id: 'an_100' }]));
		const next = await listSearchMethods.searchAssignments.call(loadOptionsContext(), undefined, 'an_99');
		expect(seen[1].query).toEqual([
			['limit', '100'],
			['starting_after', 'an_99'],
		]);
		expect(next).toEqual({ results: [{ name: 'an_100', value: 'an_100' }], paginationToken: undefined });
	});

	it("policies: a quote ID is sent as the list's quote filter; other text is matched on the page", async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).get('/api/v1/policies').query(true).reply(recorder(seen, 200, [{ id: 'pl_1', status: 'active', quote: 'qt_5' }]));
		const byQuote = await listSearchMethods.searchPolicys.call(loadOptionsContext(), ' qt_5 ');
		expect(seen[0].query).toEqual([
			['quote', 'qt_5'],
			['limit', '100'],
		]);
		expect(byQuote.results).toEqual([{ name: 'pl_1 (active)', value: 'pl_1' }]);

		nock(BASE).get('/api/v1/policies').query(true).reply(recorder(seen, 200, [{ id: 'pl_1', status: 'active' }, { id: 'pl_2', status: 'cancelled' }]));
		const byText = await listSearchMethods.searchPolicys.call(loadOptionsContext(), 'cancel');
		expect(seen[1].query).toEqual([['limit', '100']]);
		expect(byText.results).toEqual([{ name: 'pl_2 (cancelled)', value: 'pl_2' }]);
	});

	it('webhook endpoints are labelled with their URL, events with their type', async () => {
		nock(BASE).get('/api/v1/webhook_endpoints').query(true).reply(200, [{ id: 'whe_1', url: 'https://n8n.example.com/webhook/abc' }]);
		nock(BASE).get('/api/v1/events').query(true).reply(200, [{ id: 'ev_1', type: 'policy.active' }]);
		expect((await listSearchMethods.searchWebhookEndpoints.call(loadOptionsContext())).results).toEqual([
			{ name: 'whe_1 (https://n8n.example.com/webhook/abc)', value: 'whe_1' },
		]);
		expect((await listSearchMethods.searchEvents.call(loadOptionsContext())).results).toEqual([{ name: 'ev_1 (policy.active)', value: 'ev_1' }]);
	});

	it('an email filters contractors on the server', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).get('/api/v1/contractors').query(true).reply(recorder(seen, 200, [{ id: 'cn_7', first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com' }]));
		const result = await listSearchMethods.searchContractors.call(loadOptionsContext(), 'ann@example.com');
		expect(seen[0].query).toEqual([
			['email', 'ann@example.com'],
			['limit', '100'],
		]);
		expect(seen[0].headers.authorization).toBe(`Bearer ${SECRET}`);
		expect(result).toEqual({ results: [{ name: 'Ann Lee <ann@example.com>', value: 'cn_7' }], paginationToken: undefined });
	});

	it('other text matches names on the page, and a full page offers the next cursor', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE).get('/api/v1/contractors').query(true).reply(recorder(seen, 200, people));
		const result = await listSearchMethods.searchContractors.call(loadOptionsContext(), 'ann');
		expect(seen[0].query).toEqual([['limit', '100']]);
		expect(result.results).toEqual([{ name: 'Ann Lee <p42@example.com>', value: 'cn_42' }]);
		expect(result.paginationToken).toBe('cn_99');

		nock(BASE).get('/api/v1/contractors').query(true).reply(recorder(seen, 200, [{ id: 'cn_100', first_name: 'Zed', last_name: 'Lee', email: 'z@x.com' }]));
		const next = await listSearchMethods.searchContractors.call(loadOptionsContext(), '', 'cn_99');
		expect(seen[1].query).toEqual([
			['limit', '100'],
			['starting_after', 'cn_99'],
		]);
		expect(next).toEqual({ results: [{ name: 'Zed Lee <z@x.com>', value: 'cn_100' }], paginationToken: undefined });
	});

	it('jobs are labelled with their region', async () => {
		nock(BASE).get('/api/v1/jobs').query(true).reply(200, [{ id: 'jb_1', name: 'Field technician', region: 'CA' }]);
		const result = await listSearchMethods.searchJobs.call(loadOptionsContext());
		expect(result.results).toEqual([{ name: 'Field technician (CA)', value: 'jb_1' }]);
	});

	it('job category codes are loaded from GET /category_codes, named and sorted', async () => {
		const seen: SeenRequest[] = [];
		nock(BASE)
			.get('/api/v1/category_codes')
			.reply(
				recorder(seen, 200, [
					{ category_code: 'jc_2', name: 'Plumber' },
					{ category_code: 'jc_1', name: 'Electrician' },
					{ category_code: 'jc_3' },
					{ name: 'broken entry' },
				]),
			);
		const options = await loadOptionsMethods.getCategoryCodes.call(loadOptionsContext());
		expect(seen[0].query).toEqual([]);
		expect(options).toEqual([
			{ name: 'Electrician (jc_1)', value: 'jc_1' },
			{ name: 'jc_3', value: 'jc_3' },
			{ name: 'Plumber (jc_2)', value: 'jc_2' },
		]);
	});
});
