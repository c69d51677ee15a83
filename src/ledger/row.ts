import { z } from 'zod';

/**
 * The placement ledger: one row per JobDiva placement in an n8n Data Table, so that what was sent to 1099Policy is
 * known at any age of the placement (1099Policy's idempotency keys expire after 24 hours). The row is lean on
 * purpose — n8n caps all data tables together at 50 MB by default (N8N_DATA_TABLES_MAX_SIZE_BYTES) — and readable
 * in n8n's Data tables view: the register of every contractor placement and its coverage.
 */

/** The table the templates find by name (n8n's "By Name" lookup lower-cases the name, so the name is lower case). */
export const LEDGER_TABLE = '1099policy_placement_ledger';

/** Where a placement's coverage stands. */
export const STATES = [
	'sending', // written before anything is sent; a row still "sending" on the next run is resumed
	'awaiting application', // a first-time contractor has an application link
	'covered', // an active assignment, or the application bound a policy
	'pending', // the assignment came back pending (e.g. the contractor's policy is not active yet)
	'ineligible', // 1099Policy rated the placement ineligible (quote or assignment)
	'refused', // 1099Policy refused a request; sent again on the next run
	'ended', // coverage cancelled because the placement ended or was cancelled in JobDiva
	'lapsed', // 1099Policy says the policy was cancelled or expired
] as const;
export type LedgerState = (typeof STATES)[number];

/** States whose row is settled: an unchanged placement in one of these costs no call at all. */
export const SETTLED: ReadonlySet<LedgerState> = new Set(['awaiting application', 'covered', 'pending', 'ineligible', 'ended', 'lapsed']);
/** States with live coverage (or a live application) that an end in JobDiva must cancel. */
export const LIVE: ReadonlySet<LedgerState> = new Set(['sending', 'awaiting application', 'covered', 'pending', 'refused']);

const id = z.string().max(64).default('');

/** A ledger row as the Data Table holds it (n8n adds `id`, `createdAt` and `updatedAt`). */
export const rowSchema = z.object({
	placementId: z.string().min(1).max(64),
	candidateId: z.string().max(64).default(''),
	jobdivaJobId: z.string().max(64).default(''),
	state: z.enum(STATES),
	contractorId: id,
	entityId: id,
	jobId: id,
	quoteId: id,
	sessionId: id,
	assignmentId: id,
	policyId: id,
	/** Short hashes of what was last sent: `c<contractor> j<job> q<quote/assignment dates and coverage>`. */
	fingerprint: z.string().max(40).default(''),
	/** Coverage dates last sent, `yyyy-MM-dd` (UTC). */
	startDate: z.string().max(10).default(''),
	endDate: z.string().max(10).default(''),
	/** What was done last, in a few words, e.g. "assignment dates updated". */
	lastAction: z.string().max(200).default(''),
});
export type LedgerRow = z.infer<typeof rowSchema>;

/** The columns the template's "create table" step makes (all strings: readable and compared as text). */
export const COLUMNS = Object.keys(rowSchema.shape) as Array<keyof LedgerRow>;

/**
 * A reader of one ledger's Data table rows, all columns strings: extra columns such as n8n's id/createdAt are
 * dropped, nulls read as empty; undefined when the row does not fit the schema.
 */
export function rowReader<S extends z.AnyZodObject>(schema: S): (raw: Record<string, unknown>) => z.output<S> | undefined {
	const columns = Object.keys(schema.shape);
	return (raw) => {
		const parsed = schema.safeParse(Object.fromEntries(columns.map((c) => [c, raw[c] === null || raw[c] === undefined ? undefined : String(raw[c])])));
		return parsed.success ? (parsed.data as z.output<S>) : undefined;
	};
}

/** Reads a placement ledger row. */
export const readRow = rowReader(rowSchema);
