import { describe, expect, it } from 'vitest';
import { decide, fingerprintOf, type MappedPlacement } from '../../../src/ledger/compare';
import { readRow, type LedgerRow } from '../../../src/ledger/row';

const DAY = 86_400;
const START = 1_772_946_000; // 2026-03-08

function placement(over: { id?: string; candidate?: string; c?: string; j?: string; q?: string; end?: number } = {}): MappedPlacement {
	const id = over.id ?? '45678';
	return {
		jobdiva: { placementId: id, candidateId: over.candidate ?? '12345', jobId: '78910' },
		contractor: { idempotencyKey: `jobdiva-candidate-12345-${over.c ?? 'c0000001'}` },
		job: { idempotencyKey: `jobdiva-job-78910-${over.j ?? 'j0000001'}` },
		quote: { idempotencyKey: `jobdiva-placement-${id}-${over.q ?? 'q0000001'}`, body: { effective_date: START, end_date: over.end ?? START + 30 * DAY } },
		client: { entity: '' },
	};
}

function settled(p: MappedPlacement, over: Partial<LedgerRow> = {}): LedgerRow {
	const first = decide(p, [], false).row;
	return { ...first, state: 'covered', contractorId: 'cn_1', entityId: 'en_1', jobId: 'jb_1', quoteId: 'qt_1', assignmentId: 'an_1', ...over };
}

describe('the placement lifecycle decided from the ledger', () => {
	it('a placement never seen is new: everything is created, nothing is known', () => {
		const d = decide(placement(), [], false);
		expect(d.route).toBe('send');
		expect(d.action).toBe('new');
		expect(Object.values(d.known).every((v) => v === '')).toBe(true);
		expect(Object.values(d.unchanged).some(Boolean)).toBe(false);
		expect(d.row).toMatchObject({ placementId: '45678', candidateId: '12345', fingerprint: 'cc0000001 jj0000001 qq0000001', startDate: '2026-03-08', endDate: '2026-04-07' });
	});

	it('an unchanged placement in a settled row costs nothing, at any age', () => {
		const p = placement();
		for (const state of ['covered', 'awaiting application', 'pending', 'ineligible', 'ended'] as const) {
			expect(decide(p, [settled(p, { state })], false).route).toBe('unchanged');
		}
	});

	it('a run that did not settle (sending, refused) is resumed with what it knows', () => {
		const p = placement();
		const d = decide(p, [settled(p, { state: 'sending', assignmentId: '' })], false);
		expect(d).toMatchObject({ route: 'send', action: 'resume', known: { contractorId: 'cn_1', jobId: 'jb_1', quoteId: 'qt_1', assignmentId: '' } });
		expect(d.unchanged).toMatchObject({ contractor: true, job: true, assignment: false });
	});

	it('a date change of a covered placement updates only the assignment', () => {
		const before = placement();
		const after = placement({ q: 'q0000002', end: START + 20 * DAY });
		const d = decide(after, [settled(before)], false);
		expect(d).toMatchObject({ route: 'send', action: 'change', path: 'assignment' });
		expect(d.unchanged).toEqual({ contractor: true, job: true, quote: true, session: false, assignment: false });
		expect(d.changes).toEqual(['end date 2026-04-07 → 2026-03-28 (ends earlier)']);
	});

	it('a pay change of an open application updates the job and re-prices the unbound quote; the link stays', () => {
		const before = placement();
		const row = settled(before, { state: 'awaiting application', assignmentId: '', sessionId: 'ias_1' });
		const d = decide(placement({ j: 'j0000002' }), [row], false);
		expect(d).toMatchObject({ route: 'send', action: 'change', path: 'application' });
		expect(d.unchanged).toEqual({ contractor: true, job: false, quote: false, session: true, assignment: false });
		expect(d.changes).toEqual(['job or pay changed']);
	});

	it("a candidate's second placement keeps their contractor; an email change updates it in place", () => {
		const first = settled(placement());
		const d = decide(placement({ id: '45690', c: 'c0000002' }), [first], false);
		expect(d).toMatchObject({ action: 'new', known: { contractorId: 'cn_1', jobId: '' }, returning: true });
		expect(d.unchanged.contractor).toBe(false);
		expect(decide(placement({ id: '45690' }), [first], false).unchanged.contractor).toBe(true);
	});

	it('a placement cancelled in JobDiva ends live coverage, and only live coverage', () => {
		const p = placement();
		expect(decide(p, [settled(p)], true)).toMatchObject({ route: 'end', known: { assignmentId: 'an_1', jobId: 'jb_1' } });
		expect(decide(p, [settled(p, { state: 'ended' })], true).route).toBe('unchanged');
		expect(decide(p, [], true).route).toBe('unchanged');
	});

	it('a placement deleted in JobDiva (its IDs alone) ends live coverage; its row keeps what was last sent', () => {
		const p = placement();
		const row = settled(p, { lastAction: 'assignment bound' });
		const gone: MappedPlacement = { jobdiva: { placementId: '45678', candidateId: '12345' } };
		const d = decide(gone, [row], true);
		expect(d).toMatchObject({ route: 'end', action: 'end', changes: ['deleted in JobDiva'], known: { assignmentId: 'an_1', jobId: 'jb_1' } });
		expect(d.row).toEqual(row);
		expect(decide(gone, [settled(p, { state: 'ended' })], true).route).toBe('unchanged');
		expect(decide(gone, [], true).route).toBe('unchanged');
		// IDs alone are never sent: without "Ended in JobDiva" they are refused, naming what is missing.
		expect(() => decide(gone, [row], false)).toThrow(/contractor, job, quote: are missing .*Map Placement/);
	});

	it('refuses a placement without its JobDiva ID, naming the field and the fix', () => {
		expect(() => decide({ jobdiva: {} }, [], false)).toThrow(/jobdiva\.placementId: is missing .*Map Placement/);
	});

	it('reads Data table rows: system columns dropped, nulls empty, unknown states refused', () => {
		const row = readRow({ id: 7, createdAt: 'x', placementId: '45678', state: 'covered', jobId: null, fingerprint: fingerprintOf(placement()) });
		expect(row).toMatchObject({ placementId: '45678', state: 'covered', jobId: '' });
		expect(readRow({ placementId: '45678', state: 'insured??' })).toBeUndefined();
	});
});
