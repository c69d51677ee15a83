import { DateTime } from 'luxon';
import type { JobDivaClient } from './client';
import { splitWindows, MAX_WINDOW_DAYS, type DateWindow } from './dates';
import { getHires, type HireFeed } from './operations';
import { RecentKeys } from '../util/recentKeys';
import { idOf, rowIdentity, type JobDivaRow } from './rows';

/**
 * The polling trigger's logic, n8n-free. State lives in n8n's static data as plain JSON:
 * - `cursor`: the end of the last range fetched completely (ISO, UTC). It moves only after every window of a poll
 *   succeeded, so a failed or interrupted poll is fetched again next time: nothing is missed across restarts.
 * - `seen`: a bounded set of `(record id, content hash)` keys already emitted. Each poll starts `overlapMinutes`
 *   before the cursor (JobDiva's clock and commit delays can stamp a change slightly in the past); records seen in
 *   the overlap are dropped, so nothing is emitted twice, while a record changed again (new content) is emitted again.
 */
export interface PollState {
	cursor?: string;
	seen?: string[];
}

export interface PollSettings {
	/** First run only: where the first range starts. */
	startAt: DateTime;
	overlapMinutes: number;
	/** Zone the window bounds are sent to JobDiva in (the tenant's zone). */
	zone: string;
	feed: HireFeed;
	seenLimit: number;
}

/** About 60 KB of static data; far more than the hires that change within one overlap. */
export const DEFAULT_SEEN_LIMIT = 2000;

export interface PollPlan {
	from: DateTime;
	to: DateTime;
	windows: DateWindow[];
}

export function planPoll(state: PollState, now: DateTime, settings: Pick<PollSettings, 'startAt' | 'overlapMinutes'>): PollPlan {
	const cursor = state.cursor ? DateTime.fromISO(state.cursor, { zone: 'utc' }) : undefined;
	// JobDiva's dates have whole seconds: end at the second JobDiva will be told, so the cursor is exactly what it saw.
	const to = now.startOf('second');
	const from = cursor?.isValid ? cursor.minus({ minutes: Math.max(0, settings.overlapMinutes) }) : settings.startAt;
	return { from, to, windows: from < to ? splitWindows(from, to, MAX_WINDOW_DAYS) : [] };
}

/**
 * The key that says "this version of this record was emitted": id plus a hash of its whole content, cut to 96 bits
 * (ample to tell versions of one record apart) so thousands of keys stay small in n8n's static data.
 */
export function changeKey(row: JobDivaRow): string {
	return `${idOf(row, ['PLACEMENTID', 'ACTIVITYID', 'id']) ?? '?'}|${rowIdentity(row).slice(0, 24)}`;
}

export interface PollResult {
	records: JobDivaRow[];
	state: PollState;
	plan: PollPlan;
}

/**
 * One poll: fetch new/updated hires (expanded to their hire records, so a change of content is visible) over every
 * window since the cursor, drop versions already emitted, and return the next state. Throws without a new state when
 * any call fails; the caller keeps the old state.
 */
export async function pollHires(client: JobDivaClient, state: PollState, now: DateTime, settings: PollSettings): Promise<PollResult> {
	const plan = planPoll(state, now, settings);
	const seen = RecentKeys.fromState(state.seen, settings.seenLimit);
	const rows = plan.windows.length ? await getHires(client, settings.feed, { windows: plan.windows, zone: settings.zone }, true) : [];
	const records = rows.filter((row) => seen.add(changeKey(row)));
	return { records, plan, state: { cursor: plan.to.toUTC().toISO() ?? undefined, seen: seen.toState() } };
}

/**
 * Manual runs ("Fetch Test Event"): the most recent hires of the last `days` days, up to `limit`, without touching
 * the state, so testing the node never skips or replays anything in production.
 */
export async function sampleHires(
	client: JobDivaClient,
	now: DateTime,
	settings: Pick<PollSettings, 'zone' | 'feed'> & { days: number; limit: number },
): Promise<JobDivaRow[]> {
	const days = Math.min(MAX_WINDOW_DAYS, Math.max(1, settings.days));
	const windows = splitWindows(now.minus({ days }), now);
	const rows = await getHires(client, settings.feed, { windows, zone: settings.zone }, true);
	return rows.slice(-Math.max(1, settings.limit));
}
