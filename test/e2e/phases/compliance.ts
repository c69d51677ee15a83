/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureHeader } from '../../sandbox';
import { LEDGER_TABLE } from '../../../src/ledger/row';
import { outlineExecution, waitForExecution } from '../lib/executionData';
import type { ExecutionSummary, N8nRest } from '../lib/n8nRest';
import { sleep, waitFor } from '../lib/wait';
import type { VersionRun } from '../runVersion';

/**
 * Activates the compliance workflow through the REST API (its 1099Policy Trigger then registers a webhook
 * endpoint with the sandbox, pointing at n8n's production webhook URL), makes the sandbox emit real events by
 * completing the application sessions the placement flow opened (or, with no session, by emitting one event),
 * and asserts one successful execution per delivered event. Then a re-delivery of a known event (deduplicated)
 * and a forged delivery (401) must create no execution.
 */
export async function checkComplianceFlow(run: VersionRun, rest: N8nRest): Promise<void> {
	const { report } = run;
	const sandbox = run.services.sandbox;
	const compliance = run.workflows.find((w) => w.template.role === 'compliance');
	if (!report.check('a compliance workflow (file name containing "compliance") was imported', compliance !== undefined)) return;
	const file = compliance!.template.file.split('/').pop()!;

	// The placement phase moved the sandbox's clock a day ahead; its deliveries must be signed in n8n's time.
	run.services.clockInStep();
	report.check(`the sandbox's clock is in step with n8n's (${sandbox.clock().iso})`, Math.abs(sandbox.clock().now - Date.now()) < 5_000);
	const workflow = await rest.workflow(compliance!.id);
	await rest.activateWorkflow(workflow.id, workflow.versionId);
	const endpoints = await waitFor('the trigger to register a webhook endpoint', async () => {
		const registered = sandbox.state('sandbox').webhook_endpoints;
		return registered.length > 0 ? registered : undefined;
	}, 30_000);
	report.equal(`${file}: activation registers one webhook endpoint with the sandbox`, endpoints.length, 1);
	const endpoint = endpoints[0];
	const webhookUrl = String(endpoint.url);
	report.check(`${file}: the endpoint points at n8n's production webhook URL (${webhookUrl})`, webhookUrl.startsWith(`${rest.baseUrl}/webhook/`));

	const before = await rest.executions(workflow.id);
	const logStart = sandbox.deliveries.length;
	const completedSessions = await emitEvents(run, endpoint.events);
	const attempts = sandbox.deliveries.slice(logStart).filter((d) => d.endpointId === endpoint.id);
	const eventIds = [...new Set(attempts.map((d) => d.eventId))];
	const okDeliveries = attempts.filter((d) => d.status === 200);
	const delivered = eventIds.length;
	console.log(`    delivered: ${[...new Set(attempts.map((d) => d.eventType))].join(', ')}`);
	report.check(`${file}: the sandbox delivered ${delivered} signed events, each answered 200 at the first try`, delivered > 0 && okDeliveries.length === delivered && attempts.length === delivered, attempts);
	const executions = await waitForExecutions(rest, workflow.id, before.length + delivered);
	const fresh = executions.filter((e) => !before.some((b) => b.id === e.id));
	report.equal(`${file}: one execution per delivered event`, fresh.length, delivered);
	report.equal(`${file}: every execution succeeded`, fresh.map((e) => e.status).filter((s) => s !== 'success'), []);
	report.check(`${file}: executions ran in webhook mode`, fresh.length > 0 && fresh.every((e) => e.mode === 'webhook'), fresh);
	const trigger = compliance!.template.nodes.find((n) => n.type === 'n8n-nodes-ten99policy.ten99PolicyTrigger');
	if (trigger) {
		const outlines = await Promise.all(fresh.map((e) => outlineExecution(run.install, rest, e.id, trigger.name)));
		const started = outlines.map((o) => String(o.firstItem?.id)).sort();
		report.equal(`${file}: the executions carry exactly the delivered events, each once`, started, [...eventIds].sort());
		for (const o of outlines) console.log(`    execution ${o.id}: ${String(o.firstItem?.type)} → ${o.nodesRun.slice(1).join(' → ')}`);
		report.check(`${file}: every execution went past the trigger`, outlines.every((o) => o.nodesRun.length > 1), outlines);
	}
	await checkLedgerUpdates(run, rest, file, fresh.map((e) => e.id), completedSessions);

	// A retry of an event that was already delivered: acknowledged, not run again (the trigger's dedupe window).
	const knownEvent = okDeliveries[0]?.eventId;
	if (knownEvent) {
		sandbox.deliverEvent({ eventId: knownEvent, endpointId: endpoint.id });
		await sandbox.settleDeliveries();
		const retry = sandbox.deliveries.filter((d) => d.eventId === knownEvent).at(-1);
		report.equal(`${file}: a re-delivered event is acknowledged with 200`, retry?.status, 200);
		report.equal(`${file}: a re-delivered event (${knownEvent}) starts no second execution`, await settledCount(rest, workflow.id), executions.length);
	}
	const counted = (await rest.executions(workflow.id)).length;

	// A delivery signed with a wrong secret, and one without signature, sent straight to the production URL.
	const body = JSON.stringify({ id: 'ev_forged0001', object: 'event', type: 'policy.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'pl_forged' } } });
	const forged = await fetch(webhookUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'Ten99Policy-Signature': signatureHeader('whsec_forged_not_the_secret', Math.floor(Date.now() / 1000), body) },
		body,
	});
	report.equal(`${file}: a forged delivery is refused with 401`, forged.status, 401);
	const unsigned = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	report.equal(`${file}: an unsigned delivery is refused with 401`, unsigned.status, 401);
	report.equal(`${file}: the forged and unsigned deliveries started no execution`, await settledCount(rest, workflow.id), counted);
}

/**
 * The template's "Ledger: …" Data table nodes update the placement's row in n8n's Data table. They continue on error
 * (a placement without a row must not fail the event), so a failure shows only as an `error` in their output items:
 * none may carry one. A placement whose application session was completed must then read "covered" in the ledger.
 */
async function checkLedgerUpdates(run: VersionRun, rest: N8nRest, file: string, executionIds: string[], completedSessions: string[]): Promise<void> {
	const compliance = run.workflows.find((w) => w.template.role === 'compliance')!;
	const ledgerNodes = compliance.template.nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable').map((n) => n.name);
	if (ledgerNodes.length === 0) return;
	const executions = await Promise.all(executionIds.map((id) => waitForExecution(run.install, rest, id, 30_000)));
	const written = executions.flatMap((e) => ledgerNodes.flatMap((node) => e.items(node).map((json) => ({ execution: e.id, node, json }))));
	const failed = written.filter((w) => w.json.error !== undefined);
	run.report.equal(`${file}: the Data table nodes (${ledgerNodes.join(', ')}) ran without error`, failed, []);
	const table = (await rest.dataTables()).find((t) => t.name === LEDGER_TABLE);
	const rows = table ? await rest.dataTableRows(table) : [];
	const states = rows.map((r) => `${String(r.placementId)}: ${String(r.state)} (${String(r.lastAction)})`);
	console.log(`    ledger rows updated by events: ${written.length}; ledger now:\n      ${states.join('\n      ')}`);
	writeFileSync(join(run.workDir, 'compliance-ledger-writes.json'), JSON.stringify(written, null, 1));
	// A policy object carries no JobDiva IDs but its `quote`: "Ledger: covered" matches the row by quoteId then.
	const trigger = compliance.template.nodes.find((n) => n.type === 'n8n-nodes-ten99policy.ten99PolicyTrigger');
	const policyActive = executions.filter((e) => trigger !== undefined && e.items(trigger.name)[0]?.type === 'policy.active');
	if (completedSessions.length > 0 && trigger && ledgerNodes.includes(COVERED_NODE)) {
		const updated = policyActive.map((e) => e.items(COVERED_NODE).length);
		run.report.check(
			`${file}: the policy.active event's execution updates a ledger row ("${COVERED_NODE}" output rows: ${updated.join(', ') || 'no such execution'})`,
			updated.length > 0 && updated.every((n) => n >= 1),
			policyActive.map((e) => ({ execution: e.id, nodesRun: e.nodesRun, written: e.items(COVERED_NODE) })),
		);
		const row45680 = rows.find((r) => String(r.placementId) === '45680');
		run.report.equal(`${file}: placement 45680, whose application was completed, reads "covered" in the ledger`, row45680?.state, 'covered');
	}
	const applied = rows.filter((r) => completedSessions.includes(String(r.sessionId)));
	if (completedSessions.length > 0) {
		run.report.check(
			`${file}: the placements whose application was completed read "covered" in the ledger (${applied.map((r) => String(r.placementId)).join(', ')})`,
			applied.length > 0 && applied.every((r) => r.state === 'covered'),
			states,
		);
	}
}

const COVERED_NODE = 'Ledger: covered';

/** Executions are written asynchronously: give a wrongly started one time to appear before counting. */
async function settledCount(rest: N8nRest, workflowId: string): Promise<number> {
	await sleep(2500);
	return (await rest.executions(workflowId)).length;
}

/**
 * Completes every open application session (as a contractor finishing the hosted application would), which
 * makes the sandbox emit application and policy events; with no session, emits one event of a type the endpoint
 * subscribed to (`events` absent or empty means all). Returns the IDs of the sessions completed.
 */
async function emitEvents(run: VersionRun, subscribed: unknown): Promise<string[]> {
	const sandbox = run.services.sandbox;
	const open = sandbox.state('sandbox').sessions.filter((s) => s.status !== 'complete' && s.status !== 'expired');
	if (open.length > 0) {
		for (const session of open) sandbox.completeSession(session.id);
		console.log(`    completed ${open.length} application sessions in the sandbox`);
	} else {
		const types = Array.isArray(subscribed) ? (subscribed as string[]).filter((t) => t !== '*') : [];
		const type = types.includes('policy.active') || types.length === 0 ? 'policy.active' : types[0];
		sandbox.deliverEvent({ type, object: { id: 'pl_e2e0000001', object: 'policy', status: 'active', contractor: 'cn_e2e0000001' } });
		console.log(`    no open application session: emitted one ${type} event`);
	}
	await sandbox.settleDeliveries();
	return open.map((s) => s.id);
}

async function waitForExecutions(rest: N8nRest, workflowId: string, count: number): Promise<ExecutionSummary[]> {
	try {
		return await waitFor(`${count} finished executions`, async () => {
			const list = await rest.executions(workflowId);
			return list.length >= count && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		}, 60_000, 500);
	} catch {
		return rest.executions(workflowId);
	}
}
