/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { PACKAGE, registerNodeType } from '../helpers/nodeTypes';
import { chain, runWorkflow } from '../helpers/workflow';
import { benchRecords } from './mappingRecords';
import { figure, heading, judge, ms, type BenchResult } from './report';

/**
 * Benchmark 1: placements through the JobDivaToTen99 node running in n8n-core, with the node parameters of the shipped
 * placement template (Category Table, Client Table, URL templates, options), timed as n8n times the node (its
 * `executionTime`). Each placement then needs at least 4 calls to 1099Policy (contractor, job, quote, assignment):
 * at 25 ms and 4 in parallel that is 25 ms per placement, so 2,000 placements/s keeps the mapping under 2% of it.
 * Target: ≥ 2,000 placements/s. Also shown: the same with an expression in a rule parameter (rules read per item).
 */

const COUNT = 5_000;
const TARGET = 2_000;
const TYPE = `${PACKAGE}.jobDivaToTen99`;
const TEMPLATE = join(__dirname, '../../templates/jobdiva-placement-to-1099policy.json');

function templateParameters(): INodeParameters {
	const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { nodes: { type: string; parameters: INodeParameters }[] };
	const node = template.nodes.find((each) => each.type === TYPE);
	if (!node) throw new Error(`No ${TYPE} node in ${TEMPLATE}`);
	return node.parameters;
}

/** Runs the items through the node; the node's own time (ms) and its outputs' sizes. */
async function mapThroughNode(items: Record<string, unknown>[], parameters: INodeParameters) {
	const workflow = chain(items, { name: 'Map placement', type: TYPE, typeVersion: 1, parameters, continueOnFail: true });
	const cpu = process.cpuUsage();
	const result = await runWorkflow(workflow);
	const { user, system } = process.cpuUsage(cpu);
	if (result.error) throw result.error;
	const run = result.run.data.resultData.runData['Map placement'][0];
	const mapped = result.output('Map placement');
	return { ms: run.executionTime, cpuMs: (user + system) / 1000, mapped: mapped.filter((item) => item.json.quote).length, errors: mapped.filter((item) => item.json.error).length, skipped: result.output('Map placement', 1).length };
}

export async function benchMapping(): Promise<BenchResult> {
	heading(`1. Mapping: ${COUNT.toLocaleString('en-US')} placements through the JobDivaToTen99 node (n8n-core, template parameters)`);
	registerNodeType(TYPE, new JobDivaToTen99());
	const items = benchRecords(COUNT * 2)
		.filter((record) => record.operation === 'mapPlacement')
		.slice(0, COUNT)
		.map((record) => record.input as Record<string, unknown>);
	const parameters = templateParameters();
	// A warm-up run, then the best of three.
	await mapThroughNode(items.slice(0, 500), parameters);
	let best = { ms: Infinity, cpuMs: 0, mapped: 0, errors: 0, skipped: 0 };
	for (let run = 0; run < 3; run++) {
		const outcome = await mapThroughNode(items, parameters);
		if (outcome.ms < best.ms) best = outcome;
	}
	const perSecond = COUNT / (best.ms / 1000);
	const perCpuSecond = COUNT / (best.cpuMs / 1000);
	figure('placements', `${COUNT.toLocaleString('en-US')} (nested BI, BI activity, searchStart, camelCase, webhook salary)`);
	figure('outcomes', `${best.mapped} mapped, ${best.skipped} skipped, ${best.errors} errors`);
	figure('node time, rules parsed once', `${ms(best.ms)} → ${Math.round(perSecond).toLocaleString('en-US')} placements/s`);
	// On a shared machine the wall time includes waiting for a core; the CPU time of the whole run (items node included) does not.
	figure('  CPU time of that whole workflow run', `${ms(best.cpuMs)} → ${Math.round(perCpuSecond).toLocaleString('en-US')} placements/s`);
	const withExpression = await mapThroughNode(items, { ...parameters, contractorId: '={{ "cn_" + ($json.candidate?.ID ?? "x") }}' });
	figure('node time, an expression in Contractor ID', `${ms(withExpression.ms)} → ${Math.round(COUNT / (withExpression.ms / 1000)).toLocaleString('en-US')} placements/s (rules read per item)`);
	const apiMs = (COUNT * 4 * 25) / 4;
	figure('API time of the same placements (4 calls, 25 ms, 4 parallel)', `${ms(apiMs)} → mapping ${((best.ms / apiMs) * 100).toFixed(2)} % of it`);
	return {
		name: 'mapping',
		judgements: [
			judge('placements/s through the node', Math.round(perSecond).toLocaleString('en-US'), `≥ ${TARGET.toLocaleString('en-US')}`, perSecond >= TARGET),
			// the same, by CPU time: what the node can do when it has a core (a shared machine's wall time includes the wait)
			judge('placements/s by CPU time of the run', Math.round(perCpuSecond).toLocaleString('en-US'), `≥ ${TARGET.toLocaleString('en-US')}`, perCpuSecond >= TARGET),
		],
		note: `${((best.ms / apiMs) * 100).toFixed(2)} % of the API time`,
	};
}
