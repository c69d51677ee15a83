import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { DataTableDouble } from './dataTableDouble';

/*
 * Test doubles for the few n8n-nodes-base nodes our templates use, so a template can run in-process through
 * n8n-core. n8n-nodes-base itself cannot be a devDependency: one of its dependencies is a tarball outside the npm
 * registry, and pinning it needs an `overrides` field that the community-node rules forbid. The doubles keep the
 * parts that matter — If conditions are evaluated by n8n-core's own filter engine, Set assignments by its
 * expression engine — and the real nodes run in the end-to-end tests (test/e2e), in real n8n.
 */

const description = (name: string, displayName: string, extra: Partial<INodeTypeDescription>): INodeTypeDescription => ({
	displayName,
	name,
	group: ['transform'],
	version: 1,
	description: `${displayName} (test double)`,
	defaults: { name: displayName },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [],
	...extra,
});

export class ManualTriggerDouble implements INodeType {
	description = description('manualTrigger', 'Manual Trigger', { group: ['trigger'], inputs: [] });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/**
 * n8n-nodes-base.scheduleTrigger v1.2: `rule.interval[]` ({field: 'days', daysInterval, triggerAtHour, triggerAtMinute}
 * …). Run from here (as n8n's "Execute workflow" does) it emits the real node's one item: the time of the run.
 */
export class ScheduleTriggerDouble implements INodeType {
	description = description('scheduleTrigger', 'Schedule Trigger', {
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2, 1.3],
		inputs: [],
		properties: [
			{
				displayName: 'Trigger Rules',
				name: 'rule',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: { interval: [{ field: 'days' }] },
				options: [
					{
						displayName: 'Trigger Interval',
						name: 'interval',
						values: [
							{ displayName: 'Trigger Interval', name: 'field', type: 'options', default: 'days', options: ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'cronExpression'].map((value) => ({ name: value, value })) },
							{ displayName: 'Days Between Triggers', name: 'daysInterval', type: 'number', default: 1, displayOptions: { show: { field: ['days'] } } },
							{ displayName: 'Trigger at Hour', name: 'triggerAtHour', type: 'number', default: 0 },
							{ displayName: 'Trigger at Minute', name: 'triggerAtMinute', type: 'number', default: 0 },
						],
					},
				],
			},
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const now = new Date();
		return [[{ json: { timestamp: now.toISOString(), 'Day of week': now.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }), Timezone: 'UTC (UTC+00:00)' } }]];
	}
}

/** n8n-nodes-base.if v2: two outputs; `conditions` is a filter parameter evaluated per item by n8n-core. */
export class IfDouble implements INodeType {
	description = description('if', 'If', {
		version: [2, 2.1, 2.2],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {}, typeOptions: { filter: { caseSensitive: true, typeValidation: 'strict', version: 2 } } },
			{ displayName: 'Loose Type Validation', name: 'looseTypeValidation', type: 'boolean', default: false },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const kept: INodeExecutionData[] = [];
		const rejected: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			const pass = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true }) as boolean;
			(pass ? kept : rejected).push({ ...item, pairedItem: { item: itemIndex } });
		}
		return [kept, rejected];
	}
}

/**
 * n8n-nodes-base.set v3.3+ in manual mode (`assignments` with names, values (expressions) and types) or in JSON mode
 * (`mode: raw`, `jsonOutput`: a JSON text, or an expression giving an object, which n8n's Set writes out as JSON).
 */
export class SetDouble implements INodeType {
	description = description('set', 'Edit Fields (Set)', {
		version: [3.3, 3.4],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', default: 'manual', options: [{ name: 'Manual', value: 'manual' }, { name: 'JSON', value: 'raw' }] },
			{ displayName: 'Fields to Set', name: 'assignments', type: 'assignmentCollection', default: {} },
			{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}' },
			{ displayName: 'Include Other Input Fields', name: 'includeOtherFields', type: 'boolean', default: false },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, itemIndex) => {
				if (this.getNodeParameter('mode', itemIndex, 'manual') === 'raw') {
					const raw = this.getNodeParameter('jsonOutput', itemIndex);
					return { json: (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject, pairedItem: { item: itemIndex } };
				}
				const assignments = this.getNodeParameter('assignments.assignments', itemIndex, []) as Array<{ name: string; value: unknown }>;
				const json: IDataObject = this.getNodeParameter('includeOtherFields', itemIndex, false) ? { ...item.json } : {};
				for (const { name, value } of assignments) json[name] = value as IDataObject[string];
				return { json, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/**
 * n8n-nodes-base.switch v3 in rules mode: one output per rule, each rule's `conditions` a filter evaluated per item by
 * n8n-core; an item goes to the first rule it matches (the node's default), or nowhere (fallback output "none").
 */
export class SwitchDouble implements INodeType {
	description = description('switch', 'Switch', {
		version: [3, 3.1, 3.2],
		// Like the real node, the outputs follow the configured rules.
		outputs: `={{ ($parameter.rules?.values ?? []).map(() => '${NodeConnectionTypes.Main}') }}`,
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', default: 'rules', options: [{ name: 'Rules', value: 'rules' }] },
			{
				displayName: 'Routing Rules',
				name: 'rules',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				default: {},
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {}, typeOptions: { filter: { caseSensitive: true, typeValidation: 'strict', version: 2 } } },
							{ displayName: 'Rename Output', name: 'renameOutput', type: 'boolean', default: false },
							{ displayName: 'Output Name', name: 'outputKey', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const rules = (this.getNodeParameter('rules.values', 0, []) as unknown[]).length;
		const outputs: INodeExecutionData[][] = Array.from({ length: rules }, () => []);
		for (const [itemIndex, item] of this.getInputData().entries()) {
			for (let rule = 0; rule < rules; rule++) {
				if (this.getNodeParameter(`rules.values[${rule}].conditions`, itemIndex, false, { extractValue: true })) {
					outputs[rule].push({ ...item, pairedItem: { item: itemIndex } });
					break;
				}
			}
		}
		return outputs;
	}
}

export class NoOpDouble implements INodeType {
	description = description('noOp', 'No Operation, do nothing', {});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}

export class StickyNoteDouble implements INodeType {
	description = description('stickyNote', 'Sticky Note', { inputs: [], outputs: [] });

	async execute(): Promise<INodeExecutionData[][]> {
		return [[]];
	}
}

/** n8n-nodes-base.stopAndError: fails the run with the configured message (its `errorMessage` expression evaluated per item). */
export class StopAndErrorDouble implements INodeType {
	description = description('stopAndError', 'Stop and Error', {
		outputs: [],
		properties: [
			{ displayName: 'Error Type', name: 'errorType', type: 'options', default: 'errorMessage', options: [{ name: 'Error Message', value: 'errorMessage' }] },
			{ displayName: 'Error Message', name: 'errorMessage', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new NodeOperationError(this.getNode(), this.getNodeParameter('errorMessage', 0) as string);
	}
}

/**
 * n8n-nodes-base.webhook v2: started by an HTTP request in real n8n; in-process a test replaces it with a `test.items`
 * node emitting what it emits (`{headers, params, query, body}`), so this double emits nothing when run.
 */
export class WebhookDouble implements INodeType {
	description = description('webhook', 'Webhook', {
		group: ['trigger'],
		version: [2, 2.1],
		inputs: [],
		properties: [
			{ displayName: 'HTTP Method', name: 'httpMethod', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'Respond', name: 'responseMode', type: 'string', default: 'onReceived' },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(): Promise<INodeExecutionData[][]> {
		return [[]];
	}
}

/** What the Respond to Webhook doubles answered, in order (per test: see test/setup/freshProcessState.ts). */
export const webhookAnswers: unknown[] = [];

/**
 * n8n-nodes-base.respondToWebhook v1.1 with `respondWith: json`: the real node answers the request with `responseBody`
 * (evaluated for the first item) and passes its items on; the double records the answer in `webhookAnswers`.
 */
export class RespondToWebhookDouble implements INodeType {
	description = description('respondToWebhook', 'Respond to Webhook', {
		version: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
		properties: [
			{ displayName: 'Respond With', name: 'respondWith', type: 'options', default: 'json', options: [{ name: 'JSON', value: 'json' }] },
			{ displayName: 'Response Body', name: 'responseBody', type: 'json', default: '' },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length > 0) {
			const body = this.getNodeParameter('responseBody', 0);
			webhookAnswers.push(typeof body === 'string' ? JSON.parse(body) : body);
		}
		return [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}

/**
 * n8n-nodes-base.merge v3.2, `mode: combine`, `combineBy: combineByPosition`, clash handling "prefer input 2": item i
 * of each input merged into one (JSON and binary; input 2 wins a clash), as many items as the shorter input has.
 */
export class MergeDouble implements INodeType {
	description = description('merge', 'Merge', {
		version: [3, 3.1, 3.2],
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', default: 'combine', options: [{ name: 'Combine', value: 'combine' }] },
			{ displayName: 'Combine By', name: 'combineBy', type: 'options', default: 'combineByPosition', options: [{ name: 'Position', value: 'combineByPosition' }] },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const first = this.getInputData(0) ?? [];
		const second = this.getInputData(1) ?? [];
		return [
			Array.from({ length: Math.min(first.length, second.length) }, (_, i) => ({
				json: { ...first[i].json, ...second[i].json },
				binary: { ...first[i].binary, ...second[i].binary },
				pairedItem: [
					{ item: i, input: 0 },
					{ item: i, input: 1 },
				],
			})),
		];
	}
}

export const BASE_NODE_DOUBLES: Record<string, INodeType> = {
	'n8n-nodes-base.dataTable': new DataTableDouble(),
	'n8n-nodes-base.stopAndError': new StopAndErrorDouble(),
	'n8n-nodes-base.manualTrigger': new ManualTriggerDouble(),
	'n8n-nodes-base.scheduleTrigger': new ScheduleTriggerDouble(),
	'n8n-nodes-base.if': new IfDouble(),
	'n8n-nodes-base.set': new SetDouble(),
	'n8n-nodes-base.noOp': new NoOpDouble(),
	'n8n-nodes-base.switch': new SwitchDouble(),
	'n8n-nodes-base.stickyNote': new StickyNoteDouble(),
	'n8n-nodes-base.webhook': new WebhookDouble(),
	'n8n-nodes-base.respondToWebhook': new RespondToWebhookDouble(),
	'n8n-nodes-base.merge': new MergeDouble(),
};
