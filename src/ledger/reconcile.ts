import { DateTime } from 'luxon';
import type { Ten99PolicyClient } from '../ten99policy/client';
import { fingerprintOf, type MappedPlacement } from './compare';
import type { LedgerRow, LedgerState } from './row';

/**
 * Coverage reconciliation: 1099Policy's jobs, quotes, application sessions, policies and assignments, grouped by the
 * JobDiva placement ID in their `custom_metadata`, compared with JobDiva's placements and the placement ledger.
 * One finding per placement and kind; the ledger row 1099Policy's objects imply, to correct a stale ledger or rebuild
 * a lost one. The listing keeps a few fields per object (the index), never a page after it has been read.
 */

/** Finding kinds, most urgent first. */
export const KINDS = ['no coverage', 'coverage without a live placement', 'covered twice', 'dates mismatch', 'stale ledger row'] as const;
export type Kind = (typeof KINDS)[number];

/** The five collections listed, and how each is named in 1099Policy's API declaration. */
export const LISTED = { jobs: 'job', quotes: 'quote', sessions: 'applicationSession', policies: 'policy', assignments: 'assignment' } as const;
export type Listed = keyof typeof LISTED;

/** A JobDiva placement as the reconciliation reads it. */
export interface Placement {
	placementId: string;
	candidateId: string;
	jobdivaJobId: string;
	candidate: string;
	client: string;
	/** yyyy-MM-dd, '' when unknown. */
	startDate: string;
	endDate: string;
	/** Running or about to start: not ended, terminated or cancelled in JobDiva, and not past its end date. */
	live: boolean;
	/** What the placement template would record for it (see compare.ts), so a rebuilt row is "unchanged" at once. */
	fingerprint: string;
}

export interface Finding {
	kind: Kind;
	placementId: string;
	candidateId: string;
	candidate: string;
	client: string;
	/** What is wrong, in a sentence. */
	problem: string;
	/** yyyy-MM-dd the problem started (or the placement starts), '' when unknown. */
	since: string;
	fix: string;
	/** The placement's start date, for ordering "no coverage" by urgency. */
	startDate: string;
}

export interface Summary {
	summary: true;
	placements: number;
	findings: number;
	counts: Record<Kind, number>;
	listed: Record<Listed, number>;
	requests: number;
}

const day = (seconds: unknown): string =>
	typeof seconds === 'number' ? (DateTime.fromSeconds(seconds, { zone: 'utc' }).toISODate() ?? '') : '';
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** Reads a Map Placement output (Mapped) as a placement; `ended` is the "Ended in JobDiva" answer. */
export function placementOf(mapped: MappedPlacement & { contractor?: { body?: Record<string, unknown> }; client?: { name?: string } }, ended: boolean, today: string): Placement {
	const body = mapped.quote?.body ?? {};
	const endDate = day(body.end_date);
	const person = mapped.contractor?.body ?? {};
	return {
		placementId: text(mapped.jobdiva?.placementId).trim(),
		candidateId: text(mapped.jobdiva?.candidateId),
		jobdivaJobId: text(mapped.jobdiva?.jobId),
		candidate: [person.first_name, person.last_name].filter(Boolean).join(' '),
		client: text(mapped.client?.name),
		startDate: day(body.effective_date),
		endDate,
		live: !ended && (endDate === '' || endDate >= today),
		fingerprint: fingerprintOf(mapped),
	};
}

interface Quote { id: string; contractor: string; job: string; eligible: boolean; created: string; start: string; end: string }
interface Session { id: string; quote: string; status: string; policy: string; created: string }
interface Policy { id: string; quote: string; status: string; start: string; end: string }
interface Assignment { id: string; contractor: string; job: string; status: string; policy: string; eligible: boolean; message: string; created: string; start: string; end: string }
interface Group { placementId: string; candidateId: string; jobdivaJobId: string; quotes: Quote[]; sessions: Session[]; assignments: Assignment[] }

/** The index: a few fields per 1099Policy object, by placement. Objects without a JobDiva placement ID are counted, not kept (except policies and jobs, which are reached through quotes). */
export class CoverageIndex {
	readonly groups = new Map<string, Group>();
	readonly entityOfJob = new Map<string, string>();
	readonly policies = new Map<string, Policy>();
	/** Policies by the quote they bound (an application's policy carries no metadata; its quote does). */
	readonly policiesOfQuote = new Map<string, Policy[]>();
	readonly listed: Record<Listed, number> = { jobs: 0, quotes: 0, sessions: 0, policies: 0, assignments: 0 };
	requests = 0;

	private group(meta: unknown): Group | undefined {
		const m = (meta ?? {}) as Record<string, unknown>;
		const placementId = text(m.jobdiva_placement_id);
		if (!placementId) return undefined;
		let g = this.groups.get(placementId);
		if (!g) this.groups.set(placementId, (g = { placementId, candidateId: '', jobdivaJobId: '', quotes: [], sessions: [], assignments: [] }));
		g.candidateId ||= text(m.jobdiva_candidate_id);
		g.jobdivaJobId ||= text(m.jobdiva_job_id);
		return g;
	}

	/** Adds one page of a listing (objects newest first, as 1099Policy lists them). */
	add(collection: Listed, page: readonly Record<string, unknown>[]): void {
		this.requests++;
		this.listed[collection] += page.length;
		for (const o of page) {
			const id = text(o.id);
			if (collection === 'jobs') this.entityOfJob.set(id, text(o.entity));
			else if (collection === 'policies') {
				const policy = { id, quote: text(o.quote), status: text(o.status), start: day(o.effective_date), end: day(o.expiration_date) };
				this.policies.set(id, policy);
				this.policiesOfQuote.set(policy.quote, [...(this.policiesOfQuote.get(policy.quote) ?? []), policy]);
			}
			else if (collection === 'quotes') {
				this.group(o.custom_metadata)?.quotes.push({ id, contractor: text(o.contractor), job: text(o.job), eligible: o.eligible !== false, created: day(o.created), start: day(o.effective_date), end: day(o.end_date) });
			} else if (collection === 'sessions') {
				this.group(o.custom_metadata)?.sessions.push({ id, quote: text(o.quote), status: text(o.status), policy: text(o.policy), created: day(o.created) });
			} else {
				const eligible = (o.eligible ?? {}) as { result?: unknown; message?: unknown };
				this.group(o.custom_metadata)?.assignments.push({
					id, contractor: text(o.contractor), job: text(o.job), status: text(o.status), policy: text(o.policy),
					eligible: eligible.result !== false, message: text(eligible.message), created: day(o.created), start: day(o.effective_date), end: day(o.end_date),
				});
			}
		}
	}
}

/** Lists the five collections (Return All, pages of 100), the five at once, each page folded into the index and dropped. */
export async function listCoverage(client: Ten99PolicyClient): Promise<CoverageIndex> {
	const index = new CoverageIndex();
	await Promise.all(
		(Object.keys(LISTED) as Listed[]).map(async (collection) => {
			for await (const page of client.pages(LISTED[collection], 'list', {}, { returnAll: true, pageSize: 100 })) index.add(collection, page);
		}),
	);
	return index;
}

interface Standing {
	state: LedgerState;
	/** Active coverages: assignments and policies, each counted once. */
	coverages: Array<{ what: string; start: string; end: string }>;
	row: Omit<LedgerRow, 'fingerprint' | 'lastAction' | 'placementId' | 'candidateId' | 'jobdivaJobId' | 'startDate' | 'endDate'>;
	/** Why there is no coverage, and since when (when state is not covered). */
	why: { problem: string; since: string; fix: string };
	dates: { start: string; end: string };
}

const prefer = <T extends { id: string }>(list: T[], id: string | undefined, first?: (t: T) => boolean): T | undefined =>
	list.find((t) => t.id === id) ?? (first ? list.find(first) : undefined) ?? list[0];

/** What 1099Policy says about one placement's coverage. */
function standing(g: Group, index: CoverageIndex, row: LedgerRow | undefined, live: boolean): Standing {
	const active = g.assignments.filter((a) => a.status === 'active');
	const bound = g.quotes.flatMap((q) => index.policiesOfQuote.get(q.id) ?? []);
	const viaAssignment = active.map((a) => a.policy);
	const activePolicies = bound.filter((p) => p.status === 'active' && !viaAssignment.includes(p.id));
	const coverages = [
		...active.map((a) => ({ what: `assignment ${a.id}`, start: a.start, end: a.end })),
		...activePolicies.map((p) => ({ what: `policy ${p.id}`, start: p.start, end: p.end })),
	];
	const quote = prefer(g.quotes, row?.quoteId);
	const session = prefer(g.sessions, row?.sessionId);
	const assignment = prefer(g.assignments, row?.assignmentId, (a) => a.status === 'active');
	const related = [...bound, ...g.assignments.map((a) => index.policies.get(a.policy)).filter((p): p is Policy => p !== undefined)];
	const lapsed = related.find((p) => p.status === 'cancelled' || p.status === 'expired');
	const policyId = active[0]?.policy || activePolicies[0]?.id || (assignment?.policy ?? '') || lapsed?.id || '';

	let state: LedgerState;
	let why: Standing['why'];
	if (coverages.length > 0) {
		state = 'covered';
		why = { problem: '', since: '', fix: '' };
	} else if (lapsed) {
		state = 'lapsed';
		why = {
			problem: `policy ${lapsed.id} ${lapsed.status === 'expired' ? `expired on ${lapsed.end}` : 'was cancelled'}`,
			since: lapsed.status === 'expired' ? lapsed.end : '',
			fix: 'Ask the contractor to apply again: send a new application session for this placement’s quote (1099Policy → Application Session → Create), or reactivate the policy if it was cancelled by mistake.',
		};
	} else if (assignment && assignment.status === 'pending') {
		state = assignment.eligible ? 'pending' : 'ineligible';
		why = {
			problem: `assignment ${assignment.id} is ${assignment.eligible ? 'pending' : 'ineligible'}${assignment.message ? `: ${assignment.message}` : ''}`,
			since: assignment.created,
			fix: assignment.eligible
				? 'The contractor has no active policy: send them an application session for this placement’s quote.'
				: 'Review the job’s category and the worksite state in JobDiva, or cover the contractor another way before they start.',
		};
	} else if (assignment && assignment.status === 'cancelled') {
		state = 'ended';
		why = { problem: `assignment ${assignment.id} was cancelled`, since: '', fix: 'If the placement still runs, create the assignment again (run the placement template for it).' };
	} else if (session && session.status !== 'complete') {
		state = session.status === 'ineligible' ? 'ineligible' : session.status === 'expired' && (row?.state === 'ended' || !live) ? 'ended' : 'awaiting application';
		why = {
			problem: session.status === 'ineligible' ? `application ${session.id} came back ineligible` : `application never completed (session ${session.id} is ${session.status})`,
			since: session.created,
			fix: session.status === 'ineligible'
				? 'Review the job’s category and the worksite state in JobDiva.'
				: session.status === 'expired'
					? 'Create a new application session for this placement’s quote and send the link to the contractor.'
					: `Remind the contractor to complete the application link (session ${session.id}).`,
		};
	} else if (quote && !quote.eligible) {
		state = 'ineligible';
		why = { problem: `quote ${quote.id} is not eligible`, since: quote.created, fix: 'Review the job’s category and the worksite state in JobDiva.' };
	} else {
		state = 'sending';
		why = { problem: `quote ${quote?.id ?? '?'} has neither an application nor an assignment`, since: quote?.created ?? '', fix: 'Run the placement template: it finishes the placement.' };
	}
	const job = assignment?.job || quote?.job || '';
	const covering = active[0] ?? activePolicies[0];
	return {
		state,
		coverages,
		why,
		dates: { start: covering?.start ?? quote?.start ?? '', end: covering?.end ?? quote?.end ?? '' },
		row: {
			state,
			contractorId: quote?.contractor || assignment?.contractor || '',
			entityId: index.entityOfJob.get(job) ?? row?.entityId ?? '',
			jobId: job,
			quoteId: quote?.id ?? '',
			sessionId: session?.id ?? '',
			assignmentId: assignment?.id ?? '',
			policyId,
		},
	};
}

/** Ledger states a later run of the placement template settles by itself: not reported as stale. */
const TRANSIENT: ReadonlySet<LedgerState> = new Set(['sending', 'refused']);
const COMPARED = ['state', 'contractorId', 'entityId', 'jobId', 'quoteId', 'sessionId', 'assignmentId', 'policyId'] as const;

export interface Reconciliation {
	/** Most urgent first: "no coverage" by start date, then the other kinds in KINDS order. */
	findings: Finding[];
	/**
	 * Ledger rows to write: missing ones rebuilt from 1099Policy's objects, rows naming objects 1099Policy does not
	 * have cleared (so the placement is sent again), and rows whose only problem is that they are stale corrected.
	 */
	rows: LedgerRow[];
	summary: Summary;
}

export function reconcile(index: CoverageIndex, placements: readonly Placement[], ledger: readonly LedgerRow[]): Reconciliation {
	const byPlacement = new Map(placements.map((p) => [p.placementId, p]));
	const rowOf = new Map(ledger.map((r) => [r.placementId, r]));
	const ids = new Set([...byPlacement.keys(), ...index.groups.keys(), ...rowOf.keys()]);
	const findings: Finding[] = [];
	const rows: LedgerRow[] = [];

	for (const placementId of ids) {
		const p = byPlacement.get(placementId);
		const g = index.groups.get(placementId);
		const row = rowOf.get(placementId);
		const live = p?.live ?? false;
		const candidateId = p?.candidateId || g?.candidateId || row?.candidateId || '';
		const who = { placementId, candidateId, candidate: p?.candidate || (candidateId ? `candidate ${candidateId}` : ''), client: p?.client ?? '', startDate: p?.startDate ?? '' };
		const add = (kind: Kind, problem: string, since: string, fix: string) => findings.push({ kind, ...who, problem, since, fix });

		if (!g) {
			if (live) add('no coverage', 'nothing in 1099Policy for this placement', p?.startDate ?? '', 'Run the placement template (JobDiva placement → 1099Policy) and check its "1099Policy refused" and "Needs fixing in JobDiva" outputs.');
			const sent = row && !TRANSIENT.has(row.state) && (row.jobId || row.quoteId || row.sessionId || row.assignmentId);
			if (row && sent) {
				add('stale ledger row', `the ledger holds ${row.state} with IDs 1099Policy does not have`, '', 'Corrected in the ledger: the next placement run sends the placement again.');
				rows.push({ ...row, state: 'refused', jobId: '', quoteId: '', sessionId: '', assignmentId: '', policyId: '', fingerprint: '', lastAction: 'reconciled: 1099Policy has none of its objects' });
			}
			continue;
		}
		const before = findings.length;
		const s = standing(g, index, row, live);
		const covered = s.coverages.length > 0;
		if (live && !covered) add('no coverage', s.why.problem, s.why.since || p?.startDate || '', s.why.fix);
		if (!live && covered) {
			add(
				'coverage without a live placement',
				`${s.coverages.map((c) => c.what).join(' and ')} still active, but ${p ? 'the placement ended in JobDiva' : 'JobDiva has no running contractor placement with this ID (ended, deleted, or hired before the check’s window)'}`,
				p?.endDate ?? '',
				s.row.assignmentId && s.coverages.some((c) => c.what.startsWith('assignment'))
					? `Cancel the assignment: 1099Policy → Assignment → Cancel with job ${s.row.jobId} (the placement template does this when it sees the end).`
					: `Cancel policy ${s.row.policyId}: 1099Policy → Policy → Update, Is Active off.`,
			);
		}
		if (s.coverages.length > 1) {
			add('covered twice', `${s.coverages.map((c) => c.what).join(' and ')} are all active for this placement`, s.coverages.map((c) => c.start).sort()[0] ?? '', `Keep one: cancel ${s.coverages.slice(1).map((c) => c.what).join(', ')}.`);
		}
		if (live && covered && p && (s.dates.start !== p.startDate || s.dates.end !== p.endDate)) {
			add(
				'dates mismatch',
				`coverage ${s.dates.start || '?'} → ${s.dates.end || '?'}, placement ${p.startDate || '?'} → ${p.endDate || '?'}`,
				[s.dates.start, p.startDate].filter(Boolean).sort()[0] ?? '',
				'Run the placement template for it: it updates the assignment or quote dates (a bound quote cannot change: then a new application).',
			);
		}
		const fingerprint = row?.fingerprint || (p && s.dates.start === p.startDate && s.dates.end === p.endDate ? p.fingerprint : '');
		const rebuilt: LedgerRow = {
			placementId,
			candidateId,
			jobdivaJobId: row?.jobdivaJobId || g.jobdivaJobId || p?.jobdivaJobId || '',
			...s.row,
			fingerprint,
			startDate: s.dates.start,
			endDate: s.dates.end,
			lastAction: '',
		};
		if (!row) {
			add('stale ledger row', 'the ledger has no row for this placement', '', 'Rebuilt in the ledger from 1099Policy’s objects.');
			rows.push({ ...rebuilt, lastAction: 'rebuilt from 1099Policy' });
		} else if (!TRANSIENT.has(row.state) && findings.length === before) {
			// Only a row that is the sole problem is corrected: otherwise the finding above is reported, and fixed first.
			const differ = COMPARED.filter((c) => row[c] !== rebuilt[c]);
			if (differ.length > 0) {
				const said = differ.map((c) => `${c} ${row[c] || 'empty'} → ${rebuilt[c] || 'empty'}`).join(', ');
				add('stale ledger row', `the ledger says ${said}`, '', 'Corrected in the ledger from 1099Policy’s objects.');
				rows.push({ ...row, ...s.row, lastAction: `reconciled: ${said}`.slice(0, 200) });
			}
		}
	}

	const rank = (f: Finding) => KINDS.indexOf(f.kind);
	findings.sort((a, b) => rank(a) - rank(b) || (a.startDate || '9999').localeCompare(b.startDate || '9999') || a.placementId.localeCompare(b.placementId));
	const counts = Object.fromEntries(KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Record<Kind, number>;
	return {
		findings,
		rows,
		summary: { summary: true, placements: ids.size, findings: findings.length, counts, listed: { ...index.listed }, requests: index.requests },
	};
}
