/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS, LEDGER_TABLE } from '../../../src/ledger/row';
import { LIFECYCLE, requestShape, type LifecycleStep } from '../../demo/lifecycle';
import { seedReturningContractor } from '../../demo/scenario';
import { fixturesForToday } from '../../demo/timeShift';
import { COLLECTIONS, type CollectionName, type SandboxState } from '../../sandbox/types';
import { PLACEMENT_EXPECTATIONS } from '../expectations';
import { e2eCredentials } from '../lib/credentials';
import { waitForExecution } from '../lib/executionData';
import type { DataTable, N8nRest } from '../lib/n8nRest';
import type { VersionRun } from '../runVersion';

/** A second run right after the first, before the sandbox clock moves: the ledger alone must make it send nothing. */
const AGAIN_AT_ONCE: LifecycleStep = {
	name: 'again at once',
	story: 'The same placements, a moment after the first run.',
	change: async () => {},
	expect: { ...LIFECYCLE[0].expect, calls: 0 },
};

/**
 * The placement template inside the running n8n server, over a placement's whole life (test/demo/lifecycle.ts): after
 * each step's change to the world (the sandbox's clock, the JobDiva stand-in's placements, over HTTP) one run, started
 * as the editor's "Execute workflow" from the template's Manual Trigger (`POST /rest/workflows/:id/run`) and followed
 * until n8n records it finished. After each run: the run succeeded with no node error, the exact API calls 1099Policy
 * received (the sandbox's request log), the sandbox's object counts, and each placement's ledger state read from n8n's
 * own Data table (`1099policy_placement_ledger`, through n8n's REST API). Not `n8n execute`: that command does not
 * start n8n's modules, so the Data table node fails there with "the module is disabled".
 */
export async function checkPlacementFlow(run: VersionRun, rest: N8nRest): Promise<void> {
	await runLifecycle(run, rest, [LIFECYCLE[0], AGAIN_AT_ONCE, ...LIFECYCLE.slice(1).filter((s) => !s.ends)], 'placement-run');
}

/**
 * The steps that end coverage for good (a cancellation, a deletion in JobDiva), last of all phases: the world is reset
 * (a fresh sandbox state with the returning contractor seeded again and a new API key in the credential, the stand-in's
 * fixtures of today, the ledger table deleted through n8n's REST API), then the first run and the ending steps, with the
 * same checks as above.
 */
export async function checkPlacementEndings(run: VersionRun, rest: N8nRest): Promise<void> {
	const { sandbox, jobDiva } = run.services;
	sandbox.reset();
	// A reset sandbox is a new 1099Policy account: a new API key, so nothing the nodes remember for the old account (the
	// clients' entities found within the hour) is used against it.
	const [ten99] = e2eCredentials(sandbox.url, jobDiva.url);
	await rest.updateCredential({ ...ten99, data: { ...ten99.data, apiKey: `${ten99.data.apiKey}_endings` } });
	run.services.clockInStep();
	await seedReturningContractor(sandbox.url);
	jobDiva.setFixtures(fixturesForToday());
	const table = (await rest.dataTables()).find((t) => t.name === LEDGER_TABLE);
	if (table) await rest.deleteDataTable(table);
	run.report.equal('the world is reset for the endings: no ledger table, 1099Policy holds only the seeded contractor', [(await rest.dataTables()).some((t) => t.name === LEDGER_TABLE), sandbox.state('sandbox').contractors.length], [false, 1]);
	await runLifecycle(run, rest, [LIFECYCLE[0], ...LIFECYCLE.filter((s) => s.ends)], 'placement-ending-run');
}

async function runLifecycle(run: VersionRun, rest: N8nRest, steps: LifecycleStep[], runFilePrefix: string): Promise<void> {
	const { report } = run;
	const placement = run.workflows.find((w) => w.template.role === 'placement');
	if (!report.check('a placement workflow (file name containing "placement") was imported', placement !== undefined)) return;
	const file = placement!.template.file.split('/').pop()!;
	const expected = PLACEMENT_EXPECTATIONS[file];
	const sandbox = run.services.sandbox;
	const trigger = placement!.template.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger' && !n.disabled);
	if (!report.check(`${file}: has a Manual Trigger to run it from`, trigger !== undefined)) return;
	const world = { sandboxUrl: sandbox.url, jobdivaUrl: run.services.jobDiva.url };

	let firstRun: SandboxState | undefined;
	for (const [index, step] of steps.entries()) {
		await step.change(world);
		const from = sandbox.requestLog.length;
		const started = Date.now();
		const ok = await runOnce(run, rest, placement!.id, trigger!.name, `${file} ${step.name}`, `${runFilePrefix}-${index + 1}`);
		const shapes = sandbox.requestLog.slice(from).filter((r) => r.path.startsWith('/api/v1')).map((r) => requestShape(r.method, r.path));
		console.log(`    ${step.name}: ${shapes.length} calls in ${((Date.now() - started) / 1000).toFixed(1)} s${shapes.length ? ` (${summarize(shapes)})` : ''}`);
		if (!ok) continue;
		const label = `${file} ${step.name}`;
		report.check(`${label}: ${step.expect.calls} API calls to 1099Policy`, shapes.length === step.expect.calls, `got ${shapes.length}: ${shapes.join(', ')}`);
		if (step.expect.requests) report.equal(`${label}: the calls were ${JSON.stringify(step.expect.requests)}`, count(shapes), sortKeys(step.expect.requests));
		const state = sandbox.state('sandbox');
		const counts = Object.fromEntries(Object.keys(step.expect.counts).map((c) => [c, state[c as CollectionName].length]));
		report.equal(`${label}: 1099Policy holds ${JSON.stringify(step.expect.counts)}`, counts, step.expect.counts);

		const table = await ledgerTable(run, rest, label, index === 0);
		if (table) {
			const rows = await rest.dataTableRows(table);
			const states = Object.fromEntries(rows.map((r) => [String(r.placementId), String(r.state)]));
			report.equal(`${label}: the ledger in n8n reads ${JSON.stringify(step.expect.ledger)}`, sortKeys(states), sortKeys(step.expect.ledger));
		}

		if (step === LIFECYCLE[0]) {
			firstRun = state;
			const all = countAll(state);
			if (report.check(`${file}: an expectation is recorded in test/e2e/expectations.ts`, expected !== undefined, `add '${file}': ${JSON.stringify(nonEmpty(all))}`)) {
				for (const collection of COLLECTIONS) {
					if (collection === 'events' || collection === 'webhook_endpoints') continue;
					report.equal(`${file} run 1 leaves ${expected[collection] ?? 0} ${collection} (seeded included)`, all[collection], expected[collection] ?? 0);
				}
			}
		}
		if (step === AGAIN_AT_ONCE && firstRun) {
			for (const collection of COLLECTIONS) {
				if (collection === 'events') continue;
				report.equal(`${file} run 2 created no more ${collection}`, ids(state, collection), ids(firstRun, collection));
			}
		}
	}
	const tables = (await rest.dataTables()).filter((t) => t.name === LEDGER_TABLE);
	report.equal(`${file}: ${steps.length} runs reused one ledger table ("Reuse Existing Tables")`, tables.length, 1);
}

/** Runs the workflow once in the server and waits for it; true when it succeeded with no node error. */
async function runOnce(run: VersionRun, rest: N8nRest, workflowId: string, trigger: string, label: string, runFile: string): Promise<boolean> {
	const workflow = await rest.workflow(workflowId);
	const started = await rest.runManually(workflow, trigger);
	if (!run.report.check(`${label}: POST /rest/workflows/:id/run starts an execution`, started.executionId !== undefined, started)) return false;
	const execution = await waitForExecution(run.install, rest, started.executionId!, 300_000);
	writeFileSync(join(run.workDir, `${runFile}.json`), JSON.stringify(execution, null, 1));
	const succeeded = run.report.check(`${label}: execution ${execution.id} finished with status success`, execution.status === 'success', `${execution.status}: ${execution.error ?? ''}`);
	const clean = run.report.equal(`${label}: no node failed`, execution.failedNodes, []);
	console.log(`    ${runFile}: nodes run: ${execution.nodesRun.join(', ')}`);
	return succeeded && clean;
}

/** The ledger table as n8n's Data tables view lists it; after the first run also checks its columns. */
async function ledgerTable(run: VersionRun, rest: N8nRest, label: string, checkColumns: boolean): Promise<DataTable | undefined> {
	const table = (await rest.dataTables()).find((t) => t.name === LEDGER_TABLE);
	if (!run.report.check(`${label}: n8n lists the Data table "${LEDGER_TABLE}"`, table !== undefined)) return undefined;
	if (checkColumns) {
		const columns = [...table!.columns].sort((a, b) => a.index - b.index);
		run.report.equal(`${label}: the ledger table has the ledger's columns, all strings`, columns.map((c) => `${c.name}:${c.type}`), COLUMNS.map((c) => `${c}:string`));
	}
	return table;
}

function count(shapes: string[]): Record<string, number> {
	const counted: Record<string, number> = {};
	for (const s of [...shapes].sort()) counted[s] = (counted[s] ?? 0) + 1;
	return counted;
}

function summarize(shapes: string[]): string {
	return Object.entries(count(shapes))
		.map(([shape, n]) => `${n}× ${shape}`)
		.join(', ');
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function countAll(state: SandboxState): Record<CollectionName, number> {
	return Object.fromEntries(COLLECTIONS.map((c) => [c, state[c].length])) as Record<CollectionName, number>;
}

function nonEmpty(counts: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(counts).filter(([c, n]) => n > 0 && c !== 'events' && c !== 'webhook_endpoints'));
}

function ids(state: SandboxState, collection: CollectionName): string[] {
	return state[collection].map((o) => o.id).sort();
}
