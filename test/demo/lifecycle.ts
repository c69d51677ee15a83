/* eslint-disable @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { DateTime } from 'luxon';
import { sandboxClient } from '../sandbox/client';
import { SANDBOX_KEY } from './scenario';

/**
 * The placement's whole life, told in steps (issue: placements over their whole life). Each step changes the world
 * over HTTP — the sandbox's clock, the JobDiva stand-in's placements — so the same story drives the in-process test,
 * `npm run demo` and the real-n8n end-to-end test, whose n8n runs in another process. After each step the placement
 * template runs once; `expect` is what 1099Policy must then have received.
 */
export interface LifecycleStep {
	name: string;
	/** In words, for the demo. */
	story: string;
	/**
	 * Ends a placement's coverage for good. The real-n8n e2e runs these steps last, in a world reset for them, because
	 * its later phases (compliance, coverage check, editor) need the lifecycle's three placements covered.
	 */
	ends?: true;
	change: (world: World) => Promise<void>;
	expect: {
		/** API calls to 1099Policy in the run after the change (from the sandbox's request log). */
		calls: number;
		/** Per method + path pattern, e.g. `PUT /assignments/{id}: 1`; only for steps that change something. */
		requests?: Record<string, number>;
		/** Objects that must exist in 1099Policy after the run. */
		counts: Record<'contractors' | 'jobs' | 'quotes' | 'sessions' | 'assignments', number>;
		/** Ledger state per placement after the run. */
		ledger: Record<string, string>;
	};
}

export interface World {
	sandboxUrl: string;
	jobdivaUrl: string;
}

const HOUR = 3_600_000;

/** Changes are stamped a few seconds back, as JobDiva's are by the time a poll reads them (a stamp in the poll's own second may fall after its window). */
const stamped = (body: Record<string, unknown>) => ({ ...body, at: new Date(Date.now() - 5_000).toISOString() });

async function standin(world: World, method: string, path: string, body?: Record<string, unknown>): Promise<Record<string, any>> {
	const response = await fetch(`${world.jobdivaUrl}/__standin${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(stamped(body)),
	});
	const answer = (await response.json()) as Record<string, any>;
	if (!response.ok) throw new Error(`JobDiva stand-in ${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
	return answer;
}

/** A placement's dates as the stand-in holds them (activity row `MM/dd/yyyy 00:00:00`). */
async function datesOf(world: World, placementId: string): Promise<{ start: DateTime; end: DateTime }> {
	const { activity } = await standin(world, 'GET', `/placements/${placementId}`);
	const read = (text: string) => DateTime.fromFormat(String(text).slice(0, 10), 'MM/dd/yyyy', { zone: 'utc' });
	return { start: read(activity.row.STARTDATE), end: read(activity.row.ENDDATE) };
}

const COVERED = { '45678': 'covered', '45690': 'covered', '45680': 'awaiting application' };

export const LIFECYCLE: LifecycleStep[] = [
	{
		name: 'first run',
		story: 'The six demo placements are seen for the first time.',
		change: async () => {},
		expect: { calls: 20, counts: { contractors: 2, jobs: 4, quotes: 4, sessions: 2, assignments: 2 }, ledger: COVERED },
	},
	{
		name: 'a day later',
		story: "25 hours later (1099Policy's idempotency keys have expired) the same placements are seen again.",
		change: async (world) => {
			await sandboxClient(world.sandboxUrl, { key: SANDBOX_KEY }).advanceClock(25 * HOUR);
		},
		expect: { calls: 0, counts: { contractors: 2, jobs: 4, quotes: 4, sessions: 2, assignments: 2 }, ledger: COVERED },
	},
	{
		name: 'a change',
		story: "Jordan Lee's placement 45678 is extended by two weeks; Marcus Webb's day rate (45680) goes up.",
		change: async (world) => {
			const { end } = await datesOf(world, '45678');
			await standin(world, 'POST', '/placements/45678/change', { endDate: end.plus({ days: 14 }).toISODate() });
			await standin(world, 'POST', '/placements/45680/change', { payRate: 720 });
		},
		expect: {
			calls: 3,
			requests: { 'PUT /assignments/{id}': 1, 'PUT /jobs/{id}': 1, 'PUT /quotes/{id}': 1 },
			counts: { contractors: 2, jobs: 4, quotes: 4, sessions: 2, assignments: 2 },
			ledger: COVERED,
		},
	},
	{
		name: 'an end',
		story: "Jordan Lee's second placement 45690 ends early: JobDiva's end date moves to the day after it starts.",
		change: async (world) => {
			const { start } = await datesOf(world, '45690');
			await standin(world, 'POST', '/placements/45690/end', { endDate: start.plus({ days: 1 }).toISODate() });
		},
		expect: {
			calls: 1,
			requests: { 'PUT /assignments/{id}': 1 },
			counts: { contractors: 2, jobs: 4, quotes: 4, sessions: 2, assignments: 2 },
			ledger: COVERED,
		},
	},
	{
		name: 'an email change',
		story: "Marcus Webb's email changes in JobDiva: his 1099Policy contractor is updated, not duplicated.",
		change: async (world) => {
			await standin(world, 'POST', '/placements/45680/change', { email: 'marcus@webb-consulting.example' });
		},
		expect: {
			calls: 1,
			requests: { 'PUT /contractors/{id}': 1 },
			counts: { contractors: 2, jobs: 4, quotes: 4, sessions: 2, assignments: 2 },
			ledger: COVERED,
		},
	},
	{
		name: 'a cancellation',
		ends: true,
		story: "Jordan Lee's placement 45678 is cancelled in JobDiva (its start status becomes Cancelled): the assignment is cancelled.",
		change: async (world) => {
			await standin(world, 'POST', '/placements/45678/change', { status: 'Cancelled' });
		},
		expect: {
			calls: 1,
			requests: { 'POST /assignments/cancel': 1 },
			counts: { contractors: 2, jobs: 4, quotes: 4, sessions: 2, assignments: 2 },
			ledger: { ...COVERED, '45678': 'ended' },
		},
	},
	{
		name: 'a deletion',
		ends: true,
		story: "Marcus Webb's placement 45680 is deleted in JobDiva before he applied: his application link is expired.",
		change: async (world) => {
			await standin(world, 'DELETE', '/placements/45680');
		},
		expect: {
			calls: 1,
			requests: { 'POST /apply/sessions/{id}/expire': 1 },
			counts: { contractors: 2, jobs: 4, quotes: 4, sessions: 2, assignments: 2 },
			ledger: { ...COVERED, '45678': 'ended', '45680': 'ended' },
		},
	},
];

/** `PUT /api/v1/assignments/an_x` → `PUT /assignments/{id}`. */
export function requestShape(method: string, path: string): string {
	return `${method} ${path.replace(/^\/api\/v1/, '').replace(/\/(cn|en|jb|qt|ias|an|pl|in|ci)_[^/]+/g, '/{id}')}`;
}
