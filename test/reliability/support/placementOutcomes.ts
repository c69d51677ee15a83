import type { INodeExecutionData, IPairedItemData, IRunData } from 'n8n-workflow';
import type { RunResult } from '../../helpers/workflow';
import { CHAIN_ORDER, NODE } from './placementWorkflow';

/**
 * What became of each input placement, read from n8n's run data by following every output item's pairedItem back
 * to the Placements node: done (reached Assignment or Application Session without error) or failed (the first node
 * in chain order that output an error item for it, with the error text).
 */

export type Outcome =
	| { kind: 'done'; via: string; contractor: string; job: string; quote: string }
	| { kind: 'failed'; node: string; reason: string }
	| { kind: 'missing' };

function firstPaired(item: INodeExecutionData): IPairedItemData | undefined {
	const paired = item.pairedItem;
	if (paired === undefined || typeof paired === 'number') return paired === undefined ? undefined : { item: paired };
	return Array.isArray(paired) ? paired[0] : paired;
}

/** Index of the Placements item that `item` (output `outputIndex` of `node`) descends from. */
export function sourceIndex(runData: IRunData, node: string, item: INodeExecutionData): number {
	let current = item;
	let name = node;
	for (let hops = 0; hops < 20; hops++) {
		const task = runData[name]?.[0];
		const paired = firstPaired(current);
		if (!task || !paired) throw new Error(`Item of ${name} carries no pairedItem`);
		const source = task.source?.[paired.input ?? 0];
		if (!source) return paired.item; // the start node: its items are the placements
		const previous = runData[source.previousNode]?.[source.previousNodeRun ?? 0];
		const next = previous?.data?.main?.[source.previousNodeOutput ?? 0]?.[paired.item];
		if (!next) throw new Error(`pairedItem ${paired.item} of ${name} points at nothing in ${source.previousNode}`);
		if (source.previousNode === NODE.items) return paired.item;
		name = source.previousNode;
		current = next;
	}
	throw new Error(`pairedItem chain from ${node} does not end`);
}

const isError = (item: INodeExecutionData) => typeof item.json.error === 'string' || item.error !== undefined;

export function placementOutcomes(result: RunResult, count: number): Outcome[] {
	const runData = result.run.data.resultData.runData;
	const outcomes: Outcome[] = Array.from({ length: count }, () => ({ kind: 'missing' }));
	const outputs = (node: string) => (runData[node] ? runData[node][0].data?.main ?? [] : []).flatMap((items) => items ?? []);

	// Errors first, in chain order, so a placement reports where it first failed.
	for (const node of [...CHAIN_ORDER, NODE.assignment, NODE.session]) {
		for (const item of outputs(node)) {
			if (!isError(item)) continue;
			const index = sourceIndex(runData, node, item);
			if (outcomes[index].kind === 'missing') outcomes[index] = { kind: 'failed', node, reason: String(item.json.error) };
		}
	}
	// The IDs each placement's contractor, job and quote got, by placement index.
	const createdIds = (node: string) => {
		const ids = new Map<number, string>();
		for (const item of outputs(node)) if (!isError(item)) ids.set(sourceIndex(runData, node, item), String(item.json.id));
		return ids;
	};
	const contractors = createdIds(NODE.contractor);
	const jobs = createdIds(NODE.job);
	const quotes = createdIds(NODE.quote);
	for (const node of [NODE.assignment, NODE.session]) {
		for (const item of outputs(node)) {
			if (isError(item)) continue;
			const index = sourceIndex(runData, node, item);
			if (outcomes[index].kind !== 'missing') continue;
			outcomes[index] = { kind: 'done', via: node, contractor: String(contractors.get(index)), job: String(jobs.get(index)), quote: String(quotes.get(index)) };
		}
	}
	return outcomes;
}
