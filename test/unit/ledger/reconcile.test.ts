import { describe, expect, it } from 'vitest';
import { CoverageIndex, reconcile, type Placement } from '../../../src/ledger/reconcile';
import type { LedgerRow } from '../../../src/ledger/row';

/** Why a placement has no coverage, read from 1099Policy's objects alone (pages given as 1099Policy lists them). */

const T = Date.UTC(2027, 0, 4) / 1000; // 2027-01-04
const DAY = 86_400;
const meta = { jobdiva_placement_id: '100', jobdiva_candidate_id: '7' };
const placement: Placement = { placementId: '100', candidateId: '7', jobdivaJobId: '9', candidate: 'Ada Byron', client: 'Acme', startDate: '2027-01-04', endDate: '2027-02-03', live: true, fingerprint: 'ca jb qc' };
const quote = { id: 'qt_1', contractor: 'cn_1', job: 'jb_1', eligible: true, effective_date: T, end_date: T + 30 * DAY, created: T - 5 * DAY, custom_metadata: meta };

function indexOf(pages: Partial<Record<'jobs' | 'quotes' | 'sessions' | 'policies' | 'assignments', Record<string, unknown>[]>>): CoverageIndex {
	const index = new CoverageIndex();
	index.add('jobs', [{ id: 'jb_1', entity: 'en_1' }]);
	for (const [collection, page] of Object.entries(pages)) index.add(collection as 'quotes', page);
	return index;
}

const noCoverage = (index: CoverageIndex, rows: LedgerRow[] = []) => reconcile(index, [placement], rows).findings.filter((f) => f.kind === 'no coverage');

describe('reconcile: why a live placement has no coverage', () => {
	it('a policy that expired: named, with its expiry as "since"', () => {
		const index = indexOf({
			quotes: [quote],
			sessions: [{ id: 'ias_1', quote: 'qt_1', status: 'complete', policy: 'pl_1', created: T - 4 * DAY, custom_metadata: meta }],
			policies: [{ id: 'pl_1', quote: 'qt_1', status: 'expired', effective_date: T, expiration_date: T + 10 * DAY }],
		});
		expect(noCoverage(index)).toEqual([expect.objectContaining({ problem: 'policy pl_1 expired on 2027-01-14', since: '2027-01-14', candidate: 'Ada Byron', client: 'Acme' })]);
	});

	it('an assignment 1099Policy rated ineligible: its message, since it was created', () => {
		const index = indexOf({
			quotes: [quote],
			assignments: [{ id: 'an_1', contractor: 'cn_1', job: 'jb_1', status: 'pending', policy: null, eligible: { result: false, message: 'Roofing is not covered' }, created: T - 3 * DAY, effective_date: T, end_date: T + 30 * DAY, custom_metadata: meta }],
		});
		expect(noCoverage(index)).toEqual([expect.objectContaining({ problem: 'assignment an_1 is ineligible: Roofing is not covered', since: '2027-01-01' })]);
	});

	it('nothing in 1099Policy at all: since the placement starts', () => {
		expect(noCoverage(indexOf({}))).toEqual([expect.objectContaining({ problem: 'nothing in 1099Policy for this placement', since: '2027-01-04' })]);
	});

	it('an active assignment is coverage (the missing ledger row is the only finding); the same placement ended is "coverage without a live placement" instead', () => {
		const index = indexOf({
			quotes: [quote],
			assignments: [{ id: 'an_1', contractor: 'cn_1', job: 'jb_1', status: 'active', policy: 'pl_9', eligible: { result: true }, created: T, effective_date: T, end_date: T + 30 * DAY, custom_metadata: meta }],
		});
		expect(reconcile(index, [placement], []).findings.map((f) => f.kind)).toEqual(['stale ledger row']); // covered, dates as placed: only the missing row
		expect(reconcile(index, [{ ...placement, live: false }], []).findings.map((f) => f.kind)).toEqual(['coverage without a live placement', 'stale ledger row']);
	});

	it('a rebuilt row carries the IDs, the state and — when the dates match — the placement’s fingerprint', () => {
		const index = indexOf({
			quotes: [quote],
			sessions: [{ id: 'ias_1', quote: 'qt_1', status: 'open', policy: null, created: T - 4 * DAY, custom_metadata: meta }],
		});
		const dates = { ...placement, endDate: '2027-02-03' };
		expect(reconcile(index, [dates], []).rows).toEqual([
			expect.objectContaining({ placementId: '100', state: 'awaiting application', contractorId: 'cn_1', entityId: 'en_1', jobId: 'jb_1', quoteId: 'qt_1', sessionId: 'ias_1', fingerprint: 'ca jb qc', startDate: '2027-01-04', endDate: '2027-02-03' }),
		]);
	});
});
