/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureHeader } from '../../sandbox';
import type { N8nRest } from '../lib/n8nRest';
import type { QueueDatabase } from '../lib/queueDatabase';
import { seconds } from '../lib/report';
import { sleep, waitFor } from '../lib/wait';
import { BACKEND_HEADER, type WebhookProxy } from '../lib/webhookProxy';
import type { VersionRun } from '../runVersion';

/** Event types of the storm, one per branch of the template's "Compliance state" (insured, issue, COI, review, in progress). */
const TYPES = ['certificate.approved', 'application.started', 'certificate.flagged', 'policy.expired', 'policy.active'];

/** Genuine events of the storm (E2E_QUEUE_EVENTS changes it, e.g. to try the phase quickly; the run prints the number used). */
export const STORM_EVENTS = Number(process.env.E2E_QUEUE_EVENTS ?? 1000);

interface Delivery {
	eventId: string;
	kind: 'first' | 'later, other process' | 'same moment' | 'forged';
	status: number;
	backend: number;
}

/**
 * The compliance template, active in queue mode behind the proxy (two webhook processes, two workers): 1,000 genuine
 * events signed as the sandbox signs (its endpoint's secret, `Ten99Policy-Signature`), 10% of them delivered twice —
 * half a while later to the other webhook process, half twice at the same moment, one copy to each process — and 5%
 * forged (a wrong secret). Then, read from n8n's Postgres: every genuine event has exactly one effect (one execution
 * that reached a "Write back" node), no forged event started anything, every execution succeeded; executions that
 * started for a duplicate and stopped before any effect are counted and printed.
 */
export async function checkQueueStorm(run: VersionRun, rest: N8nRest, proxy: WebhookProxy, db: QueueDatabase): Promise<void> {
	const { report } = run;
	const sandbox = run.services.sandbox;
	const compliance = run.workflows.find((w) => w.template.role === 'compliance');
	if (!report.check('a compliance workflow was imported', compliance !== undefined)) return;
	const triggerName = compliance!.template.nodes.find((n) => n.type === 'n8n-nodes-ten99policy.ten99PolicyTrigger')?.name ?? '';
	run.services.clockInStep();
	const workflow = await rest.workflow(compliance!.id);
	await rest.activateWorkflow(workflow.id, workflow.versionId);
	const endpoint = await waitFor('the trigger to register a webhook endpoint', async () => sandbox.state('sandbox').webhook_endpoints[0], 60_000);
	const url = String(endpoint.url);
	report.check(`activation (on the main process) registers the proxy's webhook URL with 1099Policy (${url})`, url.startsWith(`${proxy.url}/webhook/`));
	const secret = String(endpoint.secret);

	const deliveries: Delivery[] = [];
	const send = async (eventId: string, kind: Delivery['kind'], body: string, key: string, backend?: number): Promise<Delivery> => {
		const headers: Record<string, string> = { 'content-type': 'application/json', 'Ten99Policy-Signature': signatureHeader(key, Math.floor(Date.now() / 1000), body) };
		if (backend !== undefined) headers[BACKEND_HEADER] = String(backend);
		const response = await fetch(url, { method: 'POST', headers, body });
		await response.arrayBuffer();
		const delivery = { eventId, kind, status: response.status, backend: Number(response.headers.get(BACKEND_HEADER)) };
		deliveries.push(delivery);
		return delivery;
	};
	const bodyOf = (i: number, prefix = 'evt_q') => {
		const type = TYPES[i % TYPES.length];
		const object = { id: `${type.split('.')[0].slice(0, 4)}_q${i}`, object: type.split('.')[0], custom_metadata: { jobdiva_placement_id: `q${i}`, jobdiva_candidate_id: `c${i}`, jobdiva_job_id: `j${i}` } };
		return JSON.stringify({ id: `${prefix}${i}`, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } });
	};

	const forgedCount = Math.round(STORM_EVENTS * 0.05);
	const tasks: Array<() => Promise<unknown>> = [];
	/** Events to send again after the storm, with their first delivery (which tells the process that served it). */
	const later = new Map<number, { body: string; first?: Promise<Delivery> }>();
	for (let i = 0; i < STORM_EVENTS; i++) {
		const body = bodyOf(i);
		if (i % 20 === 0) {
			// The same event at the same moment, once to each webhook process.
			tasks.push(() => Promise.all([send(`evt_q${i}`, 'same moment', body, secret, 0), send(`evt_q${i}`, 'same moment', body, secret, 1)]));
		} else if (i % 20 === 10) {
			const entry: { body: string; first?: Promise<Delivery> } = { body };
			later.set(i, entry);
			tasks.push(() => (entry.first = send(`evt_q${i}`, 'first', body, secret)));
		} else {
			tasks.push(() => send(`evt_q${i}`, 'first', body, secret));
		}
		if (i % 20 === 5 && i / 20 < forgedCount) tasks.push(() => send(`evt_qf${i}`, 'forged', bodyOf(i, 'evt_qf'), `${secret}_forged`));
	}
	const before = await db.executionCount(workflow.id);
	const started = Date.now();
	await pool(tasks, 8);
	// A while later, the same events again, each to the webhook process that did not get it the first time.
	await pool([...later].map(([i, { body, first }]) => async () => send(`evt_q${i}`, 'later, other process', body, secret, 1 - (await first!).backend)), 8);
	const sentIn = Date.now() - started;
	const byKind = (kind: Delivery['kind']) => deliveries.filter((d) => d.kind === kind);
	const forged = byKind('forged');
	console.log(`    ${deliveries.length} deliveries in ${seconds(sentIn)}: ${STORM_EVENTS} genuine events, ${byKind('same moment').length / 2} twice at the same moment, ${byKind('later, other process').length} again later to the other process, ${forged.length} forged; proxy served ${proxy.served.join(' + ')}`);
	writeFileSync(join(run.workDir, 'queue-storm-deliveries.json'), JSON.stringify(deliveries));

	const genuine = deliveries.filter((d) => d.kind !== 'forged');
	report.equal('every genuine delivery (redeliveries included) is answered 200', genuine.filter((d) => d.status !== 200).map((d) => `${d.eventId} ${d.kind}: ${d.status}`), []);
	report.equal(`the ${forgedCount} forged deliveries are refused with 401`, forged.map((d) => d.status).filter((s) => s !== 401), []);
	report.check('both webhook processes received deliveries', new Set(genuine.map((d) => d.backend)).size === 2, proxy.served);

	const settled = await db.settledExecutions(workflow.id, 20 * 60_000);
	const all = settled - before;
	console.log(`    ${all} executions settled ${seconds(Date.now() - started)} after the storm began (${(all / ((Date.now() - started) / 1000)).toFixed(1)}/s)`);
	const executions = await db.executionOutlines(workflow.id, run.install, triggerName);
	const perEvent = new Map<string, { executions: number; effects: number }>();
	for (const e of executions) {
		const entry = perEvent.get(e.eventId) ?? { executions: 0, effects: 0 };
		entry.executions++;
		if (e.nodesRun.some((n) => n.startsWith('Write back:'))) entry.effects++;
		perEvent.set(e.eventId, entry);
	}
	const stormIds = [...Array(STORM_EVENTS).keys()].map((i) => `evt_q${i}`);
	const wrongEffects = stormIds.filter((id) => (perEvent.get(id)?.effects ?? 0) !== 1);
	const duplicateExecutions = stormIds.reduce((n, id) => n + Math.max(0, (perEvent.get(id)?.executions ?? 0) - 1), 0);
	const duplicateEffects = stormIds.reduce((n, id) => n + Math.max(0, (perEvent.get(id)?.effects ?? 0) - 1), 0);
	const redelivered = stormIds.filter((_, i) => i % 10 === 0);
	console.log(
		`    queue mode found: ${duplicateExecutions} duplicate executions (of ${redelivered.length} redelivered events: ${redelivered.filter((id) => (perEvent.get(id)?.executions ?? 0) > 1).length} started twice), ${duplicateEffects} duplicate effects, ${stormIds.filter((id) => !perEvent.get(id)?.effects).length} events without effect`,
	);
	writeFileSync(join(run.workDir, 'queue-storm-executions.json'), JSON.stringify(Object.fromEntries(perEvent)));
	report.equal(`every one of the ${STORM_EVENTS} genuine events has exactly one effect (an execution that reached "Write back")`, wrongEffects.slice(0, 20).map((id) => `${id}: ${JSON.stringify(perEvent.get(id) ?? {})}`), []);
	report.equal('no forged event started an execution', executions.filter((e) => e.eventId.startsWith('evt_qf')).map((e) => e.id), []);
	report.equal('every execution succeeded', executions.filter((e) => e.status !== 'success').map((e) => `${e.id}: ${e.status}`), []);
	report.check('every execution was started by a delivery (mode webhook)', executions.every((e) => e.mode === 'webhook'), executions.slice(0, 3));
	await rest.deactivateWorkflow(workflow.id).catch(() => undefined);
}

/** Runs the tasks with at most `width` at a time, in order. */
async function pool(tasks: Array<() => Promise<unknown>>, width: number): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < tasks.length) await tasks[next++]();
		}),
	);
}

/**
 * The placement template's JobDiva Polling Trigger, active in queue mode with its interval set to every minute (n8n's
 * shortest poll): over `minutes` minutes the JobDiva stand-in must see one poll per minute, from the main process
 * alone (workers and webhook processes never poll), not one per process.
 */
export async function checkQueuePoller(run: VersionRun, rest: N8nRest, minutes: number): Promise<void> {
	const { report } = run;
	const placement = run.workflows.find((w) => w.template.role === 'placement');
	const poller = placement?.template.nodes.find((n) => n.type === 'n8n-nodes-ten99policy.jobDivaPollingTrigger');
	if (!report.check('the placement template has a JobDiva Polling Trigger', placement !== undefined && poller !== undefined)) return;
	const workflow = await rest.workflow(placement!.id);
	const nodes = workflow.nodes.map((n) => (n.name === poller!.name ? { ...n, parameters: { ...n.parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } } } : n));
	const updated = await rest.updateWorkflow(workflow.id, { nodes, versionId: workflow.versionId });
	const log = run.services.jobDiva.requestLog;
	const seen: number[] = [];
	let read = log.length;
	const sampler = setInterval(() => {
		for (; read < log.length; read++) if (/Hires$/.test(log[read].path)) seen.push(Date.now());
	}, 200);
	const activatedAt = Date.now();
	await rest.activateWorkflow(workflow.id, updated.versionId);
	await sleep(minutes * 60_000 + 10_000);
	await rest.deactivateWorkflow(workflow.id).catch(() => undefined);
	clearInterval(sampler);
	// A poll reads the hire feeds within a few seconds; polls are a minute apart.
	const polls: number[][] = [];
	for (const t of seen) {
		const last = polls.at(-1);
		if (last && t - last[0] < 20_000) last.push(t);
		else polls.push([t]);
	}
	const spanMinutes = (Date.now() - activatedAt) / 60_000;
	console.log(`    ${polls.length} polls in ${spanMinutes.toFixed(1)} min (hire-feed requests per poll: ${polls.map((p) => p.length).join(', ')})`);
	report.check(`the poller fires once per interval, not once per process: ${polls.length} polls in ${spanMinutes.toFixed(1)} minutes at "every minute"`, polls.length >= Math.floor(spanMinutes) && polls.length <= Math.ceil(spanMinutes), polls.map((p) => p.map((t) => new Date(t).toISOString())));
	report.check('every poll read the hire feeds once (same number of requests each)', new Set(polls.map((p) => p.length)).size <= 1, polls.map((p) => p.length));
}
