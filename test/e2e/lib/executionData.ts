/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { join } from 'node:path';
import type { N8nInstall } from './n8nInstall';
import type { N8nRest } from './n8nRest';
import { waitFor } from './wait';

export interface ExecutionOutline {
	id: string;
	/** The first item the named start node emitted. */
	firstItem: Record<string, unknown> | undefined;
	lastNodeExecuted: string | undefined;
	nodesRun: string[];
}

type Items = Array<{ json: Record<string, unknown> }>;

interface RunData {
	resultData: {
		lastNodeExecuted?: string;
		error?: { message?: string };
		runData: Record<string, Array<{ error?: { message?: string }; executionTime?: number; data?: { main?: Array<Items | null> } }>>;
	};
}

/**
 * An execution as GET /rest/executions/:id returns it: the run data is a string in `flatted` format (n8n stores
 * it so); parsed with the `flatted` of the same n8n install, so the format always matches.
 */
async function readExecution(install: N8nInstall, rest: N8nRest, id: string): Promise<{ status: string; data: RunData }> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(install.dir, 'node_modules/flatted')) as { parse(text: string): unknown };
	const execution = await rest.execution(id);
	return { status: execution.status, data: flatted.parse(execution.data) as RunData };
}

export async function outlineExecution(install: N8nInstall, rest: N8nRest, id: string, startNode: string): Promise<ExecutionOutline> {
	const { data } = await readExecution(install, rest, id);
	const runData = data.resultData.runData;
	return {
		id,
		firstItem: runData[startNode]?.[0]?.data?.main?.[0]?.[0]?.json,
		lastNodeExecuted: data.resultData.lastNodeExecuted,
		nodesRun: Object.keys(runData),
	};
}

export interface FinishedExecution {
	id: string;
	status: string;
	/** The execution's own error (a node that stopped the run), if any. */
	error?: string;
	/** Every node that recorded an error in one of its runs, as `name: message` (continue-on-error nodes included). */
	failedNodes: string[];
	nodesRun: string[];
	/** All items a node emitted on its main outputs, over all its runs. */
	items(node: string): Array<Record<string, unknown>>;
	/** The items a node emitted on one main output (0 = the first; a node's error output comes after its others), over all its runs. */
	output(node: string, index: number): Array<Record<string, unknown>>;
	/** How long a node ran, in ms, over all its runs (n8n's `executionTime`). */
	runTimeMs(node: string): number;
}

const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);

/** Polls GET /rest/executions/:id until n8n records the execution as finished (success, error, crashed, canceled). */
export async function waitForExecution(install: N8nInstall, rest: N8nRest, id: string, timeoutMs: number): Promise<FinishedExecution> {
	await waitFor(`execution ${id} to finish`, async () => (UNFINISHED.has((await rest.execution(id)).status) ? undefined : true), timeoutMs, 1000);
	const { status, data } = await readExecution(install, rest, id);
	const runData = data.resultData.runData;
	return {
		id,
		status,
		error: data.resultData.error?.message,
		failedNodes: Object.entries(runData)
			.filter(([, runs]) => runs.some((r) => r.error))
			.map(([name, runs]) => `${name}: ${runs.find((r) => r.error)?.error?.message}`),
		nodesRun: Object.keys(runData),
		items: (node) => (runData[node] ?? []).flatMap((r) => (r.data?.main ?? []).flatMap((output) => (output ?? []).map((item) => item.json))),
		output: (node, index) => (runData[node] ?? []).flatMap((r) => (r.data?.main?.[index] ?? []).map((item) => item.json)),
		runTimeMs: (node) => (runData[node] ?? []).reduce((sum, r) => sum + (r.executionTime ?? 0), 0),
	};
}
