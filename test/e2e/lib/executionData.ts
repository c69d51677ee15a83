/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { join } from 'node:path';
import type { N8nInstall } from './n8nInstall';
import type { N8nRest } from './n8nRest';

export interface ExecutionOutline {
	id: string;
	/** The first item the named start node emitted. */
	firstItem: Record<string, unknown> | undefined;
	lastNodeExecuted: string | undefined;
	nodesRun: string[];
}

interface RunData {
	resultData: { lastNodeExecuted?: string; runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> };
}

/**
 * An execution as GET /rest/executions/:id returns it: the run data is a string in `flatted` format (n8n stores
 * it so); parsed with the `flatted` of the same n8n install, so the format always matches.
 */
export async function outlineExecution(install: N8nInstall, rest: N8nRest, id: string, startNode: string): Promise<ExecutionOutline> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(install.dir, 'node_modules/flatted')) as { parse(text: string): unknown };
	const execution = await rest.execution(id);
	const data = flatted.parse(execution.data) as RunData;
	const runData = data.resultData.runData;
	return {
		id,
		firstItem: runData[startNode]?.[0]?.data?.main?.[0]?.[0]?.json,
		lastNodeExecuted: data.resultData.lastNodeExecuted,
		nodesRun: Object.keys(runData),
	};
}
