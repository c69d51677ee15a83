import { beforeAll, describe, expect, it } from 'vitest';
import { describeCall, measurePlacementCalls, type PlacementCallsResult } from '../helpers/placementCalls';

/** A first-time contractor's placement: create contractor, job, quote, application session. */
const NEW_PLACEMENT = ['POST /contractors', 'POST /jobs', 'POST /quotes', 'POST /apply/sessions'];

/**
 * Issue 8: the template's happy path for a new placement costs at most 4 API calls; with the placement ledger (issue 12)
 * a re-run costs none and a returning contractor the ledger knows at most 4. The entity of a client is
 * looked up once per n8n process (or never, when the Client Table gives its ID) and created once per new client.
 */
describe('template: 1099Policy calls per placement', () => {
	let result: PlacementCallsResult;
	const callsOf = (path: string) => result.paths.find((p) => p.path.startsWith(path))!.calls.map(describeCall);

	beforeAll(async () => {
		result = await measurePlacementCalls();
	}, 60_000);

	it('a new placement of a client seen before costs 4 calls: contractor, job, quote, application session', () => {
		expect(callsOf('new contractor, client seen before')).toEqual(NEW_PLACEMENT);
	});

	it('a client named with its entity ID in the Client Table costs no entity call, even right after n8n starts', () => {
		expect(callsOf('new contractor, entity ID in the Client Table')).toEqual(NEW_PLACEMENT);
	});

	it('the first placement of a client new to 1099Policy also lists the entities and creates the client once', () => {
		expect(callsOf('new contractor, new client')).toEqual(['GET /entities', 'POST /entities', ...NEW_PLACEMENT]);
	});

	it('a re-run costs no call at all: the placement ledger knows the placement and that nothing changed', () => {
		expect(callsOf('re-run')).toEqual([]);
		expect(result.createdTwice).toBe(false);
	});

	it("a returning contractor's new placement, the contractor known from the ledger: policies, job, quote, assignment", () => {
		expect(callsOf('returning contractor known in the ledger')).toEqual([
			'GET /contractors/cn_…/policies',
			'POST /jobs',
			'POST /quotes',
			'POST /assignments',
		]);
	});

	it('a returning contractor binds an assignment after the lookup by email', () => {
		expect(callsOf('returning contractor')).toEqual([
			'GET /entities',
			'POST /contractors',
			'GET /contractors',
			'PUT /contractors/cn_…',
			'GET /contractors/cn_…/policies',
			'POST /jobs',
			'POST /quotes',
			'POST /assignments',
		]);
	});
});
