import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { TestCredentialsHelper } from './credentialsHelper';
import type { BinaryFile } from './binaryItemsSource';
import { testNodeTypes } from './nodeTypes';

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	settings?: Record<string, unknown>;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node: `output(name)` is output 0, `output(name, 1)` the second output. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error of the run, if any (as n8n records it). */
	error: Error | undefined;
	credentials: TestCredentialsHelper;
}

/**
 * Runs workflow JSON through the real n8n-core engine in this process: parameters, expressions, pairing and
 * Continue On Fail behave as in n8n. Credentials come from `credentials` by type name.
 */
export async function runWorkflow(
	json: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	startNodeName?: string,
): Promise<RunResult> {
	const workflow = new Workflow({
		id: 'test',
		name: 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes: testNodeTypes,
		settings: { executionOrder: 'v1', ...json.settings },
	});
	const workflowData: IWorkflowBase = {
		id: 'test',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: json.nodes,
		connections: json.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const helper = new TestCredentialsHelper({ ...credentials });
	const additionalData = {
		credentialsHelper: helper,
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', workflowData),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the in-process runner');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: '',
		instanceBaseUrl: '',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in-process');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	// The first node is the start unless told otherwise (test.items is not a trigger, so n8n would not pick it).
	const startNode = workflow.getNode(startNodeName ?? json.nodes[0].name) ?? undefined;
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode });
	const runData = run.data.resultData.runData;
	return {
		run,
		error: run.data.resultData.error as Error | undefined,
		credentials: helper,
		output(nodeName: string, outputIndex = 0) {
			const task = runData[nodeName]?.[runData[nodeName].length - 1];
			if (!task) throw new Error(`Node "${nodeName}" did not run. Ran: ${Object.keys(runData).join(', ')}`);
			return task.data?.main?.[outputIndex] ?? [];
		},
	};
}

/** Builds a linear workflow: a `test.items` start node emitting `items`, then the given nodes in a chain. */
export function chain(items: Array<Record<string, unknown>>, ...nodes: Array<Omit<INode, 'position' | 'id'> & { id?: string }>): WorkflowJson {
	const all: INode[] = [
		{ id: 'start', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
		...nodes.map((node, index) => ({ id: node.id ?? `n${index}`, position: [(index + 1) * 200, 0] as [number, number], ...node }) as INode),
	];
	const connections: IConnections = {};
	for (let index = 0; index < all.length - 1; index++) {
		connections[all[index].name] = { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}

/** Like {@link chain}, but the start node is `test.binaryItems`, emitting one item with a binary property per file. */
export function binaryChain(files: BinaryFile[], ...nodes: Array<Omit<INode, 'position' | 'id'> & { id?: string }>): WorkflowJson {
	const json = chain([], ...nodes);
	json.nodes[0] = { ...json.nodes[0], type: 'test.binaryItems', parameters: { files: JSON.stringify(files) } };
	return json;
}
