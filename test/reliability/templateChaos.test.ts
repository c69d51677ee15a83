/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PLACEMENT_TEMPLATE, runTemplate } from '../helpers/template';
import type { RunResult } from '../helpers/workflow';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { startSandbox, type Sandbox } from '../sandbox';
import type { ApiObject } from '../sandbox/types';
import { hasBadDates, idsOf, placementIdOf, standinPlacements } from './support/standinPlacements';

/**
 * The shipped placement template (templates/jobdiva-placement-to-1099policy.json), run in-process from "Run now"
 * over 500 first-time contractor placements in the JobDiva stand-in, against a 1099Policy sandbox answering 10% of
 * requests 500, 5% 429 and dropping 2% of connections after applying the request. End state: one contractor, job and
 * quote per placement, no duplicates, and every placement accounted for — its application session link, or an item on
 * "1099Policy refused" / "Needs fixing in JobDiva" naming the step and the problem. Five placements end before they
 * start, so the error path is always taken.
 *
 * Only the 1099Policy nodes' Requests in Parallel (20) and Max Retries (6) are adjusted; Retry-After is 0 s and
 * n8n-workflow's `sleep` runs 20× faster (see chaos.test.ts for why), so the run takes seconds.
 */
vi.mock('n8n-workflow', async (importOriginal) => {
	const actual = await importOriginal<typeof import('n8n-workflow')>();
	return { ...actual, sleep: async (ms: number) => actual.sleep(ms / 20) };
});

const COUNT = 500;
const KEY = 't9k_test_template_chaos';
let sandbox: Sandbox;
let jobdiva: JobDivaStandin;

beforeAll(async () => {
	sandbox = await startSandbox({ faults: { serverErrorShare: 0.1, rateLimitShare: 0.05, retryAfterSeconds: 0, dropShare: 0.02, seed: 4242 } });
	jobdiva = await startJobDivaStandin({ fixtures: standinPlacements(COUNT) });
});
afterAll(async () => {
	await sandbox?.stop();
	await jobdiva?.stop();
});

/** Every item a node output in every run (the shared error sink runs once per failing step). */
function allItems(result: RunResult, node: string): INodeExecutionData[] {
	return (result.run.data.resultData.runData[node] ?? []).flatMap((task) => task.data?.main?.[0] ?? []);
}

function groupBy(objects: ApiObject[], field: string): Map<string, ApiObject[]> {
	const groups = new Map<string, ApiObject[]>();
	for (const object of objects) {
		const id = String((object.custom_metadata as Record<string, unknown> | null)?.[field]);
		groups.set(id, [...(groups.get(id) ?? []), object]);
	}
	return groups;
}

describe('chaos through the shipped placement template', () => {
	it('500 placements: one contractor, job and quote each, none duplicated, none unaccounted for', async () => {
		const credentials = {
			ten99PolicyApi: { apiKey: KEY, environment: 'sandbox', baseUrl: sandbox.url },
			jobDivaApi: { ...STANDIN_USER, baseUrl: jobdiva.url, sessionToken: '' },
		};
		const result = await runTemplate(PLACEMENT_TEMPLATE, credentials, {
			adjust: (template) => {
				for (const node of template.nodes) {
					if (node.type.endsWith('.ten99Policy')) node.parameters.options = { ...(node.parameters.options as object), concurrency: 20, maxRetries: 6 };
				}
			},
		});
		expect(result.error).toBeUndefined();
		const faults = (kind: string) => sandbox.requestLog.filter((entry) => entry.fault === kind).length;
		expect(faults('server_error')).toBeGreaterThan(100);
		expect(faults('rate_limit')).toBeGreaterThan(50);
		expect(faults('drop')).toBeGreaterThan(20);

		const done = allItems(result, 'Send this link to the contractor').map((item) => String(item.json.placementId));
		const failed = [...allItems(result, '1099Policy refused'), ...allItems(result, 'Needs fixing in JobDiva')].map((item) => ({
			placementId: String(item.json.placementId),
			problem: String(item.json.problem ?? ''),
		}));
		const accounted = [...done, ...failed.map((f) => f.placementId)];
		const expected = Array.from({ length: COUNT }, (_, index) => placementIdOf(index));
		expect(expected.filter((id) => !accounted.includes(id)), 'placements neither done nor reported').toEqual([]);
		expect(accounted.filter((id, index) => accounted.indexOf(id) !== index), 'placements reported twice').toEqual([]);
		for (const failure of failed) expect(failure.problem.length, `no reason for ${failure.placementId}`).toBeGreaterThan(10);
		const badDates = expected.filter((_, index) => hasBadDates(index));
		expect(failed.filter((f) => badDates.includes(f.placementId)).map((f) => f.problem)).toEqual(
			badDates.map(() => expect.stringMatching(/is not after the start date/)),
		);

		const state = sandbox.state();
		const groups = {
			contractors: groupBy(state.contractors, 'jobdiva_candidate_id'),
			jobs: groupBy(state.jobs, 'jobdiva_job_id'),
			quotes: groupBy(state.quotes, 'jobdiva_placement_id'),
			sessions: groupBy(state.sessions, 'jobdiva_placement_id'),
		};
		for (const [name, grouped] of Object.entries(groups)) {
			const duplicated = [...grouped].filter(([, objects]) => objects.length > 1).map(([id, objects]) => `${id} ×${objects.length}`);
			expect(duplicated, `duplicate ${name}`).toEqual([]);
		}
		expect(state.entities).toHaveLength(1);
		for (const placementId of done) {
			const ids = idsOf(placementId);
			expect(groups.contractors.get(ids.candidateId), `contractor of ${placementId}`).toHaveLength(1);
			expect(groups.jobs.get(ids.jobId), `job of ${placementId}`).toHaveLength(1);
			expect(groups.quotes.get(placementId), `quote of ${placementId}`).toHaveLength(1);
			expect(groups.sessions.get(placementId), `session of ${placementId}`).toHaveLength(1);
		}
		expect(done.length).toBeGreaterThanOrEqual(COUNT - badDates.length - 5);
		expect(state.contractors.length).toBeGreaterThanOrEqual(done.length);
		expect(state.jobs.length).toBeGreaterThanOrEqual(done.length);
	}, 180_000);
});
