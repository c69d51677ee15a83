/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS, type CollectionName, type SandboxState } from '../../sandbox/types';
import { PLACEMENT_EXPECTATIONS } from '../expectations';
import { runN8nCli } from '../lib/n8nProcess';
import { cliStartNode } from '../lib/nodeTypes';
import type { VersionRun } from '../runVersion';
import { loadErrorLines } from './loadErrors';

/**
 * `n8n execute --id <placement workflow> --rawOutput`, twice. After the first run the sandbox must hold exactly
 * the expected objects; after the second, exactly the same ones (IDs compared), because every create is keyed
 * by JobDiva IDs. Both runs must succeed, with n8n's output parsed, not just its exit code.
 */
export async function checkPlacementFlow(run: VersionRun): Promise<void> {
	const placement = run.workflows.find((w) => w.template.role === 'placement');
	if (!run.report.check('a placement workflow (file name containing "placement") was imported', placement !== undefined)) return;
	const file = placement!.template.file.split('/').pop()!;
	const expected = PLACEMENT_EXPECTATIONS[file];
	const sandbox = run.services.sandbox;
	const start = cliStartNode(placement!.template.nodes, run.nodeTypes);
	run.report.check(
		`${file}: n8n execute starts at its Manual Trigger (it starts at "${start?.name}")`,
		start?.type === 'n8n-nodes-base.manualTrigger',
		'n8n execute runs from the first trigger or polling node in the workflow\'s "nodes" array: list the Manual Trigger before the polling trigger',
	);

	await executeOnce(run, placement!.id, file, 1);
	const first = sandbox.state('sandbox');
	const counts = countAll(first);
	console.log(`    sandbox after run 1: ${JSON.stringify(counts)}`);
	if (run.report.check(`${file}: an expectation is recorded in test/e2e/expectations.ts`, expected !== undefined, `add '${file}': ${JSON.stringify(nonEmpty(counts))}`)) {
		for (const collection of COLLECTIONS) {
			if (collection === 'events' || collection === 'webhook_endpoints') continue;
			run.report.equal(`${file} run 1 created ${expected[collection] ?? 0} ${collection}`, counts[collection], expected[collection] ?? 0);
		}
	}

	await executeOnce(run, placement!.id, file, 2);
	const second = sandbox.state('sandbox');
	for (const collection of COLLECTIONS) {
		if (collection === 'events') continue;
		run.report.equal(`${file} run 2 created no more ${collection}`, ids(second, collection), ids(first, collection));
	}
}

async function executeOnce(run: VersionRun, id: string, file: string, attempt: number): Promise<void> {
	const log = join(run.workDir, `n8n-execute-${attempt}.log`);
	const result = await runN8nCli(run.install, run.env, ['execute', `--id=${id}`, '--rawOutput'], log, 300_000);
	const { json, text } = splitOutput(result.stdout);
	writeFileSync(join(run.workDir, `execution-${attempt}.json`), json ?? '');
	const output = result.stdout + result.stderr;
	const errors = loadErrorLines(text + result.stderr);
	run.report.check(`${file} run ${attempt}: n8n execute logs no load error for the package`, errors.length === 0, unique(errors).join('\n'));
	const succeeded = result.code === 0 && !/Execution was NOT successful|Error executing workflow/.test(output) && json !== undefined;
	run.report.check(`${file} run ${attempt}: n8n execute exits 0 and prints a successful run`, succeeded, `exit ${result.code}; log ${log}\n${unique(output.split('\n').filter((l) => /error|unrecognized|cannot/i.test(l))).slice(0, 8).join('\n')}`);
	if (!succeeded) return;
	const data = JSON.parse(json!) as { status?: string; data: { resultData: { error?: unknown; runData: Record<string, Array<{ error?: { message?: string } }>> } } };
	const failedNodes = Object.entries(data.data.resultData.runData)
		.filter(([, runs]) => runs.some((r) => r.error))
		.map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`);
	run.report.equal(`${file} run ${attempt}: no node failed`, failedNodes, []);
	console.log(`    run ${attempt}: nodes run: ${Object.keys(data.data.resultData.runData).join(', ')}`);
}

/** --rawOutput prints the run as pretty JSON (a `{` line to a `}` line); n8n's log lines may come before it. */
function splitOutput(stdout: string): { json?: string; text: string } {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	const end = lines.lastIndexOf('}');
	if (start < 0 || end < start) return { text: stdout };
	return { json: lines.slice(start, end + 1).join('\n'), text: [...lines.slice(0, start), ...lines.slice(end + 1)].join('\n') };
}

function unique(lines: string[]): string[] {
	return [...new Set(lines.map((l) => l.trim()).filter(Boolean))];
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
