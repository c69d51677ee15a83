/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VersionRun } from '../runVersion';
import { waitForExecution, type FinishedExecution } from './executionData';
import type { N8nRest } from './n8nRest';

/**
 * The editor's "Execute workflow" from one trigger, inside the running server (`POST /rest/workflows/:id/run`), then
 * followed until n8n records the execution finished. Checks that it started, succeeded and that no node recorded an
 * error; saves the execution to `<work folder>/<file>.json`. Undefined when it did not start or did not finish.
 */
export async function runFromTrigger(run: VersionRun, rest: N8nRest, workflowId: string, trigger: string, label: string, file: string): Promise<FinishedExecution | undefined> {
	const workflow = await rest.workflow(workflowId);
	const started = await rest.runManually(workflow, trigger);
	if (!run.report.check(`${label}: POST /rest/workflows/:id/run starts an execution`, started.executionId !== undefined, started)) return undefined;
	const execution = await waitForExecution(run.install, rest, started.executionId!, 300_000);
	writeFileSync(join(run.workDir, `${file}.json`), JSON.stringify(execution, null, 1));
	run.report.check(`${label}: execution ${execution.id} finished with status success`, execution.status === 'success', `${execution.status}: ${execution.error ?? ''}`);
	run.report.equal(`${label}: no node failed`, execution.failedNodes, []);
	return execution;
}
