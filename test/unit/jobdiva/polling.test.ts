import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeKey, planPoll, pollHires, sampleHires, type PollSettings, type PollState } from '../../../src/jobdiva/polling';
import { defaultFixtures, startJobDivaStandin, type JobDivaStandin, type StandinFixtures } from '../../jobdiva-standin';
import { callsTo, standinClient } from './support';

const ZONE = 'America/New_York';
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const settings: PollSettings = { startAt: utc('2026-11-01T00:00:00Z'), overlapMinutes: 10, zone: ZONE, feed: 'both', seenLimit: 5000 };

/** Activity rows of the default cast, by placement ID. */
const base = Object.fromEntries(defaultFixtures().activities.map((a) => [a.row.ACTIVITYID as string, a.row]));

/** A restart: the state goes through JSON (n8n's static data) and a new client logs in afresh. */
const persisted = (state: PollState): PollState => JSON.parse(JSON.stringify(state)) as PollState;

describe('planPoll', () => {
	it('starts at Start From on the first run, then overlaps the cursor, in windows of at most 14 days', () => {
		const first = planPoll({}, utc('2026-11-20T00:00:00Z'), settings);
		expect(first.from.toISO()).toBe('2026-11-01T00:00:00.000Z');
		expect(first.windows).toHaveLength(2);
		const next = planPoll({ cursor: '2026-11-20T00:00:00.000Z' }, utc('2026-11-20T01:00:00Z'), settings);
		expect(next.from.toISO()).toBe('2026-11-19T23:50:00.000Z');
		expect(next.windows).toHaveLength(1);
		expect(planPoll({}, utc('2026-10-01T00:00:00Z'), settings).windows).toEqual([]);
	});
});

describe('polling new and updated hires', () => {
	let standin: JobDivaStandin;
	let fixtures: StandinFixtures;
	beforeAll(async () => {
		standin = await startJobDivaStandin();
	});
	afterAll(() => standin.stop());
	beforeEach(() => {
		standin.setFixtures({ ...defaultFixtures(), hires: [], activities: [] });
		fixtures = standin.fixtures;
		standin.requestLog.length = 0;
	});

	const hire = (id: string, at: string, feed: 'new' | 'updated', changes: Record<string, string> = {}) => {
		fixtures.hires.push({ at, placementId: id, feed });
		fixtures.activities = fixtures.activities.filter((a) => a.row.ACTIVITYID !== id);
		fixtures.activities.push({ at, row: { ...base[id], ...changes } });
	};
	const emitted = (records: Array<Record<string, unknown>>) => records.map((r) => `${r.PLACEMENTID}:${r.AGREEDPAYRATE}`);

	it('three polls with overlapping updates emit each change exactly once, across a restart', async () => {
		hire('45678', '2026-11-02T14:05:00Z', 'new');
		hire('45679', '2026-11-04T16:30:00Z', 'new');
		const poll1 = await pollHires(standinClient(standin).client, {}, utc('2026-11-10T12:00:00Z'), settings);
		expect(emitted(poll1.records)).toEqual(['45678:95.10', '45679:110.00']);
		expect(poll1.records[0]).toMatchObject({ PLACEMENTID: '45678', ACTIVITYID: '45678', CANDIDATEID: '12345', CORPTOCORP: 'Y' });

		// Stamped 5 minutes before poll 1 ended but not visible to it (late commit): the overlap catches it.
		hire('45679', '2026-11-10T11:55:00Z', 'updated', { AGREEDPAYRATE: '115.00' });
		hire('45680', '2026-11-15T11:55:00Z', 'new');
		const poll2 = await pollHires(standinClient(standin).client, persisted(poll1.state), utc('2026-11-15T12:00:00Z'), settings);
		expect(emitted(poll2.records)).toEqual(['45679:115.00', '45680:800.00']);

		// Restart: a new client, the state reloaded from JSON. 45680 is in the overlap again and must not repeat.
		hire('45690', '2026-11-18T15:45:00Z', 'new');
		hire('45679', '2026-11-19T10:00:00Z', 'updated', { AGREEDPAYRATE: '120.00' });
		const poll3 = await pollHires(standinClient(standin).client, persisted(poll2.state), utc('2026-11-20T12:00:00Z'), settings);
		expect(emitted(poll3.records)).toEqual(['45690:102.50', '45679:120.00']);
		const overlap = callsTo(standin, '/NewHires').at(-1);
		expect(overlap?.query.fromDate).toBe('11/15/2026 06:50:00');

		const all = [...poll1.records, ...poll2.records, ...poll3.records].map(changeKey);
		expect(new Set(all).size).toBe(all.length);
		expect(poll3.state.cursor).toBe('2026-11-20T12:00:00.000Z');
	});

	it('a poll that fails part-way leaves the cursor where it was, and the next poll emits what was missed', async () => {
		hire('45678', '2026-11-02T14:05:00Z', 'new');
		const state: PollState = { cursor: '2026-11-01T00:00:00.000Z', seen: [] };
		standin.rateLimit('UpdatedHires', 10);
		const { client } = standinClient(standin, { maxRetries: 1 });
		await expect(pollHires(client, state, utc('2026-11-05T00:00:00Z'), settings)).rejects.toMatchObject({ status: 429 });
		expect(state).toEqual({ cursor: '2026-11-01T00:00:00.000Z', seen: [] });
		standin.rateLimit('UpdatedHires', 0);
		const retry = await pollHires(standinClient(standin).client, state, utc('2026-11-05T00:00:00Z'), settings);
		expect(emitted(retry.records)).toEqual(['45678:95.10']);
	});

	it('a hire whose activity record is outside the range is still emitted, as its PLACEMENTID', async () => {
		fixtures.hires.push({ at: '2026-11-03T10:00:00Z', placementId: '45700', feed: 'updated' });
		const result = await pollHires(standinClient(standin).client, {}, utc('2026-11-05T00:00:00Z'), settings);
		expect(result.records).toEqual([{ PLACEMENTID: '45700' }]);
	});

	it('a long gap since the last poll is read in 14-day windows, all in one poll', async () => {
		hire('45678', '2026-10-02T14:05:00Z', 'new');
		hire('45690', '2026-11-12T15:45:00Z', 'new');
		const result = await pollHires(standinClient(standin).client, { cursor: '2026-10-01T00:00:00.000Z' }, utc('2026-11-20T00:00:00Z'), settings);
		expect(emitted(result.records)).toEqual(['45678:95.10', '45690:102.50']);
		expect(callsTo(standin, '/NewHires')).toHaveLength(4);
		expect(callsTo(standin, '/NewHires').every((c) => c.status === 200)).toBe(true);
	});

	it('the remembered versions are bounded, oldest forgotten first, and keys stay short', async () => {
		for (const [id, at] of [['45678', '2026-11-02T14:05:00Z'], ['45679', '2026-11-04T16:30:00Z'], ['45680', '2026-11-09T13:15:00Z']] as const) hire(id, at, 'new');
		const result = await pollHires(standinClient(standin).client, {}, utc('2026-11-10T00:00:00Z'), { ...settings, seenLimit: 2 });
		expect(result.records).toHaveLength(3);
		expect(result.state.seen?.map((k) => k.split('|')[0])).toEqual(['45679', '45680']);
		expect(result.state.seen?.every((k) => /^\d+\|[0-9a-f]{24}$/.test(k))).toBe(true);
	});

	it('the manual sample reads recent hires and changes no state', async () => {
		for (const [id, at] of [['45678', '2026-11-02T14:05:00Z'], ['45679', '2026-11-04T16:30:00Z'], ['45680', '2026-11-09T13:15:00Z']] as const) hire(id, at, 'new');
		const sample = await sampleHires(standinClient(standin).client, utc('2026-11-10T00:00:00Z'), { zone: ZONE, feed: 'both', days: 14, limit: 2 });
		expect(sample.map((r) => r.PLACEMENTID)).toEqual(['45679', '45680']);
	});
});
