/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LEDGER_TABLE } from '../../src/ledger/row';
import { tableRows } from '../helpers/dataTableDouble';
import { PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { startSandbox, type Sandbox } from '../sandbox';
import type { ApiObject } from '../sandbox/types';
import { hasBadDates, idsOf, placementIdOf, standinPlacements } from './support/standinPlacements';

/**
 * The placement ledger under chaos: 300 first-time contractor placements through four cycles of the shipped
 * template — first sight; a day later (1099Policy's keys expired); pay and date changes; ends and email changes —
 * against a sandbox answering 10% of requests 500, 5% 429 and dropping 2% of connections after applying them.
 * After every cycle: no placement covered twice (one contractor per candidate, one job, quote and application per
 * placement), nothing lost (every placement has a ledger row; a refused one names its step and problem and is
 * finished by a later cycle), and every settled ledger row names exactly the sandbox's objects and dates.
 * n8n-workflow's `sleep` runs 20× faster and Retry-After is 0 s, so four cycles take seconds.
 */
vi.mock('n8n-workflow', async (importOriginal) => {
	const actual = await importOriginal<typeof import('n8n-workflow')>();
	return { ...actual, sleep: async (ms: number) => actual.sleep(ms / 20) };
});

const COUNT = 300;
const KEY = 't9k_test_ledger_chaos';
const HOUR = 3_600_000;
let sandbox: Sandbox;
let jobdiva: JobDivaStandin;

beforeAll(async () => {
	sandbox = await startSandbox({ faults: { serverErrorShare: 0.1, rateLimitShare: 0.05, retryAfterSeconds: 0, dropShare: 0.02, seed: 1212 } });
	jobdiva = await startJobDivaStandin({ fixtures: standinPlacements(COUNT) });
});
afterAll(async () => {
	await sandbox?.stop();
	await jobdiva?.stop();
});

const metadata = (o: ApiObject, key: string) => String((o.custom_metadata as Record<string, unknown> | null)?.[key] ?? '');
const day = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString().slice(0, 10);

function byKey(objects: ApiObject[], key: string): Map<string, ApiObject[]> {
	const groups = new Map<string, ApiObject[]>();
	for (const o of objects) groups.set(metadata(o, key), [...(groups.get(metadata(o, key)) ?? []), o]);
	return groups;
}

const stamp = () => new Date(Date.now() - 5_000).toISOString();
const good = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !hasBadDates(i));

const CYCLES: Array<{ name: string; change: () => void }> = [
	{ name: 'first sight', change: () => {} },
	{ name: 'a day later', change: () => sandbox.advanceClock(25 * HOUR) },
	{
		name: 'pay and date changes',
		change: () => {
			for (const i of good.filter((i) => i % 10 === 1)) jobdiva.changePlacement(placementIdOf(i), { payRate: 700 + (i % 7), at: stamp() });
			for (const i of good.filter((i) => i % 10 === 2)) {
				const end = String(jobdiva.placement(placementIdOf(i)).activity.row.ENDDATE).slice(0, 10).split('/');
				const later = new Date(Date.UTC(Number(end[2]), Number(end[0]) - 1, Number(end[1]) + 7)).toISOString().slice(0, 10);
				jobdiva.changePlacement(placementIdOf(i), { endDate: later, at: stamp() });
			}
		},
	},
	{
		name: 'ends and email changes, a day later',
		change: () => {
			sandbox.advanceClock(25 * HOUR);
			for (const i of good.filter((i) => i % 10 === 3)) {
				const start = String(jobdiva.placement(placementIdOf(i)).activity.row.STARTDATE).slice(0, 10).split('/');
				const next = new Date(Date.UTC(Number(start[2]), Number(start[0]) - 1, Number(start[1]) + 3)).toISOString().slice(0, 10);
				jobdiva.endPlacement(placementIdOf(i), { endDate: next, at: stamp() });
			}
			for (const i of good.filter((i) => i % 10 === 4)) jobdiva.changePlacement(placementIdOf(i), { email: `marcus.${i}@new-mail.example`, at: stamp() });
		},
	},
];

describe('the placement ledger under chaos', () => {
	it('300 placements, four cycles: nothing covered twice, nothing lost, ledger = 1099Policy', async () => {
		const credentials = {
			ten99PolicyApi: { apiKey: KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		const calls: number[] = [];
		for (const cycle of CYCLES) {
			cycle.change();
			const from = sandbox.requestLog.length;
			const result = await runTemplate(PLACEMENT_TEMPLATE, credentials, {
				adjust: (template) => {
					for (const node of template.nodes) {
						if (node.type.endsWith('.ten99Policy')) node.parameters.options = { ...(node.parameters.options as object), concurrency: 20, maxRetries: 6 };
					}
				},
			});
			expect(result.error, cycle.name).toBeUndefined();
			calls.push(sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).length);

			const state = sandbox.state();
			const contractors = byKey(state.contractors, 'jobdiva_candidate_id');
			const jobs = byKey(state.jobs, 'jobdiva_job_id');
			const quotes = byKey(state.quotes, 'jobdiva_placement_id');
			const sessions = byKey(state.sessions, 'jobdiva_placement_id');
			for (const [name, groups] of Object.entries({ contractors, jobs, quotes, sessions })) {
				const twice = [...groups].filter(([, list]) => list.length > 1).map(([id, list]) => `${id} ×${list.length}`);
				expect(twice, `${cycle.name}: duplicate ${name}`).toEqual([]);
			}
			const rows = new Map(tableRows(LEDGER_TABLE).map((r) => [String(r.placementId), r]));
			for (const i of good) {
				const placementId = placementIdOf(i);
				const row = rows.get(placementId);
				expect(row, `${cycle.name}: ledger row of ${placementId}`).toBeDefined();
				if (row!.state === 'refused') {
					expect(String(row!.lastAction), `${cycle.name}: why ${placementId} was refused`).toMatch(/^refused at .{3,}: .{10,}/);
					continue;
				}
				expect(row!.state, `${cycle.name}: ${placementId}`).toBe('awaiting application');
				const { candidateId, jobId } = idsOf(placementId);
				const quote = quotes.get(placementId)![0];
				expect(row, `${cycle.name}: ${placementId}`).toMatchObject({
					contractorId: contractors.get(candidateId)![0].id,
					jobId: jobs.get(jobId)![0].id,
					quoteId: quote.id,
					sessionId: sessions.get(placementId)![0].id,
					startDate: day(quote.effective_date),
					endDate: day(quote.end_date),
				});
			}
		}
		const refusedAtEnd = tableRows(LEDGER_TABLE).filter((r) => r.state === 'refused').length;
		console.log(`ledger chaos: calls per cycle ${calls.join(' / ')}; refused after the last cycle: ${refusedAtEnd}`);
		const faults = (kind: string) => sandbox.requestLog.filter((entry) => entry.fault === kind).length;
		expect(faults('server_error')).toBeGreaterThan(50);
		expect(faults('drop')).toBeGreaterThan(5);
		// A day later nothing has changed: only placements refused in the first cycle are sent again.
		expect(calls[1]).toBeLessThan(calls[0] / 10);
	}, 300_000);
});
