import { DateTime } from 'luxon';
import { ValueError } from '../util/valueError';
import { LIVE, SETTLED, type LedgerRow } from './row';

/**
 * The placement lifecycle, decided from the mapped placement and its ledger rows — before any call to 1099Policy.
 *
 * - **new** (no row): create what is missing; a candidate already in the ledger keeps their contractor (identity is
 *   the JobDiva candidate, not the email).
 * - **unchanged** (a settled row with the same fingerprint): nothing to send, at any age of the placement.
 * - **change** (fingerprint differs) or **resume** (the last run did not settle): update what exists, create only
 *   what is missing — never a second job, quote, session or assignment for one placement.
 * - **end** (ended or cancelled in JobDiva while coverage or an application is live): cancel the assignment or
 *   expire the application. A placement deleted in JobDiva arrives as its IDs alone (nothing left to map): its row
 *   keeps what was last sent.
 */

export type Route = 'send' | 'end' | 'unchanged';
export type Part = 'contractor' | 'job' | 'quote' | 'session' | 'assignment';

/** The parts of a Map Placement output the ledger reads. */
export interface MappedPlacement {
	jobdiva: { placementId?: string; candidateId?: string; jobId?: string };
	contractor?: { idempotencyKey: string };
	job?: { idempotencyKey: string };
	quote?: { idempotencyKey: string; body: { effective_date?: number; end_date?: number } };
	client?: { entity?: string };
}

export interface Decision {
	route: Route;
	/** new | change | resume | end | unchanged */
	action: 'new' | 'change' | 'resume' | 'end' | 'unchanged';
	placementId: string;
	candidateId: string;
	/** 1099Policy IDs already known for this placement ('' when none); contractor may come from the candidate's other placements. */
	known: Record<'contractorId' | 'entityId' | 'jobId' | 'quoteId' | 'sessionId' | 'assignmentId' | 'policyId', string>;
	/** Per part: true when nothing needs sending for it (known and unchanged, or no longer changeable). */
	unchanged: Record<Part, boolean>;
	/** How the placement is (or will be) covered: an assignment, an application, or '' (decided by the contractor's status). */
	path: 'assignment' | 'application' | '';
	/** True when the candidate is already covered through another placement in the ledger. */
	returning: boolean;
	/** What changed, in words, e.g. "end date 2026-03-31 → 2026-02-27". */
	changes: string[];
	/** The ledger row to write once the branch has run: known IDs, the new fingerprint and dates (state set by the branch). */
	row: LedgerRow;
}

const day = (seconds: number | undefined): string =>
	seconds === undefined ? '' : (DateTime.fromSeconds(seconds, { zone: 'utc' }).toISODate() ?? '');

/** The hash at the end of an idempotency key (`jobdiva-job-78910-1a2b3c4d` → `1a2b3c4d`): it changes exactly when the body does. */
const hashOf = (key: string | undefined): string => (key ? key.slice(key.lastIndexOf('-') + 1) : '-');

export function fingerprintOf(p: MappedPlacement): string {
	return `c${hashOf(p.contractor?.idempotencyKey)} j${hashOf(p.job?.idempotencyKey)} q${hashOf(p.quote?.idempotencyKey)}`;
}

const partsOf = (fingerprint: string): Parts => {
	const [c = '', j = '', q = ''] = fingerprint.split(' ');
	return { c: c.slice(1), j: j.slice(1), q: q.slice(1) };
};

export function decide(placement: MappedPlacement, rows: readonly LedgerRow[], ended: boolean): Decision {
	const placementId = String(placement.jobdiva.placementId ?? '').trim();
	if (!placementId) {
		throw new ValueError('jobdiva.placementId', placement.jobdiva.placementId, 'is missing', 'Feed the output of Map Placement (it carries jobdiva.placementId) into the Placements input.');
	}
	const idsOnly = !placement.contractor && !placement.job && !placement.quote;
	if (idsOnly && !ended) {
		throw new ValueError('contractor, job, quote', undefined, 'are missing', 'Feed the Mapped output of Map Placement into the Placements input; IDs alone are read only as a placement deleted in JobDiva (Ended in JobDiva on).');
	}
	const candidateId = String(placement.jobdiva.candidateId ?? '').trim();
	const own = rows.find((r) => r.placementId === placementId);
	const sibling = rows.find((r) => r.placementId !== placementId && candidateId !== '' && r.candidateId === candidateId && r.contractorId);
	const fingerprint = fingerprintOf(placement);
	const now = partsOf(fingerprint);
	const startDate = day(placement.quote?.body.effective_date);
	const endDate = day(placement.quote?.body.end_date);

	const known = {
		contractorId: own?.contractorId || sibling?.contractorId || '',
		entityId: own?.entityId || placement.client?.entity || '',
		jobId: own?.jobId ?? '',
		quoteId: own?.quoteId ?? '',
		sessionId: own?.sessionId ?? '',
		assignmentId: own?.assignmentId ?? '',
		policyId: own?.policyId ?? '',
	};
	const sent = partsOf(own?.fingerprint ?? '');
	// A new placement of a known candidate compares the contractor with what the candidate's other placement sent.
	const contractorSent = own ? sent.c : partsOf(sibling?.fingerprint ?? '').c;
	const contractorSame = Boolean(known.contractorId) && contractorSent === now.c;
	const jobSame = Boolean(own?.jobId) && sent.j === now.j;
	const quoteSame = Boolean(own?.quoteId) && sent.q === now.q;
	// A bound quote cannot change (the API refuses); a wage change re-prices an unbound quote.
	const quoteBound = own?.state === 'covered' || Boolean(own?.assignmentId);
	const unchanged: Record<Part, boolean> = {
		contractor: contractorSame,
		job: jobSame,
		quote: Boolean(own?.quoteId) && (quoteBound || (quoteSame && jobSame)),
		// An application link stays valid while the quote is updated in place.
		session: Boolean(own?.sessionId),
		assignment: Boolean(own?.assignmentId) && quoteSame,
	};
	const changes = own ? describeChanges(own, sent, now, startDate, endDate) : [];
	const path: Decision['path'] = own?.assignmentId ? 'assignment' : own?.sessionId ? 'application' : '';
	const returning = rows.some((r) => r.candidateId === candidateId && candidateId !== '' && r.state === 'covered');

	// Deleted in JobDiva: only the IDs are left, so the row keeps the dates and fingerprint last sent.
	const deleted = Boolean(own) && idsOnly;
	const base = {
		placementId,
		candidateId,
		known,
		unchanged,
		path,
		returning,
		changes,
		row:
			deleted && own
				? { ...own, ...known }
				: {
						placementId,
						candidateId,
						jobdivaJobId: String(placement.jobdiva.jobId ?? ''),
						state: own?.state ?? 'sending',
						...known,
						fingerprint,
						startDate,
						endDate,
						lastAction: own?.lastAction ?? '',
					},
	};
	if (ended) {
		return own && LIVE.has(own.state)
			? { ...base, route: 'end', action: 'end', changes: [deleted ? 'deleted in JobDiva' : 'ended or cancelled in JobDiva'] }
			: { ...base, route: 'unchanged', action: 'unchanged', row: { ...base.row, fingerprint: own?.fingerprint ?? fingerprint } };
	}
	if (!own) return { ...base, route: 'send', action: 'new' };
	if (SETTLED.has(own.state) && own.fingerprint === fingerprint) return { ...base, route: 'unchanged', action: 'unchanged' };
	return { ...base, route: 'send', action: SETTLED.has(own.state) ? 'change' : 'resume' };
}

type Parts = Record<'c' | 'j' | 'q', string>;

function describeChanges(own: LedgerRow, before: Parts, now: Parts, startDate: string, endDate: string): string[] {
	const out: string[] = [];
	if (own.startDate !== startDate) out.push(`start date ${own.startDate || 'none'} → ${startDate || 'none'}`);
	if (own.endDate !== endDate) {
		const earlier = own.endDate && endDate && endDate < own.endDate;
		out.push(`end date ${own.endDate || 'none'} → ${endDate || 'none'}${earlier ? ' (ends earlier)' : ''}`);
	}
	if (before.q !== now.q && own.startDate === startDate && own.endDate === endDate) out.push('coverage changed');
	if (before.j !== now.j) out.push('job or pay changed');
	if (before.c !== now.c) out.push('contractor details changed');
	return out;
}
