import { PollContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWorkflowExecuteAdditionalData, type WorkflowExecuteMode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { JobDivaPollingTrigger } from '../../nodes/JobDivaPollingTrigger/JobDivaPollingTrigger.node';
import { defaultFixtures, startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { PACKAGE, registerCredentialType, registerNodeType, testNodeTypes } from '../helpers/nodeTypes';

/**
 * The polling trigger inside n8n-core's PollContext against the stand-in, with the workflow's static data saved to
 * JSON and reloaded between polls (what n8n does across executions and restarts). Stamps are relative to the real
 * clock because the node reads it.
 */

const TYPE = `${PACKAGE}.jobDivaPollingTrigger`;
registerNodeType(TYPE, new JobDivaPollingTrigger());
registerCredentialType(new JobDivaApi());

let standin: JobDivaStandin;
const base = Object.fromEntries(defaultFixtures().activities.map((a) => [a.row.ACTIVITYID as string, a.row]));
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function hire(id: string, at: string, feed: 'new' | 'updated', changes: Record<string, string> = {}) {
	const f = standin.fixtures;
	f.hires.push({ at, placementId: id, feed });
	f.activities = f.activities.filter((a) => a.row.ACTIVITYID !== id);
	f.activities.push({ at, row: { ...base[id], ...changes } });
}

const NODE: INode = {
	id: 'jd-poll',
	name: 'JobDiva Polling Trigger',
	type: TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: { hireFeed: 'both', startAt: '', options: { timeZone: 'America/New_York' } },
	credentials: { jobDivaApi: { id: '1', name: 'JobDiva' } },
};

/** One poll in a fresh Workflow built from saved static data; returns the emitted JSON and the data to save. */
async function poll(savedStaticData: IDataObject, parameters: Record<string, unknown> = {}, mode: WorkflowExecuteMode = 'trigger') {
	const node = { ...NODE, parameters: { ...NODE.parameters, ...parameters } } as INode;
	const workflow = new Workflow({
		id: 'wf-poll',
		name: 'JobDiva hires',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: testNodeTypes,
		staticData: JSON.parse(JSON.stringify(savedStaticData)) as IDataObject,
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ jobDivaApi: { ...STANDIN_USER, baseUrl: standin.url } }),
		restApiUrl: '',
		instanceBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new PollContext(workflow, node, additionalData, mode, 'activate');
	const output = await new JobDivaPollingTrigger().poll.call(context);
	const records = (output?.[0] ?? []).map((item) => item.json);
	return { records, saved: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject, changed: workflow.staticData.__dataChanged === true };
}

const summary = (records: IDataObject[]) => records.map((r) => `${r.PLACEMENTID}:${r.AGREEDPAYRATE}`);

beforeAll(async () => {
	standin = await startJobDivaStandin();
});
afterAll(() => standin.stop());
beforeEach(() => {
	standin.setFixtures({ ...defaultFixtures(), hires: [], activities: [] });
	standin.requestLog.length = 0;
});

describe('JobDivaPollingTrigger', () => {
	it('emits each change once across three polls with overlapping updates, with static data saved and reloaded between them', async () => {
		hire('45678', ago(2 * DAY), 'new');
		hire('45679', ago(1 * DAY), 'new');
		const first = await poll({}, { startAt: ago(3 * DAY) });
		expect(summary(first.records)).toEqual(['45678:95.10', '45679:110.00']);
		expect(first.changed).toBe(true);
		const cursor1 = (first.saved['node:JobDiva Polling Trigger'] as IDataObject).cursor as string;
		expect(Date.now() - Date.parse(cursor1)).toBeLessThan(MINUTE);

		// An update stamped before the first poll ended (a late commit) and a new hire.
		hire('45679', new Date(Date.parse(cursor1) - 2 * MINUTE).toISOString(), 'updated', { AGREEDPAYRATE: '115.00' });
		hire('45680', ago(3000), 'new');
		const second = await poll(first.saved, { startAt: ago(3 * DAY) });
		expect(summary(second.records)).toEqual(['45679:115.00', '45680:800.00']);

		// Both are inside the third poll's overlap: nothing is repeated; only the newer hire is emitted.
		hire('45690', ago(2000), 'new');
		const third = await poll(second.saved, { startAt: ago(3 * DAY) });
		expect(summary(third.records)).toEqual(['45690:102.50']);
		expect(standin.requestLog.filter((e) => e.path.endsWith('/v2/login'))).toHaveLength(3);

		const fourth = await poll(third.saved);
		expect(fourth.records).toEqual([]);
	});

	it('a first poll without Start From begins now: earlier hires are not replayed', async () => {
		hire('45678', ago(2 * DAY), 'new');
		const result = await poll({});
		expect(result.records).toEqual([]);
		expect((result.saved['node:JobDiva Polling Trigger'] as IDataObject).cursor).toBeDefined();
	});

	it('a failed poll keeps the saved position, and the next poll emits what it missed', async () => {
		hire('45678', ago(2 * DAY), 'new');
		const start = await poll({}, { startAt: ago(3 * DAY) });
		hire('45679', ago(2000), 'new');
		standin.rateLimit('NewHires', 10);
		await expect(poll(start.saved, { options: { timeZone: 'America/New_York', maxRetries: 0 } })).rejects.toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(/request limit for \/apiv2\/bi\/NewHires was still exceeded/),
		});
		standin.rateLimit('NewHires', 0);
		const after = await poll(start.saved);
		expect(summary(after.records)).toEqual(['45679:110.00']);
	});

	it('a manual test returns recent hires and leaves the position untouched', async () => {
		hire('45678', ago(2 * DAY), 'new');
		hire('45679', ago(1 * DAY), 'new');
		const saved = { 'node:JobDiva Polling Trigger': { cursor: ago(MINUTE), seen: [] } };
		const manual = await poll(saved, { options: { timeZone: 'America/New_York', sampleSize: 1 } }, 'manual');
		expect(summary(manual.records)).toEqual(['45679:110.00']);
		expect(manual.saved).toEqual(saved);
		expect(manual.changed).toBe(false);
	});
});
